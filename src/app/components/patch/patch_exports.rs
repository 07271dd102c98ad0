//! The patch coverage exports: markdown for a pull-request comment (copied or saved) and
//! CSV, through the download effect.
use yew::prelude::*;

use crate::app::effects::downloads::ExportRequest;
use crate::app::state::Shared;
use crate::core::analysis::patch::{
    patch_coverage_to_csv, patch_coverage_to_markdown, PatchCoverage,
};

#[derive(Properties, PartialEq)]
pub struct PatchExportsProps {
    pub coverage: Shared<PatchCoverage>,
    pub patch_name: String,
    pub report_name: String,
    pub on_export: Callback<ExportRequest>,
}

#[function_component]
pub fn PatchExports(props: &PatchExportsProps) -> Html {
    let markdown = use_memo(
        (
            props.coverage.clone(),
            props.patch_name.clone(),
            props.report_name.clone(),
        ),
        |(coverage, patch_name, report_name)| {
            patch_coverage_to_markdown(&coverage.0, patch_name, report_name)
        },
    );
    let base_name = format!("patch-coverage-{}", file_stem(&props.patch_name));
    let export = |request: ExportRequest| {
        let on_export = props.on_export.clone();
        Callback::from(move |_: MouseEvent| on_export.emit(request.clone()))
    };
    // When the clipboard is refused, the markdown is saved instead.
    let copy = export(ExportRequest::CopyToClipboard {
        text: (*markdown).clone(),
        file_name: format!("{base_name}.md"),
        mime_type: "text/markdown".to_string(),
    });
    let download_markdown = export(ExportRequest::Download {
        file_name: format!("{base_name}.md"),
        mime_type: "text/markdown".to_string(),
        text: (*markdown).clone(),
    });
    let coverage = props.coverage.clone();
    let on_export = props.on_export.clone();
    let csv_name = format!("{base_name}.csv");
    // The CSV is made only when asked for.
    let download_csv = Callback::from(move |_: MouseEvent| {
        on_export.emit(ExportRequest::Download {
            file_name: csv_name.clone(),
            mime_type: "text/csv".to_string(),
            text: patch_coverage_to_csv(&coverage.0),
        })
    });
    html! {
        <div class="table-controls patch-exports">
            <span class="export-buttons">
                <button type="button" class="nav-button" data-testid="patch-copy-markdown" onclick={copy}>{ "Copy markdown" }</button>
                <button type="button" class="nav-button" data-testid="patch-download-markdown" onclick={download_markdown}>{ "Download .md" }</button>
                <button type="button" class="nav-button" data-testid="patch-download-csv" onclick={download_csv}>{ "Download .csv" }</button>
            </span>
            <details class="export-preview">
                <summary>{ "Markdown for a pull-request comment" }</summary>
                <textarea readonly=true rows="12" data-testid="patch-markdown" value={(*markdown).clone()} />
            </details>
        </div>
    }
}

/// The diff's file name without its folders and extension, safe in a file name.
fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = [".diff", ".patch"]
        .iter()
        .find_map(|extension| base.strip_suffix(extension))
        .unwrap_or(base);
    stem.chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() || character == '-' || character == '.' {
                character
            } else {
                '_'
            }
        })
        .collect()
}
