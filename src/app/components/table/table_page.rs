//! The coverage table view of the selected report: its facts, the controls and the table.
use yew::prelude::*;

use super::{CoverageTable, ReportFacts, TableControls};
use crate::app::components::shell::empty_state;
use crate::app::derived::TableData;
use crate::app::state::{Action, LoadedReport, TableAction};
use crate::core::analysis::table::TableView;

#[derive(Properties, PartialEq)]
pub struct TablePageProps {
    /// The selected report and its derived table, when a report is loaded.
    pub shown: Option<(LoadedReport, TableData)>,
    pub view: TableView,
    pub active_path: Option<String>,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn TablePage(props: &TablePageProps) -> Html {
    let Some((selected, table)) = &props.shown else {
        return empty_state(
            "No coverage report loaded",
            "Drop coverage.json files anywhere on this page, or use Open files.",
        );
    };
    let dispatch = &props.dispatch;
    html! {
        <>
            <ReportFacts name={selected.name.clone()} report={selected.report.clone()}
                warnings={selected.warnings.clone()} />
            <TableControls view={props.view.clone()}
                on_filter={dispatch.reform(|text| TableAction::SetFilter { text }.into())}
                on_hide_covered={dispatch.reform(|hide| TableAction::SetHideCovered { hide }.into())}
                on_thresholds={dispatch.reform(|thresholds| TableAction::SetThresholds { thresholds }.into())} />
            <CoverageTable report={selected.report.clone()} table={table.clone()} view={props.view.clone()}
                active_path={props.active_path.clone()}
                on_sort={dispatch.reform(|column| TableAction::SortBy { column }.into())}
                on_activate={dispatch.reform(|path| TableAction::ActivateRow { path }.into())}
                on_open_source={dispatch.reform(|path| Action::OpenSource { path, line: None })} />
        </>
    }
}
