//! Shared vocabulary and text: the lowest layer of the core, imported by every other.
//!
//! Diagnostics (a value plus messages, never a panic), bytes to UTF-8 text with precise
//! problems, and the shape of a source path. Nothing here imports another core module.
mod diagnostics;
mod paths;
mod utf8;

pub use diagnostics::{Diagnostic, ParseOutcome, Severity};
pub use paths::{looks_like_source_path, path_segments};
pub use utf8::{decode_utf8_text, TextProblem};
