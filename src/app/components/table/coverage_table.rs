//! The per-file coverage table of one report: a scroll area that renders only the rows in
//! view, with sortable sticky headers and a sticky totals row.
use crate::core::text::{counted, nouns};
use std::rc::Rc;

use yew::prelude::*;

use super::columns::{row_cells, table_columns, ColumnDescription, RowFigures};
use super::{FileRow, SortableHeader};
use crate::app::derived::TableData;
use crate::app::effects::row_window::{use_row_window, ActiveRow, RowWindowSetup};
use crate::app::state::SharedReport;
use crate::core::analysis::table::{ShownRows, SortOrder, TableColumn, TableView, Thresholds};
use crate::core::analysis::table_window::{row_slot_key, RowWindow, WindowSettings};
use crate::core::analysis::tree::shared_absolute_prefix;
use crate::core::model::CoverageFigure;

/// The table's window: 30-pixel rows (the stylesheet's `tr.file-row` height), six rows
/// beyond each edge of the view, and tables of up to 100 rows rendered whole.
///
/// Six rows (180 px) is more than a wheel notch or a frame of fast scrolling moves, so no
/// blank shows; a dozen made every filter keystroke build twice as many rows as are seen
/// in a 900-pixel window.
const TABLE_ROWS: RowWindowSetup = RowWindowSetup {
    settings: WindowSettings {
        row_height_px: 30,
        overscan_rows: 6,
        render_all_up_to: 100,
    },
    row_selector: "[data-testid=\"file-row\"]",
    active_row_selector: "[data-testid=\"file-row\"][aria-selected=\"true\"]",
    row_key_attribute: "data-path",
};

/// A file row's control that opens the file's source.
const OPEN_SOURCE_SELECTOR: &str = "[data-testid=\"open-source\"]";

#[derive(Properties, PartialEq)]
pub struct CoverageTableProps {
    pub report: SharedReport,
    pub table: TableData,
    pub view: TableView,
    /// The active row: followed from a document link, moved with j and k, or clicked.
    #[prop_or_default]
    pub active_path: Option<String>,
    pub on_sort: Callback<TableColumn>,
    /// A row was clicked, or the arrow keys moved from the focused row to another.
    #[prop_or_default]
    pub on_activate: Callback<String>,
    /// A row's `open-source` control was clicked.
    #[prop_or_default]
    pub on_open_source: Callback<String>,
}

