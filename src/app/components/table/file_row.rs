//! One file's row of the coverage table, its cells as coverage.py prints them.
use std::rc::Rc;

use yew::prelude::*;

use super::columns::{row_cells, ColumnDescription, RowFigures};
use crate::app::effects::row_window::use_focus_leaves_reused_row;
use crate::app::state::SharedReport;
use crate::core::analysis::table::{build_table_row, Thresholds};

#[derive(Properties, PartialEq)]
pub struct FileRowProps {
    pub report: SharedReport,
    /// The file's position in the report's files.
    pub file_index: u32,
    /// The row's position among the shown rows, counted from 0.
    pub position: usize,
    pub thresholds: Thresholds,
    /// The table's columns, in order.
    pub columns: Rc<[ColumnDescription]>,
    /// The folders every path starts with, left out of the path shown (the caption
    /// names them; `data-path` and the title keep the whole path).
    pub path_prefix: Rc<str>,
    /// The active row: followed from a document, moved with j and k, or clicked.
    pub is_active: bool,
    /// The table's scroll area, where the focus goes when this row's element comes to
    /// show another file while it holds the focus.
    pub scroll_area: NodeRef,
}

/// Every prop compares cheaply, so a row that stays in view is not rendered again while
/// the table scrolls, and its missing-lines text is formatted once while it stays.
#[function_component]
pub fn FileRow(props: &FileRowProps) -> Html {
    let row = use_memo(
        (props.report.clone(), props.file_index, props.thresholds),
        |(report, file_index, thresholds)| build_table_row(&report.0, *file_index, *thresholds),
    );
    // Rows are keyed by slot, so this element shows another file when the table scrolls
    // a slot's length, filters or sorts: the focus does not stay on it then.
    let row_element = use_node_ref();
    use_focus_leaves_reused_row(
        row_element.clone(),
        props.scroll_area.clone(),
        (props.report.clone(), props.file_index),
    );
    let report = &props.report.0;
    let file = &report.files[props.file_index as usize];
    let shown_path = shown_path(&row.path, &props.path_prefix);
    let figures = RowFigures {
        name: shown_path,
        name_title: Some(&row.path),
        facts: &report.facts,
        counts: &file.counts,
        figure: &file.coverage,
        stated: &file.stated_figures,
        thresholds: props.thresholds,
        percent_note: row.has_no_statements.then_some("no statements"),
        line_list: Some(&row.missing_lines_text),
        opens_source: true,
    };
    // Row 1 is the header, so the first file row is row 2 for assistive technology,
    // which then knows where a row of a long table is even though few rows exist.
    let row_index = (props.position + 2).to_string();
    html! {
        <tr ref={row_element} data-testid="file-row" data-path={row.path.clone()} aria-rowindex={row_index}
            aria-selected={props.is_active.then_some("true")}
            tabindex={props.is_active.then_some("0")}
            class={classes!("file-row", format!("level-{}", row.level.key()), props.is_active.then_some("active"))}>
            { row_cells(&props.columns, &figures) }
        </tr>
    }
}

/// A path without the report's shared folders: `/home/dev/express/lib/view.js` shows as
/// `lib/view.js` when every path starts with `/home/dev/express`.
pub fn shown_path<'a>(path: &'a str, prefix: &str) -> &'a str {
    if prefix.is_empty() {
        return path;
    }
    match path.strip_prefix(prefix) {
        Some(rest) if rest.starts_with(['/', '\\']) => &rest[1..],
        _ => path,
    }
}
