//! The added lines that are code and never ran, file by file: what a reviewer asks the
//! author to test. Each range opens the source view at its first line.
use yew::prelude::*;

use crate::app::state::Shared;
use crate::core::analysis::patch::{PatchCoverage, ReportFileMatch};

/// A place in the report to open in the source view: the report's path and a line.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcePlace {
    pub report_path: String,
    pub line: u64,
}

#[derive(Properties, PartialEq)]
pub struct MissedLinesProps {
    pub coverage: Shared<PatchCoverage>,
    pub on_open_source: Callback<SourcePlace>,
}

#[function_component]
pub fn MissedLines(props: &MissedLinesProps) -> Html {
    let coverage = &props.coverage.0;
    let files: Vec<_> = coverage
        .files
        .iter()
        .filter(|file| file.counts.missed > 0)
        .collect();
    html! {
        <section class="patch-missed" data-testid="patch-missed" aria-label="Missed added lines">
            <h2>{ "Added lines that never ran" }</h2>
            if files.is_empty() {
                <p>{ "None: every added line the report measures ran." }</p>
            } else {
                <ul>
                    { for files.iter().map(|file| {
                        // Only a line of one measured report file can be opened; a missed line
                        // is always one (the other matches count no line as missed).
                        let report_path = match &file.report_file {
                            ReportFileMatch::Measured { report_path, .. } => Some(report_path.clone()),
                            _ => None,
                        };
                        html! {
                            <li data-testid="patch-missed-file" data-path={file.path.clone()}>
                                <code>{ &file.path }</code>{ ": lines " }
                                <span class="missed-ranges">
                                    { for file.missed_ranges.iter().enumerate().map(|(position, range)| {
                                        let text = range.text();
                                        let separator = if position == 0 { "" } else { "," };
                                        let link = report_path.clone().map(|report_path| {
                                            let place = SourcePlace { report_path, line: range.start };
                                            let on_open = props.on_open_source.clone();
                                            let onclick = Callback::from(move |_: MouseEvent| on_open.emit(place.clone()));
                                            html! {
                                                <button type="button" class="link-button missed-range"
                                                    data-testid="patch-missed-range" data-line={range.start.to_string()}
                                                    title={format!("Open line {} in the source view", range.start)}
                                                    {onclick}>{ text.clone() }</button>
                                            }
                                        });
                                        html! {
                                            <>
                                                { separator }
                                                { link.unwrap_or_else(|| html! { { text.clone() } }) }
                                            </>
                                        }
                                    }) }
                                </span>
                                { format!(" ({} missed)", file.counts.missed) }
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
