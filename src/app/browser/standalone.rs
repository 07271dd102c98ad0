//! The single-file app's page: the data a standalone file carries, and the HTML of a new
//! standalone file with data inside.
use super::network::fetch_bytes;

/// The id of the element a standalone file carries its data in: a non-script type, so the
/// browser never runs it, holding a share fragment (base64url text only).
const EMBEDDED_DATA_ELEMENT_ID: &str = "covscope-embedded-data";

/// The id of the single-file app's own script element, which a hosted page does not have.
const SINGLE_FILE_APP_ELEMENT_ID: &str = "covscope-app";

/// The share fragment a standalone file was saved with, if this page is one.
pub fn embedded_share_data() -> Option<String> {
    gloo::utils::document()
        .get_element_by_id(EMBEDDED_DATA_ELEMENT_ID)
        .and_then(|element| element.text_content())
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
}

/// The HTML of the single-file app, to save with data inside. A page that is itself the
/// single-file app rebuilds it from its own head (which the app never changes); a hosted
/// page fetches `covscope.html`, published next to it.
pub async fn single_file_app_html() -> Result<String, String> {
    let document = gloo::utils::document();
    if document
        .get_element_by_id(SINGLE_FILE_APP_ELEMENT_ID)
        .is_some()
    {
        let head = document
            .head()
            .map(|head| head.inner_html())
            .unwrap_or_default();
        let without_old_data = remove_embedded_data(&head);
        return Ok(format!(
            "<!doctype html>\n<html lang=\"en\">\n  <head>{without_old_data}</head>\n  <body>\n    <noscript>Covscope needs JavaScript and WebAssembly to read coverage reports in your browser.</noscript>\n  </body>\n</html>\n"
        ));
    }
    let bytes = fetch_bytes("./covscope.html").await.map_err(|error| {
        format!("the single-file app (covscope.html) is not published next to this page: {error}")
    })?;
    String::from_utf8(bytes).map_err(|_| "covscope.html is not UTF-8".to_string())
}

/// Puts a share fragment into single-file app HTML, replacing any data already there.
pub fn embed_share_data(app_html: &str, fragment: &str) -> String {
    let cleaned = remove_embedded_data(app_html);
    let element = format!(
        "<script type=\"application/x-covscope-share\" id=\"{EMBEDDED_DATA_ELEMENT_ID}\">{fragment}</script>\n"
    );
    match cleaned.find("</head>") {
        Some(index) => format!("{}{element}{}", &cleaned[..index], &cleaned[index..]),
        None => format!("{element}{cleaned}"),
    }
}

fn remove_embedded_data(html: &str) -> String {
    let marker =
        format!("<script type=\"application/x-covscope-share\" id=\"{EMBEDDED_DATA_ELEMENT_ID}\">");
    let Some(start) = html.find(&marker) else {
        return html.to_string();
    };
    match html[start..].find("</script>") {
        Some(length) => {
            let end = start + length + "</script>".len();
            let end = if html[end..].starts_with('\n') {
                end + 1
            } else {
                end
            };
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}
