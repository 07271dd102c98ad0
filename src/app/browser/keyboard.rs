//! Keyboard events: the page-wide shortcuts, which never fire while the person types or
//! works inside a dialog.
use wasm_bindgen::JsCast;

/// Calls `on_key` for every key press on the page that is not aimed at a text field or a
/// dialog and carries no Ctrl, Meta or Alt.
pub fn listen_for_shortcuts(on_key: impl Fn(String) + 'static) -> gloo::events::EventListener {
    // Not passive (gloo's default): the "/" shortcut must cancel its keydown.
    let options = gloo::events::EventListenerOptions::enable_prevent_default();
    gloo::events::EventListener::new_with_options(
        &gloo::utils::document(),
        "keydown",
        options,
        move |event| {
            let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if event.ctrl_key()
                || event.meta_key()
                || event.alt_key()
                || is_typing_in_field(event)
                || is_inside_dialog(event)
            {
                return;
            }
            let key = event.key();
            if key == "/" {
                // Without this the "/" would also be typed into the filter box it focuses.
                event.prevent_default();
            }
            on_key(key);
        },
    )
}

/// True when a key press is aimed at a text field, where shortcuts must not fire.
fn is_typing_in_field(event: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    matches!(
        element.tag_name().to_ascii_lowercase().as_str(),
        "input" | "textarea" | "select"
    )
}

/// True when a key press comes from inside a dialog, whose own keys (Escape, Tab) must
/// not also act on the page behind it.
fn is_inside_dialog(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("dialog").ok().flatten())
        .is_some()
}
