//! `use_row_window`: the virtual-scroll engine every long list shares. The list renders
//! only the rows in view plus an overscan, between two spacers that stand for the others;
//! the hook measures the scroll area, follows scrolling and window resizes, brings the
//! active row into view and keeps the keyboard focus on it while rows come and go.
//!
//! Which rows show is arithmetic in the pure core (`core::analysis::table_window`); this
//! hook only measures and scrolls.
use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::browser::focus::{
    focus_and_reveal_inside, focus_inside_without_scrolling, focus_is_free_or_on,
    focus_without_scrolling, move_focus_from_inside_to,
};
use crate::app::browser::scroll_area::{
    event_is_on, listen_for_window_resize, measure_scroll_area, row_attribute_of_event,
    scroll_area_to, ScrollAreaSize,
};
use crate::app::browser::tasks::on_next_animation_frame;
use crate::core::analysis::table_window::{
    scroll_offset_revealing_row, visible_row_window, RowWindow, WindowSettings,
};

/// The height assumed for the rows' part of the scroll area until it can be measured (and
/// when rendering on a server): about a screen.
const ASSUMED_ROWS_VIEWPORT_PX: f64 = 900.0;

/// How a virtual list is laid out, and how its rows are found in the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowWindowSetup {
    pub settings: WindowSettings,
    /// Matches every row of the list.
    pub row_selector: &'static str,
    /// Matches the active row.
    pub active_row_selector: &'static str,
    /// The attribute of a row that names it (its key).
    pub row_key_attribute: &'static str,
}

/// The active row of a list: its key (a new key brings the row into view) and its
/// position among the rows, when it is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ActiveRow {
    pub key: String,
    pub position: Option<usize>,
}

/// The rows to render now, and the references the list's markup must carry.
pub struct RowWindowHandle {
    pub window: RowWindow,
    /// On the element that scrolls.
    pub area: NodeRef,
    /// On the sticky header and footer inside it, whose height is not the rows'.
    pub header: NodeRef,
    pub footer: NodeRef,
    /// On the element that scrolls.
    pub onscroll: Callback<Event>,
    setup: RowWindowSetup,
}

impl RowWindowHandle {
    /// The key of the row a click or key press happened in.
    pub fn row_key_of(&self, event: &Event) -> Option<String> {
        row_attribute_of_event(event, self.setup.row_selector, self.setup.row_key_attribute)
    }

    /// Whether an event happened inside an element matching `selector` (a control of a
    /// row, say), as opposed to elsewhere in the row.
    pub fn event_is_inside(&self, event: &Event, selector: &str) -> bool {
        row_attribute_of_event(event, selector, "data-testid").is_some()
    }

    /// Whether an event happened on the scroll area itself, where the focus waits while
    /// the row it was on is out of the window (not in a row, a heading or the totals).
    pub fn event_is_on_area(&self, event: &Event) -> bool {
        event_is_on(event, &self.area)
    }
}

