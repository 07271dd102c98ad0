//! Components rendered natively with Yew's server renderer: hooks and cell text.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{coverage_py_report, generated_file, shown_rows};
use std::rc::Rc;

use covscope::app::components::functions::{RegionTable, RegionTableProps};
use covscope::app::components::table::{
    CoverageBar, CoverageBarProps, CoverageTable, CoverageTableProps, ReportList, ReportListItem,
    ReportListProps,
};
use covscope::app::components::tree::{FolderTreeTable, FolderTreeTableProps};
use covscope::app::derived::TableData;
use covscope::app::state::{Shared, SharedReport};
use covscope::core::analysis::regions::RegionView;
use covscope::core::analysis::table::{SortOrder, TableColumn, TableView, Thresholds};
use covscope::core::analysis::tree::{build_folder_tree, TreeView};
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{CoverageCounts, Precision};
use yew::{Callback, LocalServerRenderer};

async fn render_table(relative: &str, view: TableView) -> String {
    render_report_table(
        Shared(Rc::new(coverage_py_report(&format!("coverage/{relative}")))),
        view,
        None,
    )
    .await
}

async fn render_report_table(
    report: SharedReport,
    view: TableView,
    active_path: Option<&str>,
) -> String {
    let table = table_data(&report, &view);
    LocalServerRenderer::<CoverageTable>::with_props(CoverageTableProps {
        report,
        table,
        view,
        active_path: active_path.map(str::to_string),
        on_sort: Callback::noop(),
        on_activate: Callback::noop(),
        on_open_source: Callback::noop(),
    })
    .render()
    .await
}

/// The table the app derives for a report and view, built at once (the app memoises it
/// step by step).
fn table_data(report: &SharedReport, view: &TableView) -> TableData {
    let (index, shown) = shown_rows(&report.0, view);
    TableData {
        index: Rc::new(index),
        shown: Rc::new(shown),
    }
}

/// A report of `file_count` files named `pkg/file00000.py` and up, each with 10
/// statements of which `index % 10` are missing.
fn generated_report(file_count: usize) -> SharedReport {
    let files = (0..file_count)
        .map(|index| {
            let missing = (index % 10) as u64;
            let counts = CoverageCounts {
                statements: 10,
                executed: 10 - missing,
                missing,
                ..CoverageCounts::default()
            };
            generated_file(format!("pkg/file{index:05}.py"), counts, Precision(0))
        })
        .collect();
    Shared(Rc::new(common::generated_report(
        files,
        Precision(0),
        false,
    )))
}

