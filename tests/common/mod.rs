//! What the test files share: where the fixtures are, reading them (gzipped ones
//! unpacked), parsing the coverage.py reports among them, and walking source folders.
//!
//! Each test binary uses its own part of these helpers, so the rest is unused there.
#![allow(dead_code)]

pub mod streamed_road;

use std::io::Read;
use std::path::{Path, PathBuf};

use covscope::app::state::{Action, AppState, LoadAction, LoadOrigin};
use covscope::core::analysis::read_document::for_the_page;
use covscope::core::analysis::table::{
    build_table_row, select_shown_rows, sort_file_order, ShownRows, TableRow, TableRowIndex,
    TableView, TotalsRow,
};
use covscope::core::formats::{parse_coverage_py_json, parse_unified_diff};
use covscope::core::input::{
    parse_dropped_file, recognise_coverage_content, DroppedContent, Recognised,
};
use covscope::core::model::{
    hand_files_to_sink, Counts, CoverageCounts, CoverageFigure, CoverageFormat, CoverageReport,
    FileCoverage, LineNumber, Patch, Precision, ReportFacts,
};
use covscope::core::share::{HandOverAssembly, ReportSnapshot, StreamedHandOver, StreamedPiece};
use covscope::core::text::ParseOutcome;

/// A path inside the repository.
pub fn repository_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A path inside `tests/fixtures/`.
pub fn fixture_path(relative: &str) -> PathBuf {
    repository_path("tests/fixtures").join(relative)
}

/// A file's bytes; a `.gz` file is unpacked.
pub fn file_bytes(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    if !path.to_string_lossy().ends_with(".gz") {
        return bytes;
    }
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_end(&mut unpacked)
        .unwrap_or_else(|error| panic!("{path:?} unpacks: {error}"));
    unpacked
}

/// A fixture's bytes (a path inside `tests/fixtures/`); a `.gz` fixture is unpacked.
pub fn fixture_bytes(relative: &str) -> Vec<u8> {
    file_bytes(&fixture_path(relative))
}

/// A fixture's text.
pub fn fixture_text(relative: &str) -> String {
    String::from_utf8(fixture_bytes(relative)).unwrap_or_else(|_| panic!("{relative} is UTF-8"))
}

/// A coverage.py report among the fixtures, which must load.
pub fn coverage_py_report(relative: &str) -> CoverageReport {
    coverage_py_report_at(&fixture_path(relative))
}

/// A diff among the fixtures, which must parse, with its warnings.
pub fn diff_fixture(relative: &str) -> (Patch, Vec<String>) {
    let outcome = parse_unified_diff(&fixture_bytes(relative));
    let warnings = outcome.warning_messages();
    let patch = outcome
        .value
        .unwrap_or_else(|| panic!("{relative} parses: {:?}", outcome.diagnostics));
    (patch, warnings)
}

/// A diff among the fixtures, which must parse.
pub fn patch_fixture(relative: &str) -> Patch {
    diff_fixture(relative).0
}

/// The coverage.py report in a file, which must load.
pub fn coverage_py_report_at(path: &Path) -> CoverageReport {
    let outcome = parse_coverage_py_json(&file_bytes(path));
    outcome
        .value
        .unwrap_or_else(|| panic!("{path:?} loads: {:?}", outcome.diagnostics))
}

/// Every coverage.py report among the coverage fixtures (plain and gzipped JSON, any
/// depth), recognised by its content, in path order.
pub fn coverage_py_fixture_paths() -> Vec<PathBuf> {
    files_under(&fixture_path("coverage"))
        .into_iter()
        .filter(|path| {
            let name = path.to_string_lossy();
            (name.ends_with(".json") || name.ends_with(".json.gz"))
                && matches!(
                    recognise_coverage_content(&file_bytes(path)),
                    Recognised::Format {
                        format: CoverageFormat::CoveragePy,
                        ..
                    }
                )
        })
        .collect()
}

