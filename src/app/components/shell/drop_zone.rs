//! The page-wide drop target that hands dropped files and folders to an `on_drop` callback.
use yew::prelude::*;

use crate::app::loading::{accept_drag, take_drop, DroppedItems};

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub on_drop: Callback<DroppedItems>,
    #[prop_or_default]
    pub children: Children,
}

/// Wraps the whole app so a drop anywhere works; shows an outline while dragging.
#[function_component]
pub fn DropZone(props: &DropZoneProps) -> Html {
    // Counting enters and leaves avoids flicker when the pointer crosses child elements.
    let drag_depth = use_state(|| 0i32);
    let ondragenter = {
        let drag_depth = drag_depth.clone();
        Callback::from(move |event: DragEvent| {
            accept_drag(&event);
            drag_depth.set(*drag_depth + 1);
        })
    };
    let ondragover = Callback::from(|event: DragEvent| accept_drag(&event));
    let ondragleave = {
        let drag_depth = drag_depth.clone();
        Callback::from(move |_: DragEvent| drag_depth.set((*drag_depth - 1).max(0)))
    };
    let ondrop = {
        let drag_depth = drag_depth.clone();
        let on_drop = props.on_drop.clone();
        Callback::from(move |event: DragEvent| {
            drag_depth.set(0);
            if let Some(dropped) = take_drop(&event) {
                on_drop.emit(dropped);
            }
        })
    };
    html! {
        <div data-testid="drop-zone" class={classes!("drop-zone", (*drag_depth > 0).then_some("dragging"))}
            {ondragenter} {ondragover} {ondragleave} {ondrop}>
            { props.children.clone() }
            if *drag_depth > 0 {
                <div class="drop-overlay" aria-hidden="true">{ "Drop coverage.json files, markdown reports or folders to load them" }</div>
            }
        </div>
    }
}
