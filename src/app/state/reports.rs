//! The loaded coverage reports and which one is selected.
use super::shared::Shared;
use super::shelf::Shelf;
use crate::core::analysis::table::TableRowIndex;
use crate::core::model::CoverageReport;

/// A coverage report shared between the state and the components; equality is identity.
pub type SharedReport = Shared<CoverageReport>;

/// A table row index shared like the report it was made for; equality is identity.
pub type SharedTableIndex = Shared<TableRowIndex>;

/// One loaded coverage report in the report list.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedReport {
    pub id: u64,
    /// The file name shown in the list (made unique with a " (2)" suffix when needed).
    pub name: String,
    /// The name the file was loaded under, before a number made it unique: the loading
    /// road keeps the file by it, for reading its contexts when a source view opens.
    pub loaded_as: String,
    pub report: SharedReport,
    /// The table's row index of exactly this report, when the parsing worker made it; set
    /// only together with `report` (when the report is added), so it never describes
    /// another report. `None` for the other roads: the table builds the index itself.
    pub table_index: Option<SharedTableIndex>,
    pub warnings: Vec<String>,
    pub is_demo: bool,
}

/// The reports in load order and the selected one.
pub type ReportShelf = Shelf<LoadedReport>;

/// What the person does to the report list.
#[derive(Clone, Debug)]
pub enum ReportAction {
    Select {
        id: u64,
    },
    /// The `]` shortcut, wrapping round.
    SelectNext,
    /// The `[` shortcut, wrapping round.
    SelectPrevious,
    Remove {
        id: u64,
    },
}

impl Shelf<LoadedReport> {
    pub fn apply(&mut self, action: ReportAction) {
        match action {
            ReportAction::Select { id } => {
                self.select(id);
            }
            ReportAction::SelectNext => self.select_neighbour(1),
            ReportAction::SelectPrevious => self.select_neighbour(-1),
            ReportAction::Remove { id } => self.remove(id),
        }
    }

    pub fn id_named(&self, name: &str) -> Option<u64> {
        self.items
            .iter()
            .find(|report| report.name == name)
            .map(|report| report.id)
    }

    /// Adds a report under a name no other report has (a repeated name gets a number, so
    /// both stay visible). A report the person loaded is selected; a demo report only when
    /// nothing is.
    pub fn add(&mut self, report: LoadedReport) {
        let name = self.unique_name(report.name.clone());
        if !report.is_demo || self.selected_id.is_none() {
            self.selected_id = Some(report.id);
        }
        self.items.push(LoadedReport { name, ..report });
    }

    fn unique_name(&self, file_name: String) -> String {
        let taken = |candidate: &str| self.items.iter().any(|report| report.name == candidate);
        if !taken(&file_name) {
            return file_name;
        }
        (2..)
            .map(|number| format!("{file_name} ({number})"))
            .find(|candidate| !taken(candidate))
            .unwrap_or(file_name)
    }
}
