//! Presentational components: props in, `on_*` callbacks out, one component per file.
mod app;
mod coverage_bar;
mod coverage_table;
mod demo_banner;
mod drop_zone;
mod file_picker;
mod load_errors;
mod report_facts;
mod report_list;
mod table_controls;

pub use app::App;
pub use coverage_bar::CoverageBar;
pub use coverage_table::{CoverageTable, CoverageTableProps};
pub use demo_banner::DemoBanner;
pub use drop_zone::DropZone;
pub use file_picker::FilePicker;
pub use load_errors::LoadErrors;
pub use report_facts::ReportFacts;
pub use report_list::{ReportList, ReportListItem, ReportListProps};
pub use table_controls::TableControls;
