//! The colour theme picker in the header: the system's theme, light or dark.
use yew::prelude::*;

use crate::app::state::ThemeChoice;

#[derive(Properties, PartialEq)]
pub struct ThemeToggleProps {
    pub theme: ThemeChoice,
    pub on_change: Callback<ThemeChoice>,
}

/// A labelled `<select>`: a native control every keyboard and screen reader knows.
#[function_component]
pub fn ThemeToggle(props: &ThemeToggleProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            on_change.emit(ThemeChoice::from_key(&select.value()));
        })
    };
    html! {
        <label class="theme-toggle">
            <span class="theme-toggle-label">{ "Theme" }</span>
            <select data-testid="theme-select" {onchange}>
                { for ThemeChoice::ALL.into_iter().map(|choice| html! {
                    <option value={choice.key()} selected={choice == props.theme}>
                        { choice.label() }
                    </option>
                }) }
            </select>
        </label>
    }
}
