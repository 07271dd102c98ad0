//! The page's frame: the header, the drop zone, loading status, the sidebar, the demo
//! banner, empty states and the keyboard help; and the plain controls every view uses
//! (a search box, a toggle, a pair of report pickers).
mod controls;
mod demo_banner;
mod drop_zone;
mod file_picker;
mod header;
mod keyboard_help;
mod load_errors;
mod load_progress_bar;
mod load_status;
mod report_pair_picker;
mod sidebar;
mod theme_toggle;
mod view_tabs;

pub use controls::{empty_state, search_box, toggle};
pub use demo_banner::DemoBanner;
pub use drop_zone::DropZone;
pub use file_picker::FilePicker;
pub use header::Header;
pub use keyboard_help::{KeyboardHelp, KEYBOARD_SHORTCUTS};
pub use load_errors::LoadErrors;
pub use load_progress_bar::LoadProgressBar;
pub use load_status::LoadStatus;
pub use report_pair_picker::{PickerNaming, ReportPairPicker};
pub use sidebar::Sidebar;
pub use theme_toggle::{ThemeToggle, ThemeToggleProps};
pub use view_tabs::ViewTabs;
