//! How much the WebAssembly binaries' heap grows the memory by when an allocation does not
//! fit (`covscope::heap_growth::growth_pages`): a step of a thirty-second of the memory,
//! at least 1 MiB (16 pages of 64 KiB) and at most 4 MiB (64 pages), or what the
//! allocation needs when that is more.
use covscope::heap_growth::growth_pages;

/// One case: the memory's size and what the allocation needs, in pages, and the growth.
struct GrowthCase {
    what: &'static str,
    current_pages: usize,
    needed_pages: usize,
    expected_pages: usize,
}

const CASES: &[GrowthCase] = &[
    GrowthCase {
        what: "a fresh memory grows by the least step",
        current_pages: 17,
        needed_pages: 1,
        expected_pages: 16,
    },
    GrowthCase {
        what: "a 19 MiB memory (the page after a 100 MB coverage.py report) grows by 1 MiB",
        current_pages: 304,
        needed_pages: 1,
        expected_pages: 16,
    },
    GrowthCase {
        what: "a 64 MiB memory grows by a thirty-second of itself",
        current_pages: 1_024,
        needed_pages: 1,
        expected_pages: 32,
    },
    GrowthCase {
        what: "a 128 MiB memory grows by the most step",
        current_pages: 2_048,
        needed_pages: 1,
        expected_pages: 64,
    },
    GrowthCase {
        what: "a 450 MiB memory (the worker after a 100 MB lcov file) still grows by 4 MiB",
        current_pages: 7_200,
        needed_pages: 1,
        expected_pages: 64,
    },
    GrowthCase {
        what: "an allocation larger than the step gets what it needs and no more",
        current_pages: 2_048,
        needed_pages: 1_527,
        expected_pages: 1_527,
    },
    GrowthCase {
        what: "an allocation of exactly the step gets the step",
        current_pages: 304,
        needed_pages: 16,
        expected_pages: 16,
    },
];

#[test]
fn the_memory_grows_in_steps_of_a_thirty_second_between_one_and_four_mib() {
    for case in CASES {
        assert_eq!(
            growth_pages(case.current_pages, case.needed_pages),
            case.expected_pages,
            "{}",
            case.what
        );
    }
}
