//! Presentational components, one per file, in a folder per feature: props in, `on_*`
//! callbacks out, derived data from the pure core through `use_memo`. Each feature's page
//! component takes the one dispatcher and reforms it into its parts' callbacks.
pub mod agreement;
mod app;
pub mod claims;
pub mod combine;
pub mod compare;
pub mod documents;
pub mod functions;
pub mod patch;
pub mod share;
pub mod shell;
pub mod source;
pub mod table;
pub mod tree;

pub use app::App;
