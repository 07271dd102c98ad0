//! Derived views of the model: table rows, sorting, filtering, the table's window,
//! missing-line text, patch coverage and differential categories.
pub mod agreement;
pub mod claim_markers;
pub mod claims;
pub mod combine;
pub mod compare;
pub mod differential;
pub mod export;
pub mod miss_minimap;
pub mod missing_lines;
pub mod patch;
pub mod patch_lines;
pub mod path_match;
pub mod path_search;
pub mod phases;
pub mod read_document;
pub mod regions;
pub mod run_summary;
pub mod source_lines;
pub mod source_origin;
pub mod source_text;
pub mod table;
pub mod table_window;
pub mod tree;
pub mod treemap;
pub mod trend;
