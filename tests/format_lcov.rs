//! Every LCOV tracefile reads with lcov's own figures: each file row and the totals equal
//! what lcov 2.5's genhtml printed for the same file (`tests/fixtures/lcov-genhtml/`, made
//! by its `extract.py`), and agree with the producing tool's own summary wherever the two
//! tools count alike; where they do not, the difference is pinned here and says why.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::fixture_bytes;
use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::formats::parse_lcov;
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{
    CoverageFormat, CoverageReport, FileCoverage, LineNumber, Metric, Tally,
};

/// Reads a tracefile the way a dropped file is read: recognised by the registry from its
/// content, then parsed.
fn load(relative: &str) -> (CoverageReport, Vec<String>) {
    let outcome = parse_dropped_file(relative, &fixture_bytes(relative));
    let warnings = outcome.warning_messages();
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => {
            assert_eq!(report.facts.format, CoverageFormat::Lcov, "{relative}");
            (*report, warnings)
        }
        _ => panic!("{relative} did not load: {:?}", outcome.diagnostics),
    }
}

/// One metric as genhtml printed it: hit, total and the percent text.
#[derive(Debug, PartialEq)]
struct PrintedMetric {
    hit: u64,
    total: u64,
    percent: String,
}

/// One row of genhtml's table.
#[derive(Debug)]
struct PrintedRow {
    path: String,
    lines: PrintedMetric,
    functions: PrintedMetric,
    branches: PrintedMetric,
}

/// genhtml's rows and its totals, from a golden file of `tests/fixtures/lcov-genhtml/`.
fn read_genhtml(name: &str) -> (Vec<PrintedRow>, PrintedRow) {
    let text = String::from_utf8(fixture_bytes(&format!("lcov-genhtml/{name}.txt"))).unwrap();
    let mut rows: Vec<PrintedRow> = text
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 10, "{name}: {line}");
            let metric = |at: usize| PrintedMetric {
                hit: fields[at].parse().unwrap(),
                total: fields[at + 1].parse().unwrap(),
                percent: fields[at + 2].to_string(),
            };
            PrintedRow {
                path: fields[0].to_string(),
                lines: metric(1),
                functions: metric(4),
                branches: metric(7),
            }
        })
        .collect();
    let totals = rows.pop().unwrap();
    assert_eq!(totals.path, "TOTAL", "{name}: the last row is the totals");
    (rows, totals)
}

/// A metric of some counts as Covscope shows it, in genhtml's terms: a metric the report
/// has no data for is what genhtml prints for it, 0 of 0 and `-`.
fn shown_metric(
    report: &CoverageReport,
    counts: &covscope::core::model::Counts,
    metric: Metric,
) -> PrintedMetric {
    let tally = counts.tally(metric).unwrap_or_default();
    let percent = report
        .facts
        .metric_figure(counts, &[], metric)
        .map_or_else(|| "-".to_string(), |figure| figure.display);
    PrintedMetric {
        hit: tally.covered,
        total: tally.total,
        percent,
    }
}

fn check_row(report: &CoverageReport, row: &PrintedRow, counts: &covscope::core::model::Counts) {
    for (metric, printed) in [
        (Metric::Lines, &row.lines),
        (Metric::Functions, &row.functions),
        (Metric::Branches, &row.branches),
    ] {
        assert_eq!(
            &shown_metric(report, counts, metric),
            printed,
            "{} {metric:?}",
            row.path
        );
    }
}

/// Every file row and the totals of a tracefile against genhtml's; returns the report
/// and its warnings for the checks particular to each producer.
fn check(tracefile: &str, genhtml: &str) -> (CoverageReport, Vec<String>) {
    let (report, warnings) = load(tracefile);
    let (rows, totals) = read_genhtml(genhtml);
    assert_eq!(report.files.len(), rows.len(), "{tracefile}: file rows");
    for row in &rows {
        let file = file_named(&report, &row.path);
        check_row(&report, row, &file.counts);
        assert_eq!(
            file.coverage.display, row.lines.percent,
            "{}: the headline figure is lines",
            row.path
        );
    }
    check_row(&report, &totals, &report.totals);
    assert_eq!(report.total_coverage.display, totals.lines.percent);
    (report, warnings)
}

fn file_named<'report>(report: &'report CoverageReport, path: &str) -> &'report FileCoverage {
    report
        .files
        .iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("no file row {path}"))
}

