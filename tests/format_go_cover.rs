//! Go cover profiles read with `go tool cover`'s figures: statements per file and in all,
//! blocks merged as Go merges them, and the lines and never-run spans derived from them.
//!
//! The real profile's expected figures are in `tests/fixtures/go/gocover-toml-expected.txt`,
//! which says how Go's own parser and `go tool cover -func` gave each (Go prints no
//! per-file figures of its own); the same `go tool cover -func` reproduces the committed
//! `func.txt` byte for byte.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::fixture_bytes;
use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::formats::parse_go_cover;
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{
    CoverageFormat, CoverageReport, Metric, SourcePosition, SourceSpan, Tally, UncoveredKind,
    UncoveredSpan,
};

/// Reads a profile as a dropped file: recognised from its content, then parsed.
fn load(relative: &str) -> (CoverageReport, Vec<String>) {
    let outcome = parse_dropped_file(relative, &fixture_bytes(relative));
    let warnings = outcome.warning_messages();
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => {
            assert_eq!(report.facts.format, CoverageFormat::Go, "{relative}");
            (*report, warnings)
        }
        _ => panic!("{relative} did not load: {:?}", outcome.diagnostics),
    }
}

/// One file's statements as Go counts them, and the percentage `go tool cover` printed.
struct GoFigures {
    path: String,
    covered: u64,
    statements: u64,
    printed: String,
}

/// A golden file of Go's figures: file rows, then the `TOTAL` row.
fn read_go_figures(relative: &str) -> (Vec<GoFigures>, GoFigures) {
    let text = String::from_utf8(fixture_bytes(relative)).unwrap();
    let mut rows: Vec<GoFigures> = text
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "{relative}: {line}");
            GoFigures {
                path: fields[0].to_string(),
                covered: fields[1].parse().unwrap(),
                statements: fields[2].parse().unwrap(),
                printed: fields[3].to_string(),
            }
        })
        .collect();
    let total = rows.pop().unwrap();
    assert_eq!(total.path, "TOTAL");
    (rows, total)
}

/// Every file row, in `go tool cover`'s order (by name), and the totals.
fn check(report: &CoverageReport, files: &[GoFigures], total: &GoFigures) {
    let paths: Vec<&str> = report.files.iter().map(|file| file.path.as_str()).collect();
    let expected_paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    assert_eq!(paths, expected_paths);
    for (file, expected) in report.files.iter().zip(files) {
        assert_eq!(
            file.counts.tally(Metric::Statements),
            Some(Tally::new(expected.covered, expected.statements)),
            "{}",
            expected.path
        );
        assert_eq!(file.coverage.display, expected.printed, "{}", expected.path);
    }
    let (covered, statements) = (total.covered, total.statements);
    assert_eq!(
        report.totals.tally(Metric::Statements),
        Some(Tally::new(covered, statements))
    );
    assert_eq!(report.total_coverage.display, total.printed);
    // The rows add up to the total exactly.
    let summed = files.iter().fold(Tally::default(), |sum, file| {
        sum + Tally::new(file.covered, file.statements)
    });
    assert_eq!(summed, Tally::new(covered, statements));
}

/// The `total:` figure of `go tool cover -func` and the `coverage:` figure `go test` printed.
fn go_printed_totals() -> (String, String) {
    let func = String::from_utf8(fixture_bytes("coverage/gocover-toml/func.txt")).unwrap();
    let total_line = func
        .lines()
        .find(|line| line.starts_with("total:"))
        .unwrap();
    let func_total = total_line
        .split_whitespace()
        .last()
        .unwrap()
        .trim_end_matches('%');
    let test_output =
        String::from_utf8(fixture_bytes("coverage/gocover-toml/test-output.txt")).unwrap();
    let coverage = test_output
        .split("coverage: ")
        .nth(1)
        .and_then(|rest| rest.split('%').next())
        .unwrap();
    (func_total.to_string(), coverage.to_string())
}

#[test]
fn toml_profile_matches_go_tool_cover() {
    let (report, warnings) = load("coverage/gocover-toml/cover.out");
    let (func_total, test_total) = go_printed_totals();
    assert_eq!((func_total.as_str(), test_total.as_str()), ("91.6", "91.6"));
    let (files, total) = read_go_figures("go/gocover-toml-expected.txt");
    assert_eq!(total.printed, func_total);
    check(&report, &files, &total);
    assert_eq!(warnings, Vec::<String>::new());
    assert!(!report.facts.has_regions && !report.facts.has_branches);
    // 1222 blocks, 138 of them never run (ParseProfiles' count): one span each.
    let spans: usize = report
        .files
        .iter()
        .map(|file| file.uncovered_spans.len())
        .sum();
    assert_eq!(spans, 138);
}

