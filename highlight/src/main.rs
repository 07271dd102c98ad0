//! The highlighter's WebAssembly entry: everything it does is `highlight_source`, exported
//! from the library and called by `static/highlight-worker.js`.
fn main() {}
