//! A labelled checkbox that switches something on or off.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToggleProps {
    pub label: AttrValue,
    pub test_id: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

#[function_component]
pub fn Toggle(props: &ToggleProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            on_change.emit(input.checked());
        })
    };
    html! {
        <label class="toggle">
            <input type="checkbox" data-testid={props.test_id.clone()} checked={props.checked} {onchange} />
            { &props.label }
        </label>
    }
}
