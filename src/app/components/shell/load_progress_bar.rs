//! The progress bar shown while files load, with the button that cancels them.
use crate::core::text::{counted, nouns};
use yew::prelude::*;

use crate::app::state::LoadProgress;
use crate::core::input::describe_byte_size;

#[derive(Properties, PartialEq)]
pub struct LoadProgressBarProps {
    pub files_in_flight: usize,
    /// Bytes done of bytes in all, once a load reports it; `None` shows a bar that only
    /// says something is happening.
    pub progress: Option<LoadProgress>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn LoadProgressBar(props: &LoadProgressBarProps) -> Html {
    let files = counted(props.files_in_flight, nouns::FILE);
    let onclick = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| on_cancel.emit(()))
    };
    let (bar, words) = match props.progress {
        Some(progress) if progress.total_bytes > 0 => {
            let done = progress.done_bytes.min(progress.total_bytes);
            let percent = done.saturating_mul(100) / progress.total_bytes;
            // Progress counts every byte twice (read, then parsed); people think in the
            // file's own size.
            let words = format!(
                "Loading {files}: {percent}% of {}",
                describe_byte_size(progress.total_bytes / 2)
            );
            (
                html! {
                    <progress aria-label="Loading files" max="100" value={percent.to_string()} />
                },
                words,
            )
        }
        _ => (
            html! { <progress aria-label="Loading files" /> },
            format!("Loading {files}…"),
        ),
    };
    html! {
        <div class="load-progress" data-testid="load-progress" role="status">
            { bar }
            <span class="load-progress-words">{ words }</span>
            <button type="button" class="load-cancel" data-testid="cancel-load" {onclick}>
                { "Cancel" }
            </button>
        </div>
    }
}
