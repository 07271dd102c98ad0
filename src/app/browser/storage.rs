//! Local storage: the table settings per report, the chosen colour theme and the patch
//! coverage target.
use std::collections::BTreeMap;

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsValue;

use crate::core::analysis::table::TableView;

/// The local-storage key of the per-report table settings; versioned so a later format
/// change can ignore old values instead of misreading them.
const TABLE_VIEWS_STORAGE_KEY: &str = "covscope.table-views.v1";

/// The local-storage key of the chosen colour theme (`system`, `light` or `dark`).
const THEME_STORAGE_KEY: &str = "covscope.theme.v1";

/// The table settings saved on an earlier visit; anything unreadable counts as none.
pub fn load_table_views() -> BTreeMap<String, TableView> {
    LocalStorage::get(TABLE_VIEWS_STORAGE_KEY).unwrap_or_default()
}

/// Saves the table settings; storage can be full or disabled, which only costs the
/// settings, so the error is logged and otherwise ignored.
pub fn save_table_views(views: &BTreeMap<String, TableView>) {
    if let Err(error) = LocalStorage::set(TABLE_VIEWS_STORAGE_KEY, views) {
        web_sys::console::warn_1(&JsValue::from_str(&format!(
            "Covscope could not save table settings: {error}"
        )));
    }
}

/// The theme key saved in an earlier visit, if any.
pub fn load_theme_key() -> Option<String> {
    LocalStorage::raw()
        .get_item(THEME_STORAGE_KEY)
        .ok()
        .flatten()
}

/// Remembers the theme key; a refused write (private mode, full storage) only costs the
/// memory of the choice.
pub fn save_theme_key(key: &str) {
    let _ = LocalStorage::raw().set_item(THEME_STORAGE_KEY, key);
}

/// The local-storage key of the patch coverage target, in percent as plain text (`80`).
const PATCH_THRESHOLD_STORAGE_KEY: &str = "covscope.patch-threshold.v1";

/// The patch coverage target saved in an earlier visit, if any was readable as a number.
pub fn load_patch_threshold() -> Option<f64> {
    LocalStorage::raw()
        .get_item(PATCH_THRESHOLD_STORAGE_KEY)
        .ok()
        .flatten()
        .and_then(|text| text.trim().parse().ok())
}

/// Remembers the patch coverage target; a refused write only costs the memory of it.
pub fn save_patch_threshold(percent: f64) {
    let _ = LocalStorage::raw().set_item(PATCH_THRESHOLD_STORAGE_KEY, &percent.to_string());
}
