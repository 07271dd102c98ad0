//! Comparing reports: deltas, statuses, line changes, table order, exports and the trend.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
// Every expected value below is written out literally. The real-series values come from
// the JSON files' own summaries (and match each series' report.txt); the deltas were
// worked out by hand or with a one-off python3 script applying coverage.py's
// `display_covered` rule to `after.percent_covered - before.percent_covered`, never by
// calling the code under test.
mod common;

use common::fixture_bytes;

use covscope::core::analysis::compare::{
    build_delta_table, compare_file_lines, compare_reports, default_comparison_pair,
    line_changes_for_row, totals_for_rows, Comparison, DeltaColumn, DeltaStatus, FileFigures,
    PercentDelta,
};
use covscope::core::analysis::export::{
    code_span, comparison_to_csv, comparison_to_markdown, csv_field,
};
use covscope::core::analysis::trend::{
    file_sparklines, sparkline_geometry, total_trend, trend_chart_geometry, TrendPoint,
};
use covscope::core::formats::parse_coverage_py_json;
use covscope::core::model::{
    ArcEnd, BranchArc, Counts, CoverageCounts, CoverageFigure, CoverageFormat, CoverageReport,
    FileCoverage, LineNumber, Percent, Precision, ReportFacts,
};

/// Loads a fixture (a path relative to `tests/fixtures/`), which must parse cleanly.
fn load(relative: &str) -> CoverageReport {
    let outcome = parse_coverage_py_json(&fixture_bytes(relative));
    assert_eq!(outcome.diagnostics, Vec::new(), "{relative} parses cleanly");
    outcome.value.unwrap_or_else(|| panic!("{relative} loads"))
}

fn toolz(snapshot: &str) -> CoverageReport {
    load(&format!("coverage/toolz/series/{snapshot}-coverage.json"))
}

fn boltons(snapshot: &str) -> CoverageReport {
    load(&format!("coverage/boltons/series/{snapshot}-coverage.json"))
}

fn hand_made(name: &str) -> CoverageReport {
    load(&format!("compare/{name}.json"))
}

/// One expected row: the path ("TOTAL" for the totals) and a summary of the row:
/// status key, before and after display, delta display ("~" where there is none), then
/// the statements, missing, branches and partial deltas, e.g.
/// `"improved 75 -> 100 +25 [0 -4 0 -1]"`.
type ExpectedRow<'a> = (&'a str, &'a str);

/// Writes a row's figures in the `ExpectedRow` summary form.
fn summarize(
    status: DeltaStatus,
    before: Option<&FileFigures>,
    after: Option<&FileFigures>,
    delta: Option<&PercentDelta>,
    counts: [i64; 4],
) -> String {
    let display = |figures: Option<&FileFigures>| {
        figures.map_or("~".to_string(), |figures| figures.coverage.display.clone())
    };
    format!(
        "{} {} -> {} {} [{} {} {} {}]",
        status.key(),
        display(before),
        display(after),
        delta.map_or("~", |delta| delta.display.as_str()),
        counts[0],
        counts[1],
        counts[2],
        counts[3]
    )
}

/// Compares two reports and checks the listed rows and the totals; with `complete` the
/// listed rows must be every row, in the comparison's path order.
fn check(
    before: &CoverageReport,
    after: &CoverageReport,
    complete: bool,
    expected: &[ExpectedRow],
) {
    let comparison = compare_reports(before, after);
    for &(path, expected_summary) in expected {
        let actual_summary = if path == "TOTAL" {
            let totals = &comparison.totals;
            summarize(
                totals.status,
                totals.before.as_ref(),
                totals.after.as_ref(),
                totals.coverage_delta.as_ref(),
                [
                    totals.statements_delta,
                    totals.missing_delta,
                    totals.branches_delta,
                    totals.partial_delta,
                ],
            )
        } else {
            let row = comparison
                .rows
                .iter()
                .find(|row| row.path == path)
                .unwrap_or_else(|| panic!("a row for {path}"));
            summarize(
                row.status,
                row.before.as_ref(),
                row.after.as_ref(),
                row.coverage_delta.as_ref(),
                [
                    row.statements_delta,
                    row.missing_delta,
                    row.branches_delta,
                    row.partial_delta,
                ],
            )
        };
        assert_eq!(actual_summary, expected_summary, "{path}");
    }
    if complete {
        let paths: Vec<&str> = comparison.rows.iter().map(|r| r.path.as_str()).collect();
        let expected_paths: Vec<&str> = expected
            .iter()
            .map(|row| row.0)
            .filter(|path| *path != "TOTAL")
            .collect();
        assert_eq!(paths, expected_paths);
    }
}