/// Draws the header, the rows in view between two spacers that stand for the others,
/// and the totals; the rows themselves come from the pure core.
#[function_component]
pub fn CoverageTable(props: &CoverageTableProps) -> Html {
    let shown = &props.table.shown;
    let row_count = shown.file_indices.len();
    let active = props.active_path.as_ref().map(|path| ActiveRow {
        key: path.clone(),
        position: props.table.position_of_path(&props.report, path),
    });
    let rows_window = use_row_window(TABLE_ROWS, row_count, active);
    let window = rows_window.window;
    let columns = use_memo(props.report.clone(), |report| table_columns(&report.0));
    let path_prefix: Rc<str> = (*use_memo(props.report.clone(), |report| {
        Rc::<str>::from(shared_absolute_prefix(&report.0))
    }))
    .clone();
    let rows_window = Rc::new(rows_window);

    let onclick = {
        let (on_activate, rows_window) = (props.on_activate.clone(), rows_window.clone());
        let on_open_source = props.on_open_source.clone();
        Callback::from(move |event: MouseEvent| {
            if let Some(path) = rows_window.row_key_of(&event) {
                if rows_window.event_is_inside(&event, OPEN_SOURCE_SELECTOR) {
                    on_open_source.emit(path);
                } else {
                    on_activate.emit(path);
                }
            }
        })
    };
    // The active row as the last arrow key or render left it: the key handler moves from
    // here, so keys pressed faster than the table renders each count once.
    let latest_active_path = use_mut_ref(|| None::<String>);
    *latest_active_path.borrow_mut() = props.active_path.clone();
    let onkeydown = {
        let (on_activate, rows_window) = (props.on_activate.clone(), rows_window.clone());
        let (table, report) = (props.table.clone(), props.report.clone());
        let latest_active_path = latest_active_path.clone();
        Callback::from(move |event: KeyboardEvent| {
            let step = match event.key().as_str() {
                "ArrowDown" => 1,
                "ArrowUp" => -1,
                _ => return,
            };
            // A row keeps the focus until the next frame moves it to the newly active row,
            // and the table may not have rendered the last move yet, so a key pressed in
            // between counts from the row the last key made active (one was lost before).
            // A control inside a row counts from its own row. The scroll area itself holds
            // the focus while the focused row is out of the window: it counts from the
            // active row too. Keys pressed in the headings or the totals are theirs.
            let latest = latest_active_path.borrow().clone();
            let from = match (rows_window.row_key_of(&event), latest) {
                (Some(focused_row_path), _)
                    if rows_window.event_is_inside(&event, OPEN_SOURCE_SELECTOR) =>
                {
                    focused_row_path
                }
                (Some(_), Some(active)) => active,
                (Some(focused_row_path), None) => focused_row_path,
                (None, Some(active)) if rows_window.event_is_on_area(&event) => active,
                (None, _) => return,
            };
            // The arrows move between rows instead of scrolling the area by a line.
            event.prevent_default();
            if let Some(target) = table.neighbour_path(&report, Some(&from), step) {
                *latest_active_path.borrow_mut() = Some(target.clone());
                on_activate.emit(target);
            }
        })
    };

    let header_rows = header_rows(&columns, Some(props.view.sort), "sort-", &props.on_sort);
    let active_path = props.active_path.as_deref();
    let rows = shown.file_indices[window.start..window.end]
        .iter()
        .enumerate()
        .map(|(offset, &file_index)| {
            let path = props.report.0.files[file_index as usize].path.as_str();
            // Keyed by slot: a new filter or order reuses the rows' elements.
            html! {
                <FileRow key={row_slot_key(window.start + offset, window)} report={props.report.clone()} {file_index}
                    position={window.start + offset} thresholds={props.view.thresholds}
                    columns={(*columns).clone()} path_prefix={path_prefix.clone()}
                    is_active={active_path == Some(path)} scroll_area={rows_window.area.clone()} />
            }
        });
    let column_count = columns.len().to_string();
    // Header, rows, totals: what assistive technology announces as the table's size.
    let aria_row_count = (row_count + 2).to_string();
    html! {
        <div class="coverage-table-area">
            <p class="table-caption" id="coverage-table-caption">{ caption_text(shown, &path_prefix) }</p>
            // The focus waits on the area (`tabindex="-1"`: not a Tab stop) while the row it
            // was on is out of the window; the arrow keys are heard here for that.
            <div class="table-scroll" tabindex="-1" ref={rows_window.area.clone()}
                onscroll={rows_window.onscroll.clone()} {onkeydown}>
                <table class="coverage-table" data-testid="coverage-table"
                    data-format={props.report.0.facts.format.key()}
                    aria-describedby="coverage-table-caption" aria-rowcount={aria_row_count}>
                    <thead ref={rows_window.header.clone()}>{ header_rows }</thead>
                    <tbody {onclick}>
                        { windowed_rows(window, &column_count, rows.collect(), row_count, "No files match the filter.") }
                    </tbody>
                    <tfoot ref={rows_window.footer.clone()}>
                        { totals_row(&props.report, shown, props.view.thresholds, &columns) }
                    </tfoot>
                </table>
            </div>
        </div>
    }
}

