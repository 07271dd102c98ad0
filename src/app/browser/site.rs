//! A published site's data: where its manifest (`covscope.json`) is, or the manifest and
//! files a standalone file of the site carries inside its page.
//!
//! A site built by `scripts/publish-site.mjs` names its manifest in a
//! `<meta name="covscope-site" content="covscope.json">` of its page, so the app only asks
//! for a manifest where one was published (a page without it makes no request, and shows
//! the demo). The site's standalone file carries `{"manifest": "<covscope.json text>",
//! "files": {"<url as the manifest writes it>": "<text>"}}` in a
//! `<script type="application/json" id="covscope-site-data">`, which the browser never runs.
use wasm_bindgen::JsValue;

use super::files::{file_from_text, PickedFile};

/// The `name` of the meta element that names a site's manifest, relative to the page.
const SITE_MANIFEST_META_NAME: &str = "covscope-site";

/// The id of the element a site's standalone file carries the site's data in.
const EMBEDDED_SITE_ELEMENT_ID: &str = "covscope-site-data";

/// A site's data as the page carries it: the manifest's bytes and each file's text.
pub struct EmbeddedSite {
    pub manifest: Vec<u8>,
    files: js_sys::Object,
}

/// The site's manifest as the page names it (relative to the page), and the page's own
/// address to resolve it against, when the page names one.
pub fn site_manifest_reference() -> Option<(String, String)> {
    let document = gloo::utils::document();
    let selector = format!("meta[name=\"{SITE_MANIFEST_META_NAME}\"]");
    let content = document
        .query_selector(&selector)
        .ok()
        .flatten()?
        .get_attribute("content")?;
    let content = content.trim();
    if content.is_empty() {
        return None;
    }
    let page = gloo::utils::window().location().href().ok()?;
    Some((content.to_string(), page))
}

/// The site's data a standalone file carries, when this page is one; `Err` when it carries
/// data that cannot be read.
pub fn embedded_site() -> Option<Result<EmbeddedSite, String>> {
    let text = gloo::utils::document()
        .get_element_by_id(EMBEDDED_SITE_ELEMENT_ID)?
        .text_content()?;
    let invalid = || "the site data inside this page is not valid".to_string();
    let read = || -> Result<EmbeddedSite, String> {
        let data = js_sys::JSON::parse(&text).map_err(|_| invalid())?;
        let manifest = js_sys::Reflect::get(&data, &JsValue::from_str("manifest"))
            .ok()
            .and_then(|manifest| manifest.as_string())
            .ok_or_else(invalid)?;
        let files = js_sys::Reflect::get(&data, &JsValue::from_str("files"))
            .ok()
            .filter(|files| files.is_object())
            .ok_or_else(invalid)?;
        Ok(EmbeddedSite {
            manifest: manifest.into_bytes(),
            files: files.into(),
        })
    };
    Some(read())
}

impl EmbeddedSite {
    /// The file the manifest lists at `url`, loaded as `load_name`; `Err` names what is
    /// missing.
    pub fn file(&self, url: &str, load_name: &str) -> Result<PickedFile, String> {
        let text = js_sys::Reflect::get(&self.files, &JsValue::from_str(url))
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| {
                format!("{url} is listed in the manifest but not carried by this page")
            })?;
        let file = file_from_text(&text, load_name)
            .ok_or_else(|| format!("the browser could not make a file of {url}"))?;
        Ok(PickedFile {
            file,
            relative_path: load_name.to_string(),
        })
    }
}
