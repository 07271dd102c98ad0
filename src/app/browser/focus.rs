//! Keyboard focus: moving it to a control or a row, and asking where it is.
use wasm_bindgen::JsCast;
use yew::NodeRef;

/// Moves keyboard focus to the element with the given `data-testid`.
pub fn focus_by_test_id(test_id: &str) {
    let selector = format!("[data-testid=\"{test_id}\"]");
    let element = gloo::utils::document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// True when keyboard focus is nowhere in particular (the page itself) or on an element
/// inside `area` that matches `selector`: then moving focus to another such element takes
/// nothing away from the person.
pub fn focus_is_free_or_on(area: &NodeRef, selector: &str) -> bool {
    let Some(active) = gloo::utils::document().active_element() else {
        return true;
    };
    let is_page = gloo::utils::document()
        .body()
        .is_some_and(|body| body.is_same_node(Some(&active)));
    let is_on_match = active.matches(selector).unwrap_or(false)
        && area
            .cast::<web_sys::Node>()
            .is_some_and(|area| area.contains(Some(&active)));
    is_page || is_on_match
}

/// Focuses the element inside `area` that matches a CSS selector, if it is rendered and
/// not focused already.
pub fn focus_inside(area: &NodeRef, selector: &str) {
    let element = area
        .cast::<web_sys::Element>()
        .and_then(|area| area.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(element) = element else {
        return;
    };
    let is_focused = gloo::utils::document()
        .active_element()
        .is_some_and(|active| active.is_same_node(Some(&element)));
    if !is_focused {
        let _ = element.focus();
    }
}
