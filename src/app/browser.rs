//! The only module that touches the browser: files, drag-and-drop, workers, storage, focus,
//! scrolling, theme, dialogs, panics.
use std::collections::BTreeMap;

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::NodeRef;

use crate::app::demo::{DemoFile, DEMO_FOLDER, DEMO_MANIFEST_FILE, EMBEDDED_DEMO_ELEMENT_ID};
use crate::core::analysis::table::TableView;

mod parse_worker;

pub use parse_worker::{
    cancel_generation, cancel_off_main_thread_parses, fail_receiving_file, is_running_in_page,
    now_milliseconds, parse_off_main_thread, parse_received_file, prepare_spare_parse_worker,
    receive_file_chunk, record_load_timing, start_receiving_file, warm_up_parse_worker,
    yield_to_page, OffThreadParse,
};

/// The local-storage key of the per-report table settings; versioned so a later format
/// change can ignore old values instead of misreading them.
const TABLE_VIEWS_STORAGE_KEY: &str = "covscope.table-views.v1";

/// The local-storage key of the chosen colour theme (`system`, `light` or `dark`).
const THEME_STORAGE_KEY: &str = "covscope.theme.v1";

/// How deep a dropped folder is walked, and how many files it may yield: a dropped home
/// directory must not freeze the tab.
const FOLDER_WALK_MAXIMUM_DEPTH: usize = 24;
const FOLDER_WALK_MAXIMUM_FILES: usize = 5_000;

/// A file the user handed over, with its path inside a dropped or picked folder (just the
/// file name when a lone file was handed over).
#[derive(Clone, Debug, PartialEq)]
pub struct PickedFile {
    pub file: web_sys::File,
    pub relative_path: String,
}

/// What a drop carried: plain files at once, folders still to be walked.
///
/// Folder entries must be taken while the drop event is being handled (the browser empties
/// the transfer afterwards), but reading them is asynchronous, hence two steps.
#[derive(Clone, Debug, PartialEq)]
pub struct DroppedItems {
    files: Vec<PickedFile>,
    folders: Vec<web_sys::FileSystemDirectoryEntry>,
}

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

/// A file's size in bytes (the browser reports a double; anything odd counts as empty).
pub fn file_size_bytes(file: &web_sys::File) -> u64 {
    let size = file.size();
    if size.is_finite() && size > 0.0 {
        size as u64
    } else {
        0
    }
}

/// Reads the whole file into memory.
pub async fn read_file_bytes(file: &PickedFile) -> Result<Vec<u8>, String> {
    let blob = gloo::file::Blob::from(file.file.clone());
    gloo::file::futures::read_as_bytes(&blob)
        .await
        .map_err(|error| format!("the browser could not read the file: {error}"))
}

