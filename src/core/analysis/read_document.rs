//! A planning document as it is read once, in the parsing worker, for the page: its facts,
//! what the claims checker needs from its text, and its body rendered to safe HTML with a
//! marker after each claimed figure. The page checks the claims and swaps the markers for
//! verdict badges, so it needs no markdown, YAML or claims reader of its own.
use serde::{Deserialize, Serialize};

use super::claim_markers::insert_claim_markers;
use super::claims::{extract_document_claims, Claim, ClaimSource, DocumentClaims};
use crate::core::document::{body_segments, render_markdown_safe, BodySegment, PlanningDocument};
use crate::core::input::DroppedContent;
use crate::core::text::ParseOutcome;

/// What a loaded file is on the page: a report, a read document, or a diff.
pub type PageContent = DroppedContent<ReadDocument>;

/// A read document: everything the page shows and checks of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReadDocument {
    pub document: PlanningDocument,
    pub claims: DocumentClaims,
    /// The body, cut into sections, each markdown piece rendered to safe HTML in which a
    /// claim marker (see `claim_markers`) stands after each body, table or pasted-report
    /// figure, numbered by the claim's index in `claims.claims`.
    pub body: Vec<RenderedSegment>,
}

/// One piece of a rendered body: as `BodySegment`, with each markdown piece rendered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RenderedSegment {
    /// Safe HTML (raw HTML escaped, unsafe links dropped, no `<img>`) with claim markers.
    Html(String),
    /// An XML-ish block such as `<objective>` or `<task type="auto">`; its tag, label and
    /// attributes may carry claim markers, which the page strips.
    Section {
        tag: String,
        label: String,
        attributes: Vec<(String, String)>,
        children: Vec<RenderedSegment>,
        closed: bool,
    },
}

/// Reads a parsed document for the page: extracts its claims and renders its body.
pub fn read_for_view(document: PlanningDocument) -> ReadDocument {
    let claims = extract_document_claims(&document);
    let marked = insert_claim_markers(&document.body_markdown, &figure_ends(&claims.claims));
    let body = render_marked_body(&marked);
    ReadDocument {
        document,
        claims,
        body,
    }
}

/// A parse's outcome as the page takes it in: a document read for the view, the rest as
/// it is (the loading road's worker does this; native tests and tools call it too).
pub fn for_the_page(outcome: ParseOutcome<DroppedContent>) -> ParseOutcome<PageContent> {
    ParseOutcome {
        value: outcome.value.map(|content| match content {
            DroppedContent::Coverage(report) => DroppedContent::Coverage(report),
            DroppedContent::Document(document) => {
                DroppedContent::Document(Box::new(read_for_view(*document)))
            }
            DroppedContent::Patch(patch) => DroppedContent::Patch(patch),
        }),
        diagnostics: outcome.diagnostics,
    }
}

/// Where each figure of the body ends, by claim index: the places of the verdict badges.
/// Frontmatter figures and goals have no place in the body.
pub fn figure_ends(claims: &[Claim]) -> Vec<(usize, usize)> {
    claims
        .iter()
        .enumerate()
        .filter(|(_, claim)| {
            matches!(
                claim.source,
                ClaimSource::Body { .. }
                    | ClaimSource::Table { .. }
                    | ClaimSource::PastedReport { .. }
            )
        })
        .map(|(index, claim)| (index, claim.span.1))
        .collect()
}

/// A body with claim markers inserted, cut into sections, each markdown piece rendered to
/// safe HTML (the markers pass through as text).
pub fn render_marked_body(marked: &str) -> Vec<RenderedSegment> {
    body_segments(marked).iter().map(rendered).collect()
}

fn rendered(segment: &BodySegment) -> RenderedSegment {
    match segment {
        BodySegment::Markdown(markdown) => RenderedSegment::Html(render_markdown_safe(markdown)),
        BodySegment::Section {
            tag,
            label,
            attributes,
            children,
            closed,
        } => RenderedSegment::Section {
            tag: tag.clone(),
            label: label.clone(),
            attributes: attributes.clone(),
            children: children.iter().map(rendered).collect(),
            closed: *closed,
        },
    }
}
