//! The native summary (`covscope-summary`) prints the figures the app's core computes, and
//! those are the producing tools' own: coverage.py's totals, and diff-cover's patch
//! coverage, on the toolz fixtures.
// Native tests: they run a native binary on fixtures from disk.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use std::process::Command;

use common::{coverage_py_report, fixture_path, fixture_text, patch_fixture};
use covscope::core::analysis::compare::compare_reports;
use covscope::core::analysis::patch::compute_patch_coverage;

/// The cells of the markdown table row whose first cell is `first_cell`.
fn table_row(markdown: &str, first_cell: &str) -> Vec<String> {
    markdown
        .lines()
        .map(|line| {
            line.trim_matches('|')
                .split(" | ")
                .map(|cell| cell.trim().to_string())
                .collect::<Vec<_>>()
        })
        .find(|cells| cells.first().map(String::as_str) == Some(first_cell))
        .unwrap_or_else(|| panic!("no table row for {first_cell} in:\n{markdown}"))
}

/// The percent on the TOTAL line of a `coverage report` output, e.g. "98".
fn coverage_py_total(report_text: &str) -> String {
    let total = report_text
        .lines()
        .find(|line| line.starts_with("TOTAL"))
        .expect("a TOTAL line");
    total
        .split_whitespace()
        .last()
        .expect("a percent")
        .trim_end_matches('%')
        .to_string()
}

#[test]
fn the_summary_prints_the_app_core_figures_and_the_tools_own() {
    let series = "coverage/toolz/series";
    let diff = "patch/toolz/toolz-1.1.0-to-1.2.0.git.diff";
    let output = Command::new(env!("CARGO_BIN_EXE_covscope-summary"))
        .arg("--report")
        .arg(fixture_path(&format!("{series}/03-coverage.json")))
        .arg("--previous")
        .arg(fixture_path(&format!("{series}/01-coverage.json")))
        .arg("--diff")
        .arg(fixture_path(diff))
        .output()
        .expect("covscope-summary runs");
    assert!(output.status.success(), "{output:?}");
    let markdown = String::from_utf8(output.stdout).expect("UTF-8 markdown");

    // What the app's core computes for the same files.
    let current = coverage_py_report(&format!("{series}/03-coverage.json"));
    let previous = coverage_py_report(&format!("{series}/01-coverage.json"));
    let comparison = compare_reports(&previous, &current);
    let change = comparison
        .totals
        .coverage_delta
        .expect("both runs have totals")
        .display;
    let patch = compute_patch_coverage(&patch_fixture(diff), &current);

    let totals = table_row(&markdown, "03-coverage.json");
    assert_eq!(totals[2], current.files.len().to_string(), "files");
    assert_eq!(totals[3], format!("{}%", current.total_coverage.display));
    assert_eq!(totals[4], format!("{}%", previous.total_coverage.display));
    assert_eq!(totals[5], format!("{change} points"));
    // And those are coverage.py's own figures.
    let printed_current = coverage_py_total(&fixture_text(&format!("{series}/03-report.txt")));
    let printed_previous = coverage_py_total(&fixture_text(&format!("{series}/01-report.txt")));
    assert_eq!(totals[3], format!("{printed_current}%"));
    assert_eq!(totals[4], format!("{printed_previous}%"));
    assert_eq!(
        totals[5], "+54 points",
        "98 - 44 as coverage.py prints both"
    );

    let patch_row = markdown
        .split("### Patch coverage")
        .nth(1)
        .map(|section| table_row(section, "03-coverage.json"))
        .expect("a patch coverage section");
    assert_eq!(patch_row[1], format!("{}%", patch.total_figure.display));
    assert_eq!(patch_row[2], patch.totals.covered.to_string());
    assert_eq!(patch_row[3], patch.totals.measured().to_string());
    // diff-cover's markdown for this diff: "Total: 52 lines", "Missing: 17 lines",
    // "Coverage: 67%", and the missed lines of toolz/functoolz.py.
    let diff_cover = fixture_text("patch/toolz/toolz-1.1.0-to-1.2.0.git.diff-cover.md");
    assert!(diff_cover.contains("- **Total**: 52 lines"));
    assert!(diff_cover.contains("- **Missing**: 17 lines"));
    assert!(diff_cover.contains("- **Coverage**: 67%"));
    assert_eq!(patch_row[1], "67%");
    assert_eq!(patch_row[3], "52");
    assert_eq!(patch_row[2], (52 - 17).to_string());
    assert!(markdown.contains("- `toolz/functoolz.py`: 11,597-598,607-610,631-634,637,640-643,649"));
}

