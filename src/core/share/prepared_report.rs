//! A report parsed ahead of time and kept as text (the demo's reports), and reading it
//! back on the page without the parsing worker.
//!
//! The text's first line is exactly what a share link of that one report carries (`v1.`
//! and the checksummed, deflated payload): versioned, checked on the way in, and decoded
//! by code the page already holds for share links. Each further line is one warning the
//! parser gave, after [`WARNING_LINE_PREFIX`], so the report shows the same warnings as
//! when it was parsed. The name inside must be the name the report is loaded under, so a
//! stale or misplaced file is refused instead of shown under a wrong name.
use super::fragment::{decode_share_fragment, encode_share_fragment};
use super::view_state::ViewState;
use crate::core::input::DroppedContent;
use crate::core::model::CoverageReport;
use crate::core::text::{Diagnostic, ParseOutcome};

/// What starts each line after the first: one warning of the parse.
pub const WARNING_LINE_PREFIX: &str = "warning: ";

/// The prepared text of one report loaded as `name`, with the parser's warnings; fails for
/// a report a share link cannot carry (see `encode_share_fragment`) and for a warning
/// that runs over more than one line.
pub fn prepared_report_text(
    name: &str,
    report: &CoverageReport,
    warnings: &[String],
) -> Result<String, String> {
    let encoded = encode_share_fragment(&ViewState::default(), &[(name, report)])?;
    let mut text = encoded.fragment;
    text.push('\n');
    write_warning_lines(&mut text, warnings)?;
    Ok(text)
}

/// Writes each warning on its own line after [`WARNING_LINE_PREFIX`]; fails for a warning
/// that runs over more than one line. Prepared reports and documents end alike.
pub(super) fn write_warning_lines(text: &mut String, warnings: &[String]) -> Result<(), String> {
    for warning in warnings {
        if warning.contains(['\n', '\r']) {
            return Err(format!(
                "the warning {warning:?} runs over more than one line"
            ));
        }
        text.push_str(WARNING_LINE_PREFIX);
        text.push_str(warning);
        text.push('\n');
    }
    Ok(())
}

/// The warnings of the lines after a prepared text's first (empty lines skipped), or
/// `None` when a line is not one.
pub(super) fn read_warning_lines<'text>(
    lines: impl Iterator<Item = &'text str>,
) -> Option<Vec<Diagnostic>> {
    lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            line.strip_prefix(WARNING_LINE_PREFIX)
                .map(Diagnostic::warning)
        })
        .collect()
}

/// Reads a prepared report back, as the load of a file named `name` would end: the report
/// with its warnings, or one error saying why the text is not a prepared report of that
/// name. The outcome is a dropped file's, whatever form documents take where it is read.
pub fn report_from_prepared_text<Document>(
    name: &str,
    text: &str,
) -> ParseOutcome<DroppedContent<Document>> {
    let refused = |reason: &str| {
        ParseOutcome::failure(format!(
            "the prepared report {name} is not usable: {reason}"
        ))
    };
    let mut lines = text.lines();
    let decoded = decode_share_fragment(lines.next().unwrap_or("").trim());
    let Some(mut payload) = decoded.value else {
        return refused(decoded.first_error().unwrap_or("it could not be read"));
    };
    let report = match payload.reports.pop() {
        Some((inside, report)) if payload.reports.is_empty() && inside == name => report,
        _ => return refused(&format!("it does not hold exactly one report named {name}")),
    };
    match read_warning_lines(lines) {
        Some(warnings) => {
            ParseOutcome::success(DroppedContent::Coverage(Box::new(report)), warnings)
        }
        None => refused("a line after the report is not a warning"),
    }
}
