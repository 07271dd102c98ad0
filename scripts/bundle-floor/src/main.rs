//! The bundle floor: every library Covscope must use, called once from a one-component Yew
//! app, so the release build's size is the least any app on this stack can weigh.
use base64::Engine;
use yew::prelude::*;

#[derive(serde::Deserialize)]
struct Entry {
    name: String,
    count: u64,
    share: f64,
}

#[function_component]
fn App() -> Html {
    let text = use_state(String::new);
    let oninput = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            text.set(area.value());
        })
    };
    let entries: Vec<Entry> = serde_json::from_str(&text).unwrap_or_default();
    let mut html_out = String::new();
    pulldown_cmark::html::push_html(&mut html_out, pulldown_cmark::Parser::new(&text));
    let events = granit_parser::Parser::new_from_str(&text).take(50).count();
    let packed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6);
    let unpacked = miniz_oxide::inflate::decompress_to_vec(&packed)
        .map(|v| v.len())
        .unwrap_or(0);
    let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&packed);
    html! {
        <div>
            <textarea {oninput} />
            <p>{ format!("{} entries, {} events, {} {}", entries.len(), events, unpacked, encoded) }</p>
            { for entries.iter().map(|e| html! { <p>{ format!("{} {} {:.2}", e.name, e.count, e.share) }</p> }) }
            <pre>{ html_out }</pre>
        </div>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
