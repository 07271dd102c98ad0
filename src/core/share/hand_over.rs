//! Splits a parsed report into snapshots small enough to decode one per task, and puts
//! them back together: how the parsing worker hands a large report to the page.
//!
//! Decoding a 50,000-file report at once would hold the page's thread for seconds; in
//! pieces of a bounded number of entries, each piece is decoded in its own message task
//! and the page stays responsive in between.
use super::snapshot::{report_from_worker_snapshot, snapshot_of, ReportSnapshot};
use crate::core::analysis::table::{TableRowIndex, TableRowIndexGatherer};
use crate::core::model::{CoverageReport, FileCoverage};
use crate::core::text::ParseOutcome;

/// At most this many files go into one piece: the page decodes a piece in one task, and a
/// piece of 1,000 lcov files took it 50 to 130 ms (BENCHMARKS.md, "Tuning figures").
pub const HAND_OVER_FILES_PER_PIECE: usize = 250;

/// A piece is closed once its files hold this many line numbers, arcs and regions, so a
/// few enormous files do not make one slow piece.
pub const HAND_OVER_ENTRIES_PER_PIECE: usize = 50_000;

/// The pieces a report is handed over in: every file exactly once, in order, then a
/// last piece with no files that carries the totals. The report is consumed, so no file
/// is copied on the way, and each piece is made only when it is asked for: the worker
/// posts one while the page is already decoding the one before.
pub fn hand_over_pieces(report: CoverageReport) -> HandOverPieces {
    let CoverageReport {
        facts,
        files,
        totals,
        total_coverage,
        stated_total_figures,
    } = report;
    HandOverPieces {
        shell: CoverageReport {
            facts,
            files: Vec::new(),
            totals,
            total_coverage,
            stated_total_figures,
        },
        files: files.into_iter(),
        finished: false,
        table_index: None,
    }
}

/// The pieces of one report, made one at a time (see [`hand_over_pieces`]).
pub struct HandOverPieces {
    /// The report without its files: what every piece repeats.
    shell: CoverageReport,
    files: std::vec::IntoIter<FileCoverage>,
    finished: bool,
    /// The table's row index, gathered from each file as it goes into a piece, when asked
    /// for ([`HandOverPieces::gathering_table_index`]).
    table_index: Option<TableRowIndexGatherer>,
}

impl HandOverPieces {
    /// Also gathers the table's row index from the files as they pass into the pieces, so
    /// the page need not build it: the paths are copied and lowercased a piece at a time,
    /// between the pieces' posts, and sorted once at the end
    /// ([`HandOverPieces::take_table_index`]).
    pub fn gathering_table_index(mut self) -> HandOverPieces {
        self.table_index = Some(TableRowIndexGatherer::with_capacity(self.files.len()));
        self
    }

    /// The table's row index of the whole report, once every file has gone into a piece
    /// (`None` before that, or when it was not gathered).
    pub fn take_table_index(&mut self) -> Option<TableRowIndex> {
        if !self.files.as_slice().is_empty() {
            return None;
        }
        self.table_index.take().map(TableRowIndexGatherer::finish)
    }
}

impl Iterator for HandOverPieces {
    type Item = ReportSnapshot;

    fn next(&mut self) -> Option<ReportSnapshot> {
        if self.finished {
            return None;
        }
        let mut chunk = Vec::new();
        let mut entries = 0;
        while chunk.len() < HAND_OVER_FILES_PER_PIECE && entries < HAND_OVER_ENTRIES_PER_PIECE {
            let Some(file) = self.files.next() else {
                break;
            };
            entries += entry_count(&file);
            if let Some(table_index) = &mut self.table_index {
                table_index.add_file(&file);
            }
            chunk.push(file);
        }
        if chunk.is_empty() {
            // No file is left: the last piece, with the totals only.
            self.finished = true;
        }
        let snapshot = snapshot_of(&CoverageReport {
            files: chunk,
            ..self.shell.clone()
        });
        Some(snapshot)
    }
}

/// Puts handed-over pieces back together, in the order they were made.
#[derive(Default)]
pub struct HandOverAssembly {
    files: Vec<FileCoverage>,
    problem: Option<String>,
}

impl HandOverAssembly {
    /// Makes room for the whole report's `file_count` files before the first piece is
    /// added, so the list is allocated once at its size: grown by doubling as the pieces
    /// came, a 200,000-file report's list was copied at every doubling (the last time
    /// tens of MB in one task, with as much new memory asked of the browser at once) and
    /// ended with room for 256,000 files. Later calls change nothing, and neither does a
    /// count no memory can hold (the list then grows as before).
    pub fn expect_files(&mut self, file_count: usize) {
        if self.files.capacity() == 0 {
            // Failing to reserve is not failing to load: the pieces still fit one by one.
            let _ = self.files.try_reserve_exact(file_count);
        }
    }

    /// Adds one piece with files; a piece that does not decode spoils the whole report.
    pub fn add_piece(&mut self, piece: &ReportSnapshot) {
        if self.problem.is_some() {
            return;
        }
        let decoded = report_from_worker_snapshot(piece);
        match decoded.value {
            Some(report) => self.files.extend(report.files),
            None => {
                self.problem = Some(
                    decoded
                        .first_error()
                        .unwrap_or("a piece of the report could not be read")
                        .to_string(),
                )
            }
        }
    }

    /// Finishes with the last piece (facts and totals, no files).
    pub fn finish(self, last_piece: &ReportSnapshot) -> ParseOutcome<CoverageReport> {
        if let Some(problem) = self.problem {
            return ParseOutcome::failure(hand_over_failure(&problem));
        }
        let decoded = report_from_worker_snapshot(last_piece);
        match decoded.value {
            Some(mut report) => {
                report.files = self.files;
                ParseOutcome::success(report, Vec::new())
            }
            None => ParseOutcome::failure(hand_over_failure(
                decoded
                    .first_error()
                    .unwrap_or("the report's totals could not be read"),
            )),
        }
    }
}

fn hand_over_failure(problem: &str) -> String {
    format!("Covscope's parsing worker handed over a report the page could not read ({problem}); this is a bug in Covscope")
}

fn entry_count(file: &FileCoverage) -> usize {
    1 + file.executed_lines.len()
        + file.missing_lines.len()
        + file.excluded_lines.len()
        + file.executed_branch_arcs.len()
        + file.missing_branch_arcs.len()
        + file.regions.len()
        + file.branch_outcomes.len()
        + file.line_branches.len()
        + file.uncovered_spans.len()
}
