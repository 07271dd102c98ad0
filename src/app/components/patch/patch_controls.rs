//! The patch view's choices: which diff, against which report, from which baseline, and
//! the patch coverage target.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PatchControlsProps {
    /// The loaded diffs, (id, name).
    pub patches: Vec<(u64, String)>,
    pub selected_patch_id: u64,
    /// The loaded reports, (id, name).
    pub reports: Vec<(u64, String)>,
    pub report_id: Option<u64>,
    pub baseline_id: Option<u64>,
    pub threshold_percent: f64,
    pub on_select_patch: Callback<u64>,
    pub on_remove_patch: Callback<u64>,
    pub on_select_report: Callback<u64>,
    pub on_select_baseline: Callback<Option<u64>>,
    pub on_threshold: Callback<f64>,
}

/// The value of the baseline picker's "no baseline" option.
const NO_BASELINE: &str = "none";

#[function_component]
pub fn PatchControls(props: &PatchControlsProps) -> Html {
    let chosen_id = |callback: &Callback<u64>| {
        callback.reform(|event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            select.value().parse::<u64>().unwrap_or_default()
        })
    };
    let options = |choices: &[(u64, String)], current: Option<u64>| {
        html! {
            { for choices.iter().map(|(id, name)| html! {
                <option value={id.to_string()} selected={Some(*id) == current}>{ name }</option>
            }) }
        }
    };
    let on_baseline = props.on_select_baseline.reform(|event: Event| {
        let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
        select.value().parse::<u64>().ok()
    });
    let on_threshold = {
        let on_threshold = props.on_threshold.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            // A cleared or unreadable box keeps the target as it was.
            if let Ok(percent) = input.value().trim().parse::<f64>() {
                on_threshold.emit(percent);
            }
        })
    };
    let remove = {
        let (on_remove, id) = (props.on_remove_patch.clone(), props.selected_patch_id);
        Callback::from(move |_: MouseEvent| on_remove.emit(id))
    };
    html! {
        <div class="table-controls patch-controls">
            <label class="picker">{ "Diff " }
                <select data-testid="patch-select" onchange={chosen_id(&props.on_select_patch)}>
                    { options(&props.patches, Some(props.selected_patch_id)) }
                </select>
            </label>
            <button type="button" class="nav-button" data-testid="patch-remove" onclick={remove}
                title="Remove this diff from the page">{ "Remove diff" }</button>
            <label class="picker">{ "Against " }
                <select data-testid="patch-report" onchange={chosen_id(&props.on_select_report)}>
                    { options(&props.reports, props.report_id) }
                </select>
            </label>
            <label class="picker">{ "Baseline " }
                <select data-testid="patch-baseline" onchange={on_baseline}>
                    <option value={NO_BASELINE} selected={props.baseline_id.is_none()}>{ "none (patch coverage only)" }</option>
                    { options(&props.reports, props.baseline_id) }
                </select>
            </label>
            <label class="picker">{ "Target % " }
                <input type="number" min="0" max="100" step="1" class="threshold-input"
                    data-testid="patch-threshold" value={props.threshold_percent.to_string()}
                    onchange={on_threshold} />
            </label>
        </div>
    }
}
