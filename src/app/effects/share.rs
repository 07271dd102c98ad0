//! Sharing as effects: the page address links start with, and the standalone file saved
//! with the data of the open share panel.
use yew::Callback;

use crate::app::browser::address::page_address_without_fragment;
use crate::app::browser::download::download_text_file;
use crate::app::browser::standalone::{embed_share_data, single_file_app_html};
use crate::app::state::{Action, ShareAction, SharePanel};

/// The file name a standalone file is saved under.
const STANDALONE_FILE_NAME: &str = "covscope-standalone.html";

/// Opens the share panel for what is shown now.
pub fn open_share_panel(dispatch: &Callback<Action>) {
    dispatch.emit(
        ShareAction::Open {
            page_address: page_address_without_fragment(),
        }
        .into(),
    );
}

/// Saves one HTML file with the app and the panel's reports and view inside, telling the
/// panel how it goes.
pub fn download_standalone(panel: &SharePanel, dispatch: &Callback<Action>) {
    let note = |text: String| {
        dispatch.emit(ShareAction::SetStandaloneNote { note: Some(text) }.into());
    };
    let fragment = match &panel.standalone_data {
        Ok(fragment) => fragment.clone(),
        Err(problem) => {
            note(format!("The standalone file could not be made: {problem}"));
            return;
        }
    };
    note("Preparing the standalone file…".to_string());
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let note = match single_file_app_html().await {
            Ok(app_html) => {
                let html = embed_share_data(&app_html, &fragment);
                match download_text_file(STANDALONE_FILE_NAME, "text/html", &html) {
                    Ok(()) => format!(
                        "Saved {STANDALONE_FILE_NAME}: open it from disk, no network needed."
                    ),
                    Err(problem) => format!("The standalone file could not be saved: {problem}"),
                }
            }
            Err(problem) => format!("The standalone file could not be made: {problem}"),
        };
        dispatch.emit(ShareAction::SetStandaloneNote { note: Some(note) }.into());
    });
}
