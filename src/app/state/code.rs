//! The code views' settings: the folder tree (open folders, sort, filter, low band only,
//! the treemap), the functions and classes index, and the open source file and line with
//! the test whose lines are shown.
use std::collections::BTreeSet;
use std::rc::Rc;

use crate::core::analysis::regions::{RegionColumn, RegionView};
use crate::core::analysis::table::{SortOrder, TableColumn};
use crate::core::analysis::tree::{OpenFolders, TreeView};
use crate::core::model::RegionKind;

/// The file shown in the source view, and the line chosen in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenSource {
    /// The path exactly as the report spells it.
    pub path: String,
    /// The chosen line (a `#L120` link, a followed function, a jump to a miss).
    pub line: Option<u64>,
}

/// Everything the person chose in the tree, the functions index and the source view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeSettings {
    pub tree: TreeView,
    /// The active row of the tree (moved with the arrows, clicked), by path.
    pub tree_active: Option<String>,
    pub show_treemap: bool,
    /// The folder the treemap shows the inside of; `None` for the whole report.
    pub treemap_folder: Option<String>,
    pub regions: RegionView,
    /// The index narrowed to one file, by path.
    pub regions_file: Option<String>,
    pub source: Option<OpenSource>,
    /// The test whose lines of the open file are shown (coverage.py contexts).
    pub context_test: Option<String>,
}

/// What the person does in the tree, the functions index and the source view.
#[derive(Clone, Debug)]
pub enum CodeAction {
    /// Opens or closes one folder of the tree.
    SetFolderOpen {
        path: String,
        open: bool,
    },
    /// Opens every folder given (the "expand all" button hands all of them).
    OpenFolders {
        paths: BTreeSet<String>,
    },
    CloseAllFolders,
    ActivateTreeRow {
        path: String,
    },
    SortTreeBy {
        column: TableColumn,
    },
    SetTreeFilter {
        text: String,
    },
    SetOnlyBelowLow {
        only: bool,
    },
    ShowTreemap {
        show: bool,
    },
    /// Shows the inside of a folder in the treemap (`None`: the whole report).
    ShowTreemapFolder {
        path: Option<String>,
    },
    SortRegionsBy {
        column: RegionColumn,
    },
    SetRegionFilter {
        text: String,
    },
    SetRegionKind {
        kind: Option<RegionKind>,
    },
    SetOnlyRegionGaps {
        only: bool,
    },
    /// Narrows the index to one file (`None`: every file).
    NarrowRegionsToFile {
        path: Option<String>,
    },
    /// Chooses a line of the open file (`None`: none).
    ChooseLine {
        line: Option<u64>,
    },
    /// Shows which lines of the open file a test ran (`None`: none).
    ShowTestLines {
        test: Option<String>,
    },
}

impl CodeSettings {
    pub fn apply(&mut self, action: CodeAction) {
        match action {
            CodeAction::SetFolderOpen { path, open } => {
                if open {
                    Rc::make_mut(&mut self.tree.expanded).insert(path);
                } else {
                    Rc::make_mut(&mut self.tree.expanded).remove(&path);
                }
            }
            CodeAction::OpenFolders { paths } => {
                Rc::make_mut(&mut self.tree.expanded).extend(paths)
            }
            CodeAction::CloseAllFolders => self.tree.expanded = OpenFolders::default(),
            CodeAction::ActivateTreeRow { path } => self.tree_active = Some(path),
            CodeAction::SortTreeBy { column } => {
                let current = self.tree.sort.unwrap_or(SortOrder {
                    column: TableColumn::Path,
                    descending: false,
                });
                self.tree.sort = Some(current.toggled_by(column));
            }
            CodeAction::SetTreeFilter { text } => self.tree.filter = text,
            CodeAction::SetOnlyBelowLow { only } => self.tree.only_below_low = only,
            CodeAction::ShowTreemap { show } => self.show_treemap = show,
            CodeAction::ShowTreemapFolder { path } => self.treemap_folder = path,
            CodeAction::SortRegionsBy { column } => {
                let descending = self.regions.sort == column && !self.regions.descending;
                self.regions.sort = column;
                self.regions.descending = descending;
            }
            CodeAction::SetRegionFilter { text } => self.regions.filter = text,
            CodeAction::SetRegionKind { kind } => self.regions.kind = kind,
            CodeAction::SetOnlyRegionGaps { only } => self.regions.only_gaps = only,
            CodeAction::NarrowRegionsToFile { path } => self.regions_file = path,
            CodeAction::ChooseLine { line } => {
                if let Some(source) = &mut self.source {
                    source.line = line;
                }
            }
            CodeAction::ShowTestLines { test } => self.context_test = test,
        }
    }

    /// Opens a file's source at a line; the folders on the way to it open in the tree.
    pub fn open_source(&mut self, path: String, line: Option<u64>) {
        if self.source.as_ref().map(|source| &source.path) != Some(&path) {
            self.context_test = None;
        }
        self.tree_active = Some(path.clone());
        self.source = Some(OpenSource { path, line });
    }
}
