//! The per-file coverage table of one report: a scroll area that renders only the rows in
//! view, with sortable sticky headers and a sticky totals row.
use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::file_row::count_of;
use super::{CoverageBar, FileRow, SortableHeader};
use crate::app::browser::{self, ScrollAreaSize};
use crate::app::state::SharedReport;
use crate::core::analysis::table::{
    directed_file_order, select_shown_rows, sort_column_ascending, sort_file_order,
    step_active_row, ShownRows, TableColumn, TableRowIndex, TableView,
};
use crate::core::analysis::table_window::{
    scroll_offset_revealing_row, visible_row_window, RowWindow, WindowSettings,
};

/// The table's window: 30-pixel rows (the stylesheet's `tr.file-row` height), six rows
/// beyond each edge of the view, and tables of up to 100 rows rendered whole.
///
/// Six rows (180 px) is more than a wheel notch or a frame of fast scrolling moves, so no
/// blank shows; a dozen made every filter keystroke build twice as many rows as are seen
/// in a 900-pixel window.
pub const TABLE_WINDOW: WindowSettings = WindowSettings {
    row_height_px: 30,
    overscan_rows: 6,
    render_all_up_to: 100,
};

/// The height assumed for the rows' part of the scroll area until it can be measured (and
/// when rendering on a server): about a screen.
const ASSUMED_ROWS_VIEWPORT_PX: f64 = 900.0;

const FILE_ROW_SELECTOR: &str = "[data-testid=\"file-row\"]";
const ACTIVE_FILE_ROW_SELECTOR: &str = "[data-testid=\"file-row\"][aria-selected=\"true\"]";

/// The derived table of one report and view: the index built once per report and the
/// rows the view shows. Equality is identity, so comparing props costs nothing.
#[derive(Clone, Debug)]
pub struct TableData {
    pub index: Rc<TableRowIndex>,
    pub shown: Rc<ShownRows>,
}

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
}

impl PartialEq for TableData {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index) && Rc::ptr_eq(&self.shown, &other.shown)
    }
}

impl TableData {
    /// Everything at once, without the memos of `use_table_data` (for tests and servers).
    pub fn build(report: &SharedReport, view: &TableView) -> TableData {
        let index = TableRowIndex::build(&report.0);
        let order = sort_file_order(&report.0, &index, view.sort);
        let shown = select_shown_rows(&report.0, &index, &order, view);
        TableData {
            index: Rc::new(index),
            shown: Rc::new(shown),
        }
    }

    /// The shown row `step` rows from the active one (the first when none is active).
    pub fn neighbour_path(
        &self,
        report: &SharedReport,
        active_path: Option<&str>,
        step: isize,
    ) -> Option<String> {
        let active = active_path.and_then(|path| self.index.file_index_of_path(&report.0, path));
        let target = step_active_row(&self.shown.file_indices, active, step)?;
        Some(report.0.files[target as usize].path.clone())
    }

    /// The position of a file among the shown rows.
    pub fn position_of_path(&self, report: &SharedReport, path: &str) -> Option<usize> {
        let file_index = self.index.file_index_of_path(&report.0, path)?;
        self.shown
            .file_indices
            .iter()
            .position(|&shown| shown == file_index)
    }
}

/// The table of the selected report, memoised in steps so each input redoes only its
/// part: the index once per report, a column's ascending order once per report and
/// column, the order in one direction once per sort, and the filtered rows with their
/// totals once per view.
#[hook]
pub fn use_table_data(report: Option<SharedReport>, view: TableView) -> Option<TableData> {
    let index = use_memo(report.clone(), |report| {
        report
            .as_ref()
            .map(|report| Rc::new(TableRowIndex::build(&report.0)))
    });
    // The column's ascending order is sorted once; flipping the direction reuses it.
    let column_order = {
        let index = index.clone();
        use_memo(
            (report.clone(), view.sort.column),
            move |(report, column)| {
                let (Some(report), Some(index)) = (report, &*index) else {
                    return None;
                };
                Some(sort_column_ascending(&report.0, index, *column))
            },
        )
    };
    let order = use_memo((report.clone(), view.sort), move |(_, sort)| {
        Rc::new(
            column_order
                .as_ref()
                .as_ref()
                .map(|ascending| directed_file_order(ascending, sort.descending))
                .unwrap_or_default(),
        )
    });
    let shown = {
        let index = index.clone();
        // The order follows the report and the sort, which the view and report cover.
        use_memo((report, view), move |(report, view)| {
            let (Some(report), Some(index)) = (report, &*index) else {
                return None;
            };
            Some(Rc::new(select_shown_rows(&report.0, index, &order, view)))
        })
    };
    match (&*index, &*shown) {
        (Some(index), Some(shown)) => Some(TableData {
            index: index.clone(),
            shown: shown.clone(),
        }),
        _ => None,
    }
}

