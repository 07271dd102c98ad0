//! The selected report's table as the view shows it, derived from the state by the pure
//! core and memoised per input.
use std::rc::Rc;

use yew::prelude::*;

use crate::app::state::{SharedReport, SharedTableIndex};
use crate::core::analysis::table::{
    directed_file_order, select_shown_rows, sort_column_ascending, step_active_row, ShownRows,
    TableRowIndex, TableView,
};

/// The derived table of one report and view: the index built once per report and the
/// rows the view shows. Equality is identity, so comparing props costs nothing.
#[derive(Clone, Debug)]
pub struct TableData {
    pub index: Rc<TableRowIndex>,
    pub shown: Rc<ShownRows>,
}

impl PartialEq for TableData {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.index, &other.index) && Rc::ptr_eq(&self.shown, &other.shown)
    }
}

impl TableData {
    /// The shown row `step` rows from the active one (the first when none is active).
    pub fn neighbour_path(
        &self,
        report: &SharedReport,
        active_path: Option<&str>,
        step: isize,
    ) -> Option<String> {
        let active = active_path.and_then(|path| self.index.file_index_of_path(&report.0, path));
        let target = step_active_row(&self.shown.file_indices, active, step)?;
        Some(report.0.files[target as usize].path.clone())
    }

    /// The position of a file among the shown rows.
    pub fn position_of_path(&self, report: &SharedReport, path: &str) -> Option<usize> {
        let file_index = self.index.file_index_of_path(&report.0, path)?;
        self.shown
            .file_indices
            .iter()
            .position(|&shown| shown == file_index)
    }
}

/// The table of the selected report, memoised in steps so each input redoes only its
/// part: the index once per report, a column's ascending order once per report and
/// column, the order in one direction once per sort, and the filtered rows with their
/// totals once per view.
///
/// `handed_over_index` is the report's index as the parsing worker made it, when it did
/// (it was stored with the report, for exactly that report); otherwise the index is built
/// here.
#[hook]
pub fn use_table_data(
    report: Option<SharedReport>,
    handed_over_index: Option<SharedTableIndex>,
    view: TableView,
) -> Option<TableData> {
    let index = use_memo(
        (report.clone(), handed_over_index),
        |(report, handed_over_index)| {
            let report = report.as_ref()?;
            Some(match handed_over_index {
                Some(index) => Rc::clone(&index.0),
                None => Rc::new(TableRowIndex::build(&report.0)),
            })
        },
    );
    // The column's ascending order is sorted once; flipping the direction reuses it.
    let column_order = {
        let index = index.clone();
        use_memo(
            (report.clone(), view.sort.column),
            move |(report, column)| {
                let (Some(report), Some(index)) = (report, &*index) else {
                    return None;
                };
                Some(sort_column_ascending(&report.0, index, *column))
            },
        )
    };
    let order = use_memo((report.clone(), view.sort), move |(_, sort)| {
        Rc::new(
            column_order
                .as_ref()
                .as_ref()
                .map(|ascending| directed_file_order(ascending, sort.descending))
                .unwrap_or_default(),
        )
    });
    let shown = {
        let index = index.clone();
        // The order follows the report and the sort, which the view and report cover.
        use_memo((report, view), move |(report, view)| {
            let (Some(report), Some(index)) = (report, &*index) else {
                return None;
            };
            Some(Rc::new(select_shown_rows(&report.0, index, &order, view)))
        })
    };
    match (&*index, &*shown) {
        (Some(index), Some(shown)) => Some(TableData {
            index: index.clone(),
            shown: shown.clone(),
        }),
        _ => None,
    }
}
