//! The File API and drag-and-drop: files the person picks or drops (folders walked), their
//! sizes and bytes, and files made from fetched or embedded data.
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::input::{is_read_from_folder, is_skipped_folder};

/// How deep a dropped folder is walked, and how many files it may yield: a dropped home
/// directory must not freeze the tab.
const FOLDER_WALK_MAXIMUM_DEPTH: usize = 24;
/// A project's sources count too, so this is well above a large project's file count.
const FOLDER_WALK_MAXIMUM_FILES: usize = 20_000;

/// A file to load, with its path inside a dropped or picked folder (just the file name
/// when a lone file was handed over, or the name a fetched file is loaded as).
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

impl DroppedItems {
    /// True when a drop carried nothing usable.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.folders.is_empty()
    }
}

/// A file's size in bytes (the browser reports a double; anything odd counts as empty).
pub fn file_size_bytes(file: &web_sys::Blob) -> u64 {
    let size = file.size();
    if size.is_finite() && size > 0.0 {
        size as u64
    } else {
        0
    }
}

/// What a person sees when the browser could not read a file they handed over.
pub const FILE_UNREADABLE_MESSAGE: &str =
    "the browser could not read the file (was it moved or deleted?)";

/// A read of a whole file under way; reads started together run together.
pub struct PendingRead(js_sys::Promise);

/// Starts reading the whole file.
pub fn start_reading(file: &web_sys::File) -> PendingRead {
    PendingRead(file.array_buffer())
}

impl PendingRead {
    /// The file's bytes, once read, in the app's memory.
    pub async fn bytes(self) -> Result<Vec<u8>, String> {
        let buffer = wasm_bindgen_futures::JsFuture::from(self.0)
            .await
            .map_err(|_| FILE_UNREADABLE_MESSAGE.to_string())?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// A file named `name` holding the blob's data (the browser shares the data, nothing is
/// copied), so fetched data loads like a dropped file.
pub fn file_from_blob(blob: &web_sys::Blob, name: &str) -> Option<web_sys::File> {
    web_sys::File::new_with_blob_sequence(&js_sys::Array::of1(blob), name).ok()
}

/// A file named `name` holding the text, so embedded data loads like a dropped file.
pub fn file_from_text(text: &str, name: &str) -> Option<web_sys::File> {
    web_sys::File::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str(text)), name).ok()
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

/// Walks the dropped folders (sub-folders included) and returns every file to load:
/// the dropped files as they are, and from folders only coverage JSON, markdown documents
/// and source files, never inside dependency, build or tooling folders, so a dropped
/// project folder does not flood the page with errors.
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
            } else if is_read_from_folder(&path) {
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