#[test]
fn toolz_01_to_02_improves_most_files_and_leaves_the_rest_unchanged() {
    check(
        &toolz("01"),
        &toolz("02"),
        false,
        &[
            ("toolz/__init__.py", "improved 75 -> 100 +25 [0 -4 0 -1]"),
            ("toolz/compatibility.py", "unchanged 100 -> 100 0 [0 0 0 0]"),
            ("toolz/itertoolz.py", "improved 19 -> 99 +81 [0 -277 0 -4]"),
            ("toolz/recipes.py", "unchanged 45 -> 45 0 [0 0 0 0]"),
            ("toolz/utils.py", "improved 29 -> 86 +57 [0 -4 0 0]"),
            // 93.21024419297201 - 44.13341274568195 = 49.08 points.
            ("TOTAL", "improved 44 -> 93 +49 [0 -557 0 -21]"),
        ],
    );
}

#[test]
fn toolz_02_to_03_finishes_recipes_and_functoolz() {
    check(
        &toolz("02"),
        &toolz("03"),
        false,
        &[
            ("toolz/dicttoolz.py", "unchanged 99 -> 99 0 [0 0 0 0]"),
            ("toolz/functoolz.py", "improved 86 -> 95 +9 [0 -39 0 0]"),
            ("toolz/recipes.py", "improved 45 -> 100 +55 [0 -4 0 0]"),
            ("TOTAL", "improved 93 -> 98 +5 [0 -56 0 -4]"),
        ],
    );
}

#[test]
fn comparing_newer_to_older_shows_regressions() {
    check(
        &toolz("02"),
        &toolz("01"),
        false,
        &[
            ("toolz/_signatures.py", "regressed 90 -> 71 -19 [0 21 0 7]"),
            ("toolz/recipes.py", "unchanged 45 -> 45 0 [0 0 0 0]"),
            ("toolz/utils.py", "regressed 86 -> 29 -57 [0 4 0 0]"),
            ("TOTAL", "regressed 93 -> 44 -49 [0 557 0 21]"),
        ],
    );
}

#[test]
fn boltons_01_to_03_across_the_whole_series() {
    check(
        &boltons("01"),
        &boltons("03"),
        false,
        &[
            ("boltons/cacheutils.py", "unchanged 89 -> 89 0 [0 0 0 0]"),
            ("boltons/deprutils.py", "improved 0 -> 24 +24 [0 -7 0 0]"),
            // Same missing lines, one partial branch fewer: 79.07 -> 81.40.
            ("boltons/gcutils.py", "improved 79 -> 81 +2 [0 0 0 -1]"),
            // Exactly 0 to exactly 100.
            ("boltons/pathutils.py", "improved 0 -> 100 +100 [0 -32 0 0]"),
            ("boltons/strutils.py", "improved 14 -> 86 +72 [0 -286 0 26]"),
            ("boltons/urlutils.py", "improved 0 -> 57 +57 [0 -425 0 15]"),
            ("TOTAL", "improved 23 -> 73 +50 [0 -3786 0 301]"),
        ],
    );
}

#[test]
fn a_renamed_file_is_removed_plus_new_never_a_guessed_pair() {
    // old_name.py and new_name.py have identical lines and counts.
    check(
        &hand_made("renamed-before"),
        &hand_made("renamed-after"),
        true,
        &[
            ("pkg/new_name.py", "new ~ -> 80.00 ~ [5 1 0 0]"),
            ("pkg/old_name.py", "removed 80.00 -> ~ ~ [-5 -1 0 0]"),
            ("pkg/util.py", "unchanged 70.00 -> 70.00 0.00 [0 0 0 0]"),
            ("TOTAL", "unchanged 73.33 -> 73.33 0.00 [0 0 0 0]"),
        ],
    );
}

#[test]
fn files_only_in_one_report_and_an_equal_percentage_with_more_gaps() {
    check(
        &hand_made("one-sided-before"),
        &hand_made("one-sided-after"),
        true,
        &[
            ("app/api.py", "new ~ -> 80 ~ [5 1 0 0]"),
            ("app/core.py", "improved 60 -> 80 +20 [0 -2 0 0]"),
            ("app/legacy.py", "removed 67 -> ~ ~ [-3 -1 0 0]"),
            // 2 of 4 missing, then 4 of 8: still 50%, but two more lines missing.
            ("app/same_percent.py", "regressed 50 -> 50 0 [4 2 0 0]"),
            ("app/steady.py", "unchanged 100 -> 100 0 [0 0 0 0]"),
            ("TOTAL", "improved 63 -> 72 +9 [6 0 0 0]"),
        ],
    );
}

