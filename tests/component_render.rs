//! Components rendered natively with Yew's server renderer: hooks and cell text.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
use std::path::Path;
use std::rc::Rc;

use covscope::app::components::{CoverageTable, ReportList, ReportListItem};
use covscope::app::state::SharedReport;
use covscope::core::analysis::table::{SortOrder, TableColumn, TableView};
use covscope::core::parse::parse_coverage_py_json;
use yew::{Callback, LocalServerRenderer};

fn shared_report(relative: &str) -> SharedReport {
    let bytes = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/coverage")
            .join(relative),
    )
    .expect("fixture exists");
    SharedReport(Rc::new(
        parse_coverage_py_json(&bytes).value.expect("loads"),
    ))
}

async fn render_table(relative: &str, view: TableView) -> String {
    let report = shared_report(relative);
    LocalServerRenderer::<CoverageTable>::with_props(
        covscope::app::components::CoverageTableProps {
            report,
            view,
            highlighted_path: None,
            on_sort: Callback::noop(),
        },
    )
    .render()
    .await
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
    let html =
        LocalServerRenderer::<ReportList>::with_props(covscope::app::components::ReportListProps {
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
async fn theme_toggle_selects_the_current_choice() {
    use covscope::app::components::ThemeToggle;
    use covscope::app::state::ThemeChoice;
    let html = LocalServerRenderer::<ThemeToggle>::with_props(
        covscope::app::components::ThemeToggleProps {
            theme: ThemeChoice::Dark,
            on_change: Callback::noop(),
        },
    )
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
    use covscope::app::components::CoverageBar;
    use covscope::core::analysis::table::CoverageLevel;
    use covscope::core::model::Percent;
    let html = LocalServerRenderer::<CoverageBar>::with_props(
        covscope::app::components::CoverageBarProps {
            percent: Percent::new(62.5),
            level: CoverageLevel::Medium,
        },
    )
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
