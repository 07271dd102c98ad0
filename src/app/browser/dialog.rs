//! Native modal dialogs (`<dialog>`): the browser moves focus in, keeps Tab inside, closes
//! on Escape and gives focus back.
use wasm_bindgen::JsCast;

/// Opens a `<dialog>` as a modal: the browser moves focus into it, keeps Tab inside it,
/// closes it on Escape and gives focus back to where it was when it closes.
pub fn show_modal_dialog(dialog: &web_sys::Element) {
    if let Some(dialog) = dialog.dyn_ref::<web_sys::HtmlDialogElement>() {
        if !dialog.open() {
            let _ = dialog.show_modal();
        }
    }
}

/// Closes a `<dialog>` (which fires its `close` event and restores focus).
pub fn close_dialog(dialog: &web_sys::Element) {
    if let Some(dialog) = dialog.dyn_ref::<web_sys::HtmlDialogElement>() {
        dialog.close();
    }
}

/// Calls `on_close` when the dialog closes, whether by Escape or by `close_dialog`.
pub fn listen_for_dialog_close(
    dialog: &web_sys::Element,
    on_close: impl Fn() + 'static,
) -> gloo::events::EventListener {
    gloo::events::EventListener::new(dialog, "close", move |_| on_close())
}