#[test]
fn branch_data_in_the_after_report_only() {
    let comparison = compare_reports(&hand_made("branches-before"), &hand_made("branches-after"));
    assert_eq!(
        (
            comparison.has_branches_before,
            comparison.has_branches_after
        ),
        (false, true)
    );
    check(
        &hand_made("branches-before"),
        &hand_made("branches-after"),
        true,
        &[
            // Same lines covered; the branch counts appear only because they were measured.
            ("lib/emit.py", "unchanged 100.00 -> 100.00 0.00 [0 0 2 0]"),
            // 8/10 = 80.00 before; (8+3)/(10+4) = 78.57 after.
            ("lib/parse.py", "regressed 80.00 -> 78.57 -1.43 [0 0 4 1]"),
            ("TOTAL", "regressed 85.71 -> 85.00 -0.71 [0 0 6 1]"),
        ],
    );
}

#[test]
fn precision_0_against_2_shows_deltas_at_the_finer_precision() {
    let comparison = compare_reports(&hand_made("precision-0"), &hand_made("precision-2"));
    assert_eq!(comparison.precision, Precision(2));
    check(
        &hand_made("precision-0"),
        &hand_made("precision-2"),
        true,
        &[
            // 11/12 - 9/12 = 16.666... points.
            ("calc.py", "improved 75 -> 91.67 +16.67 [0 -2 0 0]"),
            // The same 5/7 shown as "71" and "71.43": the delta is exactly zero.
            ("fmt.py", "unchanged 71 -> 71.43 0.00 [0 0 0 0]"),
            ("TOTAL", "improved 74 -> 84.21 +10.53 [0 -2 0 0]"),
        ],
    );
}

#[test]
fn windows_and_posix_spellings_of_a_path_match() {
    check(
        &hand_made("separators-windows"),
        &hand_made("separators-posix"),
        true,
        &[
            ("setup.py", "unchanged 100 -> 100 0 [0 0 0 0]"),
            // 75 -> 87.5: the delta 12.5 rounds half to even.
            ("src/app/main.py", "improved 75 -> 88 +12 [0 -1 0 0]"),
            ("src\\app\\old.py", "removed 0 -> ~ ~ [-2 -2 0 0]"),
            ("TOTAL", "improved 71 -> 92 +20 [-2 -3 0 0]"),
        ],
    );
    let comparison = compare_reports(
        &hand_made("separators-windows"),
        &hand_made("separators-posix"),
    );
    let before_spellings: Vec<Option<&str>> = comparison
        .rows
        .iter()
        .map(|row| row.before_path.as_deref())
        .collect();
    assert_eq!(
        before_spellings,
        vec![None, Some("src\\app\\main.py"), None]
    );
}

#[test]
fn identical_reports_are_unchanged_with_zero_deltas() {
    check(
        &hand_made("precision-2"),
        &hand_made("precision-2"),
        true,
        &[
            ("calc.py", "unchanged 91.67 -> 91.67 0.00 [0 0 0 0]"),
            ("fmt.py", "unchanged 71.43 -> 71.43 0.00 [0 0 0 0]"),
            ("TOTAL", "unchanged 84.21 -> 84.21 0.00 [0 0 0 0]"),
        ],
    );
    let comparison = compare_reports(&toolz("01"), &toolz("01"));
    assert_eq!(comparison.rows.len(), 14);
    assert!(comparison
        .rows
        .iter()
        .all(|row| row.status == DeltaStatus::Unchanged
            && row.coverage_delta.as_ref().map(|d| d.display.as_str()) == Some("0")));
    assert_eq!(
        comparison.totals.coverage_delta.map(|d| d.display),
        Some("0".to_string())
    );
}

#[test]
fn a_tiny_nonzero_delta_never_displays_as_zero() {
    check(
        &hand_made("tiny-before"),
        &hand_made("tiny-after"),
        true,
        &[
            // 70/141 -> 71/143: +0.00496 points, both shown as 49.65.
            ("gain.py", "improved 49.65 -> 49.65 +0.01 [2 1 0 0]"),
            // 71/141 -> 72/143: -0.00496 points, both shown as 50.35.
            ("loss.py", "regressed 50.35 -> 50.35 -0.01 [2 1 0 0]"),
            // 141/282 -> 143/286: exactly 50 both times, with two more lines missing.
            ("TOTAL", "regressed 50.00 -> 50.00 0.00 [4 2 0 0]"),
        ],
    );
}

