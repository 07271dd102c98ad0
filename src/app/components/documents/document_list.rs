//! The loaded planning documents, grouped by phase; one click opens one in the reader.
use yew::prelude::*;

/// One document entry, already labelled by the caller.
#[derive(Clone, PartialEq)]
pub struct DocumentListItem {
    pub id: u64,
    pub file_name: String,
    pub path: String,
    pub kind_key: &'static str,
    pub kind_label: String,
    pub has_warnings: bool,
    pub is_demo: bool,
}

/// The documents of one phase.
#[derive(Clone, PartialEq)]
pub struct DocumentListGroup {
    pub heading: String,
    pub items: Vec<DocumentListItem>,
}

#[derive(Properties, PartialEq)]
pub struct DocumentListProps {
    pub groups: Vec<DocumentListGroup>,
    pub selected_id: Option<u64>,
    pub on_select: Callback<u64>,
    pub on_remove: Callback<u64>,
}

#[function_component]
pub fn DocumentList(props: &DocumentListProps) -> Html {
    if props.groups.is_empty() {
        return html! {};
    }
    html! {
        <nav class="document-list" aria-label="Loaded documents">
            <h2 class="sidebar-heading">{ "Documents" }</h2>
            { for props.groups.iter().map(|group| html! {
                <section class="document-group">
                    <h3 class="document-group-heading">{ &group.heading }</h3>
                    <ul>
                        { for group.items.iter().map(|item| {
                            let selected = props.selected_id == Some(item.id);
                            let id = item.id;
                            let on_select = props.on_select.clone();
                            let on_remove = props.on_remove.clone();
                            let select = Callback::from(move |_: MouseEvent| on_select.emit(id));
                            let remove = Callback::from(move |_: MouseEvent| on_remove.emit(id));
                            html! {
                                <li key={id} class={classes!("report-entry", selected.then_some("selected"))}>
                                    <button type="button" class="report-item" data-testid="doc-item"
                                        data-name={item.file_name.clone()} data-kind={item.kind_key}
                                        aria-current={selected.then_some("true")} title={item.path.clone()}
                                        onclick={select}>
                                        <span class={classes!("kind-tag", format!("kind-{}", item.kind_key))}>{ &item.kind_label }</span>
                                        <span class="report-name">{ &item.file_name }</span>
                                        if item.has_warnings { <span class="warning-mark" title="Has warnings">{ "⚠" }</span> }
                                        if item.is_demo { <span class="demo-tag">{ "demo" }</span> }
                                    </button>
                                    <button type="button" class="remove-report" onclick={remove}
                                        aria-label={format!("Remove {}", item.file_name)} title="Remove">{ "×" }</button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
        </nav>
    }
}
