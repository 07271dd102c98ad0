//! Every row and total of every real Cobertura fixture against its writer's own printed
//! summary: coverage.py's `report -m` (toolz, boltons), Istanbul's text reporters (c8 and
//! Jest runs), llvm-cov's report table (cargo-llvm-cov) and tarpaulin's summary.
//!
//! Where the same run's Cobertura says something else than the printed summary (see each
//! folder's PROVENANCE.md), the test pins what the Cobertura file says and says why.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]

mod common;
#[path = "common/istanbul_summary_counts.rs"]
mod istanbul_summary_counts;
// Only the table and text-summary readers are used here.
#[allow(dead_code)]
#[path = "common/istanbul_text_report.rs"]
mod istanbul_text_report;

use std::collections::BTreeMap;

use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{
    CoverageFormat, CoverageReport, FileCoverage, Metric, PercentRule, Precision, RegionKind, Tally,
};
use istanbul_summary_counts::{read_summary_counts, SummaryCounts};
use istanbul_text_report::{file_rows, fitted_to_column, read_text_summary, read_text_table};

/// A fixture under `tests/fixtures/coverage/`, as bytes and as text.
fn fixture(relative: &str) -> Vec<u8> {
    common::fixture_bytes(&format!("coverage/{relative}"))
}

fn read_text(relative: &str) -> String {
    common::fixture_text(&format!("coverage/{relative}"))
}

/// Loads a fixture the way a dropped file is loaded; returns the report and its warnings.
fn load(relative: &str) -> (CoverageReport, Vec<String>) {
    let bytes = fixture(relative);
    let outcome = parse_dropped_file(relative, &bytes);
    let warnings = outcome.warning_messages();
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => {
            assert_eq!(report.facts.format, CoverageFormat::Cobertura, "{relative}");
            (*report, warnings)
        }
        _ => panic!("{relative}: {:?}", outcome.diagnostics),
    }
}

/// The text a metric's percentage cell shows for a file.
fn shown(report: &CoverageReport, file: &FileCoverage, metric: Metric) -> String {
    report
        .facts
        .metric_figure(&file.counts, &file.stated_figures, metric)
        .map(|figure| figure.display)
        .unwrap_or_else(|| panic!("{}: no {metric:?} figure", file.path))
}

fn shown_total(report: &CoverageReport, metric: Metric) -> String {
    report
        .facts
        .metric_figure(&report.totals, &report.stated_total_figures, metric)
        .map(|figure| figure.display)
        .expect("a total figure")
}

fn tally(file: &FileCoverage, metric: Metric) -> (u64, u64) {
    let Tally { covered, total } = file.counts.tally(metric).expect("tally");
    (covered, total)
}

// ---------------------------------------------------------------- coverage.py

/// One row of `coverage report -m`, as printed.
struct CoveragePyRow {
    statements: u64,
    missing: u64,
    branches: u64,
    cover: String,
    missing_text: String,
}

fn read_coverage_py_report(relative: &str) -> (BTreeMap<String, CoveragePyRow>, CoveragePyRow) {
    let mut rows = BTreeMap::new();
    let mut total = None;
    for line in read_text(relative).lines().skip(2) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if line.starts_with('-') || fields.len() < 6 {
            continue;
        }
        let row = CoveragePyRow {
            statements: fields[1].parse().expect("Stmts"),
            missing: fields[2].parse().expect("Miss"),
            branches: fields[3].parse().expect("Branch"),
            cover: fields[5].trim_end_matches('%').to_string(),
            missing_text: fields[6..].join(" "),
        };
        if fields[0] == "TOTAL" {
            total = Some(row);
        } else {
            rows.insert(fields[0].to_string(), row);
        }
    }
    (rows, total.expect("TOTAL"))
}

