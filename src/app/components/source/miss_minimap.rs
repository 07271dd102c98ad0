//! The minimap beside the source's scrollbar: a tick for every missed or partly run line
//! at its place in the file, and the chosen line; a click jumps there.
use yew::prelude::*;

use crate::core::analysis::source_lines::LineStatus;

/// The minimap's height in its own units; the stylesheet stretches it to the source's.
const MINIMAP_HEIGHT: f64 = 1000.0;
/// A tick is at least this tall, so a single missed line in a long file still shows.
const SMALLEST_TICK: f64 = 3.0;

/// Drawn by a function, not a component: it keeps no state, and a component costs the
/// bundle more. `gaps` are the file's missed and partly run lines (`LineMarks::gap_lines`).
pub fn miss_minimap(
    gaps: &[(u64, LineStatus)],
    line_count: u64,
    chosen_line: Option<u64>,
    on_choose_line: &Callback<u64>,
) -> Html {
    let lines = line_count.max(1) as f64;
    let tick_height = (MINIMAP_HEIGHT / lines).max(SMALLEST_TICK);
    let y_of = |line: u64| (line.saturating_sub(1) as f64 / lines) * MINIMAP_HEIGHT;
    let ticks = gaps.iter().map(|&(line, status)| {
        let on_choose_line = on_choose_line.clone();
        let class = if status == LineStatus::Partial { "tick-partial" } else { "tick-miss" };
        html! {
            <rect class={class} x="0" y={format!("{:.1}", y_of(line))} width="12" height={format!("{tick_height:.1}")}
                data-line={line.to_string()}
                onclick={Callback::from(move |_: MouseEvent| on_choose_line.emit(line))}>
                <title>{ format!("line {line}") }</title>
            </rect>
        }
    });
    let chosen = chosen_line.map(|line| html! {
        <rect class="tick-chosen" x="0" y={format!("{:.1}", y_of(line))} width="12" height={format!("{:.1}", tick_height.max(4.0))} />
    });
    html! {
        <svg class="miss-minimap" data-testid="miss-minimap" viewBox={format!("0 0 12 {MINIMAP_HEIGHT}")}
            preserveAspectRatio="none" role="img"
            aria-label={format!("{} missed or partly run lines in {} lines", gaps.len(), line_count)}>
            { for ticks }
            { chosen }
        </svg>
    }
}
