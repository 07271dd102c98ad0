//! The list of files that failed to load, each with its reason and a dismiss button.
use yew::prelude::*;

use crate::app::state::LoadError;

#[derive(Properties, PartialEq)]
pub struct LoadErrorsProps {
    pub errors: Vec<LoadError>,
    pub on_dismiss: Callback<u64>,
}

#[function_component]
pub fn LoadErrors(props: &LoadErrorsProps) -> Html {
    if props.errors.is_empty() {
        return html! {};
    }
    html! {
        <section class="load-errors" role="alert" aria-label="Files that could not be loaded">
            <ul>
                { for props.errors.iter().map(|error| {
                    let on_dismiss = props.on_dismiss.clone();
                    let id = error.id;
                    let onclick = Callback::from(move |_: MouseEvent| on_dismiss.emit(id));
                    html! {
                        <li class="load-error" data-testid="load-error" data-file={error.file_name.clone()} key={id}>
                            <span class="error-icon" aria-hidden="true">{ "⚠" }</span>
                            <span><strong>{ &error.file_name }</strong>{ ": " }{ &error.message }</span>
                            <button type="button" class="dismiss" {onclick}
                                aria-label={format!("Dismiss the error about {}", error.file_name)}>{ "×" }</button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
