//! The minimap beside the source's scrollbar: the file's missed and partly run lines as
//! marks at their place in the file, and the chosen line; a click on a mark jumps there.
use crate::core::text::{counted, nouns};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::analysis::miss_minimap::{gap_at, tick_place, MINIMAP_HEIGHT};
use crate::core::analysis::source_lines::LineStatus;

/// The minimap's width in its own units.
pub const MINIMAP_WIDTH: u32 = 12;

/// The minimap's marks as SVG paths, one per kind (`miss_minimap::runs_path`): two
/// elements however many lines are missed, where a rectangle per line made the minimap
/// of a 10,000-line file two thirds of the source view's elements.
#[derive(Clone, Debug, PartialEq)]
pub struct MinimapMarks {
    pub missed_path: String,
    pub partial_path: String,
}

/// Drawn by a function, not a component: it keeps no state, and a component costs the
/// bundle more. `gaps` are the file's missed and partly run lines
/// (`LineMarks::gap_lines`), `marks` their shapes.
pub fn miss_minimap(
    gaps: &Rc<Vec<(u64, LineStatus)>>,
    marks: &MinimapMarks,
    line_count: u64,
    chosen_line: Option<u64>,
    on_choose_line: &Callback<u64>,
) -> Html {
    let onclick = {
        let (gaps, on_choose_line) = (gaps.clone(), on_choose_line.clone());
        Callback::from(move |event: MouseEvent| {
            let line = height_clicked(&event).and_then(|y| gap_at(&gaps, line_count, y));
            if let Some(line) = line {
                on_choose_line.emit(line);
            }
        })
    };
    let chosen = chosen_line.map(|line| {
        let (top, height) = tick_place(line, line_count);
        html! {
            <rect class="tick-chosen" x="0" y={format!("{top:.1}")} width={MINIMAP_WIDTH.to_string()}
                height={format!("{:.1}", height.max(4.0))} />
        }
    });
    html! {
        <svg class="miss-minimap" data-testid="miss-minimap" viewBox={format!("0 0 {MINIMAP_WIDTH} {MINIMAP_HEIGHT}")}
            preserveAspectRatio="none" role="img" {onclick}
            aria-label={format!("{} missed or partly run in {}", counted(gaps.len(), nouns::LINE), counted(line_count, nouns::LINE))}>
            <path class="tick-miss" d={marks.missed_path.clone()}>
                <title>{ "Missed lines: click a mark to go to its line" }</title>
            </path>
            <path class="tick-partial" d={marks.partial_path.clone()}>
                <title>{ "Partly run lines: click a mark to go to its line" }</title>
            </path>
            { chosen }
        </svg>
    }
}

/// Where a click on the minimap was, in the minimap's units from its top. The minimap is
/// read when clicked, outside any render.
fn height_clicked(event: &MouseEvent) -> Option<f64> {
    let minimap: web_sys::Element = event.current_target()?.dyn_into().ok()?;
    let box_ = minimap.get_bounding_client_rect();
    (box_.height() > 0.0)
        .then(|| (f64::from(event.client_y()) - box_.top()) / box_.height() * MINIMAP_HEIGHT)
}
