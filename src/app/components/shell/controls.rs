//! The plain controls every view uses (a search box, a toggle) and the empty state of a
//! view, drawn by functions: they hold no state of their own, and a function costs the
//! bundle less than a component.
use yew::prelude::*;

/// A search box that filters a list by path, reporting each change of its text.
/// `label` is said to assistive technology; the box shows only its placeholder.
pub fn search_box(
    label: &'static str,
    test_id: &'static str,
    placeholder: &'static str,
    value: &str,
    on_input: &Callback<String>,
) -> Html {
    let oninput = on_input.reform(|event: InputEvent| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        input.value()
    });
    html! {
        <label class="filter">
            <span class="visually-hidden">{ label }</span>
            <input type="search" data-testid={test_id} {placeholder} value={value.to_string()} {oninput} />
        </label>
    }
}

/// A labelled checkbox that switches something on or off.
pub fn toggle(
    label: &'static str,
    test_id: &'static str,
    checked: bool,
    on_change: &Callback<bool>,
) -> Html {
    let onchange = on_change.reform(|event: Event| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        input.checked()
    });
    html! {
        <label class="toggle">
            <input type="checkbox" data-testid={test_id} {checked} {onchange} />
            { label }
        </label>
    }
}

/// What a view shows while there is nothing for it yet: what is missing and how to get it.
pub fn empty_state(title: &'static str, hint: &'static str) -> Html {
    html! {
        <section class="empty-state">
            <h2>{ title }</h2>
            <p>{ hint }</p>
        </section>
    }
}
