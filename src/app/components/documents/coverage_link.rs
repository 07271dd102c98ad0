//! A path from a document, with the measured coverage of the matching file when there is one.
use yew::prelude::*;

use crate::app::state::SharedReport;
use crate::core::analysis::path_match::{match_path_by_suffix, PathMatch};

#[derive(Properties, PartialEq)]
pub struct CoverageLinkProps {
    pub written_path: String,
    /// The report to look the path up in, with its id, when one is selected.
    pub report: Option<(u64, SharedReport)>,
    pub on_open_file: Callback<(u64, String)>,
}

/// Shows the path as code; when it names exactly one file of the report, a button with
/// that file's coverage opens its row; several matches are said, never guessed.
#[function_component]
pub fn CoverageLink(props: &CoverageLinkProps) -> Html {
    let matched = use_memo(
        (props.written_path.clone(), props.report.clone()),
        |(written_path, report)| {
            report.as_ref().map(|(report_id, report)| {
                let files = &report.0.files;
                match match_path_by_suffix(written_path, &report.0) {
                    PathMatch::Unique(index) => Ok((
                        *report_id,
                        files[index].path.clone(),
                        files[index].coverage.display.clone(),
                    )),
                    PathMatch::Ambiguous(indices) => Err(Some(indices.len())),
                    PathMatch::NotFound => Err(None),
                }
            })
        },
    );
    let measured = match &*matched {
        Some(Ok((report_id, file_path, display))) => {
            let on_open_file = props.on_open_file.clone();
            let target = (*report_id, file_path.clone());
            let onclick = Callback::from(move |_: MouseEvent| on_open_file.emit(target.clone()));
            html! {
                <button type="button" class="coverage-link" data-testid="coverage-link"
                    data-path={file_path.clone()} {onclick}
                    title={format!("Open {file_path} in the coverage table")}>
                    { format!("{display}% measured") }
                </button>
            }
        }
        Some(Err(Some(count))) => html! {
            <span class="coverage-link-note">{ format!("matches {count} files") }</span>
        },
        _ => html! {},
    };
    html! {
        <span class="path-with-coverage"><code>{ &props.written_path }</code>{ measured }</span>
    }
}
