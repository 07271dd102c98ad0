//! The list of loaded coverage reports; one click (or `[` / `]`) selects another.
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct ReportListItem {
    pub id: u64,
    pub name: String,
    pub coverage_display: String,
    pub is_demo: bool,
}

#[derive(Properties, PartialEq)]
pub struct ReportListProps {
    pub items: Vec<ReportListItem>,
    pub selected_id: Option<u64>,
    pub on_select: Callback<u64>,
    pub on_remove: Callback<u64>,
}

#[function_component]
pub fn ReportList(props: &ReportListProps) -> Html {
    html! {
        <nav class="report-list" aria-label="Loaded reports">
            <h2 class="sidebar-heading">{ "Reports" }</h2>
            // A grid of rows (select, remove) rather than a listbox: a listbox may hold only
            // options, and each entry also has its remove button. The select button is the
            // row's selectable cell, which is where `aria-selected` is allowed.
            <ul role="grid" aria-label="Coverage reports">
                { for props.items.iter().map(|item| {
                    let selected = props.selected_id == Some(item.id);
                    let on_select = props.on_select.clone();
                    let on_remove = props.on_remove.clone();
                    let id = item.id;
                    let select = Callback::from(move |_: MouseEvent| on_select.emit(id));
                    let remove = Callback::from(move |_: MouseEvent| on_remove.emit(id));
                    html! {
                        <li key={id} role="row" class={classes!("report-entry", selected.then_some("selected"))}>
                            <button type="button" role="gridcell" class="report-item"
                                data-testid="report-item" data-name={item.name.clone()}
                                aria-selected={selected.to_string()} onclick={select}>
                                <span class="report-name">{ &item.name }</span>
                                if item.is_demo { <span class="demo-tag">{ "demo" }</span> }
                                <span class="report-total">{ format!("{}%", item.coverage_display) }</span>
                            </button>
                            <span role="gridcell" class="remove-cell">
                                <button type="button" class="remove-report" onclick={remove}
                                    aria-label={format!("Remove {}", item.name)} title="Remove">{ "×" }</button>
                            </span>
                        </li>
                    }
                }) }
            </ul>
            <p class="hint">{ "Keys: [ and ] switch reports, / filters, j and k move through files, ? lists them all." }</p>
        </nav>
    }
}
