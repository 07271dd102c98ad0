//! Patch coverage: a dropped diff against the selected report (diff-cover's figures, the
//! target's verdict, the missed added lines, exports), and with a baseline report,
//! genhtml's differential categories per file.
mod differential_table;
mod missed_lines;
mod patch_controls;
mod patch_exports;
mod patch_file_table;
mod patch_page;
mod patch_summary;

pub use differential_table::DifferentialTable;
pub use missed_lines::{MissedLines, SourcePlace};
pub use patch_controls::PatchControls;
pub use patch_exports::PatchExports;
pub use patch_file_table::PatchFileTable;
pub use patch_page::PatchPage;
pub use patch_summary::{PatchSummary, PatchVerdict};
