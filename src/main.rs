//! The WebAssembly entry point: installs the panic hook and mounts the app.
fn main() {
    covscope::app::start();
}
