//! Parsers: bytes in, a model value plus diagnostics out, never a panic.
mod coverage_py;
mod diagnostics;
mod dropped_file;
mod text;

pub use coverage_py::parse_coverage_py_json;
pub use diagnostics::{Diagnostic, ParseOutcome, Severity};
pub use dropped_file::{parse_dropped_file, DroppedContent};
pub use text::{decode_utf8_text, TextProblem};
