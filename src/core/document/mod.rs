//! Planning and verification documents (GSD-style markdown): kinds, frontmatter, gaps.
//!
//! `parse_document` turns a dropped markdown file into a `PlanningDocument`: its kind,
//! phase and plan ids, frontmatter facts, and the verification, plan or summary facts its
//! kind carries. `body_segments` and `render_markdown_safe` serve the reader view.
mod body;
mod dates;
mod frontmatter;
mod ids;
mod kind;
mod markdown;
mod plan;
mod reader;
mod render;
mod structure;
mod summary;
mod verification;

pub use body::{body_segments, flattened_markdown, section_label, BodySegment};
pub use dates::{document_date, instant_key};
pub use frontmatter::{
    FactRow, Frontmatter, FrontmatterEntry, FrontmatterReading, FrontmatterValue, Scalar,
};
pub use kind::DocumentKind;
pub use plan::{Artifact, KeyLink, MustHaves, PlanFacts, PlanTask};
pub use reader::{parse_document, PlanningDocument};
pub use render::{escape_attribute, is_safe_link_destination, render_markdown_safe};
pub use structure::{body_structure, BodyLine, BodyStructure, LineRole, SectionSpan};
pub use summary::{KeyFiles, SummaryFacts};
pub use verification::{
    parse_score, Gap, GapStatus, HumanCheck, Score, TruthRow, VerificationFacts,
};