/// Draws the header, the rows in view between two spacers that stand for the others,
/// and the totals; the rows themselves come from the pure core.
#[function_component]
pub fn CoverageTable(props: &CoverageTableProps) -> Html {
    let area = use_node_ref();
    let header = use_node_ref();
    let footer = use_node_ref();
    let size = use_mut_ref(|| ScrollAreaSize {
        scroll_offset_px: 0.0,
        rows_viewport_px: ASSUMED_ROWS_VIEWPORT_PX,
    });
    let rendered_window = use_mut_ref(|| None::<RowWindow>);
    let focus_follows_active_row = use_mut_ref(|| false);
    let force_update = use_force_update();
    let shown = &props.table.shown;
    let row_count = shown.file_indices.len();

    // Re-measures the area; renders again only when that changes which rows show.
    let remeasure = {
        let (area, header, footer) = (area.clone(), header.clone(), footer.clone());
        let (size, rendered_window) = (size.clone(), rendered_window.clone());
        let force_update = force_update.clone();
        Rc::new(move || {
            if let Some(measured) = browser::measure_scroll_area(&area, &header, &footer) {
                *size.borrow_mut() = measured;
            }
            rerender_if_window_moved(&size, &rendered_window, row_count, &force_update);
        })
    };
    {
        let remeasure = remeasure.clone();
        use_effect_with(row_count, move |_| {
            // Measured at the next frame, not here: reading the area's size right after a
            // filter keystroke changed the rows would force a layout inside the keystroke.
            let measure_soon = remeasure.clone();
            browser::on_next_animation_frame(move || measure_soon());
            let listener = browser::listen_for_window_resize(move || remeasure());
            move || drop(listener)
        });
    }
    {
        // Brings a newly active row into view, then focuses it once it is rendered (unless
        // the person is busy elsewhere, such as typing in the filter box).
        let active_position = props
            .active_path
            .as_deref()
            .and_then(|path| props.table.position_of_path(&props.report, path));
        let (area, header, footer) = (area.clone(), header.clone(), footer.clone());
        let (size, rendered_window) = (size.clone(), rendered_window.clone());
        let focus_follows_active_row = focus_follows_active_row.clone();
        let force_update = force_update.clone();
        use_effect_with(props.active_path.clone(), move |_| {
            let Some(position) = active_position else {
                return;
            };
            let Some(measured) = browser::measure_scroll_area(&area, &header, &footer) else {
                return;
            };
            let target = scroll_offset_revealing_row(
                position,
                measured.scroll_offset_px,
                measured.rows_viewport_px,
                TABLE_WINDOW.row_height_px,
            );
            let reached = browser::scroll_area_to(&area, target).unwrap_or(target);
            *size.borrow_mut() = ScrollAreaSize {
                scroll_offset_px: reached,
                ..measured
            };
            *focus_follows_active_row.borrow_mut() =
                browser::focus_is_free_or_on(&area, FILE_ROW_SELECTOR);
            rerender_if_window_moved(&size, &rendered_window, row_count, &force_update);
        });
    }
    {
        // Rows come and go as the table scrolls, and a focused row that leaves the page
        // takes the focus with it: after each render the focus goes back to the active
        // row, until the person puts it somewhere else.
        let (area, focus_follows_active_row) = (area.clone(), focus_follows_active_row.clone());
        use_effect(move || {
            if *focus_follows_active_row.borrow() {
                if browser::focus_is_free_or_on(&area, FILE_ROW_SELECTOR) {
                    browser::focus_inside(&area, ACTIVE_FILE_ROW_SELECTOR);
                } else {
                    *focus_follows_active_row.borrow_mut() = false;
                }
            }
        });
    }

    let window = {
        let size = *size.borrow();
        visible_row_window(
            row_count,
            size.scroll_offset_px,
            size.rows_viewport_px,
            TABLE_WINDOW,
        )
    };
    *rendered_window.borrow_mut() = Some(window);

    let onscroll = {
        let remeasure = remeasure.clone();
        Callback::from(move |_: Event| remeasure())
    };
    let onclick = {
        let on_activate = props.on_activate.clone();
        Callback::from(move |event: MouseEvent| {
            if let Some(path) = browser::file_row_path_of_event(&event) {
                on_activate.emit(path);
            }
        })
    };
    let onkeydown = {
        let (on_activate, table, report) = (
            props.on_activate.clone(),
            props.table.clone(),
            props.report.clone(),
        );
        Callback::from(move |event: KeyboardEvent| {
            let step = match event.key().as_str() {
                "ArrowDown" => 1,
                "ArrowUp" => -1,
                _ => return,
            };
            let Some(path) = browser::file_row_path_of_event(&event) else {
                return;
            };
            // The arrows move between rows instead of scrolling the area by a line.
            event.prevent_default();
            if let Some(target) = table.neighbour_path(&report, Some(&path), step) {
                on_activate.emit(target);
            }
        })
    };

    let columns: Vec<TableColumn> = TableColumn::ALL
        .into_iter()
        .filter(|column| shown.has_branches || !column.is_branch_column())
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
    let active_path = props.active_path.as_deref();
    let rows = shown.file_indices[window.start..window.end]
        .iter()
        .enumerate()
        .map(|(offset, &file_index)| {
            let path = props.report.0.files[file_index as usize].path.as_str();
            html! {
                <FileRow key={file_index} report={props.report.clone()} {file_index}
                    position={window.start + offset} thresholds={props.view.thresholds}
                    has_branches={shown.has_branches} is_active={active_path == Some(path)} />
            }
        });
    let column_count = columns.len().to_string();
    // Header, rows, totals: what assistive technology announces as the table's size.
    let aria_row_count = (row_count + 2).to_string();
    html! {
        <div class="coverage-table-area">
            <p class="table-caption" id="coverage-table-caption">{ caption_text(shown) }</p>
            <div class="table-scroll" ref={area} {onscroll}>
                <table class="coverage-table" data-testid="coverage-table"
                    aria-describedby="coverage-table-caption" aria-rowcount={aria_row_count}>
                    <thead ref={header}><tr aria-rowindex="1">{ for headers }</tr></thead>
                    <tbody {onclick} {onkeydown}>
                        { spacer_row(window.space_before_px, &column_count) }
                        { for rows }
                        { spacer_row(window.space_after_px, &column_count) }
                        if row_count == 0 {
                            <tr class="empty-row"><td colspan={column_count.clone()}>
                                { "No files match the filter." }
                            </td></tr>
                        }
                    </tbody>
                    <tfoot ref={footer}>{ totals_row(shown, &columns) }</tfoot>
                </table>
            </div>
        </div>
    }
}

