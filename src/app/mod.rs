//! The Yew front end: state, browser glue and presentational components.
pub mod browser;
pub mod components;
pub mod demo;
pub mod state;

/// Installs the panic hook and mounts the app on the page body.
pub fn start() {
    browser::install_panic_hook();
    browser::register_service_worker();
    yew::Renderer::<components::App>::new().render();
}
