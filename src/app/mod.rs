//! The Yew front end, in layers that only import downwards:
//! `state` and `browser` (neither imports the other), then `derived` and `loading`, then
//! `effects`, then `components` (see ARCHITECTURE.md; `tests/layering.rs` checks it).
pub mod browser;
pub mod components;
pub mod derived;
pub mod effects;
pub mod loading;
pub mod state;

/// Installs the panic hook and mounts the app on the page body. The service worker is
/// registered by the start-up once the first view is painted (`effects::start_up`): its
/// install downloads the whole app again, which the first view must not wait behind.
///
/// Only the page's binary (`src/main.rs`) calls this; the parsing worker runs a binary of
/// its own (`src/parse_worker.rs`), which never mounts anything.
pub fn start() {
    browser::panic::install_panic_hook();
    yew::Renderer::<components::App>::new().render();
}
