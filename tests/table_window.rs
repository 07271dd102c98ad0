//! The table's window arithmetic: which rows render for a scroll offset, the scroll
//! offset that brings a row into view, edges included, and the slot each rendered row is
//! keyed by.
use covscope::core::analysis::table_window::{
    row_slot_key, scroll_offset_revealing_row, visible_row_window, RowWindow, WindowSettings,
    ROW_SLOT_COUNT,
};

/// 30-pixel rows, 5 rows of overscan, tables of up to 10 rows rendered whole.
const SETTINGS: WindowSettings = WindowSettings {
    row_height_px: 30,
    overscan_rows: 5,
    render_all_up_to: 10,
};

/// (rows, scroll offset, viewport height) → (start, end, space before, space after).
type WindowCase = ((usize, f64, f64), (usize, usize, u64, u64));

fn check_window(cases: &[WindowCase]) {
    for &((row_count, offset, viewport), (start, end, before, after)) in cases {
        assert_eq!(
            visible_row_window(row_count, offset, viewport, SETTINGS),
            RowWindow {
                start,
                end,
                space_before_px: before,
                space_after_px: after,
            },
            "{row_count} rows, offset {offset}, viewport {viewport}"
        );
    }
}

/// (row, scroll offset, viewport height) → the offset that shows the row whole.
fn check_reveal(cases: &[((usize, f64, f64), f64)]) {
    for &((row, offset, viewport), expected) in cases {
        assert_eq!(
            scroll_offset_revealing_row(row, offset, viewport, 30),
            expected,
            "row {row}, offset {offset}, viewport {viewport}"
        );
    }
}

#[test]
fn small_tables_render_whole() {
    check_window(&[
        // Empty: nothing, no space.
        ((0, 0.0, 300.0), (0, 0, 0, 0)),
        ((0, 500.0, 300.0), (0, 0, 0, 0)),
        // One row, and the largest table rendered whole, wherever the scroll is.
        ((1, 0.0, 300.0), (0, 1, 0, 0)),
        ((10, 120.0, 60.0), (0, 10, 0, 0)),
    ]);
}

#[test]
fn the_window_is_the_rows_in_view_plus_the_overscan() {
    check_window(&[
        // The first table too big to render whole: 10 rows in 300 pixels, 5 below.
        ((11, 0.0, 300.0), (0, 11, 0, 0)),
        ((100, 0.0, 300.0), (0, 15, 0, 2550)),
        // Scrolled to row 40 exactly: rows 40-49 show, 35-54 render.
        ((100, 1200.0, 300.0), (35, 55, 1050, 1350)),
        // Between rows: row 40 is partly hidden at the top, row 50 partly shows below.
        ((100, 1215.0, 300.0), (35, 56, 1050, 1320)),
        // Near the top the overscan above is cut at row 0.
        ((100, 60.0, 300.0), (0, 17, 0, 2490)),
    ]);
}

#[test]
fn the_last_row_is_reachable_and_offsets_past_the_end_are_clamped() {
    check_window(&[
        // The last possible offset: 100 rows × 30 − 300 = 2700; rows 90-99 show.
        ((100, 2700.0, 300.0), (85, 100, 2550, 0)),
        // Past the end (the rows just shrank): read as the last possible offset.
        ((100, 9000.0, 300.0), (85, 100, 2550, 0)),
        ((20, 2700.0, 300.0), (5, 20, 150, 0)),
    ]);
}

#[test]
fn odd_measurements_give_a_sane_window() {
    check_window(&[
        // Overscrolled above the top (elastic scrolling), or not measured yet.
        ((100, -40.0, 300.0), (0, 15, 0, 2550)),
        ((100, f64::NAN, 300.0), (0, 15, 0, 2550)),
        // A zero or negative viewport: only the overscan around the offset.
        ((100, 1200.0, 0.0), (35, 45, 1050, 1650)),
        ((100, 0.0, -5.0), (0, 5, 0, 2850)),
        // An infinite viewport counts as none.
        ((100, 0.0, f64::INFINITY), (0, 5, 0, 2850)),
    ]);
}

