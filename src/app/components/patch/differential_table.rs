//! genhtml's differential categories per file, from a baseline report through the diff to
//! the current report: new code tested or not, coverage lost or gained, unchanged, deleted.
use yew::prelude::*;

use crate::app::state::Shared;
use crate::core::analysis::differential::{DifferentialCoverage, DIFFERENTIAL_CATEGORIES};

#[derive(Properties, PartialEq)]
pub struct DifferentialTableProps {
    pub differential: Shared<DifferentialCoverage>,
    pub baseline_name: String,
    pub current_name: String,
}

#[function_component]
pub fn DifferentialTable(props: &DifferentialTableProps) -> Html {
    let differential = &props.differential.0;
    // Only the categories some line falls in get a column, in genhtml's priority order.
    let categories: Vec<_> = DIFFERENTIAL_CATEGORIES
        .iter()
        .filter(|(category, ..)| differential.totals.get(*category) > 0)
        .collect();
    html! {
        <section class="patch-differential" data-testid="differential" aria-label="Differential coverage">
            <h2>{ "Differential coverage" }</h2>
            <p class="patch-caption">
                { "Every line from " }<code>{ &props.baseline_name }</code>{ " through the diff to " }
                <code>{ &props.current_name }</code>{ ", in lcov genhtml's categories." }
            </p>
            { for differential.uncertain.iter().map(|file| html! {
                <p class="compare-note" role="note" data-testid="differential-uncertain" data-path={file.path.clone()}>
                    <code>{ &file.path }</code>{ format!(": not categorized, since {}.", file.reason) }
                </p>
            }) }
            if categories.is_empty() {
                <p>{ "No line of either report is measured." }</p>
            } else {
                <div class="table-scroll">
                    <table class="patch-table differential-table">
                        <thead>
                            <tr>
                                <th scope="col" class="col-path">{ "File" }</th>
                                { for categories.iter().map(|(_, abbreviation, title, meaning)| html! {
                                    <th scope="col" class="col-number" title={format!("{title}: {meaning}")}>
                                        <abbr title={*title}>{ *abbreviation }</abbr>
                                    </th>
                                }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for differential.files.iter().map(|file| html! {
                                <tr data-testid="differential-file" data-path={file.path.clone()}>
                                    <th scope="row" class="col-path"><code>{ &file.path }</code></th>
                                    { for categories.iter().map(|(category, abbreviation, ..)| {
                                        let count = file.counts.get(*category);
                                        html! {
                                            <td class="col-number" data-col={abbreviation.to_lowercase()}>
                                                { if count > 0 { count.to_string() } else { String::new() } }
                                            </td>
                                        }
                                    }) }
                                </tr>
                            }) }
                        </tbody>
                        <tfoot>
                            <tr data-testid="differential-totals">
                                <th scope="row" class="col-path">{ "Total" }</th>
                                { for categories.iter().map(|(category, abbreviation, ..)| html! {
                                    <td class="col-number" data-col={abbreviation.to_lowercase()}>
                                        { differential.totals.get(*category) }
                                    </td>
                                }) }
                            </tr>
                        </tfoot>
                    </table>
                </div>
            }
        </section>
    }
}