/// The demo's documents against its reports: the claims the summary lists as failed are
/// the mismatches and missed targets the document reader's core gives for the same files,
/// each stated figure once with the number of places that state it.
#[test]
fn the_summary_lists_the_claims_the_reader_finds_failed() {
    use covscope::core::analysis::claims::{check_document, Verdict};
    use covscope::core::input::{parse_dropped_file, DroppedContent};

    let work = std::env::temp_dir().join(format!("covscope-summary-{}", std::process::id()));
    let phase = work.join(".planning/phases/01-toolz-coverage-push");
    std::fs::create_dir_all(&phase).expect("a temporary folder");
    let reports = [
        ("toolz-demo-full-run.json", "toolz-coverage.json"),
        (
            "toolz-demo-first-third.json",
            "toolz-first-third-coverage.json",
        ),
    ];
    for (name, served) in reports {
        std::fs::copy(
            common::repository_path(&format!("demo/{served}")),
            work.join(name),
        )
        .expect("a demo report");
    }
    let documents = ["01-01-PLAN.md", "01-01-SUMMARY.md", "01-VERIFICATION.md"];
    for name in documents {
        std::fs::copy(
            common::repository_path(&format!("demo/planning/{name}")),
            phase.join(name),
        )
        .expect("a demo document");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_covscope-summary"))
        .args(["--report", "toolz-demo-full-run.json"])
        .args(["--report", "toolz-demo-first-third.json"])
        .args(["--planning", ".planning"])
        .current_dir(&work)
        .output()
        .expect("covscope-summary runs");
    assert!(output.status.success(), "{output:?}");
    let markdown = String::from_utf8(output.stdout).expect("UTF-8 markdown");

    // The reader's verdicts for the same documents and reports.
    let parsed: Vec<_> = reports
        .iter()
        .map(|(name, _)| {
            match parse_dropped_file(name, &std::fs::read(work.join(name)).expect("read")).value {
                Some(DroppedContent::Coverage(report)) => (*name, report),
                other => panic!("{name} is not a report: {other:?}"),
            }
        })
        .collect();
    let candidates: Vec<_> = parsed
        .iter()
        .enumerate()
        .map(|(index, (name, report))| (index, *name, report.as_ref()))
        .collect();
    let mut expected_failed = Vec::new();
    let mut checked_count = 0;
    for name in documents {
        let path = format!(".planning/phases/01-toolz-coverage-push/{name}");
        let bytes = std::fs::read(phase.join(name)).expect("read");
        let Some(DroppedContent::Document(document)) = parse_dropped_file(&path, &bytes).value
        else {
            panic!("{name} is not a document");
        };
        let verdicts = check_document(&document, &candidates, Some(0), None);
        for checked in verdicts.checked.iter().chain(&verdicts.goals) {
            checked_count += 1;
            if let Verdict::Mismatch { measured_text, .. }
            | Verdict::TargetMissed { measured_text } = &checked.verdict
            {
                expected_failed.push(format!(
                    "| {path} | {} | {}% | {measured_text}% |",
                    checked.claim.subject_text, checked.claim.claimed_text
                ));
            }
        }
    }
    std::fs::remove_dir_all(&work).expect("the temporary folder is removed");

    assert!(!expected_failed.is_empty(), "the demo shows failed claims");
    assert!(
        markdown.contains(&format!(
            "{} of {checked_count} claims checked are not borne out by the report",
            expected_failed.len()
        )),
        "{markdown}"
    );
    for row in &expected_failed {
        assert!(
            markdown.contains(row.as_str()),
            "{row} missing from:\n{markdown}"
        );
    }
    // The demo plan's "functoolz.py reaches 97%" against the full run, which coverage.py
    // measured below it (95 as its JSON displays), stated in four places of the plan.
    assert!(markdown.contains(
        "| .planning/phases/01-toolz-coverage-push/01-01-PLAN.md | functoolz.py | 97% | 95.02% | toolz-demo-full-run.json | 4 |"
    ));
}

/// A summary stating its diff's patch coverage: the wrong figure is listed as failed with
/// diff-cover's total (67% for this diff and run, `Coverage: 67%` in diff-cover's own
/// markdown), the right one is not, and neither is read as the report's total (98%).
#[test]
fn the_summary_checks_patch_figures_against_its_diff() {
    let work = std::env::temp_dir().join(format!("covscope-patch-{}", std::process::id()));
    let phase = work.join(".planning/phases/21-patch");
    std::fs::create_dir_all(&phase).expect("a temporary folder");
    let diff = "toolz-1.1.0-to-1.2.0.git.diff";
    std::fs::copy(
        fixture_path("coverage/toolz/coverage.json"),
        work.join("coverage.json"),
    )
    .expect("the report");
    std::fs::copy(
        fixture_path(&format!("patch/toolz/{diff}")),
        work.join(diff),
    )
    .expect("the diff");
    std::fs::write(
        phase.join("21-01-SUMMARY.md"),
        format!(
            "---\nphase: 21\nplan: 01\ncompleted: 2026-11-21\n---\n\n# Summary\n\nMeasured with coverage.json against {diff}.\n\n- Patch coverage: 80%\n- Diff coverage: 67.3%\n"
        ),
    )
    .expect("the document");
    let output = Command::new(env!("CARGO_BIN_EXE_covscope-summary"))
        .args(["--report", "coverage.json", "--diff", diff])
        .args(["--planning", ".planning"])
        .current_dir(&work)
        .output()
        .expect("covscope-summary runs");
    std::fs::remove_dir_all(&work).expect("the temporary folder is removed");
    assert!(output.status.success(), "{output:?}");
    let markdown = String::from_utf8(output.stdout).expect("UTF-8 markdown");
    assert!(
        markdown.contains("1 of 2 claims checked are not borne out by the report"),
        "{markdown}"
    );
    assert!(
        markdown.contains(
            "| .planning/phases/21-patch/21-01-SUMMARY.md | patch coverage | 80% | 67% |"
        ),
        "{markdown}"
    );
}
