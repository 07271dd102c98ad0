//! Decides what a dropped file is, by name and content, and hands it to the right parser.
use super::file_limits::is_markdown_name;
use super::registry::{recognise_coverage_content, Recognised};
use crate::core::document::{parse_document, PlanningDocument};
use crate::core::formats::{
    parse_coverage_py_json_reporting_progress, parse_coverage_py_json_streaming_files,
};
use crate::core::model::{hand_files_to_sink, CoverageReport, Patch, ReportFileSink};
use crate::core::text::ParseOutcome;

/// Everything a dropped file can turn into. A document is a `PlanningDocument` as parsed;
/// the page holds it as read for the view (`analysis::read_document::PageContent`).
#[derive(Clone, Debug, PartialEq)]
pub enum DroppedContent<Document = PlanningDocument> {
    // Both are large; boxing keeps the enum (and every message carrying it) small.
    Coverage(Box<CoverageReport>),
    Document(Box<Document>),
    /// A unified diff, for patch coverage against a loaded report.
    Patch(Box<Patch>),
}

/// Parses one dropped file; `file_name` may carry the folders it was dropped in.
///
/// Markdown (by its name) goes to the document reader; every other file goes to the
/// parser of the format the registry recognises from its content, a diff to the diff
/// parser. Formats Covscope does
/// not read get a message that says what the file is, rather than a confusing JSON error.
pub fn parse_dropped_file(file_name: &str, bytes: &[u8]) -> ParseOutcome<DroppedContent> {
    parse_dropped_file_reporting_progress(file_name, bytes, &mut |_| {})
}

/// Reads a markdown document (the parsing worker calls this for a markdown file's name).
pub fn parse_dropped_document(file_name: &str, bytes: &[u8]) -> ParseOutcome<DroppedContent> {
    let outcome = parse_document(file_name, bytes);
    ParseOutcome {
        value: outcome
            .value
            .map(|document| DroppedContent::Document(Box::new(document))),
        diagnostics: outcome.diagnostics,
    }
}

/// Parses like `parse_dropped_file`, calling `on_progress` with the bytes read so far:
/// about every MiB through a coverage.py report, and always last with `bytes.len()`.
pub fn parse_dropped_file_reporting_progress(
    file_name: &str,
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<DroppedContent> {
    if is_markdown_name(file_name) {
        let outcome = parse_dropped_document(file_name, bytes);
        on_progress(bytes.len());
        return outcome;
    }
    parse_report_reporting_progress(bytes, on_progress)
}

/// Parses a file that is not a markdown document by its content alone: a coverage report
/// of the format the registry recognises, or a diff. The parsing worker calls this for
/// every file whose name is not a markdown document's.
pub fn parse_report_reporting_progress(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<DroppedContent> {
    let parser = match recognise_coverage_content(bytes) {
        Recognised::Format { parser, .. } => parser,
        Recognised::Patch { parser } => {
            let outcome = parser(bytes, on_progress);
            return ParseOutcome {
                value: outcome
                    .value
                    .map(|patch| DroppedContent::Patch(Box::new(patch))),
                diagnostics: outcome.diagnostics,
            };
        }
        Recognised::Unread { message } => {
            on_progress(bytes.len());
            return ParseOutcome::failure(message);
        }
        // coverage.py's parser names JSON syntax errors by line and column and describes
        // JSON from other tools by its keys, the best message for unclaimed text.
        Recognised::Unclaimed => parse_coverage_py_json_reporting_progress,
    };
    let outcome = parser(bytes, on_progress);
    ParseOutcome {
        value: outcome
            .value
            .map(|report| DroppedContent::Coverage(Box::new(report))),
        diagnostics: outcome.diagnostics,
    }
}

/// Parses like [`parse_report_reporting_progress`], but a coverage report's files go to
/// `sink` in the report's order, and its `DroppedContent::Coverage` is the report without
/// its files (facts, totals; the diagnostics are the whole report's): the one road of the
/// parsing worker, which passes the files on while the rest is read.
///
/// Formats with a file-by-file parser (coverage.py's JSON, Istanbul's coverage-final.json,
/// lcov, Cobertura) hand each file over as soon as it is read; every other format is parsed whole first and
/// its files handed over after. When the outcome is a failure, the files the sink was given
/// are no report: the caller drops them.
pub fn parse_report_streaming_files(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    sink: &mut dyn ReportFileSink,
) -> ParseOutcome<DroppedContent> {
    let outcome = match recognise_coverage_content(bytes) {
        Recognised::Format {
            streaming_parser: Some(streaming_parser),
            ..
        } => streaming_parser(bytes, on_progress, sink),
        // The same unclaimed text goes to coverage.py's parser, as above.
        Recognised::Unclaimed => parse_coverage_py_json_streaming_files(bytes, on_progress, sink),
        _ => {
            let outcome = parse_report_reporting_progress(bytes, on_progress);
            return match outcome.value {
                Some(DroppedContent::Coverage(report)) => ParseOutcome {
                    value: Some(DroppedContent::Coverage(Box::new(hand_files_to_sink(
                        *report, sink,
                    )))),
                    diagnostics: outcome.diagnostics,
                },
                value => ParseOutcome {
                    value,
                    diagnostics: outcome.diagnostics,
                },
            };
        }
    };
    ParseOutcome {
        value: outcome
            .value
            .map(|shell| DroppedContent::Coverage(Box::new(shell))),
        diagnostics: outcome.diagnostics,
    }
}
