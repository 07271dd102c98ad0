//! The keyboard help dialog (`?`): every shortcut the page knows, in a native modal dialog.
use yew::prelude::*;

use crate::app::effects::modal_dialog::use_modal_dialog;

#[derive(Properties, PartialEq)]
pub struct KeyboardHelpProps {
    pub on_close: Callback<()>,
}

/// The shortcuts, as (keys, what they do). The row keys (`j`, `k`, Enter) belong to the
/// coverage table.
pub const KEYBOARD_SHORTCUTS: [(&str, &str); 11] = [
    ("/", "Focus the filter box of the coverage table"),
    ("s", "Sort the coverage table by the next column"),
    ("S", "Reverse the sort direction"),
    ("j", "Move to the next file row"),
    ("k", "Move to the previous file row"),
    (
        "Enter",
        "Activate the focused control (a header sorts, a link opens)",
    ),
    ("[ and ]", "Show the previous and the next report"),
    (
        "n",
        "In a source view, jump to the next missed or partly run line",
    ),
    (
        "p",
        "In a source view, jump to the previous missed or partly run line",
    ),
    ("t", "Switch the colour theme: system, light, dark"),
    ("?", "Show this help; Escape closes it"),
];

/// Rendered only while open: on mount it opens as a modal (the browser moves focus in,
/// keeps Tab inside and hands focus back on close); Escape or the Close button closes it.
#[function_component]
pub fn KeyboardHelp(props: &KeyboardHelpProps) -> Html {
    let (dialog, close) = use_modal_dialog(props.on_close.clone());
    html! {
        <dialog ref={dialog} class="keyboard-help" data-testid="keyboard-help"
            aria-labelledby="keyboard-help-title">
            <h2 id="keyboard-help-title">{ "Keyboard shortcuts" }</h2>
            <table class="shortcut-table">
                <caption class="visually-hidden">{ "Keys and what they do" }</caption>
                <thead>
                    <tr><th scope="col">{ "Key" }</th><th scope="col">{ "Action" }</th></tr>
                </thead>
                <tbody>
                    { for KEYBOARD_SHORTCUTS.iter().map(|(keys, action)| html! {
                        <tr data-testid="shortcut" data-key={*keys}>
                            <th scope="row"><kbd>{ *keys }</kbd></th>
                            <td>{ *action }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="hint">{ "Shortcuts do nothing while you type in a text field. Tab moves through every control; Enter or Space activates it." }</p>
            <button type="button" class="button" data-testid="keyboard-help-close" onclick={close}>
                { "Close" }
            </button>
        </dialog>
    }
}
