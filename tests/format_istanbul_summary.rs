//! Istanbul's `coverage-summary.json`: every row of every real fixture against what
//! Istanbul's text reporter printed for the same run, the figures the file states kept as
//! written (`"Unknown"` included), and every malformed file with its exact message.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/istanbul_text_report.rs"]
mod istanbul_text_report;

use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::formats::parse_istanbul_summary;
use covscope::core::model::{CoverageReport, Metric, MetricFigure};
use istanbul_text_report::{
    check_against_text_report, check_malformed, fixture_text, Compared, MalformedExpectation,
    TABLE_METRICS,
};

/// One real run: the folder under `tests/fixtures/coverage/`, and how many rows its table
/// has of each kind.
struct Fixture {
    folder: &'static str,
    compared: Compared,
}

const FIXTURES: &[Fixture] = &[
    Fixture {
        folder: "c8-express",
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 0,
        },
    },
    Fixture {
        folder: "c8-commander",
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 0,
        },
    },
    Fixture {
        folder: "jest-commander",
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 0,
        },
    },
    Fixture {
        folder: "jest-v8-commander",
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 0,
        },
    },
    Fixture {
        folder: "istanbul-oddities/nyc",
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 0,
        },
    },
    Fixture {
        folder: "istanbul-oddities/c8",
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 0,
        },
    },
    Fixture {
        folder: "istanbul-oddities/c8-single-folder",
        compared: Compared {
            file_rows: 1,
            folder_rows: 0,
            uncovered_cells: 0,
        },
    },
    Fixture {
        folder: "istanbul-oddities/c8-nothing",
        compared: Compared {
            file_rows: 0,
            folder_rows: 0,
            uncovered_cells: 0,
        },
    },
];

fn load(bytes: &[u8], name: &str) -> CoverageReport {
    let outcome = parse_istanbul_summary(bytes, &mut |_| {});
    assert_eq!(outcome.warning_messages(), Vec::<String>::new(), "{name}");
    outcome
        .value
        .unwrap_or_else(|| panic!("{name} loads: {:?}", outcome.diagnostics))
}

fn check(fixture: &Fixture) {
    let text = fixture_text(&format!("{}/coverage-summary.json", fixture.folder));
    let report = load(text.as_bytes(), fixture.folder);
    // The summary carries no lines, so the uncovered-lines cells stay empty.
    let compared = check_against_text_report(&report, fixture.folder, false);
    assert_eq!(
        compared, fixture.compared,
        "{}: rows compared",
        fixture.folder
    );
    for file in &report.files {
        assert!(!file.has_line_lists, "{}", file.path);
        assert_eq!(format_uncovered_lines(report.facts.format, file), "");
        assert_eq!(file.stated_figures.len(), 4, "{}: four stated", file.path);
    }
    // The files keep their order and their paths as written.
    let keys: Vec<&str> = json_keys(&text);
    let paths: Vec<&str> = report.files.iter().map(|file| file.path.as_str()).collect();
    assert_eq!(keys[0], "total", "{}", fixture.folder);
    assert_eq!(paths, keys[1..], "{}", fixture.folder);
}

/// The top-level keys of a json-summary in order: the reporter writes one per line.
fn json_keys(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim_start_matches(['{', ',']);
            let rest = line.strip_prefix('"')?;
            rest.split_once("\": ").map(|(key, _)| key)
        })
        .collect()
}

#[test]
fn every_row_equals_what_istanbul_printed() {
    for fixture in FIXTURES {
        check(fixture);
    }
}

fn stated_displays(stated: &[MetricFigure]) -> Vec<(Metric, String)> {
    TABLE_METRICS
        .iter()
        .filter_map(|&metric| {
            stated
                .iter()
                .find(|figure| figure.metric == metric)
                .map(|figure| (metric, figure.figure.display.clone()))
        })
        .collect()
}

