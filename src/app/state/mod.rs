//! The one reducer that owns application state, grouped by concern; every change is an
//! `Action`, and `apply` hands each to the concern it belongs to.
//!
//! Pure: no browser access, so the reducer is tested natively (`tests/app_state.rs`).
mod address;
mod agreement;
mod claims;
mod code;
mod combining;
mod comparison;
mod documents;
mod loading;
mod patch;
mod reports;
mod share;
mod shared;
mod shelf;
mod sources;
mod table;
mod view;

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

pub use agreement::{AgreementAction, AgreementSettings};
pub use claims::{ClaimsAction, ClaimsSettings};
pub use code::{CodeAction, CodeSettings, OpenSource};
pub use combining::{combined_name, CombineAction, CombineSettings};
pub use comparison::{ComparisonAction, ComparisonSettings};
pub use documents::{DocumentAction, DocumentShelf, LoadedDocument, SharedDocument};
pub use loading::{LoadAction, LoadError, LoadOrigin, LoadProgress, LoadingStatus};
pub use patch::{
    valid_threshold, LoadedPatch, PatchAction, PatchSettings, SharedPatch,
    DEFAULT_PATCH_THRESHOLD_PERCENT,
};
pub use reports::{LoadedReport, ReportAction, ReportShelf, SharedReport, SharedTableIndex};
pub use share::{ShareAction, SharePanel, ShareStatus};
pub use shared::Shared;
pub use shelf::{Shelf, Shelved};
pub use sources::{
    FetchedSource, LoadedSource, RefusedSource, SharedText, SourceAction, SourceLibrary,
};
pub use table::{SelectedTable, TableAction, TableSettings};
pub use view::{MainView, ThemeChoice, ViewAction, ViewSettings};

use crate::core::analysis::compare::default_comparison_pair;
use crate::core::analysis::read_document::PageContent;
use crate::core::analysis::table::{shortcut_sort_columns, TableView};
use crate::core::input::DroppedContent;
use crate::core::share::ViewState;
use crate::core::text::ParseOutcome;

/// The whole application state, one field per concern.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub reports: ReportShelf,
    pub documents: DocumentShelf,
    pub tables: TableSettings,
    pub loading: LoadingStatus,
    pub share: ShareStatus,
    pub view: ViewSettings,
    pub comparison: ComparisonSettings,
    pub claims: ClaimsSettings,
    pub code: CodeSettings,
    pub sources: SourceLibrary,
    pub patch: PatchSettings,
    pub agreement: AgreementSettings,
    pub combining: CombineSettings,
    /// The next id for a report, a document or a load error.
    next_id: u64,
}

