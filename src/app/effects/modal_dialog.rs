//! `use_modal_dialog`: a `<dialog>` that opens as a native modal when it mounts (the
//! browser moves focus in, keeps Tab inside, closes on Escape and hands focus back).
use yew::prelude::*;

use crate::app::browser::dialog::{close_dialog, listen_for_dialog_close, show_modal_dialog};

/// The dialog's reference (for its `ref`) and a callback that closes it; `on_close` is
/// called however it closes.
#[hook]
pub fn use_modal_dialog(on_close: Callback<()>) -> (NodeRef, Callback<MouseEvent>) {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let listener = dialog.cast::<web_sys::Element>().map(|element| {
                show_modal_dialog(&element);
                listen_for_dialog_close(&element, move || on_close.emit(()))
            });
            move || drop(listener)
        });
    }
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(element) = dialog.cast::<web_sys::Element>() {
                close_dialog(&element);
            }
        })
    };
    (dialog, close)
}
