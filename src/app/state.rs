//! The one reducer that owns application state: every change is an `Action`.
use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::core::analysis::compare::{default_comparison_pair, DeltaColumn};
use crate::core::analysis::table::{
    path_matches_filter, view_shows_file, TableColumn, TableView, Thresholds,
};
use crate::core::document::PlanningDocument;
use crate::core::input::DroppedContent;
use crate::core::model::CoverageReport;
use crate::core::share::ViewState;
use crate::core::text::ParseOutcome;

/// A coverage report shared between the state and the components that draw it.
///
/// Equality is identity: two loads of the same bytes are still two reports, and comparing
/// whole reports on every render would cost time proportional to their size.
#[derive(Clone, Debug)]
pub struct SharedReport(pub Rc<CoverageReport>);

/// A planning document shared between the state and the components; equality is identity.
#[derive(Clone, Debug)]
pub struct SharedDocument(pub Rc<PlanningDocument>);

/// The main views, each with a `nav-<key>` control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MainView {
    Table,
    Documents,
    Phases,
    Compare,
    Trend,
}

/// The colour theme the person chose: the system's (the default), or always light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// What the person chose in the comparison view.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonSettings {
    /// The chosen (before, after) report ids; `None` means the two newest.
    pub pair: Option<(u64, u64)>,
    pub sort: (DeltaColumn, bool),
    pub filter: String,
    pub only_changed: bool,
    /// The file whose line changes are shown.
    pub selected_path: Option<String>,
}

/// One loaded markdown document in the document list.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedDocument {
    pub id: u64,
    pub document: SharedDocument,
    pub warnings: Vec<String>,
    pub is_demo: bool,
}

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
    /// Bytes done and bytes in all, per file whose parse reports progress (the large
    /// ones, parsed in a worker), so the progress bar can move.
    pub load_progress: BTreeMap<String, LoadProgress>,
    /// The table settings per report name, persisted to local storage by the app.
    pub table_views: BTreeMap<String, TableView>,
    pub documents: Vec<LoadedDocument>,
    pub selected_document_id: Option<u64>,
    pub view: MainView,
    /// The active file row of the table: followed from a document link, moved with j
    /// and k, or clicked; highlighted and scrolled into view.
    pub highlighted_path: Option<String>,
    pub comparison: ComparisonSettings,
    /// The report claims are checked against, when the person chose one; otherwise each
    /// document picks its own (the report it names, the one just before its date, or the
    /// selected one).
    pub claims_report_choice: Option<u64>,
    pub claims_mismatches_only: bool,
    /// The share panel, while open.
    pub share: Option<SharePanel>,
    /// True once the start-up sources (demo, link, standalone data, `?src=`) were queued;
    /// the address is only written from then on, so an incoming link is read first.
    pub started: bool,
    /// The page was opened from a link or file carrying data: the address keeps carrying
    /// it, so a reload restores the same reports.
    pub keep_data_in_address: bool,
    /// The colour theme; remembered in local storage and applied as `data-theme` on `<html>`.
    pub theme: ThemeChoice,
    /// The keyboard help dialog, while open.
    pub keyboard_help_open: bool,
    pub next_id: u64,
}

/// How far one file's load has come: bytes read plus bytes parsed, of twice its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadProgress {
    pub done_bytes: u64,
    pub total_bytes: u64,
}

/// What the share panel shows: the link when the data fits, and a sentence either way.
#[derive(Clone, Debug, PartialEq)]
pub struct SharePanel {
    pub link: Option<String>,
    pub message: String,
    /// Set while the standalone file is being prepared or when preparing it failed.
    pub standalone_note: Option<String>,
}

