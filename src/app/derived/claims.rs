//! What the claims checker is given, borrowed from the views' props: the loaded reports by
//! id and name, and the loaded diffs with the report the patch view measures.
use crate::app::state::{SharedPatch, SharedReport};
use crate::core::analysis::claims::LoadedDiffs;
use crate::core::model::CoverageReport;

/// The checker's inputs, borrowing from the props they came from.
pub struct ClaimInputs<'a> {
    /// Every loaded report: its id, its name and the report.
    pub reports: Vec<(u64, &'a str, &'a CoverageReport)>,
    /// Every loaded diff by name, and the report patch coverage is measured against.
    pub diffs: LoadedDiffs<'a, u64>,
}

/// Borrows the checker's inputs from the loaded reports and diffs; `measured_report` is the
/// selected report, the one the patch view measures.
pub fn claim_inputs<'a>(
    reports: &'a [(u64, String, SharedReport)],
    patches: &'a [(u64, String, SharedPatch)],
    measured_report: Option<u64>,
) -> ClaimInputs<'a> {
    ClaimInputs {
        reports: reports
            .iter()
            .map(|(id, name, report)| (*id, name.as_str(), &*report.0))
            .collect(),
        diffs: LoadedDiffs {
            diffs: patches
                .iter()
                .map(|(_, name, patch)| (name.as_str(), &*patch.0))
                .collect(),
            measured_report,
        },
    }
}
