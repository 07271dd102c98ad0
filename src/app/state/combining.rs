//! Combining runs: which reports the person ticked, and the combination added to the
//! report list as a report of its own.
use std::rc::Rc;

use super::{AppState, LoadError, LoadedReport, Shared};
use crate::core::analysis::combine::combine_reports;
use crate::core::model::CoverageReport;

/// The reports ticked for combining, in the order they were ticked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CombineSettings {
    pub chosen: Vec<u64>,
}

/// What the person does to combine runs.
#[derive(Clone, Debug)]
pub enum CombineAction {
    /// Ticks or unticks a report.
    Toggle { id: u64 },
    /// Combines the ticked reports into a new one.
    Combine,
}

/// How many names a combination's name lists before it says how many more.
const NAMED_PARTS: usize = 3;

/// The name of a combination: "combined: a + b", so nobody takes it for a tool's file.
pub fn combined_name(part_names: &[&str]) -> String {
    let named = part_names
        .iter()
        .take(NAMED_PARTS)
        .copied()
        .collect::<Vec<_>>()
        .join(" + ");
    match part_names.len().saturating_sub(NAMED_PARTS) {
        0 => format!("combined: {named}"),
        more => format!("combined: {named} + {more} more"),
    }
}

impl AppState {
    pub(super) fn apply_combine(&mut self, action: CombineAction) {
        match action {
            CombineAction::Toggle { id } => {
                if let Some(position) = self
                    .combining
                    .chosen
                    .iter()
                    .position(|&chosen| chosen == id)
                {
                    self.combining.chosen.remove(position);
                } else if self.reports.find(id).is_some() {
                    self.combining.chosen.push(id);
                }
            }
            CombineAction::Combine => self.combine_chosen(),
        }
    }

    /// Combines the ticked reports (still loaded) into a new report, selected; a
    /// combination that cannot be made is a load error naming the reports, and nothing
    /// loaded is lost either way.
    fn combine_chosen(&mut self) {
        let parts: Vec<&LoadedReport> = self
            .combining
            .chosen
            .iter()
            .filter_map(|&id| self.reports.find(id))
            .collect();
        let names: Vec<&str> = parts.iter().map(|loaded| loaded.name.as_str()).collect();
        let name = combined_name(&names);
        let reports: Vec<&CoverageReport> = parts.iter().map(|loaded| &*loaded.report.0).collect();
        let outcome = combine_reports(&reports);
        let is_demo = !parts.is_empty() && parts.iter().all(|loaded| loaded.is_demo);
        let warnings = outcome.warning_messages();
        let first_error = outcome.first_error().map(str::to_string);
        let id = self.take_id();
        match outcome.value {
            Some(report) => {
                self.share.panel = None;
                self.reports.add(LoadedReport {
                    id,
                    // No file was loaded under this name, so no source view finds
                    // contexts for it.
                    loaded_as: name.clone(),
                    name,
                    report: Shared(Rc::new(report)),
                    // The table builds the combination's index when it is shown.
                    table_index: None,
                    warnings,
                    is_demo,
                });
                // A demo combination is still the person's choice: show it.
                self.reports.selected_id = Some(id);
                self.combining.chosen.clear();
            }
            None => self.loading.add_error(LoadError {
                id,
                file_name: name,
                message: first_error
                    .unwrap_or_else(|| "the reports could not be combined".to_string()),
            }),
        }
    }
}