/// Everything that can change the state, named for what the user or the loader does.
#[derive(Clone, Debug)]
pub enum Action {
    AddDemoFile {
        name: String,
        outcome: ParseOutcome<DroppedContent>,
    },
    StartLoadingFiles {
        file_count: usize,
    },
    ReportLoadProgress {
        file_name: String,
        progress: LoadProgress,
    },
    FinishLoadingFile {
        file_name: String,
        outcome: ParseOutcome<DroppedContent>,
    },
    /// The person stopped the loads under way; what was loaded before stays.
    CancelLoading,
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
    ShowView {
        view: MainView,
    },
    SelectDocument {
        id: u64,
    },
    RemoveDocument {
        id: u64,
    },
    /// Follows a link from a document to a file's row in a report's table.
    ShowFileInTable {
        report_id: u64,
        path: String,
    },
    /// Makes a file row of the shown table the active one (j, k, the arrows, a click).
    ActivateFileRow {
        path: String,
    },
    SetComparisonPair {
        before: u64,
        after: u64,
    },
    SortComparisonBy {
        column: DeltaColumn,
    },
    SetComparisonFilter {
        text: String,
    },
    SetComparisonOnlyChanged {
        only_changed: bool,
    },
    SelectComparisonFile {
        path: Option<String>,
    },
    /// Shows the view a link or the address describes, as far as the data is loaded.
    ApplyViewState {
        view: ViewState,
    },
    /// Loads the reports a share link or standalone file carried, then shows its view.
    LoadSharedReports {
        reports: Vec<(String, CoverageReport)>,
        view: ViewState,
    },
    FinishStartup,
    ChooseClaimsReport {
        report_id: Option<u64>,
    },
    SetClaimsMismatchesOnly {
        only: bool,
    },
    OpenSharePanel {
        panel: SharePanel,
    },
    SetStandaloneNote {
        note: Option<String>,
    },
    CloseSharePanel,
    SetTheme {
        theme: ThemeChoice,
    },
    /// The `t` shortcut: system, then light, then dark, then the system's again.
    CycleTheme,
    /// The `s` shortcut: sorts the selected table by the next column (coverage.py's column
    /// order, branch columns only when the report has them), in that column's usual
    /// direction.
    SortByNextColumn,
    /// The `S` shortcut: reverses the selected table's sort direction.
    ReverseSort,
    OpenKeyboardHelp,
    CloseKeyboardHelp,
}

impl PartialEq for SharedReport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl PartialEq for SharedDocument {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl MainView {
    pub const ALL: [MainView; 5] = [
        MainView::Table,
        MainView::Documents,
        MainView::Phases,
        MainView::Compare,
        MainView::Trend,
    ];

    /// The key of the `nav-<key>` page hook.
    pub fn key(self) -> &'static str {
        match self {
            MainView::Table => "table",
            MainView::Documents => "docs",
            MainView::Phases => "phases",
            MainView::Compare => "compare",
            MainView::Trend => "trend",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MainView::Table => "Coverage table",
            MainView::Documents => "Documents",
            MainView::Phases => "Phases",
            MainView::Compare => "Compare",
            MainView::Trend => "Trend",
        }
    }
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// The stored and `data-theme` value.
    pub fn key(self) -> &'static str {
        match self {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "System",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    /// The choice a stored key names; anything unknown (an old or edited value) is the
    /// system's theme.
    pub fn from_key(key: &str) -> ThemeChoice {
        ThemeChoice::ALL
            .into_iter()
            .find(|choice| choice.key() == key)
            .unwrap_or_default()
    }

    pub fn next(self) -> ThemeChoice {
        match self {
            ThemeChoice::System => ThemeChoice::Light,
            ThemeChoice::Light => ThemeChoice::Dark,
            ThemeChoice::Dark => ThemeChoice::System,
        }
    }
}

/// The columns the `s` shortcut steps through, in the table's order. The excluded and
/// missing-lines columns are left out: sorting by them is rarely what a reader wants.
const SHORTCUT_SORT_COLUMNS: [TableColumn; 6] = [
    TableColumn::Path,
    TableColumn::Statements,
    TableColumn::Missing,
    TableColumn::Branches,
    TableColumn::Partial,
    TableColumn::Coverage,
];

/// The column after `current` in `SHORTCUT_SORT_COLUMNS` (wrapping round), skipping the
/// branch columns when the report has no branch data.
fn next_shortcut_sort_column(current: TableColumn, has_branches: bool) -> TableColumn {
    let usable: Vec<TableColumn> = SHORTCUT_SORT_COLUMNS
        .into_iter()
        .filter(|column| {
            has_branches || !matches!(column, TableColumn::Branches | TableColumn::Partial)
        })
        .collect();
    match usable.iter().position(|column| *column == current) {
        Some(index) => usable[(index + 1) % usable.len()],
        None => usable[0],
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
            load_progress: BTreeMap::new(),
            table_views,
            documents: Vec::new(),
            selected_document_id: None,
            view: MainView::Table,
            highlighted_path: None,
            claims_report_choice: None,
            claims_mismatches_only: false,
            share: None,
            started: false,
            keep_data_in_address: false,
            theme: ThemeChoice::System,
            keyboard_help_open: false,
            comparison: ComparisonSettings {
                pair: None,
                sort: DeltaColumn::default_sort(),
                filter: String::new(),
                only_changed: false,
                selected_path: None,
            },
            next_id: 1,
        }
    }

