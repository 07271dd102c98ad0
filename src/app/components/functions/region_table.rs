//! The index of regions as a virtual table: sortable headers, the rows in view.
use std::rc::Rc;

use yew::prelude::*;

use super::region_row;
use crate::app::components::table::{windowed_rows, CellShape, ColumnDescription, SortableHeader};
use crate::app::effects::row_window::{use_row_window, RowWindowSetup};
use crate::app::state::SharedReport;
use crate::core::analysis::regions::{region_columns, region_rows, RegionColumn, RegionView};
use crate::core::analysis::table::Thresholds;
use crate::core::analysis::table_window::WindowSettings;
use crate::core::analysis::tree::shared_absolute_prefix;
use crate::core::model::CoverageReport;
use crate::core::text::{counted, nouns};

/// Rows as tall as the table's, the same overscan.
const REGION_ROWS: RowWindowSetup = RowWindowSetup {
    settings: WindowSettings {
        row_height_px: 30,
        overscan_rows: 6,
        render_all_up_to: 100,
    },
    row_selector: "[data-testid=\"region-row\"]",
    active_row_selector: "[data-testid=\"region-row\"][aria-selected=\"true\"]",
    row_key_attribute: "data-name",
};

#[derive(Properties, PartialEq)]
pub struct RegionTableProps {
    pub report: SharedReport,
    pub view: RegionView,
    /// Only this file's regions, by path.
    pub file: Option<String>,
    pub thresholds: Thresholds,
    pub on_sort: Callback<RegionColumn>,
    /// A region's file and first line, to open in the source view.
    pub on_open: Callback<(String, Option<u64>)>,
}

/// A column of the index: its key, heading, and for figures the table's description.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionColumnDescription {
    pub column: RegionColumn,
    pub heading: &'static str,
    /// How a figure is drawn, as the coverage table draws the same column.
    pub figure: Option<ColumnDescription>,
}

#[function_component]
pub fn RegionTable(props: &RegionTableProps) -> Html {
    let columns = use_memo(props.report.clone(), |report| {
        region_columns(&report.0)
            .into_iter()
            .map(describe)
            .collect::<Rc<[RegionColumnDescription]>>()
    });
    let layout = use_memo(props.report.clone(), |report| {
        RegionTableLayout::of(&report.0)
    });
    let rows = use_memo(
        (props.report.clone(), props.file.clone(), props.view.clone()),
        |(report, file, view)| {
            let file_index = file.as_ref().and_then(|path| {
                report
                    .0
                    .files
                    .iter()
                    .position(|file| &file.path == path)
                    .and_then(|index| u32::try_from(index).ok())
            });
            region_rows(&report.0, file_index, view)
        },
    );
    let rows_window = use_row_window(REGION_ROWS, rows.len(), None);
    let window = rows_window.window;
    let headers = columns.iter().map(|column| {
        let on_sort = props.on_sort.clone();
        let key = column.column;
        html! {
            <SortableHeader test_id={format!("region-sort-{}", key.key())} heading={column.heading}
                sorted_descending={(props.view.sort == key).then_some(props.view.descending)}
                class={classes!(format!("col-{}", key.key()))}
                on_sort={Callback::from(move |()| on_sort.emit(key))} />
        }
    });
    let shown = rows[window.start..window.end].iter().map(|row| {
        region_row(
            &props.report.0,
            *row,
            &columns,
            props.thresholds,
            &layout.path_prefix,
            &props.on_open,
        )
    });
    let column_count = columns.len().to_string();
    html! {
        <div class="coverage-table-area">
            <p class="table-caption" id="regions-caption">{ caption_text(rows.len(), &layout.path_prefix) }</p>
            <div class="table-scroll" ref={rows_window.area.clone()} onscroll={rows_window.onscroll.clone()}>
                <table class={classes!("coverage-table", "region-table", layout.width_classes.clone())} data-testid="region-table"
                    aria-describedby="regions-caption" aria-rowcount={(rows.len() + 1).to_string()}>
                    <thead ref={rows_window.header.clone()}><tr aria-rowindex="1">{ for headers }</tr></thead>
                    <tbody>
                        { windowed_rows(window, &column_count, shown.collect(), rows.len(), "No functions or classes match.") }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// What the index's layout takes from the report: the folders every path starts with (left
/// out of the File column, named in the caption) and the classes that size the table.
#[derive(PartialEq)]
struct RegionTableLayout {
    path_prefix: String,
    /// `figure-columns-<n>` (the table's least width grows with its figure columns) and,
    /// for call counts of eight digits or more, `calls-long` or `calls-longest`.
    width_classes: Vec<String>,
}

/// Call counts from this many digits widen the Calls column (`calls-long`), and from the
/// second this many (`calls-longest`), so a count is never cut.
const CALLS_LONG_DIGITS: usize = 8;
const CALLS_LONGEST_DIGITS: usize = 12;

impl RegionTableLayout {
    fn of(report: &CoverageReport) -> RegionTableLayout {
        let figure_columns = region_columns(report)
            .iter()
            .filter(|column| matches!(column, RegionColumn::Figure(_)))
            .count();
        let most_calls = report
            .files
            .iter()
            .flat_map(|file| &file.regions)
            .filter_map(|region| region.hits)
            .max()
            .unwrap_or(0);
        let calls_digits = most_calls.to_string().len();
        let mut width_classes = vec![format!("figure-columns-{figure_columns}")];
        if calls_digits >= CALLS_LONGEST_DIGITS {
            width_classes.push("calls-longest".to_string());
        } else if calls_digits >= CALLS_LONG_DIGITS {
            width_classes.push("calls-long".to_string());
        }
        RegionTableLayout {
            path_prefix: shared_absolute_prefix(report),
            width_classes,
        }
    }
}

/// "175 functions and classes, in /home/dev/semver".
fn caption_text(row_count: usize, path_prefix: &str) -> String {
    let rows = counted(row_count, nouns::FUNCTION_OR_CLASS);
    if path_prefix.is_empty() {
        rows
    } else {
        format!("{rows}, in {path_prefix}")
    }
}

/// A column's heading, and for a figure the coverage table's own description of it.
fn describe(column: RegionColumn) -> RegionColumnDescription {
    let (heading, figure) = match column {
        RegionColumn::Name => ("Name", None),
        RegionColumn::File => ("File", None),
        RegionColumn::Line => ("Line", None),
        RegionColumn::Kind => ("Kind", None),
        RegionColumn::Hits => ("Calls", None),
        RegionColumn::Figure(table_column) => (
            table_column.heading(),
            Some(ColumnDescription {
                column: table_column,
                key: table_column.key(),
                heading: table_column.heading(),
                group: None,
                shape: CellShape::Value,
            }),
        ),
    };
    RegionColumnDescription {
        column,
        heading,
        figure,
    }
}
