//! Reports over time: the comparison of two (per-file deltas, line changes, exports) and
//! the trend over all.
mod compare_page;
mod comparison_view;
mod delta_table;
mod line_changes_panel;
mod trend_view;

pub use compare_page::ComparePage;
pub use comparison_view::{ComparedReport, ComparisonView};
pub use delta_table::DeltaTable;
pub use line_changes_panel::LineChangesPanel;
pub use trend_view::TrendView;
