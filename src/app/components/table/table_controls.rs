//! The filter box, the hide-fully-covered toggle and the colour thresholds.
use yew::prelude::*;

use crate::app::components::shell::{search_box, toggle};
use crate::core::analysis::table::{TableView, Thresholds};

#[derive(Properties, PartialEq)]
pub struct TableControlsProps {
    pub view: TableView,
    pub on_filter: Callback<String>,
    pub on_hide_covered: Callback<bool>,
    pub on_thresholds: Callback<Thresholds>,
}

#[function_component]
pub fn TableControls(props: &TableControlsProps) -> Html {
    let thresholds = props.view.thresholds;
    let threshold_input = |is_low: bool| {
        let on_thresholds = props.on_thresholds.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let Ok(value) = input.value().trim().parse::<f64>() else {
                return;
            };
            let changed = if is_low {
                Thresholds {
                    low: value,
                    ..thresholds
                }
            } else {
                Thresholds {
                    high: value,
                    ..thresholds
                }
            };
            on_thresholds.emit(changed);
        })
    };
    html! {
        <div class="table-controls" role="search">
            { search_box("Filter files by path", "filter-input", "Filter by path  ( / )",
                &props.view.filter, &props.on_filter) }
            { toggle("Hide 100% files", "hide-covered", props.view.hide_covered, &props.on_hide_covered) }
            <fieldset class="thresholds">
                <legend>{ "Colour bands" }</legend>
                <label>{ "low below " }
                    <input type="number" min="0" max="100" step="1" data-testid="threshold-low"
                        value={thresholds.low.to_string()} onchange={threshold_input(true)} />
                </label>
                <label>{ "high from " }
                    <input type="number" min="0" max="100" step="1" data-testid="threshold-high"
                        value={thresholds.high.to_string()} onchange={threshold_input(false)} />
                </label>
            </fieldset>
        </div>
    }
}
