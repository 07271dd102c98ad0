//! Reads the contexts (the tests that ran each line) of one file of a coverage.py JSON
//! report, on demand, so the report itself loads without them.
//!
//! Refs: coverage.py `coverage/jsonreport.py` (`report_one_file`: `contexts` maps a line
//! number, as a string, to the labels of the contexts that ran it; `""` is the default
//! context, code run outside any test).
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use crate::core::model::LineNumber;
use crate::core::text::{decode_utf8_text, ParseOutcome};

/// The tests that ran each line of one file, and the reverse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileContexts {
    /// Each run line's context labels, without the default context `""`, sorted.
    pub by_line: BTreeMap<LineNumber, Vec<String>>,
    /// Lines run only outside any test (the default context alone).
    pub default_only: Vec<LineNumber>,
}

impl FileContexts {
    /// The lines exactly one test ran: what that one test alone keeps covered.
    pub fn lines_run_by_one_test(&self) -> Vec<LineNumber> {
        self.by_line
            .iter()
            .filter(|(_, labels)| labels.len() == 1)
            .map(|(&line, _)| line)
            .collect()
    }

    /// Every test that ran a line of the file, sorted, each once.
    pub fn tests(&self) -> Vec<&str> {
        let mut tests: Vec<&str> = self
            .by_line
            .values()
            .flatten()
            .map(String::as_str)
            .collect();
        tests.sort_unstable();
        tests.dedup();
        tests
    }

    /// The lines one test ran.
    pub fn lines_run_by(&self, test: &str) -> Vec<LineNumber> {
        self.by_line
            .iter()
            .filter(|(_, labels)| labels.iter().any(|label| label == test))
            .map(|(&line, _)| line)
            .collect()
    }
}

/// Reads the contexts of the file `path` from a coverage.py JSON report.
///
/// A report written without `--show-contexts` has none: the answer says so. Everything
/// but this one file's `contexts` is skipped without being kept.
pub fn read_file_contexts(bytes: &[u8], path: &str) -> ParseOutcome<FileContexts> {
    let text = match decode_utf8_text(bytes) {
        Ok(text) => text,
        Err(problem) => return ParseOutcome::failure(problem.describe()),
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let found = ReportSeed { path }.deserialize(&mut deserializer);
    match found {
        Ok(Some(Some(contexts))) => ParseOutcome::success(arrange(contexts), Vec::new()),
        Ok(Some(None)) => ParseOutcome::failure(
            "the report has no contexts: coverage.py writes them only with `coverage json --show-contexts` after a run with dynamic contexts (`--context` or `[run] dynamic_context`)",
        ),
        Ok(None) => ParseOutcome::failure(format!("the report has no file \"{path}\"")),
        Err(error) => {
            let message = error.to_string();
            let without_position = message
                .rfind(" at line ")
                .map_or(message.as_str(), |index| &message[..index]);
            ParseOutcome::failure(format!(
                "the contexts could not be read: {without_position} (line {}, column {})",
                error.line(),
                error.column()
            ))
        }
    }
}

fn arrange(raw: BTreeMap<String, Vec<String>>) -> FileContexts {
    let mut contexts = FileContexts::default();
    for (line, labels) in raw {
        // A key that is no line number Covscope holds cannot match a line of the report (its
        // parser refuses such numbers), so it is passed over like any other unreadable key.
        let Ok(line) = line.parse::<LineNumber>() else {
            continue;
        };
        let mut tests: Vec<String> = labels
            .into_iter()
            .filter(|label| !label.is_empty())
            .collect();
        tests.sort_unstable();
        tests.dedup();
        if tests.is_empty() {
            contexts.default_only.push(line);
        } else {
            contexts.by_line.insert(line, tests);
        }
    }
    // The JSON keys are strings, so "26" came before "5".
    contexts.default_only.sort_unstable();
    contexts
}

/// `None`: no such file; `Some(None)`: the file, without contexts.
type FoundContexts = Option<Option<BTreeMap<String, Vec<String>>>>;

struct ReportSeed<'path> {
    path: &'path str,
}

impl<'de> DeserializeSeed<'de> for ReportSeed<'_> {
    type Value = FoundContexts;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ReportSeed<'_> {
    type Value = FoundContexts;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a coverage.py report object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = access.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "files" && found.is_none() {
                found = access.next_value_seed(FilesSeed { path: self.path })?;
            } else {
                access.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

struct FilesSeed<'path> {
    path: &'path str,
}

impl<'de> DeserializeSeed<'de> for FilesSeed<'_> {
    type Value = FoundContexts;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FilesSeed<'_> {
    type Value = FoundContexts;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object keyed by file path")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = access.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.path {
                let entry: ContextsOnly = access.next_value()?;
                found = Some(entry.contexts);
            } else {
                access.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// A file entry of which only `contexts` is kept.
#[derive(Deserialize)]
struct ContextsOnly {
    contexts: Option<BTreeMap<String, Vec<String>>>,
}
