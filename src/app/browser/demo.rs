//! The demo shown before the person loads anything: where its files are and how they are
//! read into files to load.
//!
//! The files are real coverage.py output from toolz (the suite run over a third, two thirds
//! and all of its test files) and a plan, a summary and a verification written about those
//! runs, so every claims verdict shows (see `tests/fixtures/claims/demo.txt`). They are
//! not compiled into the app: they are served next to it from `demo/`, listed in
//! `demo/files.json` (which the service worker also reads, to keep them for offline use),
//! and the single-file app carries them inside its page. The browser's own JSON reader
//! reads both lists: serde code for them would cost the wasm 11 KB.
use wasm_bindgen::JsValue;

use super::files::{file_from_blob, file_from_text, PickedFile};
use super::network::{fetch_bytes, start_fetch};

/// The folder the demo is served from, relative to the page.
const DEMO_FOLDER: &str = "./demo/";

/// The list of demo files, inside `DEMO_FOLDER`: `{"files":[{"name":…,"path":…}]}`, in the
/// order they load (the first report is selected). `name` is what the file is loaded as
/// (a path for documents, so phases group), `path` where it is served.
const DEMO_MANIFEST_FILE: &str = "files.json";

/// The id of the element in which the single-file app carries the demo files: a
/// `<script type="application/json">` (which the browser never runs) holding
/// `{"files":[{"name":…,"text":…}]}`.
const EMBEDDED_DEMO_ELEMENT_ID: &str = "covscope-demo-data";

/// The demo files, in order: from the page itself when it carries them (the single-file
/// app, opened from disk), otherwise fetched from the `demo/` folder served next to the
/// page (kept by the service worker for offline use). All requests start at once.
pub async fn demo_files() -> Result<Vec<PickedFile>, String> {
    let embedded = gloo::utils::document()
        .get_element_by_id(EMBEDDED_DEMO_ELEMENT_ID)
        .and_then(|element| element.text_content());
    if let Some(text) = embedded {
        return read_demo_list(&text, "text")?
            .into_iter()
            .map(|(name, text)| picked(file_from_text(&text, &name), name))
            .collect();
    }
    let manifest = fetch_bytes(&format!("{DEMO_FOLDER}{DEMO_MANIFEST_FILE}")).await?;
    let entries = read_demo_list(&String::from_utf8_lossy(&manifest), "path")?;
    let requests = entries
        .iter()
        .map(|(_, path)| start_fetch(&format!("{DEMO_FOLDER}{path}")))
        .collect::<Result<Vec<_>, String>>()?;
    let mut files = Vec::with_capacity(entries.len());
    for ((name, _), request) in entries.into_iter().zip(requests) {
        let blob = request.response().await?.into_blob().await?;
        files.push(picked(file_from_blob(&blob, &name), name)?);
    }
    Ok(files)
}

fn picked(file: Option<web_sys::File>, name: String) -> Result<PickedFile, String> {
    let file = file.ok_or_else(|| format!("the demo file {name} could not be made"))?;
    Ok(PickedFile {
        file,
        relative_path: name,
    })
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
