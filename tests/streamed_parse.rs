//! The parsing worker's one road, `parse_report_streaming_files`, which hands a report's
//! files over while it still reads the rest, gives exactly what the whole-report parse
//! gives: for every fixture the same files in the same order, the same facts, totals and
//! diagnostics; and the pieces the worker cuts from the files as they come put the same
//! report (and the same table index) back together on the page. A failure after pieces
//! were handed over is the whole-report parse's failure, and a report that must be read
//! again whole (a path listed twice) voids the pieces before it hands the files over again.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use std::cell::Cell;

use common::streamed_road::{
    check_against_whole, cobertura_report_text, lcov_report_text, CoberturaShape, LcovBranches,
};
use common::{file_bytes, files_under, fixture_path};
use covscope::core::input::{
    parse_report_streaming_files, recognise_coverage_content, warm_up_report_text, Recognised,
};
use covscope::core::model::CoverageFormat;
use covscope::core::share::{estimated_report_file_count, StreamedHandOver, StreamedPiece};

/// Every fixture that is not a markdown document, of every format and every kind of
/// damage: the streamed road gives what the whole-report parse gives.
#[test]
fn every_fixture_streams_to_what_the_whole_report_parse_gives() {
    let mut streamed_formats = Vec::new();
    let mut checked = 0;
    for path in files_under(&fixture_path("")) {
        let name = path.to_string_lossy().into_owned();
        if name.ends_with(".md") {
            continue;
        }
        let bytes = file_bytes(&path);
        check_against_whole(&name, &bytes);
        checked += 1;
        if let Recognised::Format {
            format,
            streaming_parser: Some(_),
            ..
        } = recognise_coverage_content(&bytes)
        {
            streamed_formats.push(format);
        }
    }
    assert!(checked > 300, "the fixtures were found: {checked}");
    for format in [
        CoverageFormat::CoveragePy,
        CoverageFormat::Istanbul,
        CoverageFormat::Lcov,
        CoverageFormat::Cobertura,
    ] {
        assert!(
            streamed_formats.contains(&format),
            "{format:?} fixtures were streamed"
        );
    }
}

/// A large report of a format read file by file, and the byte by which its first piece
/// must have gone out.
struct WhileReadCase {
    name: &'static str,
    text: String,
    first_piece_before: usize,
}

/// 1,200 files of each format read file by file (the warm-up coverage.py report, an lcov
/// tracefile, a Cobertura report): pieces of 250 files go out while the files are still
/// being read, the first before the end (coverage.py's long before it: its progress is
/// reported every MiB, which the other two texts do not reach).
#[test]
fn a_large_report_is_handed_over_while_it_is_read() {
    let coverage_py = warm_up_report_text(1_200);
    let lcov = lcov_report_text(1_200, LcovBranches::Reachable);
    let cobertura = cobertura_report_text(1_200, CoberturaShape::default());
    let cases = [
        WhileReadCase {
            name: "1,200 coverage.py files",
            first_piece_before: coverage_py.len() / 2,
            text: coverage_py,
        },
        WhileReadCase {
            name: "1,200 lcov files",
            first_piece_before: lcov.len(),
            text: lcov,
        },
        WhileReadCase {
            name: "1,200 Cobertura files",
            first_piece_before: cobertura.len(),
            text: cobertura,
        },
    ];
    for case in cases {
        let handed = check_against_whole(case.name, case.text.as_bytes());
        assert_eq!(handed.posted_pieces, 5, "{}", case.name);
        assert_eq!(handed.start_overs, 0, "{}", case.name);
        let first = handed.progress_at_first_piece.expect("a piece was posted");
        assert!(
            first < case.first_piece_before,
            "{}: the first piece went out at byte {first} of {}",
            case.name,
            case.text.len()
        );
    }
}

/// A syntax error (or the end of the file) after 1,000 files, when four pieces were handed
/// over: the outcome is the whole-report parse's failure, with its message, and no report.
#[test]
fn a_failure_after_pieces_were_handed_over_is_the_whole_parse_failure() {
    let text = warm_up_report_text(1_200);
    let file_1001 = text
        .find("\"src/package_15/module_1001.py\"")
        .expect("file 1,001 is there");
    let damages = [
        ("cut short", text[..file_1001 + 40].to_string()),
        (
            "a stray character",
            format!("{}?{}", &text[..file_1001], &text[file_1001..]),
        ),
        (
            "a wrong value",
            format!(
                "{}{}",
                &text[..file_1001],
                text[file_1001..].replacen(
                    "\"num_statements\": 50",
                    "\"num_statements\": \"50\"",
                    1
                )
            ),
        ),
    ];
    for (damage, damaged) in damages {
        let handed = check_against_whole(damage, damaged.as_bytes());
        assert!(handed.outcome.value.is_none(), "{damage}: no report");
        assert!(
            handed.outcome.first_error().is_some(),
            "{damage}: an error to show"
        );
        assert!(
            handed.posted_pieces >= 4,
            "{damage}: pieces went out before the failure ({})",
            handed.posted_pieces
        );
    }
}

