//! The Clipboard API.
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
