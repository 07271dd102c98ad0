//! The "Open files" and "Open folder" buttons and their file inputs.
use yew::prelude::*;

use crate::app::loading::{take_picked, PickedFile};

#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    pub on_files: Callback<Vec<PickedFile>>,
    /// Pick a whole folder (sub-folders included) instead of single files.
    #[prop_or_default]
    pub folder: bool,
}

/// A visible label styled as a button over a visually hidden (but present) file input.
#[function_component]
pub fn FilePicker(props: &FilePickerProps) -> Html {
    let on_files = props.on_files.clone();
    let onchange = Callback::from(move |event: Event| {
        let files = take_picked(&event);
        if !files.is_empty() {
            on_files.emit(files);
        }
    });
    if props.folder {
        return html! {
            <label class="file-picker button secondary">
                { "Open folder…" }
                <input type="file" multiple=true webkitdirectory=true class="visually-hidden"
                    data-testid="folder-input" {onchange} />
            </label>
        };
    }
    html! {
        <label class="file-picker button">
            { "Open files…" }
            <input type="file" multiple=true class="visually-hidden" data-testid="file-input"
                accept=".json,.md,.markdown,.diff,.patch,application/json,text/markdown,text/x-diff,text/x-patch" {onchange} />
        </label>
    }
}
