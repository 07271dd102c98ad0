//! The one reducer that owns application state: every change is an `Action`.
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::core::analysis::table::{TableColumn, TableView, Thresholds};
use crate::core::model::CoverageReport;
use crate::core::parse::{DroppedContent, ParseOutcome};

/// A coverage report shared between the state and the components that draw it.
///
/// Equality is identity: two loads of the same bytes are still two reports, and comparing
/// whole reports on every render would cost time proportional to their size.
#[derive(Clone, Debug)]
pub struct SharedReport(pub Rc<CoverageReport>);

/// One loaded coverage report in the report list.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedReport {
    pub id: u64,
    /// The file name shown in the list (made unique with a " (2)" suffix when needed).
    pub name: String,
    pub report: SharedReport,
    pub warnings: Vec<String>,
    pub is_demo: bool,
}

/// A file that could not be loaded, with the reason in the user's words.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub id: u64,
    pub file_name: String,
    pub message: String,
}

/// The whole application state.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub reports: Vec<LoadedReport>,
    pub selected_report_id: Option<u64>,
    pub load_errors: Vec<LoadError>,
    /// Files being read or parsed right now; the progress indicator shows while non-zero.
    pub files_in_flight: usize,
    /// The table settings per report name, persisted to local storage by the app.
    pub table_views: BTreeMap<String, TableView>,
    pub next_id: u64,
}

/// Everything that can change the state, named for what the user or the loader does.
#[derive(Clone, Debug)]
pub enum Action {
    AddDemoReport {
        name: String,
        outcome: ParseOutcome<DroppedContent>,
    },
    StartLoadingFiles {
        file_count: usize,
    },
    FinishLoadingFile {
        file_name: String,
        outcome: ParseOutcome<DroppedContent>,
    },
    SelectReport {
        id: u64,
    },
    SelectNextReport,
    SelectPreviousReport,
    RemoveReport {
        id: u64,
    },
    DismissLoadError {
        id: u64,
    },
    SortBy {
        column: TableColumn,
    },
    SetFilter {
        text: String,
    },
    SetHideCovered {
        hide: bool,
    },
    SetThresholds {
        thresholds: Thresholds,
    },
}

impl PartialEq for SharedReport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl AppState {
    /// A fresh state with the table settings saved in an earlier visit.
    pub fn with_saved_views(table_views: BTreeMap<String, TableView>) -> AppState {
        AppState {
            reports: Vec::new(),
            selected_report_id: None,
            load_errors: Vec::new(),
            files_in_flight: 0,
            table_views,
            next_id: 1,
        }
    }

    pub fn selected_report(&self) -> Option<&LoadedReport> {
        let id = self.selected_report_id?;
        self.reports.iter().find(|report| report.id == id)
    }

    /// The table settings of the selected report, or the defaults.
    pub fn selected_table_view(&self) -> TableView {
        self.selected_report()
            .and_then(|report| self.table_views.get(&report.name))
            .cloned()
            .unwrap_or_default()
    }

    pub fn is_showing_demo(&self) -> bool {
        !self.reports.is_empty() && self.reports.iter().all(|report| report.is_demo)
    }

    /// Applies one action; the single place where state changes.
    pub fn apply(mut self, action: Action) -> AppState {
        match action {
            Action::AddDemoReport { name, outcome } => {
                if let Some(DroppedContent::Coverage(report)) = outcome.value {
                    let id = self.take_id();
                    self.reports.push(LoadedReport {
                        id,
                        name,
                        report: SharedReport(Rc::new(report)),
                        warnings: Vec::new(),
                        is_demo: true,
                    });
                    if self.selected_report_id.is_none() {
                        self.selected_report_id = Some(id);
                    }
                }
            }
            Action::StartLoadingFiles { file_count } => {
                self.files_in_flight += file_count;
            }
            Action::FinishLoadingFile { file_name, outcome } => {
                self.files_in_flight = self.files_in_flight.saturating_sub(1);
                let warnings = outcome.warning_messages();
                let first_error = outcome.first_error().map(str::to_string);
                match outcome.value {
                    Some(DroppedContent::Coverage(report)) => {
                        self.add_user_report(file_name, report, warnings)
                    }
                    None => {
                        let id = self.take_id();
                        self.load_errors.push(LoadError {
                            id,
                            file_name,
                            message: first_error
                                .unwrap_or_else(|| "the file could not be read".to_string()),
                        });
                    }
                }
            }
            Action::SelectReport { id } => {
                if self.reports.iter().any(|report| report.id == id) {
                    self.selected_report_id = Some(id);
                }
            }
            Action::SelectNextReport => self.select_neighbour(1),
            Action::SelectPreviousReport => self.select_neighbour(-1),
            Action::RemoveReport { id } => {
                let position = self.reports.iter().position(|report| report.id == id);
                if let Some(position) = position {
                    self.reports.remove(position);
                    if self.selected_report_id == Some(id) {
                        let next = position.min(self.reports.len().saturating_sub(1));
                        self.selected_report_id = self.reports.get(next).map(|report| report.id);
                    }
                }
            }
            Action::DismissLoadError { id } => {
                self.load_errors.retain(|error| error.id != id);
            }
            Action::SortBy { column } => self.update_selected_view(|view| {
                view.sort = view.sort.toggled_by(column);
            }),
            Action::SetFilter { text } => self.update_selected_view(|view| view.filter = text),
            Action::SetHideCovered { hide } => {
                self.update_selected_view(|view| view.hide_covered = hide)
            }
            Action::SetThresholds { thresholds } => {
                self.update_selected_view(|view| view.thresholds = thresholds.clamped())
            }
        }
        self
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Adds a report the user loaded: the demo makes way for it, a repeated name gets a
    /// number so both stay visible, and the newest report is selected.
    fn add_user_report(
        &mut self,
        file_name: String,
        report: CoverageReport,
        warnings: Vec<String>,
    ) {
        self.reports.retain(|loaded| !loaded.is_demo);
        let name = self.unique_name(file_name);
        let id = self.take_id();
        self.reports.push(LoadedReport {
            id,
            name,
            report: SharedReport(Rc::new(report)),
            warnings,
            is_demo: false,
        });
        self.selected_report_id = Some(id);
    }

    fn unique_name(&self, file_name: String) -> String {
        let taken = |candidate: &str| self.reports.iter().any(|report| report.name == candidate);
        if !taken(&file_name) {
            return file_name;
        }
        (2..)
            .map(|number| format!("{file_name} ({number})"))
            .find(|candidate| !taken(candidate))
            .unwrap_or(file_name)
    }

    fn select_neighbour(&mut self, step: isize) {
        if self.reports.is_empty() {
            return;
        }
        let current = self
            .selected_report_id
            .and_then(|id| self.reports.iter().position(|report| report.id == id))
            .unwrap_or(0) as isize;
        let count = self.reports.len() as isize;
        let next = (current + step).rem_euclid(count) as usize;
        self.selected_report_id = Some(self.reports[next].id);
    }

    fn update_selected_view(&mut self, change: impl FnOnce(&mut TableView)) {
        let Some(name) = self.selected_report().map(|report| report.name.clone()) else {
            return;
        };
        let view = self.table_views.entry(name).or_default();
        change(view);
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}
