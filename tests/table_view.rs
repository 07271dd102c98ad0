//! Sorting, filtering, hiding and totals of the coverage table, on a real report and on a
//! generated one of 50,000 files.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{build_table, coverage_py_report, generated_file};

use covscope::core::analysis::table::{
    path_matches_filter, select_shown_rows, sort_file_order, step_active_row, view_shows_file,
    CoverageLevel, SortOrder, TableColumn, TableRowIndex, TableView, Thresholds,
};
use covscope::core::model::{CoverageCounts, CoverageReport, FileCoverage, Precision};

/// Builds the table for a view and compares the shown paths and the totals row text.
fn check(view: TableView, expected_paths: &[&str], expected_totals: (u64, u64, &str, bool)) {
    let table = build_table(
        &coverage_py_report("coverage/toolz/series/01-coverage.json"),
        &view,
    );
    let paths: Vec<&str> = table.rows.iter().map(|row| row.path.as_str()).collect();
    assert_eq!(paths, expected_paths);
    let totals = &table.totals;
    assert_eq!(
        (
            totals
                .counts
                .coverage_py()
                .expect("coverage.py counts")
                .statements,
            totals
                .counts
                .coverage_py()
                .expect("coverage.py counts")
                .missing,
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
        &coverage_py_report("coverage/toolz/series/01-coverage.json"),
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

/// 50,000 files numbered from 0: file `i` is `src/pkg{i % 500}/Mod{i}.py` (the capital M
/// tests case-insensitive filtering) with `20 + i % 97` statements, `i % 13` missing,
/// `i % 5` excluded, `2 × (i % 4)` branches of which `i % 3` (at most all) are partial.
fn generated_report(file_count: usize) -> CoverageReport {
    let files = (0..file_count)
        .map(|index| {
            let number = index as u64;
            let statements = 20 + number % 97;
            let missing = number % 13;
            let branches = 2 * (number % 4);
            let partial = (number % 3).min(branches);
            let counts = CoverageCounts {
                statements,
                executed: statements - missing,
                missing,
                excluded: number % 5,
                branches,
                executed_branches: branches - partial,
                missing_branches: partial,
                partial_branches: partial,
            };
            let path = format!("src/pkg{:03}/Mod{index:05}.py", index % 500);
            generated_file(path, counts, Precision(2))
        })
        .collect();
    common::generated_report(files, Precision(2), true)
}

/// The shown paths of a view on a report, through the index-based path the app uses.
fn shown_paths(report: &CoverageReport, view: &TableView) -> Vec<String> {
    shown_paths_with_index(report, &TableRowIndex::build(report), view)
}

fn shown_paths_with_index(
    report: &CoverageReport,
    index: &TableRowIndex,
    view: &TableView,
) -> Vec<String> {
    let order = sort_file_order(report, index, view.sort);
    select_shown_rows(report, index, &order, view)
        .file_indices
        .iter()
        .map(|&file_index| report.files[file_index as usize].path.clone())
        .collect()
}

/// The table's order written the plain way (compare whole files, a stable sort, the path
/// last), to check the index-based one against on every column and direction.
fn plainly_sorted_paths(report: &CoverageReport, view: &TableView) -> Vec<String> {
    let needle = view.filter.trim().to_lowercase();
    let mut files: Vec<&FileCoverage> = report
        .files
        .iter()
        .filter(|file| file.path.to_lowercase().contains(&needle))
        .filter(|file| !(view.hide_covered && file.coverage.percent.value() == 100.0))
        .collect();
    files.sort_by(|left, right| {
        let (l, r) = (
            left.counts.coverage_py().expect("coverage.py counts"),
            right.counts.coverage_py().expect("coverage.py counts"),
        );
        let primary = match view.sort.column {
            TableColumn::Path => left.path.cmp(&right.path),
            TableColumn::Statements => l.statements.cmp(&r.statements),
            TableColumn::Missing => l.missing.cmp(&r.missing),
            TableColumn::Excluded => l.excluded.cmp(&r.excluded),
            TableColumn::Branches => l.branches.cmp(&r.branches),
            TableColumn::Partial => l.partial_branches.cmp(&r.partial_branches),
            TableColumn::Coverage => left
                .coverage
                .percent
                .value()
                .total_cmp(&right.coverage.percent.value()),
            TableColumn::MissingLines => {
                (l.missing + l.partial_branches).cmp(&(r.missing + r.partial_branches))
            }
            // coverage.py reports have no metric columns, so no view sorts by one.
            TableColumn::Metric { .. } => std::cmp::Ordering::Equal,
        };
        let primary = if view.sort.descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| left.path.cmp(&right.path))
    });
    files.into_iter().map(|file| file.path.clone()).collect()
}

#[test]
fn fifty_thousand_files_sort_like_the_plain_comparison_on_every_column() {
    let report = generated_report(50_000);
    let index = TableRowIndex::build(&report);
    for column in TableColumn::ALL {
        for descending in [false, true] {
            // The whole table, and one filtered and hiding covered files (which changes
            // the filtered totals, not the order rule).
            let filter = if descending { "pkg07" } else { "" };
            for (filter, hide_covered) in [("", false), (filter, true)] {
                let view = view(column, descending, filter, hide_covered);
                let actual = shown_paths_with_index(&report, &index, &view);
                assert_eq!(
                    actual,
                    plainly_sorted_paths(&report, &view),
                    "{column:?} descending={descending} filter={filter:?} hide={hide_covered}"
                );
            }
        }
    }
}

#[test]
fn fifty_thousand_files_filter_and_sort_to_rows_written_out() {
    let report = generated_report(50_000);
    let all = shown_paths(&report, &TableView::default());
    assert_eq!(all.len(), 50_000);
    assert_eq!(
        &all[..3],
        [
            "src/pkg000/Mod00000.py",
            "src/pkg000/Mod00500.py",
            "src/pkg000/Mod01000.py"
        ]
    );
    assert_eq!(
        all.last().map(String::as_str),
        Some("src/pkg499/Mod49999.py")
    );
    // "mod4999" is in files 49,990 to 49,999 only (pkg 490 to 499), which have
    // 20 + i % 97 = 55 to 64 statements (49,990 = 97 × 515 + 35).
    let expected_by_path: Vec<String> = (49_990..50_000)
        .map(|index| format!("src/pkg{:03}/Mod{index}.py", index % 500))
        .collect();
    assert_eq!(
        shown_paths(&report, &view(TableColumn::Path, false, " mod4999 ", false)),
        expected_by_path
    );
    let mut expected_by_statements = expected_by_path.clone();
    expected_by_statements.reverse();
    assert_eq!(
        shown_paths(
            &report,
            &view(TableColumn::Statements, true, "MOD4999", false)
        ),
        expected_by_statements
    );
    let table = build_table(
        &report,
        &view(TableColumn::Statements, true, "MOD4999", false),
    );
    let statements: Vec<u64> = table
        .rows
        .iter()
        .map(|row| {
            row.counts
                .coverage_py()
                .expect("coverage.py counts")
                .statements
        })
        .collect();
    assert_eq!(statements, [64, 63, 62, 61, 60, 59, 58, 57, 56, 55]);
    // 55 + … + 64 statements; missing 49,990 % 13 = 5, so 5 to 12, then 0 and 1: 69.
    assert_eq!(
        (
            table
                .totals
                .counts
                .coverage_py()
                .expect("coverage.py counts")
                .statements,
            table
                .totals
                .counts
                .coverage_py()
                .expect("coverage.py counts")
                .missing,
            table.totals.is_subset
        ),
        (595, 69, true)
    );
    // Missing-lines text is built for rows asked for: file 49,999 misses 1 to 1.
    assert_eq!(table.rows[0].missing_lines_text, "1");
    assert_eq!(table.rows[0].path, "src/pkg499/Mod49999.py");
}

#[test]
fn the_index_filters_lowercased_paths_and_finds_files_by_exact_path() {
    let report = generated_report(1_000);
    let index = TableRowIndex::build(&report);
    assert_eq!(index.file_count(), 1_000);
    assert_eq!(index.lowercase_path(0), "src/pkg000/mod00000.py");
    assert_eq!(index.lowercase_path(999), "src/pkg499/mod00999.py");
    assert_eq!(
        index.file_index_of_path(&report, "src/pkg123/Mod00623.py"),
        Some(623)
    );
    assert_eq!(
        index.file_index_of_path(&report, "src/pkg123/mod00623.py"),
        None
    );
    assert_eq!(index.file_index_of_path(&report, "missing.py"), None);
    // Files 0 and 500 are the only ones in pkg000.
    let order = sort_file_order(&report, &index, TableView::default().sort);
    let shown = select_shown_rows(
        &report,
        &index,
        &order,
        &view(TableColumn::Path, false, "PKG000/", false),
    );
    assert_eq!(shown.file_indices, [0, 500]);
    assert_eq!(shown.total_file_count, 1_000);
}

/// The path sort compares the eight bytes after the beginning every path shares as one
/// number first: paths that are the start of another, that differ only after those eight
/// bytes, that end inside them, that repeat, or that differ in a byte above ASCII must
/// still come out in byte order, equal paths in the report's order.
#[test]
fn the_path_sort_keeps_byte_order_around_its_eight_byte_keys() {
    let paths = [
        "/home/dev/project/src/module_b.py",
        "/home/dev/project/src/module_a.py",
        "/home/dev/project/src/module_a.pyx",
        "/home/dev/project/src/module_",
        "/home/dev/project/src/modulé.py",
        "/home/dev/project/src/module_a.py",
        "/home/dev/project/src/m",
        "/home/dev/project/src/modulez.py",
        "/home/dev/project/src/Module_a.py",
        "/home/dev/project/src/module_a_long_name/inner.py",
    ];
    let mut report = generated_report(paths.len());
    for (file, path) in report.files.iter_mut().zip(paths) {
        file.path = path.to_string();
    }
    let view = view(TableColumn::Path, false, "", false);
    let expected = [
        "/home/dev/project/src/Module_a.py",
        "/home/dev/project/src/m",
        "/home/dev/project/src/module_",
        "/home/dev/project/src/module_a.py",
        "/home/dev/project/src/module_a.py",
        "/home/dev/project/src/module_a.pyx",
        "/home/dev/project/src/module_a_long_name/inner.py",
        "/home/dev/project/src/module_b.py",
        "/home/dev/project/src/modulez.py",
        "/home/dev/project/src/modulé.py",
    ];
    assert_eq!(shown_paths(&report, &view), expected);
    assert_eq!(plainly_sorted_paths(&report, &view), expected);
    // The two equal paths keep the report's order (files 1 and 5).
    let index = TableRowIndex::build(&report);
    let order = sort_file_order(&report, &index, view.sort);
    let equal_paths: Vec<u32> = order
        .iter()
        .copied()
        .filter(|&file| report.files[file as usize].path.ends_with("/module_a.py"))
        .collect();
    assert_eq!(equal_paths, [1, 5]);
}

#[test]
fn unicode_paths_filter_case_insensitively_through_the_index() {
    let mut report = generated_report(3);
    report.files[0].path = "src/ÉCOLE/Straße.py".to_string();
    report.files[1].path = "src/école/other.py".to_string();
    report.files[2].path = "src/ecole/plain.py".to_string();
    assert_eq!(
        shown_paths(&report, &view(TableColumn::Path, false, "éCOLE", false)),
        ["src/ÉCOLE/Straße.py", "src/école/other.py"]
    );
    assert_eq!(
        shown_paths(&report, &view(TableColumn::Path, false, "STRASSE", false)),
        Vec::<String>::new()
    );
    assert_eq!(
        shown_paths(&report, &view(TableColumn::Path, false, "straße", false)),
        ["src/ÉCOLE/Straße.py"]
    );
}

/// The index searches all paths as one buffer: text that runs from the end of one path
/// into the start of the next must not match, while matches at the very start of the
/// first path, the very end of the last and several in one path all count once.
#[test]
fn a_filter_never_matches_across_two_neighbouring_paths() {
    let mut report = generated_report(4);
    report.files[0].path = "qa/ab".to_string();
    report.files[1].path = "cd/x.py".to_string();
    report.files[2].path = "zz/abcd/abcd.py".to_string();
    report.files[3].path = "tail/qa".to_string();
    let cases: [(&str, &[&str]); 7] = [
        // "qa/ab" + "cd/x.py" hold "abcd" only across the seam.
        ("abcd", &["zz/abcd/abcd.py"]),
        ("b", &["qa/ab", "zz/abcd/abcd.py"]),
        ("qa", &["qa/ab", "tail/qa"]),
        ("x.py", &["cd/x.py"]),
        ("abcd.py", &["zz/abcd/abcd.py"]),
        ("tail/qa/", &[]),
        ("", &["cd/x.py", "qa/ab", "tail/qa", "zz/abcd/abcd.py"]),
    ];
    for (filter, expected) in cases {
        assert_eq!(
            shown_paths(&report, &view(TableColumn::Path, false, filter, false)),
            expected,
            "filter {filter:?}"
        );
    }
}

#[test]
fn j_and_k_step_through_the_shown_rows_and_stop_at_the_ends() {
    let shown = [7, 3, 9, 1];
    // (active, step) → the row that becomes active.
    type StepCase = ((Option<u32>, isize), Option<u32>);
    let cases: [StepCase; 9] = [
        ((None, 1), Some(7)),
        ((None, -1), Some(7)),
        ((Some(7), 1), Some(3)),
        ((Some(3), 1), Some(9)),
        ((Some(1), 1), Some(1)),
        ((Some(7), -1), Some(7)),
        ((Some(9), -1), Some(3)),
        // A row the view hides (or another report's) starts again at the top.
        ((Some(42), 1), Some(7)),
        ((Some(9), 10), Some(1)),
    ];
    for ((active, step), expected) in cases {
        assert_eq!(
            step_active_row(&shown, active, step),
            expected,
            "{active:?} {step}"
        );
    }
    assert_eq!(step_active_row(&[], Some(1), 1), None);
    assert_eq!(step_active_row(&[], None, -1), None);
}

#[test]
fn a_view_shows_a_file_when_its_filter_and_hiding_allow() {
    let report = coverage_py_report("coverage/toolz/series/01-coverage.json");
    let covered = report
        .files
        .iter()
        .find(|file| file.path == "toolz/curried/__init__.py")
        .expect("file");
    assert!(path_matches_filter(
        "toolz/curried/__init__.py",
        "  CURRIED "
    ));
    assert!(path_matches_filter("toolz/curried/__init__.py", ""));
    assert!(!path_matches_filter("toolz/curried/__init__.py", "sandbox"));
    assert!(view_shows_file(
        &view(TableColumn::Path, false, "curried", false),
        covered
    ));
    assert!(!view_shows_file(
        &view(TableColumn::Path, false, "curried", true),
        covered
    ));
    assert!(!view_shows_file(
        &view(TableColumn::Path, false, "utils", false),
        covered
    ));
}
