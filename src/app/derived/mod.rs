//! Data the views show, derived from the state by the pure core and memoised per input:
//! no browser access, no state changes.
mod table;

pub use table::{use_table_data, TableData};