/// The rows of coverage.py's `report -m` table: name, statements, missing, branches.
fn coverage_py_rows(relative: &str) -> Vec<(String, u64, u64, u64)> {
    let text = String::from_utf8(fixture_bytes(relative)).unwrap();
    text.lines()
        .filter(|line| line.contains(".py "))
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            (
                fields[0].to_string(),
                fields[1].parse().unwrap(),
                fields[2].parse().unwrap(),
                fields[3].parse().unwrap(),
            )
        })
        .collect()
}

/// coverage.py wrote the tracefile from the same data as its table: lines are its
/// statements, branches its branches (BrPart is partial branches, not missed ones, so only
/// the branch totals can be compared).
fn check_against_coverage_py(report: &CoverageReport, report_text: &str) {
    let rows = coverage_py_rows(report_text);
    assert_eq!(rows.len(), report.files.len());
    for (path, statements, missing, branches) in rows {
        let counts = &file_named(report, &path).counts;
        assert_eq!(
            counts.tally(Metric::Lines),
            Some(Tally::new(statements - missing, statements)),
            "{path}"
        );
        assert_eq!(
            counts.tally(Metric::Branches).map(|tally| tally.total),
            Some(branches),
            "{path}"
        );
    }
}

/// Istanbul's json-summary of the same run: counts per file and metric. `differences`
/// lists (file suffix, metric, Istanbul's covered and total) where the lcov reader counts
/// otherwise, each explained at its call.
fn check_against_istanbul_summary(
    report: &CoverageReport,
    summary_fixture: &str,
    differences: &[(&str, Metric, u64, u64)],
) {
    let summary: serde_json::Value =
        serde_json::from_slice(&fixture_bytes(summary_fixture)).unwrap();
    let entries = summary.as_object().unwrap();
    assert_eq!(entries.len() - 1, report.files.len(), "{summary_fixture}");
    for (key, entry) in entries {
        let counts = if key == "total" {
            &report.totals
        } else {
            &report
                .files
                .iter()
                .find(|file| key.ends_with(&format!("/{}", file.path)))
                .unwrap_or_else(|| panic!("no lcov row for {key}"))
                .counts
        };
        for (metric, name) in [
            (Metric::Lines, "lines"),
            (Metric::Functions, "functions"),
            (Metric::Branches, "branches"),
        ] {
            let istanbul = Tally::new(
                entry[name]["covered"].as_u64().unwrap(),
                entry[name]["total"].as_u64().unwrap(),
            );
            let pinned = differences.iter().find(|(suffix, pinned_metric, _, _)| {
                key.ends_with(suffix) && *pinned_metric == metric
            });
            match pinned {
                Some(&(_, _, covered, total)) => {
                    assert_eq!(
                        istanbul,
                        Tally::new(covered, total),
                        "{key} {name}: Istanbul's own figure"
                    );
                    assert_ne!(
                        counts.tally(metric),
                        Some(istanbul),
                        "{key} {name}: the pinned difference is gone"
                    );
                }
                None => assert_eq!(counts.tally(metric), Some(istanbul), "{key} {name}"),
            }
        }
    }
}

