//! tarpaulin JSON: every row of the real fixture equals tarpaulin's own printed summary, and
//! its lines equal tarpaulin's lcov report of the same run.
//!
//! Expected values are read from tarpaulin's files beside the report, never computed by
//! Covscope.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use std::collections::BTreeMap;

use common::check_malformed_folder;
use covscope::core::analysis::table::{column_value, CellValue, MetricPart, TableColumn};
use covscope::core::formats::parse_tarpaulin_json;
use covscope::core::model::{CoverageReport, FileCoverage, LineNumber, Metric};

/// A file under `tests/fixtures/coverage/`.
fn fixture_text(relative: &str) -> String {
    common::fixture_text(&format!("coverage/{relative}"))
}

fn parse(relative: &str) -> CoverageReport {
    let outcome = parse_tarpaulin_json(fixture_text(relative).as_bytes(), &mut |_| {});
    assert_eq!(outcome.diagnostics, vec![], "{relative}: no diagnostics");
    outcome.value.expect("the report loads")
}

/// The lines figure Covscope's table shows for some counts: covered, total and percent text.
fn shown_lines(
    report: &CoverageReport,
    counts: &covscope::core::model::Counts,
    coverage: &covscope::core::model::CoverageFigure,
    stated: &[covscope::core::model::MetricFigure],
) -> (u64, u64, String) {
    let value = |part| {
        column_value(
            &report.facts,
            counts,
            coverage,
            stated,
            TableColumn::Metric {
                metric: Metric::Lines,
                part,
            },
        )
    };
    match (
        value(MetricPart::Covered),
        value(MetricPart::Total),
        value(MetricPart::Percent),
    ) {
        (CellValue::Count(covered), CellValue::Count(total), CellValue::Figure(figure)) => {
            (covered, total, figure.display)
        }
        other => panic!("lines are shown: {other:?}"),
    }
}

fn file_ending<'report>(report: &'report CoverageReport, suffix: &str) -> &'report FileCoverage {
    let suffix = format!("/{suffix}");
    let mut matching = report
        .files
        .iter()
        .filter(|file| file.path.ends_with(&suffix));
    let file = matching
        .next()
        .unwrap_or_else(|| panic!("a file for {suffix}"));
    assert!(matching.next().is_none(), "{suffix} names one file");
    file
}

/// One `|| path: covered/coverable` line of tarpaulin's printed summary.
struct PrintedRow {
    path: String,
    covered: u64,
    coverable: u64,
}

/// tarpaulin's printed summary: a row per file with something coverable, then
/// `xx.xx% coverage, covered/coverable lines covered`.
struct PrintedSummary {
    rows: Vec<PrintedRow>,
    /// The total line's percent text, covered and coverable.
    total: (String, u64, u64),
}

fn read_summary(relative: &str) -> PrintedSummary {
    let text = fixture_text(relative);
    let mut rows = Vec::new();
    let mut total = None;
    for line in text.lines() {
        if let Some(row) = line.strip_prefix("|| ") {
            if let Some((path, counts)) = row.rsplit_once(": ") {
                if let Some((covered, coverable)) = counts.split_once('/') {
                    rows.push(PrintedRow {
                        path: path.to_string(),
                        covered: covered.parse().expect("covered"),
                        coverable: coverable.parse().expect("coverable"),
                    });
                }
            }
        } else if let Some((percent, rest)) = line.split_once("% coverage, ") {
            let counts = rest.strip_suffix(" lines covered").expect("the total line");
            let (covered, coverable) = counts.split_once('/').expect("covered/coverable");
            total = Some((
                percent.to_string(),
                covered.parse().expect("covered"),
                coverable.parse().expect("coverable"),
            ));
        }
    }
    PrintedSummary {
        rows,
        total: total.expect("the total line"),
    }
}

