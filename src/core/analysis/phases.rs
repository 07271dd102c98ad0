//! Groups planning documents by phase and summarises each phase for the overview.
use std::cmp::Ordering;

use crate::core::document::{DocumentKind, GapStatus, PlanningDocument, Score};

/// One phase of a planning tree, with what the overview shows about it.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseSummary {
    /// The phase id as written (`12`, `080`, `225.1`); `None` for documents with no phase.
    pub phase_id: Option<String>,
    /// Indices into the documents slice given to `summarize_phases`, in display order.
    pub document_indices: Vec<usize>,
    /// The index of the verification document the status comes from, when there is one.
    pub latest_verification: Option<usize>,
    pub status_raw: Option<String>,
    pub score: Option<Score>,
    /// Gaps or truths not verified in the latest verification document.
    pub open_gap_count: usize,
    pub plan_count: usize,
    /// Plans that have a SUMMARY with the same plan id (GSD writes one when a plan is done).
    pub plans_with_summary: usize,
}

/// Groups documents by phase, phases in natural order (`9` before `12`, `225.1` after
/// `225`), documents in each phase by kind and plan id, documents without a phase last.
pub fn summarize_phases(documents: &[&PlanningDocument]) -> Vec<PhaseSummary> {
    let mut phase_ids: Vec<Option<String>> = Vec::new();
    for document in documents {
        if !phase_ids.contains(&document.phase_id) {
            phase_ids.push(document.phase_id.clone());
        }
    }
    phase_ids.sort_by(|left, right| match (left, right) {
        (Some(left), Some(right)) => compare_ids_naturally(left, right),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    phase_ids
        .into_iter()
        .map(|phase_id| summarize_one_phase(phase_id, documents))
        .collect()
}

/// Compares ids such as `12`, `080`, `225.1`, `253b`, `GAP-03` the way people read them:
/// numeric parts by value, the rest as text.
pub fn compare_ids_naturally(left: &str, right: &str) -> Ordering {
    let left_parts = id_parts(left);
    let right_parts = id_parts(right);
    for (left_part, right_part) in left_parts.iter().zip(right_parts.iter()) {
        let ordering = match (left_part, right_part) {
            (IdPart::Number(left), IdPart::Number(right)) => left.cmp(right),
            (IdPart::Number(_), IdPart::Text(_)) => Ordering::Less,
            (IdPart::Text(_), IdPart::Number(_)) => Ordering::Greater,
            (IdPart::Text(left), IdPart::Text(right)) => left.cmp(right),
        };
        if ordering != Ordering::Equal {
            return ordering;
        }
    }
    left_parts
        .len()
        .cmp(&right_parts.len())
        .then_with(|| left.cmp(right))
}

#[derive(Debug, PartialEq, Eq)]
enum IdPart {
    Number(u128),
    Text(String),
}

fn id_parts(id: &str) -> Vec<IdPart> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut current_is_digit = false;
    for character in id.chars() {
        let is_digit = character.is_ascii_digit();
        if !current.is_empty() && is_digit != current_is_digit {
            parts.push(finish_part(&current, current_is_digit));
            current.clear();
        }
        current_is_digit = is_digit;
        current.push(character);
    }
    if !current.is_empty() {
        parts.push(finish_part(&current, current_is_digit));
    }
    parts
}

fn finish_part(text: &str, is_digit: bool) -> IdPart {
    if is_digit {
        // Absurdly long digit runs fall back to text rather than overflow.
        text.parse::<u128>()
            .map(IdPart::Number)
            .unwrap_or_else(|_| IdPart::Text(text.to_string()))
    } else {
        IdPart::Text(text.to_lowercase())
    }
}

fn kind_rank(kind: DocumentKind) -> u8 {
    match kind {
        DocumentKind::Verification => 0,
        DocumentKind::Uat => 1,
        DocumentKind::Plan => 2,
        DocumentKind::Summary => 3,
        DocumentKind::Context => 4,
        DocumentKind::Research => 5,
        DocumentKind::State => 6,
        DocumentKind::Roadmap => 7,
        DocumentKind::Other => 8,
    }
}

fn summarize_one_phase(phase_id: Option<String>, documents: &[&PlanningDocument]) -> PhaseSummary {
    let mut indices: Vec<usize> = documents
        .iter()
        .enumerate()
        .filter(|(_, document)| document.phase_id == phase_id)
        .map(|(index, _)| index)
        .collect();
    indices.sort_by(|&left, &right| {
        let (left, right) = (documents[left], documents[right]);
        kind_rank(left.kind)
            .cmp(&kind_rank(right.kind))
            .then_with(|| {
                compare_ids_naturally(
                    left.plan_id.as_deref().unwrap_or(""),
                    right.plan_id.as_deref().unwrap_or(""),
                )
            })
            .then_with(|| left.path.cmp(&right.path))
    });
    let latest_verification = indices
        .iter()
        .copied()
        .filter(|&index| documents[index].kind == DocumentKind::Verification)
        .max_by(|&left, &right| {
            verified_date(documents[left])
                .cmp(&verified_date(documents[right]))
                .then_with(|| documents[left].path.cmp(&documents[right].path))
        });
    let (status_raw, score, open_gap_count) = match latest_verification {
        Some(index) => verification_figures(documents[index]),
        None => (None, None, 0),
    };
    let plan_ids: Vec<&str> = indices
        .iter()
        .filter(|&&index| documents[index].kind == DocumentKind::Plan)
        .filter_map(|&index| documents[index].plan_id.as_deref())
        .collect();
    let plan_count = indices
        .iter()
        .filter(|&&index| documents[index].kind == DocumentKind::Plan)
        .count();
    let plans_with_summary = plan_ids
        .iter()
        .filter(|plan_id| {
            indices.iter().any(|&index| {
                documents[index].kind == DocumentKind::Summary
                    && documents[index].plan_id.as_deref() == Some(**plan_id)
            })
        })
        .count();
    PhaseSummary {
        phase_id,
        document_indices: indices,
        latest_verification,
        status_raw,
        score,
        open_gap_count,
        plan_count,
        plans_with_summary,
    }
}

/// The `verified:` date of a verification document, as written (ISO dates sort as text).
fn verified_date(document: &PlanningDocument) -> Option<String> {
    document
        .frontmatter
        .as_ref()
        .and_then(|frontmatter| frontmatter.get("verified"))
        .and_then(|value| value.as_text())
        .map(str::to_string)
}

fn verification_figures(document: &PlanningDocument) -> (Option<String>, Option<Score>, usize) {
    let Some(facts) = &document.verification else {
        return (None, None, 0);
    };
    let status = facts
        .status_raw
        .clone()
        .or_else(|| facts.body_status.clone());
    // Frontmatter gaps are the report's own list; without them the truths table stands in.
    let open_gaps = if facts.gaps.is_empty() {
        facts
            .truths_table
            .iter()
            .filter(|row| matches!(row.status, GapStatus::Failed | GapStatus::Partial))
            .count()
    } else {
        facts
            .gaps
            .iter()
            .filter(|gap| gap.status != GapStatus::Verified)
            .count()
    };
    (status, facts.score.clone(), open_gaps)
}
