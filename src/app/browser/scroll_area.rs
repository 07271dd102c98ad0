//! Scrolling areas (the CSSOM view): measuring one, scrolling it, window resizes, and
//! which row an event inside it happened in (or whether it happened on the area itself).
use wasm_bindgen::JsCast;
use yew::NodeRef;

/// What a scroll area measures: where it is scrolled to, and how tall the part between
/// its sticky header and sticky footer is (the part rows scroll through).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScrollAreaSize {
    pub scroll_offset_px: f64,
    pub rows_viewport_px: f64,
}

/// Measures a scroll area whose content starts with `header` and ends with `footer`,
/// both sticky; `None` until the area is in the page.
pub fn measure_scroll_area(
    area: &NodeRef,
    header: &NodeRef,
    footer: &NodeRef,
) -> Option<ScrollAreaSize> {
    let area = area.cast::<web_sys::HtmlElement>()?;
    let height_of = |node: &NodeRef| {
        node.cast::<web_sys::HtmlElement>()
            .map_or(0.0, |element| f64::from(element.offset_height()))
    };
    let rows_viewport_px = f64::from(area.client_height()) - height_of(header) - height_of(footer);
    Some(ScrollAreaSize {
        scroll_offset_px: f64::from(area.scroll_top()),
        rows_viewport_px: rows_viewport_px.max(0.0),
    })
}

/// Scrolls an area to an offset (the browser clamps it to what the content allows).
pub fn scroll_area_to(area: &NodeRef, offset_px: f64) {
    if let Some(area) = area.cast::<web_sys::Element>() {
        // Offsets are whole CSS pixels here: rows are whole pixels tall.
        area.set_scroll_top(offset_px.round() as i32);
    }
}

/// Calls `on_resize` whenever the window changes size (scroll areas are sized from the
/// window's height).
pub fn listen_for_window_resize(on_resize: impl Fn() + 'static) -> gloo::events::EventListener {
    gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| on_resize())
}

/// Whether an event happened on `element` itself, not inside one of its children.
pub fn event_is_on(event: &web_sys::Event, element: &NodeRef) -> bool {
    let target = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Node>().ok());
    element
        .cast::<web_sys::Node>()
        .is_some_and(|element| element.is_same_node(target.as_ref()))
}

/// The `attribute` of the row (the closest element matching `row_selector`) an event
/// happened in: a click or key press anywhere inside it.
pub fn row_attribute_of_event(
    event: &web_sys::Event,
    row_selector: &str,
    attribute: &str,
) -> Option<String> {
    event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(row_selector)
        .ok()??
        .get_attribute(attribute)
}
