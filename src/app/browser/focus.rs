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

/// True when keyboard focus is nowhere in particular (the page itself, or `area` itself,
/// where it waits while the row it was on is out of the window) or on an element inside
/// `area` that matches `selector`: then moving focus to another such element takes
/// nothing away from the person.
pub fn focus_is_free_or_on(area: &NodeRef, selector: &str) -> bool {
    let Some(active) = gloo::utils::document().active_element() else {
        return true;
    };
    let is_page = gloo::utils::document()
        .body()
        .is_some_and(|body| body.is_same_node(Some(&active)));
    let area = area.cast::<web_sys::Node>();
    let is_area = area
        .as_ref()
        .is_some_and(|area| area.is_same_node(Some(&active)));
    let is_on_match = active.matches(selector).unwrap_or(false)
        && area.is_some_and(|area| area.contains(Some(&active)));
    is_page || is_area || is_on_match
}

/// When the focus is on `element` or inside it, moves it to `area` (an element with
/// `tabindex="-1"` around it) without scrolling. A row whose element now shows another
/// item calls this: the focus must not stay on something that now names another file.
pub fn move_focus_from_inside_to(element: &NodeRef, area: &NodeRef) {
    let Some(active) = gloo::utils::document().active_element() else {
        return;
    };
    let holds_focus = element
        .cast::<web_sys::Node>()
        .is_some_and(|element| element.contains(Some(&active)));
    if holds_focus {
        focus_without_scrolling(area);
    }
}

/// Focuses the element inside `area` that matches a CSS selector without scrolling to it
/// (which would lay the page out), if it is rendered and not focused already; false when
/// no such element is rendered.
pub fn focus_inside_without_scrolling(area: &NodeRef, selector: &str) -> bool {
    let Some(element) = match_inside(area, selector) else {
        return false;
    };
    if !has_focus(&element) {
        focus_element_without_scrolling(&element);
    }
    true
}

/// Focuses `element` (one with a `tabindex`, or a control) without scrolling to it.
pub fn focus_without_scrolling(element: &NodeRef) {
    if let Some(element) = element.cast::<web_sys::HtmlElement>() {
        focus_element_without_scrolling(&element);
    }
}

fn focus_element_without_scrolling(element: &web_sys::HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = element.focus_with_options(&options);
}

/// Focuses the element inside `area` that matches a CSS selector, if it is rendered, and
/// scrolls the page (not the area) to show it whole, as focusing does; an element focused
/// earlier without scrolling is brought into view the same way.
pub fn focus_and_reveal_inside(area: &NodeRef, selector: &str) {
    let Some(element) = match_inside(area, selector) else {
        return;
    };
    if !has_focus(&element) {
        let _ = element.focus();
    }
    let window = gloo::utils::window();
    let Some(window_height) = window
        .inner_height()
        .ok()
        .and_then(|height| height.as_f64())
    else {
        return;
    };
    // Chromium centres an element that focusing has to scroll to; so does this.
    let bounds = element.get_bounding_client_rect();
    if bounds.bottom() > window_height || bounds.top() < 0.0 {
        let centre = (bounds.top() + bounds.bottom()) / 2.0;
        window.scroll_by_with_x_and_y(0.0, centre - window_height / 2.0);
    }
}

/// The element inside `area` that matches a CSS selector, when it is rendered.
fn match_inside(area: &NodeRef, selector: &str) -> Option<web_sys::HtmlElement> {
    area.cast::<web_sys::Element>()
        .and_then(|area| area.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Whether `element` has the keyboard focus.
fn has_focus(element: &web_sys::HtmlElement) -> bool {
    gloo::utils::document()
        .active_element()
        .is_some_and(|active| active.is_same_node(Some(element)))
}
