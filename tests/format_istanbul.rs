//! Istanbul's `coverage-final.json`: every row of every real fixture against what
//! Istanbul itself printed for the same run (the text table, the text-summary, the
//! json-summary's counts and the lcov reporter's per-line, per-function and per-branch
//! records), the column-precise data pinned on files that show each oddity, and every
//! malformed file with its exact message.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/istanbul_text_report.rs"]
mod istanbul_text_report;

use covscope::core::formats::parse_istanbul;
use covscope::core::model::{
    CoverageReport, FileCoverage, LineNumber, Metric, RegionKind, SourcePosition, SourceSpan,
    Tally, UncoveredKind,
};
use istanbul_text_report::{
    check_against_text_report, check_malformed, fixture_text, Compared, MalformedExpectation,
    TABLE_METRICS,
};

/// One real run: the folder under `tests/fixtures/coverage/`, the warnings its
/// coverage-final.json gets, and how many rows its table has of each kind.
struct Fixture {
    folder: &'static str,
    warnings: &'static [&'static str],
    compared: Compared,
    /// Whether the folder has the lcov reporter's `lcov.info` of the same run.
    has_lcov: bool,
}

const FIXTURES: &[Fixture] = &[
    Fixture {
        folder: "c8-express",
        warnings: &[],
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 7,
        },
        has_lcov: true,
    },
    Fixture {
        folder: "c8-commander",
        warnings: &[],
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 7,
        },
        has_lcov: true,
    },
    Fixture {
        folder: "jest-commander",
        warnings: &[],
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 7,
        },
        has_lcov: true,
    },
    Fixture {
        folder: "jest-v8-commander",
        warnings: &[],
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 7,
        },
        has_lcov: true,
    },
    Fixture {
        folder: "istanbul-oddities/nyc",
        warnings: &[],
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 7,
        },
        has_lcov: false,
    },
    Fixture {
        folder: "istanbul-oddities/c8",
        warnings: &[],
        compared: Compared {
            file_rows: 7,
            folder_rows: 2,
            uncovered_cells: 7,
        },
        has_lcov: false,
    },
    Fixture {
        folder: "istanbul-oddities/c8-single-folder",
        warnings: &[],
        compared: Compared {
            file_rows: 1,
            folder_rows: 0,
            uncovered_cells: 1,
        },
        has_lcov: false,
    },
];

fn load(folder: &str) -> (CoverageReport, Vec<String>) {
    let bytes = fixture_text(&format!("{folder}/coverage-final.json")).into_bytes();
    let outcome = parse_istanbul(&bytes, &mut |_| {});
    let warnings = outcome.warning_messages();
    match outcome.value {
        Some(report) => (report, warnings),
        None => panic!("{folder} loads: {:?}", outcome.diagnostics),
    }
}

fn check(fixture: &Fixture) {
    let (report, warnings) = load(fixture.folder);
    assert_eq!(warnings, fixture.warnings, "{}: warnings", fixture.folder);
    let compared = check_against_text_report(&report, fixture.folder, true);
    assert_eq!(
        compared, fixture.compared,
        "{}: rows compared",
        fixture.folder
    );
    check_against_json_summary(&report, fixture.folder);
    if fixture.has_lcov {
        check_against_lcov(&report, fixture.folder);
    }
}

#[test]
fn every_row_equals_what_istanbul_printed() {
    for fixture in FIXTURES {
        check(fixture);
    }
}

/// The json-summary reporter wrote each file's counts in the same run: they must equal
/// the counts read from coverage-final.json, metric by metric.
fn check_against_json_summary(report: &CoverageReport, folder: &str) {
    let summary: serde_json::Value =
        serde_json::from_str(&fixture_text(&format!("{folder}/coverage-summary.json")))
            .expect("the json-summary is JSON");
    let entries = summary.as_object().expect("an object");
    assert_eq!(
        entries.len(),
        report.files.len() + 1,
        "{folder}: files and total"
    );
    for file in &report.files {
        let entry = &entries[&file.path];
        for metric in TABLE_METRICS {
            let counts = &entry[metric.key()];
            let written = Tally::new(
                counts["covered"].as_u64().expect("covered"),
                counts["total"].as_u64().expect("total"),
            );
            assert_eq!(
                file.counts.tally(metric),
                Some(written),
                "{folder}: {} {metric:?}",
                file.path
            );
        }
    }
}

