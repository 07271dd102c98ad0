//! Coverage format parsers: bytes of one tool's report in, the format-neutral model out.
//!
//! Each parser takes `&[u8]`, returns a `ParseOutcome` (a value plus diagnostics) and never
//! panics. Types that mirror a tool's format stay private to that parser's file. Which
//! parser a file goes to is decided by the input registry (`core::input`), never here.
mod coverage_py;
mod coverage_py_contexts;
mod istanbul;
mod istanbul_json;
mod istanbul_summary;
mod json_diagnostics;
mod llvm_cov;
mod tarpaulin;

pub use coverage_py::{parse_coverage_py_json, parse_coverage_py_json_reporting_progress};
pub use coverage_py_contexts::{read_file_contexts, FileContexts};
pub use istanbul::parse_istanbul;
pub use istanbul_summary::parse_istanbul_summary;
pub use llvm_cov::parse_llvm_cov_json;
pub use tarpaulin::parse_tarpaulin_json;
