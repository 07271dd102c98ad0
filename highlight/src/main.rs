//! The highlighter's WebAssembly entry: everything it does is `highlight_source`, exported
//! from the library and called by `static/highlight-worker.js`.
fn main() {
    // Naming the export links the library into this binary (nothing else uses it here),
    // so wasm-bindgen finds it and its intrinsics.
    let _export = covscope_highlight::highlight_source;
}
