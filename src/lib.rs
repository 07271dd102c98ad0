//! Covscope: a pure core (model, parse, analysis) and a Yew front end (app).
pub mod app;
pub mod core;
pub mod heap_growth;

/// Every WebAssembly binary built from this crate (the page, the parsing worker) allocates
/// with talc instead of std's dlmalloc: decoding a large handed-over report makes millions
/// of small allocations, and dlmalloc was most of that time in the page's profile. The
/// memory comes from the browser in steps of a few MiB (`heap_growth`), not a page at a
/// time as talc's own source takes it.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::cell::TalcSyncCell<
    heap_growth::source::GrowInSteps,
    talc::wasm::WasmBinning,
> = talc::cell::TalcSyncCell::new_wasm(heap_growth::source::GrowInSteps::new());
