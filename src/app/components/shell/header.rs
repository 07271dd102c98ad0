//! The page header: the views, sharing, opening files and folders, the theme and help.
use yew::prelude::*;

use super::{FilePicker, ThemeToggle, ViewTabs};
use crate::app::effects::share::open_share_panel;
use crate::app::loading;
use crate::app::state::{Action, MainView, ThemeChoice, ViewAction};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub view: MainView,
    pub theme: ThemeChoice,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let dispatch = &props.dispatch;
    let on_share = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| open_share_panel(&dispatch))
    };
    let on_files = {
        let dispatch = dispatch.clone();
        Callback::from(move |files| loading::load_picked(files, &dispatch))
    };
    html! {
        <header class="app-header">
            <h1 class="app-name">{ "Covscope" }</h1>
            <ViewTabs current={props.view}
                on_show={dispatch.reform(|view| ViewAction::Show { view }.into())} />
            <button type="button" class="nav-button share-button" data-testid="share-button"
                onclick={on_share}>{ "Share" }</button>
            <FilePicker on_files={on_files.clone()} />
            <FilePicker {on_files} folder=true />
            <ThemeToggle theme={props.theme}
                on_change={dispatch.reform(|theme| ViewAction::SetTheme { theme }.into())} />
            <button type="button" class="nav-button help-button" data-testid="keyboard-help-button"
                aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)"
                onclick={dispatch.reform(|_: MouseEvent| ViewAction::OpenKeyboardHelp.into())}>
                { "?" }
            </button>
        </header>
    }
}