/// coverage.py's covered branches per file, from the same run's `coverage json`: its text
/// table prints only the partial ones.
fn coverage_py_covered_branches(relative: &str) -> BTreeMap<String, u64> {
    let value: serde_json::Value = serde_json::from_slice(&fixture(relative)).expect("JSON");
    value["files"]
        .as_object()
        .expect("files")
        .iter()
        .map(|(path, file)| {
            (
                path.clone(),
                file["summary"]["covered_branches"]
                    .as_u64()
                    .expect("covered_branches"),
            )
        })
        .collect()
}

/// coverage.py's Missing text without its branch arcs (`74->exit`), which Cobertura does
/// not carry.
fn without_arcs(missing_text: &str) -> String {
    missing_text
        .split(", ")
        .filter(|item| !item.is_empty() && !item.contains("->"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// coverage.py's XML: per file the statements, missed lines and branches of `report -m`, the missing lines (arcs aside), and the Cover column rebuilt from the
/// counts by coverage.py's own rule; covered branches from the run's JSON.
fn check_coverage_py(folder: &str) {
    let (report, warnings) = load(&format!("{folder}/coverage.xml"));
    assert_eq!(warnings, Vec::<String>::new(), "{folder}");
    let (rows, total) = read_coverage_py_report(&format!("{folder}/report.txt"));
    let covered_branches = coverage_py_covered_branches(&format!("{folder}/coverage.json"));
    assert_eq!(report.files.len(), rows.len(), "{folder}: one row per file");
    let cover_rule = PercentRule::CoveragePy {
        precision: Precision(0),
    };
    for file in &report.files {
        // relative_files = True: the one <source> ("toolz") joined with the filename
        // ("curried/operator.py") is the path coverage.py's table prints.
        let row = rows
            .get(&file.path)
            .unwrap_or_else(|| panic!("{folder}: {} not in report.txt", file.path));
        let (lines_covered, lines) = tally(file, Metric::Lines);
        let (branches_covered, branches) = tally(file, Metric::Branches);
        assert_eq!(lines, row.statements, "{}: statements", file.path);
        assert_eq!(lines - lines_covered, row.missing, "{}: missing", file.path);
        assert_eq!(branches, row.branches, "{}: branches", file.path);
        assert_eq!(
            branches_covered, covered_branches[&file.path],
            "{}: covered branches",
            file.path
        );
        // BrPart is not checked: Cobertura has no partial-branch count, and coverage.py's
        // (26 for boltons/strutils.py) is not even the number of run lines with a missed
        // arc that its own JSON lists (25), so it cannot be rebuilt from lines.
        let cover = cover_rule.display(Tally::new(
            lines_covered + branches_covered,
            lines + branches,
        ));
        assert_eq!(cover, row.cover, "{}: Cover", file.path);
        assert_eq!(
            format_uncovered_lines(report.facts.format, file),
            without_arcs(&row.missing_text),
            "{}: missing lines",
            file.path
        );
        // coverage.py writes no hit counts: a statement ran (1) or not (0).
        assert!(file.executed_line_hits.iter().all(|&hits| hits == 1));
        assert!(
            file.regions.is_empty(),
            "coverage.py writes <methods/> empty"
        );
    }
    let lines = report.totals.tally(Metric::Lines).expect("lines");
    let branches = report.totals.tally(Metric::Branches).expect("branches");
    assert_eq!(
        (lines.total, lines.total - lines.covered),
        (total.statements, total.missing)
    );
    assert_eq!(branches.total, total.branches);
    assert_eq!(
        cover_rule.display(lines + branches),
        total.cover,
        "{folder}: TOTAL Cover"
    );
    assert_eq!(report.facts.tool_version.as_deref(), Some("7.17.3"));
    assert_eq!(report.facts.format_version.as_deref(), Some("04"));
    assert!(report.facts.has_branches);
}

#[test]
fn coverage_py_toolz_rows_equal_coverage_report() {
    check_coverage_py("toolz");
}

#[test]
fn coverage_py_boltons_rows_equal_coverage_report() {
    check_coverage_py("boltons");
}

/// coverage.py prints no line or branch percentage of its own for these; the figures shown
/// are the rates its XML states (four significant digits, `%.4g`), copied here from the
/// file, and 1 for nothing to cover.
#[test]
fn coverage_py_rates_are_shown_as_stated() {
    let (toolz, _) = load("toolz/coverage.xml");
    let file = |path: &str| {
        toolz
            .files
            .iter()
            .find(|file| file.path == path)
            .expect(path)
    };
    for (path, lines, branches) in [
        ("toolz/functoolz.py", "96.3", "90.97"),
        ("toolz/dicttoolz.py", "100", "97.62"),
        ("toolz/itertoolz.py", "100", "99.41"),
        ("toolz/utils.py", "100", "100"),
    ] {
        assert_eq!(shown(&toolz, file(path), Metric::Lines), lines, "{path}");
        assert_eq!(
            shown(&toolz, file(path), Metric::Branches),
            branches,
            "{path}"
        );
    }
    assert_eq!(shown_total(&toolz, Metric::Lines), "98.64");
    assert_eq!(shown_total(&toolz, Metric::Branches), "96.53");
    assert_eq!(toolz.total_coverage.display, "98.64");
    assert_eq!(
        toolz.facts.timestamp.as_deref(),
        Some("2026-11-20T23:55:25.952Z")
    );
}

// ---------------------------------------------------------------- Istanbul

/// Istanbul's Cobertura against its own text table and summaries of the same run: every
/// file's % Lines and % Branch as printed, its line counts and uncovered lines, its
/// methods (one per function, `hits` = the function's count), and the totals with counts.
///
/// `line_branch_counts` pins the files whose `<line>` elements carry fewer branches than
/// Istanbul counts (covered, total as the lines add up), with the reason in the caller.
fn check_istanbul(folder: &str, line_branch_counts: &[(&str, (u64, u64))]) {
    let (report, warnings) = load(&format!("{folder}/cobertura-coverage.xml"));
    let table = read_text_table(&read_text(&format!("{folder}/report.txt")));
    let printed_files = file_rows(&table);
    let summary = read_text_summary(&read_text(&format!("{folder}/text-summary.txt")));
    let counts: BTreeMap<String, SummaryCounts> =
        read_summary_counts(&fixture(&format!("{folder}/coverage-summary.json")));
    assert_eq!(
        report.files.len(),
        printed_files.len(),
        "{folder}: one row per file"
    );
    for file in &report.files {
        let printed = printed_files
            .iter()
            .find(|row| file.path.ends_with(&format!("/{}", row.relative_path)))
            .unwrap_or_else(|| panic!("no report.txt row for {}", file.path));
        // The table's columns: % Stmts, % Branch, % Funcs, % Lines.
        let [_, branches_pct, _, lines_pct] = &printed.row.percents;
        let istanbul = counts
            .get(&file.path)
            .unwrap_or_else(|| panic!("{}: not in coverage-summary.json", file.path));
        assert_eq!(
            &shown(&report, file, Metric::Lines),
            lines_pct,
            "{}",
            file.path
        );
        assert_eq!(&file.coverage.display, lines_pct, "{}", file.path);
        assert_eq!(
            &shown(&report, file, Metric::Branches),
            branches_pct,
            "{}",
            file.path
        );
        assert_eq!(tally(file, Metric::Lines), istanbul.lines, "{}", file.path);
        let expected_branches = line_branch_counts
            .iter()
            .find(|(suffix, _)| file.path.ends_with(suffix))
            .map_or(istanbul.branches, |(_, pinned)| *pinned);
        assert_eq!(
            tally(file, Metric::Branches),
            expected_branches,
            "{}: branches",
            file.path
        );
        // Istanbul lists uncovered lines unless every line ran, when it lists the lines
        // with a missed branch instead; Cobertura's column lists lines only. Istanbul
        // joins with "," and cuts a long list to its column.
        if lines_pct != "100" {
            let ours = format_uncovered_lines(report.facts.format, file).replace(", ", ",");
            assert_eq!(
                fitted_to_column(&ours, table.uncovered_width),
                printed.row.uncovered.trim(),
                "{}: uncovered lines",
                file.path
            );
        } else {
            assert!(file.missing_lines.is_empty(), "{}", file.path);
        }
        let methods: Vec<_> = file
            .regions
            .iter()
            .filter(|region| region.kind == RegionKind::Function)
            .collect();
        let ran = methods
            .iter()
            .filter(|method| method.hits.is_some_and(|hits| hits > 0))
            .count() as u64;
        assert_eq!(
            (ran, methods.len() as u64),
            istanbul.functions,
            "{}: methods",
            file.path
        );
    }
    for metric in [Metric::Lines, Metric::Branches] {
        let line = summary
            .iter()
            .find(|line| line.metric == metric)
            .unwrap_or_else(|| panic!("{folder}: text-summary has {metric:?}"));
        assert_eq!(report.totals.tally(metric), Some(line.tally), "{folder}");
        assert_eq!(shown_total(&report, metric), line.percent, "{folder}");
    }
    if line_branch_counts.is_empty() {
        assert_eq!(warnings, Vec::<String>::new(), "{folder}");
    }
}

#[test]
fn istanbul_c8_express_rows_equal_istanbul_report() {
    check_istanbul("c8-express", &[]);
}

#[test]
fn istanbul_c8_commander_rows_equal_istanbul_report() {
    check_istanbul("c8-commander", &[]);
}

#[test]
fn istanbul_jest_v8_commander_rows_equal_istanbul_report() {
    check_istanbul("jest-v8-commander", &[]);
}

/// The babel run: Istanbul puts a branch on a line only when a statement starts there, so
/// `a && b && c` continuing on the next line is in its branch count (and in the stated
/// `branch-rate`, which the table shows as Istanbul printed it) but on no `<line>`.
/// command.js: 607 of 633 branches for Istanbul, 520 of 544 on its lines (PROVENANCE.md);
/// help.js (130 for Istanbul) and option.js (59) carry 115 and 57, each counted by
/// summing the fixture's `condition-coverage` attributes outside Covscope.
#[test]
fn istanbul_jest_commander_rows_equal_istanbul_report_but_line_branches() {
    check_istanbul(
        "jest-commander",
        &[
            ("/lib/command.js", (520, 544)),
            ("/lib/help.js", (115, 115)),
            ("/lib/option.js", (57, 57)),
        ],
    );
    let (report, warnings) = load("jest-commander/cobertura-coverage.xml");
    assert_eq!(
        warnings,
        [
            "the report's totals count 845 of 871 branches covered, but its files add up to 741 of 765; the report's own totals are shown (some writers, Istanbul among them, count branches that start on a line without a statement, which no <line> carries)",
            "a class's branch-rate disagrees with the condition-coverage of its lines in 1 place (first: /home/dev/commander.js/lib/command.js: branch-rate 0.9589, the lines give 520 of 544); the stated rates are shown beside the counts of the lines (some writers, Istanbul among them, count branches that start on a line without a statement, which no <line> carries)",
        ]
    );
    // Istanbul writes version="0.1" whatever its version: no tool version is shown.
    assert_eq!(report.facts.tool_version, None);
}

// ---------------------------------------------------------------- cargo-llvm-cov

/// llvm-cov's table counts a line once per function it belongs to, Cobertura once per
/// physical line, so three files list fewer lines than `report.txt` (PROVENANCE.md: their
/// `<line>` elements and hits, and the root's 859 lines, 788 covered, 91.73%).
const LLVM_COV_COBERTURA_LINES: [(&str, (u64, u64), &str); 3] = [
    ("src/display.rs", (95, 119), "79.83"),
    ("src/impls.rs", (63, 83), "75.9"),
    ("src/parse.rs", (265, 267), "99.25"),
];

#[test]
fn llvm_cov_rows_equal_llvm_cov_report_where_the_lines_agree() {
    let (report, warnings) = load("llvmcov-semver/cobertura.xml");
    assert_eq!(warnings, Vec::<String>::new());
    // `Filename Regions Missed Cover Functions Missed Executed Lines Missed Cover ...`
    let printed: BTreeMap<String, (u64, u64, String)> = read_text("llvmcov-semver/report.txt")
        .lines()
        .filter(|line| line.contains(".rs "))
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let lines: u64 = fields[7].parse().expect("Lines");
            let missed: u64 = fields[8].parse().expect("Missed Lines");
            let cover = fields[9].trim_end_matches('%').to_string();
            (fields[0].to_string(), (lines - missed, lines, cover))
        })
        .collect();
    assert_eq!(report.files.len(), printed.len());
    for file in &report.files {
        let pinned = LLVM_COV_COBERTURA_LINES
            .iter()
            .find(|(suffix, _, _)| file.path.ends_with(suffix));
        let shown_lines = shown(&report, file, Metric::Lines);
        match pinned {
            Some((_, counts, text)) => {
                assert_eq!(tally(file, Metric::Lines), *counts, "{}", file.path);
                assert_eq!(&shown_lines, text, "{}", file.path);
            }
            None => {
                let name = file.path.rsplit('/').next().expect("name");
                let (covered, total, cover) = &printed[name];
                assert_eq!(
                    tally(file, Metric::Lines),
                    (*covered, *total),
                    "{}",
                    file.path
                );
                // The same rate; llvm-cov prints "96.30", the stated rate 0.9629… reads 96.3.
                assert_eq!(
                    shown_lines.parse::<f64>().expect("a number"),
                    cover.parse::<f64>().expect("a number"),
                    "{}",
                    file.path
                );
            }
        }
        // No branch data on stable Rust: no branches metric, and the stated "0" for none
        // is not shown as a percentage.
        assert_eq!(file.counts.tally(Metric::Branches), None);
        assert!(file
            .regions
            .iter()
            .all(|region| region.kind == RegionKind::Function));
    }
    let display = report
        .files
        .iter()
        .find(|file| file.path.ends_with("src/display.rs"))
        .expect("display.rs");
    // One <method> per instantiation (24, PROVENANCE.md), each with its declaration line.
    assert_eq!(display.regions.len(), 24);
    assert!(display.regions.iter().all(|region| region.hits.is_some()));
    let lines = report.totals.tally(Metric::Lines).expect("lines");
    assert_eq!((lines.covered, lines.total), (788, 859));
    assert_eq!(shown_total(&report, Metric::Lines), "91.73");
    assert!(!report.facts.has_branches);
    assert_eq!(
        report.facts.timestamp.as_deref(),
        Some("2026-12-04T19:26:49Z")
    );
}

// ---------------------------------------------------------------- tarpaulin

#[test]
fn tarpaulin_rows_equal_tarpaulin_summary() {
    let (report, warnings) = load("tarpaulin-semver/cobertura.xml");
    assert_eq!(warnings, Vec::<String>::new());
    let summary = read_text("tarpaulin-semver/summary.txt");
    // `|| src/display.rs: 72/90`
    let printed: BTreeMap<String, (u64, u64)> = summary
        .lines()
        .filter_map(|line| line.strip_prefix("|| "))
        .filter_map(|line| line.split_once(": "))
        .map(|(path, counts)| {
            let (covered, total) = counts.split_once('/').expect("covered/total");
            (
                path.to_string(),
                (
                    covered.parse().expect("covered"),
                    total.parse().expect("total"),
                ),
            )
        })
        .collect();
    // The empty packages (benches, fuzz, the root) hold no class, so no row.
    assert_eq!(report.files.len(), printed.len());
    for file in &report.files {
        let (path, counts) = printed
            .iter()
            .find(|(path, _)| file.path.ends_with(&format!("/{path}")))
            .unwrap_or_else(|| panic!("{} not in summary.txt", file.path));
        assert_eq!(tally(file, Metric::Lines), *counts, "{path}");
        assert_eq!(file.counts.tally(Metric::Branches), None);
    }
    // `92.17% coverage, 600/651 lines covered`
    let last = summary.lines().last().expect("a total line");
    let (pct, rest) = last.split_once("% coverage, ").expect("total line");
    let counts = rest.trim_end_matches(" lines covered");
    let lines = report.totals.tally(Metric::Lines).expect("lines");
    assert_eq!(format!("{}/{}", lines.covered, lines.total), counts);
    assert_eq!(shown_total(&report, Metric::Lines), pct);
    assert_eq!(report.facts.format_version, None);
    // version="1.9" is not tarpaulin's version (0.37.5, PROVENANCE.md).
    assert_eq!(report.facts.tool_version, None);
}

/// A file split over several `<class>` elements (Java and C# writers) is one row: lines
/// merged with hits summed, no stated rate (each class had its own), one region per class
/// and its methods named after it; paths are joined to the one `<source>`.
#[test]
fn classes_of_one_file_are_merged() {
    let xml = r#"<?xml version="1.0"?>
<coverage line-rate="0.75" branch-rate="0.5" lines-covered="3" lines-valid="4" branches-covered="1" branches-valid="2" timestamp="1700000000000" version="2.1.1">
  <sources><source>/work/app/src/main/java/</source></sources>
  <packages><package name="org.example">
    <classes>
      <class name="org.example.Widget" filename="org/example/Widget.java" line-rate="1" branch-rate="1">
        <methods><method name="build" signature="()V" line-rate="1" branch-rate="1">
          <lines><line number="3" hits="2"/></lines></method></methods>
        <lines><line number="3" hits="2"/><line number="4" hits="2" branch="true" condition-coverage="50% (1/2)"/></lines>
      </class>
      <class name="org.example.Widget$Part" filename="org/example/Widget.java" line-rate="0.5" branch-rate="1">
        <methods/>
        <lines><line number="10" hits="1"/><line number="11" hits="0"/><line number="3" hits="1"/></lines>
      </class>
    </classes>
  </package></packages>
</coverage>"#;
    let outcome = parse_dropped_file("coverage.xml", xml.as_bytes());
    let Some(DroppedContent::Coverage(report)) = outcome.value else {
        panic!("{:?}", outcome.diagnostics)
    };
    let [file] = report.files.as_slice() else {
        panic!("one file")
    };
    assert_eq!(file.path, "/work/app/src/main/java/org/example/Widget.java");
    assert_eq!(file.executed_lines, [3, 4, 10]);
    assert_eq!(file.executed_line_hits, [3, 2, 1]);
    assert_eq!(file.missing_lines, [11]);
    assert_eq!(tally(file, Metric::Lines), (3, 4));
    assert_eq!(tally(file, Metric::Branches), (1, 2));
    assert!(file.stated_figures.is_empty());
    assert_eq!(shown(&report, file, Metric::Lines), "75");
    let names: Vec<&str> = file
        .regions
        .iter()
        .map(|region| region.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "org.example.Widget",
            "org.example.Widget$Part",
            "org.example.Widget.build"
        ]
    );
    assert_eq!(file.regions[2].hits, Some(2));
    assert_eq!(file.regions[1].start_line, Some(3));
    assert_eq!(file.regions[1].end_line, Some(11));
    assert_eq!(
        outcome.diagnostics,
        Vec::new(),
        "root counts equal the sum of the merged file"
    );
    assert_eq!(
        report.facts.timestamp.as_deref(),
        Some("2023-11-14T22:13:20.000Z")
    );
}
