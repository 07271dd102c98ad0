//! Coverage claims: every figure a document states, with its verdict against a report.
mod claims_panel;

pub use claims_panel::{claim_presentation, ClaimsPanel};