/// Checks the displayed delta between two percentages at a precision.
fn check_delta(before: f64, after: f64, precision: u8, expected: &str) {
    let delta = PercentDelta::new(
        Percent::new(before),
        Percent::new(after),
        Precision(precision),
    );
    assert_eq!(
        delta.display, expected,
        "{before} -> {after} at {precision}"
    );
    assert_eq!(delta.points, after - before);
}

#[test]
fn delta_display_follows_coverage_pys_rule_with_a_sign() {
    check_delta(9.174311926605505, 20.27027027027027, 2, "+11.10");
    check_delta(50.0, 50.125, 2, "+0.12");
    check_delta(10.0, 12.5, 0, "+2");
    check_delta(10.0, 13.5, 0, "+4");
    check_delta(50.0, 50.3, 0, "+1");
    check_delta(50.3, 50.0, 0, "-1");
    check_delta(0.0, 99.9999, 2, "+99.99");
    check_delta(0.0, 100.0, 2, "+100.00");
    check_delta(100.0, 0.0, 0, "-100");
    check_delta(42.0, 42.0, 0, "0");
    check_delta(42.0, 42.0, 2, "0.00");
    check_delta(33.333333333333336, 33.33333333333333, 2, "-0.01");
}

/// Checks the line changes of one file: newly covered, newly missed, partial branches
/// gained and lost, each as coverage.py ranges.
fn check_lines(
    before: &CoverageReport,
    after: &CoverageReport,
    path: &str,
    expected: (&str, &str, &str, &str),
) {
    let find = |report: &CoverageReport| -> FileCoverage {
        report
            .files
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("{path} is in the report"))
            .clone()
    };
    let changes = compare_file_lines(&find(before), &find(after));
    assert!(changes.has_line_data);
    assert_eq!(
        (
            changes.newly_covered.as_str(),
            changes.newly_missed.as_str(),
            changes.partial_gained.as_str(),
            changes.partial_lost.as_str()
        ),
        expected,
        "{path}"
    );
}

#[test]
fn newly_covered_and_missed_lines_on_the_real_series() {
    // utils.py misses 2-6 in 01 and only 4 in 02.
    check_lines(
        &toolz("01"),
        &toolz("02"),
        "toolz/utils.py",
        ("2-3, 5-6", "", "", ""),
    );
    check_lines(
        &toolz("02"),
        &toolz("01"),
        "toolz/utils.py",
        ("", "2-3, 5-6", "", ""),
    );
    // 728 and 732 stay missing, which splits 727-735; 701->704 is taken in 02.
    check_lines(
        &toolz("01"),
        &toolz("02"),
        "toolz/_signatures.py",
        (
            "693, 705-707, 714, 720-723, 727, 729-731, 733-735, 745, 749, 751, 770, 781",
            "",
            "",
            "701->704",
        ),
    );
    // 355->372 shows once 349-376 runs; 759->761 is taken in 03.
    check_lines(
        &toolz("02"),
        &toolz("03"),
        "toolz/functoolz.py",
        (
            "165-166, 349-376, 380-390, 510, 513, 767, 770",
            "",
            "355->372",
            "759->761",
        ),
    );
}

#[test]
fn line_changes_on_hand_made_files() {
    // Missing 4, 5, 6, 9 before and 2, 9 after.
    check_lines(
        &hand_made("one-sided-before"),
        &hand_made("one-sided-after"),
        "app/core.py",
        ("4-6", "2", "", ""),
    );
    check_lines(
        &hand_made("renamed-before"),
        &hand_made("renamed-after"),
        "pkg/util.py",
        ("", "", "", ""),
    );
}

#[test]
fn partial_branches_are_not_claimed_when_one_side_has_no_branch_data() {
    let before = hand_made("branches-before");
    let after = hand_made("branches-after");
    let comparison = compare_reports(&before, &after);
    let parse_row = comparison
        .rows
        .iter()
        .find(|row| row.path == "lib/parse.py")
        .expect("parse.py row");
    let changes = line_changes_for_row(&before, &after, parse_row).expect("both sides");
    assert_eq!(
        (changes.partial_gained.as_str(), changes.branches_compared),
        ("", false)
    );
    let by_files = compare_file_lines(&before.files[1], &after.files[1]);
    assert_eq!(
        (by_files.partial_gained.as_str(), by_files.branches_compared),
        ("", false)
    );
}

