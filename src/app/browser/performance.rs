//! The Performance API: the page's clock, and a measure per finished load.
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `performance.measure(name, options)`, in the form that carries a `detail` object;
    /// web-sys only offers it behind its unstable-API flag.
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn performance_measure_with_options(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;

    /// `performance.now()`, available in pages and workers alike.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Milliseconds on the page's (or the worker's) clock.
pub fn now_milliseconds() -> f64 {
    performance_now()
}

/// Records a finished load as a `covscope:load` performance measure, so the benchmark
/// (and anyone with the browser's performance panel) can see how long it took and how
/// much memory the worker needed, without the app printing anything.
pub fn record_load_timing(
    file_name: &str,
    start_milliseconds: f64,
    size_bytes: u64,
    worker_memory_bytes: Option<u64>,
) {
    let detail = object(&[
        ("fileName", JsValue::from_str(file_name)),
        ("bytes", JsValue::from_f64(size_bytes as f64)),
        (
            "workerMemoryBytes",
            worker_memory_bytes.map_or(JsValue::NULL, |bytes| JsValue::from_f64(bytes as f64)),
        ),
    ]);
    let options = object(&[
        ("start", JsValue::from_f64(start_milliseconds)),
        ("end", JsValue::from_f64(performance_now())),
        ("detail", detail.into()),
    ]);
    // A browser without measure options loses only the measurement.
    let _ = performance_measure_with_options("covscope:load", &options);
}

fn object(properties: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (name, value) in properties {
        // Setting a plain property on a fresh object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object
}