/// The window of a list of `row_count` rows with `active` as its active row.
///
/// Nothing here reads the page's layout inside an input: the area's size is measured at
/// the next frame (and on scrolling and resizing), a newly active row moves the window in
/// the same render from the size last measured, and the area is scrolled to it at the
/// next frame, where the browser lays the page out anyway. Reading the size right after a
/// render instead forced a layout of the new rows inside every `n` and every click on a
/// tree row (about 7 ms of each, BENCHMARKS.md "Code views").
#[hook]
pub fn use_row_window(
    setup: RowWindowSetup,
    row_count: usize,
    active: Option<ActiveRow>,
) -> RowWindowHandle {
    let area = use_node_ref();
    let header = use_node_ref();
    let footer = use_node_ref();
    let size = use_mut_ref(|| ScrollAreaSize {
        scroll_offset_px: 0.0,
        rows_viewport_px: ASSUMED_ROWS_VIEWPORT_PX,
    });
    let rendered_window = use_mut_ref(|| None::<RowWindow>);
    let revealed_key = use_mut_ref(|| None::<String>);
    let reveal_wanted = use_mut_ref(|| None::<usize>);
    let focus_follows_active_row = use_mut_ref(|| false);
    let force_update = use_force_update();
    let settings = setup.settings;

    // Re-measures the area; renders again only when that changes which rows show.
    let remeasure = {
        let (area, header, footer) = (area.clone(), header.clone(), footer.clone());
        let (size, rendered_window) = (size.clone(), rendered_window.clone());
        let force_update = force_update.clone();
        Rc::new(move || {
            if let Some(measured) = measure_scroll_area(&area, &header, &footer) {
                *size.borrow_mut() = measured;
            }
            rerender_if_window_moved(&size, &rendered_window, row_count, settings, &force_update);
        })
    };
    {
        let remeasure = remeasure.clone();
        use_effect_with(row_count, move |_| {
            // Measured at the next frame, not here: reading the area's size right after a
            // filter keystroke changed the rows would force a layout inside the keystroke.
            let measure_soon = remeasure.clone();
            on_next_animation_frame(move || measure_soon());
            let listener = listen_for_window_resize(move || remeasure());
            move || drop(listener)
        });
    }

    // A newly active row: this render's window is cut around it from the size last
    // measured, and at the next frame the area is measured and scrolled to show it whole
    // (the size last measured may be the assumed one of a list just mounted).
    let active_key = active.as_ref().map(|active| active.key.clone());
    if *revealed_key.borrow() != active_key {
        *revealed_key.borrow_mut() = active_key.clone();
        if let Some(position) = active.as_ref().and_then(|active| active.position) {
            let known = *size.borrow();
            size.borrow_mut().scroll_offset_px = scroll_offset_revealing_row(
                position,
                known.scroll_offset_px,
                known.rows_viewport_px,
                settings.row_height_px,
            );
            *reveal_wanted.borrow_mut() = Some(position);
        }
    }
    {
        let (area, header, footer) = (area.clone(), header.clone(), footer.clone());
        let (size, rendered_window) = (size.clone(), rendered_window.clone());
        let (reveal_wanted, focus_follows_active_row) =
            (reveal_wanted.clone(), focus_follows_active_row.clone());
        let force_update = force_update.clone();
        use_effect_with(active_key, move |active_key| {
            if active_key.is_none() {
                return;
            }
            // Where the focus is takes no layout to read.
            *focus_follows_active_row.borrow_mut() = focus_is_free_or_on(&area, setup.row_selector);
            let Some(position) = reveal_wanted.borrow_mut().take() else {
                return;
            };
            on_next_animation_frame(move || {
                let Some(measured) = measure_scroll_area(&area, &header, &footer) else {
                    return;
                };
                let target = scroll_offset_revealing_row(
                    position,
                    measured.scroll_offset_px,
                    measured.rows_viewport_px,
                    settings.row_height_px,
                );
                if target != measured.scroll_offset_px {
                    scroll_area_to(&area, target);
                }
                // The browser may have stopped short of the offset (the end of the list).
                if let Some(reached) = measure_scroll_area(&area, &header, &footer) {
                    *size.borrow_mut() = reached;
                }
                rerender_if_window_moved(
                    &size,
                    &rendered_window,
                    row_count,
                    settings,
                    &force_update,
                );
            });
        });
    }
    {
        // Rows come and go as the list scrolls, and a focused row that leaves the page
        // takes the focus with it (to the page, or kept by its element, reused for another
        // item): after each render the focus goes back to the active row, until the person
        // puts it somewhere else. While the active row is out of the window the focus
        // waits on the scroll area (when it has `tabindex="-1"`), never on a row that now
        // shows another item, and the list's keys still reach the list. It moves at once
        // without scrolling (the row that was active stops being focusable in this render,
        // and a key pressed before the next frame went to the page and was lost); at the
        // next frame, after the area has scrolled to the row, the row is brought whole into
        // view, which lays the page out as the frame does then anyway.
        let (area, focus_follows_active_row) = (area.clone(), focus_follows_active_row.clone());
        use_effect(move || {
            if *focus_follows_active_row.borrow() {
                if focus_is_free_or_on(&area, setup.row_selector)
                    && !focus_inside_without_scrolling(&area, setup.active_row_selector)
                {
                    focus_without_scrolling(&area);
                }
                on_next_animation_frame(move || {
                    if focus_is_free_or_on(&area, setup.row_selector) {
                        focus_and_reveal_inside(&area, setup.active_row_selector);
                    } else {
                        *focus_follows_active_row.borrow_mut() = false;
                    }
                });
            }
        });
    }

    let window = {
        let size = *size.borrow();
        visible_row_window(
            row_count,
            size.scroll_offset_px,
            size.rows_viewport_px,
            settings,
        )
    };
    *rendered_window.borrow_mut() = Some(window);
    RowWindowHandle {
        window,
        area,
        header,
        footer,
        onscroll: Callback::from(move |_: Event| remeasure()),
        setup,
    }
}

/// For a row of a list whose elements are reused for other items (rows keyed by slot,
/// `core::analysis::table_window::row_slot_key`): when the row's element comes to show
/// another item (`item` changes) while it holds the focus, the focus moves to the list's
/// scroll `area` (which carries `tabindex="-1"`), so it never stays on a row, or a control
/// in it, that now names another file. From there the arrow keys go on from the active
/// row, and the focus returns to the active row once it is rendered again
/// ([`use_row_window`] counts focus on the area as free).
#[hook]
pub fn use_focus_leaves_reused_row<Item: PartialEq + 'static>(
    row: NodeRef,
    area: NodeRef,
    item: Item,
) {
    use_effect_with(item, move |_| move_focus_from_inside_to(&row, &area));
}

/// Renders again when the rows that should show are no longer the ones rendered.
fn rerender_if_window_moved(
    size: &RefCell<ScrollAreaSize>,
    rendered_window: &RefCell<Option<RowWindow>>,
    row_count: usize,
    settings: WindowSettings,
    force_update: &UseForceUpdateHandle,
) {
    let size = *size.borrow();
    let wanted = visible_row_window(
        row_count,
        size.scroll_offset_px,
        size.rows_viewport_px,
        settings,
    );
    if *rendered_window.borrow() != Some(wanted) {
        force_update.force_update();
    }
}
