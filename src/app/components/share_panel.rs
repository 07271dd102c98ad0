//! The share panel: the static link (when the data fits) and the standalone file.
use yew::prelude::*;

use crate::app::state::SharePanel as SharePanelState;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub panel: SharePanelState,
    pub on_copy_link: Callback<String>,
    pub on_download_standalone: Callback<()>,
    pub on_close: Callback<()>,
}

#[function_component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let panel = &props.panel;
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let download = {
        let on_download = props.on_download_standalone.clone();
        Callback::from(move |_: MouseEvent| on_download.emit(()))
    };
    html! {
        <section class="share-panel" role="dialog" aria-label="Share this view" data-testid="share-panel">
            <header class="share-header">
                <h2>{ "Share this view" }</h2>
                <button type="button" class="dismiss" onclick={close} aria-label="Close the share panel">{ "×" }</button>
            </header>
            <p data-testid="share-message">{ &panel.message }</p>
            if let Some(link) = &panel.link {
                <div class="share-link-row">
                    <input type="text" readonly=true data-testid="share-link" value={link.clone()}
                        aria-label="Share link" onfocus={Callback::from(|event: FocusEvent| {
                            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
                            input.select();
                        })} />
                    <button type="button" class="nav-button" onclick={{
                        let on_copy = props.on_copy_link.clone();
                        let link = link.clone();
                        Callback::from(move |_: MouseEvent| on_copy.emit(link.clone()))
                    }}>{ "Copy link" }</button>
                </div>
                <p class="hint">{ "The data sits after the # of the link: browsers never send that part to a server. Documents are not included; drop them again on the other side." }</p>
            }
            <p>
                <button type="button" class="button" data-testid="download-standalone" onclick={download}>
                    { "Download standalone file" }
                </button>
                <span class="hint">{ " One HTML file with the app and these reports; it opens from disk with no network." }</span>
            </p>
            if let Some(note) = &panel.standalone_note {
                <p class="hint" data-testid="standalone-note" role="status">{ note }</p>
            }
        </section>
    }
}
