//! Splits a parsed report into snapshots small enough to decode one per task, and puts
//! them back together: how the parsing worker hands a large report to the page.
//!
//! Decoding a 50,000-file report at once would hold the page's thread for seconds; in
//! pieces of a bounded number of entries, each piece is decoded in its own message task
//! and the page stays responsive in between.
use super::snapshot::{report_from_worker_snapshot, snapshot_of, write_report, ReportSnapshot};
use crate::core::analysis::table::{TableRowIndex, TableRowIndexGatherer};
use crate::core::model::{
    Counts, CoverageFigure, CoverageFormat, CoverageReport, FileCoverage, ReportFacts,
    ReportFileSink,
};
use crate::core::text::ParseOutcome;

/// At most this many files go into one piece: the page decodes a piece in one task, and a
/// piece of 1,000 lcov files took it 50 to 130 ms (BENCHMARKS.md, "Tuning figures").
pub const HAND_OVER_FILES_PER_PIECE: usize = 250;

/// A piece is closed once its files hold this many line numbers, arcs and regions, so a
/// few enormous files do not make one slow piece.
pub const HAND_OVER_ENTRIES_PER_PIECE: usize = 50_000;

/// The files gathered for the next piece, and the rule that closes a piece: at most
/// [`HAND_OVER_FILES_PER_PIECE`] files holding at most [`HAND_OVER_ENTRIES_PER_PIECE`]
/// entries (the file that passes it is the last).
///
/// The list of files and the size of the last piece's bytes are kept from piece to
/// piece, so a piece's list and bytes are not grown from nothing each time.
#[derive(Default)]
struct PieceInProgress {
    files: Vec<FileCoverage>,
    entries: usize,
    last_piece_bytes: usize,
}

impl PieceInProgress {
    fn is_full(&self) -> bool {
        self.files.len() >= HAND_OVER_FILES_PER_PIECE || self.entries >= HAND_OVER_ENTRIES_PER_PIECE
    }

    fn push(&mut self, file: FileCoverage) {
        self.entries += entry_count(&file);
        self.files.push(file);
    }

    /// The piece of the files gathered (none for a last piece), repeating `shell`; the
    /// next piece starts empty, in the list's room.
    fn take(&mut self, shell: &CoverageReport) -> ReportSnapshot {
        self.entries = 0;
        let piece = CoverageReport {
            files: std::mem::take(&mut self.files),
            ..shell.clone()
        };
        // Pieces are alike in size, so the next one mostly fits in the room of the last.
        let mut bytes = Vec::with_capacity(self.last_piece_bytes);
        write_report(&mut bytes, &piece);
        self.last_piece_bytes = bytes.len();
        self.files = piece.files;
        self.files.clear();
        ReportSnapshot::from_bytes(bytes)
    }
}

/// What a [`StreamedHandOver`] gives the worker to post as the files come.
pub enum StreamedPiece {
    /// A piece of files, with how many files the whole report has when that is known
    /// before its files are read (a report parsed whole), for the page to make room once.
    Piece {
        snapshot: ReportSnapshot,
        report_file_count: Option<usize>,
        /// How many files the pieces since the files began hold, this one included.
        files_so_far: usize,
    },
    /// The pieces posted so far are void: the report's files come again from the first.
    StartOver,
}

/// The one way a report is cut into pieces: the sink the parsing worker gives
/// `core::input::parse_report_streaming_files`. Files are cut into pieces as they come, by
/// the rule of `PieceInProgress`, and each piece goes to `post` as soon as it is full,
/// so the page decodes it while the parser reads on; the table's row index is gathered on
/// the way. After the parse, [`StreamedHandOver::finish`] posts the files still gathered
/// and makes the last piece from the report's shell: every file exactly once, in order,
/// then a last piece with no files that carries the totals. A report parsed whole (a
/// format without a file-by-file parser, or one that had to be read again whole) reaches
/// it the same way, file by file through `core::model::hand_files_to_sink`, so a report
/// is cut into pieces by one rule only.
///
/// A piece made while the report is still being read carries the facts known before its
/// files and no totals: the page takes only the files of a piece that is not the last.
pub struct StreamedHandOver<Post: FnMut(StreamedPiece)> {
    post: Post,
    /// The report as far as it is known before its files: what each piece repeats.
    piece_shell: CoverageReport,
    report_file_count: Option<usize>,
    piece: PieceInProgress,
    table_index: TableRowIndexGatherer,
    /// Pieces handed to `post` since the files last began.
    pieces_posted: usize,
    /// Files in those pieces.
    files_posted: usize,
}

