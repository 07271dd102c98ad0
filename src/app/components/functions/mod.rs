//! The functions and classes index: every region of the selected report (or of one file)
//! with its own figures, sorted and filtered, each leading to its first line.
mod functions_page;
mod region_row;
mod region_table;

pub use functions_page::FunctionsPage;
pub use region_row::region_row;
pub use region_table::{RegionTable, RegionTableProps};
