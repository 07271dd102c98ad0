//! The comparison table: one row per file with before, after and the change.
use crate::core::text::{counted, nouns};
use yew::prelude::*;

use crate::app::components::table::SortableHeader;
use crate::core::analysis::compare::{
    DeltaColumn, DeltaRow, DeltaStatus, DeltaTotals, FileFigures, PercentDelta,
};

#[derive(Properties, PartialEq)]
pub struct DeltaTableProps {
    pub rows: Vec<DeltaRow>,
    pub totals: DeltaTotals,
    pub sort: (DeltaColumn, bool),
    /// The columns, in order, each with its heading in the compared reports' words.
    pub columns: Vec<(DeltaColumn, &'static str)>,
    pub selected_path: Option<String>,
    pub on_sort: Callback<DeltaColumn>,
    pub on_select_file: Callback<Option<String>>,
}

#[function_component]
pub fn DeltaTable(props: &DeltaTableProps) -> Html {
    let columns: Vec<DeltaColumn> = props.columns.iter().map(|(column, _)| *column).collect();
    let headers = props.columns.iter().map(|&(column, heading)| {
        let on_sort = props.on_sort.clone();
        let (sorted_column, descending) = props.sort;
        html! {
            <SortableHeader test_id={format!("delta-sort-{}", column.key())} {heading}
                sorted_descending={(sorted_column == column).then_some(descending)}
                class={classes!(format!("col-{}", column.key()))}
                on_sort={Callback::from(move |()| on_sort.emit(column))} />
        }
    });
    html! {
        <table class="coverage-table delta-table" data-testid="delta-table">
            <thead><tr>{ for headers }</tr></thead>
            <tbody>
                { for props.rows.iter().map(|row| {
                    let selected = props.selected_path.as_deref() == Some(row.path.as_str());
                    let on_select_file = props.on_select_file.clone();
                    let path = row.path.clone();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        on_select_file.emit(if selected { None } else { Some(path.clone()) })
                    });
                    html! {
                        <tr data-testid="delta-row" data-path={row.path.clone()} key={row.path.clone()}
                            data-status={row.status.key()}
                            class={classes!(format!("status-{}", row.status.key()), selected.then_some("highlighted"))}>
                            { for columns.iter().map(|&column| delta_cell(row, column, &onclick, selected)) }
                        </tr>
                    }
                }) }
                if props.rows.is_empty() {
                    <tr class="empty-row"><td colspan={columns.len().to_string()}>{ "No files match." }</td></tr>
                }
            </tbody>
            <tfoot>
                <tr data-testid="delta-totals-row" class="totals-row">
                    { for columns.iter().map(|&column| totals_cell(&props.totals, column)) }
                </tr>
            </tfoot>
        </table>
    }
}

/// The figures a delta-table row shows: a file's, or the totals'.
struct DeltaFigures<'a> {
    status: DeltaStatus,
    before: Option<&'a FileFigures>,
    after: Option<&'a FileFigures>,
    coverage_delta: Option<&'a PercentDelta>,
    statements_delta: i64,
    missing_delta: i64,
    branches_delta: i64,
    partial_delta: i64,
}

impl<'a> DeltaFigures<'a> {
    fn of_row(row: &'a DeltaRow) -> DeltaFigures<'a> {
        DeltaFigures {
            status: row.status,
            before: row.before.as_ref(),
            after: row.after.as_ref(),
            coverage_delta: row.coverage_delta.as_ref(),
            statements_delta: row.statements_delta,
            missing_delta: row.missing_delta,
            branches_delta: row.branches_delta,
            partial_delta: row.partial_delta,
        }
    }

    fn of_totals(totals: &'a DeltaTotals) -> DeltaFigures<'a> {
        DeltaFigures {
            status: totals.status,
            before: totals.before.as_ref(),
            after: totals.after.as_ref(),
            coverage_delta: totals.coverage_delta.as_ref(),
            statements_delta: totals.statements_delta,
            missing_delta: totals.missing_delta,
            branches_delta: totals.branches_delta,
            partial_delta: totals.partial_delta,
        }
    }
}

fn delta_cell(
    row: &DeltaRow,
    column: DeltaColumn,
    onclick: &Callback<MouseEvent>,
    selected: bool,
) -> Html {
    match column {
        DeltaColumn::Path => html! {
            <th scope="row" data-col={column.key()} class="col-path">
                <button type="button" class="link-button" onclick={onclick.clone()}
                    aria-expanded={selected.to_string()}
                    title={format!("{}: show the lines that changed", row.path)}>
                    { &row.path }
                </button>
            </th>
        },
        column => figure_cell(&DeltaFigures::of_row(row), column),
    }
}

fn totals_cell(totals: &DeltaTotals, column: DeltaColumn) -> Html {
    match column {
        DeltaColumn::Path => html! {
            <th scope="row" data-col={column.key()}>
                { if totals.is_subset { format!("Total of {} shown", counted(totals.file_count, nouns::FILE)) } else { "Total".to_string() } }
            </th>
        },
        column => figure_cell(&DeltaFigures::of_totals(totals), column),
    }
}

/// Every cell but the path's, the same for a file's row and the totals.
fn figure_cell(figures: &DeltaFigures, column: DeltaColumn) -> Html {
    let key = column.key();
    match column {
        // The path cell differs between rows and totals (see the callers).
        DeltaColumn::Path => Html::default(),
        DeltaColumn::CoverageBefore => percent_cell(key, figures.before),
        DeltaColumn::CoverageAfter => percent_cell(key, figures.after),
        DeltaColumn::CoverageDelta => html! {
            <td data-col={key} class={classes!("number", "delta", delta_tone(figures.status))}>
                { figures.coverage_delta.map(|delta| format!("{} pp", delta.display)).unwrap_or_else(|| "—".to_string()) }
            </td>
        },
        DeltaColumn::StatementsDelta => count_cell(key, figures.statements_delta),
        DeltaColumn::MissingDelta => count_cell(key, figures.missing_delta),
        DeltaColumn::BranchesDelta => count_cell(key, figures.branches_delta),
        DeltaColumn::PartialDelta => count_cell(key, figures.partial_delta),
        DeltaColumn::Status => status_cell(key, figures.status),
    }
}

fn percent_cell(key: &'static str, side: Option<&FileFigures>) -> Html {
    let display = side.map(|figures| figures.coverage.display.as_str());
    html! {
        <td data-col={key} class="number">{ display.map(|text| format!("{text}%")).unwrap_or_else(|| "—".to_string()) }</td>
    }
}

fn count_cell(key: &'static str, delta: i64) -> Html {
    let text = if delta > 0 {
        format!("+{delta}")
    } else {
        delta.to_string()
    };
    html! { <td data-col={key} class="number">{ text }</td> }
}

fn status_cell(key: &'static str, status: DeltaStatus) -> Html {
    let icon = match status {
        DeltaStatus::Regressed => "▼",
        DeltaStatus::Improved => "▲",
        DeltaStatus::NewFile => "+",
        DeltaStatus::Removed => "−",
        DeltaStatus::Unchanged => "=",
    };
    html! {
        <td data-col={key} class={classes!("status-cell", delta_tone(status))}>
            <span aria-hidden="true">{ icon }</span>{ " " }{ status.label() }
        </td>
    }
}

fn delta_tone(status: DeltaStatus) -> &'static str {
    match status {
        DeltaStatus::Regressed | DeltaStatus::Removed => "tone-bad",
        DeltaStatus::Improved | DeltaStatus::NewFile => "tone-good",
        DeltaStatus::Unchanged => "tone-neutral",
    }
}
