//! Planning documents: the document list, the reader with its kind panels, gaps and body,
//! the paths linked to the coverage table, and the phases overview.
mod coverage_link;
mod document_body;
mod document_list;
mod document_reader;
mod documents_page;
mod fact_panel;
mod gap_card;
mod phases_overview;
mod plan_panel;
mod summary_panel;
mod verification_panel;

pub use coverage_link::CoverageLink;
pub use document_body::DocumentBody;
pub use document_list::{DocumentList, DocumentListGroup, DocumentListItem};
pub use document_reader::DocumentReader;
pub use documents_page::{patch_choices, report_choices, DocumentsPage};
pub use fact_panel::FactPanel;
pub use gap_card::GapCard;
pub use phases_overview::PhasesOverview;
pub use plan_panel::PlanPanel;
pub use summary_panel::SummaryPanel;
pub use verification_panel::VerificationPanel;
