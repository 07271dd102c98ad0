//! What the person chose in the agreement view: the two reports of one run to set side by
//! side.
use super::AppState;
use super::LoadedReport;
use crate::core::analysis::agreement::default_agreement_pair;

/// The chosen (left, right) report ids; `None` means the likeliest pair.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgreementSettings {
    pub pair: Option<(u64, u64)>,
}

/// What the person does in the agreement view.
#[derive(Clone, Debug)]
pub enum AgreementAction {
    SetPair { left: u64, right: u64 },
}

impl AgreementSettings {
    pub fn apply(&mut self, action: AgreementAction) {
        match action {
            AgreementAction::SetPair { left, right } => self.pair = Some((left, right)),
        }
    }
}

impl AppState {
    /// The (left, right) reports to set side by side: the chosen pair while both are
    /// loaded, else the two sharing the most file names (two formats before one).
    pub fn agreement_reports(&self) -> Option<(&LoadedReport, &LoadedReport)> {
        if let Some((left, right)) = self.agreement.pair {
            if let (Some(left), Some(right)) = (self.reports.find(left), self.reports.find(right)) {
                return Some((left, right));
            }
        }
        let reports: Vec<(u64, &crate::core::model::CoverageReport)> = self
            .reports
            .items
            .iter()
            .map(|loaded| (loaded.id, &*loaded.report.0))
            .collect();
        let (left, right) = default_agreement_pair(&reports)?;
        Some((self.reports.find(left)?, self.reports.find(right)?))
    }
}