/// One `SF` record of the lcov reporter: `DA`, `FN`/`FNDA` and `BRDA` lines.
#[derive(Default, Debug)]
struct LcovRecord {
    path: String,
    line_hits: Vec<(u64, u64)>,
    functions: Vec<(u64, String)>,
    function_hits: Vec<(u64, String)>,
    branches: Vec<(u64, u32, u32, u64)>,
}

fn read_lcov(text: &str) -> Vec<LcovRecord> {
    let mut records = Vec::new();
    let mut record = LcovRecord::default();
    for line in text.lines() {
        let (tag, value) = line.split_once(':').unwrap_or((line, ""));
        let fields: Vec<&str> = value.split(',').collect();
        match tag {
            "SF" => record.path = value.to_string(),
            "DA" => record
                .line_hits
                .push((fields[0].parse().unwrap(), fields[1].parse().unwrap())),
            // A name may hold commas; the line or count is the first field.
            "FN" | "FNDA" => {
                let (number, name) = value.split_once(',').expect("two fields");
                let entry = (number.parse().unwrap(), name.to_string());
                if tag == "FN" {
                    record.functions.push(entry);
                } else {
                    record.function_hits.push(entry);
                }
            }
            "BRDA" => record.branches.push((
                fields[0].parse().unwrap(),
                fields[1].parse().unwrap(),
                fields[2].parse().unwrap(),
                fields[3].parse().unwrap(),
            )),
            "end_of_record" => records.push(std::mem::take(&mut record)),
            _ => {}
        }
    }
    records
}

/// The lcov reporter wrote `getLineCoverage()` as `DA` lines, every function's
/// declaration line, name and count, and every branch location's count: the lines,
/// regions and branch outcomes read from coverage-final.json must say the same.
fn check_against_lcov(report: &CoverageReport, folder: &str) {
    let records = read_lcov(&fixture_text(&format!("{folder}/lcov.info")));
    assert_eq!(records.len(), report.files.len(), "{folder}: lcov records");
    for record in records {
        let file = report
            .files
            .iter()
            .find(|file| file.path.ends_with(&format!("/{}", record.path)))
            .unwrap_or_else(|| panic!("{folder}: a file for {}", record.path));
        let mut line_hits: Vec<(u64, u64)> = file
            .executed_lines
            .iter()
            .copied()
            .zip(file.executed_line_hits.iter().copied())
            .chain(file.missing_lines.iter().map(|&line| (line, 0)))
            .map(|(line, hits)| (u64::from(line), hits))
            .collect();
        line_hits.sort_unstable();
        assert_eq!(line_hits, record.line_hits, "{folder}: {} DA", file.path);
        let functions: Vec<(u64, String)> = file
            .regions
            .iter()
            .map(|region| {
                (
                    u64::from(region.start_line.unwrap_or(0)),
                    region.name.clone(),
                )
            })
            .collect();
        assert_eq!(functions, record.functions, "{folder}: {} FN", file.path);
        let function_hits: Vec<(u64, String)> = file
            .regions
            .iter()
            .map(|region| (region.hits.unwrap_or(0), region.name.clone()))
            .collect();
        assert_eq!(
            function_hits, record.function_hits,
            "{folder}: {} FNDA",
            file.path
        );
        let mut branches: Vec<(u64, u32, u32, u64)> = file
            .branch_outcomes
            .iter()
            .map(|outcome| {
                (
                    u64::from(outcome.line),
                    outcome.block,
                    outcome.branch,
                    outcome.taken.unwrap_or(0),
                )
            })
            .collect();
        let mut written = record.branches;
        branches.sort_unstable();
        written.sort_unstable();
        assert_eq!(branches, written, "{folder}: {} BRDA", file.path);
    }
}

