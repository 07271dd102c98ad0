//! Which rows of a long table to render: the rows in view plus an overscan, the space the
//! others stand for, and the scroll offset that brings a row into view.
//!
//! Every row has the same height, so all of this is arithmetic on the scroll offset and
//! the viewport height (CSS pixels, measured from the top of the first row).

/// How a table's window is sized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowSettings {
    /// The fixed height of one row; the stylesheet gives rows exactly this height.
    pub row_height_px: u32,
    /// Rows rendered beyond each edge of the view, so a quick scroll shows rows, not gaps.
    pub overscan_rows: usize,
    /// Tables with at most this many rows are rendered whole: cheap, and the browser's
    /// find-in-page then sees every row.
    pub render_all_up_to: usize,
}

/// The rows to render, `start..end`, and the height of the rows left out above and below.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowWindow {
    pub start: usize,
    pub end: usize,
    pub space_before_px: u64,
    pub space_after_px: u64,
}

/// The window for a scroll offset and viewport height.
///
/// An offset past the end (the rows just shrank, and the browser has not clamped its
/// scroll position yet) is read as the last possible one; a negative or non-finite
/// offset or height as zero.
pub fn visible_row_window(
    row_count: usize,
    scroll_offset_px: f64,
    viewport_height_px: f64,
    settings: WindowSettings,
) -> RowWindow {
    let row_height = f64::from(settings.row_height_px.max(1));
    if row_count <= settings.render_all_up_to {
        return window_of(0, row_count, row_count, row_height);
    }
    let viewport = non_negative(viewport_height_px);
    let content_height = row_count as f64 * row_height;
    let offset = non_negative(scroll_offset_px).min((content_height - viewport).max(0.0));
    // `as usize` saturates, so even absurd offsets give a row number, clamped next.
    let first_visible = ((offset / row_height).floor() as usize).min(row_count);
    let end_visible = (((offset + viewport) / row_height).ceil() as usize).min(row_count);
    let start = first_visible.saturating_sub(settings.overscan_rows);
    let end = end_visible
        .max(first_visible)
        .saturating_add(settings.overscan_rows)
        .min(row_count);
    window_of(start, end, row_count, row_height)
}

/// The scroll offset that shows row `row` whole: unchanged when it already shows, else
/// the smallest move (the row at the top when it is above, at the bottom when below).
pub fn scroll_offset_revealing_row(
    row: usize,
    scroll_offset_px: f64,
    viewport_height_px: f64,
    row_height_px: u32,
) -> f64 {
    let row_height = f64::from(row_height_px.max(1));
    let offset = non_negative(scroll_offset_px);
    let viewport = non_negative(viewport_height_px);
    let top = row as f64 * row_height;
    let bottom = top + row_height;
    if top < offset || viewport < row_height {
        top
    } else if bottom > offset + viewport {
        bottom - viewport
    } else {
        offset
    }
}

/// How many row slots a window cycles through: a window of up to this many rows gives
/// each of its rows a slot of its own (a 900-pixel view shows about 40).
pub const ROW_SLOT_COUNT: usize = 1024;

/// The key a rendered row carries: its slot, the position modulo [`ROW_SLOT_COUNT`], not
/// the file it shows.
///
/// A filter keystroke or a sort changes which file every position shows; keyed by file,
/// each of those meant destroying every row's elements and creating new ones, while keyed
/// by slot the same elements stay and only their texts and attributes change. Scrolling
/// keeps working as before: a row that stays in the window keeps its position, so its
/// slot, and a row scrolled out hands its slot to the row scrolled in. Slots are unique
/// within any window of at most [`ROW_SLOT_COUNT`] rows; a longer window (only a
/// viewport over 30,000 pixels tall) keys its rows by position.
pub fn row_slot_key(position: usize, window: RowWindow) -> usize {
    if window.end.saturating_sub(window.start) <= ROW_SLOT_COUNT {
        position % ROW_SLOT_COUNT
    } else {
        position
    }
}

fn window_of(start: usize, end: usize, row_count: usize, row_height: f64) -> RowWindow {
    RowWindow {
        start,
        end,
        space_before_px: (start as f64 * row_height) as u64,
        space_after_px: ((row_count - end) as f64 * row_height) as u64,
    }
}

fn non_negative(pixels: f64) -> f64 {
    if pixels.is_finite() {
        pixels.max(0.0)
    } else {
        0.0
    }
}
