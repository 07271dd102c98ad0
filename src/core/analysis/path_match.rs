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

/// The report's paths indexed by file name, for matching many paths (every file of a
/// diff) at once: [`match_path_by_suffix`]'s answer, without comparing each path with
/// every report file.
///
/// A suffix match in either direction needs the last segments to be equal, so only the
/// files with the same name are compared.
pub struct ReportPathIndex<'report> {
    segments_by_file: Vec<Vec<&'report str>>,
    files_by_name: std::collections::HashMap<&'report str, Vec<usize>>,
}

impl<'report> ReportPathIndex<'report> {
    pub fn new(report: &'report CoverageReport) -> Self {
        let segments_by_file: Vec<Vec<&str>> = report
            .files
            .iter()
            .map(|file| path_segments(&file.path))
            .collect();
        let mut files_by_name: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        for (index, segments) in segments_by_file.iter().enumerate() {
            if let Some(name) = segments.last() {
                files_by_name.entry(name).or_default().push(index);
            }
        }
        ReportPathIndex {
            segments_by_file,
            files_by_name,
        }
    }

    /// What [`match_path_by_suffix`] answers for `written_path` against the same report.
    pub fn match_path(&self, written_path: &str) -> PathMatch {
        let written = path_segments(written_path);
        let Some(name) = written.last() else {
            return PathMatch::NotFound;
        };
        let mut exact = Vec::new();
        let mut suffix = Vec::new();
        for &index in self.files_by_name.get(name).map_or(&[][..], Vec::as_slice) {
            let segments = &self.segments_by_file[index];
            if *segments == written {
                exact.push(index);
            } else if segments.ends_with(&written) || written.ends_with(segments) {
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
}
