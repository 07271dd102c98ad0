//! llvm-cov export JSON: every row of every real fixture equals llvm-cov's own printed
//! output (its report table, its lcov export of the same run, its per-function report).
//!
//! The expected values are read from llvm-cov's files beside each export, never computed by
//! Covscope; where two of llvm-cov's outputs disagree by design, the test says which one each
//! figure follows and why.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use std::collections::BTreeMap;

use common::check_malformed_folder;
use covscope::core::analysis::table::{column_value, CellValue, MetricPart, TableColumn};
use covscope::core::formats::parse_llvm_cov_json;
use covscope::core::model::{
    BranchOutcome, CoverageReport, FileCoverage, LineNumber, Metric, Region, Tally,
};

/// A file under `tests/fixtures/coverage/`.
fn fixture_bytes(relative: &str) -> Vec<u8> {
    common::fixture_bytes(&format!("coverage/{relative}"))
}

fn fixture_text(relative: &str) -> String {
    common::fixture_text(&format!("coverage/{relative}"))
}

fn parse(relative: &str) -> CoverageReport {
    let outcome = parse_llvm_cov_json(&fixture_bytes(relative), &mut |_| {});
    assert_eq!(outcome.diagnostics, vec![], "{relative}: no diagnostics");
    outcome.value.expect("the export loads")
}

/// The file a report row names: llvm-cov prints paths without their common prefix.
fn file_named<'report>(report: &'report CoverageReport, name: &str) -> &'report FileCoverage {
    let suffix = format!("/{name}");
    let mut matching = report
        .files
        .iter()
        .filter(|file| file.path.ends_with(&suffix));
    let file = matching
        .next()
        .unwrap_or_else(|| panic!("a file for {name}"));
    assert!(matching.next().is_none(), "{name} names one file");
    file
}

// ----- The report table ------------------------------------------------------------------

/// One row of `llvm-cov report` as printed: per metric its total, missed and cover text.
#[derive(Debug, PartialEq)]
struct TableCells {
    name: String,
    /// (total, missed, cover) for regions, functions, lines, branches, in that order.
    metrics: Vec<(String, String, String)>,
}

const TABLE_METRICS: [Metric; 4] = [
    Metric::Regions,
    Metric::Functions,
    Metric::Lines,
    Metric::Branches,
];

