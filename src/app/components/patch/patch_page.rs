//! The patch coverage view: the selected diff against the selected report, and against a
//! baseline report when one is chosen.
use std::rc::Rc;

use yew::prelude::*;

use super::{
    DifferentialTable, MissedLines, PatchControls, PatchExports, PatchFileTable, PatchSummary,
    PatchVerdict, SourcePlace,
};
use crate::app::components::shell::empty_state;
use crate::app::effects::downloads::export;
use crate::app::state::{
    Action, LoadedPatch, LoadedReport, PatchAction, PatchSettings, ReportAction, ReportShelf,
    Shared,
};
use crate::core::analysis::differential::compute_differential_coverage;
use crate::core::analysis::patch::compute_patch_coverage;

#[derive(Properties, PartialEq)]
pub struct PatchPageProps {
    pub settings: PatchSettings,
    pub reports: ReportShelf,
    /// The report the patch is measured against (the selected one).
    pub report: Option<LoadedReport>,
    /// The baseline of the differential categories, while it is loaded.
    pub baseline: Option<LoadedReport>,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn PatchPage(props: &PatchPageProps) -> Html {
    let selected: Option<LoadedPatch> = props.settings.selected().cloned();
    let coverage = use_memo(
        (
            selected.as_ref().map(|loaded| loaded.patch.clone()),
            props.report.as_ref().map(|loaded| loaded.report.clone()),
        ),
        |(patch, report)| match (patch, report) {
            (Some(patch), Some(report)) => {
                Some(Shared(Rc::new(compute_patch_coverage(&patch.0, &report.0))))
            }
            _ => None,
        },
    );
    let differential = use_memo(
        (
            props.baseline.as_ref().map(|loaded| loaded.report.clone()),
            selected.as_ref().map(|loaded| loaded.patch.clone()),
            props.report.as_ref().map(|loaded| loaded.report.clone()),
        ),
        |(baseline, patch, current)| match (baseline, patch, current) {
            (Some(baseline), Some(patch), Some(current)) => Some(Shared(Rc::new(
                compute_differential_coverage(&baseline.0, &patch.0, &current.0),
            ))),
            _ => None,
        },
    );
    let Some(selected) = selected else {
        return empty_state(
            "Drop a diff to see its patch coverage",
            "Drop a unified diff (git diff, git format-patch, a .patch or .diff file) next to a coverage report: Covscope shows which added lines ran, as diff-cover counts them.",
        );
    };
    let dispatch = &props.dispatch;
    let controls = html! {
        <PatchControls patches={props.settings.patches.items.iter()
                .map(|loaded| (loaded.id, loaded.name.clone())).collect::<Vec<_>>()}
            selected_patch_id={selected.id}
            reports={props.reports.items.iter()
                .map(|loaded| (loaded.id, loaded.name.clone())).collect::<Vec<_>>()}
            report_id={props.report.as_ref().map(|loaded| loaded.id)}
            baseline_id={props.baseline.as_ref().map(|loaded| loaded.id)}
            threshold_percent={props.settings.threshold_percent}
            on_select_patch={dispatch.reform(|id| PatchAction::Select { id }.into())}
            on_remove_patch={dispatch.reform(|id| PatchAction::Remove { id }.into())}
            on_select_report={dispatch.reform(|id| ReportAction::Select { id }.into())}
            on_select_baseline={dispatch.reform(|report_id| PatchAction::SetBaseline { report_id }.into())}
            on_threshold={dispatch.reform(|percent| PatchAction::SetThreshold { percent }.into())} />
    };
    let warnings = html! {
        { for selected.warnings.iter().map(|warning| html! {
            <p class="compare-note" data-testid="patch-warning" role="note">{ warning }</p>
        }) }
    };
    let (Some(coverage), Some(report)) = ((*coverage).clone(), props.report.as_ref()) else {
        return html! {
            <section class="patch-view" aria-label="Patch coverage">
                { controls }
                { warnings }
                { empty_state(
                    "Load a coverage report to measure this diff against",
                    "Drop the coverage report of the run that tested the change (coverage.json, lcov, Cobertura and the other formats Covscope reads).",
                ) }
            </section>
        };
    };
    let verdict = PatchVerdict::of(&coverage.0, props.settings.threshold_percent);
    html! {
        <section class="patch-view" aria-label="Patch coverage">
            { controls }
            { warnings }
            <PatchSummary coverage={coverage.clone()} {verdict}
                patch_name={selected.name.clone()} report_name={report.name.clone()}
                description={selected.patch.0.describe()}
                threshold_percent={props.settings.threshold_percent} />
            <PatchExports coverage={coverage.clone()} patch_name={selected.name.clone()}
                report_name={report.name.clone()} on_export={Callback::from(export)} />
            <MissedLines coverage={coverage.clone()}
                on_open_source={dispatch.reform(|place: SourcePlace| Action::OpenSource {
                    path: place.report_path,
                    line: Some(place.line),
                })} />
            <PatchFileTable coverage={coverage.clone()} />
            if let (Some(differential), Some(baseline)) = ((*differential).clone(), props.baseline.as_ref()) {
                <DifferentialTable {differential} baseline_name={baseline.name.clone()}
                    current_name={report.name.clone()} />
            }
        </section>
    }
}
