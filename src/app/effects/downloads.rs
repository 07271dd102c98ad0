//! Exports leaving the page: text copied to the clipboard or saved as a file.
use crate::app::browser::clipboard::copy_to_clipboard;
use crate::app::browser::download::download_text_file;

/// What an export button asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportRequest {
    /// Copy the text; when the clipboard is refused, it is saved as `file_name` instead.
    CopyToClipboard {
        text: String,
        file_name: String,
        mime_type: String,
    },
    Download {
        file_name: String,
        mime_type: String,
        text: String,
    },
}

/// Copies or saves what was exported.
pub fn export(request: ExportRequest) {
    match request {
        ExportRequest::CopyToClipboard {
            text,
            file_name,
            mime_type,
        } => {
            wasm_bindgen_futures::spawn_local(async move {
                if copy_to_clipboard(text.clone()).await.is_err() {
                    let _ = download_text_file(&file_name, &mime_type, &text);
                }
            });
        }
        ExportRequest::Download {
            file_name,
            mime_type,
            text,
        } => {
            // A refused download leaves nothing to recover; the page stays as it was.
            let _ = download_text_file(&file_name, &mime_type, &text);
        }
    }
}

/// Copies a text (a share link) to the clipboard; a refusal only costs the copy, the text
/// stays selectable where it is shown.
pub fn copy_text(text: String) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = copy_to_clipboard(text).await;
    });
}