/// Reads llvm-cov's report table: the header must be the twelve columns it prints by
/// default (no instantiations, no MC/DC).
fn read_report_table(relative: &str) -> Vec<TableCells> {
    let text = fixture_text(relative);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split_whitespace().collect();
    assert_eq!(
        header.join(" "),
        "Filename Regions Missed Regions Cover Functions Missed Functions Executed Lines Missed Lines Cover Branches Missed Branches Cover",
        "{relative}: the default columns"
    );
    lines
        .filter(|line| !line.starts_with('-') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(fields.len(), 13, "{relative}: {line}");
            TableCells {
                name: fields[0].to_string(),
                metrics: fields[1..]
                    .chunks(3)
                    .map(|cells| {
                        (
                            cells[0].to_string(),
                            cells[1].to_string(),
                            cells[2].trim_end_matches('%').to_string(),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

/// What Covscope's table shows for some counts, in llvm-cov's layout.
fn shown_cells(
    report: &CoverageReport,
    name: &str,
    counts: &covscope::core::model::Counts,
    coverage: &covscope::core::model::CoverageFigure,
    stated: &[covscope::core::model::MetricFigure],
) -> TableCells {
    let metrics = TABLE_METRICS
        .iter()
        .map(|&metric| {
            let value = |part| {
                column_value(
                    &report.facts,
                    counts,
                    coverage,
                    stated,
                    TableColumn::Metric { metric, part },
                )
            };
            let (CellValue::Count(covered), CellValue::Count(total), CellValue::Figure(figure)) = (
                value(MetricPart::Covered),
                value(MetricPart::Total),
                value(MetricPart::Percent),
            ) else {
                panic!("{name}: {metric:?} is shown");
            };
            (
                total.to_string(),
                total.saturating_sub(covered).to_string(),
                figure.display,
            )
        })
        .collect();
    TableCells {
        name: name.to_string(),
        metrics,
    }
}

/// Every row and the total of llvm-cov's report table equal what Covscope shows.
fn check_table(export: &str, report_table: &str) {
    let report = parse(export);
    let printed = read_report_table(report_table);
    let (total, rows) = printed.split_last().expect("rows and a TOTAL");
    assert_eq!(total.name, "TOTAL");
    assert_eq!(rows.len(), report.files.len(), "{export}: one row per file");
    for row in rows {
        let file = file_named(&report, &row.name);
        let shown = shown_cells(
            &report,
            &row.name,
            &file.counts,
            &file.coverage,
            &file.stated_figures,
        );
        assert_eq!(&shown, row, "{export}");
    }
    let shown = shown_cells(
        &report,
        "TOTAL",
        &report.totals,
        &report.total_coverage,
        &report.stated_total_figures,
    );
    assert_eq!(&shown, total, "{export}");
}

/// The exports and the report table of the same run.
const TABLES: &[(&str, &str)] = &[
    ("llvmcov-semver/coverage.json", "llvmcov-semver/report.txt"),
    (
        "llvmcov-semver/coverage-summary.json",
        "llvmcov-semver/report.txt",
    ),
    (
        "llvmcov-cpp-shapes/llvm-14/coverage.json",
        "llvmcov-cpp-shapes/llvm-14/report.txt",
    ),
    (
        "llvmcov-cpp-shapes/llvm-14/coverage-summary.json",
        "llvmcov-cpp-shapes/llvm-14/report.txt",
    ),
    (
        "llvmcov-cpp-shapes/llvm-19/coverage.json",
        "llvmcov-cpp-shapes/llvm-19/report.txt",
    ),
    (
        "llvmcov-cpp-shapes/llvm-19/coverage-summary.json",
        "llvmcov-cpp-shapes/llvm-19/report.txt",
    ),
];

#[test]
fn every_row_and_total_equals_llvm_cov_report() {
    for (export, table) in TABLES {
        check_table(export, table);
    }
}

// ----- Lines and branches against llvm-cov's lcov export of the same run ---------------------

/// One file's records in llvm-cov's lcov export.
#[derive(Debug, Default)]
struct LcovRecords {
    /// `DA:<line>,<count>`.
    lines: Vec<(u64, u64)>,
    /// `BRDA:<line>,<block>,<branch>,<count or ->`.
    branches: Vec<(u64, u32, u32, Option<u64>)>,
}

fn read_lcov(relative: &str) -> BTreeMap<String, LcovRecords> {
    let mut files = BTreeMap::new();
    let mut current: Option<(String, LcovRecords)> = None;
    for line in fixture_text(relative).lines() {
        if let Some(path) = line.strip_prefix("SF:") {
            current = Some((path.to_string(), LcovRecords::default()));
        } else if let Some(record) = line.strip_prefix("DA:") {
            let (number, count) = record.split_once(',').expect("DA:line,count");
            let records = &mut current.as_mut().expect("inside SF").1;
            records
                .lines
                .push((number.parse().expect("line"), count.parse().expect("count")));
        } else if let Some(record) = line.strip_prefix("BRDA:") {
            let fields: Vec<&str> = record.split(',').collect();
            let records = &mut current.as_mut().expect("inside SF").1;
            records.branches.push((
                fields[0].parse().expect("line"),
                fields[1].parse().expect("block"),
                fields[2].parse().expect("branch"),
                fields[3].parse().ok(),
            ));
        } else if line == "end_of_record" {
            let (path, records) = current.take().expect("inside SF");
            files.insert(path, records);
        }
    }
    files
}

/// The lines derived from the segments, as `DA` records would list them.
fn derived_lines(file: &FileCoverage) -> Vec<(u64, u64)> {
    let mut lines: Vec<(u64, u64)> = file
        .executed_lines
        .iter()
        .copied()
        .zip(file.executed_line_hits.iter().copied())
        .chain(file.missing_lines.iter().map(|&line| (line, 0)))
        .map(|(line, hits)| (u64::from(line), hits))
        .collect();
    lines.sort_unstable();
    lines
}

/// lcov's branch numbering: the block counts branch points on a line, the branch counts
/// outcomes on the line (llvm-cov numbers them 0, 1, 2, 3 across two branch points).
fn as_brda(outcomes: &[BranchOutcome]) -> Vec<(u64, u32, u32, Option<u64>)> {
    let mut per_line: BTreeMap<u64, u32> = BTreeMap::new();
    outcomes
        .iter()
        .map(|outcome| {
            let line = u64::from(outcome.line);
            let index = per_line.entry(line).or_insert(0);
            *index += 1;
            (line, outcome.block, *index - 1, outcome.taken)
        })
        .collect()
}

/// Where a file's merged branch outcomes differ from llvm-cov's lcov export, and why.
struct BranchDifference {
    export: &'static str,
    file: &'static str,
    line: u64,
    /// What Covscope shows on the line, as `BRDA` records would read.
    shown: &'static [(u32, u32, Option<u64>)],
    why: &'static str,
}

const BRANCH_DIFFERENCES: &[BranchDifference] = &[
    BranchDifference {
        export: "llvmcov-cpp-shapes/llvm-14/coverage.json",
        file: "util.h",
        line: 20,
        shown: &[(0, 0, Some(1)), (0, 1, Some(1))],
        why: "lcov lists the branch of largest<T> once per instantiation (int: 0 and 1, double: 1 and 0); Covscope merges them, hits summed",
    },
    BranchDifference {
        export: "llvmcov-cpp-shapes/llvm-19/coverage.json",
        file: "util.h",
        line: 20,
        shown: &[(0, 0, Some(1)), (0, 1, Some(1))],
        why: "lcov lists the branch of largest<T> once per instantiation (int: 0 and 1, double: 1 and 0); Covscope merges them, hits summed",
    },
];

/// The derived lines equal llvm-cov's `DA` records exactly (line and count), and the branch
/// outcomes its `BRDA` records except where `BRANCH_DIFFERENCES` says.
fn check_against_lcov(export: &str, lcov: &str) {
    let report = parse(export);
    let records = read_lcov(lcov);
    assert_eq!(
        records.len(),
        report.files.len(),
        "{export}: the same files"
    );
    for file in &report.files {
        let expected = &records[&file.path];
        assert!(file.has_line_lists, "{}", file.path);
        assert_eq!(
            derived_lines(file),
            expected.lines,
            "{export}: {} lines",
            file.path
        );
        let mut shown = as_brda(&file.branch_outcomes);
        let mut printed = expected.branches.clone();
        for difference in BRANCH_DIFFERENCES {
            if difference.export == export && file.path.ends_with(&format!("/{}", difference.file))
            {
                let on_line =
                    |records: &[(u64, u32, u32, Option<u64>)]| -> Vec<(u32, u32, Option<u64>)> {
                        records
                            .iter()
                            .filter(|record| record.0 == difference.line)
                            .map(|record| (record.1, record.2, record.3))
                            .collect()
                    };
                assert_eq!(on_line(&shown), difference.shown, "{}", difference.why);
                assert_ne!(
                    on_line(&printed),
                    difference.shown,
                    "{}: still a difference",
                    difference.why
                );
                shown.retain(|record| record.0 != difference.line);
                printed.retain(|record| record.0 != difference.line);
            }
        }
        assert_eq!(shown, printed, "{export}: {} branches", file.path);
    }
}

const LCOV_EXPORTS: &[(&str, &str)] = &[
    ("llvmcov-semver/coverage.json", "llvmcov-semver/lcov.info"),
    (
        "llvmcov-cpp-shapes/llvm-14/coverage.json",
        "llvmcov-cpp-shapes/llvm-14/lcov.info",
    ),
    (
        "llvmcov-cpp-shapes/llvm-19/coverage.json",
        "llvmcov-cpp-shapes/llvm-19/lcov.info",
    ),
];

#[test]
fn lines_and_branches_equal_llvm_cov_lcov_export() {
    for (export, lcov) in LCOV_EXPORTS {
        check_against_lcov(export, lcov);
    }
}

// ----- Functions -------------------------------------------------------------------------

/// Each file's functions (instantiation groups) add up to its summary exactly as llvm-cov's
/// report adds them: one function per group, run when any instantiation ran, and the
/// group's regions and lines summed into the file's.
fn check_functions_add_up(export: &str) {
    let report = parse(export);
    assert!(report.facts.has_regions, "{export}");
    for file in &report.files {
        let tally = |metric| file.counts.tally(metric).expect("counted");
        let region_tally = |region: &Region, metric| region.counts.tally(metric).expect("counted");
        let functions = Tally::new(
            file.regions
                .iter()
                .filter(|region| region.hits > Some(0))
                .count() as u64,
            file.regions.len() as u64,
        );
        assert_eq!(
            functions,
            tally(Metric::Functions),
            "{export}: {} functions",
            file.path
        );
        for metric in [Metric::Regions, Metric::Lines] {
            let added: Tally = file
                .regions
                .iter()
                .map(|region| region_tally(region, metric))
                .sum();
            assert_eq!(added, tally(metric), "{export}: {} {metric:?}", file.path);
        }
    }
}

#[test]
fn functions_add_up_to_each_files_summary() {
    for export in [
        "llvmcov-semver/coverage.json",
        "llvmcov-cpp-shapes/llvm-14/coverage.json",
        "llvmcov-cpp-shapes/llvm-19/coverage.json",
    ] {
        check_functions_add_up(export);
    }
}

/// One row of `llvm-cov report -show-functions`: one instantiation's regions and lines.
#[derive(Clone, Copy, Debug, PartialEq)]
struct FunctionRow {
    regions: Tally,
    lines: Tally,
}

/// Per file, the rows of `llvm-cov report -show-functions` by function name, in order.
fn read_function_report(relative: &str) -> BTreeMap<String, Vec<(String, FunctionRow)>> {
    let mut files: BTreeMap<String, Vec<(String, FunctionRow)>> = BTreeMap::new();
    let mut current = None;
    for line in fixture_text(relative).lines() {
        if let Some(path) = line
            .strip_prefix("File '")
            .and_then(|rest| rest.strip_suffix("':"))
        {
            current = Some(path.to_string());
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.len() != 10 || fields[0] == "Name" || fields[0] == "TOTAL" {
            continue;
        }
        let number = |index: usize| -> u64 { fields[index].parse().expect("a count") };
        let row = FunctionRow {
            regions: Tally::new(number(1) - number(2), number(1)),
            lines: Tally::new(number(4) - number(5), number(4)),
        };
        let file = current.clone().expect("inside a File section");
        files
            .entry(file)
            .or_default()
            .push((fields[0].to_string(), row));
    }
    files
}

/// Instantiation groups whose functions have different names, and which rows of the
/// per-function report they gather; every other function is its own group.
const GROUPS: &[(&str, &str, &[&str])] = &[
    (
        "util.h",
        "main_a.cpp:_ZL7sign_ofi (+2 more instantiations)",
        &[
            "main_a.cpp:_ZL7sign_ofi",
            "shapes.cpp:_ZL7sign_ofi",
            "main_b.cpp:_ZL7sign_ofi",
        ],
    ),
    (
        "util.h",
        "_Z7largestIiET_S0_S0_ (+1 more instantiation)",
        &["_Z7largestIiET_S0_S0_", "_Z7largestIdET_S0_S0_"],
    ),
];

/// Every function's regions and lines equal `llvm-cov report -show-functions`; a group of
/// instantiations has, per figure, the best of its rows (llvm-cov's group merge).
fn check_functions(export: &str, function_report: &str) {
    let report = parse(export);
    let printed = read_function_report(function_report);
    for file in &report.files {
        let rows = &printed[&file.path];
        let mut expected: Vec<(String, FunctionRow)> = Vec::new();
        let mut grouped: Vec<&str> = Vec::new();
        for (file_name, group_name, members) in GROUPS {
            if !file.path.ends_with(&format!("/{file_name}")) {
                continue;
            }
            let member_rows: Vec<FunctionRow> = rows
                .iter()
                .filter(|(name, _)| members.contains(&name.as_str()))
                .map(|(_, row)| *row)
                .collect();
            assert_eq!(member_rows.len(), members.len(), "{group_name}");
            let best = |figure: fn(&FunctionRow) -> Tally| {
                let tallies = member_rows.iter().map(figure);
                Tally::new(
                    tallies
                        .clone()
                        .map(|tally| tally.covered)
                        .max()
                        .unwrap_or(0),
                    tallies.map(|tally| tally.total).max().unwrap_or(0),
                )
            };
            expected.push((
                group_name.to_string(),
                FunctionRow {
                    regions: best(|row| row.regions),
                    lines: best(|row| row.lines),
                },
            ));
            grouped.extend(members.iter().copied());
        }
        expected.extend(
            rows.iter()
                .filter(|(name, _)| !grouped.contains(&name.as_str()))
                .cloned(),
        );
        let mut shown: Vec<(String, FunctionRow)> = file
            .regions
            .iter()
            .map(|region| {
                let tally = |metric| region.counts.tally(metric).expect("counted");
                (
                    region.name.clone(),
                    FunctionRow {
                        regions: tally(Metric::Regions),
                        lines: tally(Metric::Lines),
                    },
                )
            })
            .collect();
        expected.sort_by(|left, right| left.0.cmp(&right.0));
        shown.sort_by(|left, right| left.0.cmp(&right.0));
        assert_eq!(shown, expected, "{export}: {}", file.path);
    }
}

#[test]
fn every_function_equals_llvm_cov_function_report() {
    for version in ["llvm-14", "llvm-19"] {
        check_functions(
            &format!("llvmcov-cpp-shapes/{version}/coverage.json"),
            &format!("llvmcov-cpp-shapes/{version}/functions.txt"),
        );
    }
}

// ----- Malformed and odd exports ---------------------------------------------------------

/// Every file in `tests/fixtures/malformed/llvm-cov/` (made by its `generate.py`) and the
/// first message it gives: the error when it is refused, else its one warning.
const MALFORMED: &[(&str, bool, &str)] = &[
    ("branch-too-short.json", false, "data[0].files[0].branches[0] has the wrong type: invalid length 5, expected a branch [lineStart, columnStart, lineEnd, columnEnd, trueCount, falseCount, ...] (line 1, column 45)"),
    ("count-above-1e15.json", false, "data[0].files[0].summary.lines.count is 1000000000000001, more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up (line 1, column 2665)"),
    ("count-is-text.json", false, "data[0].totals.functions.count has the wrong type: invalid type: string \"4\", expected u64 (line 1, column 4699)"),
    ("count-negative.json", false, "data[0].files[0].summary.regions.covered has the wrong type: invalid value: integer `-3`, expected u64 (line 1, column 2728)"),
    ("covered-above-count.json", true, "more are covered than there are in 2 places (first: data[0].files[0] (\"/tmp/cpp-shapes/shapes.cpp\").summary.functions: 5 covered of 4); the counts are shown as written"),
    ("data-empty.json", false, "\"data\" is an empty list; an llvm-cov export always holds one export with its files and totals"),
    ("data-not-a-list.json", false, "data has the wrong type: invalid type: map, expected a list of exports (line 1, column 8)"),
    ("deep-nesting-in-unknown-key.json", true, ""),
    ("duplicate-segments-key.json", false, "data[0].files[0] has the key \"segments\" twice (line 1, column 918)"),
    ("expansion-without-source-region.json", false, "data[0].files[0].expansions[0] has no \"source_region\", which the format always has (line 1, column 816)"),
    ("file-without-filename.json", false, "data[0].files[0] has no \"filename\", which the format always has (line 1, column 2734)"),
    ("file-without-summary.json", false, "data[0].files[0] has no \"summary\", which the format always has (line 1, column 2438)"),
    ("function-region-too-short.json", false, "data[0].functions[0].regions[0] has the wrong type: invalid length 5, expected a region [lineStart, columnStart, lineEnd, columnEnd, count, fileId, expandedFileId, kind] (line 1, column 3020)"),
    ("function-without-name.json", false, "data[0].functions[0] has no \"name\", which the format always has (line 1, column 3302)"),
    ("nan-percent.json", false, "the file is not valid JSON: expected value: `NaN` is not allowed in JSON (line 1, column 2755)"),
    ("no-data.json", false, "the top level has no \"data\", which the format always has (line 1, column 54)"),
    ("no-totals.json", false, "data[0] has no \"totals\", which the format always has (line 1, column 4585)"),
    ("no-type.json", false, "the file is JSON with \"data\" but no \"type\"; an llvm-cov export names itself \"llvm.coverage.json.export\""),
    ("no-version.json", true, "there is no \"version\"; the export was read as format 3.x"),
    ("notcovered-disagrees.json", true, "\"notcovered\" disagrees with \"count\" and \"covered\" in 1 place (first: data[0].files[0] (\"/tmp/cpp-shapes/shapes.cpp\").summary.regions: notcovered is 9 but 32 of 36 are covered); count and covered are shown"),
    ("percent-disagrees.json", true, "a stated percent disagrees with its counts in 1 place (first: data[0].files[0] (\"/tmp/cpp-shapes/shapes.cpp\").summary.lines: percent is 50 but 28 of 38 is 73.68421052631578); the report's own percentages are shown"),
    ("segment-count-negative.json", false, "data[0].files[0].segments[2][2] has the wrong type: invalid value: integer `-1`, expected u64 (line 1, column 963)"),
    ("segment-flag-is-number.json", false, "data[0].files[0].segments[2][3] has the wrong type: invalid type: integer `1`, expected a boolean (line 1, column 964)"),
    ("segment-line-beyond-u32.json", false, "data[0].files[0].segments[2] has line 4294967296, beyond the largest line number llvm-cov writes (4294967295) (line 1, column 968)"),
    ("segment-too-short.json", false, "data[0].files[0].segments[2] has the wrong type: invalid length 3, expected a segment [line, column, count, hasCount, isRegionEntry, isGapRegion] (line 1, column 963)"),
    ("segments-out-of-order.json", true, "segments are out of order (llvm-cov sorts them by line and column) in 1 place (first: data[0].files[0] (\"/tmp/cpp-shapes/shapes.cpp\").segments[4]); those files' line lists are left out, their figures are the report's"),
    ("segments-span-four-billion-lines.json", true, "segments span more lines than Covscope lists for a file of this size in 1 place (first: data[0].files[0] (\"/tmp/cpp-shapes/shapes.cpp\")); those files' line lists are left out, their figures are the report's"),
    ("summary-without-lines.json", false, "data[0].files[0] (\"/tmp/cpp-shapes/shapes.cpp\").summary has no \"lines\", which every llvm-cov summary has"),
    ("totals-disagree.json", true, "the totals say 28 of 39 lines but the files add up to 28 of 38; the totals are shown as written"),
    ("truncated-at-1.json", false, "the file is not valid JSON: it ends too early (EOF while parsing an object) (line 1, column 1); it was probably cut short"),
    ("truncated-at-2000.json", false, "the file is not valid JSON: it ends too early (EOF while parsing a list) (line 1, column 2000); it was probably cut short"),
    ("truncated-at-300.json", false, "the file is not valid JSON: it ends too early (EOF while parsing a value) (line 1, column 300); it was probably cut short"),
    ("truncated-at-40.json", false, "the file is not valid JSON: it ends too early (EOF while parsing a value) (line 1, column 40); it was probably cut short"),
    ("truncated-at-4974.json", false, "the file is not valid JSON: it ends too early (EOF while parsing an object) (line 1, column 4974); it was probably cut short"),
    ("two-exports.json", true, "the file holds 2 exports (llvm-cov writes one); their files and totals were added together"),
    ("unknown-version.json", true, "export format version \"4.0.0\" is not one Covscope knows (2.x, 3.x); it was read as 3.x"),
    ("wrong-root-array.json", false, "the top level has the wrong type: invalid type: sequence, expected an llvm-cov export object (line 1, column 0)"),
    ("wrong-root-string.json", false, "the top level has the wrong type: invalid type: string \"llvm.coverage.json.export\", expected an llvm-cov export object (line 1, column 27)"),
    ("wrong-type-name.json", false, "the file is JSON with \"data\" but its \"type\" is \"llvm.coverage.json.import\", not \"llvm.coverage.json.export\"; it is not an llvm-cov export"),
];

#[test]
fn malformed_exports_say_what_is_wrong_and_where() {
    check_malformed_folder("malformed/llvm-cov", parse_llvm_cov_json, MALFORMED);
}

// ----- Odd but valid exports, progress, the dropped-file road --------------------------------

/// Export format 2.0.0 (LLVM 7 to 11): segments without the gap flag, no branches anywhere.
/// It loads with no branch metric, so the table shows no branch columns, as llvm-cov 11's
/// report had none.
#[test]
fn an_export_from_before_branches_loads_without_a_branch_metric() {
    let summary = r#"{"functions":{"count":1,"covered":1,"percent":100},"instantiations":{"count":1,"covered":1,"percent":100},"lines":{"count":3,"covered":2,"percent":66.666666666666657},"regions":{"count":2,"covered":1,"notcovered":1,"percent":50}}"#;
    let export = format!(
        r#"{{"data":[{{"files":[{{"expansions":[],"filename":"/src/a.c","segments":[[1,10,4,true,true],[2,5,0,true,true],[2,9,4,true,false],[3,2,0,false,false]],"summary":{summary}}}],"functions":[{{"count":4,"filenames":["/src/a.c"],"name":"f","regions":[[1,10,3,2,4,0,0,0],[2,5,2,9,0,0,0,0]]}}],"totals":{summary}}}],"type":"llvm.coverage.json.export","version":"2.0.0"}}"#
    );
    let outcome = parse_llvm_cov_json(export.as_bytes(), &mut |_| {});
    assert_eq!(outcome.diagnostics, vec![]);
    let report = outcome.value.expect("loads");
    assert!(!report.facts.has_branches);
    assert_eq!(report.totals.tally(Metric::Branches), None);
    let file = &report.files[0];
    // Line 1 starts a region run 4 times; line 2 starts one run 0 times but is wrapped by
    // the count 4; line 3 is wrapped by the count 4 again.
    assert_eq!(file.executed_lines, vec![1, 2, 3]);
    assert_eq!(file.executed_line_hits, vec![4, 4, 4]);
    assert_eq!(report.files[0].regions[0].name, "f");
    assert_eq!(report.files[0].regions[0].hits, Some(4));
}

/// A value nested 100,000 deep under a key the parser skips neither overflows the stack
/// nor stops the export from loading.
#[test]
fn deep_nesting_under_an_unknown_key_is_skipped() {
    let valid = fixture_text("llvmcov-cpp-shapes/llvm-14/coverage-summary.json");
    let nested = format!(
        "{{\"extra\":{}{},{}",
        "[".repeat(100_000),
        "]".repeat(100_000),
        valid.trim_start().strip_prefix('{').expect("an object")
    );
    let outcome = parse_llvm_cov_json(nested.as_bytes(), &mut |_| {});
    assert!(outcome.value.is_some() || outcome.first_error().is_some());
}

/// Progress is told at the file and function names past each MiB, always increasing, and
/// last at the length; the offsets expected are where those names start in the text.
#[test]
fn progress_follows_file_and_function_names() {
    let summary = r#"{"functions":{"count":0,"covered":0,"percent":0},"lines":{"count":0,"covered":0,"percent":0},"regions":{"count":0,"covered":0,"notcovered":0,"percent":0}}"#;
    let files: Vec<String> = (0..15_000)
        .map(|index| {
            format!(r#"{{"filename":"/src/file{index:05}.c","segments":[],"summary":{summary}}}"#)
        })
        .collect();
    let export = format!(
        r#"{{"data":[{{"files":[{}],"functions":[],"totals":{summary}}}],"type":"llvm.coverage.json.export","version":"3.1.0"}}"#,
        files.join(",")
    );
    assert!(export.len() > 2 << 20, "over two MiB");
    let mut reported = Vec::new();
    let outcome = parse_llvm_cov_json(export.as_bytes(), &mut |offset| reported.push(offset));
    assert!(outcome.value.is_some());
    let name_starts: Vec<usize> = export
        .match_indices("\"filename\":\"")
        .map(|(index, found)| index + found.len())
        .collect();
    let mut expected = Vec::new();
    let mut next_step = 1 << 20;
    for start in name_starts {
        if start >= next_step {
            expected.push(start);
            next_step = start + (1 << 20);
        }
    }
    expected.push(export.len());
    assert_eq!(reported, expected);
}

/// A dropped `coverage.json` that is an llvm-cov export reaches this parser, whatever its
/// name says.
#[test]
fn a_dropped_export_is_read_as_llvm_cov() {
    use covscope::core::input::{parse_dropped_file, DroppedContent};
    let bytes = fixture_bytes("llvmcov-semver/coverage.json");
    let outcome = parse_dropped_file("coverage.json", &bytes);
    let Some(DroppedContent::Coverage(report)) = outcome.value else {
        panic!("a coverage report: {:?}", outcome.diagnostics);
    };
    assert_eq!(
        report.facts.format,
        covscope::core::model::CoverageFormat::LlvmCov
    );
    assert_eq!(report.facts.format_version.as_deref(), Some("3.1.0"));
    assert_eq!(
        report.facts.tool_version.as_deref(),
        Some("cargo-llvm-cov 0.9.1")
    );
}

/// Rust names are demangled (v0 here), without the crate hash, so a function compiled into
/// the library's own test binary and into the integration tests reads as one name; a generic
/// function whose instantiations differ says how many more there are.
#[test]
fn rust_function_names_are_demangled() {
    let report = parse("llvmcov-semver/coverage.json");
    let display = file_named(&report, "display.rs");
    let names: Vec<(LineNumber, &str)> = display
        .regions
        .iter()
        .map(|region| (region.start_line.expect("a start"), region.name.as_str()))
        .collect();
    // lcov.info's `FN:6,_RNCNvXNtCsgtpyCEExMXn_6semver7displayNtB6_7VersionNtNtCsgEmfK2I1SDS_4core3fmt7Display3fmt0B6_`
    // and its twin from the other test binary (crate hash `CsfzAEE9VrqVy_`).
    assert!(names.contains(&(
        6,
        "<semver::Version as core::fmt::Display>::fmt::{closure#0}"
    )));
    assert!(names.contains(&(156, "semver::display::digits")));
    assert!(names.contains(&(120, "semver::display::pad::<_, _> (+1 more instantiation)")));
}