/// The lines of one file, derived from its blocks as written in cover.out:
/// `deprecated.go:21.57,21.91 1 1` and `deprecated.go:26.56,29.2 2 0`.
#[test]
fn toml_lines_and_spans_follow_the_blocks() {
    let (report, _) = load("coverage/gocover-toml/cover.out");
    let deprecated = &report.files[1];
    assert_eq!(deprecated.executed_lines, [21]);
    assert_eq!(deprecated.executed_line_hits, [1]);
    assert_eq!(deprecated.missing_lines, [26, 27, 28, 29]);
    assert_eq!(
        deprecated.uncovered_spans,
        [UncoveredSpan {
            kind: UncoveredKind::Statement,
            span: SourceSpan {
                start: SourcePosition {
                    line: 26,
                    column: Some(55)
                },
                end: SourcePosition {
                    line: 29,
                    column: Some(1)
                },
            },
        }]
    );
    assert_eq!(
        format_uncovered_lines(CoverageFormat::Go, deprecated),
        "26-29"
    );
    // type_toml.go's 16 blocks, out of order in the profile; line 13 is in a block that
    // ran 6991 times and one that ran 32 times, and has the larger count.
    let type_toml = &report.files[8];
    let mut expected_lines = vec![12, 13, 14, 15, 16, 19, 20, 21, 25];
    expected_lines.extend(44..=61);
    assert_eq!(type_toml.executed_lines, expected_lines);
    let mut expected_hits = vec![6991, 6991, 32, 32, 6959, 3284, 3284, 3284, 14272];
    for (count, lines) in [
        (10583, 2),
        (2704, 2),
        (612, 2),
        (454, 2),
        (4778, 2),
        (324, 2),
        (491, 2),
        (131, 2),
        (1089, 2),
    ] {
        expected_hits.extend(std::iter::repeat_n(count, lines));
    }
    assert_eq!(type_toml.executed_line_hits, expected_hits);
    assert_eq!(type_toml.missing_lines, [26, 63, 64]);
    assert_eq!(
        format_uncovered_lines(CoverageFormat::Go, type_toml),
        "26, 63-64"
    );
}

/// Hand-made profiles; each file's counts and percentage were printed by a Go program
/// reading them with golang.org/x/tools `cover.ParseProfiles` and cmd/cover's `percent`.
fn repeated_blocks_figures() -> (Vec<GoFigures>, GoFigures) {
    let figures = |path: &str, covered, statements, printed: &str| GoFigures {
        path: path.to_string(),
        covered,
        statements,
        printed: printed.to_string(),
    };
    (
        vec![
            figures("example.com/shapes/area.go", 5, 6, "83.3"),
            figures("example.com/shapes/util.go", 0, 3, "0.0"),
        ],
        figures("TOTAL", 5, 9, "55.6"),
    )
}

/// Blocks listed twice (as with `-coverpkg` over several test binaries), out of order, and
/// one with 0 statements: merged by span, counts summed (`count`) or OR-ed (`set`).
#[test]
fn repeated_blocks_merge_as_go_merges_them() {
    for (profile, hits) in [
        ("go/repeated-blocks-count.out", vec![5, 5, 5, 2, 2, 3, 3, 3]),
        // `set` mode says only whether a block ran: no hits.
        ("go/repeated-blocks-set.out", vec![]),
    ] {
        let (report, warnings) = load(profile);
        let (files, total) = repeated_blocks_figures();
        check(&report, &files, &total);
        assert_eq!(warnings, Vec::<String>::new(), "{profile}");
        let area = &report.files[0];
        assert_eq!(
            area.executed_lines,
            [3, 4, 5, 6, 7, 12, 13, 14],
            "{profile}"
        );
        assert_eq!(area.executed_line_hits, hits, "{profile}");
        assert_eq!(area.missing_lines, [8], "{profile}");
        assert_eq!(
            area.uncovered_spans,
            [UncoveredSpan {
                kind: UncoveredKind::Statement,
                span: SourceSpan {
                    start: SourcePosition {
                        line: 8,
                        column: Some(1)
                    },
                    end: SourcePosition {
                        line: 8,
                        column: Some(13)
                    },
                },
            }],
            "{profile}"
        );
        let util = &report.files[1];
        // The 0-statement block ran (count 7) but holds no statement: no line is marked.
        assert!(util.executed_lines.is_empty(), "{profile}");
        assert_eq!(util.missing_lines, [3, 4, 5, 6], "{profile}");
        assert_eq!(format_uncovered_lines(CoverageFormat::Go, util), "3-6");
    }
}

