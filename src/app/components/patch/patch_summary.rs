//! The patch coverage summary: diff-cover's total, the counts behind it, and the verdict
//! against the person's target.
use crate::core::text::{counted, nouns};
use yew::prelude::*;

use crate::app::state::Shared;
use crate::core::analysis::patch::PatchCoverage;

/// How the patch stands against the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchVerdict {
    /// The total reaches the target.
    Met,
    /// The total is below the target.
    Missed,
    /// No added line is code the report measures: diff-cover says 100%, but nothing was
    /// tested either way, so no colour is given.
    NothingMeasured,
}

impl PatchVerdict {
    /// The verdict of diff-cover's total (a whole percent rounded down, as its
    /// `--fail-under` compares it) against `threshold_percent`.
    pub fn of(coverage: &PatchCoverage, threshold_percent: f64) -> PatchVerdict {
        if coverage.totals.measured() == 0 {
            PatchVerdict::NothingMeasured
        } else if coverage.total_figure.percent.value() >= threshold_percent {
            PatchVerdict::Met
        } else {
            PatchVerdict::Missed
        }
    }

    /// The `data-verdict` value and the class suffix.
    pub fn key(self) -> &'static str {
        match self {
            PatchVerdict::Met => "target-met",
            PatchVerdict::Missed => "target-missed",
            PatchVerdict::NothingMeasured => "nothing-measured",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PatchSummaryProps {
    pub coverage: Shared<PatchCoverage>,
    pub verdict: PatchVerdict,
    pub patch_name: String,
    pub report_name: String,
    /// What the diff is: `a diff of 9 files (+275 −6 lines)`.
    pub description: String,
    pub threshold_percent: f64,
}

#[function_component]
pub fn PatchSummary(props: &PatchSummaryProps) -> Html {
    let coverage = &props.coverage.0;
    let totals = coverage.totals;
    let verdict_text = match props.verdict {
        PatchVerdict::Met => format!("meets the {}% target", props.threshold_percent),
        PatchVerdict::Missed => format!("below the {}% target", props.threshold_percent),
        PatchVerdict::NothingMeasured => {
            "no added line is code the report measures, so there is nothing to hold to the target"
                .to_string()
        }
    };
    let uncertain_files = coverage.uncertain_files().count();
    html! {
        <section class={classes!("patch-summary", format!("verdict-{}", props.verdict.key()))}
            data-testid="patch-summary" data-verdict={props.verdict.key()} aria-label="Patch coverage summary">
            <p class="patch-caption">
                { "Patch coverage of " }<code>{ &props.patch_name }</code>
                { " against " }<code>{ &props.report_name }</code>{ ", as diff-cover counts it: " }
                { &props.description }{ "." }
            </p>
            <div class="patch-figures">
                <span class="patch-total-figure">
                    <span data-col="patch-pct">{ &coverage.total_figure.display }</span>{ "%" }
                </span>
                <span class="patch-counts">
                    <span data-col="patch-covered">{ totals.covered }</span>{ " of " }
                    <span data-col="patch-total">{ totals.measured() }</span>
                    { format!(" {} that {} code ran; ", nouns::ADDED_LINE.for_count(totals.measured()), if totals.measured() == 1 { "is" } else { "are" }) }
                    <span data-col="patch-missed">{ totals.missed }</span>{ " missed" }
                </span>
                <span class="patch-verdict" data-testid="patch-verdict">{ verdict_text }</span>
            </div>
            <p class="patch-note">
                { format!("{} of the {} {} not code the report measures (comments, blank lines, files it does not cover). The total is a whole percent rounded down, the files' figures have one decimal, as diff-cover prints them.",
                    totals.not_code, nouns::ADDED_LINE.for_count(coverage.added_lines), if totals.not_code == 1 { "is" } else { "are" }) }
            </p>
            if totals.uncertain > 0 {
                <p class="compare-note" data-testid="patch-uncertain" role="note">
                    { format!("{} in {} {} counted nowhere: which report file holds them is not certain, or the report lists no lines for them (see the files below).",
                        counted(totals.uncertain, nouns::ADDED_LINE), counted(uncertain_files, nouns::FILE), if totals.uncertain == 1 { "is" } else { "are" }) }
                </p>
            }
        </section>
    }
}
