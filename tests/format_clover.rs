//! Every row and total of every real Clover fixture (all four written by Istanbul) against
//! Istanbul's own printed summary of the same run.
//!
//! Istanbul's Clover `statements` are its *lines* (PROVENANCE.md of jest-commander: the
//! root says 1306 statements where the text report says 1377 statements and 1306 lines),
//! so a Clover "Statements" figure is checked against Istanbul's Lines column; conditionals
//! are Istanbul's branches and methods its functions.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]

mod common;
#[path = "common/istanbul_summary_counts.rs"]
mod istanbul_summary_counts;
// Only the table and text-summary readers are used here.
#[allow(dead_code)]
#[path = "common/istanbul_text_report.rs"]
mod istanbul_text_report;

use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{
    CoverageFormat, CoverageReport, FileCoverage, LineNumber, Metric, RegionKind,
};
use istanbul_summary_counts::read_summary_counts;
use istanbul_text_report::{file_rows, fitted_to_column, read_text_summary, read_text_table};

/// A fixture under `tests/fixtures/coverage/`, as bytes and as text.
fn read_fixture(relative: &str) -> Vec<u8> {
    common::fixture_bytes(&format!("coverage/{relative}"))
}

fn read_text(relative: &str) -> String {
    common::fixture_text(&format!("coverage/{relative}"))
}

fn load_text(name: &str, bytes: &[u8]) -> (CoverageReport, Vec<String>) {
    let outcome = parse_dropped_file(name, bytes);
    let warnings = outcome.warning_messages();
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => {
            assert_eq!(report.facts.format, CoverageFormat::Clover, "{name}");
            (*report, warnings)
        }
        _ => panic!("{name}: {:?}", outcome.diagnostics),
    }
}

fn shown(report: &CoverageReport, file: &FileCoverage, metric: Metric) -> String {
    report
        .facts
        .metric_figure(&file.counts, &file.stated_figures, metric)
        .map(|figure| figure.display)
        .unwrap_or_else(|| panic!("{}: no {metric:?}", file.path))
}

fn tally(counts: &covscope::core::model::Counts, metric: Metric) -> (u64, u64) {
    let tally = counts.tally(metric).expect("tally");
    (tally.covered, tally.total)
}

/// `warnings` are the exact warnings the file must give.
fn check(folder: &str, warnings: &[&str]) {
    let relative = format!("{folder}/clover.xml");
    let (report, given) = load_text(&relative, &read_fixture(&relative));
    assert_eq!(given, warnings, "{folder}");
    let table = read_text_table(&read_text(&format!("{folder}/report.txt")));
    let printed_files = file_rows(&table);
    let summary = read_text_summary(&read_text(&format!("{folder}/text-summary.txt")));
    let counts = read_summary_counts(&read_fixture(&format!("{folder}/coverage-summary.json")));
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
        let [_, branches_pct, functions_pct, lines_pct] = &printed.row.percents;
        let istanbul = counts[&file.path];
        assert_eq!(
            tally(&file.counts, Metric::Statements),
            istanbul.lines,
            "{}",
            file.path
        );
        assert_eq!(
            tally(&file.counts, Metric::Branches),
            istanbul.branches,
            "{}",
            file.path
        );
        assert_eq!(
            tally(&file.counts, Metric::Functions),
            istanbul.functions,
            "{}",
            file.path
        );
        assert_eq!(
            &shown(&report, file, Metric::Statements),
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
        assert_eq!(
            &shown(&report, file, Metric::Functions),
            functions_pct,
            "{}",
            file.path
        );
        // The lines are Istanbul's lines, so they add up to its line count.
        let listed = file.executed_lines.len() + file.missing_lines.len();
        assert_eq!(
            (file.executed_lines.len() as u64, listed as u64),
            istanbul.lines,
            "{}",
            file.path
        );
        if lines_pct != "100" {
            let ours = format_uncovered_lines(report.facts.format, file).replace(", ", ",");
            assert_eq!(
                fitted_to_column(&ours, table.uncovered_width),
                printed.row.uncovered.trim(),
                "{}: uncovered lines",
                file.path
            );
        }
    }
    // Istanbul's Lines are Clover's statements.
    for (metric, printed_metric) in [
        (Metric::Statements, Metric::Lines),
        (Metric::Branches, Metric::Branches),
        (Metric::Functions, Metric::Functions),
    ] {
        let printed = summary
            .iter()
            .find(|line| line.metric == printed_metric)
            .unwrap_or_else(|| panic!("{folder}: text-summary has {printed_metric:?}"));
        assert_eq!(
            report.totals.tally(metric),
            Some(printed.tally),
            "{folder} {metric:?}"
        );
        let figure = report
            .facts
            .metric_figure(&report.totals, &report.stated_total_figures, metric)
            .expect("figure");
        assert_eq!(figure.display, printed.percent, "{folder} {metric:?}");
    }
    assert_eq!(report.facts.format_version.as_deref(), Some("3.2.0"));
    assert!(report.facts.has_branches);
}

#[test]
fn c8_express_rows_equal_istanbul_report() {
    check("c8-express", &[]);
}

#[test]
fn c8_commander_rows_equal_istanbul_report() {
    check("c8-commander", &[]);
}

