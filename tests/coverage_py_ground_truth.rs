//! Every row of every real coverage.py fixture must equal coverage.py's own `report -m` text.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{build_table, fixture_bytes};

use covscope::core::analysis::combine::combine_reports;
use covscope::core::analysis::table::TableView;
use covscope::core::formats::parse_coverage_py_json;
use covscope::core::model::{Counts, CoverageReport};

/// One row of `coverage report -m` as coverage.py printed it.
#[derive(Debug, PartialEq)]
struct ReportRow {
    name: String,
    statements: String,
    missing: String,
    branches: Option<String>,
    partial: Option<String>,
    cover: String,
    missing_lines: String,
}

/// Reads coverage.py's text table; the header says whether branch columns are present.
fn read_report_text(relative: &str) -> (Vec<ReportRow>, ReportRow) {
    let text =
        String::from_utf8(fixture_bytes(&format!("coverage/{relative}"))).expect("report is UTF-8");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split_whitespace().collect();
    let has_branches = header.contains(&"Branch");
    let mut rows = Vec::new();
    let mut total = None;
    for line in lines {
        if line.starts_with('-') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        let count_fields = if has_branches { 5 } else { 3 };
        let row = ReportRow {
            name: fields[0].to_string(),
            statements: fields[1].to_string(),
            missing: fields[2].to_string(),
            branches: has_branches.then(|| fields[3].to_string()),
            partial: has_branches.then(|| fields[4].to_string()),
            cover: fields[count_fields].trim_end_matches('%').to_string(),
            missing_lines: fields[count_fields + 1..].join(" "),
        };
        if row.name == "TOTAL" {
            total = Some(row);
        } else {
            rows.push(row);
        }
    }
    (rows, total.expect("TOTAL row"))
}

/// Parses the JSON, builds the default table and compares every row and the totals.
fn check(json_fixture: &str, report_fixture: &str) {
    let outcome = parse_coverage_py_json(&fixture_bytes(&format!("coverage/{json_fixture}")));
    assert_eq!(
        outcome.diagnostics,
        vec![],
        "{json_fixture}: no diagnostics"
    );
    let report = outcome.value.expect("report parses");
    check_report(&report, json_fixture, report_fixture);
}

/// One row of the table in `coverage report -m`'s words, from coverage.py's counts.
fn report_row(
    name: &str,
    counts: &Counts,
    has_branches: bool,
    cover: &str,
    missing_lines: &str,
) -> ReportRow {
    let counts = counts.coverage_py().expect("coverage.py counts");
    ReportRow {
        name: name.to_string(),
        statements: counts.statements.to_string(),
        missing: counts.missing.to_string(),
        branches: has_branches.then(|| counts.branches.to_string()),
        partial: has_branches.then(|| counts.partial_branches.to_string()),
        cover: cover.to_string(),
        missing_lines: missing_lines.to_string(),
    }
}

/// Builds the default table of a report and compares every row and the totals with
/// coverage.py's own text table.
fn check_report(report: &CoverageReport, label: &str, report_fixture: &str) {
    let table = build_table(report, &TableView::default());
    let (expected_rows, expected_total) = read_report_text(report_fixture);
    let has_branches = expected_total.branches.is_some();
    assert_eq!(table.has_branches, has_branches, "{label}: branch flag");
    let actual_rows: Vec<ReportRow> = table
        .rows
        .iter()
        .map(|row| {
            report_row(
                &row.path,
                &row.counts,
                has_branches,
                &row.coverage_display,
                &row.missing_lines_text,
            )
        })
        .collect();
    assert_eq!(actual_rows, expected_rows, "{label} rows");
    let totals = &table.totals;
    let actual_total = report_row(
        "TOTAL",
        &totals.counts,
        has_branches,
        &totals.coverage_display,
        "",
    );
    assert_eq!(actual_total, expected_total, "{label} totals");
}

/// Two shards of toolz's suite, combined by Covscope, equal `coverage combine` of the
/// same two runs (`toolz/shards/PROVENANCE.md`).
#[test]
fn combined_shards_match_coverage_combine() {
    let shard = |name: &str| {
        parse_coverage_py_json(&fixture_bytes(&format!("coverage/{name}")))
            .value
            .expect("shard parses")
    };
    let shard_a = shard("toolz/shards/shard-a.json");
    let shard_b = shard("toolz/shards/shard-b.json");
    check_report(&shard_a, "shard A", "toolz/shards/shard-a-report.txt");
    check_report(&shard_b, "shard B", "toolz/shards/shard-b-report.txt");
    let combined = combine_reports(&[&shard_a, &shard_b]);
    assert_eq!(
        combined.warning_messages(),
        ["functions and classes are not combined: their line lists are not kept, so their figures cannot be rebuilt"],
        "the one thing a combination leaves out is said"
    );
    let combined = combined.value.expect("the shards combine");
    check_report(
        &combined,
        "combined shards",
        "toolz/shards/combined-report.txt",
    );
    let reversed = combine_reports(&[&shard_b, &shard_a])
        .value
        .expect("the shards combine either way");
    check_report(
        &reversed,
        "combined shards, B first",
        "toolz/shards/combined-report.txt",
    );
}

#[test]
fn toolz_branch_report_matches_coverage_report_text() {
    check("toolz/coverage.json", "toolz/report.txt");
}

#[test]
fn toolz_precision_two_report_matches_coverage_report_text() {
    check(
        "toolz/coverage-precision2.json",
        "toolz/report-precision2.txt",
    );
}

#[test]
fn toolz_statement_only_report_matches_coverage_report_text() {
    check("toolz/coverage-nobranch.json", "toolz/report-nobranch.txt");
}

#[test]
fn toolz_report_with_contexts_matches_coverage_report_text() {
    check("toolz/coverage-contexts.json.gz", "toolz/report.txt");
}

#[test]
fn toolz_series_reports_match_coverage_report_text() {
    for snapshot in ["01", "02", "03"] {
        check(
            &format!("toolz/series/{snapshot}-coverage.json"),
            &format!("toolz/series/{snapshot}-report.txt"),
        );
    }
}

#[test]
fn boltons_branch_report_matches_coverage_report_text() {
    check("boltons/coverage.json", "boltons/report.txt");
}

#[test]
fn boltons_precision_two_report_matches_coverage_report_text() {
    check(
        "boltons/coverage-precision2.json",
        "boltons/report-precision2.txt",
    );
}

#[test]
fn boltons_statement_only_report_matches_coverage_report_text() {
    check(
        "boltons/coverage-nobranch.json",
        "boltons/report-nobranch.txt",
    );
}

#[test]
fn boltons_series_reports_match_coverage_report_text() {
    for snapshot in ["01", "02", "03"] {
        check(
            &format!("boltons/series/{snapshot}-coverage.json"),
            &format!("boltons/series/{snapshot}-report.txt"),
        );
    }
}
