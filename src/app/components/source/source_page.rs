//! The source view of the open file: where its text comes from (the report, a dropped
//! file, a base address), whether the text fits the report, the file's figures, and the
//! marked lines with the details of the chosen one.
use std::rc::Rc;

use yew::prelude::*;

use super::{contexts_panel, line_details, SourceView};
use crate::app::components::shell::empty_state;
use crate::app::derived::OpenFileMarks;
use crate::app::effects::code_sources::{use_file_contexts, use_highlighting, use_source_fetch};
use crate::app::state::{
    Action, CodeAction, CodeSettings, FetchedSource, LoadedReport, SharedText, SourceLibrary,
};
use crate::core::analysis::source_lines::{source_fit, LineStatus};
use crate::core::analysis::source_origin::{choose_source, SourceOrigin};
use crate::core::analysis::source_text::split_source_lines;
use crate::core::input::source_language_of;
use crate::core::model::CoverageFormat;

#[derive(Properties, PartialEq)]
pub struct SourcePageProps {
    pub report: Option<LoadedReport>,
    /// The open file's marks, when the report has the open file.
    pub marks: Option<OpenFileMarks>,
    pub code: CodeSettings,
    pub sources: SourceLibrary,
    pub dispatch: Callback<Action>,
}

/// The text of the open file, or why there is none.
enum SourceText {
    Ready(SharedText),
    Waiting(String),
    Unavailable(String),
}