/// A path listed twice takes its last entry in its first place; the files already handed
/// over cannot get it, so the pieces are voided and the report is read again whole.
#[test]
fn a_path_listed_twice_starts_the_hand_over_again() {
    let coverage_py = warm_up_report_text(600).replace(
        "\"src/package_4/module_599.py\"",
        "\"src/package_0/module_0.py\"",
    );
    let istanbul = istanbul_report_text(600).replace("/src/file_599.js", "/src/file_0.js");
    for (name, text) in [("coverage.py", coverage_py), ("Istanbul", istanbul)] {
        let handed = check_against_whole(name, text.as_bytes());
        assert_eq!(handed.start_overs, 1, "{name}");
        assert!(handed.posted_pieces > 3, "{name}: {}", handed.posted_pieces);
        let warnings = handed.outcome.warning_messages();
        assert!(
            warnings
                .iter()
                .any(|warning| warning.contains("more than once")),
            "{name}: {warnings:?}"
        );
    }
}

/// A coverage.py report without display texts (coverage.py before 6.0 wrote none) gets its
/// figures written at the report's precision, known only at its end: its files wait.
#[test]
fn files_that_need_the_precision_wait_for_it() {
    let text = warm_up_report_text(600).replace("\"percent_covered_display\": \"77\", ", "");
    let handed = check_against_whole("no display texts", text.as_bytes());
    assert_eq!(handed.posted_pieces, 3);
    // Progress is reported at the first file past each MiB; the 251st file is before it.
    let file_251 = text
        .find("\"src/package_13/module_251.py\"")
        .expect("file 251 is there");
    let first = handed.progress_at_first_piece.expect("a piece was posted");
    assert!(
        first > file_251,
        "the first piece went out at byte {first}, after the files were read"
    );
}

/// A report that may be read again whole after its first pieces went out, with how often
/// it starts over and how many pieces go out in all.
struct StartOverCase {
    name: &'static str,
    text: String,
    start_overs: usize,
    posted_pieces: usize,
}

/// A file named by a second record sums its hits into a file already passed on: a
/// tracefile whose `SF:` lines show it is read whole from the start, and one where only
/// the reading finds it (the lines differ as written) is read again whole. Tags that
/// suggest branches (or functions) the records do not hold mean every file passed on was
/// counted with the wrong metrics: read again whole too. Each gives the whole parse's
/// answer.
#[test]
fn a_tracefile_read_with_the_wrong_facts_or_a_file_named_twice_starts_over() {
    let reachable = lcov_report_text(600, LcovBranches::Reachable);
    let cases = [
        StartOverCase {
            name: "the last file named again",
            text: reachable.replace("SF:/src/file_599.c", "SF:/src/file_0.c"),
            // Its `SF:` lines show the repeat: read whole from the start, three pieces
            // of 599 files.
            start_overs: 0,
            posted_pieces: 3,
        },
        StartOverCase {
            name: "the last file named again with a trailing space",
            text: reachable.replace("SF:/src/file_599.c", "SF:/src/file_0.c "),
            // The `SF:` lines differ as written, so the reading finds the repeat: two
            // pieces before the second record of file_0.c, then three of 599 files.
            start_overs: 1,
            posted_pieces: 5,
        },
        StartOverCase {
            name: "every branch unreachable",
            text: lcov_report_text(600, LcovBranches::Unreachable),
            // Two pieces of the first 500 files, then three of all 600.
            start_overs: 1,
            posted_pieces: 5,
        },
        StartOverCase {
            name: "every function record unreadable",
            text: reachable.replace("FN:1,", "FN:one,"),
            start_overs: 1,
            posted_pieces: 5,
        },
        StartOverCase {
            name: "as suggested",
            text: reachable,
            start_overs: 0,
            posted_pieces: 3,
        },
    ];
    check_start_over_cases(cases);
}

/// Each case gives the whole parse's report, starting over and posting as it says.
fn check_start_over_cases(cases: impl IntoIterator<Item = StartOverCase>) {
    for case in cases {
        let handed = check_against_whole(case.name, case.text.as_bytes());
        assert!(handed.outcome.value.is_some(), "{}: a report", case.name);
        assert_eq!(handed.start_overs, case.start_overs, "{}", case.name);
        assert_eq!(handed.posted_pieces, case.posted_pieces, "{}", case.name);
    }
}