#[test]
fn line_changes_follow_a_rows_windows_spelling_and_skip_one_sided_rows() {
    let before = hand_made("separators-windows");
    let after = hand_made("separators-posix");
    let comparison = compare_reports(&before, &after);
    let texts: Vec<Option<String>> = comparison
        .rows
        .iter()
        .map(|row| line_changes_for_row(&before, &after, row).map(|c| c.newly_covered))
        .collect();
    // main.py misses 3-4, then 4; old.py is only in the Windows report.
    assert_eq!(
        texts,
        vec![Some(String::new()), Some("3".to_string()), None]
    );
}

/// Checks the order of the comparison table for a sort, filter and changed-only flag.
fn check_table(
    comparison: &Comparison,
    sort: (DeltaColumn, bool),
    filter: &str,
    only_changed: bool,
    expected_paths: &[&str],
) {
    let rows = build_delta_table(comparison, sort, filter, only_changed);
    let paths: Vec<&str> = rows.iter().map(|row| row.path.as_str()).collect();
    assert_eq!(paths, expected_paths, "{sort:?} {filter:?} {only_changed}");
}

#[test]
fn the_default_order_puts_regressions_first() {
    let comparison = compare_reports(
        &hand_made("one-sided-before"),
        &hand_made("one-sided-after"),
    );
    assert_eq!(DeltaColumn::default_sort(), (DeltaColumn::Status, false));
    check_table(
        &comparison,
        DeltaColumn::default_sort(),
        "",
        false,
        &[
            "app/same_percent.py",
            "app/legacy.py",
            "app/api.py",
            "app/core.py",
            "app/steady.py",
        ],
    );
    // Within a status the biggest change comes first.
    let backwards = compare_reports(&toolz("02"), &toolz("01"));
    check_table(
        &backwards,
        DeltaColumn::default_sort(),
        "",
        true,
        &[
            "toolz/itertoolz.py",
            "toolz/dicttoolz.py",
            "toolz/utils.py",
            "toolz/functoolz.py",
            "toolz/__init__.py",
            "toolz/_signatures.py",
        ],
    );
}

#[test]
fn sorting_filtering_and_hiding_unchanged_rows() {
    let comparison = compare_reports(
        &hand_made("one-sided-before"),
        &hand_made("one-sided-after"),
    );
    // New and removed files have no delta and go last in either direction.
    check_table(
        &comparison,
        (DeltaColumn::CoverageDelta, false),
        "",
        false,
        &[
            "app/same_percent.py",
            "app/steady.py",
            "app/core.py",
            "app/api.py",
            "app/legacy.py",
        ],
    );
    check_table(
        &comparison,
        (DeltaColumn::CoverageDelta, true),
        "",
        false,
        &[
            "app/core.py",
            "app/same_percent.py",
            "app/steady.py",
            "app/api.py",
            "app/legacy.py",
        ],
    );
    check_table(
        &comparison,
        (DeltaColumn::MissingDelta, true),
        "",
        false,
        &[
            "app/same_percent.py",
            "app/api.py",
            "app/steady.py",
            "app/legacy.py",
            "app/core.py",
        ],
    );
    check_table(
        &comparison,
        (DeltaColumn::CoverageBefore, false),
        "",
        false,
        &[
            "app/same_percent.py",
            "app/core.py",
            "app/legacy.py",
            "app/steady.py",
            "app/api.py",
        ],
    );
    check_table(
        &comparison,
        (DeltaColumn::Path, false),
        "CORE",
        false,
        &["app/core.py"],
    );
    check_table(
        &comparison,
        (DeltaColumn::Path, false),
        "",
        true,
        &[
            "app/api.py",
            "app/core.py",
            "app/legacy.py",
            "app/same_percent.py",
        ],
    );
    // The filter also finds a row by its Windows spelling.
    let separators = compare_reports(
        &hand_made("separators-windows"),
        &hand_made("separators-posix"),
    );
    check_table(
        &separators,
        (DeltaColumn::Path, false),
        "app\\main",
        false,
        &["src/app/main.py"],
    );
}

#[test]
fn filtered_rows_get_totals_of_their_own() {
    let comparison = compare_reports(&toolz("01"), &toolz("02"));
    let rows = build_delta_table(&comparison, (DeltaColumn::Path, false), "toolz.py", false);
    let totals = totals_for_rows(&comparison, &rows);
    // dicttoolz, functoolz, itertoolz: (343+76)/(927+356) = 32.66% before and
    // (871+325)/(927+356) = 93.22% after, at the reports' precision 0.
    assert_eq!((totals.is_subset, totals.file_count), (true, 3));
    assert_eq!(
        summarize(
            totals.status,
            totals.before.as_ref(),
            totals.after.as_ref(),
            totals.coverage_delta.as_ref(),
            [
                totals.statements_delta,
                totals.missing_delta,
                totals.branches_delta,
                totals.partial_delta
            ],
        ),
        "improved 33 -> 93 +61 [0 -528 0 -13]"
    );
    let all_rows = build_delta_table(&comparison, DeltaColumn::default_sort(), "", false);
    assert_eq!(totals_for_rows(&comparison, &all_rows), comparison.totals);
}

