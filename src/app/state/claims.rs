//! What the person chose about checking a document's coverage claims.
/// The report claims are checked against, and whether only the failures show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimsSettings {
    /// The report the person chose; otherwise each document picks its own (the report it
    /// names, the one just before its date, or the selected one).
    pub report_choice: Option<u64>,
    pub mismatches_only: bool,
}

/// What the person does in the claims panel.
#[derive(Clone, Debug)]
pub enum ClaimsAction {
    ChooseReport { report_id: Option<u64> },
    SetMismatchesOnly { only: bool },
}

impl ClaimsSettings {
    pub fn apply(&mut self, action: ClaimsAction) {
        match action {
            ClaimsAction::ChooseReport { report_id } => self.report_choice = report_id,
            ClaimsAction::SetMismatchesOnly { only } => self.mismatches_only = only,
        }
    }
}
