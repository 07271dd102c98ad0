//! The Service Worker API: the worker that lets a visited site open again offline.
use wasm_bindgen::JsValue;

/// Registers `sw.js`. Only over http(s): a page opened from disk (the single-file app)
/// cannot have one, and needs none.
pub fn register_service_worker() {
    let window = gloo::utils::window();
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "https:" && protocol != "http:" {
        return;
    }
    let navigator = window.navigator();
    let has_service_workers =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    if !has_service_workers {
        return;
    }
    let promise = navigator.service_worker().register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        // A refused registration (private mode, an old browser) only costs offline use.
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
