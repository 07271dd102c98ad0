//! The state as a link or the address records it, and back: names, not ids, so a view
//! means the same thing on another machine that loads the same files.
use super::{AppState, MainView};
use crate::core::model::CoverageReport;
use crate::core::share::ViewState;

impl AppState {
    /// The view as a link or the address records it.
    pub fn view_state(&self) -> ViewState {
        let comparison = self.comparison.pair.and_then(|(before, after)| {
            let name = |id: u64| self.reports.find(id).map(|report| report.name.clone());
            Some((name(before)?, name(after)?))
        });
        let open_source = self.code.source.as_ref();
        let selected_file = match self.view.main {
            MainView::Compare => self.comparison.selected_path.clone(),
            MainView::Source => open_source.map(|source| source.path.clone()),
            MainView::Tree => self.code.tree_active.clone(),
            MainView::Functions => self.code.regions_file.clone(),
            _ => self.tables.active_path.clone(),
        };
        let selected_line = match self.view.main {
            MainView::Source => open_source.and_then(|source| source.line),
            _ => None,
        };
        ViewState {
            selected_report: self.selected_report().map(|report| report.name.clone()),
            selected_document: self
                .selected_document()
                .map(|document| document.document.0.document.path.clone()),
            table: self.selected_table_view(),
            selected_file,
            comparison,
            current_view: Some(self.view.main.key().to_string()),
            open_folders: self.code.tree.expanded.clone(),
            selected_line,
        }
    }

    /// The loaded reports by name, as share links and standalone files carry them.
    pub fn reports_to_share(&self) -> Vec<(&str, &CoverageReport)> {
        self.reports
            .items
            .iter()
            .map(|loaded| (loaded.name.as_str(), &*loaded.report.0))
            .collect()
    }

    /// Shows the view a link or the address describes, as far as the data is loaded: a
    /// report or document it names that is not loaded is passed over.
    pub(super) fn apply_view_state(&mut self, view: ViewState) {
        if let Some(main) = view.current_view.as_deref().and_then(MainView::from_key) {
            self.view.main = main;
        }
        if let Some(name) = view.selected_report.as_deref() {
            if let Some(id) = self.reports.id_named(name) {
                self.reports.selected_id = Some(id);
            }
            self.tables
                .views
                .insert(name.to_string(), view.table.clone());
        }
        if let Some((before, after)) = &view.comparison {
            if let (Some(before), Some(after)) =
                (self.reports.id_named(before), self.reports.id_named(after))
            {
                self.comparison.pair = Some((before, after));
            }
        }
        if let Some(id) = view
            .selected_document
            .as_deref()
            .and_then(|path| self.documents.id_named(path))
        {
            self.documents.selected_id = Some(id);
        }
        self.code.tree.expanded = view.open_folders;
        match self.view.main {
            MainView::Compare => self.comparison.selected_path = view.selected_file,
            MainView::Source => match view.selected_file {
                Some(path) => self.code.open_source(path, view.selected_line),
                None => self.code.source = None,
            },
            MainView::Tree => self.code.tree_active = view.selected_file,
            MainView::Functions => self.code.regions_file = view.selected_file,
            _ => self.tables.active_path = view.selected_file,
        }
    }
}
