//! The value-plus-diagnostics result that every parser returns instead of failing.

/// How serious a diagnostic is: an error means the input could not be used at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something looked odd but the value is still usable; shown as a warning.
    Warning,
    /// The input could not be turned into a value; the value is absent.
    Error,
}

/// One message about an input, worded for the person who dropped the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
}

/// What a parser returns: the value when one could be built, and everything it noticed.
///
/// Parsers never panic and never return `Result`: an unusable input yields `value: None`
/// with at least one `Severity::Error` diagnostic, so callers always have a message to show.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseOutcome<T> {
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}

impl<T> ParseOutcome<T> {
    /// A failed parse with one error message.
    pub fn failure(message: impl Into<String>) -> Self {
        ParseOutcome {
            value: None,
            diagnostics: vec![Diagnostic::error(message)],
        }
    }

    /// A successful parse with the warnings gathered on the way.
    pub fn success(value: T, warnings: Vec<Diagnostic>) -> Self {
        ParseOutcome {
            value: Some(value),
            diagnostics: warnings,
        }
    }

    /// The first error message, if the parse failed.
    pub fn first_error(&self) -> Option<&str> {
        self.diagnostics
            .iter()
            .find(|diagnostic| diagnostic.severity == Severity::Error)
            .map(|diagnostic| diagnostic.message.as_str())
    }

    /// The messages of all warnings, in the order they were found.
    pub fn warning_messages(&self) -> Vec<String> {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Warning)
            .map(|diagnostic| diagnostic.message.clone())
            .collect()
    }
}
