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
//!
//! The reports are read prepared (`demo/prepared/`, parsed ahead of time by the real
//! parsers, see `core::share::prepared_report`), so the first view waits for no parsing
//! worker; the documents are read from their own text, as a person's are.
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
/// `{"files":[{"name":…,"text":…,"prepared":true}]}` (`prepared` for a prepared report's
/// text).
const EMBEDDED_DEMO_ELEMENT_ID: &str = "covscope-demo-data";

/// The field of a served list's entry naming its prepared report, and of an embedded
/// list's entry saying its text is one.
const PREPARED_FIELD: &str = "prepared";

/// One demo file, as it enters the loading road.
pub enum DemoFile {
    /// A document, read like a person's file.
    File(PickedFile),
    /// A report parsed ahead of time: its prepared text.
    Prepared { name: String, text: String },
}

/// An entry of a demo list: the name it loads under, the text or path of its file, and
/// the prepared report's (its path in a served list, `None` when it has none).
struct DemoEntry {
    name: String,
    file: String,
    prepared: Option<String>,
}

/// The demo files, in order: from the page itself when it carries them (the single-file
/// app, opened from disk), otherwise fetched from the `demo/` folder served next to the
/// page (kept by the service worker for offline use). All requests start at once; of a
/// report, only its prepared text is fetched.
pub async fn demo_files() -> Result<Vec<DemoFile>, String> {
    let embedded = gloo::utils::document()
        .get_element_by_id(EMBEDDED_DEMO_ELEMENT_ID)
        .and_then(|element| element.text_content());
    if let Some(text) = embedded {
        return read_demo_list(&text, "text")?
            .into_iter()
            .map(|entry| match entry.prepared {
                Some(_) => Ok(DemoFile::Prepared {
                    name: entry.name,
                    text: entry.file,
                }),
                None => picked(file_from_text(&entry.file, &entry.name), entry.name),
            })
            .collect();
    }
    let manifest = fetch_bytes(&format!("{DEMO_FOLDER}{DEMO_MANIFEST_FILE}")).await?;
    let entries = read_demo_list(&String::from_utf8_lossy(&manifest), "path")?;
    let requests = entries
        .iter()
        .map(|entry| {
            let path = entry.prepared.as_ref().unwrap_or(&entry.file);
            start_fetch(&format!("{DEMO_FOLDER}{path}"))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut files = Vec::with_capacity(entries.len());
    for (entry, request) in entries.into_iter().zip(requests) {
        let blob = request.response().await?.into_blob().await?;
        files.push(match entry.prepared {
            Some(_) => DemoFile::Prepared {
                name: entry.name,
                text: blob_text(&blob).await?,
            },
            None => picked(file_from_blob(&blob, &entry.name), entry.name)?,
        });
    }
    Ok(files)
}

async fn blob_text(blob: &web_sys::Blob) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(blob.text())
        .await
        .map_err(|_| "a prepared demo report could not be read".to_string())?;
    text.as_string()
        .ok_or_else(|| "a prepared demo report could not be read".to_string())
}

fn picked(file: Option<web_sys::File>, name: String) -> Result<DemoFile, String> {
    let file = file.ok_or_else(|| format!("the demo file {name} could not be made"))?;
    Ok(DemoFile::File(PickedFile {
        file,
        relative_path: name,
    }))
}

/// The `name`, the given field and the prepared report (a path, or `true` in an embedded
/// list) of each entry of a `{"files":[…]}` demo list.
fn read_demo_list(text: &str, field: &str) -> Result<Vec<DemoEntry>, String> {
    let invalid = || "the demo list is not valid".to_string();
    let list = js_sys::JSON::parse(text).map_err(|_| invalid())?;
    let files = js_sys::Reflect::get(&list, &JsValue::from_str("files")).map_err(|_| invalid())?;
    if !js_sys::Array::is_array(&files) {
        return Err(invalid());
    }
    js_sys::Array::from(&files)
        .iter()
        .map(|entry| {
            let value_of = |key: &str| {
                js_sys::Reflect::get(&entry, &JsValue::from_str(key)).unwrap_or_default()
            };
            let text_of = |key: &str| value_of(key).as_string().ok_or_else(invalid);
            let prepared = value_of(PREPARED_FIELD);
            let prepared = match prepared.as_bool() {
                Some(true) => Some(String::new()),
                _ => prepared.as_string(),
            };
            Ok(DemoEntry {
                name: text_of("name")?,
                file: text_of(field)?,
                prepared,
            })
        })
        .collect()
}
