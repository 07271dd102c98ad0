//! Effects: everything the app does to the world outside its state, on its behalf. At the
//! app's level: start-up, the address and history, local storage, sharing, exports and
//! the keyboard shortcuts. At a component's level: the virtual list's scrolling, a modal
//! dialog, and the source view's fetching, contexts and colours. Components reach the browser only through these and the loading road.
pub mod address;
pub mod code_sources;
pub mod downloads;
pub mod modal_dialog;
pub mod row_window;
pub mod share;
pub mod shortcuts;
pub mod start_up;
pub mod storage;