    /// The same state with the theme remembered from an earlier visit.
    pub fn with_theme(mut self, theme: ThemeChoice) -> AppState {
        self.theme = theme;
        self
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

    /// The (before, after) reports to compare: the chosen pair while both are loaded,
    /// else the two newest by timestamp (older as before).
    pub fn comparison_reports(&self) -> Option<(&LoadedReport, &LoadedReport)> {
        let find = |id: u64| self.reports.iter().find(|report| report.id == id);
        if let Some((before, after)) = self.comparison.pair {
            if let (Some(before), Some(after)) = (find(before), find(after)) {
                return Some((before, after));
            }
        }
        let stamped: Vec<(u64, Option<&str>)> = self
            .reports
            .iter()
            .map(|report| (report.id, report.report.0.facts.timestamp.as_deref()))
            .collect();
        let (before, after) = default_comparison_pair(&stamped)?;
        Some((find(before)?, find(after)?))
    }

    pub fn selected_document(&self) -> Option<&LoadedDocument> {
        let id = self.selected_document_id?;
        self.documents.iter().find(|document| document.id == id)
    }

    /// Bytes done and bytes in all over the loads that report progress, or `None` when
    /// none does yet (the bar then shows that something is happening, not how much).
    pub fn overall_load_progress(&self) -> Option<LoadProgress> {
        if self.load_progress.is_empty() {
            return None;
        }
        Some(self.load_progress.values().fold(
            LoadProgress {
                done_bytes: 0,
                total_bytes: 0,
            },
            |sum, progress| LoadProgress {
                done_bytes: sum.done_bytes.saturating_add(progress.done_bytes),
                total_bytes: sum.total_bytes.saturating_add(progress.total_bytes),
            },
        ))
    }

    /// True while nothing the user loaded is shown, only the embedded demo.
    pub fn is_showing_demo(&self) -> bool {
        let loaded_any = self.reports.iter().any(|report| !report.is_demo)
            || self.documents.iter().any(|document| !document.is_demo);
        !loaded_any && (!self.reports.is_empty() || !self.documents.is_empty())
    }

    /// True once the person loaded anything, or while their files are loading.
    fn has_user_data_or_loads(&self) -> bool {
        self.files_in_flight > 0
            || self.reports.iter().any(|report| !report.is_demo)
            || self.documents.iter().any(|document| !document.is_demo)
    }

    /// Applies one action; the single place where state changes.
    pub fn apply(mut self, action: Action) -> AppState {
        match action {
            // The demo arrives after start-up; by then the person may have loaded their
            // own files, which the demo must not join.
            Action::AddDemoFile { .. } if self.has_user_data_or_loads() => {}
            Action::AddDemoFile { name, outcome } => match outcome.value {
                Some(DroppedContent::Coverage(report)) => {
                    let id = self.take_id();
                    self.reports.push(LoadedReport {
                        id,
                        name,
                        report: SharedReport(Rc::from(report)),
                        warnings: Vec::new(),
                        is_demo: true,
                    });
                    if self.selected_report_id.is_none() {
                        self.selected_report_id = Some(id);
                    }
                }
                Some(DroppedContent::Document(document)) => {
                    let id = self.take_id();
                    self.documents.push(LoadedDocument {
                        id,
                        document: SharedDocument(Rc::from(document)),
                        warnings: outcome
                            .diagnostics
                            .iter()
                            .map(|diagnostic| diagnostic.message.clone())
                            .collect(),
                        is_demo: true,
                    });
                    if self.selected_document_id.is_none() {
                        self.selected_document_id = Some(id);
                    }
                }
                // The demo holds no diff.
                Some(DroppedContent::Patch(_)) | None => {}
            },
            Action::StartLoadingFiles { file_count } => {
                self.files_in_flight += file_count;
            }
            Action::ReportLoadProgress {
                file_name,
                progress,
            } => {
                if self.files_in_flight > 0 {
                    self.load_progress.insert(file_name, progress);
                }
            }
            Action::CancelLoading => {
                self.files_in_flight = 0;
                self.load_progress.clear();
            }
            Action::FinishLoadingFile { file_name, outcome } => {
                self.files_in_flight = self.files_in_flight.saturating_sub(1);
                self.load_progress.remove(&file_name);
                if self.files_in_flight == 0 {
                    self.load_progress.clear();
                }
                let warnings = outcome.warning_messages();
                let first_error = outcome.first_error().map(str::to_string);
                match outcome.value {
                    Some(DroppedContent::Coverage(report)) => {
                        self.add_user_report(file_name, report, warnings)
                    }
                    Some(DroppedContent::Document(document)) => {
                        self.add_user_document(document, warnings)
                    }
                    // Until the patch coverage view lands, a diff is recognised and read,
                    // and the person is told so instead of being shown a wrong error.
                    Some(DroppedContent::Patch(patch)) => {
                        let id = self.take_id();
                        self.load_errors.push(LoadError {
                            id,
                            file_name,
                            message: format!(
                                "this is {}; Covscope reads it, but its patch coverage view is not there yet",
                                patch.describe()
                            ),
                        });
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
                self.share = None;
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
            Action::ShowView { view } => self.view = view,
            Action::SetTheme { theme } => self.theme = theme,
            Action::CycleTheme => self.theme = self.theme.next(),
            Action::SortByNextColumn => {
                let has_branches = self
                    .selected_report()
                    .is_some_and(|report| report.report.0.facts.has_branches);
                self.update_selected_view(|view| {
                    let column = next_shortcut_sort_column(view.sort.column, has_branches);
                    view.sort = view.sort.toggled_by(column);
                })
            }
            Action::ReverseSort => self.update_selected_view(|view| {
                view.sort = view.sort.toggled_by(view.sort.column);
            }),
            Action::OpenKeyboardHelp => self.keyboard_help_open = true,
            Action::CloseKeyboardHelp => self.keyboard_help_open = false,
            Action::SetComparisonPair { before, after } => {
                self.comparison.pair = Some((before, after));
                self.comparison.selected_path = None;
            }
            Action::SortComparisonBy { column } => {
                self.comparison.sort = DeltaColumn::toggled_sort(self.comparison.sort, column);
            }
            Action::SetComparisonFilter { text } => self.comparison.filter = text,
            Action::SetComparisonOnlyChanged { only_changed } => {
                self.comparison.only_changed = only_changed
            }
            Action::SelectComparisonFile { path } => self.comparison.selected_path = path,
            Action::ApplyViewState { view } => self.apply_view_state(view),
            Action::LoadSharedReports { reports, view } => {
                for (name, report) in reports {
                    self.add_user_report(name, Box::new(report), Vec::new());
                }
                self.keep_data_in_address = true;
                self.apply_view_state(view);
            }
            Action::FinishStartup => self.started = true,
            Action::ChooseClaimsReport { report_id } => self.claims_report_choice = report_id,
            Action::SetClaimsMismatchesOnly { only } => self.claims_mismatches_only = only,
            Action::OpenSharePanel { panel } => self.share = Some(panel),
            Action::SetStandaloneNote { note } => {
                if let Some(panel) = &mut self.share {
                    panel.standalone_note = note;
                }
            }
            Action::CloseSharePanel => self.share = None,
            Action::SelectDocument { id } => {
                if self.documents.iter().any(|document| document.id == id) {
                    self.selected_document_id = Some(id);
                    self.view = MainView::Documents;
                }
            }
            Action::RemoveDocument { id } => {
                let position = self.documents.iter().position(|document| document.id == id);
                if let Some(position) = position {
                    self.documents.remove(position);
                    if self.selected_document_id == Some(id) {
                        let next = position.min(self.documents.len().saturating_sub(1));
                        self.selected_document_id =
                            self.documents.get(next).map(|document| document.id);
                    }
                }
            }
            Action::ShowFileInTable { report_id, path } => {
                let Some(report) = self
                    .reports
                    .iter()
                    .find(|report| report.id == report_id)
                    .map(|report| report.report.clone())
                else {
                    return self;
                };
                self.selected_report_id = Some(report_id);
                self.view = MainView::Table;
                // The file is shown in place, among the others; only a filter or the
                // hiding of covered files that would hide it is undone.
                let file = report.0.files.iter().find(|file| file.path == path);
                self.update_selected_view(|view| {
                    if let Some(file) = file {
                        if !path_matches_filter(&file.path, &view.filter) {
                            view.filter.clear();
                        }
                        if !view_shows_file(view, file) {
                            view.hide_covered = false;
                        }
                    }
                });
                self.highlighted_path = Some(path);
            }
            Action::ActivateFileRow { path } => self.highlighted_path = Some(path),
        }
        self
    }

    /// The loaded reports by name, as share links and standalone files carry them.
    pub fn reports_to_share(&self) -> Vec<(&str, &CoverageReport)> {
        self.reports
            .iter()
            .map(|loaded| (loaded.name.as_str(), &*loaded.report.0))
            .collect()
    }

    /// The view as a link or the address records it: names, not ids, so it means the same
    /// thing on another machine that loads the same files.
    pub fn view_state(&self) -> ViewState {
        let comparison = self.comparison.pair.and_then(|(before, after)| {
            let name = |id: u64| {
                self.reports
                    .iter()
                    .find(|report| report.id == id)
                    .map(|report| report.name.clone())
            };
            Some((name(before)?, name(after)?))
        });
        let selected_file = match self.view {
            MainView::Compare => self.comparison.selected_path.clone(),
            _ => self.highlighted_path.clone(),
        };
        ViewState {
            selected_report: self.selected_report().map(|report| report.name.clone()),
            selected_document: self
                .selected_document()
                .map(|document| document.document.0.path.clone()),
            table: self.selected_table_view(),
            selected_file,
            comparison,
            current_view: Some(self.view.key().to_string()),
        }
    }

    fn apply_view_state(&mut self, view: ViewState) {
        if let Some(key) = view.current_view.as_deref() {
            if let Some(main_view) = MainView::ALL
                .into_iter()
                .find(|main_view| main_view.key() == key)
            {
                self.view = main_view;
            }
        }
        let report_id = |name: &str| {
            self.reports
                .iter()
                .find(|report| report.name == name)
                .map(|report| report.id)
        };
        if let Some(name) = view.selected_report.as_deref() {
            if let Some(id) = report_id(name) {
                self.selected_report_id = Some(id);
            }
            self.table_views
                .insert(name.to_string(), view.table.clone());
        }
        if let Some((before, after)) = &view.comparison {
            if let (Some(before), Some(after)) = (report_id(before), report_id(after)) {
                self.comparison.pair = Some((before, after));
            }
        }
        if let Some(path) = view.selected_document.as_deref() {
            let found = self
                .documents
                .iter()
                .find(|document| {
                    document.document.0.path == path || document.document.0.file_name == path
                })
                .map(|document| document.id);
            if let Some(id) = found {
                self.selected_document_id = Some(id);
            }
        }
        match self.view {
            MainView::Compare => self.comparison.selected_path = view.selected_file,
            _ => self.highlighted_path = view.selected_file,
        }
    }

    /// Adds a document the user loaded: the demo documents make way, a document with the
    /// same path is replaced (a re-dropped folder updates it), and the first document the
    /// user loads opens in the reader.
    fn add_user_document(&mut self, document: Box<PlanningDocument>, warnings: Vec<String>) {
        let had_user_documents = self.documents.iter().any(|loaded| !loaded.is_demo);
        self.documents.retain(|loaded| !loaded.is_demo);
        let id = self.take_id();
        let loaded = LoadedDocument {
            id,
            document: SharedDocument(Rc::from(document)),
            warnings,
            is_demo: false,
        };
        let same_path = self
            .documents
            .iter()
            .position(|existing| existing.document.0.path == loaded.document.0.path);
        let replaced_selected = match same_path {
            Some(position) => {
                let old_id = self.documents[position].id;
                self.documents[position] = loaded;
                self.selected_document_id == Some(old_id)
            }
            None => {
                self.documents.push(loaded);
                false
            }
        };
        if !had_user_documents || replaced_selected || self.selected_document().is_none() {
            self.selected_document_id = Some(id);
        }
        if !had_user_documents {
            self.view = MainView::Documents;
        }
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
        report: Box<CoverageReport>,
        warnings: Vec<String>,
    ) {
        // An open share panel describes the reports it was opened for.
        self.share = None;
        self.reports.retain(|loaded| !loaded.is_demo);
        let name = self.unique_name(file_name);
        let id = self.take_id();
        self.reports.push(LoadedReport {
            id,
            name,
            report: SharedReport(Rc::from(report)),
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