#[test]
fn toolz_from_coverage_py_matches_genhtml_and_coverage_report() {
    let (report, warnings) = check("coverage/toolz/coverage.lcov", "toolz");
    check_against_coverage_py(&report, "coverage/toolz/report.txt");
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn boltons_from_coverage_py_matches_genhtml_and_coverage_report() {
    let (report, warnings) = check("coverage/boltons/coverage.lcov", "boltons");
    check_against_coverage_py(&report, "coverage/boltons/report.txt");
    assert_eq!(warnings, Vec::<String>::new());
}

/// Istanbul's text reporter's "Uncovered Line #s" column, by path (the folder label's first
/// part is the checkout's folder name, which the tracefile's relative paths leave out).
fn istanbul_uncovered_lines(relative: &str) -> Vec<(String, String)> {
    let text = String::from_utf8(fixture_bytes(relative)).unwrap();
    let mut folder = String::new();
    let mut rows = Vec::new();
    for line in text.lines().filter(|line| line.contains('|')) {
        let cells: Vec<&str> = line.split('|').collect();
        let name = cells[0];
        if name.starts_with("  ") {
            let file = name.trim();
            let path = if folder.is_empty() {
                file.to_string()
            } else {
                format!("{folder}/{file}")
            };
            rows.push((path, cells[5].trim().to_string()));
        } else if let Some(label) = name.strip_prefix(' ') {
            folder = label
                .trim()
                .split_once('/')
                .map_or("", |(_, rest)| rest)
                .to_string();
        }
    }
    rows
}

/// Istanbul wrote the tracefile's lines, and its text reporter's "Uncovered Line #s" is
/// the uncovered lines, ranged over the measured lines as Covscope ranges them for lcov
/// (Istanbul joins ranges with `,`, Covscope with `, `). For a file whose lines all ran,
/// the reporter lists the lines whose branches did not all run instead; lcov's column is
/// then empty, and the `BRDA` records give those lines, ranged the same way.
fn check_uncovered_lines_against_istanbul(report: &CoverageReport, report_text: &str) {
    let rows = istanbul_uncovered_lines(report_text);
    assert_eq!(rows.len(), report.files.len(), "{report_text}");
    for (path, printed) in rows {
        let file = file_named(report, &path);
        let shown = format_uncovered_lines(CoverageFormat::Lcov, file);
        if file.missing_lines.is_empty() {
            assert_eq!(shown, "", "{path}");
            assert_eq!(lines_with_untaken_branches(file), printed, "{path}");
        } else {
            assert_eq!(shown.replace(", ", ","), printed, "{path}");
        }
    }
}

/// Istanbul's partly covered lines: ranges over the lines with branches, running on while
/// a line has an outcome that was not taken.
fn lines_with_untaken_branches(file: &FileCoverage) -> String {
    let mut lines: Vec<(LineNumber, bool)> = Vec::new();
    for outcome in &file.branch_outcomes {
        let taken = outcome.taken.is_some_and(|taken| taken > 0);
        match lines.last_mut() {
            Some((line, all_taken)) if *line == outcome.line => *all_taken &= taken,
            _ => lines.push((outcome.line, taken)),
        }
    }
    let mut ranges: Vec<(LineNumber, LineNumber)> = Vec::new();
    let mut open = false;
    for (line, all_taken) in lines {
        match (all_taken, ranges.last_mut()) {
            (true, _) => open = false,
            (false, Some(range)) if open => range.1 = line,
            (false, _) => {
                ranges.push((line, line));
                open = true;
            }
        }
    }
    ranges
        .iter()
        .map(|&(start, end)| {
            if start == end {
                start.to_string()
            } else {
                format!("{start}-{end}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn c8_express_matches_genhtml_and_istanbul() {
    let (report, warnings) = check("coverage/c8-express/lcov.info", "c8-express");
    check_against_istanbul_summary(&report, "coverage/c8-express/coverage-summary.json", &[]);
    check_uncovered_lines_against_istanbul(&report, "coverage/c8-express/report.txt");
    assert_eq!(warnings, Vec::<String>::new());
}

/// c8 writes two functions named `baseWrite` in lib/command.js (lines 2496 and 2500).
/// lcov counts a function per name, so it counts 124 functions there where Istanbul counts
/// 125; Covscope shows lcov's figure for an lcov file and says why.
#[test]
fn c8_commander_matches_genhtml_and_istanbul_but_for_a_repeated_function_name() {
    let (report, warnings) = check("coverage/c8-commander/lcov.info", "c8-commander");
    check_against_istanbul_summary(
        &report,
        "coverage/c8-commander/coverage-summary.json",
        &[
            ("/lib/command.js", Metric::Functions, 125, 125),
            ("total", Metric::Functions, 206, 206),
        ],
    );
    check_uncovered_lines_against_istanbul(&report, "coverage/c8-commander/report.txt");
    assert_eq!(
        warnings,
        [
            "1 function name is defined at two different lines of one file; lcov counts such a name as one function, at its first line, and so does Covscope (first: `baseWrite` in lib/command.js at lines 2496 and 2500)",
            "1 file's FNF/FNH summary disagrees with the function records; the figures count one function per name, as lcov --summary and genhtml do (first: `lib/command.js` says FNF:125 FNH:125, its function records give 124 of 124)",
        ]
    );
    let base_write = file_named(&report, "lib/command.js")
        .regions
        .iter()
        .find(|region| region.name == "baseWrite")
        .unwrap();
    assert_eq!(base_write.start_line, Some(2496));
}

/// Jest's Babel provider: Istanbul's lines, branches on lines without a `DA` (lcov 2.x
/// calls that inconsistent; the records are counted as written) and 296 functions, 285 of
/// them `(anonymous_N)`.
#[test]
fn jest_commander_matches_genhtml_and_istanbul() {
    let (report, warnings) = check("coverage/jest-commander/lcov.info", "jest-commander");
    check_against_istanbul_summary(
        &report,
        "coverage/jest-commander/coverage-summary.json",
        &[],
    );
    check_uncovered_lines_against_istanbul(&report, "coverage/jest-commander/report.txt");
    assert_eq!(warnings, Vec::<String>::new());
}

/// Jest's V8 provider: like c8, one function name twice in lib/command.js; its `BRDA`
/// records are not in line order (27 backwards jumps), which changes nothing.
#[test]
fn jest_v8_commander_matches_genhtml_and_istanbul_but_for_a_repeated_function_name() {
    let (report, warnings) = check("coverage/jest-v8-commander/lcov.info", "jest-v8-commander");
    check_against_istanbul_summary(
        &report,
        "coverage/jest-v8-commander/coverage-summary.json",
        &[
            ("/lib/command.js", Metric::Functions, 125, 125),
            ("total", Metric::Functions, 207, 207),
        ],
    );
    check_uncovered_lines_against_istanbul(&report, "coverage/jest-v8-commander/report.txt");
    assert_eq!(
        warnings,
        [
            "1 function name is defined at two different lines of one file; lcov counts such a name as one function, at its first line, and so does Covscope (first: `baseWrite` in lib/command.js at lines 2482 and 2486)",
            "1 file's FNF/FNH summary disagrees with the function records; the figures count one function per name, as lcov --summary and genhtml do (first: `lib/command.js` says FNF:125 FNH:125, its function records give 124 of 124)",
        ]
    );
    let outcomes = &file_named(&report, "lib/command.js").branch_outcomes;
    assert!(outcomes.windows(2).all(|pair| pair[0].line <= pair[1].line));
}

/// llvm-cov's own table (report.txt) per file: lines, missed lines, functions, missed
/// functions.
fn llvm_cov_rows() -> Vec<(String, u64, u64, u64, u64)> {
    let text = String::from_utf8(fixture_bytes("coverage/llvmcov-semver/report.txt")).unwrap();
    text.lines()
        .filter(|line| line.contains(".rs "))
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            (
                fields[0].to_string(),
                fields[7].parse().unwrap(),
                fields[8].parse().unwrap(),
                fields[4].parse().unwrap(),
                fields[5].parse().unwrap(),
            )
        })
        .collect()
}

/// cargo-llvm-cov's lcov: `LF`/`LH` are llvm-cov's own line figures (its table), but in
/// three files they count more lines than the `DA` records list; lcov's tools count the
/// `DA` records, so Covscope shows 788 of 859 where llvm-cov's table says 795 of 867, and
/// warns. Functions: one `FN` per instantiation (mangled names), 175 where llvm-cov counts
/// 88 functions; lcov counts every name.
#[test]
fn llvm_cov_semver_matches_genhtml_and_differs_from_llvm_cov_where_lcov_counts_otherwise() {
    let (report, warnings) = check("coverage/llvmcov-semver/lcov.info", "llvmcov-semver");
    // (file, llvm-cov's lines and covered lines, then what the DA records give)
    let differing_lines: &[(&str, Tally, Tally)] = &[
        ("display.rs", Tally::new(97, 121), Tally::new(95, 119)),
        ("impls.rs", Tally::new(67, 88), Tally::new(63, 83)),
        ("parse.rs", Tally::new(266, 268), Tally::new(265, 267)),
    ];
    for (name, lines, missed_lines, functions, missed_functions) in llvm_cov_rows() {
        let file = report
            .files
            .iter()
            .find(|file| file.path.ends_with(&format!("/src/{name}")))
            .unwrap();
        let llvm_cov_lines = Tally::new(lines - missed_lines, lines);
        let expected = differing_lines
            .iter()
            .find(|(differing, _, _)| *differing == name)
            .map_or(llvm_cov_lines, |&(_, llvm_cov, from_records)| {
                assert_eq!(llvm_cov, llvm_cov_lines, "{name}: llvm-cov's own figure");
                from_records
            });
        assert_eq!(file.counts.tally(Metric::Lines), Some(expected), "{name}");
        // Every function of llvm-cov's table is listed twice (the lib test binary and the
        // integration tests), so lcov's count is at least llvm-cov's.
        let lcov_functions = file.counts.tally(Metric::Functions).unwrap();
        assert!(lcov_functions.total >= functions, "{name}");
        assert_eq!(
            lcov_functions.covered,
            functions - missed_functions,
            "{name}"
        );
    }
    assert_eq!(
        warnings,
        [
            "3 files' LF/LH summary disagrees with the DA records; the figures count the DA records, as lcov --summary and genhtml do (first: `/home/dev/semver/src/display.rs` says LF:121 LH:97, its DA records give 95 of 119)",
            "7 files have several function names at one line (one per template or generic instantiation, or per test binary) and an FNF/FNH summary that counts each line once; the figures count every name, as lcov --summary and genhtml do (first: `/home/dev/semver/src/display.rs` says FNF:12 FNH:9, its function records give 9 of 24)",
        ]
    );
    let display = file_named(&report, "/home/dev/semver/src/display.rs");
    // Still 24 functions, one per symbol, each shown demangled (the names are pinned in
    // tests/symbol_names.rs).
    assert_eq!(display.regions.len(), 24);
    assert!(display
        .regions
        .iter()
        .all(|region| region.name.starts_with("semver::") || region.name.starts_with("<semver::")));
}

/// tarpaulin's lcov: no `FNH` line at all (its hits are in the `FNDA` records), and
/// `FNF:0` without `FN` records for a file with functions; lines equal tarpaulin's own
/// printed summary.
#[test]
fn tarpaulin_semver_matches_genhtml_and_tarpaulin_summary() {
    let (report, warnings) = check("coverage/tarpaulin-semver/lcov.info", "tarpaulin-semver");
    let summary =
        String::from_utf8(fixture_bytes("coverage/tarpaulin-semver/summary.txt")).unwrap();
    let mut rows = 0;
    for line in summary.lines() {
        let Some((path, figures)) = line
            .strip_prefix("|| ")
            .and_then(|row| row.split_once(": "))
        else {
            continue;
        };
        let (covered, total) = figures.split_once('/').unwrap();
        let file = file_named(&report, &format!("/home/dev/semver/{path}"));
        assert_eq!(
            file.counts.tally(Metric::Lines),
            Some(Tally::new(covered.parse().unwrap(), total.parse().unwrap())),
            "{path}"
        );
        rows += 1;
    }
    assert_eq!(rows, report.files.len());
    assert!(summary.contains("92.17% coverage, 600/651 lines covered"));
    assert_eq!(
        report.totals.tally(Metric::Lines),
        Some(Tally::new(600, 651))
    );
    assert_eq!(
        file_named(&report, "/home/dev/semver/src/identifier.rs")
            .counts
            .tally(Metric::Functions),
        Some(Tally::new(0, 0))
    );
    assert_eq!(warnings, Vec::<String>::new());
}

/// lcov 2.5 rewrote two fixtures (`lcov -a <file> -o <new>`): its own output uses the
/// lcov 2.2+ records (`FNL`/`FNA` with end lines and aliases) and must read with exactly
/// the figures of the original.
#[test]
fn files_rewritten_by_lcov_2_5_read_like_their_originals() {
    let (toolz, warnings) = check("lcov/toolz-rewritten-by-lcov-2.5.info", "toolz");
    assert_eq!(warnings, Vec::<String>::new());
    let getattr = &file_named(&toolz, "toolz/__init__.py").regions[0];
    assert_eq!(
        (
            getattr.name.as_str(),
            getattr.start_line,
            getattr.end_line,
            getattr.hits
        ),
        ("__getattr__", Some(25), Some(32), Some(1))
    );
    let (_, warnings) = check(
        "lcov/llvmcov-semver-rewritten-by-lcov-2.5.info",
        "llvmcov-semver",
    );
    assert_eq!(
        warnings,
        ["7 files have several function names at one line (one per template or generic instantiation, or per test binary) and an FNF/FNH summary that counts each line once; the figures count every name, as lcov --summary and genhtml do (first: `/home/dev/semver/src/display.rs` says FNF:12 FNH:9, its function records give 9 of 24)"]
    );
}

/// Windows line endings, a byte-order mark and comment lines change nothing.
#[test]
fn line_endings_a_byte_order_mark_and_comments_change_nothing() {
    let original = fixture_bytes("coverage/toolz/coverage.lcov");
    let mut rewritten = b"\xEF\xBB\xBF# a comment line\r\n".to_vec();
    for line in original
        .split(|&byte| byte == b'\n')
        .filter(|line| !line.is_empty())
    {
        rewritten.extend_from_slice(line);
        rewritten.extend_from_slice(b"  \r\n\r\n");
    }
    let outcome = parse_lcov(&rewritten, &mut |_| {});
    let (report, _) = load("coverage/toolz/coverage.lcov");
    assert_eq!(outcome.warning_messages(), Vec::<String>::new());
    assert_eq!(outcome.value, Some(report));
}

/// A hand-made tracefile and the figures lcov printed for it (`lcov --summary`, 1.16 and
/// 2.5 agreeing unless said otherwise): lines, functions, branches as hit of total.
struct LcovSummary {
    tracefile: &'static str,
    files: usize,
    lines: Tally,
    functions: Option<Tally>,
    branches: Option<Tally>,
    warnings: &'static [&'static str],
}

const HAND_MADE: &[LcovSummary] = &[
    // Two test names, each with a record for src/shapes.c: their union.
    LcovSummary {
        tracefile: "lcov/repeated-source-file.info",
        files: 2,
        lines: Tally { covered: 7, total: 8 },
        functions: Some(Tally { covered: 3, total: 3 }),
        branches: Some(Tally { covered: 2, total: 4 }),
        warnings: &[],
    },
    // The same with one test name (shards joined with `cat`): lcov 1.16 and `lcov -a` of
    // the two records as separate files (2.5) print 2 of 4 branches; lcov 2.5 reading the
    // one file prints 3 of 8, keeping the second record's branch blocks apart. Covscope
    // follows `lcov -a`, the rule issue 14 asks for.
    LcovSummary {
        tracefile: "lcov/repeated-source-file-one-test-name.info",
        files: 2,
        lines: Tally { covered: 7, total: 8 },
        functions: Some(Tally { covered: 3, total: 3 }),
        branches: Some(Tally { covered: 2, total: 4 }),
        warnings: &[],
    },
    // lcov 2.x only (1.16 cannot read it): FNL with two aliases, an exception block,
    // expression branches holding commas, unreachable branches (left out), a checksum.
    LcovSummary {
        tracefile: "lcov/lcov-2-syntax.info",
        files: 1,
        lines: Tally { covered: 2, total: 4 },
        functions: Some(Tally { covered: 1, total: 3 }),
        branches: Some(Tally { covered: 3, total: 6 }),
        warnings: &["1 file has several function names at one line (one per template or generic instantiation, or per test binary) and an FNF/FNH summary that counts each line once; the figures count every name, as lcov --summary and genhtml do (first: `lib/parse.cpp` says FNF:2 FNH:1, its function records give 1 of 3)"],
    },
    // lcov 2.5 (with its `mismatch` error ignored, as it stops otherwise): a record without
    // DA lines is dropped, an FNDA naming no FN is not counted; lcov 1.16 counts that FNDA
    // as a second function (2 of 2).
    LcovSummary {
        tracefile: "lcov/dropped-and-unknown-records.info",
        files: 1,
        lines: Tally { covered: 2, total: 3 },
        functions: Some(Tally { covered: 1, total: 1 }),
        branches: None,
        warnings: &[
            "1 file has no `DA:` line records and is left out, as lcov leaves such files out of its figures (first: `src/only_functions.rs`)",
            "1 hit record names a function that is not defined in its file, so it is not counted, as lcov does not count it (first: line 9: `FNDA` for `never_declared`, which no `FN` of src/main.rs defines)",
        ],
    },
];

fn check_summary(expected: &LcovSummary) {
    let (report, warnings) = load(expected.tracefile);
    let name = expected.tracefile;
    assert_eq!(report.files.len(), expected.files, "{name}");
    assert_eq!(
        report.totals.tally(Metric::Lines),
        Some(expected.lines),
        "{name}"
    );
    assert_eq!(
        report.totals.tally(Metric::Functions),
        expected.functions,
        "{name}"
    );
    assert_eq!(
        report.totals.tally(Metric::Branches),
        expected.branches,
        "{name}"
    );
    assert_eq!(warnings, expected.warnings, "{name}");
}

#[test]
fn hand_made_tracefiles_read_with_lcovs_figures() {
    for expected in HAND_MADE {
        check_summary(expected);
    }
}

/// Repeated records sum their hits, as `lcov -a` writes them (`DA:3,6`, `FNDA:6,area`,
/// `BRDA:4,0,1,3`; a branch that is `-` in every record stays `-`).
#[test]
fn repeated_records_sum_hits_as_lcov_a_writes_them() {
    let (report, _) = load("lcov/repeated-source-file-one-test-name.info");
    let shapes = file_named(&report, "src/shapes.c");
    assert_eq!(shapes.executed_lines, [3, 4, 10, 11, 12]);
    assert_eq!(shapes.executed_line_hits, [6, 6, 1, 1, 1]);
    assert_eq!(shapes.missing_lines, [5]);
    let hits: Vec<(&str, Option<u64>)> = shapes
        .regions
        .iter()
        .map(|region| (region.name.as_str(), region.hits))
        .collect();
    assert_eq!(hits, [("area", Some(6)), ("perimeter", Some(1))]);
    let taken: Vec<(LineNumber, u32, u32, Option<u64>)> = shapes
        .branch_outcomes
        .iter()
        .map(|outcome| (outcome.line, outcome.block, outcome.branch, outcome.taken))
        .collect();
    assert_eq!(
        taken,
        [
            (4, 0, 0, Some(3)),
            (4, 0, 1, Some(3)),
            (5, 0, 0, None),
            (5, 0, 1, None)
        ]
    );
}

/// Expression branches are numbered in the order they were written within their block,
/// as lcov 2.x numbers them; numbered ones keep their numbers.
#[test]
fn expression_branches_are_numbered_in_written_order() {
    let (report, _) = load("lcov/lcov-2-syntax.info");
    let file = &report.files[0];
    let outcomes: Vec<(LineNumber, u32, u32, Option<u64>)> = file
        .branch_outcomes
        .iter()
        .map(|outcome| (outcome.line, outcome.block, outcome.branch, outcome.taken))
        .collect();
    assert_eq!(
        outcomes,
        [
            (11, 0, 0, Some(5)),
            (11, 0, 1, Some(0)),
            (11, 1, 0, Some(2)),
            (11, 1, 1, Some(0)),
            (12, 0, 0, Some(1)),
            (12, 0, 1, Some(0)),
        ]
    );
    let parse_int = file
        .regions
        .iter()
        .find(|region| region.name == "parse<int>")
        .unwrap();
    assert_eq!(
        (parse_int.start_line, parse_int.end_line, parse_int.hits),
        (Some(10), Some(20), Some(5))
    );
    // With an end line, a function also counts its lines: 10 and 11 ran, 12 did not.
    assert_eq!(
        parse_int.counts.tally(Metric::Lines),
        Some(Tally::new(2, 3))
    );
}

/// Progress grows, never passes the length, and ends at it.
#[test]
fn progress_is_reported_up_to_the_length() {
    let mut bytes = Vec::new();
    while bytes.len() < 3 << 20 {
        bytes.extend_from_slice(&fixture_bytes("coverage/boltons/coverage.lcov"));
    }
    let mut offsets = Vec::new();
    let outcome = parse_lcov(&bytes, &mut |offset| offsets.push(offset));
    assert!(outcome.value.is_some());
    assert!(offsets.len() >= 3, "{offsets:?}");
    assert!(offsets.windows(2).all(|pair| pair[0] <= pair[1]));
    assert_eq!(offsets.last(), Some(&bytes.len()));
}

/// Malformed files under `tests/fixtures/malformed/lcov/` (made by its `generate.py`): whether each
/// still loads, and the first message it gives (the error when it is refused, else its
/// first warning).
const MALFORMED: &[(&str, bool, &str)] = &[
    ("block-number-beyond-u32.info", true, "1 record could not be read and was skipped (first: line 8: `BRDA:2,4294967296,1,0`: the block number is too large)"),
    ("branch-taken-above-1e15.info", false, "line 8: the taken count 5000000000000000 is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("branch-with-too-few-fields.info", true, "1 record could not be read and was skipped (first: line 8: `BRDA:2,0`: it has too few fields)"),
    ("empty-source-file-path.info", true, "1 record has an empty path and was skipped (first: line 1: `SF:`)"),
    ("empty.info", false, "the file is empty"),
    ("function-alias-without-location.info", true, "1 hit record names a function that is not defined in its file, so it is not counted, as lcov does not count it (first: line 4: `FNA` names index 3, which no `FNL` of its record defines)"),
    ("function-without-name.info", true, "1 record could not be read and was skipped (first: line 3: `FN:1,`: it has no function name)"),
    ("go-profile-given-as-lcov.info", false, "no `SF:` (source file) record in 2 lines, so this is not an LCOV tracefile; it starts with `mode: set`"),
    ("gzip-compressed.info", false, "the file is binary, not text (a NUL byte at offset 3)"),
    ("hits-above-1e15.info", false, "line 6: the hit count 1000000000000001 is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("hits-beyond-u64.info", false, "line 6: the hit count 99999999999999999999999 is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("line-above-1e15.info", false, "line 6: the line number 9999999999999999 is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("line-beyond-u32.info", true, "1 record could not be read and was skipped (first: line 6: `DA:4294967296,3`: the line number 4294967296 is beyond the largest Covscope holds (4294967295))"),
    ("line-zero.info", true, "1 record could not be read and was skipped (first: line 6: `DA:0,3`: there is no line 0)"),
    ("negative-hits.info", true, "1 record could not be read and was skipped (first: line 6: `DA:2,-1`: the hit count is not a whole number)"),
    ("no-line-records.info", false, "no record of the tracefile has a `DA:` (line) record, so there is nothing to show; lcov itself finds no valid records in such a file"),
    ("prose.info", false, "no `SF:` (source file) record in 2 lines, so this is not an LCOV tracefile; it starts with `Coverage went up to 93% this week.`"),
    ("records-before-the-first-file.info", true, "2 lines outside any `SF:` record were ignored (first: line 1: `DA:1,1`)"),
    ("source-file-without-end.info", true, "1 record has no end_of_record; its data is kept as read (first: line 10: `SF:` without an end_of_record before it)"),
    ("truncated-after-a-line.info", true, "1 record has no end_of_record; its data is kept as read (first: the record that starts at line 23 has no end_of_record: the file may be cut short)"),
    ("truncated-mid-line.info", true, "1 record could not be read and was skipped; the file ends in the middle of a line, so it may be cut short (first: line 84: `DA:`: it has no hit count)"),
    ("unknown-record.info", true, "1 record of a kind LCOV does not define was skipped (first: line 6: `XYZ:12`)"),
    ("utf16le.info", false, "the file is UTF-16 encoded (little-endian); save it as UTF-8"),
];

#[test]
fn malformed_files_say_what_is_wrong_and_where() {
    common::check_malformed_files("malformed/lcov", ".info", parse_lcov, MALFORMED);
}

/// Regression: the warnings quoted cargo-llvm-cov's mangled v0 symbols while the functions
/// index showed them demangled. A warning names a function as the index shows it (the names
/// cargo-llvm-cov's own Cobertura gives these symbols of the semver run), with the name as
/// the tracefile writes it beside, to find the record by; a name that is not a Rust symbol
/// is quoted as written (`tests/fixtures/lcov/dropped-and-unknown-records.info`).
#[test]
fn mangled_rust_names_in_warnings_read_as_the_functions_index_shows_them() {
    let (report, warnings) = load("lcov/mangled-rust-names-in-warnings.info");
    assert_eq!(
        warnings,
        [
            "2 function names are defined at two different lines of one file; lcov counts such a name as one function, at its first line, and so does Covscope (first: `semver::display::digits` (mangled: `_RNvNtCsgtpyCEExMXn_6semver7display6digits`) in src/display.rs at lines 156 and 158)",
            "2 hit records name a function that is not defined in its file, so they are not counted, as lcov does not count them (first: line 8: `FNDA` for `<semver::VersionReq as core::fmt::Display>::fmt` (mangled: `_RNvXs_NtCsgtpyCEExMXn_6semver7displayNtB6_10VersionReqNtNtCsgEmfK2I1SDS_4core3fmt7Display3fmt`), which no `FN` of src/display.rs defines)",
        ]
    );
    let shown: Vec<&str> = file_named(&report, "src/display.rs")
        .regions
        .iter()
        .map(|region| region.name.as_str())
        .collect();
    assert!(
        shown.contains(&"semver::display::digits"),
        "the index shows the name the warning quotes: {shown:?}"
    );
    assert!(
        shown.contains(&"<semver::Version as core::fmt::Display>::fmt"),
        "{shown:?}"
    );
}
