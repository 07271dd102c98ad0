//! The page-wide keyboard shortcuts (the keyboard help lists them).
use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::browser::focus::focus_by_test_id;
use crate::app::browser::keyboard::listen_for_shortcuts;
use crate::app::derived::TableData;
use crate::app::state::{Action, CodeAction, ReportAction, SharedReport, TableAction, ViewAction};
use crate::core::analysis::source_lines::LineMarks;

/// The table as shown, for the j and k shortcuts.
pub struct TableNavigation {
    pub report: SharedReport,
    pub table: TableData,
    pub active_path: Option<String>,
}

/// The source view as shown, for the n and p shortcuts: the open file's marks and the
/// chosen line.
pub struct SourceNavigation {
    pub marks: Rc<LineMarks>,
    pub line: Option<u64>,
}

/// What is shown now, for the keys that move within it.
#[derive(Default)]
pub struct ShownForKeys {
    pub table: Option<TableNavigation>,
    pub source: Option<SourceNavigation>,
}

/// What a key does, written once: an action, or a focus move.
enum Shortcut {
    Act(fn() -> Action),
    FocusFilter,
    StepRow(isize),
    /// To the next (true) or previous missed or partly run line of the source view.
    StepGap(bool),
}

/// Every shortcut key and what it does.
const SHORTCUTS: [(&str, Shortcut); 11] = [
    ("/", Shortcut::FocusFilter),
    ("]", Shortcut::Act(|| ReportAction::SelectNext.into())),
    ("[", Shortcut::Act(|| ReportAction::SelectPrevious.into())),
    ("j", Shortcut::StepRow(1)),
    ("k", Shortcut::StepRow(-1)),
    ("s", Shortcut::Act(|| TableAction::SortByNextColumn.into())),
    ("S", Shortcut::Act(|| TableAction::ReverseSort.into())),
    ("t", Shortcut::Act(|| ViewAction::CycleTheme.into())),
    ("?", Shortcut::Act(|| ViewAction::OpenKeyboardHelp.into())),
    ("n", Shortcut::StepGap(true)),
    ("p", Shortcut::StepGap(false)),
];

/// Listens for the shortcuts while the app is mounted; `shown` is the table or source
/// shown now (or none), read at the moment j, k, n or p is pressed.
#[hook]
pub fn use_shortcuts(dispatch: &Callback<Action>, shown: ShownForKeys) {
    let current = use_mut_ref(|| None::<TableNavigation>);
    let source = use_mut_ref(|| None::<SourceNavigation>);
    *current.borrow_mut() = shown.table;
    *source.borrow_mut() = shown.source;
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
                Shortcut::StepGap(forward) => step_gap(&source, &dispatch, *forward),
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

/// Chooses the next (or previous) missed or partly run line from the chosen one (from the
/// top when none is chosen), noting it at once like [`step_active_row`].
fn step_gap(
    source: &RefCell<Option<SourceNavigation>>,
    dispatch: &Callback<Action>,
    forward: bool,
) {
    let target = {
        let mut source = source.borrow_mut();
        let Some(source) = source.as_mut() else {
            return;
        };
        let target = source.marks.gap_from(source.line, forward);
        source.line = target.or(source.line);
        target
    };
    if let Some(line) = target {
        dispatch.emit(CodeAction::ChooseLine { line: Some(line) }.into());
    }
}
