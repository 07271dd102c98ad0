//! The document element's `data-theme` attribute, which the stylesheet's theme overrides
//! key on.
/// Sets `data-theme` on `<html>`.
pub fn apply_theme_attribute(key: &str) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-theme", key);
    }
}
