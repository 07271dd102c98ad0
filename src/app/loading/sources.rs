//! Source files on the loading road: a dropped project folder's or a lone dropped source
//! file is kept as text for the source view (never parsed as a report), within the limits
//! per file and in total; a source is fetched from the `?source=` base address when a
//! source view needs it; and the file of a report with contexts is kept, so its contexts
//! can be read when a source view opens (nothing about them is read at load time).
use std::cell::RefCell;
use std::collections::HashMap;

use yew::Callback;

use super::PickedFile;
use crate::app::browser::files::{self, file_size_bytes};
use crate::app::browser::network::start_fetch;
use crate::app::state::{Action, RefusedSource, SourceAction};
use crate::core::input::{
    is_read_from_folder, lies_in_skipped_folder, source_language_of, SourceBudget,
    MAX_SOURCE_FILE_BYTES,
};
use crate::core::text::decode_utf8_text;

thread_local! {
    /// The files of reports with contexts, by the name each was loaded under (the newest
    /// of a name wins).
    static KEPT_REPORT_FILES: RefCell<HashMap<String, web_sys::File>> = RefCell::new(HashMap::new());
}

/// Splits what a load brought into the files for the report road and the source files.
/// A folder picked whole arrives as a flat list: of its files (those with a folder in
/// their path) only reports, documents and sources outside skipped folders are kept, as a
/// dropped folder's walk keeps them.
pub fn separate_sources(files: Vec<PickedFile>) -> (Vec<PickedFile>, Vec<PickedFile>) {
    files
        .into_iter()
        .filter(|picked| {
            let path = &picked.relative_path;
            let from_folder = path.contains(['/', '\\']);
            !from_folder || (is_read_from_folder(path) && !lies_in_skipped_folder(path))
        })
        .partition(|picked| source_language_of(&picked.relative_path).is_none())
}

/// Reads the source files of one load as text, within the limits, and hands them to the
/// state in one action with those refused and why.
pub async fn load_sources(sources: Vec<PickedFile>, dispatch: Callback<Action>) {
    if sources.is_empty() {
        return;
    }
    let mut budget = SourceBudget::default();
    let mut refused = Vec::new();
    let mut reads = Vec::new();
    for picked in sources {
        match budget.admit(file_size_bytes(&picked.file)) {
            Ok(()) => {
                let read = files::start_reading(&picked.file);
                reads.push((picked.relative_path, read));
            }
            Err(reason) => refused.push(RefusedSource {
                path: picked.relative_path,
                reason,
            }),
        }
    }
    let mut kept = Vec::with_capacity(reads.len());
    for (path, read) in reads {
        let text = read.bytes().await.and_then(|bytes| text_of(&bytes));
        match text {
            Ok(text) => kept.push((path, text)),
            Err(reason) => refused.push(RefusedSource { path, reason }),
        }
    }
    dispatch.emit(
        SourceAction::Add {
            files: kept,
            refused,
        }
        .into(),
    );
}

/// A source file's bytes as text, or what is wrong with them.
fn text_of(bytes: &[u8]) -> Result<String, String> {
    if bytes.is_empty() {
        return Ok(String::new());
    }
    decode_utf8_text(bytes)
        .map(str::to_string)
        .map_err(|problem| problem.describe())
}

/// Fetches one source file from its address (refused by the size its server announces,
/// before the download is made, when over the limit) and hands the outcome to the state.
pub fn fetch_source(address: String, dispatch: &Callback<Action>) {
    dispatch.emit(
        SourceAction::FetchStarted {
            address: address.clone(),
        }
        .into(),
    );
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = fetch_text(&address).await;
        dispatch.emit(SourceAction::Fetched { address, outcome }.into());
    });
}

async fn fetch_text(address: &str) -> Result<String, String> {
    let response = start_fetch(address)?.response().await?;
    if let Some(size) = response.announced_size_bytes() {
        if size > MAX_SOURCE_FILE_BYTES {
            response.abandon();
            return Err(format!(
                "{address} is {size} bytes, more than the {MAX_SOURCE_FILE_BYTES} Covscope keeps for one source file"
            ));
        }
    }
    let blob = response.into_blob().await?;
    let file = files::file_from_blob(&blob, "source")
        .ok_or_else(|| "the browser could not keep the response".to_string())?;
    let bytes = files::start_reading(&file).bytes().await?;
    text_of(&bytes).map_err(|problem| format!("{address}: {problem}"))
}

/// Keeps the file a report with contexts was loaded from.
pub fn keep_report_file(name: &str, file: &web_sys::File) {
    KEPT_REPORT_FILES.with(|kept| {
        kept.borrow_mut().insert(name.to_string(), file.clone());
    });
}

/// The bytes of the file a report was loaded from, read again now.
pub async fn read_kept_report(name: &str) -> Result<Vec<u8>, String> {
    let file = KEPT_REPORT_FILES
        .with(|kept| kept.borrow().get(name).cloned())
        .ok_or_else(|| {
            "the report's file is not at hand (it came from a link or a standalone file); load the report file itself".to_string()
        })?;
    files::start_reading(&file).bytes().await
}