/// Every printed row and the printed total equal what Covscope shows; the files tarpaulin's
/// summary leaves out are exactly those with nothing coverable, which the JSON keeps and
/// Covscope keeps too (shown as 0 of 0, `-`).
fn check_summary(report_file: &str, summary_file: &str, files_with_nothing_coverable: &[&str]) {
    let report = parse(report_file);
    let PrintedSummary { rows, total } = read_summary(summary_file);
    for row in &rows {
        let file = file_ending(&report, &row.path);
        let (shown_covered, shown_total, _) =
            shown_lines(&report, &file.counts, &file.coverage, &file.stated_figures);
        assert_eq!(
            (shown_covered, shown_total),
            (row.covered, row.coverable),
            "{}",
            row.path
        );
    }
    let (shown_covered, shown_total, shown_percent) = shown_lines(
        &report,
        &report.totals,
        &report.total_coverage,
        &report.stated_total_figures,
    );
    assert_eq!(
        (shown_percent, shown_covered, shown_total),
        total,
        "{report_file}: the total line"
    );
    assert_eq!(report.total_coverage.display, total.0);
    assert_eq!(
        report.files.len(),
        rows.len() + files_with_nothing_coverable.len(),
        "{report_file}: every file of the JSON is kept"
    );
    for suffix in files_with_nothing_coverable {
        let file = file_ending(&report, suffix);
        assert_eq!(
            shown_lines(&report, &file.counts, &file.coverage, &file.stated_figures),
            (0, 0, "-".to_string()),
            "{suffix}"
        );
        assert!(file.has_no_statements());
    }
}

#[test]
fn every_row_and_the_total_equal_tarpaulins_summary() {
    check_summary(
        "tarpaulin-semver/tarpaulin-report.json",
        "tarpaulin-semver/summary.txt",
        &[
            "benches/parse.rs",
            "semver/build.rs",
            "fuzz/parse_version.rs",
            "fuzz/parse_version_req.rs",
            "fuzz/sort_version.rs",
            "src/serde.rs",
        ],
    );
}

/// `DA:<line>,<hits>` per file of tarpaulin's lcov report.
fn read_lcov_lines(relative: &str) -> BTreeMap<String, Vec<(u64, u64)>> {
    let mut files = BTreeMap::new();
    let mut current: Option<(String, Vec<(u64, u64)>)> = None;
    for line in fixture_text(relative).lines() {
        if let Some(path) = line.strip_prefix("SF:") {
            current = Some((path.to_string(), Vec::new()));
        } else if let Some(record) = line.strip_prefix("DA:") {
            let (number, hits) = record.split_once(',').expect("DA:line,hits");
            current
                .as_mut()
                .expect("inside SF")
                .1
                .push((number.parse().expect("line"), hits.parse().expect("hits")));
        } else if line == "end_of_record" {
            let (path, lines) = current.take().expect("inside SF");
            files.insert(path, lines);
        }
    }
    files
}

/// The paths (components joined) and every line with its hits equal tarpaulin's own lcov
/// report of the same run, which lists only files with traces.
#[test]
fn paths_and_lines_equal_tarpaulins_lcov_report() {
    let report = parse("tarpaulin-semver/tarpaulin-report.json");
    let lcov = read_lcov_lines("tarpaulin-semver/lcov.info");
    let with_lines: Vec<&FileCoverage> = report
        .files
        .iter()
        .filter(|file| !file.executed_lines.is_empty() || !file.missing_lines.is_empty())
        .collect();
    assert_eq!(with_lines.len(), lcov.len());
    for file in with_lines {
        let mut lines: Vec<(u64, u64)> = file
            .executed_lines
            .iter()
            .copied()
            .zip(file.executed_line_hits.iter().copied())
            .chain(file.missing_lines.iter().map(|&line| (line, 0)))
            .map(|(line, hits)| (u64::from(line), hits))
            .collect();
        lines.sort_unstable();
        assert_eq!(Some(&lines), lcov.get(&file.path), "{}", file.path);
        // The fixture's source texts were emptied (see PROVENANCE.md): nothing embedded.
        assert_eq!(file.embedded_source, None);
    }
}

// ----- Malformed and odd reports ----------------------------------------------------------

