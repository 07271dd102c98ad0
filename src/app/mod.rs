//! The Yew front end, in layers that only import downwards:
//! `state` and `browser` (neither imports the other), then `derived` and `loading`, then
//! `effects`, then `components` (see ARCHITECTURE.md; `tests/layering.rs` checks it).
pub mod browser;
pub mod components;
pub mod derived;
pub mod effects;
pub mod loading;
pub mod state;

/// Installs the panic hook and mounts the app on the page body.
///
/// The same module also starts inside the parsing worker (see `browser::worker`), where
/// there is no page to mount on; there it only waits to be called.
pub fn start() {
    if !browser::worker::is_running_in_page() {
        return;
    }
    browser::panic::install_panic_hook();
    browser::service_worker::register_service_worker();
    yew::Renderer::<components::App>::new().render();
}
