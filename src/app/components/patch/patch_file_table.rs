//! One row per file the diff changes, with diff-cover's per-file figure, and each added
//! line with what it is (covered, missed, not code, uncertain).
use crate::core::text::{counted, nouns};
use yew::prelude::*;

use crate::app::state::Shared;
use crate::core::analysis::patch::{
    change_key, PatchCoverage, PatchFileCoverage, PatchLineStatus, ReportFileMatch,
};

/// Above this many added lines in the whole diff, only the missed and uncertain lines get
/// an element of their own: a page of a million line chips would not be read anyway.
const MAX_LISTED_ADDED_LINES: u64 = 20_000;

#[derive(Properties, PartialEq)]
pub struct PatchFileTableProps {
    pub coverage: Shared<PatchCoverage>,
}

#[function_component]
pub fn PatchFileTable(props: &PatchFileTableProps) -> Html {
    let coverage = &props.coverage.0;
    let list_every_line = coverage.added_lines <= MAX_LISTED_ADDED_LINES;
    html! {
        <section class="patch-files" aria-label="Changed files">
            <h2>{ "Changed files" }</h2>
            if !list_every_line {
                <p class="compare-note" role="note">
                    { format!("The diff adds {}; only the missed and uncertain ones are listed below each file.", counted(coverage.added_lines, nouns::LINE)) }
                </p>
            }
            <div class="table-scroll">
                <table class="patch-table" data-testid="patch-file-table">
                    <thead>
                        <tr>
                            <th scope="col" class="col-path">{ "File" }</th>
                            <th scope="col">{ "Change" }</th>
                            <th scope="col" class="col-number">{ "Covered" }</th>
                            <th scope="col" class="col-number">{ "Code lines" }</th>
                            <th scope="col" class="col-number">{ "Coverage" }</th>
                            <th scope="col" class="col-number">{ "Not code" }</th>
                            <th scope="col" class="col-lines">{ "Added lines" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for coverage.files.iter().map(|file| file_row(file, list_every_line)) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn file_row(file: &PatchFileCoverage, list_every_line: bool) -> Html {
    let figure = file
        .figure
        .as_ref()
        .map_or(String::new(), |figure| figure.display.clone());
    let lines: Vec<_> = file
        .lines
        .iter()
        .filter(|line| {
            list_every_line
                || matches!(
                    line.status,
                    PatchLineStatus::Missed | PatchLineStatus::Uncertain
                )
        })
        .collect();
    // Files with missed or uncertain lines show them at once; the others keep their
    // lines folded, so a long file of comments or tests does not push the rest away.
    let open = file.counts.missed > 0 || file.counts.uncertain > 0;
    html! {
        <tr data-testid="patch-file" data-path={file.path.clone()}>
            <th scope="row" class="col-path" title={file.path.clone()}>
                <code>{ &file.path }</code>
                if let Some(note) = match_note(file) {
                    <span class="cell-note">{ note }</span>
                }
            </th>
            <td>{ change_key(file.change) }</td>
            <td class="col-number" data-col="patch-covered">{ file.counts.covered }</td>
            <td class="col-number" data-col="patch-total">{ file.counts.measured() }</td>
            <td class="col-number" data-col="patch-pct">{ figure }</td>
            <td class="col-number">{ file.counts.not_code }</td>
            <td class="col-lines">
                if !lines.is_empty() {
                    <details class="patch-lines-fold" {open}>
                        <summary>{ lines_summary(file) }</summary>
                        <div class="patch-lines">
                { for lines.iter().map(|line| html! {
                    <span class={classes!("patch-line", format!("patch-line-{}", line.status.key()))}
                        data-testid="patch-line" data-path={file.path.clone()}
                        data-line={line.line.to_string()} data-status={line.status.key()}
                        title={format!("line {}: {}", line.line, status_words(line.status))}>
                        { line.line }
                    </span>
                }) }
                        </div>
                    </details>
                }
            </td>
        </tr>
    }
}

/// The folded line list's title: how many added lines and what they are.
fn lines_summary(file: &PatchFileCoverage) -> String {
    let counts = file.counts;
    let parts: Vec<String> = [
        (counts.covered, "covered"),
        (counts.missed, "missed"),
        (counts.not_code, "not code"),
        (counts.uncertain, "uncertain"),
    ]
    .iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, word)| format!("{count} {word}"))
    .collect();
    let lines = counted(file.lines.len(), nouns::ADDED_LINE);
    format!("{lines}: {}", parts.join(", "))
}

/// Why a file's lines are counted as they are, when it is not simply measured.
fn match_note(file: &PatchFileCoverage) -> Option<String> {
    match &file.report_file {
        ReportFileMatch::Measured { report_path, .. } if *report_path != file.path => {
            Some(format!("in the report as {report_path}"))
        }
        ReportFileMatch::Measured { .. } => None,
        ReportFileMatch::WithoutLines { report_path, .. } => Some(format!(
            "the report lists no lines for {report_path}, so its added lines are uncertain"
        )),
        ReportFileMatch::Ambiguous { report_paths } => Some(format!(
            "{} report files end with this path ({}), so its added lines are uncertain",
            report_paths.len(),
            report_paths.join(", ")
        )),
        ReportFileMatch::NotInReport if file.is_binary => Some("binary file".to_string()),
        ReportFileMatch::NotInReport => Some("not in the report: no line is code".to_string()),
        ReportFileMatch::Deleted => Some("deleted".to_string()),
    }
}

fn status_words(status: PatchLineStatus) -> &'static str {
    match status {
        PatchLineStatus::Covered => "code that ran",
        PatchLineStatus::Missed => "code that never ran",
        PatchLineStatus::NotCode => "not code the report measures",
        PatchLineStatus::Uncertain => "uncertain: which report file holds it is not known",
    }
}
