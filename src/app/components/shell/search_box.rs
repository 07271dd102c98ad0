//! A search box that filters a list by path, reporting each change of its text.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// Said to assistive technology; the box shows only its placeholder.
    pub label: AttrValue,
    pub test_id: AttrValue,
    pub placeholder: AttrValue,
    pub value: AttrValue,
    pub on_input: Callback<String>,
}

#[function_component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            on_input.emit(input.value());
        })
    };
    html! {
        <label class="filter">
            <span class="visually-hidden">{ &props.label }</span>
            <input type="search" data-testid={props.test_id.clone()} placeholder={props.placeholder.clone()}
                value={props.value.clone()} {oninput} />
        </label>
    }
}
