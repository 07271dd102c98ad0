//! The main navigation: one `nav-<view>` button per view.
use yew::prelude::*;

use crate::app::state::MainView;

#[derive(Properties, PartialEq)]
pub struct ViewTabsProps {
    pub current: MainView,
    pub on_show: Callback<MainView>,
}

#[function_component]
pub fn ViewTabs(props: &ViewTabsProps) -> Html {
    html! {
        <nav class="views" aria-label="Views">
            { for MainView::ALL.into_iter().map(|view| {
                let on_show = props.on_show.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_show.emit(view));
                let is_current = view == props.current;
                html! {
                    <button type="button" data-testid={format!("nav-{}", view.key())}
                        class={classes!("nav-button", is_current.then_some("active"))}
                        aria-current={is_current.then_some("page")} {onclick}>
                        { view.label() }
                    </button>
                }
            }) }
        </nav>
    }
}
