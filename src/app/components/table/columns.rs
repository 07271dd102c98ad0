//! The coverage table's columns as data (which exist for a report, in what order, with
//! what heading and hook, how their cells are drawn), and the cells of one row drawn from
//! that data, for file rows and the totals row alike. Every value comes from the core's
//! one column-to-value mapping (`core::analysis::table::column_value`).
use std::rc::Rc;

use yew::prelude::*;

use super::CoverageBar;
use crate::core::analysis::table::{column_value, CellValue, TableColumn, Thresholds};
use crate::core::model::{Counts, CoverageFigure, MetricFigure, ReportFacts};

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
    pub shape: CellShape,
}

/// The columns of a report's table: coverage.py's, in the order `coverage report -m`
/// prints them, the branch columns only when the report has branch data.
pub fn table_columns(has_branches: bool) -> Rc<[ColumnDescription]> {
    TableColumn::ALL
        .into_iter()
        .filter(|column| has_branches || !column.is_branch_column())
        .map(|column| ColumnDescription {
            column,
            key: column.key(),
            heading: column.heading(),
            shape: shape_of(column),
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
        CellValue::Figure(figure) => {
            let level = figures.thresholds.clamped().level_of(figure.percent);
            // The note belongs to the row's headline figure, the coverage column.
            let note = figures
                .percent_note
                .filter(|_| column.column == TableColumn::Coverage);
            return html! {
                <td data-col={key} class={classes!(format!("col-{key}"), format!("level-{}", level.key()))}>
                    <span class="coverage-text">{ format!("{}%", figure.display) }</span>
                    if let Some(note) = note {
                        <span class="no-statements">{ note }</span>
                    } else {
                        <CoverageBar percent={figure.percent} level={level} />
                    }
                </td>
            };
        }
        CellValue::Text(text) => {
            return html! { <td data-col={key} class={format!("col-{key}")}>{ text }</td> };
        }
        CellValue::Count(count) => count,
        // A count the row's format does not have: shown as 0, as the coverage.py columns
        // have always shown it for other formats, until their own columns replace them.
        CellValue::Absent => 0,
    };
    html! {
        <td data-col={key} class={classes!(format!("col-{key}"), "number")}>{ count }</td>
    }
}
