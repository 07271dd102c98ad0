//! The source's minimap of misses: each kind's ticks merged into the stretches drawn, and
//! a click's height read back as the missed or partly run line whose tick is there.
use covscope::core::analysis::miss_minimap::{gap_at, runs_path, tick_runs};
use covscope::core::analysis::source_lines::LineStatus;

use LineStatus::{Miss, Partial};

/// Missed lines 1, 2, 3 and 50, partly run lines 10 and 11, of a 100-line file: a line is
/// 10 units tall, so lines 1 to 3 make one stretch and the partly run lines another.
const GAPS: [(u64, LineStatus); 6] = [
    (1, Miss),
    (2, Miss),
    (3, Miss),
    (10, Partial),
    (11, Partial),
    (50, Miss),
];

/// One case: the ticks of `status` drawn for `gaps` of a file of `line_count` lines.
fn check(gaps: &[(u64, LineStatus)], line_count: u64, status: LineStatus, expected_path: &str) {
    let runs = tick_runs(gaps, line_count, status);
    assert_eq!(
        runs_path(&runs, 12),
        expected_path,
        "{status:?} of {line_count} lines"
    );
}

#[test]
fn ticks_of_one_kind_merge_where_they_touch() {
    check(&GAPS, 100, Miss, "M0 0.0H12V30.0H0ZM0 490.0H12V500.0H0Z");
    check(&GAPS, 100, Partial, "M0 90.0H12V110.0H0Z");
    // In a 10,000-line file a line is a tenth of a unit and a tick 3 units tall: the ticks
    // of lines 1 to 3 make one stretch from 0 to 3.2, those of lines 10 and 11 another.
    check(&GAPS, 10_000, Miss, "M0 0.0H12V3.2H0ZM0 4.9H12V7.9H0Z");
    check(&GAPS, 10_000, Partial, "M0 0.9H12V4.0H0Z");
    check(&[], 10_000, Miss, "");
}

#[test]
fn a_height_is_the_line_whose_tick_is_there() {
    let cases: [(u64, f64, Option<u64>); 7] = [
        (100, 5.0, Some(1)),
        (100, 25.0, Some(3)),
        (100, 95.0, Some(10)),
        (100, 495.0, Some(50)),
        // Between ticks nothing is chosen.
        (100, 300.0, None),
        // Where 3-unit ticks overlap, the line whose tick's middle is closest, whichever
        // its kind: line 1's middle is at 1.5, line 10's at 2.4.
        (10_000, 1.5, Some(1)),
        (10_000, 2.4, Some(10)),
    ];
    for (line_count, height, expected) in cases {
        assert_eq!(
            gap_at(&GAPS, line_count, height),
            expected,
            "{height} of {line_count} lines"
        );
    }
}
