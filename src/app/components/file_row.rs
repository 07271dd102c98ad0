//! One file's row of the coverage table, its cells as coverage.py prints them.
use yew::prelude::*;

use super::CoverageBar;
use crate::app::state::SharedReport;
use crate::core::analysis::table::{build_table_row, TableColumn, Thresholds};

#[derive(Properties, PartialEq)]
pub struct FileRowProps {
    pub report: SharedReport,
    /// The file's position in the report's files.
    pub file_index: u32,
    /// The row's position among the shown rows, counted from 0.
    pub position: usize,
    pub thresholds: Thresholds,
    /// Whether the report has branch data, so the branch columns exist.
    pub has_branches: bool,
    /// The active row: followed from a document, moved with j and k, or clicked.
    pub is_active: bool,
}

/// Every prop compares cheaply, so a row that stays in view is not rendered again while
/// the table scrolls, and its missing-lines text is formatted once while it stays.
#[function_component]
pub fn FileRow(props: &FileRowProps) -> Html {
    let row = use_memo(
        (props.report.clone(), props.file_index, props.thresholds),
        |(report, file_index, thresholds)| build_table_row(&report.0, *file_index, *thresholds),
    );
    let columns = TableColumn::ALL
        .into_iter()
        .filter(|column| props.has_branches || !column.is_branch_column());
    let cells = columns.map(|column| {
        let key = column.key();
        match column {
            TableColumn::Path => html! {
                <th scope="row" data-col={key} class="col-path" title={row.path.clone()}>{ &row.path }</th>
            },
            // The cell's text is the value alone (CONTRACT.md); a file without statements
            // says so in its title and in generated content, which is not the cell's text.
            TableColumn::Coverage => html! {
                <td data-col={key} class={classes!("col-coverage", format!("level-{}", row.level.key()))}
                    title={row.has_no_statements.then_some("no statements")}
                    data-note={row.has_no_statements.then_some("no statements")}>
                    <span class="coverage-text">{ format!("{}%", row.coverage_display) }</span>
                    if !row.has_no_statements {
                        <CoverageBar percent={row.percent} level={row.level} />
                    }
                </td>
            },
            TableColumn::MissingLines => html! {
                <td data-col={key} class="col-missing-lines" title={row.missing_lines_text.clone()}>
                    { &row.missing_lines_text }
                </td>
            },
            number_column => html! {
                <td data-col={key} class={classes!(format!("col-{key}"), "number")}>
                    { count_of(row.counts, number_column) }
                </td>
            },
        }
    });
    // Row 1 is the header, so the first file row is row 2 for assistive technology,
    // which then knows where a row of a long table is even though few rows exist.
    let row_index = (props.position + 2).to_string();
    html! {
        <tr data-testid="file-row" data-path={row.path.clone()} aria-rowindex={row_index}
            aria-selected={props.is_active.then_some("true")}
            tabindex={props.is_active.then_some("0")}
            class={classes!("file-row", format!("level-{}", row.level.key()), props.is_active.then_some("active"))}>
            { for cells }
        </tr>
    }
}

/// The number a count column shows.
pub fn count_of(counts: crate::core::model::CoverageCounts, column: TableColumn) -> u64 {
    match column {
        TableColumn::Statements => counts.statements,
        TableColumn::Missing => counts.missing,
        TableColumn::Excluded => counts.excluded,
        TableColumn::Branches => counts.branches,
        TableColumn::Partial => counts.partial_branches,
        _ => 0,
    }
}
