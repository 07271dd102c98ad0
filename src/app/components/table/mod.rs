//! The coverage table: the report list, the selected report's facts, its controls, and the
//! virtual table of file rows with their columns described as data.
mod columns;
mod coverage_bar;
mod coverage_table;
mod file_row;
mod report_facts;
mod report_list;
mod sortable_header;
mod table_controls;
mod table_page;

pub use columns::{row_cells, table_columns, CellShape, ColumnDescription, RowFigures};
pub use coverage_bar::{CoverageBar, CoverageBarProps};
pub use coverage_table::{
    header_rows, spacer_row, windowed_rows, CoverageTable, CoverageTableProps,
};
pub use file_row::{shown_path, FileRow, FileRowProps};
pub use report_facts::ReportFacts;
pub use report_list::{ReportList, ReportListItem, ReportListProps};
pub use sortable_header::SortableHeader;
pub use table_controls::TableControls;
pub use table_page::TablePage;