impl<Post: FnMut(StreamedPiece)> StreamedHandOver<Post> {
    pub fn new(post: Post) -> Self {
        StreamedHandOver {
            post,
            // Replaced when the files begin; a parser always says so first.
            piece_shell: shell_with(ReportFacts::of_format(CoverageFormat::CoveragePy)),
            report_file_count: None,
            piece: PieceInProgress::default(),
            table_index: TableRowIndexGatherer::with_capacity(0),
            pieces_posted: 0,
            files_posted: 0,
        }
    }

    /// Posts the files still gathered and gives the last piece (`shell`, the report
    /// without its files) and the table's row index of every file handed over.
    pub fn finish(mut self, shell: &CoverageReport) -> (ReportSnapshot, TableRowIndex) {
        if !self.piece.files.is_empty() {
            self.post_piece();
        }
        let last_piece = snapshot_of(shell);
        (last_piece, self.table_index.finish())
    }

    fn post_piece(&mut self) {
        self.files_posted += self.piece.files.len();
        let snapshot = self.piece.take(&self.piece_shell);
        self.pieces_posted += 1;
        (self.post)(StreamedPiece::Piece {
            snapshot,
            report_file_count: self.report_file_count,
            files_so_far: self.files_posted,
        });
    }
}

impl<Post: FnMut(StreamedPiece)> ReportFileSink for StreamedHandOver<Post> {
    fn begin(&mut self, facts: &ReportFacts, file_count: Option<usize>) {
        if self.pieces_posted > 0 {
            (self.post)(StreamedPiece::StartOver);
        }
        self.piece_shell = shell_with(facts.clone());
        self.report_file_count = file_count;
        self.piece = PieceInProgress::default();
        self.table_index = TableRowIndexGatherer::with_capacity(file_count.unwrap_or(0));
        self.pieces_posted = 0;
        self.files_posted = 0;
    }

    fn add_file(&mut self, file: FileCoverage) {
        self.table_index.add_file(&file);
        self.piece.push(file);
        if self.piece.is_full() {
            self.post_piece();
        }
    }
}

/// How many files a report whose files are streamed will have, judged from the files
/// handed over when `bytes_read` of its `input_bytes` were read; `None` before a tenth
/// of the input is read, too little to go by.
///
/// The page makes room for this many files at once ([`HandOverAssembly::expect_files`]):
/// grown by doubling, the list of a 200,000-file report (544 bytes a file) would move
/// 71 MB in one task and keep room for 62,000 files it never uses, and the 100 MB
/// coverage.py report's page memory was 18 MB instead of 14. Files are written in
/// keys' order at about the same size, so the first tenth says enough; the bytes read are
/// those of the last progress report, at most a MiB behind the files handed over, so the
/// count is rather too high than too low (a count too low only lets the list double from
/// there).
pub fn estimated_report_file_count(
    files_so_far: usize,
    bytes_read: usize,
    input_bytes: usize,
) -> Option<usize> {
    if bytes_read == 0 || bytes_read < input_bytes / 10 {
        return None;
    }
    let estimate = files_so_far as u128 * input_bytes as u128 / bytes_read as u128;
    Some(
        usize::try_from(estimate)
            .unwrap_or(usize::MAX)
            .max(files_so_far),
    )
}

/// A report with these facts and nothing else: what the pieces made while a report is
/// read repeat.
fn shell_with(facts: ReportFacts) -> CoverageReport {
    CoverageReport {
        facts,
        files: Vec::new(),
        totals: Counts::default(),
        total_coverage: CoverageFigure::default(),
        stated_total_figures: Vec::new(),
    }
}

/// Puts handed-over pieces back together, in the order they were made.
#[derive(Default)]
pub struct HandOverAssembly {
    files: Vec<FileCoverage>,
    problem: Option<String>,
}

impl HandOverAssembly {
    /// Makes room for all of a report's files at once, `report_file_count` as the worker
    /// counted or estimated them (the count a [`StreamedPiece::Piece`] carries); later calls change nothing once
    /// there is room. Grown by doubling as pieces came, the list of a 100 MB report's
    /// 8,744 files had room for 16,384 (4.2 MB unused, 544 bytes a file) and briefly held
    /// both its old and new room while it moved. A count that cannot be had is ignored
    /// (the list then grows as before): it is only ever a hint from Covscope's own worker.
    pub fn expect_files(&mut self, report_file_count: usize) {
        let missing = report_file_count.saturating_sub(self.files.len());
        let _ = self.files.try_reserve_exact(missing);
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