/// Every file in `tests/fixtures/malformed/tarpaulin/` (made by its `generate.py`), whether
/// it loads, and the first message it gives: the error when it is refused, else its first
/// warning (empty when it loads cleanly).
const MALFORMED: &[(&str, bool, &str)] = &[
    ("count-above-1e15.json", false, "files[1].coverable is 1000000000000001, more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up (line 1, column 2816)"),
    ("coverage-disagrees.json", true, "\"coverage\" is 90 but 37 of 42 is 88.09523809523809; the report's own percentage is shown"),
    ("covered-disagrees-with-traces.json", true, "a file's covered/coverable disagrees with its traces in 1 place (first: files[1] (\"/home/dev/semver/src/error.rs\"): 40/42 stated, 37/42 in its traces); the stated counts are shown"),
    ("duplicate-files-key.json", false, "the top level has the key \"files\" twice (line 1, column 19)"),
    ("file-without-counts.json", true, "a file has no \"covered\" or \"coverable\" in 1 place (first: files[1] (\"/home/dev/semver/src/error.rs\")); they were counted from its traces as tarpaulin counts them"),
    ("files-is-an-object.json", false, "files has the wrong type: invalid type: map, expected a list of files (line 1, column 9)"),
    ("hits-negative.json", false, "files[1].traces[2].stats::Line has the wrong type: invalid value: integer `-1`, expected u64 (line 1, column 376)"),
    ("nan-coverage.json", false, "the file is not valid JSON: expected value: `NaN` is not allowed in JSON (line 1, column 2816)"),
    ("no-files.json", false, "the top level has no \"files\", which the format always has (line 1, column 58)"),
    ("no-totals.json", true, "there is no \"covered\" or \"coverable\" total; the files were added up"),
    ("nothing-coverable-coverage-null.json", true, ""),
    ("path-is-a-string.json", false, "files[1].path has the wrong type: invalid type: string \"/home/dev/semver/src/error.rs\", expected a sequence (line 1, column 158)"),
    ("same-file-twice.json", true, "1 file is listed more than once (first: \"/home/dev/semver/src/error.rs\"); their counts were added and their lines merged, hits summed, as tarpaulin merges runs"),
    ("total-above-1e15.json", false, "covered is 10000000000000000, more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up (line 1, column 2860)"),
    ("totals-disagree.json", true, "the report says 38/42 lines covered but its files add up to 37/42; the report's own total is shown"),
    ("trace-without-line.json", false, "files[1].traces[0] has no \"line\", which the format always has (line 1, column 245)"),
    ("truncated-at-1.json", false, "the file is not valid JSON: it ends too early (EOF while parsing an object) (line 1, column 1); it was probably cut short"),
    ("truncated-at-2860.json", false, "the file is not valid JSON: it ends too early (EOF while parsing an object) (line 1, column 2860); it was probably cut short"),
    ("truncated-at-30.json", false, "the file is not valid JSON: it ends too early (EOF while parsing a value) (line 1, column 30); it was probably cut short"),
    ("truncated-at-700.json", false, "the file is not valid JSON: it ends too early (EOF while parsing a string) (line 1, column 700); it was probably cut short"),
    ("unknown-stat.json", false, "files[1].traces[0].stats has the wrong type: unknown variant `Decision`, expected one of `Line`, `Branch`, `Condition` (line 1, column 255)"),
    ("wrong-root-array.json", false, "the top level has the wrong type: invalid type: sequence, expected a tarpaulin report object (line 1, column 0)"),
];

#[test]
fn malformed_reports_say_what_is_wrong_and_where() {
    check_malformed_folder("malformed/tarpaulin", parse_tarpaulin_json, MALFORMED);
}

// ----- Odd but valid reports --------------------------------------------------------------

/// A Windows path (prefix, root, components), the source text carried in `content`, and
/// `Branch` and `Condition` traces, which tarpaulin counts 2 per branch and 2 per condition.
#[test]
fn windows_paths_source_text_and_branch_traces() {
    let report = r#"{"files":[{"path":["C:","\\","work","src","lib.rs"],"content":"fn f() {}\n","traces":[{"line":3,"address":[1],"length":1,"stats":{"Branch":{"been_true":true,"been_false":false}}},{"line":4,"address":[],"length":1,"stats":{"Condition":[{"been_true":true,"been_false":true},{"been_true":false,"been_false":false}]}},{"line":5,"address":[2,3],"length":1,"stats":{"Line":0}},{"line":6,"address":[4],"length":1,"stats":{"Line":7}}],"covered":4,"coverable":8},{"path":["src","main.rs"],"content":"","traces":[],"covered":0,"coverable":0}],"coverage":50.0,"covered":4,"coverable":8}"#;
    let outcome = parse_tarpaulin_json(report.as_bytes(), &mut |_| {});
    assert_eq!(outcome.diagnostics, vec![]);
    let report = outcome.value.expect("loads");
    assert!(report.facts.has_branches);
    let file = &report.files[0];
    assert_eq!(file.path, "C:\\work\\src\\lib.rs");
    assert_eq!(file.embedded_source.as_deref(), Some("fn f() {}\n"));
    assert_eq!(file.executed_lines, vec![6]);
    assert_eq!(file.executed_line_hits, vec![7]);
    assert_eq!(file.missing_lines, vec![5]);
    let branches: Vec<(LineNumber, u32, u32)> = file
        .line_branches
        .iter()
        .map(|branch| (branch.line, branch.covered, branch.total))
        .collect();
    assert_eq!(branches, vec![(3, 1, 2), (4, 2, 4)]);
    assert_eq!(report.files[1].path, "src/main.rs");
    assert_eq!(report.total_coverage.display, "50.00");
}
