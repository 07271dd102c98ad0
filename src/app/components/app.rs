//! The root component: owns the reducer and wires browser events to actions.
use std::cell::RefCell;

use yew::prelude::*;

use super::{
    use_table_data, ComparedReport, ComparisonView, CoverageTable, DemoBanner, DocumentList,
    DocumentListGroup, DocumentListItem, DocumentReader, DropZone, ExportRequest, FilePicker,
    KeyboardHelp, LoadErrors, LoadProgressBar, PhasesOverview, ReportFacts, ReportList,
    ReportListItem, SharePanel, TableControls, TableData, ThemeToggle, TrendView, ViewTabs,
};
use crate::app::browser::{self, PickedFile};
use crate::app::loading;
use crate::app::state::{
    Action, AppState, ClaimsAction, ComparisonAction, DocumentAction, LoadAction, LoadOrigin,
    LoadedDocument, MainView, ReportAction, ShareAction, SharePanel as SharePanelState,
    SharedReport, TableAction, ThemeChoice, ViewAction,
};
use crate::core::analysis::compare::DeltaColumn;
use crate::core::analysis::phases::summarize_phases;
use crate::core::analysis::table::{TableColumn, Thresholds};
use crate::core::document::PlanningDocument;
use crate::core::input::parse_dropped_file;
use crate::core::model::CoverageReport;
use crate::core::share::{
    decode_share_fragment, decode_view_fragment, describe_share_size, encode_share_fragment,
    encode_view_fragment, fits_in_share_link, ViewState,
};
use crate::core::text::ParseOutcome;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let theme = browser::load_theme_key()
            .map(|key| ThemeChoice::from_key(&key))
            .unwrap_or_default();
        AppState::with_saved_views(browser::load_table_views()).with_theme(theme)
    });

    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| start_up(dispatcher));
    }
    {
        // The address follows the view once start-up has read whatever it carried. It is
        // updated in a task of its own, right after the one that rendered the change: a
        // filter keystroke shows its rows first, and encoding the view and the history
        // call (over a millisecond on a large table) come after.
        let last_navigation = use_mut_ref(|| None::<NavigationKey>);
        let pending_update = use_mut_ref(|| None::<browser::SoonTask>);
        let shared_reports = state.share.keep_data_in_address.then(|| {
            state
                .reports
                .items
                .iter()
                .map(|loaded| (loaded.name.clone(), loaded.report.clone()))
                .collect::<Vec<_>>()
        });
        use_effect_with(
            (state.share.started, state.view_state(), shared_reports),
            move |(started, view, shared_reports)| {
                if *started {
                    let (view, shared_reports) = (view.clone(), shared_reports.clone());
                    // A newer update replaces one not yet run, which cancels it.
                    *pending_update.borrow_mut() = Some(browser::run_soon(move || {
                        update_address(&view, shared_reports.as_deref(), &last_navigation)
                    }));
                }
            },
        );
    }
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = browser::listen_for_fragment_changes(move |fragment| {
                if let Some(view) = decode_view_fragment(&fragment).value {
                    dispatcher.dispatch(Action::ApplyViewState { view });
                }
            });
            move || drop(listener)
        });
    }
    {
        // Saved in a task of its own, after the keystroke's rows are shown (see the
        // address above); a newer save replaces one not yet run.
        let pending_save = use_mut_ref(|| None::<browser::SoonTask>);
        use_effect_with(state.tables.views.clone(), move |views| {
            let views = views.clone();
            *pending_save.borrow_mut() =
                Some(browser::run_soon(move || browser::save_table_views(&views)));
        });
    }
    let view = state.selected_table_view();
    let table = use_table_data(
        state
            .selected_report()
            .map(|selected| selected.report.clone()),
        view.clone(),
    );
    // What j and k step through: the table as shown now, read by the shortcut listener
    // (registered once) at the moment a key is pressed.
    let table_navigation = use_mut_ref(|| None::<TableNavigation>);
    *table_navigation.borrow_mut() = match (state.view.main, state.selected_report(), &table) {
        (MainView::Table, Some(selected), Some(table)) => Some(TableNavigation {
            report: selected.report.clone(),
            table: table.clone(),
            active_path: state.tables.active_path.clone(),
        }),
        _ => None,
    };
    use_effect_with(state.view.theme, |theme| {
        browser::apply_theme_attribute(theme.key());
        browser::save_theme_key(theme.key());
    });
    {
        let dispatcher = state.dispatcher();
        let table_navigation = table_navigation.clone();
        use_effect_with((), move |_| {
            let listener = browser::listen_for_shortcuts(move |key| match key.as_str() {
                "/" => browser::focus_by_test_id("filter-input"),
                "]" => dispatcher.dispatch(Action::Report(ReportAction::SelectNext)),
                "[" => dispatcher.dispatch(Action::Report(ReportAction::SelectPrevious)),
                "j" => step_active_row(&table_navigation, &dispatcher, 1),
                "k" => step_active_row(&table_navigation, &dispatcher, -1),
                "s" => dispatcher.dispatch(Action::Table(TableAction::SortByNextColumn)),
                "S" => dispatcher.dispatch(Action::Table(TableAction::ReverseSort)),
                "t" => dispatcher.dispatch(Action::View(ViewAction::CycleTheme)),
                "?" => dispatcher.dispatch(Action::View(ViewAction::OpenKeyboardHelp)),
                _ => {}
            });
            move || drop(listener)
        });
    }

    // Made once: callbacks that only dispatch never change, so the components they go to
    // are not rendered again when something unrelated to them changes (a filter keystroke
    // re-renders the table and its controls, not the header and the sidebar).
    let callbacks = use_memo((), {
        let dispatcher = state.dispatcher();
        move |_| AppCallbacks::new(&dispatcher)
    });
    let AppCallbacks {
        on_files,
        on_cancel_loading,
        on_drop,
        on_select,
        on_remove,
        on_dismiss_error,
        on_sort,
        on_activate_row,
        on_filter,
        on_hide_covered,
        on_thresholds,
        on_pick_files,
        on_show_view,
        on_select_document,
        on_remove_document,
        on_open_file,
        on_pair,
        on_sort_comparison,
        on_filter_comparison,
        on_only_changed,
        on_select_compared_file,
        on_export,
        on_close_share,
        on_theme,
        on_open_help,
        on_close_help,
        on_copy_link,
        on_choose_claims_report,
        on_claims_mismatches_only,
    } = (*callbacks).clone();
    let on_share = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let panel = share_panel_for(&state);
            state.dispatch(Action::Share(ShareAction::OpenPanel { panel }));
        })
    };
    let on_download_standalone = {
        let state = state.clone();
        Callback::from(move |()| download_standalone(&state))
    };
    let trend_reports: Vec<(String, crate::app::state::SharedReport)> = state
        .reports
        .items
        .iter()
        .map(|loaded| (loaded.name.clone(), loaded.report.clone()))
        .collect();
    let report_choices: Vec<(u64, String)> = state
        .reports
        .items
        .iter()
        .map(|loaded| (loaded.id, loaded.name.clone()))
        .collect();
    let reader_reports: Vec<(u64, String, crate::app::state::SharedReport)> = state
        .reports
        .items
        .iter()
        .map(|loaded| (loaded.id, loaded.name.clone(), loaded.report.clone()))
        .collect();
    let document_groups = use_memo(state.documents.items.clone(), |documents| {
        document_list_groups(documents)
    });
    let list_items: Vec<ReportListItem> = state
        .reports
        .items
        .iter()
        .map(|loaded| ReportListItem {
            id: loaded.id,
            name: loaded.name.clone(),
            coverage_display: loaded.report.0.total_coverage.display.clone(),
            is_demo: loaded.is_demo,
        })
        .collect();

    html! {
        <DropZone {on_drop}>
            <header class="app-header">
                <h1 class="app-name">{ "Covscope" }</h1>
                <ViewTabs current={state.view.main} on_show={on_show_view} />
                <button type="button" class="nav-button share-button" data-testid="share-button"
                    onclick={on_share}>{ "Share" }</button>
                <FilePicker on_files={on_files.clone()} />
                <FilePicker on_files={on_files} folder=true />
                <ThemeToggle theme={state.view.theme} on_change={on_theme} />
                <button type="button" class="nav-button help-button" data-testid="keyboard-help-button"
                    aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onclick={on_open_help}>
                    { "?" }
                </button>
            </header>
            if state.view.keyboard_help_open {
                <KeyboardHelp on_close={on_close_help} />
            }
            if state.loading.files_in_flight > 0 {
                <LoadProgressBar files_in_flight={state.loading.files_in_flight}
                    progress={state.loading.overall_progress()} on_cancel={on_cancel_loading} />
            }
            <LoadErrors errors={state.loading.errors.clone()} on_dismiss={on_dismiss_error} />
            if let Some(panel) = &state.share.panel {
                <SharePanel panel={panel.clone()} {on_copy_link} {on_download_standalone}
                    on_close={on_close_share} />
            }
            <div class="layout">
                <aside class="sidebar">
                    <ReportList items={list_items} selected_id={state.reports.selected_id}
                        {on_select} {on_remove} />
                    <DocumentList groups={(*document_groups).clone()} selected_id={state.documents.selected_id}
                        on_select={on_select_document.clone()} on_remove={on_remove_document} />
                </aside>
                <main class="main-view">
                    if state.is_showing_demo() {
                        <DemoBanner {on_pick_files} />
                    }
                    { match state.view.main {
                        MainView::Table => match (state.selected_report(), table) {
                            (Some(selected), Some(table)) => html! {
                                <>
                                    <ReportFacts name={selected.name.clone()} report={selected.report.clone()}
                                        warnings={selected.warnings.clone()} />
                                    <TableControls view={view.clone()} {on_filter} {on_hide_covered} {on_thresholds} />
                                    <CoverageTable report={selected.report.clone()} {table} view={view}
                                        active_path={state.tables.active_path.clone()} {on_sort}
                                        on_activate={on_activate_row} />
                                </>
                            },
                            _ => html! {
                                <section class="empty-state">
                                    <h2>{ "No coverage report loaded" }</h2>
                                    <p>{ "Drop coverage.json files anywhere on this page, or use Open files." }</p>
                                </section>
                            },
                        },
                        MainView::Documents => match state.selected_document() {
                            Some(selected) => html! {
                                <DocumentReader document={selected.document.clone()} warnings={selected.warnings.clone()}
                                    reports={reader_reports.clone()} selected_report_id={state.reports.selected_id}
                                    claims_report_choice={state.claims.report_choice}
                                    claims_mismatches_only={state.claims.mismatches_only}
                                    on_open_file={on_open_file.clone()}
                                    on_choose_claims_report={on_choose_claims_report.clone()}
                                    on_claims_mismatches_only={on_claims_mismatches_only.clone()} />
                            },
                            None => html! {
                                <section class="empty-state">
                                    <h2>{ "No document loaded" }</h2>
                                    <p>{ "Drop markdown reports or a .planning folder, or use Open folder." }</p>
                                </section>
                            },
                        },
                        MainView::Phases => html! {
                            <PhasesOverview documents={state.documents.items.clone()} reports={reader_reports.clone()}
                                selected_report_id={state.reports.selected_id}
                                claims_report_choice={state.claims.report_choice}
                                on_select_document={on_select_document} />
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

/// The callbacks the app hands to its components, made once (see `App`).
#[derive(Clone)]
struct AppCallbacks {
    on_files: Callback<Vec<PickedFile>>,
    on_cancel_loading: Callback<()>,
    on_drop: Callback<browser::DroppedItems>,
    on_select: Callback<u64>,
    on_remove: Callback<u64>,
    on_dismiss_error: Callback<u64>,
    on_sort: Callback<TableColumn>,
    on_activate_row: Callback<String>,
    on_filter: Callback<String>,
    on_hide_covered: Callback<bool>,
    on_thresholds: Callback<Thresholds>,
    on_pick_files: Callback<()>,
    on_show_view: Callback<MainView>,
    on_select_document: Callback<u64>,
    on_remove_document: Callback<u64>,
    on_open_file: Callback<(u64, String)>,
    on_pair: Callback<(u64, u64)>,
    on_sort_comparison: Callback<DeltaColumn>,
    on_filter_comparison: Callback<String>,
    on_only_changed: Callback<bool>,
    on_select_compared_file: Callback<Option<String>>,
    on_export: Callback<ExportRequest>,
    on_close_share: Callback<()>,
    on_theme: Callback<ThemeChoice>,
    on_open_help: Callback<MouseEvent>,
    on_close_help: Callback<()>,
    on_copy_link: Callback<String>,
    on_choose_claims_report: Callback<Option<u64>>,
    on_claims_mismatches_only: Callback<bool>,
}

impl AppCallbacks {
    fn new(dispatcher: &UseReducerDispatcher<AppState>) -> AppCallbacks {
        let on_files = {
            let dispatcher = dispatcher.clone();
            Callback::from(move |files: Vec<PickedFile>| {
                loading::load_files(files, dispatcher.clone())
            })
        };
        let on_cancel_loading = {
            let dispatcher = dispatcher.clone();
            Callback::from(move |()| loading::cancel_loading(&dispatcher))
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
        AppCallbacks {
            on_files,
            on_cancel_loading,
            on_drop,
            on_select: dispatching(dispatcher, |id| Action::Report(ReportAction::Select { id })),
            on_remove: dispatching(dispatcher, |id| Action::Report(ReportAction::Remove { id })),
            on_dismiss_error: dispatching(dispatcher, |id| {
                Action::Load(LoadAction::DismissError { id })
            }),
            on_sort: dispatching(dispatcher, |column| {
                Action::Table(TableAction::SortBy { column })
            }),
            on_activate_row: dispatching(dispatcher, |path| {
                Action::Table(TableAction::ActivateRow { path })
            }),
            on_filter: dispatching(dispatcher, |text| {
                Action::Table(TableAction::SetFilter { text })
            }),
            on_hide_covered: dispatching(dispatcher, |hide| {
                Action::Table(TableAction::SetHideCovered { hide })
            }),
            on_thresholds: dispatching(dispatcher, |thresholds| {
                Action::Table(TableAction::SetThresholds { thresholds })
            }),
            on_pick_files: Callback::from(|()| browser::open_file_picker()),
            on_show_view: dispatching(dispatcher, |view| Action::View(ViewAction::Show { view })),
            on_select_document: dispatching(dispatcher, |id| {
                Action::Document(DocumentAction::Select { id })
            }),
            on_remove_document: dispatching(dispatcher, |id| {
                Action::Document(DocumentAction::Remove { id })
            }),
            on_open_file: dispatching(dispatcher, |(report_id, path)| Action::ShowFileInTable {
                report_id,
                path,
            }),
            on_pair: dispatching(dispatcher, |(before, after)| {
                Action::Comparison(ComparisonAction::SetPair { before, after })
            }),
            on_sort_comparison: dispatching(dispatcher, |column| {
                Action::Comparison(ComparisonAction::SortBy { column })
            }),
            on_filter_comparison: dispatching(dispatcher, |text| {
                Action::Comparison(ComparisonAction::SetFilter { text })
            }),
            on_only_changed: dispatching(dispatcher, |only_changed| {
                Action::Comparison(ComparisonAction::SetOnlyChanged { only_changed })
            }),
            on_select_compared_file: dispatching(dispatcher, |path| {
                Action::Comparison(ComparisonAction::SelectFile { path })
            }),
            on_export: Callback::from(export),
            on_close_share: dispatching(dispatcher, |()| Action::Share(ShareAction::ClosePanel)),
            on_theme: dispatching(dispatcher, |theme| {
                Action::View(ViewAction::SetTheme { theme })
            }),
            on_open_help: dispatching(dispatcher, |_: MouseEvent| {
                Action::View(ViewAction::OpenKeyboardHelp)
            }),
            on_close_help: dispatching(dispatcher, |()| {
                Action::View(ViewAction::CloseKeyboardHelp)
            }),
            on_copy_link: Callback::from(|link: String| {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = browser::copy_to_clipboard(link).await;
                });
            }),
            on_choose_claims_report: dispatching(dispatcher, |report_id| {
                Action::Claims(ClaimsAction::ChooseReport { report_id })
            }),
            on_claims_mismatches_only: dispatching(dispatcher, |only| {
                Action::Claims(ClaimsAction::SetMismatchesOnly { only })
            }),
        }
    }
}

/// Copies or saves what the comparison view exported.
fn export(request: ExportRequest) {
    match request {
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
    }
}

/// The table as shown, for the j and k shortcuts.
struct TableNavigation {
    report: SharedReport,
    table: TableData,
    active_path: Option<String>,
}

/// Makes the row `step` rows from the active one active (the first row when none is).
///
/// The new active row is also noted in `navigation` at once: keys pressed faster than the
/// page renders then each move on from the row the previous one reached.
fn step_active_row(
    navigation: &RefCell<Option<TableNavigation>>,
    dispatcher: &UseReducerDispatcher<AppState>,
    step: isize,
) {
    let target = {
        let mut navigation = navigation.borrow_mut();
        let Some(navigation) = navigation.as_mut() else {
            return;
        };
        let target = navigation.table.neighbour_path(
            &navigation.report,
            navigation.active_path.as_deref(),
            step,
        );
        navigation.active_path = target.clone().or(navigation.active_path.take());
        target
    };
    // The borrow ends first: dispatching may render the app, which updates `navigation`.
    if let Some(path) = target {
        dispatcher.dispatch(Action::Table(TableAction::ActivateRow { path }));
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

/// Puts the view in the address: a new history entry when the navigation changed, else
/// the current entry in place.
fn update_address(
    view: &ViewState,
    shared_reports: Option<&[(String, SharedReport)]>,
    last_navigation: &RefCell<Option<NavigationKey>>,
) {
    let fragment = address_fragment(view, shared_reports);
    let navigation = navigation_key(view);
    if fragment != browser::location_fragment() {
        let new_entry = last_navigation
            .borrow()
            .as_ref()
            .is_some_and(|last| *last != navigation);
        browser::set_location_fragment(&fragment, new_entry);
    }
    // Remembered even when the address already matches (after Back or Forward), so the
    // next move is compared with the view now shown.
    *last_navigation.borrow_mut() = Some(navigation);
}

/// The parts of a view that make a new history entry when they change; other changes
/// (filter text, sort) update the current entry in place.
type NavigationKey = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<(String, String)>,
);

fn navigation_key(view: &ViewState) -> NavigationKey {
    (
        view.current_view.clone(),
        view.selected_report.clone(),
        view.selected_document.clone(),
        view.comparison.clone(),
    )
}

/// The fragment for the address bar: the view, plus the reports when the page was opened
/// from data (so a reload brings them back) and they still fit in a link.
fn address_fragment(
    view: &ViewState,
    shared_reports: Option<&[(String, crate::app::state::SharedReport)]>,
) -> String {
    if let Some(reports) = shared_reports {
        let plain: Vec<(&str, &CoverageReport)> = reports
            .iter()
            .map(|(name, report)| (name.as_str(), &*report.0))
            .collect();
        if let Ok(encoded) = encode_share_fragment(view, &plain) {
            if fits_in_share_link(&encoded) {
                return encoded.fragment;
            }
        }
    }
    encode_view_fragment(view)
}

/// Queues everything the page starts with: data of a standalone file or a share link,
/// `?src=` addresses, or else the demo; then lets the address follow the view.
fn start_up(dispatcher: UseReducerDispatcher<AppState>) {
    // A standalone file carries its reports inside; its address may hold a newer view
    // (the person filtered, then reloaded), and a link's fragment may carry data of its own.
    let embedded = browser::embedded_share_data().map(|text| decode_share_fragment(&text));
    let fragment = browser::location_fragment();
    let from_address = (!fragment.is_empty()).then(|| decode_share_fragment(&fragment));
    let sources = browser::source_addresses();
    let mut has_data = !sources.is_empty();
    let mut reports = Vec::new();
    let mut view = None;
    let mut problems = Vec::new();
    for outcome in [embedded, from_address].into_iter().flatten() {
        if let Some(problem) = outcome.first_error() {
            problems.push(problem.to_string());
        }
        if let Some(payload) = outcome.value {
            if !payload.reports.is_empty() {
                reports = payload.reports;
            }
            view = Some(payload.view);
        }
    }
    for problem in problems {
        dispatcher.dispatch(Action::Load(LoadAction::Start {
            file_count: 1,
            origin: LoadOrigin::Person,
        }));
        dispatcher.dispatch(Action::Load(LoadAction::Finish {
            file_name: "the link".to_string(),
            outcome: ParseOutcome::failure(problem),
            origin: LoadOrigin::Person,
        }));
    }
    let mut pending_view = None;
    if !reports.is_empty() {
        has_data = true;
        dispatcher.dispatch(Action::Load(LoadAction::Shared {
            reports,
            view: view.unwrap_or_default(),
        }));
    } else {
        pending_view = view;
    }
    if !sources.is_empty() {
        dispatcher.dispatch(Action::Load(LoadAction::Start {
            file_count: sources.len(),
            origin: LoadOrigin::Person,
        }));
        for address in sources {
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let file_name = address
                    .split(['?', '#'])
                    .next()
                    .and_then(|path| path.rsplit('/').next())
                    .filter(|name| !name.is_empty())
                    .unwrap_or("download.json")
                    .to_string();
                let outcome = match browser::fetch_bytes(&address).await {
                    Ok(bytes) => parse_dropped_file(&file_name, &bytes),
                    Err(reason) => {
                        ParseOutcome::failure(format!("could not load {address}: {reason}"))
                    }
                };
                dispatcher.dispatch(Action::Load(LoadAction::Finish {
                    file_name,
                    outcome,
                    origin: LoadOrigin::Person,
                }));
            });
        }
    }
    if has_data {
        finish_start_up(&dispatcher, pending_view);
        return;
    }
    // The demo is served beside the app (or carried by the single-file page) and arrives
    // later; a view from the address applies once it is there, since it names its reports.
    wasm_bindgen_futures::spawn_local(async move {
        // Without the demo the page starts empty, which is still a working start.
        for file in browser::load_demo_files().await.unwrap_or_default() {
            let outcome = parse_dropped_file(&file.name, &file.bytes);
            dispatcher.dispatch(Action::Load(LoadAction::Finish {
                file_name: file.name,
                outcome,
                origin: LoadOrigin::Demo,
            }));
        }
        finish_start_up(&dispatcher, pending_view);
    });
}

/// Applies the view the address carried, then lets the address follow the view.
fn finish_start_up(dispatcher: &UseReducerDispatcher<AppState>, pending_view: Option<ViewState>) {
    if let Some(view) = pending_view {
        dispatcher.dispatch(Action::ApplyViewState { view });
    }
    dispatcher.dispatch(Action::FinishStartup);
    // Large files dropped from now on are parsed by a worker that is already warm.
    browser::prepare_spare_parse_worker();
}

/// Encodes the loaded reports and the view; says why when they cannot travel in a link.
fn share_panel_for(state: &AppState) -> SharePanelState {
    match encode_share_fragment(&state.view_state(), &state.reports_to_share()) {
        Ok(encoded) => {
            let message = describe_share_size(&encoded);
            let link = fits_in_share_link(&encoded).then(|| {
                format!(
                    "{}#{}",
                    browser::page_address_without_fragment(),
                    encoded.fragment
                )
            });
            SharePanelState {
                link,
                message: capitalized(&message),
                standalone_note: None,
            }
        }
        Err(problem) => SharePanelState {
            link: None,
            message: format!(
                "These reports cannot travel in a link ({problem}); share the standalone file instead."
            ),
            standalone_note: None,
        },
    }
}

/// Saves one HTML file with the app and the loaded reports inside.
fn download_standalone(state: &UseReducerHandle<AppState>) {
    let dispatcher = state.dispatcher();
    let encoded = match encode_share_fragment(&state.view_state(), &state.reports_to_share()) {
        Ok(encoded) => encoded,
        Err(problem) => {
            dispatcher.dispatch(Action::Share(ShareAction::SetStandaloneNote {
                note: Some(format!("The standalone file could not be made: {problem}")),
            }));
            return;
        }
    };
    dispatcher.dispatch(Action::Share(ShareAction::SetStandaloneNote {
        note: Some("Preparing the standalone file…".to_string()),
    }));
    wasm_bindgen_futures::spawn_local(async move {
        let note = match browser::single_file_app_html().await {
            Ok(app_html) => {
                let html = browser::embed_share_data(&app_html, &encoded.fragment);
                match browser::download_text_file("covscope-standalone.html", "text/html", &html) {
                    Ok(()) => {
                        "Saved covscope-standalone.html: open it from disk, no network needed."
                            .to_string()
                    }
                    Err(problem) => format!("The standalone file could not be saved: {problem}"),
                }
            }
            Err(problem) => format!("The standalone file could not be made: {problem}"),
        };
        dispatcher.dispatch(Action::Share(ShareAction::SetStandaloneNote {
            note: Some(note),
        }));
    });
}

fn capitalized(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

/// A callback that turns what a component emits into one action for the reducer.
fn dispatching<T: 'static>(
    dispatcher: &UseReducerDispatcher<AppState>,
    make_action: impl Fn(T) -> Action + 'static,
) -> Callback<T> {
    let dispatcher = dispatcher.clone();
    Callback::from(move |value: T| dispatcher.dispatch(make_action(value)))
}