/// The files chosen in a file input (with their folder paths when a folder was chosen),
/// which is then cleared so choosing the same file again still fires a change event.
pub fn take_picked_files(event: &web_sys::Event) -> Vec<PickedFile> {
    let Some(input) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files: Vec<PickedFile> = input
        .files()
        .map(file_list_to_vec)
        .unwrap_or_default()
        .into_iter()
        .map(|file| {
            let relative_path =
                js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath"))
                    .ok()
                    .and_then(|value| value.as_string())
                    .filter(|path| !path.is_empty())
                    .unwrap_or_else(|| file.name());
            PickedFile {
                file,
                relative_path,
            }
        })
        .collect();
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

/// Takes what a drop carries (and stops the browser from navigating to it). Folders are
/// kept as entries to walk with `collect_dropped_files`.
pub fn take_dropped_items(event: &web_sys::DragEvent) -> DroppedItems {
    event.prevent_default();
    let mut dropped = DroppedItems {
        files: Vec::new(),
        folders: Vec::new(),
    };
    let Some(transfer) = event.data_transfer() else {
        return dropped;
    };
    let items = transfer.items();
    let mut saw_entries = false;
    for index in 0..items.length() {
        let Some(item) = items.get(index) else {
            continue;
        };
        if item.kind() != "file" {
            continue;
        }
        let entry = item.webkit_get_as_entry().ok().flatten();
        match entry {
            Some(entry) if entry.is_directory() => {
                saw_entries = true;
                dropped.folders.push(entry.unchecked_into());
            }
            _ => {
                if let Ok(Some(file)) = item.get_as_file() {
                    saw_entries = true;
                    let relative_path = file.name();
                    dropped.files.push(PickedFile {
                        file,
                        relative_path,
                    });
                }
            }
        }
    }
    if !saw_entries {
        // Some synthetic or older drops only fill `files`, not `items`.
        dropped.files = transfer
            .files()
            .map(file_list_to_vec)
            .unwrap_or_default()
            .into_iter()
            .map(|file| PickedFile {
                relative_path: file.name(),
                file,
            })
            .collect();
    }
    dropped
}

/// True when a drop carried nothing usable.
pub fn is_empty_drop(dropped: &DroppedItems) -> bool {
    dropped.files.is_empty() && dropped.folders.is_empty()
}

/// Walks the dropped folders (sub-folders included) and returns every file to load:
/// the dropped files as they are, and from folders only coverage JSON and markdown
/// documents, so a dropped project folder does not flood the page with errors.
pub async fn collect_dropped_files(dropped: DroppedItems) -> Vec<PickedFile> {
    let mut collected = dropped.files;
    let mut pending: Vec<(web_sys::FileSystemDirectoryEntry, String, usize)> = dropped
        .folders
        .into_iter()
        .map(|folder| {
            let name = folder.name();
            (folder, name, 0)
        })
        .collect();
    while let Some((folder, folder_path, depth)) = pending.pop() {
        for entry in read_all_directory_entries(&folder).await {
            if collected.len() >= FOLDER_WALK_MAXIMUM_FILES {
                return collected;
            }
            let path = format!("{folder_path}/{}", entry.name());
            if entry.is_directory() {
                if depth + 1 < FOLDER_WALK_MAXIMUM_DEPTH && !is_skipped_folder(&entry.name()) {
                    pending.push((entry.unchecked_into(), path, depth + 1));
                }
            } else if is_loadable_from_folder(&path) {
                if let Some(file) = file_of_entry(entry.unchecked_into()).await {
                    collected.push(PickedFile {
                        file,
                        relative_path: path,
                    });
                }
            }
        }
    }
    collected
}

/// Only the kinds of files Covscope reads are taken from folders.
pub fn is_loadable_from_folder(path: &str) -> bool {
    let lowercase = path.to_lowercase();
    [".json", ".md", ".markdown"]
        .iter()
        .any(|extension| lowercase.ends_with(extension))
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

/// The theme key saved in an earlier visit, if any.
pub fn load_theme_key() -> Option<String> {
    LocalStorage::raw()
        .get_item(THEME_STORAGE_KEY)
        .ok()
        .flatten()
}

/// Remembers the theme key; a refused write (private mode, full storage) only costs the
/// memory of the choice.
pub fn save_theme_key(key: &str) {
    let _ = LocalStorage::raw().set_item(THEME_STORAGE_KEY, key);
}

/// Sets `data-theme` on `<html>`, which the stylesheet's theme overrides key on.
pub fn apply_theme_attribute(key: &str) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-theme", key);
    }
}

/// Opens a `<dialog>` as a modal: the browser moves focus into it, keeps Tab inside it,
/// closes it on Escape and gives focus back to where it was when it closes.
pub fn show_modal_dialog(dialog: &web_sys::Element) {
    if let Some(dialog) = dialog.dyn_ref::<web_sys::HtmlDialogElement>() {
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
    }
}

/// Closes a `<dialog>` (which fires its `close` event and restores focus).
pub fn close_dialog(dialog: &web_sys::Element) {
    if let Some(dialog) = dialog.dyn_ref::<web_sys::HtmlDialogElement>() {
        dialog.close();
    }
}

/// Calls `on_close` when the dialog closes, whether by Escape or by `close_dialog`.
pub fn listen_for_dialog_close(
    dialog: &web_sys::Element,
    on_close: impl Fn() + 'static,
) -> gloo::events::EventListener {
    gloo::events::EventListener::new(dialog, "close", move |_| on_close())
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

/// True when a key press comes from inside a dialog, whose own keys (Escape, Tab) must
/// not also act on the page behind it.
fn is_inside_dialog(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("dialog").ok().flatten())
        .is_some()
}

/// Folders that hold tooling, never reports.
fn is_skipped_folder(name: &str) -> bool {
    matches!(
        name,
        "node_modules" | ".git" | "target" | "__pycache__" | ".venv" | "venv"
    )
}

/// Reads every entry of a folder; the browser hands them out in batches until an empty one.
async fn read_all_directory_entries(
    folder: &web_sys::FileSystemDirectoryEntry,
) -> Vec<web_sys::FileSystemEntry> {
    let reader = folder.create_reader();
    let mut entries = Vec::new();
    loop {
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            if reader
                .read_entries_with_callback_and_callback(&resolve, &reject)
                .is_err()
            {
                let _ = reject.call0(&JsValue::NULL);
            }
        });
        let Ok(batch) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            break;
        };
        let batch: js_sys::Array = batch.unchecked_into();
        if batch.length() == 0 {
            break;
        }
        entries.extend(
            batch
                .iter()
                .filter_map(|value| value.dyn_into::<web_sys::FileSystemEntry>().ok()),
        );
    }
    entries
}

