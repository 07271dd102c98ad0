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
//! The reports and the documents are read prepared (`demo/prepared/`, read ahead of time
//! by the real parsers, see `core::share::prepared_report` and `prepared_document`), so
//! the demo never waits for the parsing worker, and a file the person drops at once never
//! waits behind the demo's.
//!
//! A served page asks for the demo's files before the WebAssembly runs: a small script of
//! `index.html` requests the list and then every file while the app is still downloading,
//! and leaves its requests under `EARLY_REQUESTS_GLOBAL`, which the app takes here.
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::files::{file_from_blob, file_from_text, PickedFile};
use super::network::{fetch_bytes, start_fetch, PendingFetch};

/// The folder the demo is served from, relative to the page.
const DEMO_FOLDER: &str = "./demo/";

/// The list of demo files, inside `DEMO_FOLDER`: `{"files":[{"name":…,"path":…}]}`, in the
/// order they load (the first report is selected). `name` is what the file is loaded as
/// (a path for documents, so phases group), `path` where it is served.
const DEMO_MANIFEST_FILE: &str = "files.json";

/// The id of the element in which the single-file app carries the demo files: a
/// `<script type="application/json">` (which the browser never runs) holding
/// `{"files":[{"name":…,"text":…,"prepared":true}]}` (`prepared` for a prepared report's
/// or document's text).
const EMBEDDED_DEMO_ELEMENT_ID: &str = "covscope-demo-data";

/// The field of a served list's entry naming its prepared report or document, and of an
/// embedded list's entry saying its text is one.
const PREPARED_FIELD: &str = "prepared";

/// The global under which `index.html`'s early script leaves the demo requests it started:
/// a promise of `{list: <the list's text>, files: {<path in DEMO_FOLDER>: <promise of the
/// file's Blob>}}`. Absent when the page did not start them (from disk, a published site,
/// a `?src=` address, a fragment).
const EARLY_REQUESTS_GLOBAL: &str = "covscopeDemoRequests";

/// One demo file, as it enters the loading road.
pub enum DemoFile {
    /// A file without a prepared form, read like a person's file.
    File(PickedFile),
    /// A report or document read ahead of time: its prepared text.
    Prepared { name: String, text: String },
}

/// An entry of a demo list: the name it loads under, the text or path of its file, and
/// the prepared form's (its path in a served list, `None` when it has none).
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
    let early = take_early_requests().await;
    let list = match &early {
        Some(early) => early.list.clone(),
        None => {
            let manifest = fetch_bytes(&format!("{DEMO_FOLDER}{DEMO_MANIFEST_FILE}")).await?;
            String::from_utf8_lossy(&manifest).into_owned()
        }
    };
    let entries = read_demo_list(&list, "path")?;
    let requests = entries
        .iter()
        .map(|entry| {
            let path = entry.prepared.as_ref().unwrap_or(&entry.file);
            DemoRequest::start(path, early.as_ref())
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut files = Vec::with_capacity(entries.len());
    for (entry, request) in entries.into_iter().zip(requests) {
        let blob = request.blob().await?;
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

/// The demo requests `index.html`'s early script started: the list's text and, by path in
/// `DEMO_FOLDER`, each file's promised Blob.
struct EarlyRequests {
    list: String,
    files: JsValue,
}

/// Takes the early script's requests, once (a later start asks the server itself); `None`
/// when the page started none or its list could not be had (then the app asks again, and
/// reports the error of its own request).
async fn take_early_requests() -> Option<EarlyRequests> {
    let window: js_sys::Object = gloo::utils::window().unchecked_into();
    let key = JsValue::from_str(EARLY_REQUESTS_GLOBAL);
    let requests = js_sys::Reflect::get(&window, &key).ok()?;
    // Only a missing global is left behind, which changes nothing.
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let requests = JsFuture::from(requests.dyn_into::<js_sys::Promise>().ok()?)
        .await
        .ok()?;
    let list = js_sys::Reflect::get(&requests, &JsValue::from_str("list"))
        .ok()?
        .as_string()?;
    let files = js_sys::Reflect::get(&requests, &JsValue::from_str("files")).ok()?;
    Some(EarlyRequests { list, files })
}

/// One demo file's request: started by the early script, or by the app now.
enum DemoRequest {
    Early { path: String, blob: js_sys::Promise },
    Now(PendingFetch),
}

impl DemoRequest {
    /// The early script's request for `path` when it made one, else a new request.
    fn start(path: &str, early: Option<&EarlyRequests>) -> Result<DemoRequest, String> {
        let early_blob = early
            .and_then(|early| js_sys::Reflect::get(&early.files, &JsValue::from_str(path)).ok())
            .and_then(|blob| blob.dyn_into::<js_sys::Promise>().ok());
        match early_blob {
            Some(blob) => Ok(DemoRequest::Early {
                path: path.to_string(),
                blob,
            }),
            None => start_fetch(&format!("{DEMO_FOLDER}{path}")).map(DemoRequest::Now),
        }
    }

    /// The file's body; an early request that failed is made again, so the error the
    /// person sees is the app's own.
    async fn blob(self) -> Result<web_sys::Blob, String> {
        let request = match self {
            DemoRequest::Early { path, blob } => match JsFuture::from(blob).await {
                Ok(blob) => return Ok(blob.unchecked_into()),
                Err(_) => start_fetch(&format!("{DEMO_FOLDER}{path}"))?,
            },
            DemoRequest::Now(request) => request,
        };
        request.response().await?.into_blob().await
    }
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
