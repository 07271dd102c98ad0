//! What the code views show, derived from the selected report by the pure core and
//! memoised per input: its folder tree, its children's order per sort, and the line marks
//! of the open file.
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::state::SharedReport;
use crate::core::analysis::source_lines::{line_marks, LineMarks};
use crate::core::analysis::table::SortOrder;
use crate::core::analysis::tree::{build_folder_tree, sorted_child_order, ChildOrder, FolderTree};

/// The folder tree of the selected report while a code view `shown`: built when one first
/// shows it, and kept while the report stays selected, so going back to the tree from the
/// table does not build it again (about 100 ms for 50,000 files, BENCHMARKS.md "Code
/// views"). Another report, or none, lets the kept tree go.
#[hook]
pub fn use_folder_tree(report: Option<SharedReport>, shown: bool) -> Option<Rc<FolderTree>> {
    let kept = use_mut_ref(|| None::<(SharedReport, Rc<FolderTree>)>);
    let mut kept = kept.borrow_mut();
    let same_report = match (&*kept, &report) {
        (Some((kept_report, _)), Some(report)) => kept_report == report,
        _ => false,
    };
    if !same_report {
        *kept = None;
    }
    if !shown {
        return None;
    }
    let report = report?;
    let (_, tree) =
        kept.get_or_insert_with(|| (report.clone(), Rc::new(build_folder_tree(&report.0))));
    Some(tree.clone())
}

/// Every folder's children in the order of `sort`, laid out once per sort while the tree
/// stays: clicking a header back and forth, or typing in the filter with a column sorted,
/// reuses the orders already laid out instead of sorting 68,042 nodes again (about 16 ms
/// each time for a 50,000-file report, BENCHMARKS.md "Code views").
#[hook]
pub fn use_tree_child_order(
    tree: Rc<FolderTree>,
    report: SharedReport,
    sort: Option<SortOrder>,
) -> Rc<ChildOrder> {
    type Orders = HashMap<Option<SortOrder>, Rc<ChildOrder>>;
    let kept = use_mut_ref(|| None::<(Rc<FolderTree>, SharedReport, Orders)>);
    let mut kept = kept.borrow_mut();
    let same_tree = matches!(&*kept, Some((kept_tree, kept_report, _))
        if Rc::ptr_eq(kept_tree, &tree) && *kept_report == report);
    if !same_tree {
        *kept = None;
    }
    let (_, _, orders) = kept.get_or_insert_with(|| (tree.clone(), report.clone(), Orders::new()));
    orders
        .entry(sort)
        .or_insert_with(|| Rc::new(sorted_child_order(&tree, &report.0, sort)))
        .clone()
}

/// The open file of the selected report: its index among the report's files and its line
/// marks, derived once per report and file.
#[derive(Clone, Debug)]
pub struct OpenFileMarks {
    pub file_index: u32,
    pub marks: Rc<LineMarks>,
}

impl PartialEq for OpenFileMarks {
    fn eq(&self, other: &Self) -> bool {
        self.file_index == other.file_index && Rc::ptr_eq(&self.marks, &other.marks)
    }
}

/// The marks of the file at `path` in the report, when the report has that file.
#[hook]
pub fn use_open_file_marks(
    report: Option<SharedReport>,
    path: Option<String>,
) -> Option<OpenFileMarks> {
    let marks = use_memo((report, path), |(report, path)| {
        let (report, path) = (report.as_ref()?, path.as_ref()?);
        let file_index = report.0.files.iter().position(|file| &file.path == path)?;
        Some(OpenFileMarks {
            file_index: u32::try_from(file_index).ok()?,
            marks: Rc::new(line_marks(&report.0.files[file_index])),
        })
    });
    (*marks).clone()
}
