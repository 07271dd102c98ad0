//! The only module that touches the browser: files, drag-and-drop, storage, focus, panics.
use std::collections::BTreeMap;

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::analysis::table::TableView;

/// The local-storage key of the per-report table settings; versioned so a later format
/// change can ignore old values instead of misreading them.
const TABLE_VIEWS_STORAGE_KEY: &str = "covscope.table-views.v1";

/// A file the user handed over, by picker or by drop.
pub type PickedFile = web_sys::File;

/// Shows a panic as a visible error with a way to recover, instead of a dead page.
///
/// After a panic the WebAssembly instance cannot be trusted, so the message is written
/// straight into the DOM by the hook and recovery is a plain reload link (no script).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
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

/// Reads the whole file into memory.
pub async fn read_file_bytes(file: &PickedFile) -> Result<Vec<u8>, String> {
    let blob = gloo::file::Blob::from(file.clone());
    gloo::file::futures::read_as_bytes(&blob)
        .await
        .map_err(|error| format!("the browser could not read the file: {error}"))
}

/// The file's name as the user sees it in their file manager.
pub fn file_name(file: &PickedFile) -> String {
    file.name()
}

/// The files chosen in a file input, which is then cleared so choosing the same file
/// again still fires a change event.
pub fn take_picked_files(event: &web_sys::Event) -> Vec<PickedFile> {
    let Some(input) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input.files().map(file_list_to_vec).unwrap_or_default();
    input.set_value("");
    files
}

/// Accepts a drag over the page: without `prevent_default` the browser would open the
/// file itself instead of letting the app have it.
pub fn accept_drag(event: &web_sys::DragEvent) {
    event.prevent_default();
    if let Some(transfer) = event.data_transfer() {
        transfer.set_drop_effect("copy");
    }
}

/// The files of a drop (and stops the browser from navigating to them).
pub fn take_dropped_files(event: &web_sys::DragEvent) -> Vec<PickedFile> {
    event.prevent_default();
    event
        .data_transfer()
        .and_then(|transfer| transfer.files())
        .map(file_list_to_vec)
        .unwrap_or_default()
}

/// The table settings saved on an earlier visit; anything unreadable counts as none.
pub fn load_table_views() -> BTreeMap<String, TableView> {
    LocalStorage::get(TABLE_VIEWS_STORAGE_KEY).unwrap_or_default()
}

/// Saves the table settings; storage can be full or disabled, which only costs the
/// settings, so the error is logged and otherwise ignored.
pub fn save_table_views(views: &BTreeMap<String, TableView>) {
    if let Err(error) = LocalStorage::set(TABLE_VIEWS_STORAGE_KEY, views) {
        web_sys::console::warn_1(&JsValue::from_str(&format!(
            "Covscope could not save table settings: {error}"
        )));
    }
}

/// Moves keyboard focus to the element with the given `data-testid`.
pub fn focus_by_test_id(test_id: &str) {
    let selector = format!("[data-testid=\"{test_id}\"]");
    let element = gloo::utils::document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// True when a key press is aimed at a text field, where shortcuts must not fire.
pub fn is_typing_in_field(event: &web_sys::KeyboardEvent) -> bool {
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

fn file_list_to_vec(list: web_sys::FileList) -> Vec<PickedFile> {
    (0..list.length())
        .filter_map(|index| list.get(index))
        .collect()
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
    let detail = document.create_element("pre").ok();
    let reload = document.create_element("a").ok();
    if let Some(heading) = heading {
        heading.set_text_content(Some("Covscope hit an internal error and stopped."));
        let _ = overlay.append_child(&heading);
    }
    if let Some(detail) = detail {
        detail.set_text_content(Some(message));
        let _ = overlay.append_child(&detail);
    }
    if let Some(reload) = reload {
        // An empty href reloads the page without any script, which still works after a
        // panic has left the WebAssembly instance unusable.
        let _ = reload.set_attribute("href", "");
        reload.set_text_content(Some(
            "Reload Covscope (your files stay on your disk; drop them again)",
        ));
        let _ = overlay.append_child(&reload);
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(&overlay);
    }
}

/// Opens the file chooser, as if the "Open files" button had been pressed.
pub fn open_file_picker() {
    let input = gloo::utils::document()
        .query_selector("[data-testid=\"file-input\"]")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(input) = input {
        input.click();
    }
}

/// Calls `on_key` for every key press on the page that is not aimed at a text field.
pub fn listen_for_shortcuts(on_key: impl Fn(String) + 'static) -> gloo::events::EventListener {
    gloo::events::EventListener::new(&gloo::utils::document(), "keydown", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if event.ctrl_key() || event.meta_key() || event.alt_key() || is_typing_in_field(event) {
            return;
        }
        let key = event.key();
        if key == "/" {
            // Without this the "/" would also be typed into the filter box it focuses.
            event.prevent_default();
        }
        on_key(key);
    })
}