/// What makes a Cobertura report read again whole after its first pieces went out (a file
/// named again after another file, a `<source>` after the files, a `condition-coverage`
/// that no line carries), and what does not (a file's classes one after another).
#[test]
fn a_cobertura_report_read_with_the_wrong_facts_or_a_file_named_twice_starts_over() {
    let plain = cobertura_report_text(600, CoberturaShape::default());
    let cases = [
        StartOverCase {
            name: "the last file named again",
            text: plain.replace("filename=\"src/file_599.py\"", "filename=\"src/file_0.py\""),
            // Two pieces of the 598 files before it, then three of 599.
            start_overs: 1,
            posted_pieces: 5,
        },
        StartOverCase {
            name: "the sources after the packages",
            text: cobertura_report_text(
                600,
                CoberturaShape {
                    sources_last: true,
                    ..CoberturaShape::default()
                },
            ),
            start_overs: 1,
            posted_pieces: 5,
        },
        StartOverCase {
            name: "condition-coverage only in a comment",
            text: cobertura_report_text(
                600,
                CoberturaShape {
                    branches: false,
                    ..CoberturaShape::default()
                },
            )
            .replace("<sources>", "<!-- no condition-coverage here --><sources>"),
            start_overs: 1,
            posted_pieces: 5,
        },
        StartOverCase {
            name: "two classes per file",
            text: cobertura_report_text(
                600,
                CoberturaShape {
                    classes_per_file: 2,
                    ..CoberturaShape::default()
                },
            ),
            start_overs: 0,
            posted_pieces: 3,
        },
        StartOverCase {
            name: "as written",
            text: plain,
            start_overs: 0,
            posted_pieces: 3,
        },
    ];
    check_start_over_cases(cases);
}

/// An Istanbul `coverage-final.json` of `file_count` small files.
fn istanbul_report_text(file_count: usize) -> String {
    let files: Vec<String> = (0..file_count)
        .map(|index| {
            format!(
                r#""/src/file_{index}.js": {{"path": "/src/file_{index}.js", "statementMap": {{"0": {{"start": {{"line": 1, "column": 0}}, "end": {{"line": 1, "column": 12}}}}, "1": {{"start": {{"line": 2, "column": 0}}, "end": {{"line": 2, "column": 12}}}}}}, "fnMap": {{}}, "branchMap": {{}}, "s": {{"0": 1, "1": {hits}}}, "f": {{}}, "b": {{}}}}"#,
                hits = index % 3
            )
        })
        .collect();
    format!("{{{}}}", files.join(", "))
}

/// One case of the file count the worker estimates for a streamed report.
struct EstimateCase {
    files_so_far: usize,
    bytes_read: usize,
    input_bytes: usize,
    expected: Option<usize>,
}

/// No estimate before a tenth of the input is read; then the files so far scaled to the
/// whole input, never fewer than the files already handed over.
#[test]
fn the_file_count_of_a_streamed_report_is_estimated_from_the_bytes_read() {
    let cases = [
        EstimateCase {
            files_so_far: 250,
            bytes_read: 0,
            input_bytes: 100_000_000,
            expected: None,
        },
        EstimateCase {
            files_so_far: 250,
            bytes_read: 9_999_999,
            input_bytes: 100_000_000,
            expected: None,
        },
        EstimateCase {
            files_so_far: 1_000,
            bytes_read: 10_000_000,
            input_bytes: 100_000_000,
            expected: Some(10_000),
        },
        EstimateCase {
            files_so_far: 20_250,
            bytes_read: 30_408_704,
            input_bytes: 297_700_000,
            expected: Some(198_246),
        },
        EstimateCase {
            files_so_far: 7,
            bytes_read: 900,
            input_bytes: 1_000,
            expected: Some(7),
        },
        EstimateCase {
            files_so_far: usize::MAX,
            bytes_read: 1,
            input_bytes: 2,
            expected: Some(usize::MAX),
        },
    ];
    for case in cases {
        assert_eq!(
            estimated_report_file_count(case.files_so_far, case.bytes_read, case.input_bytes),
            case.expected,
            "{} files at byte {} of {}",
            case.files_so_far,
            case.bytes_read,
            case.input_bytes
        );
    }
}

/// The worker's estimate for 4,000 files of the warm-up report, from the first piece
/// posted after a tenth was read: not below the real count, and not far above it.
#[test]
fn the_estimate_of_a_streamed_report_is_near_its_file_count() {
    let text = warm_up_report_text(4_000);
    let bytes_read = Cell::new(0);
    let estimate = Cell::new(None);
    let mut hand_over = StreamedHandOver::new(|piece| {
        if let StreamedPiece::Piece { files_so_far, .. } = piece {
            if estimate.get().is_none() {
                estimate.set(estimated_report_file_count(
                    files_so_far,
                    bytes_read.get(),
                    text.len(),
                ));
            }
        }
    });
    let outcome = parse_report_streaming_files(
        text.as_bytes(),
        &mut |consumed| bytes_read.set(consumed),
        &mut hand_over,
    );
    assert!(outcome.value.is_some());
    let estimate = estimate.get().expect("an estimate");
    assert!(
        (4_000..=4_400).contains(&estimate),
        "4,000 files were estimated at {estimate}"
    );
}
