//! Decides what a dropped file is, by name and content, and hands it to the right parser.
use super::coverage_py::parse_coverage_py_json;
use super::diagnostics::ParseOutcome;
use crate::core::model::CoverageReport;

/// Everything a dropped file can turn into.
#[derive(Clone, Debug, PartialEq)]
pub enum DroppedContent {
    Coverage(CoverageReport),
}

/// Parses one dropped file. Formats Covscope does not read yet get a message that says
/// what the file is and what to drop instead, rather than a confusing JSON error.
pub fn parse_dropped_file(file_name: &str, bytes: &[u8]) -> ParseOutcome<DroppedContent> {
    let lowercase_name = file_name.to_lowercase();
    let unsupported = [
        (".xml", "a Cobertura XML report"),
        (".lcov", "an lcov tracefile"),
        (".info", "an lcov tracefile"),
        (".html", "an HTML page"),
        (".md", "a markdown document"),
        (".markdown", "a markdown document"),
    ];
    for (extension, description) in unsupported {
        if lowercase_name.ends_with(extension) {
            return ParseOutcome::failure(format!(
                "this looks like {description}, which Covscope does not read yet; drop the coverage.json written by `coverage json`"
            ));
        }
    }
    let outcome = parse_coverage_py_json(bytes);
    ParseOutcome {
        value: outcome.value.map(DroppedContent::Coverage),
        diagnostics: outcome.diagnostics,
    }
}