#[function_component]
pub fn SourcePage(props: &SourcePageProps) -> Html {
    let open = props.code.source.clone();
    let (report, open, marks) = match (&props.report, open, &props.marks) {
        (Some(report), Some(open), Some(marks)) => (report, open, marks),
        (Some(_), Some(open), None) => {
            return html! {
                <section class="source-page" data-testid="source-view" data-path={open.path.clone()}>
                    <p class="source-problem" data-testid="source-problem">
                        { format!("The selected report has no file {}.", open.path) }
                    </p>
                </section>
            };
        }
        _ => {
            return empty_state(
                "No file open",
                "Open a file from the coverage table, the folder tree or the functions index to see its lines.",
            );
        }
    };
    let file = &report.report.0.files[marks.file_index as usize];
    let origin = use_memo(
        (
            report.report.clone(),
            marks.file_index,
            props.sources.files.clone(),
            props.sources.base_address.clone(),
        ),
        |(report, file_index, files, base)| {
            choose_source(
                &report.0.files[*file_index as usize],
                files.iter().map(|file| file.path.as_str()),
                base.as_deref(),
            )
        },
    );
    let address = match &*origin {
        SourceOrigin::Address { address } => Some(address.clone()),
        _ => None,
    };
    let fetched = address
        .as_ref()
        .and_then(|address| props.sources.fetched.get(address));
    use_source_fetch(address.clone(), fetched.is_some(), &props.dispatch);
    // The report's own copy of the text, shared once per file: a new copy on every render
    // would count as a new text, to be split and coloured again.
    let embedded_text = use_memo(
        (report.report.clone(), marks.file_index),
        |(report, file_index)| {
            crate::app::state::Shared(Rc::new(
                report.0.files[*file_index as usize]
                    .embedded_source
                    .clone()
                    .unwrap_or_default(),
            ))
        },
    );
    let text = match &*origin {
        SourceOrigin::Embedded => SourceText::Ready((*embedded_text).clone()),
        SourceOrigin::Dropped { index } => SourceText::Ready(props.sources.files[*index].text.clone()),
        SourceOrigin::Ambiguous { candidates } => SourceText::Unavailable(format!(
            "Several dropped files fit the report's path {}, so none is shown: {}. Drop only the project the report measured.",
            file.path,
            candidates
                .iter()
                .map(|&index| props.sources.files[index].path.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        SourceOrigin::Address { address } => match fetched {
            Some(FetchedSource::Text(text)) => SourceText::Ready(text.clone()),
            Some(FetchedSource::Failed(reason)) => SourceText::Unavailable(reason.clone()),
            Some(FetchedSource::Pending) | None => SourceText::Waiting(format!("Fetching {address}…")),
        },
        SourceOrigin::AddressUnusable { reason } => SourceText::Unavailable(format!(
            "The source cannot be fetched: {reason}."
        )),
        SourceOrigin::Missing => SourceText::Unavailable(format!(
            "Covscope has no source for {}. Drop the project folder (or the file) on this page, or open the page with ?source=<address of the sources at the measured commit>.",
            file.path
        )),
    };
    let ready_text = match &text {
        SourceText::Ready(text) => Some(text.clone()),
        _ => None,
    };
    let lines = use_memo(ready_text.clone(), |text| {
        Rc::new(
            text.as_ref()
                .map(|text| split_source_lines(&text.0))
                .unwrap_or_default(),
        )
    });
    // Formats that count every physical line (V8-based Istanbul reports) mark blank
    // lines too; only statement-measuring formats have them held against the text.
    let marks_every_line = report.report.0.facts.format != CoverageFormat::CoveragePy;
    let misfit = use_memo(
        (ready_text.clone(), marks.clone(), marks_every_line),
        |(text, marks, marks_every_line)| {
            text.as_ref()
                .and_then(|text| source_fit(&marks.marks, &text.0, *marks_every_line))
        },
    );
    let language = source_language_of(&file.path);
    let highlighting = use_highlighting(ready_text.clone(), language, lines.len());
    let contexts = use_file_contexts(
        report
            .report
            .0
            .facts
            .has_contexts
            .then(|| report.loaded_as.clone()),
        open.path.clone(),
    );

    let dispatch = &props.dispatch;
    let on_choose_line =
        dispatch.reform(|line: u64| CodeAction::ChooseLine { line: Some(line) }.into());
    let gap_count = marks
        .marks
        .iter()
        .filter(|mark| mark.status.is_gap())
        .count();
    let missed = marks
        .marks
        .iter()
        .filter(|mark| mark.status == LineStatus::Miss)
        .count();
    let partial = gap_count - missed;
    let step = |forward: bool| {
        let (dispatch, marks, line) = (dispatch.clone(), marks.marks.clone(), open.line);
        Callback::from(move |_: MouseEvent| {
            if let Some(line) = marks.gap_from(line, forward) {
                dispatch.emit(CodeAction::ChooseLine { line: Some(line) }.into());
            }
        })
    };
    let functions_of_file = {
        let (dispatch, path) = (dispatch.clone(), open.path.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(
                CodeAction::NarrowRegionsToFile {
                    path: Some(path.clone()),
                }
                .into(),
            );
            dispatch.emit(
                crate::app::state::ViewAction::Show {
                    view: crate::app::state::MainView::Functions,
                }
                .into(),
            );
        })
    };
    let body = match (&text, &*misfit) {
        (SourceText::Waiting(message), _) => {
            html! { <p class="source-problem" data-testid="source-waiting">{ message }</p> }
        }
        (SourceText::Unavailable(message), _) => {
            html! { <p class="source-problem" data-testid="source-problem">{ message }</p> }
        }
        (SourceText::Ready(_), Some(misfit)) => html! {
            <p class="source-problem" data-testid="source-stale" role="alert">
                { format!("This source may be stale, so no marks are shown: {}.", misfit.describe()) }
            </p>
        },
        (SourceText::Ready(text), None) => html! {
            <div class="source-body">
                <SourceView text={text.clone()} lines={(*lines).clone()} report={report.report.clone()}
                    file_index={marks.file_index} marks={marks.marks.clone()} chosen_line={open.line}
                    highlighting={highlighting.clone()} contexts={contexts.ready()}
                    context_test={props.code.context_test.clone()} on_choose_line={on_choose_line.clone()} />
                <aside class="source-side">
                    { line_details(&marks.marks, open.line, contexts.ready().as_deref()) }
                    { contexts_panel(&contexts, props.code.context_test.as_deref(),
                        &dispatch.reform(|test| CodeAction::ShowTestLines { test }.into()), &on_choose_line) }
                </aside>
            </div>
        },
    };
    html! {
        <section class="source-page" data-testid="source-view" data-path={open.path.clone()}
            data-highlighted={highlighting.is_some().then_some("true")} aria-label={format!("Source of {}", open.path)}>
            <header class="source-header">
                <h2 class="source-title">{ &open.path }</h2>
                <span class="source-figure" data-testid="source-coverage">{ format!("{}%", file.coverage.display) }</span>
                <span class="source-counts">{ format!("{missed} missed, {partial} partly run") }</span>
                <button type="button" class="button secondary" data-testid="previous-miss" onclick={step(false)}
                    title="Previous missed or partly run line (p)">{ "↑ Previous miss" }</button>
                <button type="button" class="button secondary" data-testid="next-miss" onclick={step(true)}
                    title="Next missed or partly run line (n)">{ "↓ Next miss" }</button>
                if !file.regions.is_empty() {
                    <button type="button" class="button secondary" data-testid="file-functions" onclick={functions_of_file}>
                        { "Functions of this file" }
                    </button>
                }
                <span class="source-origin">{ origin_text(&origin) }</span>
            </header>
            { body }
        </section>
    }
}

/// Where the text shown comes from, in a few words.
fn origin_text(origin: &SourceOrigin) -> String {
    match origin {
        SourceOrigin::Embedded => "Source from the report".to_string(),
        SourceOrigin::Dropped { .. } => "Source from the dropped files".to_string(),
        SourceOrigin::Address { address } => format!("Source from {address}"),
        _ => String::new(),
    }
}
