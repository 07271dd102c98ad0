//! The coverage table's settings: each report's view (sort, filter, bands), kept by name,
//! and the active file row.
use std::collections::BTreeMap;

use crate::core::analysis::table::{
    path_matches_filter, view_shows_file, TableColumn, TableView, Thresholds,
};
use crate::core::model::FileCoverage;

/// The table settings of every report the person touched, and the active row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableSettings {
    /// The view per report name, saved to local storage by an effect.
    pub views: BTreeMap<String, TableView>,
    /// The active file row: followed from a document link, moved with j and k, or
    /// clicked; highlighted and scrolled into view.
    pub active_path: Option<String>,
}

/// What the person does to the selected report's table.
#[derive(Clone, Debug)]
pub enum TableAction {
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
    /// The `s` shortcut: sorts by the next column (coverage.py's column order, branch
    /// columns only when the report has them; another format's metric percentages), in
    /// that column's usual direction.
    SortByNextColumn,
    /// The `S` shortcut: reverses the sort direction.
    ReverseSort,
    /// Makes a file row the active one (j, k, the arrows, a click).
    ActivateRow {
        path: String,
    },
}

/// The report a table action applies to: its name (views are kept by name) and the
/// columns the `s` shortcut steps through (`core::analysis::table::shortcut_sort_columns`).
#[derive(Clone, Debug)]
pub struct SelectedTable<'a> {
    pub report_name: &'a str,
    pub shortcut_columns: Vec<TableColumn>,
}

impl TableSettings {
    /// The settings saved in an earlier visit, nothing active.
    pub fn with_saved_views(views: BTreeMap<String, TableView>) -> TableSettings {
        TableSettings {
            views,
            active_path: None,
        }
    }

    /// The view of a report, or the defaults.
    pub fn view_of(&self, report_name: &str) -> TableView {
        self.views.get(report_name).cloned().unwrap_or_default()
    }

    /// Applies one change to the selected report's table; without a report only the
    /// active row can change.
    pub fn apply(&mut self, action: TableAction, selected: Option<SelectedTable>) {
        match (action, selected) {
            (TableAction::ActivateRow { path }, _) => self.active_path = Some(path),
            (action, Some(selected)) => {
                let view = self
                    .views
                    .entry(selected.report_name.to_string())
                    .or_default();
                change_view(view, action, &selected.shortcut_columns);
            }
            (_, None) => {}
        }
    }

    /// Makes a followed file the active row, shown in place among the others: only a
    /// filter or the hiding of covered files that would hide it is undone.
    pub fn reveal(&mut self, report_name: &str, path: String, file: Option<&FileCoverage>) {
        let view = self.views.entry(report_name.to_string()).or_default();
        if let Some(file) = file {
            if !path_matches_filter(&file.path, &view.filter) {
                view.filter.clear();
            }
            if !view_shows_file(view, file) {
                view.hide_covered = false;
            }
        }
        self.active_path = Some(path);
    }
}

/// Applies a change of sort, filter, hiding or bands to one report's view.
fn change_view(view: &mut TableView, action: TableAction, shortcut_columns: &[TableColumn]) {
    match action {
        TableAction::SortBy { column } => view.sort = view.sort.toggled_by(column),
        TableAction::SetFilter { text } => view.filter = text,
        TableAction::SetHideCovered { hide } => view.hide_covered = hide,
        TableAction::SetThresholds { thresholds } => view.thresholds = thresholds.clamped(),
        TableAction::SortByNextColumn => {
            let column = next_shortcut_sort_column(view.sort.column, shortcut_columns);
            view.sort = view.sort.toggled_by(column);
        }
        TableAction::ReverseSort => view.sort = view.sort.toggled_by(view.sort.column),
        // The active row is not part of a report's view (see `TableSettings::apply`).
        TableAction::ActivateRow { .. } => {}
    }
}

/// The column after `current` among the report's shortcut columns, wrapping round.
fn next_shortcut_sort_column(current: TableColumn, usable: &[TableColumn]) -> TableColumn {
    match usable.iter().position(|column| *column == current) {
        Some(index) => usable[(index + 1) % usable.len()],
        None => usable.first().copied().unwrap_or(TableColumn::Path),
    }
}