#[test]
fn huge_tables_keep_exact_spaces() {
    check_window(&[
        // 50,000 rows at the bottom: 1,500,000 − 900 = 1,499,100.
        ((50_000, 1_499_100.0, 900.0), (49_965, 50_000, 1_498_950, 0)),
        // A billion rows, scrolled to row 500,000,000.
        (
            (1_000_000_000, 15_000_000_000.0, 900.0),
            (499_999_995, 500_000_035, 14_999_999_850, 14_999_998_950),
        ),
    ]);
}

#[test]
fn revealing_a_row_moves_the_least() {
    check_reveal(&[
        // Already in view (rows 40-49 of a 300-pixel view at 1200): no move.
        ((40, 1200.0, 300.0), 1200.0),
        ((49, 1200.0, 300.0), 1200.0),
        // Above: the row goes to the top. Below: to the bottom.
        ((39, 1200.0, 300.0), 1170.0),
        ((0, 1200.0, 300.0), 0.0),
        ((50, 1200.0, 300.0), 1230.0),
        ((49_999, 0.0, 300.0), 1_499_700.0),
        // Partly hidden at the top or the bottom counts as hidden.
        ((40, 1215.0, 300.0), 1200.0),
        ((50, 1215.0, 300.0), 1230.0),
        // A view shorter than a row: the row's top.
        ((7, 0.0, 10.0), 210.0),
        // Odd offsets read as zero.
        ((3, f64::NAN, 300.0), 0.0),
        ((12, -50.0, 300.0), 90.0),
    ]);
}

/// (row count, scroll offset, viewport height) for windows in a row: each is scrolled
/// from the one before, or shows a new set of rows (a filter).
const SCROLLED_WINDOWS: [(usize, f64, f64); 6] = [
    (200_000, 0.0, 900.0),
    (200_000, 45.0, 900.0),
    (200_000, 3_000.0, 900.0),
    (200_000, 3_020.0, 900.0),
    (8_000, 0.0, 900.0),
    (8_000, 29_990.0, 900.0),
];

#[test]
fn rows_keep_their_slot_while_they_stay_in_the_window() {
    let settings = WindowSettings {
        row_height_px: 30,
        overscan_rows: 6,
        render_all_up_to: 100,
    };
    let mut previous: Option<(RowWindow, Vec<usize>)> = None;
    for &(row_count, offset, viewport) in &SCROLLED_WINDOWS {
        let window = visible_row_window(row_count, offset, viewport, settings);
        let keys: Vec<usize> = (window.start..window.end)
            .map(|position| row_slot_key(position, window))
            .collect();
        // Unique within the window, so the list's keys are valid.
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), keys.len(), "window {window:?}");
        // A position in both windows keeps its key, so its row is not made again.
        if let Some((before, before_keys)) = &previous {
            for position in window.start.max(before.start)..window.end.min(before.end) {
                assert_eq!(
                    keys[position - window.start],
                    before_keys[position - before.start],
                    "position {position}"
                );
            }
        }
        previous = Some((window, keys));
    }
    // The slots cycle: position 1,024 takes the slot position 0 had.
    let window = RowWindow {
        start: 1_000,
        end: 1_040,
        space_before_px: 0,
        space_after_px: 0,
    };
    assert_eq!(row_slot_key(1_024, window), 0);
    assert_eq!(row_slot_key(1_023, window), ROW_SLOT_COUNT - 1);
    // A window longer than the slots keys its rows by position.
    let tall = RowWindow {
        start: 0,
        end: ROW_SLOT_COUNT + 1,
        space_before_px: 0,
        space_after_px: 0,
    };
    assert_eq!(row_slot_key(ROW_SLOT_COUNT, tall), ROW_SLOT_COUNT);
}
