//! Who ran a line: the contexts of one file, read from a coverage.py report on demand.
//!
//! Expected values are the report's own `contexts` maps (toolz's real
//! `coverage json --show-contexts` output), written out here.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::fixture_bytes;

use covscope::core::formats::read_file_contexts;

#[test]
fn one_files_contexts_are_read_and_arranged() {
    let report = fixture_bytes("coverage/toolz/coverage-contexts.json.gz");
    let recipes = read_file_contexts(&report, "toolz/recipes.py")
        .value
        .expect("contexts");
    assert_eq!(recipes.default_only, [1, 2, 5, 8, 26]);
    assert_eq!(recipes.lines_run_by_one_test(), [21, 22, 23, 46]);
    assert_eq!(
        recipes.tests(),
        [
            "toolz.tests.test_recipes.test_countby",
            "toolz.tests.test_recipes.test_partitionby"
        ]
    );
    assert_eq!(
        recipes.lines_run_by("toolz.tests.test_recipes.test_countby"),
        [21, 22, 23]
    );
    let utils = read_file_contexts(&report, "toolz/utils.py")
        .value
        .expect("contexts");
    assert_eq!(utils.default_only, [1, 9]);
    assert_eq!(utils.lines_run_by_one_test(), [4]);
    assert_eq!(utils.by_line[&2].len(), 23);
}

#[test]
fn reports_without_contexts_or_without_the_file_say_so() {
    let report = fixture_bytes("coverage/toolz/coverage.json");
    assert_eq!(
        read_file_contexts(&report, "toolz/utils.py").first_error(),
        Some("the report has no contexts: coverage.py writes them only with `coverage json --show-contexts` after a run with dynamic contexts (`--context` or `[run] dynamic_context`)")
    );
    assert_eq!(
        read_file_contexts(&report, "toolz/nowhere.py").first_error(),
        Some("the report has no file \"toolz/nowhere.py\"")
    );
    assert_eq!(
        read_file_contexts(b"{\"files\": {\"a.py\": {\"contexts\": [1]}}}", "a.py").first_error(),
        Some("the contexts could not be read: invalid type: sequence, expected a map (line 1, column 32)")
    );
}
