//! The agreement view: the pair of reports (the likeliest unless the person chose one) and
//! its file-by-file table.
use yew::prelude::*;

use super::AgreementTable;
use crate::app::components::shell::empty_state;
use crate::app::components::shell::{PickerNaming, ReportPairPicker};
use crate::app::state::{Action, AgreementAction, LoadedReport, ReportShelf};

#[derive(Properties, PartialEq)]
pub struct AgreementPageProps {
    pub reports: ReportShelf,
    /// The (left, right) pair, when two reports are loaded.
    pub pair: Option<(LoadedReport, LoadedReport)>,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn AgreementPage(props: &AgreementPageProps) -> Html {
    let Some((left, right)) = &props.pair else {
        return empty_state(
            "Load the same run in two formats",
            "Drop two reports of one test run (coverage.json and coverage.xml, lcov.info and coverage-final.json, Jest's babel and v8 providers) to see where they agree and why they differ.",
        );
    };
    let choices: Vec<(u64, String)> = props
        .reports
        .items
        .iter()
        .map(|loaded| {
            (
                loaded.id,
                format!(
                    "{} ({})",
                    loaded.name,
                    loaded.report.0.facts.format.profile().name
                ),
            )
        })
        .collect();
    html! {
        <section class="agreement-view" aria-label="Agreement of two reports">
            <ReportPairPicker {choices} left={left.id} right={right.id}
                left_naming={PickerNaming { test_id: "agreement-left", label: "Report " }}
                right_naming={PickerNaming { test_id: "agreement-right", label: "Against " }}
                swap_title="Swap the two reports"
                on_pair={props.dispatch.reform(|(left, right)| AgreementAction::SetPair { left, right }.into())} />
            <AgreementTable left_name={left.name.clone()} right_name={right.name.clone()}
                left={left.report.clone()} right={right.report.clone()} />
        </section>
    }
}