#[test]
fn column_keys_and_clicks() {
    let keys: Vec<&str> = DeltaColumn::ALL.iter().map(|column| column.key()).collect();
    assert_eq!(
        keys,
        vec![
            "path",
            "coverage-before",
            "coverage-after",
            "coverage-delta",
            "statements-delta",
            "missing-delta",
            "branches-delta",
            "partial-delta",
            "status"
        ]
    );
    let by_missing =
        DeltaColumn::toggled_sort(DeltaColumn::default_sort(), DeltaColumn::MissingDelta);
    assert_eq!(by_missing, (DeltaColumn::MissingDelta, true));
    assert_eq!(
        DeltaColumn::toggled_sort(by_missing, DeltaColumn::MissingDelta),
        (DeltaColumn::MissingDelta, false)
    );
    assert_eq!(
        DeltaColumn::toggled_sort(by_missing, DeltaColumn::CoverageDelta),
        (DeltaColumn::CoverageDelta, false)
    );
}

/// Checks which two reports are compared by default.
fn check_pair(reports: &[(u64, Option<&str>)], expected: Option<(u64, u64)>) {
    assert_eq!(default_comparison_pair(reports), expected, "{reports:?}");
}

#[test]
fn the_default_pair_is_the_two_newest_older_first() {
    check_pair(
        &[
            (1, Some("2026-11-20T23:55:42.677813")),
            (2, Some("2026-11-20T23:55:51.768366")),
            (3, Some("2026-11-20T23:55:33.329126")),
        ],
        Some((1, 2)),
    );
    // Equal timestamps and no timestamps fall back to load order.
    check_pair(
        &[(5, Some("2026-01-01")), (4, Some("2026-01-01"))],
        Some((5, 4)),
    );
    check_pair(&[(7, None), (8, None), (9, None)], Some((8, 9)));
    // An undated report never displaces a dated one as the newest.
    check_pair(&[(1, Some("2026-01-01")), (2, None)], Some((2, 1)));
    check_pair(&[(1, Some("2026-01-01"))], None);
    check_pair(&[], None);
}

#[test]
fn markdown_export_in_the_before_after_change_shape() {
    let comparison = compare_reports(
        &hand_made("one-sided-before"),
        &hand_made("one-sided-after"),
    );
    let rows = build_delta_table(&comparison, DeltaColumn::default_sort(), "", false);
    assert_eq!(
        comparison_to_markdown(
            &comparison,
            &rows,
            "one-sided-before.json",
            "one-sided-after.json"
        ),
        "Coverage change from `one-sided-before.json` to `one-sided-after.json`.\n\
         \n\
         | File | Before | After | Change |\n\
         | --- | ---: | ---: | ---: |\n\
         | `app/same_percent.py` | 50% | 50% | 0 pp |\n\
         | `app/legacy.py` | 67% | — | removed |\n\
         | `app/api.py` | — | 80% | new |\n\
         | `app/core.py` | 60% | 80% | +20 pp |\n\
         | `app/steady.py` | 100% | 100% | 0 pp |\n\
         | **Total** | 63% | 72% | +9 pp |\n"
    );
}

#[test]
fn markdown_export_of_a_subset_with_branches_on_one_side() {
    let comparison = compare_reports(&hand_made("branches-before"), &hand_made("branches-after"));
    let rows = build_delta_table(&comparison, (DeltaColumn::Path, false), "parse", false);
    assert_eq!(
        comparison_to_markdown(&comparison, &rows, "branches-before.json", "branches-after.json"),
        "Coverage change from `branches-before.json` to `branches-after.json`.\n\
         \n\
         | File | Before | After | Change |\n\
         | --- | ---: | ---: | ---: |\n\
         | `lib/parse.py` | 80.00% | 78.57% | -1.43 pp |\n\
         | **Total (1 of 2 files)** | 80.00% | 78.57% | -1.43 pp |\n\
         \n\
         Branch coverage was measured in `branches-after.json` but not in `branches-before.json`, so only its percentages include branches.\n"
    );
}

