//! The comparison of two reports: pickers, filter, the delta table, line changes, export.
use yew::prelude::*;

use super::{DeltaTable, LineChangesPanel};
use crate::app::components::shell::{search_box, toggle, PickerNaming, ReportPairPicker};
use crate::app::effects::downloads::ExportRequest;
use crate::app::state::{ComparisonSettings, SharedReport};
use crate::core::analysis::compare::{
    build_delta_table, compare_reports, line_changes_for_row, totals_for_rows, DeltaColumn,
};
use crate::core::analysis::export::{comparison_to_csv, comparison_to_markdown};

/// A report offered in the pickers, and the two being compared.
#[derive(Clone, PartialEq)]
pub struct ComparedReport {
    pub id: u64,
    pub name: String,
    pub report: SharedReport,
}

#[derive(Properties, PartialEq)]
pub struct ComparisonViewProps {
    pub choices: Vec<(u64, String)>,
    pub before: ComparedReport,
    pub after: ComparedReport,
    pub settings: ComparisonSettings,
    pub on_pair: Callback<(u64, u64)>,
    pub on_sort: Callback<DeltaColumn>,
    pub on_filter: Callback<String>,
    pub on_only_changed: Callback<bool>,
    pub on_select_file: Callback<Option<String>>,
    pub on_export: Callback<ExportRequest>,
}

#[function_component]
pub fn ComparisonView(props: &ComparisonViewProps) -> Html {
    let comparison = use_memo(
        (props.before.report.clone(), props.after.report.clone()),
        |(before, after)| compare_reports(&before.0, &after.0),
    );
    let rows = use_memo(
        (
            comparison.clone(),
            props.settings.sort,
            props.settings.filter.clone(),
            props.settings.only_changed,
        ),
        |(comparison, sort, filter, only_changed)| {
            build_delta_table(comparison, *sort, filter, *only_changed)
        },
    );
    let totals = totals_for_rows(&comparison, &rows);
    let markdown =
        comparison_to_markdown(&comparison, &rows, &props.before.name, &props.after.name);

    let base_name = format!(
        "coverage-change-{}-to-{}",
        file_stem(&props.before.name),
        file_stem(&props.after.name)
    );
    let export = |request: ExportRequest| {
        let on_export = props.on_export.clone();
        Callback::from(move |_: MouseEvent| on_export.emit(request.clone()))
    };
    // When the clipboard is refused, the markdown is saved instead.
    let copy = export(ExportRequest::CopyToClipboard {
        text: markdown.clone(),
        file_name: "coverage-change.md".to_string(),
        mime_type: "text/markdown".to_string(),
    });
    let download_markdown = export(ExportRequest::Download {
        file_name: format!("{base_name}.md"),
        mime_type: "text/markdown".to_string(),
        text: markdown.clone(),
    });
    let download_csv = export(ExportRequest::Download {
        file_name: format!("{base_name}.csv"),
        mime_type: "text/csv".to_string(),
        text: comparison_to_csv(&comparison, &rows),
    });
    let selected_changes = props.settings.selected_path.as_ref().and_then(|path| {
        let row = comparison.rows.iter().find(|row| &row.path == path)?;
        line_changes_for_row(&props.before.report.0, &props.after.report.0, row)
            .map(|changes| (path.clone(), changes))
    });
    html! {
        <section class="comparison-view" aria-label="Comparison">
            <ReportPairPicker choices={props.choices.clone()} left={props.before.id} right={props.after.id}
                left_naming={PickerNaming { test_id: "compare-before", label: "Before " }}
                right_naming={PickerNaming { test_id: "compare-after", label: "After " }}
                swap_title="Swap before and after" on_pair={props.on_pair.clone()} />
            <div class="table-controls">
                { search_box("Filter compared files by path", "compare-filter", "Filter by path",
                    &props.settings.filter, &props.on_filter) }
                { toggle("Only files that changed", "compare-only-changed", props.settings.only_changed,
                    &props.on_only_changed) }
                <span class="export-buttons">
                    <button type="button" class="nav-button" data-testid="export-copy-markdown" onclick={copy}>{ "Copy markdown" }</button>
                    <button type="button" class="nav-button" data-testid="export-download-markdown" onclick={download_markdown}>{ "Download .md" }</button>
                    <button type="button" class="nav-button" data-testid="export-download-csv" onclick={download_csv}>{ "Download .csv" }</button>
                </span>
            </div>
            if let Some(note) = comparison.measures_differ() {
                <p class="compare-note" data-testid="compare-note" role="note">{ note }</p>
            }
            <div class="table-scroll">
                <DeltaTable rows={(*rows).clone()} totals={totals}
                    sort={props.settings.sort}
                    columns={comparison.columns().into_iter().map(|column| (column, comparison.heading(column))).collect::<Vec<_>>()}
                    selected_path={props.settings.selected_path.clone()}
                    on_sort={props.on_sort.clone()} on_select_file={props.on_select_file.clone()} />
            </div>
            if let Some((path, changes)) = selected_changes {
                <LineChangesPanel {path} {changes} />
            }
            <details class="export-preview">
                <summary>{ "Markdown of this comparison" }</summary>
                <textarea readonly=true rows="12" data-testid="export-markdown" value={markdown} />
            </details>
        </section>
    }
}

fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.strip_suffix(".json").unwrap_or(base);
    stem.chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() || character == '-' {
                character
            } else {
                '_'
            }
        })
        .collect()
}
