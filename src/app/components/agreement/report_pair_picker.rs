//! Two report pickers and a swap button, for the agreement view's pair.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReportPairPickerProps {
    /// Every loaded report: its id and the label shown.
    pub choices: Vec<(u64, String)>,
    pub left: u64,
    pub right: u64,
    pub on_pair: Callback<(u64, u64)>,
}

#[function_component]
pub fn ReportPairPicker(props: &ReportPairPickerProps) -> Html {
    let picker = |test_id: &'static str, label: &'static str, is_left: bool| {
        let on_pair = props.on_pair.clone();
        let (current, other) = if is_left {
            (props.left, props.right)
        } else {
            (props.right, props.left)
        };
        let onchange = Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            if let Ok(chosen) = select.value().parse::<u64>() {
                on_pair.emit(if is_left {
                    (chosen, other)
                } else {
                    (other, chosen)
                });
            }
        });
        html! {
            <label class="picker">{ label }
                <select data-testid={test_id} {onchange}>
                    { for props.choices.iter().map(|(id, name)| html! {
                        <option value={id.to_string()} selected={*id == current}>{ name }</option>
                    }) }
                </select>
            </label>
        }
    };
    let swap = {
        let on_pair = props.on_pair.clone();
        let pair = (props.right, props.left);
        Callback::from(move |_: MouseEvent| on_pair.emit(pair))
    };
    html! {
        <div class="table-controls">
            { picker("agreement-left", "Report ", true) }
            <button type="button" class="nav-button" onclick={swap} title="Swap the two reports">{ "⇄ swap" }</button>
            { picker("agreement-right", "Against ", false) }
        </div>
    }
}
