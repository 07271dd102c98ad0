//! Reads one planning document: bytes in, a `PlanningDocument` plus warnings out.
use super::body::{flatten_segments, scan_tag_tree, segments_from_tree, top_level_markdown};
use super::frontmatter::{self, split_frontmatter, Frontmatter};
use super::ids::{document_ids, split_path, RawIdFields};
use super::kind::DocumentKind;
use super::markdown::first_heading;
use super::plan::{plan_facts, PlanFacts};
use super::structure::scan_body_structure;
use super::summary::{summary_facts, SummaryFacts};
use super::verification::{verification_facts, VerificationFacts};
use crate::core::text::{decode_utf8_text, ParseOutcome};
use serde::{Deserialize, Serialize};

/// A planning or verification markdown document, with the facts the viewer shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanningDocument {
    /// The last part of the path, e.g. `12-01-PLAN.md`.
    pub file_name: String,
    /// The path as given, with `\` turned into `/`.
    pub path: String,
    pub kind: DocumentKind,
    /// The phase id as raw text (`12`, `080`, `225.1`, `253b`).
    pub phase_id: Option<String>,
    /// The plan id as raw text (`01`, `GAP-03`, `04a`, `WAVE1`).
    pub plan_id: Option<String>,
    pub frontmatter: Option<Frontmatter>,
    /// The markdown after the frontmatter.
    pub body_markdown: String,
    /// The 1-based file line on which the body starts.
    pub body_first_line: usize,
    pub verification: Option<VerificationFacts>,
    pub plan: Option<PlanFacts>,
    pub summary: Option<SummaryFacts>,
    /// The text of the body's first heading.
    pub title: Option<String>,
}

/// Reads a planning document from its path (folders included) and bytes.
///
/// Only unusable bytes fail (empty, binary, UTF-16, invalid UTF-8). Everything else gives
/// a document, with warnings for frontmatter that is unclosed, not valid YAML, has
/// duplicate keys, or for tasks that are never closed.
pub fn parse_document(file_path: &str, bytes: &[u8]) -> ParseOutcome<PlanningDocument> {
    let text = match decode_utf8_text(bytes) {
        Ok(text) => text,
        Err(problem) => return ParseOutcome::failure(problem.describe()),
    };
    let mut warnings = Vec::new();
    let path = file_path.replace('\\', "/");
    let (_, file_name) = split_path(&path);
    let file_name = file_name.to_string();

    let split = split_frontmatter(text, &mut warnings);
    let frontmatter = split
        .block
        .as_ref()
        .map(|block| frontmatter::read(block, &mut warnings));
    let body = split.body;
    let tag_tree = scan_tag_tree(body);
    let segments = segments_from_tree(body, &tag_tree);
    let flattened = flatten_segments(&segments);
    let structure = scan_body_structure(body, &tag_tree);
    let body_lines = structure.lines_outside_code(body);

    let kind = DocumentKind::from_file_name(&file_name)
        .or_else(|| {
            frontmatter
                .as_ref()
                .and_then(DocumentKind::from_frontmatter)
        })
        .unwrap_or(DocumentKind::Other);
    // Scalars keep their spelling, so `plan: 08` is the text `08`, never the number 8.
    let id_field = |key: &str| {
        frontmatter
            .as_ref()
            .and_then(|frontmatter| frontmatter.get(key))
            .and_then(|value| value.as_text())
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    let raw_fields = RawIdFields {
        phase: id_field("phase"),
        plan: id_field("plan"),
    };
    let ids = document_ids(&path, kind, &raw_fields);

    let verification = match kind {
        DocumentKind::Verification => Some(verification_facts(
            frontmatter.as_ref(),
            &body_lines,
            &flattened,
        )),
        // Free-form reports and UAT files often carry a status or score worth showing.
        DocumentKind::Other | DocumentKind::Uat => Some(verification_facts(
            frontmatter.as_ref(),
            &body_lines,
            &flattened,
        ))
        .filter(|facts| !facts.is_empty()),
        _ => None,
    };
    let plan = (kind == DocumentKind::Plan).then(|| {
        plan_facts(
            frontmatter.as_ref(),
            body,
            &tag_tree,
            split.body_first_line,
            &mut warnings,
        )
    });
    let summary = (kind == DocumentKind::Summary)
        .then(|| summary_facts(frontmatter.as_ref(), &body_lines, &flattened));

    ParseOutcome::success(
        PlanningDocument {
            file_name,
            path,
            kind,
            phase_id: ids.phase_id,
            plan_id: ids.plan_id,
            frontmatter,
            body_markdown: body.to_string(),
            body_first_line: split.body_first_line,
            verification,
            plan,
            summary,
            title: first_heading(&top_level_markdown(&segments)),
        },
        warnings,
    )
}
