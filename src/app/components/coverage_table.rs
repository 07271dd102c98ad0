//! The per-file coverage table of one report, with sortable headers and a totals row.
use yew::prelude::*;

use super::{CoverageBar, SortableHeader};
use crate::app::state::SharedReport;
use crate::core::analysis::table::{
    build_all_rows, build_table_from_rows, TableColumn, TableModel, TableRow, TableView,
};

#[derive(Properties, PartialEq)]
pub struct CoverageTableProps {
    pub report: SharedReport,
    pub view: TableView,
    /// A row to mark, after following a link from a document.
    #[prop_or_default]
    pub highlighted_path: Option<String>,
    pub on_sort: Callback<TableColumn>,
}

/// Draws the rows the view selects; the rows themselves come from the pure core.
#[function_component]
pub fn CoverageTable(props: &CoverageTableProps) -> Html {
    // Rows (with their missing-lines text) are built once per report and bands; the view
    // only filters and sorts them.
    let all_rows = use_memo(
        (props.report.clone(), props.view.thresholds.clamped()),
        |(report, thresholds)| build_all_rows(&report.0, *thresholds),
    );
    let model = {
        // The view holds the bands, so report and view cover everything `all_rows` follows.
        let all_rows = all_rows.clone();
        use_memo(
            (props.report.clone(), props.view.clone()),
            move |(report, view)| build_table_from_rows(&all_rows, &report.0, view),
        )
    };
    let columns: Vec<TableColumn> = TableColumn::ALL
        .into_iter()
        .filter(|column| model.has_branches || !column.is_branch_column())
        .collect();
    let headers = columns.iter().map(|&column| {
        let on_sort = props.on_sort.clone();
        let sort = props.view.sort;
        html! {
            <SortableHeader test_id={format!("sort-{}", column.key())} heading={column.heading()}
                sorted_descending={(sort.column == column).then_some(sort.descending)}
                class={classes!(format!("col-{}", column.key()))}
                on_sort={Callback::from(move |()| on_sort.emit(column))} />
        }
    });
    html! {
        <table class="coverage-table" data-testid="coverage-table">
            <caption class="table-caption">{ caption_text(&model) }</caption>
            <thead><tr>{ for headers }</tr></thead>
            <tbody>
                { for model.rows.iter().map(|row| file_row(row, &columns, props.highlighted_path.as_deref() == Some(row.path.as_str()))) }
                if model.rows.is_empty() {
                    <tr class="empty-row"><td colspan={columns.len().to_string()}>
                        { "No files match the filter." }
                    </td></tr>
                }
            </tbody>
            <tfoot>{ totals_row(&model, &columns) }</tfoot>
        </table>
    }
}

fn caption_text(model: &TableModel) -> String {
    if model.shown_file_count == model.total_file_count {
        format!("{} files", model.total_file_count)
    } else {
        format!(
            "{} of {} files shown",
            model.shown_file_count, model.total_file_count
        )
    }
}

fn file_row(row: &TableRow, columns: &[TableColumn], is_highlighted: bool) -> Html {
    let cells = columns.iter().map(|&column| {
        let key = column.key();
        match column {
            TableColumn::Path => html! {
                <th scope="row" data-col={key} class="col-path">{ &row.path }</th>
            },
            TableColumn::Coverage => html! {
                <td data-col={key} class={classes!("col-coverage", format!("level-{}", row.level.key()))}>
                    <span class="coverage-text">{ format!("{}%", row.coverage_display) }</span>
                    if row.has_no_statements {
                        <span class="no-statements">{ "no statements" }</span>
                    } else {
                        <CoverageBar percent={row.percent} level={row.level} />
                    }
                </td>
            },
            TableColumn::MissingLines => html! {
                <td data-col={key} class="col-missing-lines">{ &row.missing_lines_text }</td>
            },
            number_column => html! {
                <td data-col={key} class={classes!(format!("col-{key}"), "number")}>
                    { count_of(row.counts, number_column) }
                </td>
            },
        }
    });
    html! {
        <tr data-testid="file-row" data-path={row.path.clone()} key={row.path.clone()}
            class={classes!(format!("level-{}", row.level.key()), is_highlighted.then_some("highlighted"))}>
            { for cells }
        </tr>
    }
}

fn totals_row(model: &TableModel, columns: &[TableColumn]) -> Html {
    let totals = &model.totals;
    let cells = columns.iter().map(|&column| {
        let key = column.key();
        match column {
            TableColumn::Path => html! {
                <th scope="row" data-col={key} class="col-path">
                    { if totals.is_subset { "Total of files shown" } else { "Total" } }
                </th>
            },
            TableColumn::Coverage => html! {
                <td data-col={key} class={classes!("col-coverage", format!("level-{}", totals.level.key()))}>
                    <span class="coverage-text">{ format!("{}%", totals.coverage_display) }</span>
                    <CoverageBar percent={totals.percent} level={totals.level} />
                </td>
            },
            TableColumn::MissingLines => html! { <td data-col={key} class="col-missing-lines" /> },
            number_column => html! {
                <td data-col={key} class={classes!(format!("col-{key}"), "number")}>
                    { count_of(totals.counts, number_column) }
                </td>
            },
        }
    });
    html! { <tr data-testid="totals-row" class="totals-row">{ for cells }</tr> }
}

fn count_of(counts: crate::core::model::CoverageCounts, column: TableColumn) -> u64 {
    match column {
        TableColumn::Statements => counts.statements,
        TableColumn::Missing => counts.missing,
        TableColumn::Excluded => counts.excluded,
        TableColumn::Branches => counts.branches,
        TableColumn::Partial => counts.partial_branches,
        _ => 0,
    }
}
