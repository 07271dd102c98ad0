//! Derived views of the model: table rows, sorting, filtering, missing-line text.
pub mod missing_lines;
pub mod path_match;
pub mod table;