fn position(line: LineNumber, column: u32) -> SourcePosition {
    SourcePosition {
        line,
        column: Some(column),
    }
}

fn span(start: At, end: At) -> SourceSpan {
    SourceSpan {
        start: position(start.0, start.1),
        end: position(end.0, end.1),
    }
}

fn file_of<'r>(report: &'r CoverageReport, suffix: &str) -> &'r FileCoverage {
    report
        .files
        .iter()
        .find(|file| file.path.ends_with(suffix))
        .unwrap_or_else(|| panic!("a file ending with {suffix}"))
}

/// A function as `fnMap` and `f` give it.
struct ExpectedRegion {
    name: &'static str,
    start_line: LineNumber,
    end_line: LineNumber,
    hits: u64,
}

/// A line and a 0-based column, as Istanbul writes a position.
type At = (LineNumber, u32);

/// A stretch of code never run: what it is, where it starts and ends.
struct ExpectedSpan(UncoveredKind, At, At);

/// A branch outcome: line, block, branch, times taken, and its location when it has one.
struct ExpectedOutcome(LineNumber, u32, u32, u64, Option<(At, At)>);

/// What one file must hold, copied from its coverage-final.json entry.
struct ColumnPrecise {
    folder: &'static str,
    file: &'static str,
    /// Some of the file's functions (all of those never entered).
    regions: &'static [ExpectedRegion],
    region_count: usize,
    /// Every stretch never run, in source order: statements, functions (their
    /// declaration), and branch paths not taken where the HTML report marks them.
    uncovered: &'static [ExpectedSpan],
    /// Some outcomes: (line, block, branch, taken, location when it has one).
    outcomes: &'static [ExpectedOutcome],
}

