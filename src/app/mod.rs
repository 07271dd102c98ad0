//! The Yew front end: state, browser glue and presentational components.
pub mod browser;
pub mod components;
pub mod demo;
pub mod loading;
pub mod state;

/// Installs the panic hook and mounts the app on the page body.
///
/// The same module also starts inside the parsing worker (see `browser::parse_worker`),
/// where there is no page to mount on; there it only waits to be called.
pub fn start() {
    if !browser::is_running_in_page() {
        return;
    }
    browser::install_panic_hook();
    browser::register_service_worker();
    yew::Renderer::<components::App>::new().render();
}
