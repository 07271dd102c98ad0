//! The root component: owns the reducer and wires browser events to actions.
use yew::prelude::*;

use super::{
    ComparedReport, ComparisonView, CoverageTable, DemoBanner, DocumentList, DocumentListGroup,
    DocumentListItem, DocumentReader, DropZone, ExportRequest, FilePicker, LoadErrors,
    PhasesOverview, ReportFacts, ReportList, ReportListItem, TableControls, TrendView, ViewTabs,
};
use crate::app::browser::{self, PickedFile};
use crate::app::demo::{DEMO_DOCUMENTS, DEMO_REPORTS};
use crate::app::state::{Action, AppState, LoadedDocument, MainView};
use crate::core::analysis::compare::DeltaColumn;
use crate::core::analysis::phases::summarize_phases;
use crate::core::analysis::table::{TableColumn, Thresholds};
use crate::core::document::PlanningDocument;
use crate::core::parse::parse_dropped_file;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::with_saved_views(browser::load_table_views()));

    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            for (name, bytes) in DEMO_REPORTS.into_iter().chain(DEMO_DOCUMENTS) {
                dispatcher.dispatch(Action::AddDemoFile {
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
    let on_show_view = {
        let dispatcher = state.dispatcher();
        Callback::from(move |view: MainView| dispatcher.dispatch(Action::ShowView { view }))
    };
    let on_select_document = dispatch_with(|id| Action::SelectDocument { id });
    let on_remove_document = dispatch_with(|id| Action::RemoveDocument { id });
    let on_open_file = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(report_id, path): (u64, String)| {
            dispatcher.dispatch(Action::ShowFileInTable { report_id, path })
        })
    };
    let on_pair = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(before, after): (u64, u64)| {
            dispatcher.dispatch(Action::SetComparisonPair { before, after })
        })
    };
    let on_sort_comparison = {
        let dispatcher = state.dispatcher();
        Callback::from(move |column: DeltaColumn| {
            dispatcher.dispatch(Action::SortComparisonBy { column })
        })
    };
    let on_filter_comparison = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| {
            dispatcher.dispatch(Action::SetComparisonFilter { text })
        })
    };
    let on_only_changed = {
        let dispatcher = state.dispatcher();
        Callback::from(move |only_changed: bool| {
            dispatcher.dispatch(Action::SetComparisonOnlyChanged { only_changed })
        })
    };
    let on_select_compared_file = {
        let dispatcher = state.dispatcher();
        Callback::from(move |path: Option<String>| {
            dispatcher.dispatch(Action::SelectComparisonFile { path })
        })
    };
    let on_export = Callback::from(|request: ExportRequest| match request {
        ExportRequest::CopyToClipboard(text) => {
            wasm_bindgen_futures::spawn_local(async move {
                // When the clipboard is refused, the file download is the fallback.
                if browser::copy_to_clipboard(text.clone()).await.is_err() {
                    let _ =
                        browser::download_text_file("coverage-change.md", "text/markdown", &text);
                }
            });
        }
        ExportRequest::Download {
            file_name,
            mime_type,
            text,
        } => {
            let _ = browser::download_text_file(&file_name, &mime_type, &text);
        }
    });
    let trend_reports: Vec<(String, crate::app::state::SharedReport)> = state
        .reports
        .iter()
        .map(|loaded| (loaded.name.clone(), loaded.report.clone()))
        .collect();
    let report_choices: Vec<(u64, String)> = state
        .reports
        .iter()
        .map(|loaded| (loaded.id, loaded.name.clone()))
        .collect();
    let document_groups = use_memo(state.documents.clone(), |documents| {
        document_list_groups(documents)
    });
    let selected_report_link = state
        .selected_report()
        .map(|loaded| (loaded.id, loaded.report.clone()));

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
                <ViewTabs current={state.view} on_show={on_show_view} />
                <FilePicker on_files={on_files.clone()} />
                <FilePicker on_files={on_files} folder=true />
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
                <aside class="sidebar">
                    <ReportList items={list_items} selected_id={state.selected_report_id}
                        {on_select} {on_remove} />
                    <DocumentList groups={(*document_groups).clone()} selected_id={state.selected_document_id}
                        on_select={on_select_document.clone()} on_remove={on_remove_document} />
                </aside>
                <main class="main-view">
                    if state.is_showing_demo() {
                        <DemoBanner {on_pick_files} />
                    }
                    { match state.view {
                        MainView::Table => match state.selected_report() {
                            Some(selected) => html! {
                                <>
                                    <ReportFacts name={selected.name.clone()} report={selected.report.clone()}
                                        warnings={selected.warnings.clone()} />
                                    <TableControls view={view.clone()} {on_filter} {on_hide_covered} {on_thresholds} />
                                    <div class="table-scroll">
                                        <CoverageTable report={selected.report.clone()} view={view}
                                            highlighted_path={state.highlighted_path.clone()} {on_sort} />
                                    </div>
                                </>
                            },
                            None => html! {
                                <section class="empty-state">
                                    <h2>{ "No coverage report loaded" }</h2>
                                    <p>{ "Drop coverage.json files anywhere on this page, or use Open files." }</p>
                                </section>
                            },
                        },
                        MainView::Documents => match state.selected_document() {
                            Some(selected) => html! {
                                <DocumentReader document={selected.document.clone()} warnings={selected.warnings.clone()}
                                    report={selected_report_link.clone()} on_open_file={on_open_file.clone()} />
                            },
                            None => html! {
                                <section class="empty-state">
                                    <h2>{ "No document loaded" }</h2>
                                    <p>{ "Drop markdown reports or a .planning folder, or use Open folder." }</p>
                                </section>
                            },
                        },
                        MainView::Phases => html! {
                            <PhasesOverview documents={state.documents.clone()} on_select_document={on_select_document} />
                        },
                        MainView::Compare => match state.comparison_reports() {
                            Some((before, after)) => html! {
                                <ComparisonView choices={report_choices}
                                    before={ComparedReport { id: before.id, name: before.name.clone(), report: before.report.clone() }}
                                    after={ComparedReport { id: after.id, name: after.name.clone(), report: after.report.clone() }}
                                    settings={state.comparison.clone()} {on_pair} on_sort={on_sort_comparison}
                                    on_filter={on_filter_comparison} {on_only_changed}
                                    on_select_file={on_select_compared_file} {on_export} />
                            },
                            None => html! {
                                <section class="empty-state">
                                    <h2>{ "Load two reports to compare them" }</h2>
                                    <p>{ "Drop two or more coverage.json snapshots; the two newest are compared, older as before." }</p>
                                </section>
                            },
                        },
                        MainView::Trend => html! { <TrendView reports={trend_reports} /> },
                    } }
                </main>
            </div>
        </DropZone>
    }
}

/// The sidebar's document groups, one per phase in the overview's order.
fn document_list_groups(documents: &[LoadedDocument]) -> Vec<DocumentListGroup> {
    let plain: Vec<&PlanningDocument> =
        documents.iter().map(|loaded| &*loaded.document.0).collect();
    summarize_phases(&plain)
        .into_iter()
        .map(|phase| DocumentListGroup {
            heading: phase
                .phase_id
                .map(|id| format!("Phase {id}"))
                .unwrap_or_else(|| "No phase".to_string()),
            items: phase
                .document_indices
                .iter()
                .filter_map(|&index| documents.get(index))
                .map(|loaded| {
                    let document = &loaded.document.0;
                    DocumentListItem {
                        id: loaded.id,
                        file_name: document.file_name.clone(),
                        path: document.path.clone(),
                        kind_key: document.kind.key(),
                        kind_label: document.kind.key().to_string(),
                        has_warnings: !loaded.warnings.is_empty(),
                        is_demo: loaded.is_demo,
                    }
                })
                .collect(),
        })
        .collect()
}
