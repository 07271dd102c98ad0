//! A column header that sorts its table: a button inside a `th` with `aria-sort`.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SortableHeaderProps {
    /// The `data-testid` of the header, e.g. `sort-coverage`.
    pub test_id: String,
    pub heading: &'static str,
    /// `None` when the table is sorted by another column, else whether it is descending.
    pub sorted_descending: Option<bool>,
    #[prop_or_default]
    pub class: Classes,
    /// What the button's title says it sorts by, when the heading alone does not say
    /// (a metric's "%" column is "Sort by Stmts %").
    #[prop_or_default]
    pub sort_label: Option<String>,
    /// How many header rows the heading spans (2 beside a format's metric groups).
    #[prop_or(1)]
    pub row_span: u8,
    pub on_sort: Callback<()>,
}

#[function_component]
pub fn SortableHeader(props: &SortableHeaderProps) -> Html {
    let (aria_sort, indicator) = match props.sorted_descending {
        None => ("none", ""),
        Some(true) => ("descending", "▼"),
        Some(false) => ("ascending", "▲"),
    };
    let on_sort = props.on_sort.clone();
    let onclick = Callback::from(move |_: MouseEvent| on_sort.emit(()));
    html! {
        <th scope="col" data-testid={props.test_id.clone()} aria-sort={aria_sort} class={props.class.clone()}
            rowspan={(props.row_span > 1).then(|| props.row_span.to_string())}>
            <button type="button" class="sort-button" {onclick}
                title={format!("Sort by {}", props.sort_label.clone().unwrap_or_else(|| props.heading.to_lowercase()))}>
                { props.heading }
                <span class="sort-indicator" aria-hidden="true">{ indicator }</span>
            </button>
        </th>
    }
}
