//! Sharing: the panel with the link and the standalone file.
mod share_panel;

pub use share_panel::SharePanel;
