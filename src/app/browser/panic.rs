//! The panic hook: a panic shows a visible error with a way to recover, instead of a
//! dead page.
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Shows a panic as a visible error with a way to recover, instead of a dead page.
///
/// After a panic the WebAssembly instance cannot be trusted, so the message is written
/// straight into the DOM by the hook and recovery is a plain reload link (no script).
///
/// Yew's renderer installs its own console-only hook unless one was registered through
/// `yew::set_custom_panic_hook`, so that is the call used here.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&format!("Covscope panicked: {message}")));
        show_panic_overlay(&message);
    }));
}

/// Panics on purpose, so the end-to-end tests can prove the panic hook works in the
/// real release build. Exported to JavaScript as `trigger_panic_for_test`.
#[wasm_bindgen]
pub fn trigger_panic_for_test() {
    panic!("a panic triggered on purpose by trigger_panic_for_test");
}

fn show_panic_overlay(message: &str) {
    let document = gloo::utils::document();
    let Ok(overlay) = document.create_element("div") else {
        return;
    };
    let _ = overlay.set_attribute("data-testid", "panic-error");
    let _ = overlay.set_attribute("role", "alert");
    overlay.set_class_name("panic-error");
    let heading = document.create_element("h2").ok();
    let explanation = document.create_element("p").ok();
    let reload = document.create_element("a").ok();
    let detail = document.create_element("pre").ok();
    if let Some(heading) = heading {
        heading.set_text_content(Some("Covscope hit an internal error and stopped."));
        let _ = overlay.append_child(&heading);
    }
    if let Some(explanation) = explanation {
        explanation.set_text_content(Some(
            "Nothing was sent anywhere and your files are unchanged on your disk. Reload the page, then drop the files again. The technical detail below helps a bug report.",
        ));
        let _ = overlay.append_child(&explanation);
    }
    if let Some(reload) = &reload {
        // An empty href reloads the page without any script, which still works after a
        // panic has left the WebAssembly instance unusable.
        let _ = reload.set_attribute("href", "");
        let _ = reload.set_attribute("data-testid", "panic-reload");
        reload.set_class_name("panic-reload");
        reload.set_text_content(Some("Reload Covscope"));
        let _ = overlay.append_child(reload);
    }
    if let Some(detail) = detail {
        detail.set_text_content(Some(message));
        let _ = overlay.append_child(&detail);
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(&overlay);
    }
    // Keyboard and screen-reader users land on the way out, not somewhere in the dead page.
    if let Some(reload) = reload.and_then(|reload| reload.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = reload.focus();
    }
}
