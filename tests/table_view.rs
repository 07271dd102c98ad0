//! Sorting, filtering, hiding and totals of the coverage table, on a real report.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
use std::path::Path;

use covscope::core::analysis::table::{
    build_table, CoverageLevel, SortOrder, TableColumn, TableView, Thresholds,
};
use covscope::core::model::CoverageReport;
use covscope::core::parse::parse_coverage_py_json;

fn toolz_report() -> CoverageReport {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/coverage/toolz/series/01-coverage.json");
    parse_coverage_py_json(&std::fs::read(path).expect("fixture"))
        .value
        .expect("loads")
}

/// Builds the table for a view and compares the shown paths and the totals row text.
fn check(view: TableView, expected_paths: &[&str], expected_totals: (u64, u64, &str, bool)) {
    let table = build_table(&toolz_report(), &view);
    let paths: Vec<&str> = table.rows.iter().map(|row| row.path.as_str()).collect();
    assert_eq!(paths, expected_paths);
    let totals = &table.totals;
    assert_eq!(
        (
            totals.counts.statements,
            totals.counts.missing,
            totals.coverage_display.as_str(),
            totals.is_subset
        ),
        expected_totals
    );
}

fn view(column: TableColumn, descending: bool, filter: &str, hide_covered: bool) -> TableView {
    TableView {
        sort: SortOrder { column, descending },
        filter: filter.to_string(),
        hide_covered,
        thresholds: Thresholds::default(),
    }
}

#[test]
fn default_view_is_sorted_by_path_with_the_reports_own_totals() {
    check(
        TableView::default(),
        &[
            "toolz/__init__.py",
            "toolz/_signatures.py",
            "toolz/compatibility.py",
            "toolz/curried/__init__.py",
            "toolz/curried/exceptions.py",
            "toolz/curried/operator.py",
            "toolz/dicttoolz.py",
            "toolz/functoolz.py",
            "toolz/itertoolz.py",
            "toolz/recipes.py",
            "toolz/sandbox/__init__.py",
            "toolz/sandbox/core.py",
            "toolz/sandbox/parallel.py",
            "toolz/utils.py",
        ],
        (1247, 630, "44", false),
    );
}

#[test]
fn sorting_by_coverage_ascending_breaks_ties_by_path() {
    // The order follows the Cover column of series/01-report.txt; the 100% files tie.
    check(
        view(TableColumn::Coverage, false, "", false),
        &[
            "toolz/itertoolz.py",
            "toolz/utils.py",
            "toolz/dicttoolz.py",
            "toolz/functoolz.py",
            "toolz/recipes.py",
            "toolz/_signatures.py",
            "toolz/__init__.py",
            "toolz/compatibility.py",
            "toolz/curried/__init__.py",
            "toolz/curried/exceptions.py",
            "toolz/curried/operator.py",
            "toolz/sandbox/__init__.py",
            "toolz/sandbox/core.py",
            "toolz/sandbox/parallel.py",
        ],
        (1247, 630, "44", false),
    );
}

#[test]
fn filtering_is_a_case_insensitive_substring_and_totals_follow() {
    // Totals: 459+363+105 statements, 246+277+61 missing; 32.66% by coverage.py's formula.
    check(
        view(TableColumn::Statements, true, "TOOLZ.PY", false),
        &[
            "toolz/functoolz.py",
            "toolz/itertoolz.py",
            "toolz/dicttoolz.py",
        ],
        (927, 584, "33", true),
    );
}

#[test]
fn hiding_covered_files_leaves_only_gaps() {
    // Missing descending; __init__.py and recipes.py both miss 4 lines, so path decides.
    check(
        view(TableColumn::Missing, true, "", true),
        &[
            "toolz/itertoolz.py",
            "toolz/functoolz.py",
            "toolz/dicttoolz.py",
            "toolz/_signatures.py",
            "toolz/utils.py",
            "toolz/__init__.py",
            "toolz/recipes.py",
        ],
        (1104, 630, "38", true),
    );
}

#[test]
fn clicking_a_column_sorts_numbers_descending_first_and_flips_on_a_second_click() {
    let start = TableView::default().sort;
    let by_missing = start.toggled_by(TableColumn::Missing);
    assert_eq!(
        by_missing,
        SortOrder {
            column: TableColumn::Missing,
            descending: true
        }
    );
    assert!(!by_missing.toggled_by(TableColumn::Missing).descending);
    assert!(!by_missing.toggled_by(TableColumn::Coverage).descending);
}

#[test]
fn thresholds_band_the_percentages_and_are_kept_in_order() {
    let bands = Thresholds {
        low: 90.0,
        high: 40.0,
    }
    .clamped();
    assert_eq!(
        bands,
        Thresholds {
            low: 90.0,
            high: 90.0
        }
    );
    let table = build_table(
        &toolz_report(),
        &TableView {
            thresholds: Thresholds {
                low: 30.0,
                high: 95.0,
            },
            ..TableView::default()
        },
    );
    let levels: Vec<(&str, CoverageLevel)> = table
        .rows
        .iter()
        .take(3)
        .map(|row| (row.path.as_str(), row.level))
        .collect();
    assert_eq!(
        levels,
        vec![
            ("toolz/__init__.py", CoverageLevel::Medium),
            ("toolz/_signatures.py", CoverageLevel::Medium),
            ("toolz/compatibility.py", CoverageLevel::High),
        ]
    );
}
