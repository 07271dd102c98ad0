//! The root component: owns the reducer, runs the app's effects, and hands each part of
//! the page its slice of the state and the one dispatcher.
use yew::prelude::*;

use super::agreement::AgreementPage;
use super::compare::{ComparePage, TrendView};
use super::documents::{patch_choices, report_choices, DocumentsPage, PhasesOverview};
use super::functions::FunctionsPage;
use super::patch::PatchPage;
use super::share::SharePanel;
use super::shell::{DemoBanner, DropZone, Header, KeyboardHelp, LoadStatus, Sidebar};
use super::source::SourcePage;
use super::table::TablePage;
use super::tree::TreePage;
use crate::app::derived::{use_folder_tree, use_open_file_marks, use_table_data};
use crate::app::effects::address::use_address_sync;
use crate::app::effects::shortcuts::{
    use_shortcuts, ShownForKeys, SourceNavigation, TableNavigation,
};
use crate::app::effects::start_up::use_start_up;
use crate::app::effects::storage::{initial_state, use_saved_settings};
use crate::app::loading;
use crate::app::state::{Action, DocumentAction, MainView, ViewAction};

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    // The one dispatcher, made once: components reform it into their callbacks.
    let dispatch = (*use_memo((), {
        let dispatcher = state.dispatcher();
        move |_| Callback::from(move |action: Action| dispatcher.dispatch(action))
    }))
    .clone();
    use_start_up(&dispatch);
    use_address_sync(&state, &dispatch);
    use_saved_settings(&state);

    let view = state.selected_table_view();
    let selected = state.selected_report().cloned();
    let table = use_table_data(
        selected.as_ref().map(|loaded| loaded.report.clone()),
        selected
            .as_ref()
            .and_then(|loaded| loaded.table_index.clone()),
        view.clone(),
    );
    let selected_report = selected.as_ref().map(|loaded| loaded.report.clone());
    let code_shown = matches!(state.view.main, MainView::Tree | MainView::Source);
    let tree = use_folder_tree(selected_report.clone(), code_shown);
    let open_marks = use_open_file_marks(
        selected_report.clone(),
        state.code.source.as_ref().map(|source| source.path.clone()),
    );
    let table_shown = selected.zip(table);
    use_shortcuts(
        &dispatch,
        ShownForKeys {
            table: match (state.view.main, &table_shown) {
                (MainView::Table, Some((selected, table))) => Some(TableNavigation {
                    report: selected.report.clone(),
                    table: table.clone(),
                    active_path: state.tables.active_path.clone(),
                }),
                _ => None,
            },
            source: match (state.view.main, &open_marks) {
                (MainView::Source, Some(open)) => Some(SourceNavigation {
                    marks: open.marks.clone(),
                    line: state.code.source.as_ref().and_then(|source| source.line),
                }),
                _ => None,
            },
        },
    );

    let on_drop = {
        let dispatch = dispatch.clone();
        Callback::from(move |dropped| loading::load_dropped(dropped, &dispatch))
    };
    let page = match state.view.main {
        MainView::Table => html! {
            <TablePage shown={table_shown} view={view}
                active_path={state.tables.active_path.clone()} dispatch={dispatch.clone()} />
        },
        MainView::Documents => html! {
            <DocumentsPage document={state.selected_document().cloned()} reports={state.reports.clone()}
                patches={patch_choices(&state.patch)}
                claims={state.claims.clone()} dispatch={dispatch.clone()} />
        },
        MainView::Phases => html! {
            <PhasesOverview documents={state.documents.items.clone()} reports={report_choices(&state.reports)}
                patches={patch_choices(&state.patch)} selected_report_id={state.reports.selected_id}
                claims_report_choice={state.claims.report_choice}
                on_select_document={dispatch.reform(|id| DocumentAction::Select { id }.into())} />
        },
        MainView::Compare => html! {
            <ComparePage reports={state.reports.clone()}
                pair={state.comparison_reports().map(|(before, after)| (before.clone(), after.clone()))}
                settings={state.comparison.clone()} dispatch={dispatch.clone()} />
        },
        MainView::Tree => html! {
            <TreePage shown={selected_report.clone().zip(tree)} code={state.code.clone()}
                thresholds={view.thresholds} dispatch={dispatch.clone()} />
        },
        MainView::Functions => html! {
            <FunctionsPage report={selected_report.clone()} code={state.code.clone()}
                thresholds={view.thresholds} dispatch={dispatch.clone()} />
        },
        MainView::Source => html! {
            <SourcePage report={state.selected_report().cloned()} marks={open_marks.clone()}
                code={state.code.clone()} sources={state.sources.clone()} dispatch={dispatch.clone()} />
        },
        MainView::Trend => html! {
            // Like with like: the trend runs through the reports of the selected one's format.
            <TrendView reports={state.reports.items.iter()
                .filter(|loaded| state.selected_report()
                    .is_none_or(|selected| selected.report.0.facts.format == loaded.report.0.facts.format))
                .map(|loaded| (loaded.name.clone(), loaded.report.clone())).collect::<Vec<_>>()} />
        },
        MainView::Patch => html! {
            <PatchPage settings={state.patch.clone()} reports={state.reports.clone()}
                report={state.selected_report().cloned()} baseline={state.patch_baseline().cloned()}
                dispatch={dispatch.clone()} />
        },
        MainView::Agreement => html! {
            <AgreementPage reports={state.reports.clone()}
                pair={state.agreement_reports().map(|(left, right)| (left.clone(), right.clone()))}
                dispatch={dispatch.clone()} />
        },
    };
    html! {
        <DropZone {on_drop}>
            <Header view={state.view.main} theme={state.view.theme} dispatch={dispatch.clone()} />
            if state.view.keyboard_help_open {
                <KeyboardHelp on_close={dispatch.reform(|()| ViewAction::CloseKeyboardHelp.into())} />
            }
            <LoadStatus loading={state.loading.clone()} dispatch={dispatch.clone()} />
            if let Some(panel) = &state.share.panel {
                <SharePanel panel={panel.clone()} dispatch={dispatch.clone()} />
            }
            <div class="layout">
                <Sidebar reports={state.reports.clone()} documents={state.documents.clone()}
                    combine_chosen={state.combining.chosen.clone()}
                    dispatch={dispatch.clone()} />
                <main class="main-view">
                    if state.is_showing_demo() {
                        <DemoBanner on_pick_files={Callback::from(|()| loading::open_file_picker())} />
                    }
                    { page }
                </main>
            </div>
        </DropZone>
    }
}