async fn file_of_entry(entry: web_sys::FileSystemFileEntry) -> Option<web_sys::File> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|value| value.dyn_into::<web_sys::File>().ok())
}

fn file_list_to_vec(list: web_sys::FileList) -> Vec<web_sys::File> {
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

/// Copies text to the clipboard; resolves to an error message when the browser refuses
/// (no permission, or the page is not focused).
pub async fn copy_to_clipboard(text: String) -> Result<(), String> {
    let clipboard = gloo::utils::window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
        .await
        .map(|_| ())
        .map_err(|error| {
            format!(
                "the browser did not allow copying: {}",
                error.as_string().unwrap_or_else(|| format!("{error:?}"))
            )
        })
}

/// Saves text as a file through a temporary `blob:` link; nothing leaves the browser.
pub fn download_text_file(file_name: &str, mime_type: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::new();
    parts.push(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not build the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not offer the file".to_string())?;
    let anchor: web_sys::HtmlAnchorElement = gloo::utils::document()
        .create_element("a")
        .map_err(|_| "the browser could not offer the file".to_string())?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Registers the service worker that lets a visited site open again offline. Only over
/// http(s): a page opened from disk (the single-file app) cannot have one, and needs none.
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

/// The id of the element a standalone file carries its data in: a non-script type, so the
/// browser never runs it, holding a share fragment (base64url text only).
const EMBEDDED_DATA_ELEMENT_ID: &str = "covscope-embedded-data";

/// The URL fragment without its `#`.
pub fn location_fragment() -> String {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// The page's address without the fragment, for building share links.
pub fn page_address_without_fragment() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((address, _)) => address.to_string(),
        None => href,
    }
}

/// Writes the fragment: a new history entry when `new_entry` (so Back returns to the
/// previous view), otherwise in place (typing in a filter must not flood the history).
pub fn set_location_fragment(fragment: &str, new_entry: bool) {
    let window = gloo::utils::window();
    let Ok(history) = window.history() else {
        return;
    };
    let address = format!("#{fragment}");
    let result = if new_entry {
        history.push_state_with_url(&JsValue::NULL, "", Some(&address))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&address))
    };
    if result.is_err() {
        // Some file:// pages refuse history changes; the view still works, only the URL
        // does not follow it.
        web_sys::console::warn_1(&JsValue::from_str("Covscope could not update the address"));
    }
}

/// A callback waiting to run in a task of its own; dropping it cancels it.
pub struct SoonTask {
    _timeout: gloo::timers::callback::Timeout,
}

/// Runs `callback` in a new task as soon as the page has finished the current one (and
/// whatever it rendered), unless the returned handle is dropped first.
pub fn run_soon(callback: impl FnOnce() + 'static) -> SoonTask {
    SoonTask {
        _timeout: gloo::timers::callback::Timeout::new(0, callback),
    }
}

/// Calls `on_fragment` when Back, Forward or an edited address changes the fragment.
pub fn listen_for_fragment_changes(
    on_fragment: impl Fn(String) + 'static,
) -> gloo::events::EventListener {
    gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |_| {
        on_fragment(location_fragment());
    })
}

/// The share fragment a standalone file was saved with, if this page is one.
pub fn embedded_share_data() -> Option<String> {
    gloo::utils::document()
        .get_element_by_id(EMBEDDED_DATA_ELEMENT_ID)
        .and_then(|element| element.text_content())
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
}

/// The `?src=` addresses to load at start, in order.
pub fn source_addresses() -> Vec<String> {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    let Ok(parameters) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    parameters
        .get_all("src")
        .iter()
        .filter_map(|value| value.as_string())
        .filter(|value| !value.trim().is_empty())
        .collect()
}

