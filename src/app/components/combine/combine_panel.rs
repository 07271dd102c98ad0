//! The sidebar's "Combine runs" panel: a tick per report, and a button that combines the
//! ticked ones (all of one format) into a new report, as `coverage combine` and `lcov -a`
//! do.
use yew::prelude::*;

/// A report that can be ticked.
#[derive(Clone, PartialEq)]
pub struct CombineChoice {
    pub id: u64,
    pub name: String,
    /// The format's name, which the ticked reports must share.
    pub format_name: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct CombinePanelProps {
    pub choices: Vec<CombineChoice>,
    /// The ticked report ids.
    pub chosen: Vec<u64>,
    pub on_toggle: Callback<u64>,
    pub on_combine: Callback<()>,
}

/// Why the button is off, when it is.
fn combine_blocked(choices: &[CombineChoice], chosen: &[u64]) -> Option<&'static str> {
    let ticked: Vec<&CombineChoice> = choices
        .iter()
        .filter(|choice| chosen.contains(&choice.id))
        .collect();
    if ticked.len() < 2 {
        return Some("Tick two or more reports of one format.");
    }
    let format = ticked[0].format_name;
    ticked
        .iter()
        .any(|choice| choice.format_name != format)
        .then_some("Only reports of one format can be combined.")
}

#[function_component]
pub fn CombinePanel(props: &CombinePanelProps) -> Html {
    if props.choices.len() < 2 {
        return html! {};
    }
    let blocked = combine_blocked(&props.choices, &props.chosen);
    let on_combine = props.on_combine.clone();
    let combine = Callback::from(move |_: MouseEvent| on_combine.emit(()));
    html! {
        <details class="combine-panel" data-testid="combine-panel" open={!props.chosen.is_empty()}>
            <summary class="sidebar-heading">{ "Combine runs" }</summary>
            <ul class="combine-choices">
                { for props.choices.iter().map(|choice| {
                    let on_toggle = props.on_toggle.clone();
                    let id = choice.id;
                    let onchange = Callback::from(move |_: Event| on_toggle.emit(id));
                    html! {
                        <li key={id}>
                            <label>
                                <input type="checkbox" data-testid="combine-choice" data-name={choice.name.clone()}
                                    checked={props.chosen.contains(&id)} {onchange} />
                                <span class="report-name">{ &choice.name }</span>
                                <span class="demo-tag">{ choice.format_name }</span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            <button type="button" class="nav-button" data-testid="combine-button"
                disabled={blocked.is_some()} onclick={combine}>{ "Combine" }</button>
            <p class="hint">{ blocked.unwrap_or("A line that ran in any report ran; hits add up. The new report is named \"combined: …\".") }</p>
        </details>
    }
}
