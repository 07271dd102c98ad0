//! Every coverage.py JSON variant in the wild loads, with the figures coverage.py shows.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::fixture_bytes;

use covscope::core::analysis::missing_lines::format_missing_lines;
use covscope::core::formats::parse_coverage_py_json;
use covscope::core::model::{CoverageFormat, LineNumber, RegionKind};

/// What one variant must load as.
struct Expected {
    format_version: Option<u64>,
    tool_version: Option<&'static str>,
    has_branches: bool,
    has_contexts: bool,
    has_regions: bool,
    precision: u8,
    /// Path, coverage text, statements, missing, missing-lines text, no-statements flag.
    files: &'static [(&'static str, &'static str, u64, u64, &'static str, bool)],
    total_display: &'static str,
    warnings: &'static [&'static str],
}

fn check(fixture: &str, expected: Expected) {
    let bytes = fixture_bytes(&format!("variants/{fixture}"));
    let outcome = parse_coverage_py_json(&bytes);
    assert_eq!(
        outcome.warning_messages(),
        expected.warnings,
        "{fixture}: warnings"
    );
    let report = outcome.value.expect("the variant loads");
    let facts = &report.facts;
    assert_eq!(
        (facts.format, facts.format_version.clone()),
        (
            CoverageFormat::CoveragePy,
            expected.format_version.map(|version| version.to_string())
        ),
        "{fixture}: format"
    );
    assert_eq!(
        facts.tool_version.as_deref(),
        expected.tool_version,
        "{fixture}"
    );
    assert_eq!(
        facts.has_branches, expected.has_branches,
        "{fixture}: branches"
    );
    assert_eq!(
        facts.has_contexts, expected.has_contexts,
        "{fixture}: contexts"
    );
    assert_eq!(
        facts.has_regions, expected.has_regions,
        "{fixture}: regions"
    );
    assert_eq!(
        facts.precision.0, expected.precision,
        "{fixture}: precision"
    );
    let files: Vec<(&str, &str, u64, u64, String, bool)> = report
        .files
        .iter()
        .map(|file| {
            let counts = file.counts.coverage_py().expect("coverage.py counts");
            (
                file.path.as_str(),
                file.coverage.display.as_str(),
                counts.statements,
                counts.missing,
                format_missing_lines(file),
                file.has_no_statements(),
            )
        })
        .collect();
    let expected_files: Vec<(&str, &str, u64, u64, String, bool)> = expected
        .files
        .iter()
        .map(|&(path, display, statements, missing, text, empty)| {
            (path, display, statements, missing, text.to_string(), empty)
        })
        .collect();
    assert_eq!(files, expected_files, "{fixture}: files");
    assert_eq!(
        report.total_coverage.display, expected.total_display,
        "{fixture}: total"
    );
}

#[test]
fn coverage_5_0_without_format_key_or_display_strings() {
    check(
        "coverage-5.0-no-format.json",
        Expected {
            format_version: None,
            tool_version: Some("5.0"),
            has_branches: false,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[("pkg/mod.py", "67", 6, 2, "4-5", false)],
            total_display: "67",
            warnings: &[],
        },
    );
}

#[test]
fn coverage_5_1_with_branch_counts_but_no_arc_lists() {
    check(
        "coverage-5.1-branch-counts.json",
        Expected {
            format_version: None,
            tool_version: Some("5.1"),
            has_branches: true,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[("app.py", "71", 5, 1, "4", false)],
            total_display: "71",
            warnings: &[],
        },
    );
}

#[test]
fn coverage_6_5_with_arc_lists_and_an_exit_arc() {
    check(
        "coverage-6.5-arc-lists.json",
        Expected {
            format_version: None,
            tool_version: Some("6.5.0"),
            has_branches: true,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[("lib/core.py", "67", 8, 2, "5-6, 7->exit", false)],
            total_display: "67",
            warnings: &[],
        },
    );
}

#[test]
fn format_2_keeps_the_display_rule_that_never_shows_zero() {
    check(
        "coverage-format-2.json",
        Expected {
            format_version: Some(2),
            tool_version: Some("7.4.1"),
            has_branches: false,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[
                ("src/a.py", "100", 3, 0, "", false),
                ("src/b.py", "1", 2000, 1999, "", false),
            ],
            total_display: "1",
            warnings: &[],
        },
    );
}

#[test]
fn format_3_with_function_and_class_regions_at_precision_2() {
    check(
        "coverage-format-3-regions-precision-2.json",
        Expected {
            format_version: Some(3),
            tool_version: Some("7.13.1"),
            has_branches: false,
            has_contexts: false,
            has_regions: true,
            precision: 2,
            files: &[("shop/cart.py", "83.33", 6, 1, "7", false)],
            total_display: "83.33",
            warnings: &[],
        },
    );
}

