//! The share panel: the static link (when the data fits) and the standalone file.
use yew::prelude::*;

use crate::app::effects::downloads::copy_text;
use crate::app::effects::share::download_standalone;
use crate::app::state::{Action, ShareAction, SharePanel as SharePanelState};

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub panel: SharePanelState,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let panel = &props.panel;
    let close = props
        .dispatch
        .reform(|_: MouseEvent| ShareAction::Close.into());
    let download = {
        let (panel, dispatch) = (panel.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| download_standalone(&panel, &dispatch))
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
                        let link = link.clone();
                        Callback::from(move |_: MouseEvent| copy_text(link.clone()))
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
