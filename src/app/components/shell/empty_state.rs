//! What a view shows while there is nothing for it yet: what is missing and how to get it.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub title: AttrValue,
    pub hint: AttrValue,
}

#[function_component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    html! {
        <section class="empty-state">
            <h2>{ &props.title }</h2>
            <p>{ &props.hint }</p>
        </section>
    }
}
