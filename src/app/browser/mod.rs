//! The only part of the app that touches the browser, one file per browser API. Nothing
//! here knows the app's state or components; the state never imports this.
pub mod address;
pub mod clipboard;
pub mod demo;
pub mod dialog;
pub mod download;
pub mod files;
pub mod focus;
pub mod highlighter;
pub mod keyboard;
pub mod network;
pub mod panic;
pub mod performance;
pub mod scroll_area;
pub mod service_worker;
pub mod site;
pub mod standalone;
pub mod storage;
pub mod tasks;
pub mod theme;
pub mod worker;