/// A file or a total with no lines: the summary says 100 (or "Unknown" when nothing was
/// ever merged in) and keeps saying it, while the table shows the text reporter's 0 (the
/// row checks above); the text-summary prints the summary's own word.
#[test]
fn figures_of_nodes_without_lines_are_kept_as_written() {
    let nothing = load(
        fixture_text("istanbul-oddities/c8-nothing/coverage-summary.json").as_bytes(),
        "c8-nothing",
    );
    let unknown: Vec<(Metric, String)> = TABLE_METRICS
        .iter()
        .map(|&metric| (metric, "Unknown".to_string()))
        .collect();
    assert_eq!(stated_displays(&nothing.stated_total_figures), unknown);
    let text_summary = fixture_text("istanbul-oddities/c8-nothing/text-summary.txt");
    assert!(text_summary.contains("Statements   : Unknown% ( 0/0 )"));
    assert_eq!(nothing.total_coverage.display, "0");

    let nyc = load(
        fixture_text("istanbul-oddities/nyc/coverage-summary.json").as_bytes(),
        "nyc",
    );
    let empty = nyc
        .files
        .iter()
        .find(|file| file.path.ends_with("/lib/empty.js"))
        .expect("empty.js");
    let hundred: Vec<(Metric, String)> = TABLE_METRICS
        .iter()
        .map(|&metric| (metric, "100".to_string()))
        .collect();
    assert_eq!(stated_displays(&empty.stated_figures), hundred);
    assert_eq!(empty.coverage.display, "0");
}

const MALFORMED: &[MalformedExpectation] = &[
    (
        "truncated.json",
        Err("the file is not valid JSON: EOF while parsing a string (line 1, column 150)"),
    ),
    (
        "wrong-root-array.json",
        Err("the file is JSON but not an Istanbul coverage-summary.json: the top level is an array, not an object with \"total\" and one summary per file path"),
    ),
    (
        "wrong-type-pct.json",
        Err("[\"/src/a.js\"].lines.pct has the wrong type: invalid type: boolean `true`, expected a percentage or the string \"Unknown\" (line 2, column 69)"),
    ),
    (
        "pct-other-text.json",
        Err("[\"/src/a.js\"].branches.pct has the wrong type: invalid value: string \"n/a\", expected a percentage or the string \"Unknown\" (line 2, column 243)"),
    ),
    (
        "missing-metric.json",
        Err("[\"/src/a.js\"] has no \"branches\", which every Istanbul summary has"),
    ),
    (
        "count-above-1e15.json",
        Err("[\"/src/a.js\"].lines.total is 2000000000000000, more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ),
    (
        "negative-covered.json",
        Err("[\"/src/a.js\"].lines.covered has the wrong type: invalid value: integer `-1`, expected u64 (line 2, column 47)"),
    ),
    (
        "total-disagrees.json",
        Ok(&["the \"total\" entry disagrees with the sum of the files (lines 8 of 10 against 9 of 10); the report's own total is shown"]),
    ),
    (
        "no-total.json",
        Ok(&["there is no \"total\" entry; the totals were added up from the files"]),
    ),
    (
        "covered-above-total.json",
        Ok(&[
            "2 counts have more covered than in total (first: [\"total\"].lines: 11 of 10); the report's own figures are shown",
        ]),
    ),
    (
        "pct-rounded.json",
        Ok(&[
            "2 percentages disagree with their counts by Istanbul's rule (first: [\"total\"].branches.pct is 66.67 but 2 of 3 gives 66.66); the report's own figures are shown",
        ]),
    ),
    (
        "skipped-counts.json",
        Ok(&[
            "1 metric counts skipped items (Istanbul 0.x counted them as covered) (first: [\"/src/a.js\"].statements: 2 skipped); the report's own figures are shown",
        ]),
    ),
    (
        "repeated-file.json",
        Ok(&["1 entry is listed more than once (first: \"/src/a.js\"); the last entry was used, as JSON.parse does"]),
    ),
];

#[test]
fn malformed_files_get_their_exact_message() {
    check_malformed("istanbul-summary", parse_istanbul_summary, MALFORMED);
}