/// Fetches an address the user asked for (`?src=`), the only network access Covscope
/// makes on its own. Errors say what to check, since a blocked cross-origin request looks
/// the same as no network to the page.
pub async fn fetch_bytes(address: &str) -> Result<Vec<u8>, String> {
    let window = gloo::utils::window();
    let options = web_sys::RequestInit::new();
    options.set_mode(web_sys::RequestMode::Cors);
    let request = web_sys::Request::new_with_str_and_init(address, &options)
        .map_err(|_| "the address is not a valid URL".to_string())?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| {
            "the request was blocked or failed: the server must be reachable and allow cross-origin requests (CORS), as raw.githubusercontent.com does".to_string()
        })?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let buffer = response
        .array_buffer()
        .map_err(|_| "the response could not be read".to_string())?;
    let buffer = wasm_bindgen_futures::JsFuture::from(buffer)
        .await
        .map_err(|_| "the response could not be read".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The demo files: from the page itself when it carries them (the single-file app, opened
/// from disk), otherwise fetched from the `demo/` folder served next to the page (kept by
/// the service worker for offline use). All requests start at once and are read in order.
pub async fn load_demo_files() -> Result<Vec<DemoFile>, String> {
    let embedded = gloo::utils::document()
        .get_element_by_id(EMBEDDED_DEMO_ELEMENT_ID)
        .and_then(|element| element.text_content());
    if let Some(text) = embedded {
        let files = read_demo_list(&text, "text")?;
        return Ok(files
            .into_iter()
            .map(|(name, text)| DemoFile {
                name,
                bytes: text.into_bytes(),
            })
            .collect());
    }
    let manifest = read_same_origin_bytes(start_same_origin_fetch(&format!(
        "{DEMO_FOLDER}{DEMO_MANIFEST_FILE}"
    )))
    .await?;
    let entries = read_demo_list(&String::from_utf8_lossy(&manifest), "path")?;
    let requests: Vec<_> = entries
        .iter()
        .map(|(_, path)| start_same_origin_fetch(&format!("{DEMO_FOLDER}{path}")))
        .collect();
    let mut files = Vec::with_capacity(entries.len());
    for ((name, _), request) in entries.into_iter().zip(requests) {
        files.push(DemoFile {
            name,
            bytes: read_same_origin_bytes(request).await?,
        });
    }
    Ok(files)
}

/// The `name` and the given field of each entry of a `{"files":[…]}` demo list.
fn read_demo_list(text: &str, field: &str) -> Result<Vec<(String, String)>, String> {
    let invalid = || "the demo list is not valid".to_string();
    let list = js_sys::JSON::parse(text).map_err(|_| invalid())?;
    let files = js_sys::Reflect::get(&list, &JsValue::from_str("files")).map_err(|_| invalid())?;
    if !js_sys::Array::is_array(&files) {
        return Err(invalid());
    }
    js_sys::Array::from(&files)
        .iter()
        .map(|entry| {
            let text_of = |key: &str| {
                js_sys::Reflect::get(&entry, &JsValue::from_str(key))
                    .ok()
                    .and_then(|value| value.as_string())
                    .ok_or_else(invalid)
            };
            Ok((text_of("name")?, text_of(field)?))
        })
        .collect()
}

/// Starts fetching a file served next to the page.
fn start_same_origin_fetch(address: &str) -> js_sys::Promise {
    gloo::utils::window().fetch_with_str(address)
}

/// The body of a fetch started with `start_same_origin_fetch`.
async fn read_same_origin_bytes(request: js_sys::Promise) -> Result<Vec<u8>, String> {
    let response = wasm_bindgen_futures::JsFuture::from(request)
        .await
        .map_err(|_| "the request failed".to_string())?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let buffer = response
        .array_buffer()
        .map_err(|_| "the response could not be read".to_string())?;
    let buffer = wasm_bindgen_futures::JsFuture::from(buffer)
        .await
        .map_err(|_| "the response could not be read".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The HTML of the single-file app, to save with data inside. A page that is itself the
/// single-file app rebuilds it from its own head (which the app never changes); a hosted
/// page fetches `covscope.html`, published next to it.
pub async fn single_file_app_html() -> Result<String, String> {
    let document = gloo::utils::document();
    if document.get_element_by_id("covscope-app").is_some() {
        let head = document
            .head()
            .map(|head| head.inner_html())
            .unwrap_or_default();
        let without_old_data = remove_embedded_data(&head);
        return Ok(format!(
            "<!doctype html>\n<html lang=\"en\">\n  <head>{without_old_data}</head>\n  <body>\n    <noscript>Covscope needs JavaScript and WebAssembly to read coverage reports in your browser.</noscript>\n  </body>\n</html>\n"
        ));
    }
    let bytes = fetch_bytes("./covscope.html").await.map_err(|error| {
        format!("the single-file app (covscope.html) is not published next to this page: {error}")
    })?;
    String::from_utf8(bytes).map_err(|_| "covscope.html is not UTF-8".to_string())
}

/// Puts a share fragment into single-file app HTML, replacing any data already there.
pub fn embed_share_data(app_html: &str, fragment: &str) -> String {
    let cleaned = remove_embedded_data(app_html);
    let element = format!(
        "<script type=\"application/x-covscope-share\" id=\"{EMBEDDED_DATA_ELEMENT_ID}\">{fragment}</script>\n"
    );
    match cleaned.find("</head>") {
        Some(index) => format!("{}{element}{}", &cleaned[..index], &cleaned[index..]),
        None => format!("{element}{cleaned}"),
    }
}

fn remove_embedded_data(html: &str) -> String {
    let marker =
        format!("<script type=\"application/x-covscope-share\" id=\"{EMBEDDED_DATA_ELEMENT_ID}\">");
    let Some(start) = html.find(&marker) else {
        return html.to_string();
    };
    match html[start..].find("</script>") {
        Some(length) => {
            let end = start + length + "</script>".len();
            let end = if html[end..].starts_with('\n') {
                end + 1
            } else {
                end
            };
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

/// What the table's scroll area measures: where it is scrolled to, and how tall the part
/// between its sticky header and sticky totals row is (the part rows scroll through).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScrollAreaSize {
    pub scroll_offset_px: f64,
    pub rows_viewport_px: f64,
}

/// Runs `callback` once, just before the next frame is painted and outside the current
/// task. Reading layout there costs no forced layout inside an input handler: the frame
/// lays the page out at that point anyway.
pub fn on_next_animation_frame(callback: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(callback);
    // A page that cannot schedule a frame only loses the deferred work.
    let _ = gloo::utils::window().request_animation_frame(callback.unchecked_ref());
}

/// Measures a scroll area whose content starts with `header` and ends with `footer`,
/// both sticky; `None` until the area is in the page.
pub fn measure_scroll_area(
    area: &NodeRef,
    header: &NodeRef,
    footer: &NodeRef,
) -> Option<ScrollAreaSize> {
    let area = area.cast::<web_sys::HtmlElement>()?;
    let height_of = |node: &NodeRef| {
        node.cast::<web_sys::HtmlElement>()
            .map_or(0.0, |element| f64::from(element.offset_height()))
    };
    let rows_viewport_px = f64::from(area.client_height()) - height_of(header) - height_of(footer);
    Some(ScrollAreaSize {
        scroll_offset_px: f64::from(area.scroll_top()),
        rows_viewport_px: rows_viewport_px.max(0.0),
    })
}

/// Scrolls an area to an offset (the browser clamps it to what the content allows) and
/// returns the offset it ended at.
pub fn scroll_area_to(area: &NodeRef, offset_px: f64) -> Option<f64> {
    let area = area.cast::<web_sys::Element>()?;
    // Offsets are whole CSS pixels here: rows are whole pixels tall.
    area.set_scroll_top(offset_px.round() as i32);
    Some(f64::from(area.scroll_top()))
}

/// Calls `on_resize` whenever the window changes size (the table's scroll area is sized
/// from the window's height).
pub fn listen_for_window_resize(on_resize: impl Fn() + 'static) -> gloo::events::EventListener {
    gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| on_resize())
}

/// True when keyboard focus is nowhere in particular (the page itself) or on an element
/// inside `area` that matches `selector`: then moving focus to another such element takes
/// nothing away from the person.
pub fn focus_is_free_or_on(area: &NodeRef, selector: &str) -> bool {
    let Some(active) = gloo::utils::document().active_element() else {
        return true;
    };
    let is_page = gloo::utils::document()
        .body()
        .is_some_and(|body| body.is_same_node(Some(&active)));
    let is_on_match = active.matches(selector).unwrap_or(false)
        && area
            .cast::<web_sys::Node>()
            .is_some_and(|area| area.contains(Some(&active)));
    is_page || is_on_match
}

/// Focuses the element inside `area` that matches a CSS selector, if it is rendered and
/// not focused already.
pub fn focus_inside(area: &NodeRef, selector: &str) {
    let element = area
        .cast::<web_sys::Element>()
        .and_then(|area| area.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(element) = element else {
        return;
    };
    let is_focused = gloo::utils::document()
        .active_element()
        .is_some_and(|active| active.is_same_node(Some(&element)));
    if !is_focused {
        let _ = element.focus();
    }
}

/// The `data-path` of the table row an event happened in (a click or key press anywhere
/// inside a `file-row`).
pub fn file_row_path_of_event(event: &web_sys::Event) -> Option<String> {
    event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-testid=\"file-row\"]")
        .ok()??
        .get_attribute("data-path")
}