/// Every file under a folder, sub-folders included, in path order.
pub fn files_under(directory: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap_or_else(|_| panic!("{folder:?} reads")) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Every Rust source file under a folder of the repository, in path order.
pub fn rust_files_under(relative: &str) -> Vec<PathBuf> {
    files_under(&repository_path(relative))
        .into_iter()
        .filter(|path| path.extension().is_some_and(|extension| extension == "rs"))
        .collect()
}

/// The rows a view of a report shows, with the index they were chosen by, built at once
/// (the app memoises the same steps one by one).
pub fn shown_rows(report: &CoverageReport, view: &TableView) -> (TableRowIndex, ShownRows) {
    let index = TableRowIndex::build(report);
    let order = sort_file_order(report, &index, view.sort);
    let shown = select_shown_rows(report, &index, &order, view);
    (index, shown)
}

/// A whole table as a view shows it: every shown row with its cells' text, and the totals.
pub struct TableModel {
    pub rows: Vec<TableRow>,
    pub totals: TotalsRow,
    pub shown_file_count: usize,
    pub total_file_count: usize,
    pub has_branches: bool,
}

/// Applies the view to a report and builds every shown row, as the app's table shows
/// them (the app builds only the rows in view).
pub fn build_table(report: &CoverageReport, view: &TableView) -> TableModel {
    let (_, shown) = shown_rows(report, view);
    TableModel {
        rows: shown
            .file_indices
            .iter()
            .map(|&file_index| build_table_row(report, file_index, view.thresholds))
            .collect(),
        shown_file_count: shown.file_indices.len(),
        totals: shown.totals,
        total_file_count: shown.total_file_count,
        has_branches: shown.has_branches,
    }
}

/// The state after a file of `origin` finished loading, parsed as the loading road parses
/// it (the person's loads also start first, as the road starts them).
pub fn loaded(state: AppState, name: &str, bytes: &[u8], origin: LoadOrigin) -> AppState {
    let state = match origin {
        LoadOrigin::Person => state.apply(Action::Load(LoadAction::Start {
            file_count: 1,
            origin,
        })),
        LoadOrigin::Demo => state,
    };
    finished(state, name, bytes, origin)
}

/// The state after a load already started finished (a document read for the page, as
/// the parsing worker reads it).
pub fn finished(state: AppState, name: &str, bytes: &[u8], origin: LoadOrigin) -> AppState {
    state.apply(Action::Load(LoadAction::Finish {
        file_name: name.to_string(),
        outcome: for_the_page(parse_dropped_file(name, bytes)),
        table_index: None,
        origin,
    }))
}

/// The names in the report list, in order.
pub fn report_names(state: &AppState) -> Vec<&str> {
    state
        .reports
        .items
        .iter()
        .map(|report| report.name.as_str())
        .collect()
}

/// A small deterministic xorshift64* generator, so property tests need no new crate and
/// every failure reproduces. Each test file adds the draws it needs.
pub struct Xorshift(pub u64);

impl Xorshift {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// A made-up coverage.py file with these counts: lines 1 to `missing` were missed and the
/// rest of its statements ran; its figure is shown with `precision`.
pub fn generated_file(path: String, counts: CoverageCounts, precision: Precision) -> FileCoverage {
    let percent = counts.percent_covered();
    FileCoverage {
        counts: Counts::CoveragePy(counts),
        coverage: CoverageFigure {
            percent,
            display: percent.display(precision),
        },
        executed_lines: (counts.missing + 1..=counts.statements)
            .map(made_up_line)
            .collect(),
        missing_lines: (1..=counts.missing).map(made_up_line).collect(),
        has_line_lists: true,
        ..FileCoverage::empty(path)
    }
}

/// A line of a made-up file; the counts that make them are far below 2^32.
fn made_up_line(line: u64) -> LineNumber {
    LineNumber::try_from(line).expect("a made-up file has fewer than 2^32 lines")
}

/// A made-up coverage.py report of files with these paths, in this order, each with no
/// statements: for tests of what a report's paths alone decide (filters, row indexes).
pub fn report_of_paths(paths: &[&str]) -> CoverageReport {
    let files = paths
        .iter()
        .map(|path| {
            generated_file(
                path.to_string(),
                CoverageCounts::default(),
                Precision::default(),
            )
        })
        .collect();
    generated_report(files, Precision::default(), false)
}

/// A made-up coverage.py report of these files, totalled as coverage.py totals them.
pub fn generated_report(
    files: Vec<FileCoverage>,
    precision: Precision,
    has_branches: bool,
) -> CoverageReport {
    let totals: CoverageCounts = files
        .iter()
        .filter_map(|file| file.counts.coverage_py())
        .sum();
    let total_percent = totals.percent_covered();
    CoverageReport {
        facts: ReportFacts {
            format: CoverageFormat::CoveragePy,
            format_version: Some("3".to_string()),
            tool_version: None,
            timestamp: None,
            has_branches,
            has_contexts: false,
            has_regions: false,
            precision,
        },
        files,
        totals: Counts::CoveragePy(totals),
        stated_total_figures: Vec::new(),
        total_coverage: CoverageFigure {
            percent: total_percent,
            display: total_percent.display(precision),
        },
    }
}

/// A coverage parser's entry point, as the input registry calls it.
pub type Parser =
    fn(&[u8], &mut dyn FnMut(usize)) -> covscope::core::text::ParseOutcome<CoverageReport>;

/// Whether an input loads, and its first message: the error when it is refused, else its
/// first warning (empty when it loads cleanly).
pub fn first_message(parser: Parser, bytes: &[u8]) -> (bool, String) {
    let outcome = parser(bytes, &mut |_| {});
    let message = outcome
        .diagnostics
        .first()
        .map(|diagnostic| diagnostic.message.clone())
        .unwrap_or_default();
    (outcome.value.is_some(), message)
}

/// Every `.json` file of a folder under `tests/fixtures/` has a row in `expected`, in name
/// order, and gives the row's outcome and message.
pub fn check_malformed_folder(folder: &str, parser: Parser, expected: &[(&str, bool, &str)]) {
    check_malformed_files(folder, ".json", parser, expected);
}

/// Every file of a folder under `tests/fixtures/` whose name ends in `extension` has a row
/// in `expected`, in name order, and gives the row's outcome and message.
pub fn check_malformed_files(
    folder: &str,
    extension: &str,
    parser: Parser,
    expected: &[(&str, bool, &str)],
) {
    let directory = fixture_path(folder);
    let mut names: Vec<String> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("{directory:?}: {error}"))
        .map(|entry| {
            entry
                .expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .to_string()
        })
        .filter(|name| name.ends_with(extension))
        .collect();
    names.sort();
    let listed: Vec<&str> = expected.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(names, listed, "{folder}: one row per file");
    for (name, loads, message) in expected {
        let bytes = fixture_bytes(&format!("{folder}/{name}"));
        assert_eq!(
            first_message(parser, &bytes),
            (*loads, message.to_string()),
            "{folder}/{name}"
        );
    }
}

/// The environment variable that makes golden-file checks write what the code gives
/// instead of comparing: `COVSCOPE_REGENERATE=1 cargo test --test <name>`.
pub const REGENERATE_VARIABLE: &str = "COVSCOPE_REGENERATE";

/// Compares a committed golden file with what the code gives today, or writes it when
/// `COVSCOPE_REGENERATE=1` is set (then check the difference with `git diff`).
pub fn check_golden_file(path: &Path, actual: &str) {
    if std::env::var(REGENERATE_VARIABLE).as_deref() == Ok("1") {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).unwrap_or_else(|error| panic!("{folder:?}: {error}"));
        }
        std::fs::write(path, actual).unwrap_or_else(|error| panic!("{path:?}: {error}"));
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == actual,
        "{path:?} differs from what the code gives today; if the change is intended, run \
         {REGENERATE_VARIABLE}=1 cargo test --test <this test> and commit the result"
    );
}