#[test]
fn format_3_regions_keep_names_kinds_start_lines_and_figures() {
    let bytes = fixture_bytes("variants/coverage-format-3-regions-precision-2.json");
    let report = parse_coverage_py_json(&bytes).value.expect("loads");
    let regions: Vec<(RegionKind, &str, Option<LineNumber>, &str, u64)> = report.files[0]
        .regions
        .iter()
        .map(|region| {
            (
                region.kind,
                region.name.as_str(),
                region.start_line,
                region.coverage.display.as_str(),
                region
                    .counts
                    .coverage_py()
                    .expect("coverage.py counts")
                    .statements,
            )
        })
        .collect();
    assert_eq!(
        regions,
        vec![
            (RegionKind::Function, "Cart.total", Some(4), "66.67", 3),
            (RegionKind::Function, "", None, "100.00", 3),
            (RegionKind::Class, "Cart", Some(3), "66.67", 3),
            (RegionKind::Class, "", None, "66.67", 3),
        ]
    );
}

#[test]
fn contexts_are_recognised_and_do_not_disturb_the_figures() {
    check(
        "coverage-contexts-small.json",
        Expected {
            format_version: Some(3),
            tool_version: Some("7.17.3"),
            has_branches: false,
            has_contexts: true,
            has_regions: false,
            precision: 0,
            files: &[("m.py", "67", 3, 1, "3", false)],
            total_display: "67",
            warnings: &[],
        },
    );
}

#[test]
fn windows_separators_stay_as_written_and_empty_files_say_so() {
    check(
        "coverage-windows-separators.json",
        Expected {
            format_version: Some(3),
            tool_version: Some("7.6.0"),
            has_branches: false,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[
                ("src\\pkg\\__init__.py", "100", 0, 0, "", true),
                ("src\\pkg\\util.py", "50", 4, 2, "2-3", false),
            ],
            total_display: "50",
            warnings: &[],
        },
    );
}

#[test]
fn absolute_paths_outside_the_working_directory() {
    check(
        "coverage-absolute-paths.json",
        Expected {
            format_version: Some(3),
            tool_version: Some("7.10.0"),
            has_branches: false,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[
                ("/home/ci/work/app/main.py", "75", 4, 1, "9", false),
                (
                    "/usr/lib/python3/dist-packages/plugin.py",
                    "100",
                    1,
                    0,
                    "",
                    false,
                ),
            ],
            total_display: "80",
            warnings: &[],
        },
    );
}

#[test]
fn a_utf8_byte_order_mark_is_skipped() {
    check(
        "byte-order-mark.json",
        Expected {
            format_version: Some(3),
            tool_version: Some("7.10.0"),
            has_branches: false,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[
                ("/home/ci/work/app/main.py", "75", 4, 1, "9", false),
                (
                    "/usr/lib/python3/dist-packages/plugin.py",
                    "100",
                    1,
                    0,
                    "",
                    false,
                ),
            ],
            total_display: "80",
            warnings: &[],
        },
    );
}

#[test]
fn reports_reserialised_with_four_space_indent() {
    check(
        "reindented-four-spaces.json",
        Expected {
            format_version: Some(3),
            tool_version: Some("7.8.0"),
            has_branches: true,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[("z.py", "71", 4, 1, "3, 4->6", false)],
            total_display: "71",
            warnings: &[],
        },
    );
}

#[test]
fn hand_written_fakes_load_but_are_flagged() {
    check(
        "hand-written-fake.json",
        Expected {
            format_version: None,
            tool_version: None,
            has_branches: false,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[
                ("backend/core/models.py", "97", 100, 3, "", false),
                ("backend/core/views.py", "50", 80, 40, "", false),
            ],
            total_display: "76",
            warnings: &[
                "there is no \"meta\" block, so the coverage.py version, timestamp and options are unknown (hand-written or trimmed report?)",
                "2 files have no line lists (\"executed_lines\"/\"missing_lines\"), e.g. \"backend/core/models.py\"; the missing-lines column stays empty (hand-written or trimmed report?)",
                "percent_covered disagrees with the counts in 2 places (first: files[\"backend/core/views.py\"].summary: percent_covered is 49.99 but the counts give 50); the report's own figures are shown",
            ],
        },
    );
}

#[test]
fn repeated_file_keys_keep_the_last_entry_and_missing_totals_are_summed() {
    check(
        "repeated-file-and-no-totals.json",
        Expected {
            format_version: Some(3),
            tool_version: Some("7.17.3"),
            has_branches: false,
            has_contexts: false,
            has_regions: false,
            precision: 0,
            files: &[("a.py", "100", 2, 0, "", false)],
            total_display: "100",
            warnings: &[
                "1 file is listed more than once (\"a.py\"); the last entry was used",
                "there is no \"totals\" block; the totals were added up from the files",
            ],
        },
    );
}
