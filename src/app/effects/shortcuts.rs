//! The page-wide keyboard shortcuts (the keyboard help lists them).
use std::cell::RefCell;

use yew::prelude::*;

use crate::app::browser::focus::focus_by_test_id;
use crate::app::browser::keyboard::listen_for_shortcuts;
use crate::app::derived::TableData;
use crate::app::state::{Action, ReportAction, SharedReport, TableAction, ViewAction};

/// The table as shown, for the j and k shortcuts.
pub struct TableNavigation {
    pub report: SharedReport,
    pub table: TableData,
    pub active_path: Option<String>,
}

/// What a key does, written once: an action, or a focus move.
enum Shortcut {
    Act(fn() -> Action),
    FocusFilter,
    StepRow(isize),
}

/// Every shortcut key and what it does.
const SHORTCUTS: [(&str, Shortcut); 9] = [
    ("/", Shortcut::FocusFilter),
    ("]", Shortcut::Act(|| ReportAction::SelectNext.into())),
    ("[", Shortcut::Act(|| ReportAction::SelectPrevious.into())),
    ("j", Shortcut::StepRow(1)),
    ("k", Shortcut::StepRow(-1)),
    ("s", Shortcut::Act(|| TableAction::SortByNextColumn.into())),
    ("S", Shortcut::Act(|| TableAction::ReverseSort.into())),
    ("t", Shortcut::Act(|| ViewAction::CycleTheme.into())),
    ("?", Shortcut::Act(|| ViewAction::OpenKeyboardHelp.into())),
];

/// Listens for the shortcuts while the app is mounted; `navigation` is the table shown
/// now (or none), read at the moment j or k is pressed.
#[hook]
pub fn use_shortcuts(dispatch: &Callback<Action>, navigation: Option<TableNavigation>) {
    let current = use_mut_ref(|| None::<TableNavigation>);
    *current.borrow_mut() = navigation;
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let listener = listen_for_shortcuts(move |key| {
            let Some((_, shortcut)) = SHORTCUTS
                .iter()
                .find(|(shortcut_key, _)| **shortcut_key == key)
            else {
                return;
            };
            match shortcut {
                Shortcut::Act(action) => dispatch.emit(action()),
                Shortcut::FocusFilter => focus_by_test_id("filter-input"),
                Shortcut::StepRow(step) => step_active_row(&current, &dispatch, *step),
            }
        });
        move || drop(listener)
    });
}

/// Makes the row `step` rows from the active one active (the first row when none is).
///
/// The new active row is also noted in `navigation` at once: keys pressed faster than the
/// page renders then each move on from the row the previous one reached.
fn step_active_row(
    navigation: &RefCell<Option<TableNavigation>>,
    dispatch: &Callback<Action>,
    step: isize,
) {
    let target = {
        let mut navigation = navigation.borrow_mut();
        let Some(navigation) = navigation.as_mut() else {
            return;
        };
        let target = navigation.table.neighbour_path(
            &navigation.report,
            navigation.active_path.as_deref(),
            step,
        );
        navigation.active_path = target.clone().or(navigation.active_path.take());
        target
    };
    // The borrow ends first: dispatching may render the app, which updates `navigation`.
    if let Some(path) = target {
        dispatch.emit(TableAction::ActivateRow { path }.into());
    }
}
