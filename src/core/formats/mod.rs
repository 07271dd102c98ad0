//! Coverage format parsers: bytes of one tool's report in, the format-neutral model out;
//! and the unified-diff parser, bytes of a diff in, the model's `Patch` out.
//!
//! Each parser takes `&[u8]`, returns a `ParseOutcome` (a value plus diagnostics) and never
//! panics. Types that mirror a tool's format stay private to that parser's file. Which
//! parser a file goes to is decided by the input registry (`core::input`), never here.
mod clover;
mod cobertura;
mod coverage_py;
mod coverage_py_contexts;
mod diff;
mod go_cover;
mod istanbul;
mod istanbul_json;
mod istanbul_summary;
mod jacoco;
mod json_as_it_arrives;
mod json_diagnostics;
mod json_plain;
mod lcov;
mod line_records;
mod llvm_cov;
mod tarpaulin;
mod xml_report;

pub use clover::parse_clover_xml;
pub use cobertura::{parse_cobertura_xml, parse_cobertura_xml_streaming_files};
pub use coverage_py::{
    parse_coverage_py_json, parse_coverage_py_json_reporting_progress,
    parse_coverage_py_json_streaming_files, CoveragePyReadingAsItArrives,
};
pub use coverage_py_contexts::{read_file_contexts, FileContexts};
pub use diff::{parse_unified_diff, parse_unified_diff_reporting_progress};
pub use go_cover::parse_go_cover;
pub use istanbul::{parse_istanbul, parse_istanbul_streaming_files, IstanbulReadingAsItArrives};
pub use istanbul_summary::parse_istanbul_summary;
pub use jacoco::parse_jacoco_xml;
pub use json_as_it_arrives::ArrivalProgress;
pub use lcov::{parse_lcov, parse_lcov_streaming_files};
pub use llvm_cov::parse_llvm_cov_json;
pub use tarpaulin::parse_tarpaulin_json;
