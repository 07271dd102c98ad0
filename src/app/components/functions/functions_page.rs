//! The functions and classes index view: its controls (filter, kind, gaps only, one file
//! or all) and the index.
use yew::prelude::*;

use super::RegionTable;
use crate::app::components::shell::{empty_state, search_box, toggle};
use crate::app::state::{Action, CodeAction, CodeSettings, SharedReport};
use crate::core::analysis::table::Thresholds;
use crate::core::model::RegionKind;

#[derive(Properties, PartialEq)]
pub struct FunctionsPageProps {
    pub report: Option<SharedReport>,
    pub code: CodeSettings,
    pub thresholds: Thresholds,
    pub dispatch: Callback<Action>,
}

/// The kinds the index can be narrowed to, with their choice's key and label.
const KIND_CHOICES: [(Option<RegionKind>, &str, &str); 3] = [
    (None, "all", "Functions and classes"),
    (Some(RegionKind::Function), "function", "Functions only"),
    (Some(RegionKind::Class), "class", "Classes only"),
];

#[function_component]
pub fn FunctionsPage(props: &FunctionsPageProps) -> Html {
    let Some(report) = &props.report else {
        return empty_state(
            "No coverage report loaded",
            "Drop a coverage report to see its functions and classes.",
        );
    };
    if !report.0.files.iter().any(|file| !file.regions.is_empty()) {
        return empty_state(
            "This report lists no functions or classes",
            "coverage.py writes them into coverage.json from version 7.6; lcov, Istanbul, JaCoCo and llvm-cov reports carry functions.",
        );
    }
    let dispatch = &props.dispatch;
    let code = &props.code;
    let on_filter = dispatch.reform(|text| CodeAction::SetRegionFilter { text }.into());
    let on_gaps = dispatch.reform(|only| CodeAction::SetOnlyRegionGaps { only }.into());
    let on_kind = dispatch.reform(|event: Event| {
        let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
        let value = select.value();
        let kind = KIND_CHOICES
            .iter()
            .find(|(_, key, _)| *key == value)
            .and_then(|(kind, _, _)| *kind);
        CodeAction::SetRegionKind { kind }.into()
    });
    let whole_report =
        dispatch.reform(|_: MouseEvent| CodeAction::NarrowRegionsToFile { path: None }.into());
    html! {
        <section class="functions-page" aria-label="Functions and classes">
            <div class="table-controls">
                { search_box("Filter by name or file", "region-filter", "Filter by name or file…", &code.regions.filter, &on_filter) }
                <label class="toggle">
                    <span class="visually-hidden">{ "Kind" }</span>
                    <select data-testid="region-kind" onchange={on_kind}>
                        { for KIND_CHOICES.iter().map(|(kind, key, label)| html! {
                            <option value={*key} selected={*kind == code.regions.kind}>{ *label }</option>
                        }) }
                    </select>
                </label>
                { toggle("Only those not fully covered", "region-gaps", code.regions.only_gaps, &on_gaps) }
                if let Some(path) = &code.regions_file {
                    <span class="table-caption">{ format!("In {path} ") }
                        <button type="button" class="button secondary" data-testid="region-all-files" onclick={whole_report}>
                            { "Show every file" }
                        </button>
                    </span>
                }
            </div>
            <RegionTable report={report.clone()} view={code.regions.clone()} file={code.regions_file.clone()}
                thresholds={props.thresholds}
                on_sort={dispatch.reform(|column| CodeAction::SortRegionsBy { column }.into())}
                on_open={dispatch.reform(|(path, line)| Action::OpenSource { path, line })} />
        </section>
    }
}