/// The header: one row of sortable headings, or, when a format's metrics each have
/// covered, total and percent columns, a row naming each metric over a row of its parts
/// (the other columns span both rows).
/// Shared by every table drawn with these columns (the coverage table, the folder tree):
/// `test_id_prefix` starts each heading's hook (`sort-`), `sort` is the order shown, if any.
pub fn header_rows(
    columns: &[ColumnDescription],
    sort: Option<SortOrder>,
    test_id_prefix: &str,
    on_sort: &Callback<TableColumn>,
) -> Html {
    let sortable = |column: &ColumnDescription, rows: u8| {
        let on_sort = on_sort.clone();
        let key = column.column;
        let mut class = classes!(format!("col-{}", column.key));
        if column.group.is_some() {
            class.push("metric-part");
        }
        html! {
            <SortableHeader test_id={format!("{test_id_prefix}{}", column.key)} heading={column.heading}
                sorted_descending={sort.filter(|sort| sort.column == key).map(|sort| sort.descending)}
                {class} row_span={rows}
                sort_label={column.group.map(|group| format!("{group} {}", column.heading))}
                on_sort={Callback::from(move |()| on_sort.emit(key))} />
        }
    };
    if columns.iter().all(|column| column.group.is_none()) {
        return html! {
            <tr aria-rowindex="1">{ for columns.iter().map(|column| sortable(column, 1)) }</tr>
        };
    }
    let mut first_row = Vec::new();
    let mut index = 0;
    while let Some(column) = columns.get(index) {
        match column.group {
            None => {
                first_row.push(sortable(column, 2));
                index += 1;
            }
            Some(group) => {
                let span = columns[index..]
                    .iter()
                    .take_while(|other| other.group == Some(group))
                    .count();
                first_row.push(html! {
                    <th scope="colgroup" colspan={span.to_string()} class="metric-group">{ group }</th>
                });
                index += span;
            }
        }
    }
    let second_row = columns
        .iter()
        .filter(|column| column.group.is_some())
        .map(|column| sortable(column, 1));
    html! {
        <>
            <tr aria-rowindex="1" class="header-groups">{ for first_row }</tr>
            <tr class="header-parts">{ for second_row }</tr>
        </>
    }
}

/// The body of a virtual list drawn as a table: the rows in view between two spacers
/// standing for the rows left out, or `empty_message` in a row of its own when no row is
/// left to show.
pub fn windowed_rows(
    window: RowWindow,
    column_count: &str,
    rows: Html,
    row_count: usize,
    empty_message: &'static str,
) -> Html {
    html! {
        <>
            { spacer_row(window.space_before_px, column_count) }
            { rows }
            { spacer_row(window.space_after_px, column_count) }
            if row_count == 0 {
                <tr class="empty-row"><td colspan={column_count.to_string()}>{ empty_message }</td></tr>
            }
        </>
    }
}

/// A row as tall as the rows it stands for, in any virtual list drawn as a table. The
/// height is an SVG attribute because the page's Content-Security-Policy refuses inline
/// styles.
pub fn spacer_row(height_px: u64, column_count: &str) -> Html {
    if height_px == 0 {
        return Html::default();
    }
    html! {
        <tr class="spacer-row" aria-hidden="true">
            <td colspan={column_count.to_string()}>
                <svg class="row-spacer" width="1" height={height_px.to_string()} focusable="false" />
            </td>
        </tr>
    }
}

fn caption_text(shown: &ShownRows, path_prefix: &str) -> String {
    let shown_count = shown.file_indices.len();
    let files = if shown_count == shown.total_file_count {
        counted(shown.total_file_count, nouns::FILE)
    } else {
        format!(
            "{shown_count} of {} shown",
            counted(shown.total_file_count, nouns::FILE)
        )
    };
    if path_prefix.is_empty() {
        files
    } else {
        format!("{files}, in {path_prefix}")
    }
}

fn totals_row(
    report: &SharedReport,
    shown: &ShownRows,
    thresholds: Thresholds,
    columns: &[ColumnDescription],
) -> Html {
    let totals = &shown.totals;
    let figure = CoverageFigure {
        percent: totals.percent,
        display: totals.coverage_display.clone(),
    };
    let figures = RowFigures {
        name: if totals.is_subset {
            "Total of files shown"
        } else {
            "Total"
        },
        name_title: None,
        facts: &report.0.facts,
        counts: &totals.counts,
        figure: &figure,
        stated: &totals.stated_figures,
        thresholds,
        percent_note: None,
        line_list: None,
        opens_source: false,
    };
    let row_index = (shown.file_indices.len() + 2).to_string();
    html! {
        <tr data-testid="totals-row" class="totals-row" aria-rowindex={row_index}>
            { row_cells(columns, &figures) }
        </tr>
    }
}