const COLUMN_PRECISE: &[ColumnPrecise] = &[
    // Babel's `if` without `else`: the second location is `{"start":{},"end":{}}`, so its
    // outcome has no span; the `if` path never taken is marked on its own location, the
    // `throw` inside as a statement.
    ColumnPrecise {
        folder: "istanbul-oddities/nyc",
        file: "/lib/ignored.js",
        regions: &[ExpectedRegion {
            name: "guarded",
            start_line: 3,
            end_line: 13,
            hits: 1,
        }],
        region_count: 1,
        uncovered: &[
            ExpectedSpan(UncoveredKind::Branch, (9, 2), (11, 3)),
            ExpectedSpan(UncoveredKind::Statement, (10, 4), (10, 28)),
        ],
        outcomes: &[
            ExpectedOutcome(9, 0, 0, 0, Some(((9, 2), (11, 3)))),
            ExpectedOutcome(9, 0, 1, 1, None),
        ],
    },
    // A `switch` whose default never ran, an `if` whose `else` (implicit) was taken
    // twice, an arrow and a method never called.
    ColumnPrecise {
        folder: "istanbul-oddities/nyc",
        file: "/lib/branches.js",
        regions: &[
            ExpectedRegion {
                name: "pick",
                start_line: 3,
                end_line: 17,
                hits: 3,
            },
            ExpectedRegion {
                name: "(anonymous_1)",
                start_line: 19,
                end_line: 19,
                hits: 0,
            },
            ExpectedRegion {
                name: "(anonymous_3)",
                start_line: 25,
                end_line: 27,
                hits: 0,
            },
        ],
        region_count: 4,
        uncovered: &[
            ExpectedSpan(UncoveredKind::Branch, (11, 22), (11, 30)),
            ExpectedSpan(UncoveredKind::Statement, (15, 6), (15, 21)),
            ExpectedSpan(UncoveredKind::Branch, (14, 4), (15, 21)),
            ExpectedSpan(UncoveredKind::Function, (19, 14), (19, 15)),
            ExpectedSpan(UncoveredKind::Statement, (19, 20), (19, 40)),
            ExpectedSpan(UncoveredKind::Function, (25, 2), (25, 3)),
            ExpectedSpan(UncoveredKind::Statement, (26, 4), (26, 14)),
        ],
        outcomes: &[
            ExpectedOutcome(4, 1, 0, 1, Some(((4, 2), (6, 3)))),
            ExpectedOutcome(4, 1, 1, 2, None),
            ExpectedOutcome(9, 4, 2, 0, Some(((14, 4), (15, 21)))),
        ],
    },
    // V8 for a file no test loaded (`--all`): every line a statement never run, one
    // whole-file branch and the `(empty-report)` function, both never run.
    ColumnPrecise {
        folder: "istanbul-oddities/c8",
        file: "/lib/never-loaded.js",
        regions: &[ExpectedRegion {
            name: "(empty-report)",
            start_line: 1,
            end_line: 10,
            hits: 0,
        }],
        region_count: 1,
        uncovered: &[
            ExpectedSpan(UncoveredKind::Function, (1, 0), (10, 42)),
            ExpectedSpan(UncoveredKind::Branch, (1, 0), (10, 42)),
            ExpectedSpan(UncoveredKind::Statement, (1, 0), (1, 13)),
            ExpectedSpan(UncoveredKind::Statement, (2, 0), (2, 0)),
            ExpectedSpan(UncoveredKind::Statement, (3, 0), (3, 34)),
            ExpectedSpan(UncoveredKind::Statement, (4, 0), (4, 10)),
            ExpectedSpan(UncoveredKind::Statement, (5, 0), (5, 13)),
            ExpectedSpan(UncoveredKind::Statement, (6, 0), (6, 3)),
            ExpectedSpan(UncoveredKind::Statement, (7, 0), (7, 11)),
            ExpectedSpan(UncoveredKind::Statement, (8, 0), (8, 1)),
            ExpectedSpan(UncoveredKind::Statement, (9, 0), (9, 0)),
            ExpectedSpan(UncoveredKind::Statement, (10, 0), (10, 42)),
        ],
        outcomes: &[ExpectedOutcome(1, 0, 0, 0, Some(((1, 0), (10, 42))))],
    },
    // Babel's one function never entered in the Jest run: an arrow in a block never run.
    ColumnPrecise {
        folder: "jest-commander",
        file: "/lib/command.js",
        regions: &[ExpectedRegion {
            name: "(anonymous_71)",
            start_line: 1294,
            end_line: 1299,
            hits: 0,
        }],
        region_count: 180,
        uncovered: &[],
        outcomes: &[
            ExpectedOutcome(37, 0, 0, 1869, Some(((37, 17), (37, 21)))),
            ExpectedOutcome(37, 0, 1, 1281, Some(((37, 25), (37, 27)))),
        ],
    },
];

#[test]
fn column_precise_data_is_kept() {
    for case in COLUMN_PRECISE {
        let (report, _) = load(case.folder);
        let file = file_of(&report, case.file);
        let place = format!("{}: {}", case.folder, case.file);
        assert_eq!(file.regions.len(), case.region_count, "{place}: regions");
        for expected in case.regions {
            let region = file
                .regions
                .iter()
                .find(|region| region.name == expected.name)
                .unwrap_or_else(|| panic!("{place}: a region {}", expected.name));
            assert_eq!(region.kind, RegionKind::Function);
            assert_eq!(
                (region.start_line, region.end_line, region.hits),
                (
                    Some(expected.start_line),
                    Some(expected.end_line),
                    Some(expected.hits)
                ),
                "{place}: {}",
                expected.name
            );
            let functions = region.counts.tally(Metric::Functions);
            assert_eq!(
                functions,
                Some(Tally::new(u64::from(expected.hits > 0), 1)),
                "{place}: {} counts",
                expected.name
            );
        }
        if !case.uncovered.is_empty() {
            let mut expected: Vec<(SourceSpan, UncoveredKind)> = case
                .uncovered
                .iter()
                .map(|&ExpectedSpan(kind, start, end)| (span(start, end), kind))
                .collect();
            expected.sort_by_key(|(span, _)| *span);
            let found: Vec<(SourceSpan, UncoveredKind)> = file
                .uncovered_spans
                .iter()
                .map(|uncovered| (uncovered.span, uncovered.kind))
                .collect();
            assert_eq!(found, expected, "{place}: uncovered spans");
        }
        for &ExpectedOutcome(line, block, branch, taken, location) in case.outcomes {
            let outcome = file
                .branch_outcomes
                .iter()
                .find(|outcome| outcome.block == block && outcome.branch == branch)
                .unwrap_or_else(|| panic!("{place}: outcome {block}/{branch}"));
            assert_eq!(
                (outcome.line, outcome.taken, outcome.span),
                (
                    line,
                    Some(taken),
                    location.map(|(start, end)| span(start, end))
                ),
                "{place}: outcome {block}/{branch}"
            );
        }
        let lines_sorted = file.branch_outcomes.windows(2).all(|pair| {
            (pair[0].line, pair[0].block, pair[0].branch)
                <= (pair[1].line, pair[1].block, pair[1].branch)
        });
        assert!(lines_sorted, "{place}: outcomes sorted by line");
    }
}

