//! Two report pickers and a swap button: the pair a comparison or an agreement view shows.
use yew::prelude::*;

/// What one of the two pickers is called on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PickerNaming {
    /// The `data-testid` of its `<select>`.
    pub test_id: &'static str,
    /// The label before it ("Before ", "Report ").
    pub label: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct ReportPairPickerProps {
    /// Every loaded report: its id and the label shown.
    pub choices: Vec<(u64, String)>,
    pub left: u64,
    pub right: u64,
    pub left_naming: PickerNaming,
    pub right_naming: PickerNaming,
    /// The swap button's tooltip ("Swap before and after").
    pub swap_title: AttrValue,
    /// The new pair, left first.
    pub on_pair: Callback<(u64, u64)>,
}

#[function_component]
pub fn ReportPairPicker(props: &ReportPairPickerProps) -> Html {
    let picker = |naming: PickerNaming, is_left: bool| {
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
            <label class="picker">{ naming.label }
                <select data-testid={naming.test_id} {onchange}>
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
            { picker(props.left_naming, true) }
            <button type="button" class="nav-button" onclick={swap} title={props.swap_title.clone()}>
                { "⇄ swap" }
            </button>
            { picker(props.right_naming, false) }
        </div>
    }
}
