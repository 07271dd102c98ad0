//! The coverage table's columns as data (which exist for a report, in what order, with
//! what heading and hook, how their cells are drawn), and the cells of one row drawn from
//! that data, for file rows and the totals row alike.
use std::rc::Rc;

use yew::prelude::*;

use super::CoverageBar;
use crate::core::analysis::table::{CoverageLevel, TableColumn};
use crate::core::model::{CoverageCounts, Percent};

/// How a column's cells are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellShape {
    /// The row's name (a file's path), its header cell.
    Name,
    /// A count, right-aligned.
    Count,
    /// A percentage with its bar, coloured by band.
    Percent,
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

/// How each of coverage.py's columns is drawn, in the order `coverage report -m` prints
/// them.
const COVERAGE_PY_COLUMNS: [(TableColumn, CellShape); 8] = [
    (TableColumn::Path, CellShape::Name),
    (TableColumn::Statements, CellShape::Count),
    (TableColumn::Missing, CellShape::Count),
    (TableColumn::Excluded, CellShape::Count),
    (TableColumn::Branches, CellShape::Count),
    (TableColumn::Partial, CellShape::Count),
    (TableColumn::Coverage, CellShape::Percent),
    (TableColumn::MissingLines, CellShape::LineList),
];

/// The columns of a report's table: coverage.py's, the branch columns only when the
/// report has branch data.
pub fn table_columns(has_branches: bool) -> Rc<[ColumnDescription]> {
    COVERAGE_PY_COLUMNS
        .iter()
        .filter(|(column, _)| has_branches || !column.is_branch_column())
        .map(|&(column, shape)| ColumnDescription {
            column,
            key: column.key(),
            heading: column.heading(),
            shape,
        })
        .collect()
}

/// What one row's cells show: a file's figures, or the totals'.
pub struct RowFigures<'a> {
    /// The name cell's text, and its title when it has one.
    pub name: &'a str,
    pub name_title: Option<&'a str>,
    pub counts: &'a CoverageCounts,
    pub percent: Percent,
    pub coverage_display: &'a str,
    pub level: CoverageLevel,
    /// Said beside the percentage instead of the bar (a file with no statements).
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
        CellShape::Count => html! {
            <td data-col={key} class={classes!(format!("col-{key}"), "number")}>
                { column.column.count_in(figures.counts).unwrap_or_default() }
            </td>
        },
        CellShape::Percent => html! {
            <td data-col={key} class={classes!(format!("col-{key}"), format!("level-{}", figures.level.key()))}>
                <span class="coverage-text">{ format!("{}%", figures.coverage_display) }</span>
                if let Some(note) = figures.percent_note {
                    <span class="no-statements">{ note }</span>
                } else {
                    <CoverageBar percent={figures.percent} level={figures.level} />
                }
            </td>
        },
        CellShape::LineList => html! {
            <td data-col={key} class={format!("col-{key}")} title={figures.line_list.map(str::to_string)}>
                { figures.line_list.unwrap_or_default() }
            </td>
        },
    }
}
