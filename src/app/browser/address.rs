//! The Location and History APIs: the address's fragment (where views and links live),
//! Back and Forward, the page's own address and its `?src=` parameters.
use wasm_bindgen::JsValue;

/// The URL fragment without its `#`.
pub fn location_fragment() -> String {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// The page's address without the fragment, for building share links.
pub fn page_address_without_fragment() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    match href.split_once('#') {
        Some((address, _)) => address.to_string(),
        None => href,
    }
}

/// Writes the fragment: a new history entry when `new_entry` (so Back returns to the
/// previous view), otherwise in place (typing in a filter must not flood the history).
pub fn set_location_fragment(fragment: &str, new_entry: bool) {
    let window = gloo::utils::window();
    let Ok(history) = window.history() else {
        return;
    };
    let address = format!("#{fragment}");
    let result = if new_entry {
        history.push_state_with_url(&JsValue::NULL, "", Some(&address))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&address))
    };
    if result.is_err() {
        // Some file:// pages refuse history changes; the view still works, only the URL
        // does not follow it.
        web_sys::console::warn_1(&JsValue::from_str("Covscope could not update the address"));
    }
}

/// Calls `on_fragment` when Back, Forward or an edited address changes the fragment.
pub fn listen_for_fragment_changes(
    on_fragment: impl Fn(String) + 'static,
) -> gloo::events::EventListener {
    gloo::events::EventListener::new(&gloo::utils::window(), "popstate", move |_| {
        on_fragment(location_fragment());
    })
}

/// The `?src=` addresses to load at start, in order.
pub fn source_addresses() -> Vec<String> {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    let Ok(parameters) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Vec::new();
    };
    parameters
        .get_all("src")
        .iter()
        .filter_map(|value| value.as_string())
        .filter(|value| !value.trim().is_empty())
        .collect()
}

/// The `?source=` base address source files are fetched from (a raw-file host at the
/// measured commit, or a folder of this site), when the page was opened with one.
pub fn source_base_address() -> Option<String> {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("source")
        .filter(|value| !value.trim().is_empty())
}
