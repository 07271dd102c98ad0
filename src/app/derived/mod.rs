//! Data the views show, derived from the state by the pure core and memoised per input:
//! no browser access, no state changes.
mod claims;
mod code;
mod table;

pub use claims::{claim_inputs, ClaimInputs};
pub use code::{use_folder_tree, use_open_file_marks, use_tree_child_order, OpenFileMarks};
pub use table::{use_table_data, TableData};
