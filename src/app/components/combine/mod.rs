//! Combining runs: ticking reports of one format and making one report of them.
mod combine_panel;

pub use combine_panel::{CombineChoice, CombinePanel};