/// Every coverage report among the fixtures, of any format (the generated one included),
/// with its path.
pub fn fixture_reports() -> Vec<(String, CoverageReport)> {
    let mut reports = Vec::new();
    for folder in ["coverage", "generated"] {
        for path in files_under(&fixture_path(folder)) {
            let name = path.to_string_lossy().to_string();
            let bytes = file_bytes(&path);
            if let Some(DroppedContent::Coverage(report)) =
                parse_dropped_file(name.trim_end_matches(".gz"), &bytes).value
            {
                reports.push((name, *report));
            }
        }
    }
    reports
}

/// A report parsed whole, handed over as the parsing worker hands one: its files go one by
/// one (`hand_files_to_sink`) into the worker's `StreamedHandOver`, the one way a report is
/// cut into pieces.
pub struct WholeHandOver {
    /// The pieces of files, in the order they were posted.
    pub file_pieces: Vec<ReportSnapshot>,
    /// The file count each piece's message carries (the report's, known before its files).
    pub report_file_counts: Vec<Option<usize>>,
    /// The last piece: the report's facts and totals, no files.
    pub last_piece: ReportSnapshot,
    /// The table's row index gathered as the files went into the pieces.
    pub table_index: TableRowIndex,
}

/// Hands `report` over in pieces as the parsing worker does a report parsed whole.
pub fn hand_over_whole(report: CoverageReport) -> WholeHandOver {
    let mut file_pieces = Vec::new();
    let mut report_file_counts = Vec::new();
    let mut hand_over = StreamedHandOver::new(|piece| match piece {
        StreamedPiece::Piece {
            snapshot,
            report_file_count,
            ..
        } => {
            file_pieces.push(snapshot);
            report_file_counts.push(report_file_count);
        }
        // A report parsed whole is handed over once, so its files never start over.
        StreamedPiece::StartOver => panic!("a report parsed whole never starts over"),
    });
    let shell = hand_files_to_sink(report, &mut hand_over);
    let (last_piece, table_index) = hand_over.finish(&shell);
    WholeHandOver {
        file_pieces,
        report_file_counts,
        last_piece,
        table_index,
    }
}

impl WholeHandOver {
    /// The report as the page puts it back together, making room before each piece for the
    /// count `expected(piece_number)` (from 0) says.
    pub fn assembled_expecting(
        &self,
        expected: impl Fn(usize) -> Option<usize>,
    ) -> ParseOutcome<CoverageReport> {
        let mut assembly = HandOverAssembly::default();
        for (piece_number, piece) in self.file_pieces.iter().enumerate() {
            if let Some(count) = expected(piece_number) {
                assembly.expect_files(count);
            }
            assembly.add_piece(piece);
        }
        assembly.finish(&self.last_piece)
    }

    /// The report as the page puts it back together, making room for the count each
    /// piece's message carries, as the page does.
    pub fn assembled(&self) -> ParseOutcome<CoverageReport> {
        self.assembled_expecting(|piece_number| self.report_file_counts[piece_number])
    }
}
