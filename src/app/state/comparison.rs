//! What the person chose in the comparison view.
use crate::core::analysis::compare::DeltaColumn;

/// The compared pair, the sort and filter of the delta table, the file whose lines show.
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

/// What the person does in the comparison view.
#[derive(Clone, Debug)]
pub enum ComparisonAction {
    SetPair { before: u64, after: u64 },
    SortBy { column: DeltaColumn },
    SetFilter { text: String },
    SetOnlyChanged { only_changed: bool },
    SelectFile { path: Option<String> },
}

impl Default for ComparisonSettings {
    fn default() -> Self {
        ComparisonSettings {
            pair: None,
            sort: DeltaColumn::default_sort(),
            filter: String::new(),
            only_changed: false,
            selected_path: None,
        }
    }
}

impl ComparisonSettings {
    pub fn apply(&mut self, action: ComparisonAction) {
        match action {
            ComparisonAction::SetPair { before, after } => {
                self.pair = Some((before, after));
                self.selected_path = None;
            }
            ComparisonAction::SortBy { column } => {
                self.sort = DeltaColumn::toggled_sort(self.sort, column);
            }
            ComparisonAction::SetFilter { text } => self.filter = text,
            ComparisonAction::SetOnlyChanged { only_changed } => self.only_changed = only_changed,
            ComparisonAction::SelectFile { path } => self.selected_path = path,
        }
    }
}