/// Declares the action enum: one variant per concern, each concern's action turning into
/// it with `into()` (so a component reforms the one dispatcher in the concern's own words),
/// then the variants that reach across concerns.
macro_rules! action_enum {
    (
        $(#[$attribute:meta])*
        pub enum $name:ident {
            concerns { $($concern:ident($action:ty),)* }
            $($across:tt)*
        }
    ) => {
        $(#[$attribute])*
        pub enum $name {
            $($concern($action),)*
            $($across)*
        }

        $(impl From<$action> for $name {
            fn from(action: $action) -> $name {
                $name::$concern(action)
            }
        })*
    };
}

action_enum! {
    /// Everything that can change the state: one kind per concern, and the few changes
    /// that reach across concerns.
    #[derive(Clone, Debug)]
    pub enum Action {
        concerns {
            Load(LoadAction),
            Report(ReportAction),
            Document(DocumentAction),
            Table(TableAction),
            Comparison(ComparisonAction),
            Claims(ClaimsAction),
            Patch(PatchAction),
            Share(ShareAction),
            View(ViewAction),
            Code(CodeAction),
            Source(SourceAction),
            Agreement(AgreementAction),
            Combine(CombineAction),
        }
        /// Follows a link from a document to a file's row in a report's table.
        ShowFileInTable { report_id: u64, path: String },
        /// Opens a file of the selected report in the source view, at a line.
        OpenSource { path: String, line: Option<u64> },
        /// Shows the view a link or the address describes, as far as the data is loaded.
        ApplyViewState { view: ViewState },
        /// Start-up queued everything the page starts with; the address follows the view.
        FinishStartup,
    }
}

impl AppState {
    /// A fresh state with the table settings saved in an earlier visit.
    pub fn with_saved_views(table_views: BTreeMap<String, TableView>) -> AppState {
        AppState {
            reports: ReportShelf::default(),
            documents: DocumentShelf::default(),
            tables: TableSettings::with_saved_views(table_views),
            loading: LoadingStatus::default(),
            share: ShareStatus::default(),
            view: ViewSettings::default(),
            comparison: ComparisonSettings::default(),
            claims: ClaimsSettings::default(),
            code: CodeSettings::default(),
            sources: SourceLibrary::default(),
            patch: PatchSettings::default(),
            agreement: AgreementSettings::default(),
            combining: CombineSettings::default(),
            next_id: 1,
        }
    }

    /// The same state with the theme remembered from an earlier visit.
    pub fn with_theme(mut self, theme: ThemeChoice) -> AppState {
        self.view.theme = theme;
        self
    }

    pub fn selected_report(&self) -> Option<&LoadedReport> {
        self.reports.selected()
    }

    pub fn selected_document(&self) -> Option<&LoadedDocument> {
        self.documents.selected()
    }

    /// The table settings of the selected report, or the defaults.
    pub fn selected_table_view(&self) -> TableView {
        self.selected_report()
            .map(|report| self.tables.view_of(&report.name))
            .unwrap_or_default()
    }

    /// The (before, after) reports to compare: the chosen pair while both are loaded,
    /// else the two newest by timestamp (older as before).
    pub fn comparison_reports(&self) -> Option<(&LoadedReport, &LoadedReport)> {
        if let Some((before, after)) = self.comparison.pair {
            if let (Some(before), Some(after)) =
                (self.reports.find(before), self.reports.find(after))
            {
                return Some((before, after));
            }
        }
        let stamped: Vec<(u64, Option<&str>)> = self
            .reports
            .items
            .iter()
            .map(|report| (report.id, report.report.0.facts.timestamp.as_deref()))
            .collect();
        let (before, after) = default_comparison_pair(&stamped)?;
        Some((self.reports.find(before)?, self.reports.find(after)?))
    }

    /// True while nothing the user loaded is shown, only the demo.
    pub fn is_showing_demo(&self) -> bool {
        let loaded_any = self.reports.has_user_items() || self.documents.has_user_items();
        !loaded_any && (!self.reports.items.is_empty() || !self.documents.items.is_empty())
    }

    /// Applies one action; the single place where state changes.
    pub fn apply(mut self, action: Action) -> AppState {
        match action {
            Action::Load(action) => self.apply_load(action),
            Action::Report(action) => {
                if matches!(action, ReportAction::Remove { .. }) {
                    // An open share panel describes the reports it was opened for.
                    self.share.panel = None;
                }
                self.reports.apply(action);
            }
            Action::Document(DocumentAction::Select { id }) => {
                if self.documents.select(id) {
                    self.view.main = MainView::Documents;
                }
            }
            Action::Document(DocumentAction::Remove { id }) => self.documents.remove(id),
            Action::Table(action) => {
                let selected = self.reports.selected().map(|report| SelectedTable {
                    report_name: &report.name,
                    shortcut_columns: shortcut_sort_columns(&report.report.0),
                });
                self.tables.apply(action, selected);
            }
            Action::Comparison(action) => self.comparison.apply(action),
            Action::Claims(action) => self.claims.apply(action),
            Action::Patch(action) => self.patch.apply(action),
            Action::Share(ShareAction::Open { page_address }) => {
                let panel = share::share_panel_for(
                    &self.view_state(),
                    &self.reports_to_share(),
                    &self.patches_to_share(),
                    &page_address,
                );
                self.share.panel = Some(panel);
            }
            Action::Share(action) => self.share.apply(action),
            Action::View(action) => self.view.apply(action),
            Action::Code(action) => self.code.apply(action),
            Action::Source(action) => self.sources.apply(action),
            Action::OpenSource { path, line } => {
                self.tables.active_path = Some(path.clone());
                self.code.open_source(path, line);
                self.view.main = MainView::Source;
            }
            Action::Agreement(action) => self.agreement.apply(action),
            Action::Combine(action) => self.apply_combine(action),
            Action::ShowFileInTable { report_id, path } => self.show_file_in_table(report_id, path),
            Action::ApplyViewState { view } => self.apply_view_state(view),
            Action::FinishStartup => self.share.started = true,
        }
        self
    }

    fn apply_load(&mut self, action: LoadAction) {
        match action {
            LoadAction::Start { file_count, origin } => {
                if origin == LoadOrigin::Person {
                    self.loading.start(file_count);
                }
            }
            LoadAction::Progress {
                file_name,
                progress,
            } => self.loading.report_progress(file_name, progress),
            LoadAction::Cancel => self.loading.cancel(),
            LoadAction::DismissError { id } => self.loading.dismiss_error(id),
            LoadAction::Finish {
                file_name,
                outcome,
                table_index,
                origin: LoadOrigin::Person,
            } => {
                self.loading.finish(&file_name);
                self.take_in(file_name, outcome, table_index, LoadOrigin::Person);
            }
            // The demo arrives after start-up; by then the person may have loaded their
            // own files (or be loading them), which the demo must not join.
            LoadAction::Finish {
                file_name,
                outcome,
                table_index,
                origin: LoadOrigin::Demo,
            } => {
                if !self.has_user_data_or_loads() {
                    self.take_in(file_name, outcome, table_index, LoadOrigin::Demo);
                }
            }
            LoadAction::Shared { reports, view } => {
                for (name, report) in reports {
                    self.take_in(
                        name,
                        ParseOutcome {
                            value: Some(DroppedContent::Coverage(Box::new(report))),
                            diagnostics: Vec::new(),
                        },
                        None,
                        LoadOrigin::Person,
                    );
                }
                self.share.keep_data_in_address = true;
                self.apply_view_state(view);
            }
            LoadAction::SharedPatches { patches } => self.take_in_shared_patches(patches),
        }
    }

    /// Adds what a finished load produced: a report (with its table's row index when the
    /// parsing worker made it), a document, or (for the person's own files) an error,
    /// leaving everything loaded before as it was.
    fn take_in(
        &mut self,
        file_name: String,
        outcome: ParseOutcome<PageContent>,
        table_index: Option<SharedTableIndex>,
        origin: LoadOrigin,
    ) {
        let warnings = outcome.warning_messages();
        let first_error = outcome.first_error().map(str::to_string);
        let is_demo = origin == LoadOrigin::Demo;
        let id = self.take_id();
        match outcome.value {
            Some(DroppedContent::Coverage(report)) => {
                if !is_demo {
                    // An open share panel describes the reports it was opened for.
                    self.share.panel = None;
                    self.reports.remove_demo();
                }
                self.reports.add(LoadedReport {
                    id,
                    loaded_as: file_name.clone(),
                    name: file_name,
                    report: Shared(Rc::from(report)),
                    table_index,
                    warnings,
                    is_demo,
                });
            }
            Some(DroppedContent::Document(document)) => {
                let first_of_the_person = self.documents.add(LoadedDocument {
                    id,
                    document: Shared(Rc::from(document)),
                    warnings,
                    is_demo,
                });
                if first_of_the_person {
                    self.view.main = MainView::Documents;
                }
            }
            // The demo has no diff; a person's first diff opens the patch view.
            Some(DroppedContent::Patch(_)) if is_demo => {}
            Some(DroppedContent::Patch(patch)) => {
                let first = self.patch.patches.items.is_empty();
                self.patch.add(LoadedPatch {
                    id,
                    name: file_name,
                    patch: Shared(Rc::from(patch)),
                    warnings,
                });
                if first {
                    self.view.main = MainView::Patch;
                }
            }
            None if is_demo => {}
            None => self.loading.add_error(LoadError {
                id,
                file_name,
                message: first_error.unwrap_or_else(|| "the file could not be read".to_string()),
            }),
        }
    }

    /// Selects the report, shows its table and makes the file the active row, undoing only
    /// what of the view would hide it.
    fn show_file_in_table(&mut self, report_id: u64, path: String) {
        let Some(report) = self.reports.find(report_id) else {
            return;
        };
        let name = report.name.clone();
        let shared = report.report.clone();
        let file = shared.0.files.iter().find(|file| file.path == path);
        self.tables.reveal(&name, path.clone(), file);
        self.reports.selected_id = Some(report_id);
        self.view.main = MainView::Table;
    }

    /// True once the person loaded anything, or while their files are loading.
    fn has_user_data_or_loads(&self) -> bool {
        self.loading.files_in_flight > 0
            || self.reports.has_user_items()
            || self.documents.has_user_items()
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}
