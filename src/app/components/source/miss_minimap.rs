//! The minimap beside the source's scrollbar: a tick for every missed or partly run line
//! at its place in the file, and the chosen line; a click jumps there.
use std::rc::Rc;

use yew::prelude::*;

use crate::core::analysis::source_lines::{LineMarks, LineStatus};

/// The minimap's height in its own units; the stylesheet stretches it to the source's.
const MINIMAP_HEIGHT: f64 = 1000.0;
/// A tick is at least this tall, so a single missed line in a long file still shows.
const SMALLEST_TICK: f64 = 3.0;

#[derive(Properties, PartialEq)]
pub struct MissMinimapProps {
    pub marks: Rc<LineMarks>,
    pub line_count: u64,
    pub chosen_line: Option<u64>,
    pub on_choose_line: Callback<u64>,
}

#[function_component]
pub fn MissMinimap(props: &MissMinimapProps) -> Html {
    let gaps = use_memo(props.marks.clone(), |marks| marks.gap_lines());
    let lines = props.line_count.max(1) as f64;
    let tick_height = (MINIMAP_HEIGHT / lines).max(SMALLEST_TICK);
    let y_of = |line: u64| (line.saturating_sub(1) as f64 / lines) * MINIMAP_HEIGHT;
    let ticks = gaps.iter().map(|&(line, status)| {
        let on_choose_line = props.on_choose_line.clone();
        let class = if status == LineStatus::Partial { "tick-partial" } else { "tick-miss" };
        html! {
            <rect class={class} x="0" y={format!("{:.1}", y_of(line))} width="12" height={format!("{tick_height:.1}")}
                data-line={line.to_string()}
                onclick={Callback::from(move |_: MouseEvent| on_choose_line.emit(line))}>
                <title>{ format!("line {line}") }</title>
            </rect>
        }
    });
    let chosen = props.chosen_line.map(|line| html! {
        <rect class="tick-chosen" x="0" y={format!("{:.1}", y_of(line))} width="12" height={format!("{:.1}", tick_height.max(4.0))} />
    });
    html! {
        <svg class="miss-minimap" data-testid="miss-minimap" viewBox={format!("0 0 12 {MINIMAP_HEIGHT}")}
            preserveAspectRatio="none" role="img"
            aria-label={format!("{} missed or partly run lines in {} lines", gaps.len(), props.line_count)}>
            { for ticks }
            { chosen }
        </svg>
    }
}