/// Renders again when the rows that should show are no longer the ones rendered.
fn rerender_if_window_moved(
    size: &RefCell<ScrollAreaSize>,
    rendered_window: &RefCell<Option<RowWindow>>,
    row_count: usize,
    force_update: &UseForceUpdateHandle,
) {
    let size = *size.borrow();
    let wanted = visible_row_window(
        row_count,
        size.scroll_offset_px,
        size.rows_viewport_px,
        TABLE_WINDOW,
    );
    if *rendered_window.borrow() != Some(wanted) {
        force_update.force_update();
    }
}

/// A row as tall as the rows it stands for. The height is an SVG attribute because the
/// page's Content-Security-Policy refuses inline styles.
fn spacer_row(height_px: u64, column_count: &str) -> Html {
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

fn caption_text(shown: &ShownRows) -> String {
    let shown_count = shown.file_indices.len();
    if shown_count == shown.total_file_count {
        format!("{} files", shown.total_file_count)
    } else {
        format!("{} of {} files shown", shown_count, shown.total_file_count)
    }
}

fn totals_row(shown: &ShownRows, columns: &[TableColumn]) -> Html {
    let totals = &shown.totals;
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
    let row_index = (shown.file_indices.len() + 2).to_string();
    html! {
        <tr data-testid="totals-row" class="totals-row" aria-rowindex={row_index}>{ for cells }</tr>
    }
}
