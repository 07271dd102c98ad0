//! Finds the file a path means by matching path suffixes segment by segment: the report's
//! file a document names, and the dropped source file a report's path names.
use crate::core::model::CoverageReport;
use crate::core::text::path_segments;

/// How a path written in a document matched the files of a coverage report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathMatch {
    /// Exactly one file matched; the index into `report.files`.
    Unique(usize),
    /// Several files matched equally well; never guessed between.
    Ambiguous(Vec<usize>),
    NotFound,
}

/// Matches `written_path` (as a document spells it) against the report's file paths.
///
/// Both sides are compared as `/`-separated segments, so `core/models.py` matches
/// `backend/core/models.py` but not `backend/core/old_models.py`; a longer written path
/// (`/home/ci/app/models.py`) matches a shorter relative report path (`app/models.py`).
/// An exact full match beats suffix matches.
pub fn match_path_by_suffix(written_path: &str, report: &CoverageReport) -> PathMatch {
    match_among_paths(
        written_path,
        report.files.iter().map(|file| file.path.as_str()),
    )
}

/// Finds the dropped source file a report's path means, among the paths of the source
/// files (as a dropped folder spells them, `project/toolz/functoolz.py`), by the same
/// suffix rule: the report's `toolz/functoolz.py` and `/ci/build/toolz/functoolz.py`
/// both find it. Two sources that fit equally well are reported, never guessed between.
pub fn match_source_by_suffix<'a>(
    report_path: &str,
    source_paths: impl IntoIterator<Item = &'a str>,
) -> PathMatch {
    match_among_paths(report_path, source_paths)
}

/// The suffix match of one path against candidates, by index among them.
fn match_among_paths<'a>(
    written_path: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> PathMatch {
    let written = path_segments(written_path);
    if written.is_empty() {
        return PathMatch::NotFound;
    }
    let mut exact = Vec::new();
    let mut suffix = Vec::new();
    for (index, candidate) in candidates.into_iter().enumerate() {
        let segments = path_segments(candidate);
        if segments.is_empty() {
            continue;
        }
        if segments == written {
            exact.push(index);
        } else if segments.ends_with(&written) || written.ends_with(&segments) {
            suffix.push(index);
        }
    }
    let candidates = if exact.is_empty() { suffix } else { exact };
    match candidates.len() {
        0 => PathMatch::NotFound,
        1 => PathMatch::Unique(candidates[0]),
        _ => PathMatch::Ambiguous(candidates),
    }
}