#[test]
fn paths_become_code_spans_that_survive_a_gfm_table() {
    assert_eq!(code_span("toolz/__init__.py"), "`toolz/__init__.py`");
    assert_eq!(code_span("a|b.py"), "`a\\|b.py`");
    assert_eq!(code_span("odd`name.py"), "``odd`name.py``");
    assert_eq!(code_span("`edge"), "`` `edge ``");
    assert_eq!(code_span("two\nlines"), "`two lines`");
    let table = format!(
        "| File |\n| --- |\n| {} |\n| {} |\n",
        code_span("a|b.py"),
        code_span("toolz/__init__.py")
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&table, pulldown_cmark::Options::ENABLE_TABLES),
    );
    assert!(html.contains("<td><code>a|b.py</code></td>"), "{html}");
    assert!(
        html.contains("<td><code>toolz/__init__.py</code></td>"),
        "{html}"
    );
}

#[test]
fn csv_export_with_rfc_4180_quoting() {
    let comparison = compare_reports(
        &hand_made("one-sided-before"),
        &hand_made("one-sided-after"),
    );
    let rows = build_delta_table(&comparison, DeltaColumn::default_sort(), "", false);
    assert_eq!(
        comparison_to_csv(&comparison, &rows),
        "path,status,coverage_before,coverage_after,coverage_delta_pp,statements_before,statements_after,missing_before,missing_after,branches_before,branches_after,partial_before,partial_after\r\n\
         app/same_percent.py,regressed,50,50,0,4,8,2,4,0,0,0,0\r\n\
         app/legacy.py,removed,67,,,3,,1,,0,,0,\r\n\
         app/api.py,new,,80,,,5,,1,,0,,0\r\n\
         app/core.py,improved,60,80,+20,10,10,4,2,0,0,0,0\r\n\
         app/steady.py,unchanged,100,100,0,2,2,0,0,0,0,0,0\r\n\
         TOTAL,improved,63,72,+9,19,25,7,7,0,0,0,0\r\n"
    );
    assert_eq!(csv_field("plain/path.py"), "plain/path.py");
    assert_eq!(csv_field("a,b.py"), "\"a,b.py\"");
    assert_eq!(csv_field("say \"hi\".py"), "\"say \"\"hi\"\".py\"");
    assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
}

#[test]
fn the_trend_is_ordered_by_timestamp_not_load_order() {
    let (first, second, third) = (toolz("01"), toolz("02"), toolz("03"));
    let loaded = [
        ("03.json", &third),
        ("01.json", &first),
        ("02.json", &second),
    ];
    let points: Vec<(String, String)> = total_trend(&loaded)
        .into_iter()
        .map(|point| (point.name, point.display))
        .collect();
    assert_eq!(
        points,
        vec![
            ("01.json".to_string(), "44".to_string()),
            ("02.json".to_string(), "93".to_string()),
            ("03.json".to_string(), "98".to_string()),
        ]
    );
    // An undated report sorts before the dated ones.
    let mut undated = toolz("03");
    undated.facts.timestamp = None;
    let names: Vec<String> = total_trend(&[("01.json", &first), ("undated.json", &undated)])
        .into_iter()
        .map(|point| point.name)
        .collect();
    assert_eq!(names, vec!["undated.json", "01.json"]);
}

#[test]
fn sparklines_follow_each_file_across_reports() {
    let (first, second, third) = (toolz("01"), toolz("02"), toolz("03"));
    let lines = file_sparklines(&[("03", &third), ("01", &first), ("02", &second)]);
    let recipes = lines
        .iter()
        .find(|line| line.path == "toolz/recipes.py")
        .expect("recipes.py");
    assert_eq!(
        recipes.percents,
        vec![
            Some(Percent::new(45.45454545454545)),
            Some(Percent::new(45.45454545454545)),
            Some(Percent::new(100.0)),
        ]
    );
    assert_eq!(lines.len(), 14);
    let windows = hand_made("separators-windows");
    let posix = hand_made("separators-posix");
    let mixed: Vec<(String, Vec<Option<Percent>>)> =
        file_sparklines(&[("windows", &windows), ("posix", &posix)])
            .into_iter()
            .map(|line| (line.path, line.percents))
            .collect();
    assert_eq!(
        mixed,
        vec![
            (
                "setup.py".to_string(),
                vec![Some(Percent::new(100.0)), Some(Percent::new(100.0))]
            ),
            (
                "src/app/main.py".to_string(),
                vec![Some(Percent::new(75.0)), Some(Percent::new(87.5))]
            ),
            (
                "src\\app\\old.py".to_string(),
                vec![Some(Percent::new(0.0)), None]
            ),
        ]
    );
}