#[test]
fn jest_v8_commander_rows_equal_istanbul_report() {
    check("jest-v8-commander", &[]);
}

/// The babel run's lines carry only the branches that start on a line with a statement
/// (PROVENANCE.md: 231 `cond` lines for 633 conditionals in command.js); the figures come
/// from `<metrics>`, which count them all, and a warning says why the lines hold fewer.
#[test]
fn jest_commander_rows_equal_istanbul_report() {
    check(
        "jest-commander",
        &["a file's lines carry fewer branches than its <metrics> count in 3 places (first: /home/dev/commander.js/lib/command.js: 633 conditionals, 544 on its lines); the metrics are shown (Istanbul leaves a branch off the lines when it starts on a line without a statement)"],
    );
}

/// Istanbul's `cond` line: `count` is the line's hits, `truecount`/`falsecount` its
/// covered and uncovered branches (istanbul-reports `lib/clover/index.js`).
#[test]
fn istanbul_cond_lines_are_covered_and_uncovered_branches() {
    let (report, _) = load_text("clover.xml", &read_fixture("c8-express/clover.xml"));
    let response = report
        .files
        .iter()
        .find(|file| file.path.ends_with("lib/response.js"))
        .expect("response.js");
    let branches: (u64, u64) = response.line_branches.iter().fold((0, 0), |sum, line| {
        (
            sum.0 + u64::from(line.covered),
            sum.1 + u64::from(line.total),
        )
    });
    // PROVENANCE.md: 187 of 200 branches, the same in every format of this run.
    assert_eq!(branches, (187, 200));
    assert_eq!(
        response.executed_line_hits.len(),
        response.executed_lines.len()
    );
    assert_eq!(
        report.facts.timestamp.as_deref(),
        Some("2026-12-04T19:22:22.067Z")
    );
}

/// OpenClover and PHPUnit write what Istanbul does not: `<class>` metrics, `method` lines,
/// `cond` lines without `count` whose true and false counts are how often the condition
/// went each way, statement, condition and method entries on one line, `<file>` straight
/// under `<project>`, and a `<testproject>` that is not part of the project's figures.
#[test]
fn openclover_and_phpunit_shapes_are_read() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<coverage generated="1700000000" clover="4.5.2">
  <project timestamp="1700000000000" name="demo">
    <metrics statements="4" coveredstatements="3" conditionals="4" coveredconditionals="3" methods="2" coveredmethods="1"/>
    <file name="Calc.java" path="/src/demo/Calc.java">
      <class name="Calc">
        <metrics statements="4" coveredstatements="3" conditionals="4" coveredconditionals="3" methods="2" coveredmethods="1"/>
      </class>
      <metrics statements="4" coveredstatements="3" conditionals="4" coveredconditionals="3" methods="2" coveredmethods="1"/>
      <line num="3" count="5" type="method" signature="add(int, int) : int"/>
      <line num="4" count="5" type="stmt"/>
      <line num="5" truecount="5" falsecount="0" type="cond"/>
      <line num="5" count="5" type="stmt"/>
      <line num="7" truecount="2" falsecount="3" type="cond"/>
      <line num="9" count="0" type="method" signature="unused() : void"/>
      <line num="10" count="0" type="stmt"/>
    </file>
  </project>
  <testproject timestamp="1700000000000" name="tests">
    <metrics statements="9" coveredstatements="9"/>
    <file name="CalcTest.java" path="/src/test/CalcTest.java">
      <metrics statements="9" coveredstatements="9"/>
    </file>
  </testproject>
</coverage>"#;
    let (report, warnings) = load_text("clover.xml", xml.as_bytes());
    assert_eq!(warnings, Vec::<String>::new());
    let [file] = report.files.as_slice() else {
        panic!("one file, the test project left out")
    };
    assert_eq!(file.path, "/src/demo/Calc.java");
    assert_eq!(tally(&file.counts, Metric::Statements), (3, 4));
    assert_eq!(file.executed_lines, [3, 4, 5, 7]);
    assert_eq!(file.executed_line_hits, [5, 5, 5, 5]);
    assert_eq!(file.missing_lines, [9, 10]);
    let line_branches: Vec<(LineNumber, u32, u32)> = file
        .line_branches
        .iter()
        .map(|line| (line.line, line.covered, line.total))
        .collect();
    // True 5 times, false never: one of two outcomes; both ways: two of two.
    assert_eq!(line_branches, [(5, 1, 2), (7, 2, 2)]);
    let regions: Vec<(RegionKind, &str, Option<LineNumber>, Option<u64>)> = file
        .regions
        .iter()
        .map(|region| {
            (
                region.kind,
                region.name.as_str(),
                region.start_line,
                region.hits,
            )
        })
        .collect();
    assert_eq!(
        regions,
        [
            (RegionKind::Class, "Calc", None, None),
            (
                RegionKind::Function,
                "add(int, int) : int",
                Some(3),
                Some(5)
            ),
            (RegionKind::Function, "unused() : void", Some(9), Some(0)),
        ]
    );
    assert_eq!(report.total_coverage.display, "75");
    // The project's timestamp (milliseconds) wins over the root's (seconds).
    assert_eq!(
        report.facts.timestamp.as_deref(),
        Some("2023-11-14T22:13:20.000Z")
    );
}