/// The report's header facts: the format, Babel's schema hash as its version, branches
/// and functions always counted.
#[test]
fn report_facts_say_what_the_file_says() {
    for (folder, schema) in [
        (
            "jest-commander",
            Some("1a1c01bbd47fc00a2c39e90264f33305004495a9"),
        ),
        ("c8-express", None),
    ] {
        let (report, _) = load(folder);
        assert_eq!(report.facts.format_version.as_deref(), schema, "{folder}");
        assert!(report.facts.has_branches && report.facts.has_regions);
        assert!(report.files.iter().all(|file| file.has_line_lists));
    }
}

/// Made-up files, each with the one thing wrong that its name says, and the exact
/// message or warnings each gets.
const MALFORMED: &[MalformedExpectation] = &[
    (
        "column-minus-zero.json",
        Err("[\"/src/a.js\"].statementMap[\"0\"].end.column has the wrong type: invalid type: floating point `-0.0`, expected a column below 2^32 (line 1, column 111)"),
    ),
    (
        "count-with-leading-zero.json",
        Err("the file is not valid JSON: invalid number (line 1, column 567)"),
    ),
    (
        "location-start-twice.json",
        Err("the object at [\"/src/a.js\"].statementMap[\"0\"] has the key \"start\" twice (line 1, column 91)"),
    ),
    ("location-with-unknown-key.json", Ok(&[])),
    (
        "truncated.json",
        Err("the file is not valid JSON: EOF while parsing a string (line 1, column 124)"),
    ),
    (
        "wrong-root-array.json",
        Err("the file is JSON but not an Istanbul coverage-final.json: the top level is an array, not an object keyed by file path"),
    ),
    (
        "wrong-type-file-entry.json",
        Err("[\"/src/a.js\"] has the wrong type: invalid type: string \"coverage\", expected an Istanbul file coverage object (line 1, column 23)"),
    ),
    (
        "wrong-type-hits.json",
        Err("[\"/src/a.js\"].s[\"0\"] has the wrong type: invalid type: string \"1\", expected u64 (line 1, column 568)"),
    ),
    (
        "negative-hits.json",
        Err("[\"/src/a.js\"].s[\"0\"] has the wrong type: invalid value: integer `-1`, expected u64 (line 1, column 567)"),
    ),
    (
        "hits-above-1e15.json",
        Err("[\"/src/a.js\"].s[\"0\"] is 10000000000000000, more than any real run counts (Covscope accepts at most 10^15); the file is damaged or made up"),
    ),
    (
        "branch-hits-above-1e15.json",
        Err("[\"/src/a.js\"].b[\"0\"] is 2000000000000000, more than any real run counts (Covscope accepts at most 10^15); the file is damaged or made up"),
    ),
    (
        "line-beyond-u32.json",
        Err("[\"/src/a.js\"].statementMap[\"1\"].start.line has the wrong type: invalid value: integer `4294967296`, expected a line number below 2^32 (line 1, column 145)"),
    ),
    (
        "column-beyond-u32.json",
        Err("[\"/src/a.js\"].statementMap[\"0\"].end.column has the wrong type: invalid value: integer `4294967296`, expected a column below 2^32 (line 1, column 119)"),
    ),
    (
        "missing-maps.json",
        Err("\"/src/a.js\" is not an Istanbul file coverage object: it lacks one of \"statementMap\", \"fnMap\", \"branchMap\", \"s\", \"f\" and \"b\", which Istanbul requires"),
    ),
    (
        "duplicate-field.json",
        Err("the object at [\"/src/a.js\"] has the key \"s\" twice (line 1, column 605)"),
    ),
    (
        "trailing-garbage.json",
        Err("the file is not valid JSON: trailing characters (line 2, column 1)"),
    ),
    (
        "wrong-type-branch-count.json",
        Err("[\"/src/a.js\"].b[\"0\"][1] has the wrong type: invalid type: string \"x\", expected u64 (line 1, column 601)"),
    ),
    (
        "wrong-type-branch-location.json",
        Err("[\"/src/a.js\"].branchMap[\"0\"].locations[1].start.line has the wrong type: invalid type: string \"two\", expected u64 (line 1, column 544)"),
    ),
    (
        "list-instead-of-map.json",
        Err("[\"/src/a.js\"].s has the wrong type: invalid type: sequence, expected an object keyed by entry number (line 1, column 560)"),
    ),
    (
        "list-instead-of-entry.json",
        Err("[\"/src/a.js\"] has the wrong type: invalid type: sequence, expected an Istanbul file coverage object (line 1, column 13)"),
    ),
    (
        "escaped-path-wrong-name.json",
        Err("[\"/src/é\\\\\\\"quoted\\\".js\"].fnMap[\"0\"].name has the wrong type: invalid type: integer `7`, expected a string (line 1, column 219)"),
    ),
    (
        "repeated-file-and-keys.json",
        Ok(&[
            "1 file is listed more than once (first: \"/src/a.js\"); the last entry was used, as Istanbul does",
            "1 map of a file repeats an entry key (first: [\"/src/a.js\"].s); the last value was used, as JavaScript does",
        ]),
    ),
    (
        "counts-without-entries.json",
        Ok(&[
            "2 counts have no entry in statementMap, fnMap or branchMap (first: [\"/src/a.js\"].s[\"2\"]); they are counted, as Istanbul counts them, but cannot be placed in the source",
        ]),
    ),
    (
        "istanbul-0-skip-marks.json",
        Ok(&[
            "2 entries are marked \"skip\" (Istanbul 0.x's /* istanbul ignore */); istanbul-lib-coverage 3 counts them like any other, and so does Covscope",
        ]),
    ),
];

#[test]
fn malformed_files_get_their_exact_message() {
    check_malformed("istanbul", parse_istanbul, MALFORMED);
}

/// Progress grows, stays within the input, and ends at its length, for a report large
/// enough to pass several MiB marks.
#[test]
fn progress_is_reported_about_every_mib_and_last_at_the_end() {
    let entry = fixture_text("c8-commander/coverage-final.json");
    let inner = entry
        .trim()
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        .expect("an object");
    let copies: Vec<String> = (0..12)
        .map(|copy| inner.replace("/home/dev/", &format!("/home/dev/copy{copy}/")))
        .collect();
    let large = format!("{{{}}}", copies.join(","));
    let mut offsets = Vec::new();
    let outcome = parse_istanbul(large.as_bytes(), &mut |offset| offsets.push(offset));
    let report = outcome.value.expect("the copies load");
    assert_eq!(report.files.len(), 12 * 7);
    assert!(offsets.len() >= 7, "about one report per MiB: {offsets:?}");
    assert!(offsets.windows(2).all(|pair| pair[0] < pair[1]));
    assert_eq!(offsets.last(), Some(&large.len()));
}
