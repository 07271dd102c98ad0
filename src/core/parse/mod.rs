//! Parsers: bytes in, a model value plus diagnostics out, never a panic.
mod coverage_py;
mod diagnostics;
mod dropped_file;
mod file_limits;
mod text;
mod warm_up;

pub use coverage_py::{parse_coverage_py_json, parse_coverage_py_json_reporting_progress};
pub use diagnostics::{Diagnostic, ParseOutcome, Severity};
pub use dropped_file::{parse_dropped_file, parse_dropped_file_reporting_progress, DroppedContent};
pub use file_limits::{
    describe_byte_size, is_markdown_name, parses_off_main_thread, refuse_oversized_file,
    MAX_COVERAGE_FILE_BYTES, MAX_DOCUMENT_FILE_BYTES, OFF_MAIN_THREAD_THRESHOLD_BYTES,
};
pub use text::{decode_utf8_text, TextProblem};
pub use warm_up::warm_up_report_text;
