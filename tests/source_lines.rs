//! Source-view marks agree with the report's own line data: every file's missed and partly
//! run lines are the ones coverage.py counts, and branch sentences say where a branch
//! never went.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::coverage_py_report;

use covscope::core::analysis::source_lines::{line_marks, source_fit, LineStatus, SourceMisfit};
use covscope::core::model::CoverageReport;

/// Every file: as many missed lines as coverage.py's `missing_lines`, and the partly run
/// lines carry as many branch sentences as its `num_partial_branches` (which counts the
/// missing arcs of lines that ran, not the lines).
#[test]
fn marks_count_what_coverage_py_counts_in_every_file() {
    for fixture in [
        "toolz/coverage.json",
        "toolz/series/01-coverage.json",
        "boltons/coverage.json",
        "boltons/series/01-coverage.json",
    ] {
        let report = coverage_py_report(&format!("coverage/{fixture}"));
        for file in &report.files {
            let counts = file.counts.coverage_py().expect("coverage.py counts");
            let marks = line_marks(file);
            let count = |status: LineStatus| {
                marks.iter().filter(|mark| mark.status == status).count() as u64
            };
            assert_eq!(
                count(LineStatus::Miss),
                counts.missing,
                "{fixture} {}",
                file.path
            );
            let partial_sentences: usize = marks
                .iter()
                .filter(|mark| mark.status == LineStatus::Partial)
                .map(|mark| mark.branch_notes.len())
                .sum();
            assert_eq!(
                partial_sentences as u64, counts.partial_branches,
                "{fixture} {}",
                file.path
            );
        }
    }
}

/// One line of a file: its status and its branch sentences.
fn check(report: &CoverageReport, path: &str, line: u64, status: LineStatus, notes: &[&str]) {
    let file = report
        .files
        .iter()
        .find(|file| file.path == path)
        .expect("the file is in the report");
    let marks = line_marks(file);
    assert_eq!(marks.status(line), status, "{path}:{line}");
    let found: Vec<&str> = marks
        .get(line)
        .map(|mark| mark.branch_notes.iter().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(found, notes, "{path}:{line}");
}

/// Lines of toolz's functoolz.py whose `coverage report -m` Missing text is
/// `11, 74->exit, 113->exit, 355->372, 597-598, 607-610, 631-649, 1028->1032`.
#[test]
fn branch_sentences_say_where_a_branch_never_went() {
    let report = coverage_py_report("coverage/toolz/coverage.json");
    let path = "toolz/functoolz.py";
    check(&report, path, 11, LineStatus::Miss, &[]);
    check(
        &report,
        path,
        10,
        LineStatus::Partial,
        &["line 10 never jumped to line 11"],
    );
    check(
        &report,
        path,
        74,
        LineStatus::Partial,
        &["line 74 never returned from thread_first.evalform_front"],
    );
    check(
        &report,
        path,
        355,
        LineStatus::Partial,
        &["line 355 never jumped to line 372"],
    );
    check(&report, path, 21, LineStatus::Run, &[]);
    check(&report, path, 12, LineStatus::None, &[]);
}

#[test]
fn gap_keys_walk_from_miss_to_miss() {
    let report = coverage_py_report("coverage/toolz/coverage.json");
    let file = report
        .files
        .iter()
        .find(|file| file.path == "toolz/functoolz.py")
        .expect("the file");
    let marks = line_marks(file);
    assert_eq!(marks.next_gap_after(0), Some(10));
    assert_eq!(marks.next_gap_after(11), Some(74));
    assert_eq!(marks.previous_gap_before(74), Some(11));
    assert_eq!(marks.previous_gap_before(10), None);
    assert_eq!(marks.next_gap_after(1028), None);
}

#[test]
fn a_source_that_does_not_fit_is_flagged_as_possibly_stale() {
    let report = coverage_py_report("coverage/toolz/coverage.json");
    let file = report
        .files
        .iter()
        .find(|file| file.path == "toolz/utils.py")
        .expect("the file");
    let marks = line_marks(file);
    let last = marks.last_marked_line().expect("marks");
    let short_source = "x = 1\n".repeat((last - 1) as usize);
    assert_eq!(
        source_fit(&marks, &short_source, false),
        Some(SourceMisfit::MarkBeyondEnd {
            line: last,
            line_count: last - 1
        })
    );
    let mut blank_first = vec!["x = 1"; last as usize];
    let first_marked = marks.iter().next().expect("a mark").line;
    blank_first[(first_marked - 1) as usize] = "   ";
    let source = blank_first.join("\n");
    assert_eq!(
        source_fit(&marks, &source, false).map(|misfit| misfit.describe()),
        Some(format!("the report says blank line {first_marked} ran or was missed; this source may not be the version that was measured"))
    );
    assert_eq!(source_fit(&marks, &source, true), None);
}
