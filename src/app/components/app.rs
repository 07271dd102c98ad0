//! The root component: owns the reducer and wires browser events to actions.
use yew::prelude::*;

use super::{
    CoverageTable, DemoBanner, DropZone, FilePicker, LoadErrors, ReportFacts, ReportList,
    ReportListItem, TableControls,
};
use crate::app::browser::{self, PickedFile};
use crate::app::demo::DEMO_REPORTS;
use crate::app::state::{Action, AppState};
use crate::core::analysis::table::{TableColumn, Thresholds};
use crate::core::parse::parse_dropped_file;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::with_saved_views(browser::load_table_views()));

    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            for (name, bytes) in DEMO_REPORTS {
                dispatcher.dispatch(Action::AddDemoReport {
                    name: name.to_string(),
                    outcome: parse_dropped_file(name, bytes),
                });
            }
        });
    }
    use_effect_with(state.table_views.clone(), |views| {
        browser::save_table_views(views);
    });
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = browser::listen_for_shortcuts(move |key| match key.as_str() {
                "/" => browser::focus_by_test_id("filter-input"),
                "]" => dispatcher.dispatch(Action::SelectNextReport),
                "[" => dispatcher.dispatch(Action::SelectPreviousReport),
                _ => {}
            });
            move || drop(listener)
        });
    }

    let on_files = {
        let dispatcher = state.dispatcher();
        Callback::from(move |files: Vec<PickedFile>| {
            dispatcher.dispatch(Action::StartLoadingFiles {
                file_count: files.len(),
            });
            for file in files {
                let dispatcher = dispatcher.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let file_name = file.relative_path.clone();
                    let outcome = match browser::read_file_bytes(&file).await {
                        Ok(bytes) => parse_dropped_file(&file_name, &bytes),
                        Err(message) => crate::core::parse::ParseOutcome::failure(message),
                    };
                    dispatcher.dispatch(Action::FinishLoadingFile { file_name, outcome });
                });
            }
        })
    };
    let on_drop = {
        let on_files = on_files.clone();
        Callback::from(move |dropped: browser::DroppedItems| {
            let on_files = on_files.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let files = browser::collect_dropped_files(dropped).await;
                if !files.is_empty() {
                    on_files.emit(files);
                }
            });
        })
    };
    let dispatch_with = |make: fn(u64) -> Action| {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: u64| dispatcher.dispatch(make(id)))
    };
    let on_select = dispatch_with(|id| Action::SelectReport { id });
    let on_remove = dispatch_with(|id| Action::RemoveReport { id });
    let on_dismiss_error = dispatch_with(|id| Action::DismissLoadError { id });
    let on_sort = {
        let dispatcher = state.dispatcher();
        Callback::from(move |column: TableColumn| dispatcher.dispatch(Action::SortBy { column }))
    };
    let on_filter = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::SetFilter { text }))
    };
    let on_hide_covered = {
        let dispatcher = state.dispatcher();
        Callback::from(move |hide: bool| dispatcher.dispatch(Action::SetHideCovered { hide }))
    };
    let on_thresholds = {
        let dispatcher = state.dispatcher();
        Callback::from(move |thresholds: Thresholds| {
            dispatcher.dispatch(Action::SetThresholds { thresholds })
        })
    };
    let on_pick_files = Callback::from(|()| browser::open_file_picker());

    let list_items: Vec<ReportListItem> = state
        .reports
        .iter()
        .map(|loaded| ReportListItem {
            id: loaded.id,
            name: loaded.name.clone(),
            coverage_display: loaded.report.0.total_coverage.display.clone(),
            is_demo: loaded.is_demo,
        })
        .collect();
    let view = state.selected_table_view();

    html! {
        <DropZone {on_drop}>
            <header class="app-header">
                <h1 class="app-name">{ "Covscope" }</h1>
                <nav class="views" aria-label="Views">
                    <button type="button" class="nav-button active" data-testid="nav-table"
                        aria-current="page">{ "Coverage table" }</button>
                </nav>
                <FilePicker on_files={on_files} />
            </header>
            if state.files_in_flight > 0 {
                <div class="load-progress" data-testid="load-progress" role="status">
                    <progress aria-label="Loading files" />
                    { format!(" Loading {} file{}…", state.files_in_flight,
                        if state.files_in_flight == 1 { "" } else { "s" }) }
                </div>
            }
            <LoadErrors errors={state.load_errors.clone()} on_dismiss={on_dismiss_error} />
            <div class="layout">
                <ReportList items={list_items} selected_id={state.selected_report_id}
                    {on_select} {on_remove} />
                <main class="main-view">
                    if state.is_showing_demo() {
                        <DemoBanner {on_pick_files} />
                    }
                    if let Some(selected) = state.selected_report() {
                        <ReportFacts name={selected.name.clone()} report={selected.report.clone()}
                            warnings={selected.warnings.clone()} />
                        <TableControls view={view.clone()} {on_filter} {on_hide_covered} {on_thresholds} />
                        <div class="table-scroll">
                            <CoverageTable report={selected.report.clone()} view={view} {on_sort} />
                        </div>
                    } else {
                        <section class="empty-state">
                            <h2>{ "No report loaded" }</h2>
                            <p>{ "Drop coverage.json files anywhere on this page, or use Open files." }</p>
                        </section>
                    }
                </main>
            </div>
        </DropZone>
    }
}