/// Two profiles joined with `cat` repeat the mode line; Go's reader stops there ("line
/// \"mode: count\" doesn't match expected format"), Covscope reads on and merges.
#[test]
fn concatenated_profiles_read_as_one() {
    let (joined, warnings) = load("go/concatenated-profiles.out");
    let (single, _) = load("go/repeated-blocks-count.out");
    assert_eq!(joined, single);
    assert_eq!(warnings, Vec::<String>::new());
}

/// Malformed files under `tests/fixtures/malformed/go/` (made by its `generate.py`): whether each
/// still loads, and the first message it gives (the error when it is refused, else its
/// first warning).
const MALFORMED: &[(&str, bool, &str)] = &[
    ("count-above-1e15.out", false, "line 2: the count 1000000000000001 is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("empty.out", false, "the file is empty"),
    ("inconsistent-statements.out", false, "example.com/a/a.go: the block 3.14,5.2 has 2 statements at line 2 of the profile but 3 at line 4; go tool cover refuses such a profile (inconsistent NumStmt)"),
    ("lcov-given-as-go.out", false, "line 1: a Go cover profile starts with `mode: set`, `mode: count` or `mode: atomic`, but this file starts with `TN:`"),
    ("line-beyond-u32.out", false, "example.com/a/a.go: a block reaches line 4294967296, beyond the largest line number Covscope holds (4294967295); the file is damaged or made up"),
    ("mode-line-only.out", false, "the profile has its `mode: atomic` line but no blocks: the tests measured no code (go test writes this for packages without test files)"),
    ("modes-mixed.out", true, "1 mode line names a different mode (profiles of different modes were joined); every count is read by the first mode line's rule (first: line 4: `mode: set` after `mode: count`)"),
    ("no-mode-line.out", false, "line 1: a Go cover profile starts with `mode: set`, `mode: count` or `mode: atomic`, but this file starts with `example.com/a/a.go:3.14,5.2 2 1`"),
    ("span-ending-before-it-starts.out", true, "1 block starts at line 0 or ends before it starts; its statements are counted, but no lines are marked for it (first: example.com/a/a.go:20.1,18.2 (line 4 of the profile))"),
    ("spans-past-any-source.out", false, "the blocks reach more than 200000 source lines in all (by example.com/a/a.go), far more than a profile of this size describes; the file is damaged or made up"),
    ("statements-beyond-u64.out", false, "line 2: the number of statements 99999999999999999999 is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("truncated-mid-line.out", true, "1 line could not be read as blocks and was skipped; the file ends in the middle of a line, so it may be cut short (first: line 21: `github.c`: the count is missing)"),
    ("unknown-mode.out", true, "the mode is `sometimes`, which go test does not write (it writes set, count or atomic); the counts are read as counts"),
    ("unreadable-block.out", true, "1 line could not be read as blocks and was skipped (first: line 4: `example.com/a/a.go:11.2-12.3 1 1`: the end line is missing)"),
    ("whitespace-only.out", false, "the file is empty"),
];

#[test]
fn malformed_files_say_what_is_wrong_and_where() {
    common::check_malformed_files("malformed/go", ".out", parse_go_cover, MALFORMED);
}

/// Progress grows, never passes the length, and ends at it.
#[test]
fn progress_is_reported_up_to_the_length() {
    let profile = fixture_bytes("coverage/gocover-toml/cover.out");
    let mut bytes = profile.clone();
    let blocks = profile
        .split(|&byte| byte == b'\n')
        .skip(1)
        .collect::<Vec<_>>()
        .join(&b'\n');
    while bytes.len() < 3 << 20 {
        bytes.push(b'\n');
        bytes.extend_from_slice(&blocks);
    }
    let mut offsets = Vec::new();
    let outcome = parse_go_cover(&bytes, &mut |offset| offsets.push(offset));
    assert!(outcome.value.is_some());
    assert!(offsets.len() >= 3, "{offsets:?}");
    assert!(offsets.windows(2).all(|pair| pair[0] <= pair[1]));
    assert_eq!(offsets.last(), Some(&bytes.len()));
}
