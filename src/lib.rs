//! Covscope: a pure core (model, parse, analysis) and a Yew front end (app).
pub mod app;
pub mod core;

/// Every WebAssembly binary built from this crate (the page, the parsing worker) allocates
/// with talc instead of std's dlmalloc: decoding a large handed-over report makes millions
/// of small allocations, and dlmalloc was most of that time in the page's profile.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
