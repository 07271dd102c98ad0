//! A planning document read ahead of time and kept as text (the demo's documents), and
//! reading it back on the page without the parsing worker.
//!
//! The text's first line is [`PREPARED_DOCUMENT_PREFIX`] and then the document as a share
//! link's data travels (`v1.`, base64url of the checksummed, deflated bytes), the bytes
//! being the name the document is loaded under and the read document in the form the
//! parsing worker hands it to the page. Further lines are warnings, as in a prepared
//! report. Without this, the demo's documents went through the parsing worker at start,
//! and a file dropped in the page's first second waited behind them (BENCHMARKS.md, "The
//! demo's documents prepared").
use serde::{Deserialize, Serialize};

use super::fragment::{fragment_from_payload, payload_from_fragment};
use super::prepared_report::{read_warning_lines, report_from_prepared_text, write_warning_lines};
use crate::core::analysis::read_document::{PageContent, ReadDocument};
use crate::core::input::DroppedContent;
use crate::core::text::ParseOutcome;

/// What starts the first line of a prepared document, telling it from a prepared report
/// (whose first line is a share link's fragment, `v1.`).
pub const PREPARED_DOCUMENT_PREFIX: &str = "document ";

/// The bytes inside a prepared document's first line.
#[derive(Serialize, Deserialize)]
struct PreparedDocument {
    /// The name the document is loaded under, so a stale or misplaced file is refused
    /// instead of shown under a wrong name.
    name: String,
    document: ReadDocument,
}

/// The prepared text of one document loaded as `name`, with the reading's warnings; fails
/// for a warning that runs over more than one line.
pub fn prepared_document_text(
    name: &str,
    document: &ReadDocument,
    warnings: &[String],
) -> Result<String, String> {
    let prepared = PreparedDocument {
        name: name.to_string(),
        document: document.clone(),
    };
    // Encoding owned strings, numbers and enums into a growing vector cannot fail.
    let bytes = postcard::to_allocvec(&prepared).unwrap_or_default();
    let mut text = format!(
        "{PREPARED_DOCUMENT_PREFIX}{}\n",
        fragment_from_payload(&bytes)
    );
    write_warning_lines(&mut text, warnings)?;
    Ok(text)
}

/// Reads any prepared text back (a report's or a document's, told apart by the first
/// line), as the load of a file named `name` would end on the page: the content with its
/// warnings, or one error saying why the text is not prepared content of that name.
pub fn page_content_from_prepared_text(name: &str, text: &str) -> ParseOutcome<PageContent> {
    let mut lines = text.lines();
    let Some(encoded) = lines
        .next()
        .and_then(|first| first.strip_prefix(PREPARED_DOCUMENT_PREFIX))
    else {
        return report_from_prepared_text(name, text);
    };
    let refused = |reason: &str| {
        ParseOutcome::failure(format!(
            "the prepared document {name} is not usable: {reason}"
        ))
    };
    let bytes = match payload_from_fragment(encoded.trim()) {
        Ok(bytes) => bytes,
        Err(problem) => return refused(&problem),
    };
    let prepared: PreparedDocument = match postcard::from_bytes(&bytes) {
        Ok(prepared) => prepared,
        Err(problem) => return refused(&format!("its document could not be read ({problem})")),
    };
    if prepared.name != name {
        return refused(&format!("it holds the document named {}", prepared.name));
    }
    match read_warning_lines(lines) {
        Some(warnings) => ParseOutcome::success(
            DroppedContent::Document(Box::new(prepared.document)),
            warnings,
        ),
        None => refused("a line after the document is not a warning"),
    }
}
