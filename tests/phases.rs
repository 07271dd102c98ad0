//! Documents grouped into phases, and each phase summarised for the overview.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::fixture_bytes;
use std::cmp::Ordering;

use covscope::core::analysis::phases::{compare_ids_naturally, summarize_phases};
use covscope::core::document::{parse_document, PlanningDocument};

/// A phase as the overview shows it: id, file names in order, status, score, open gaps,
/// plans, plans with a summary.
type ExpectedPhase = (
    Option<&'static str>,
    Vec<&'static str>,
    Option<&'static str>,
    Option<(u32, u32)>,
    usize,
    usize,
    usize,
);

fn load(fixture_and_path: &[(&str, &str)]) -> Vec<PlanningDocument> {
    fixture_and_path
        .iter()
        .map(|(fixture, path)| {
            let bytes = fixture_bytes(fixture);
            parse_document(path, &bytes).value.expect("document reads")
        })
        .collect()
}

/// The same shape with owned text, for comparing what the code built.
type ActualPhase = (
    Option<String>,
    Vec<String>,
    Option<String>,
    Option<(u32, u32)>,
    usize,
    usize,
    usize,
);

fn check(documents: &[PlanningDocument], expected: Vec<ExpectedPhase>) {
    let references: Vec<&PlanningDocument> = documents.iter().collect();
    let actual: Vec<ActualPhase> = summarize_phases(&references)
        .into_iter()
        .map(|phase| {
            (
                phase.phase_id,
                phase
                    .document_indices
                    .iter()
                    .map(|&index| documents[index].file_name.clone())
                    .collect(),
                phase.status_raw,
                phase.score.map(|score| (score.verified, score.total)),
                phase.open_gap_count,
                phase.plan_count,
                phase.plans_with_summary,
            )
        })
        .collect();
    let expected: Vec<ActualPhase> = expected
        .into_iter()
        .map(|(id, names, status, score, gaps, plans, summaries)| {
            (
                id.map(str::to_string),
                names.into_iter().map(str::to_string).collect(),
                status.map(str::to_string),
                score,
                gaps,
                plans,
                summaries,
            )
        })
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn the_seed_documents_form_two_phases() {
    let documents = load(&[
        (
            "reports/19-GAP-CLOSURE-REPORT.md",
            ".planning/phases/19-coverage-push/19-GAP-CLOSURE-REPORT.md",
        ),
        (
            "reports/12-tier-1-coverage-push-GAP-03-PLAN.md",
            ".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-GAP-03-PLAN.md",
        ),
        (
            "reports/19-09-PLAN.md",
            ".planning/phases/19-coverage-push/19-09-PLAN.md",
        ),
        (
            "reports/12-tier-1-coverage-push-VERIFICATION.md",
            ".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-VERIFICATION.md",
        ),
        (
            "reports/12-tier-1-coverage-push-01-PLAN.md",
            ".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-01-PLAN.md",
        ),
    ]);
    check(
        &documents,
        vec![
            (
                Some("12"),
                vec![
                    "12-tier-1-coverage-push-VERIFICATION.md",
                    "12-tier-1-coverage-push-01-PLAN.md",
                    "12-tier-1-coverage-push-GAP-03-PLAN.md",
                ],
                Some("gaps_closed_partial"),
                Some((3, 6)),
                4,
                2,
                0,
            ),
            (
                Some("19"),
                vec!["19-09-PLAN.md", "19-GAP-CLOSURE-REPORT.md"],
                None,
                None,
                0,
                1,
                0,
            ),
        ],
    );
}

#[test]
fn summaries_complete_plans_and_phases_sort_naturally() {
    let documents = load(&[
        ("phases/notes.md", "notes.md"),
        (
            "reports/12-tier-1-coverage-push-01-PLAN.md",
            ".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-01-PLAN.md",
        ),
        (
            "phases/12-01-SUMMARY.md",
            ".planning/phases/12-tier-1-coverage-push/12-01-SUMMARY.md",
        ),
        (
            "phases/9-02-PLAN.md",
            ".planning/phases/9-later/9-02-PLAN.md",
        ),
    ]);
    check(
        &documents,
        vec![
            (Some("9"), vec!["9-02-PLAN.md"], None, None, 0, 1, 0),
            (
                Some("12"),
                vec!["12-tier-1-coverage-push-01-PLAN.md", "12-01-SUMMARY.md"],
                None,
                None,
                0,
                1,
                1,
            ),
            (None, vec!["notes.md"], None, None, 0, 0, 0),
        ],
    );
}

#[test]
fn ids_compare_by_number_then_text() {
    let cases = [
        ("9", "12", Ordering::Less),
        ("12", "080", Ordering::Less),
        ("225", "225.1", Ordering::Less),
        ("225.1", "225.2", Ordering::Less),
        ("253", "253b", Ordering::Less),
        ("01", "GAP-03", Ordering::Less),
        ("04a", "04b", Ordering::Less),
        ("WAVE1", "WAVE2", Ordering::Less),
        ("12", "12", Ordering::Equal),
        (
            "999999999999999999999999999999999999999999",
            "1",
            Ordering::Greater,
        ),
    ];
    for (left, right, expected) in cases {
        assert_eq!(
            compare_ids_naturally(left, right),
            expected,
            "{left} vs {right}"
        );
    }
}
