//! The source view: one file's text with every line marked run, missed, partly run or
//! excluded, hit counts, branch sentences, column-precise misses, a minimap of misses,
//! syntax colours, and the tests that ran each line.
mod contexts_panel;
mod line_details;
mod miss_minimap;
mod source_line;
mod source_page;
mod source_view;

pub use contexts_panel::contexts_panel;
pub use line_details::line_details;
pub use miss_minimap::miss_minimap;
pub use source_line::SourceLine;
pub use source_page::SourcePage;
pub use source_view::SourceView;
