//! Shared vocabulary and text: the lowest layer of the core, imported by every other.
//!
//! Diagnostics (a value plus messages, never a panic), bytes to UTF-8 text with precise
//! problems, the shape of a source path, function names as people read them (mangled
//! symbols demangled), counts with their nouns, and a quick hash for tables keyed by a
//! report's own texts. Nothing here imports another core module.
mod counted;
mod diagnostics;
mod paths;
mod symbols;
mod utf8;
mod word_hash;

pub use counted::{counted, nouns, Noun};
pub use diagnostics::{Diagnostic, ParseOutcome, Severity};
pub use paths::{looks_like_source_path, path_segments};
pub use symbols::{readable_symbol, readable_symbols};
pub use utf8::{decode_utf8_text, TextProblem};
pub use word_hash::{WordHash, WordHasher};
