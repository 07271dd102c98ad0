//! The lines of one source text as a virtual list: only the lines in view exist (a
//! 10,000-line file renders a screenful), each marked from the report, with the minimap of
//! misses beside the scrollbar.
use std::collections::BTreeSet;
use std::ops::Range;
use std::rc::Rc;

use yew::prelude::*;

use super::miss_minimap::{MinimapMarks, MINIMAP_WIDTH};
use super::{miss_minimap, SourceLine};
use crate::app::components::table::windowed_rows;
use crate::app::effects::row_window::{use_row_window, ActiveRow, RowWindowSetup};
use crate::app::state::{SharedReport, SharedText};
use crate::core::analysis::miss_minimap::{runs_path, tick_runs};
use crate::core::analysis::source_lines::{LineMarks, LineStatus};
use crate::core::analysis::source_text::HighlightedLines;
use crate::core::analysis::table_window::WindowSettings;
use crate::core::formats::FileContexts;
use crate::core::model::LineNumber;

/// Lines are 20 pixels tall (the stylesheet's `tr.source-line`); ten beyond each edge of
/// the view (200 pixels, as the table's six rows of 30: every line rendered costs the
/// opening and each jump to a far miss its cells and colour spans), and files of up to 200
/// lines rendered whole.
const SOURCE_ROWS: RowWindowSetup = RowWindowSetup {
    settings: WindowSettings {
        row_height_px: 20,
        overscan_rows: 10,
        render_all_up_to: 200,
    },
    row_selector: "[data-testid=\"source-line\"]",
    active_row_selector: "[data-testid=\"source-line\"][aria-selected=\"true\"]",
    row_key_attribute: "data-line",
};

#[derive(Properties, PartialEq)]
pub struct SourceViewProps {
    pub text: SharedText,
    /// The byte range of each line in the text.
    pub lines: Rc<Vec<Range<usize>>>,
    pub report: SharedReport,
    pub file_index: u32,
    pub marks: Rc<LineMarks>,
    pub chosen_line: Option<u64>,
    /// Syntax colours, once the highlighter has answered.
    pub highlighting: Option<Rc<HighlightedLines>>,
    /// The tests that ran each line, once read (coverage.py contexts).
    pub contexts: Option<Rc<FileContexts>>,
    /// The test whose lines are shown.
    pub context_test: Option<String>,
    pub on_choose_line: Callback<u64>,
}

#[function_component]
pub fn SourceView(props: &SourceViewProps) -> Html {
    let line_count = props.lines.len();
    let active = props.chosen_line.map(|line| ActiveRow {
        key: line.to_string(),
        position: usize::try_from(line)
            .ok()
            .and_then(|line| line.checked_sub(1))
            .filter(|&index| index < line_count),
    });
    let rows_window = Rc::new(use_row_window(SOURCE_ROWS, line_count, active));
    let window = rows_window.window;
    let test_lines = use_memo(
        (props.contexts.clone(), props.context_test.clone()),
        |(contexts, test)| -> Rc<BTreeSet<u64>> {
            match (contexts, test) {
                (Some(contexts), Some(test)) => Rc::new(
                    contexts
                        .lines_run_by(test)
                        .into_iter()
                        .map(u64::from)
                        .collect(),
                ),
                _ => Rc::default(),
            }
        },
    );
    let gaps = use_memo(props.marks.clone(), |marks| marks.gap_lines());
    let minimap_marks = use_memo((gaps.clone(), line_count), |(gaps, line_count)| {
        let path_of =
            |status| runs_path(&tick_runs(gaps, *line_count as u64, status), MINIMAP_WIDTH);
        MinimapMarks {
            missed_path: path_of(LineStatus::Miss),
            partial_path: path_of(LineStatus::Partial),
        }
    });
    let onclick = {
        let (on_choose_line, rows_window) = (props.on_choose_line.clone(), rows_window.clone());
        Callback::from(move |event: MouseEvent| {
            if let Some(line) = rows_window
                .row_key_of(&event)
                .and_then(|key| key.parse::<u64>().ok())
            {
                on_choose_line.emit(line);
            }
        })
    };
    let onkeydown = {
        let (on_choose_line, rows_window) = (props.on_choose_line.clone(), rows_window.clone());
        Callback::from(move |event: KeyboardEvent| {
            let step: i64 = match event.key().as_str() {
                "ArrowDown" => 1,
                "ArrowUp" => -1,
                _ => return,
            };
            let Some(line) = rows_window
                .row_key_of(&event)
                .and_then(|key| key.parse::<i64>().ok())
            else {
                return;
            };
            event.prevent_default();
            let target = line + step;
            if target >= 1 && target <= line_count as i64 {
                on_choose_line.emit(target as u64);
            }
        })
    };
    let file = &props.report.0.files[props.file_index as usize];
    let counts_hits = !file.executed_line_hits.is_empty();
    let shown = (window.start..window.end).map(|index| {
        let number = index as u64 + 1;
        let range = props.lines[index].clone();
        let test_count = props
            .contexts
            .as_ref()
            .and_then(|contexts| {
                LineNumber::try_from(number)
                    .ok()
                    .and_then(|line| contexts.by_line.get(&line))
            })
            .map_or(0, Vec::len);
        html! {
            <SourceLine key={number} number={number} text={props.text.clone()} range={range}
                report={props.report.clone()} file_index={props.file_index}
                mark={props.marks.get(number).cloned()} counts_hits={counts_hits}
                tokens={props.highlighting.as_ref().map(|lines| lines.tokens_of(index).to_vec())}
                test_count={test_count} shows_test={props.contexts.is_some()}
                is_test_line={test_lines.contains(&number)}
                is_chosen={props.chosen_line == Some(number)} />
        }
    });
    html! {
        <div class="source-frame">
            <div class="source-scroll" ref={rows_window.area.clone()} onscroll={rows_window.onscroll.clone()}
                data-testid="source-scroll">
                <table class="source-table" role="grid" aria-rowcount={line_count.to_string()}>
                    <tbody {onclick} {onkeydown}>
                        { windowed_rows(window, "5", shown.collect(), line_count, "The file is empty.") }
                    </tbody>
                </table>
            </div>
            { miss_minimap(&gaps, &minimap_marks, line_count as u64, props.chosen_line, &props.on_choose_line) }
        </div>
    }
}
