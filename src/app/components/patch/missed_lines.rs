//! The added lines that are code and never ran, file by file: what a reviewer asks the
//! author to test.
use yew::prelude::*;

use crate::app::state::Shared;
use crate::core::analysis::patch::{ranges_text, PatchCoverage};

#[derive(Properties, PartialEq)]
pub struct MissedLinesProps {
    pub coverage: Shared<PatchCoverage>,
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
                    { for files.iter().map(|file| html! {
                        <li data-testid="patch-missed-file" data-path={file.path.clone()}>
                            <code>{ &file.path }</code>{ ": lines " }
                            <span class="missed-ranges">{ ranges_text(&file.missed_ranges) }</span>
                            { format!(" ({} missed)", file.counts.missed) }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
