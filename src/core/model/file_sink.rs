//! Where a parser that reads a report file by file hands each file as soon as it is
//! converted, so the caller can pass the files on while the rest is still being read.
use super::report::{CoverageReport, FileCoverage, ReportFacts};

/// Takes a report's files one at a time, in the report's order.
///
/// A parser calls [`ReportFileSink::begin`] before the first file, then
/// [`ReportFileSink::add_file`] for each; when the parse fails, the files given so far are
/// not a report and the caller drops them. A parser that finds it must read the report
/// again whole (a path listed twice keeps its first place and its last entry, which a file
/// already passed on cannot get) calls `begin` again: every file given before is void, and
/// the report's files follow again from the first.
pub trait ReportFileSink {
    /// The files of a report begin, or begin again; `facts` are the report's facts as far
    /// as they are known before its files (its format, the precision of its figures), and
    /// `file_count` how many files follow when that is known (a report parsed whole).
    fn begin(&mut self, facts: &ReportFacts, file_count: Option<usize>);

    /// The report's next file.
    fn add_file(&mut self, file: FileCoverage);
}

/// Collecting the files in a list is how the whole-report parsers use the file-by-file
/// ones: the list is the report's files.
impl ReportFileSink for Vec<FileCoverage> {
    fn begin(&mut self, _facts: &ReportFacts, file_count: Option<usize>) {
        self.clear();
        self.reserve_exact(file_count.unwrap_or(0));
    }

    fn add_file(&mut self, file: FileCoverage) {
        self.push(file);
    }
}

/// Hands a report parsed whole to a sink, file by file, and gives back the rest of it (its
/// shell: facts and totals, no files): how a format without a file-by-file parser, or a
/// report that had to be read again whole, reaches a caller that takes files one at a time.
pub fn hand_files_to_sink(
    mut report: CoverageReport,
    sink: &mut dyn ReportFileSink,
) -> CoverageReport {
    let files = std::mem::take(&mut report.files);
    sink.begin(&report.facts, Some(files.len()));
    for file in files {
        sink.add_file(file);
    }
    report
}
