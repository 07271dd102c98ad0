//! The coverage table's columns as data (which exist for a report, in what order, with
//! what heading and hook, how their cells are drawn), and the cells of one row drawn from
//! that data, for file rows and the totals row alike. Every value comes from the core's
//! one column-to-value mapping (`core::analysis::table::column_value`).
use std::rc::Rc;

use yew::prelude::*;

use super::CoverageBar;
use crate::core::analysis::table::{
    column_heading, column_value, table_columns as report_columns, CellValue, MetricPart,
    TableColumn, Thresholds,
};
use crate::core::model::{Counts, CoverageFigure, CoverageReport, MetricFigure, ReportFacts};

/// How a column's cells are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellShape {
    /// The row's name (a file's path), its header cell.
    Name,
    /// A value from the core's mapping: a count, or a percentage with its bar.
    Value,
    /// Line numbers as text (the missing lines).
    LineList,
}

/// One column of the coverage table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnDescription {
    pub column: TableColumn,
    /// The `data-col` and `sort-<key>` hook.
    pub key: &'static str,
    pub heading: &'static str,
    /// The metric a column belongs to, in its tool's word ("Stmts", "Regions"): the header
    /// groups a metric's covered, total and percent columns under it.
    pub group: Option<&'static str>,
    pub shape: CellShape,
}

/// The columns of a report's table, from the core's list for its format: coverage.py's
/// in the order `coverage report -m` prints them (branch columns only with branch data),
/// any other format's metrics in its tool's order and words.
pub fn table_columns(report: &CoverageReport) -> Rc<[ColumnDescription]> {
    let format = report.facts.format;
    report_columns(report)
        .into_iter()
        .map(|column| {
            let (heading, group) = match column {
                TableColumn::Metric { part, .. } => (
                    match part {
                        // genhtml's words for a metric's parts: short enough for
                        // four metrics side by side.
                        MetricPart::Covered => "Hit",
                        MetricPart::Total => "Total",
                        MetricPart::Percent => "%",
                    },
                    Some(column_heading(format, column)),
                ),
                column => (column_heading(format, column), None),
            };
            ColumnDescription {
                column,
                key: column.key(),
                heading,
                group,
                shape: shape_of(column),
            }
        })
        .collect()
}

/// How a column's cells are drawn, by what kind of column it is.
fn shape_of(column: TableColumn) -> CellShape {
    match column {
        TableColumn::Path => CellShape::Name,
        TableColumn::MissingLines => CellShape::LineList,
        _ => CellShape::Value,
    }
}

/// What one row's cells show: a file's figures, or the totals'.
pub struct RowFigures<'a> {
    /// The name cell's text, and its title when it has one.
    pub name: &'a str,
    pub name_title: Option<&'a str>,
    pub facts: &'a ReportFacts,
    pub counts: &'a Counts,
    /// The row's headline figure, and the percentages its report states.
    pub figure: &'a CoverageFigure,
    pub stated: &'a [MetricFigure],
    /// The colour bands percentages are shown in.
    pub thresholds: Thresholds,
    /// Said beside the headline percentage instead of its bar (a file with no statements).
    pub percent_note: Option<&'static str>,
    /// The line list's text; `None` leaves the cell empty.
    pub line_list: Option<&'a str>,
    /// Whether the name cell carries the `open-source` control (a file's row).
    pub opens_source: bool,
}

/// The cells of one row, one per column, each carrying its `data-col` hook.
pub fn row_cells(columns: &[ColumnDescription], figures: &RowFigures) -> Html {
    html! {
        { for columns.iter().map(|column| cell(column, figures)) }
    }
}

fn cell(column: &ColumnDescription, figures: &RowFigures) -> Html {
    let key = column.key;
    match column.shape {
        CellShape::Name => html! {
            <th scope="row" data-col={key} class="col-path" title={figures.name_title.map(str::to_string)}>
                { figures.name }
                if figures.opens_source {
                    <button type="button" class="open-source-button" data-testid="open-source" tabindex="-1"
                        aria-label={format!("Open the source of {}", figures.name)} title="Open the source">
                    </button>
                }
            </th>
        },
        CellShape::LineList => html! {
            <td data-col={key} class={format!("col-{key}")} title={figures.line_list.map(str::to_string)}>
                { figures.line_list.unwrap_or_default() }
            </td>
        },
        CellShape::Value => value_cell(column, figures),
    }
}

fn value_cell(column: &ColumnDescription, figures: &RowFigures) -> Html {
    let key = column.key;
    let value = column_value(
        figures.facts,
        figures.counts,
        figures.figure,
        figures.stated,
        column.column,
    );
    let count = match value {
        CellValue::Figure(figure) if column.column != TableColumn::Coverage => {
            // A metric's percentage exactly as its tool prints it (the heading says "%"),
            // coloured by band; "-" or "n/a" when there is nothing to cover.
            let level = figures.thresholds.clamped().level_of(figure.percent);
            return html! {
                <td data-col={key} class={classes!(format!("col-{key}"), "number", "metric-percent", format!("level-{}", level.key()))}
                    title={figure.display.clone()}>
                    { figure.display.clone() }
                </td>
            };
        }
        CellValue::Figure(figure) => {
            let level = figures.thresholds.clamped().level_of(figure.percent);
            // The note belongs to the row's headline figure, the coverage column. The cell's
            // text is the value alone (CONTRACT.md): the note is its title and generated content.
            let note = figures.percent_note;
            return html! {
                <td data-col={key} class={classes!(format!("col-{key}"), format!("level-{}", level.key()))}
                    title={note} data-note={note}>
                    <span class="coverage-text">{ format!("{}%", figure.display) }</span>
                    if note.is_none() {
                        <CoverageBar percent={figure.percent} level={level} />
                    }
                </td>
            };
        }
        CellValue::Text(text) => {
            return html! { <td data-col={key} class={format!("col-{key}")}>{ text }</td> };
        }
        CellValue::Count(count) => count,
        // A metric this file's data does not count (another file of the report does).
        CellValue::Absent => {
            return html! {
                <td data-col={key} class={classes!(format!("col-{key}"), "number", "not-counted")}
                    title="not counted for this file" />
            };
        }
    };
    html! {
        <td data-col={key} class={classes!(format!("col-{key}"), "number")}>{ count }</td>
    }
}