fn trend_point(name: &str, percent: f64) -> TrendPoint {
    TrendPoint {
        name: name.to_string(),
        timestamp: None,
        percent: Percent::new(percent),
        display: String::new(),
    }
}

#[test]
fn chart_geometry_puts_0_percent_at_the_bottom_and_spaces_points_evenly() {
    let points = [
        trend_point("a", 0.0),
        trend_point("b", 50.0),
        trend_point("c", 100.0),
    ];
    let geometry = trend_chart_geometry(&points, 200.0, 100.0);
    assert_eq!(
        geometry.points,
        vec![(0.0, 100.0), (100.0, 50.0), (200.0, 0.0)]
    );
    assert_eq!(
        geometry.y_ticks,
        vec![
            (100.0, "0%".to_string()),
            (75.0, "25%".to_string()),
            (50.0, "50%".to_string()),
            (25.0, "75%".to_string()),
            (0.0, "100%".to_string()),
        ]
    );
    assert_eq!(
        geometry.x_labels,
        vec![
            (0.0, "a".to_string()),
            (100.0, "b".to_string()),
            (200.0, "c".to_string())
        ]
    );
    assert_eq!(
        geometry.svg_points(),
        "0.00,100.00 100.00,50.00 200.00,0.00"
    );
    // One point sits in the middle; out-of-range values and sizes are clamped.
    let single = trend_chart_geometry(&[trend_point("only", 120.0)], 80.0, 40.0);
    assert_eq!(single.points, vec![(40.0, 0.0)]);
    let degenerate = trend_chart_geometry(&[trend_point("x", f64::NAN)], -5.0, f64::INFINITY);
    assert_eq!(degenerate.points, vec![(0.0, 0.0)]);
    assert_eq!(trend_chart_geometry(&[], 100.0, 100.0).points, Vec::new());
    assert_eq!(
        sparkline_geometry(
            &[Some(Percent::new(50.0)), None, Some(Percent::new(100.0))],
            10.0,
            20.0
        ),
        vec![Some((0.0, 10.0)), None, Some((10.0, 0.0))]
    );
}

/// A report built by hand with extreme values no parser would produce.
fn extreme_report(path: &str, percent: f64, count: u64) -> CoverageReport {
    let counts = CoverageCounts {
        statements: count,
        executed: count,
        missing: count,
        excluded: count,
        branches: count,
        executed_branches: count,
        missing_branches: count,
        partial_branches: count,
    };
    let figure = CoverageFigure {
        percent: Percent::new(percent),
        display: format!("{percent}"),
    };
    let file = FileCoverage {
        counts: Counts::CoveragePy(counts),
        coverage: figure.clone(),
        executed_lines: vec![LineNumber::MAX, 1],
        missing_lines: vec![LineNumber::MAX],
        excluded_lines: Vec::new(),
        has_line_lists: true,
        executed_branch_arcs: Vec::new(),
        missing_branch_arcs: vec![BranchArc {
            from: ArcEnd::MIN,
            to: -1,
        }],
        regions: Vec::new(),
        ..FileCoverage::empty(path.to_string())
    };
    CoverageReport {
        facts: ReportFacts {
            format: CoverageFormat::CoveragePy,
            format_version: None,
            tool_version: None,
            timestamp: None,
            has_branches: true,
            has_contexts: false,
            has_regions: false,
            precision: Precision(u8::MAX),
        },
        files: vec![file.clone(), file],
        totals: Counts::CoveragePy(counts),
        total_coverage: figure,
        stated_total_figures: Vec::new(),
    }
}

#[test]
fn extreme_hand_built_models_do_not_panic() {
    let before = extreme_report("a\\b.py", f64::NAN, u64::MAX);
    let after = extreme_report("a/b.py", f64::INFINITY, 0);
    let comparison = compare_reports(&before, &after);
    assert_eq!(comparison.rows.len(), 2);
    for column in DeltaColumn::ALL {
        for descending in [false, true] {
            let rows = build_delta_table(&comparison, (column, descending), "B", false);
            let subset = &rows[..1];
            let _ = totals_for_rows(&comparison, subset);
            let _ = comparison_to_markdown(&comparison, subset, "", "|`");
            let _ = comparison_to_csv(&comparison, subset);
        }
    }
    for row in &comparison.rows {
        let _ = line_changes_for_row(&before, &after, row);
    }
    let _ = compare_file_lines(&before.files[0], &after.files[0]);
    let points = total_trend(&[("before", &before), ("after", &after)]);
    let _ = trend_chart_geometry(&points, f64::MAX, f64::MIN_POSITIVE);
    let _ = file_sparklines(&[("before", &before), ("after", &after)]);
}