fn file_row_paths(html: &str) -> Vec<&str> {
    html.split(r#"data-testid="file-row" data-path=""#)
        .skip(1)
        .map(|rest| &rest[..rest.find('"').expect("closing quote")])
        .collect()
}

/// Checks that every expected fragment appears in the rendered HTML, in order.
fn check(html: &str, fragments: &[&str]) {
    let mut rest = html;
    for fragment in fragments {
        match rest.find(fragment) {
            Some(index) => rest = &rest[index + fragment.len()..],
            None => panic!("{fragment:?} not found (in order) in {html}"),
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn branch_table_has_every_hook_and_coverage_py_text() {
    let html = render_table("toolz/coverage.json", TableView::default()).await;
    check(
        &html,
        &[
            r#"data-testid="coverage-table""#,
            r#"data-testid="sort-path""#,
            r#"aria-sort="ascending""#,
            r#"data-testid="sort-branches""#,
            r#"data-testid="sort-partial""#,
            r#"data-testid="file-row""#,
            r#"data-path="toolz/__init__.py""#,
            r#"data-path="toolz/functoolz.py""#,
            r#"data-col="statements""#,
            ">459<",
            ">17<",
            "95%",
            "11, 74-&gt;exit, 113-&gt;exit, 355-&gt;372, 597-598, 607-610, 631-649, 1028-&gt;1032",
            r#"data-testid="totals-row""#,
            ">1247<",
            "98%",
        ],
    );
}

#[tokio::test(flavor = "current_thread")]
async fn statement_only_table_has_no_branch_columns() {
    let html = render_table("toolz/coverage-nobranch.json", TableView::default()).await;
    check(
        &html,
        &[
            r#"data-testid="sort-missing""#,
            r#"data-testid="totals-row""#,
            "99%",
        ],
    );
    assert!(!html.contains(r#"data-col="branches""#));
    assert!(!html.contains(r#"data-testid="sort-partial""#));
}

#[tokio::test(flavor = "current_thread")]
async fn sorted_header_reports_its_direction() {
    let view = TableView {
        sort: SortOrder {
            column: TableColumn::Missing,
            descending: true,
        },
        ..TableView::default()
    };
    let html = render_table("toolz/series/01-coverage.json", view).await;
    check(
        &html,
        &[
            r#"data-testid="sort-path" aria-sort="none""#,
            r#"data-testid="sort-missing" aria-sort="descending""#,
            r#"data-path="toolz/itertoolz.py""#,
            r#"data-path="toolz/functoolz.py""#,
        ],
    );
}

#[tokio::test(flavor = "current_thread")]
async fn report_list_marks_the_selected_report() {
    let items = vec![
        ReportListItem {
            id: 1,
            name: "old.json".to_string(),
            coverage_display: "44".to_string(),
            is_demo: false,
        },
        ReportListItem {
            id: 2,
            name: "new.json".to_string(),
            coverage_display: "98".to_string(),
            is_demo: false,
        },
    ];
    let html = LocalServerRenderer::<ReportList>::with_props(ReportListProps {
        items,
        selected_id: Some(2),
        on_select: Callback::noop(),
        on_remove: Callback::noop(),
    })
    .render()
    .await;
    check(
        &html,
        &[
            r#"data-testid="report-item" data-name="old.json" aria-selected="false""#,
            "44%",
            r#"data-testid="report-item" data-name="new.json" aria-selected="true""#,
            "98%",
        ],
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_long_table_renders_only_the_first_window_of_rows() {
    // Before the browser measures anything the area is taken as 900 pixels: 30 rows of
    // 30 pixels in view, plus 6 rows of overscan below.
    let html = render_report_table(generated_report(50_000), TableView::default(), None).await;
    let paths = file_row_paths(&html);
    assert_eq!(paths.len(), 36);
    assert_eq!(paths.first(), Some(&"pkg/file00000.py"));
    assert_eq!(paths.last(), Some(&"pkg/file00035.py"));
    check(
        &html,
        &[
            r#"aria-rowcount="50002""#,
            r#"data-testid="file-row" data-path="pkg/file00000.py" aria-rowindex="2""#,
            // Missing lines are formatted for rendered rows: file 9 misses lines 1 to 9.
            r#"data-path="pkg/file00009.py""#,
            ">1-9<",
            // The 49,964 rows below the window are one spacer: 49,964 × 30 pixels.
            r#"height="1498920""#,
            r#"data-testid="totals-row""#,
            ">500000<",
            ">225000<",
        ],
    );
}

#[tokio::test(flavor = "current_thread")]
async fn a_table_of_up_to_100_rows_renders_whole_without_spacers() {
    let html = render_report_table(generated_report(100), TableView::default(), None).await;
    let paths = file_row_paths(&html);
    assert_eq!(paths.len(), 100);
    assert_eq!(paths.last(), Some(&"pkg/file00099.py"));
    assert!(!html.contains("spacer-row"));
    let html = render_report_table(generated_report(101), TableView::default(), None).await;
    assert_eq!(file_row_paths(&html).len(), 36);
    assert!(html.contains(r#"height="1950""#), "65 rows below: {html}");
}

#[tokio::test(flavor = "current_thread")]
async fn the_window_follows_the_filter_and_the_sort() {
    let view = TableView {
        sort: SortOrder {
            column: TableColumn::Missing,
            descending: true,
        },
        filter: "FILE0".to_string(),
        ..TableView::default()
    };
    let html = render_report_table(generated_report(50_000), view, None).await;
    let paths = file_row_paths(&html);
    // Files 0 to 9,999 match; the 1,000 missing 9 lines come first, by path.
    assert_eq!(paths.len(), 36);
    assert_eq!(
        &paths[..3],
        ["pkg/file00009.py", "pkg/file00019.py", "pkg/file00029.py"]
    );
    check(
        &html,
        &["10000 of 50000 files shown", r#"aria-rowcount="10002""#],
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_active_row_is_selected_and_focusable() {
    let html = render_report_table(
        generated_report(50_000),
        TableView::default(),
        Some("pkg/file00003.py"),
    )
    .await;
    check(
        &html,
        &[
            r#"data-path="pkg/file00002.py" aria-rowindex="4" class="#,
            r#"data-path="pkg/file00003.py" aria-rowindex="5" aria-selected="true" tabindex="0""#,
            r#"data-path="pkg/file00004.py" aria-rowindex="6" class="#,
        ],
    );
    assert_eq!(html.matches(r#"aria-selected="true""#).count(), 1);
}

#[tokio::test(flavor = "current_thread")]
async fn theme_toggle_selects_the_current_choice() {
    use covscope::app::components::shell::{ThemeToggle, ThemeToggleProps};
    use covscope::app::state::ThemeChoice;
    let html = LocalServerRenderer::<ThemeToggle>::with_props(ThemeToggleProps {
        theme: ThemeChoice::Dark,
        on_change: Callback::noop(),
    })
    .render()
    .await;
    check(
        &html,
        &[
            r#"<label class="theme-toggle">"#,
            "Theme",
            r#"data-testid="theme-select""#,
            r#"<option value="system">System</option>"#,
            r#"<option value="light">Light</option>"#,
            r#"<option value="dark" selected="selected">Dark</option>"#,
        ],
    );
}

#[tokio::test(flavor = "current_thread")]
async fn coverage_bar_is_an_svg_without_inline_style() {
    use covscope::core::analysis::table::CoverageLevel;
    use covscope::core::model::Percent;
    let html = LocalServerRenderer::<CoverageBar>::with_props(CoverageBarProps {
        percent: Percent::new(62.5),
        level: CoverageLevel::Medium,
    })
    .render()
    .await;
    check(
        &html,
        &[
            r#"<svg aria-hidden="true""#,
            r#"class="coverage-bar""#,
            r#"width="62.50" class="coverage-bar-fill level-medium""#,
        ],
    );
    assert!(!html.contains("style="), "{html}");
}

/// Regression: a file without statements showed "100%no statements" as its coverage cell's
/// text; the cell holds the value alone and the note sits in its title and generated content.
#[tokio::test(flavor = "current_thread")]
async fn a_coverage_cell_holds_its_value_alone() {
    let report = Shared(Rc::new(coverage_py_report("claims/precision2.json")));
    let html = render_report_table(report, TableView::default(), None).await;
    let row = html
        .split(r#"data-testid="file-row""#)
        .find(|row| row.contains(r#"data-path="backend/core/empty_module.py""#))
        .expect("the empty module's row");
    let cell = row
        .split(r#"data-col="coverage""#)
        .nth(1)
        .and_then(|cell| cell.split("</td>").next())
        .expect("a coverage cell");
    assert!(cell.contains(r#"title="no statements""#), "{cell}");
    let text: String = cell
        .split('<')
        .filter_map(|piece| piece.split_once('>').map(|(_, text)| text))
        .collect();
    assert_eq!(text, "100.00%");
}

/// A fixture's captions: the folder tree's (folders, files, rows) and the functions
/// index's, each count with its noun in the right number.
struct CaptionCase {
    fixture: &'static str,
    tree_caption: &'static str,
    functions_caption: &'static str,
}

/// `one-folder-one-file.info` is one file in `src/` with one function (its folder shows
/// closed: one row); c8's lcov of commander is `index.js` and six files in `lib/` (two rows),
/// with 205 function names (206 `FN` records, `baseWrite` twice in one file, one function
/// by lcov's rule).
const CAPTION_CASES: &[CaptionCase] = &[
    CaptionCase {
        fixture: "nouns/one-folder-one-file.info",
        tree_caption: "1 folder, 1 file; 1 row shown",
        functions_caption: "1 function or class",
    },
    CaptionCase {
        fixture: "coverage/c8-commander/lcov.info",
        tree_caption: "1 folder, 7 files; 2 rows shown",
        functions_caption: "205 functions and classes",
    },
];

/// A report among the fixtures, in whichever format its content is.
fn dropped_report(relative: &str) -> SharedReport {
    let outcome = parse_dropped_file(relative, &common::fixture_bytes(relative));
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => Shared(Rc::new(*report)),
        _ => panic!("{relative} did not load: {:?}", outcome.diagnostics),
    }
}

#[tokio::test(flavor = "current_thread")]
async fn captions_count_with_the_noun_in_the_right_number() {
    for case in CAPTION_CASES {
        let report = dropped_report(case.fixture);
        let tree = Rc::new(build_folder_tree(&report.0));
        let html = LocalServerRenderer::<FolderTreeTable>::with_props(FolderTreeTableProps {
            report: report.clone(),
            tree,
            view: TreeView::default(),
            active_path: None,
            thresholds: Thresholds::default(),
            dispatch: Callback::noop(),
        })
        .render()
        .await;
        check(&html, &[&format!(">{}<", case.tree_caption)]);
        let html = LocalServerRenderer::<RegionTable>::with_props(RegionTableProps {
            report,
            view: RegionView::default(),
            file: None,
            thresholds: Thresholds::default(),
            on_sort: Callback::noop(),
            on_open: Callback::noop(),
        })
        .render()
        .await;
        check(&html, &[&format!(">{}", case.functions_caption)]);
    }
}
