//! One line of a source view: its number (the `#L` link), hits, mark, the code with its
//! colours and never-run stretches, and its branch sentences in short.
use crate::core::text::{counted, nouns};
use std::ops::Range;

use yew::prelude::*;

use crate::app::state::{SharedReport, SharedText};
use crate::core::analysis::source_lines::{LineMark, LineStatus};
use crate::core::analysis::source_text::{line_segments, uncovered_ranges_on_line, Token};
use crate::core::model::UncoveredKind;

#[derive(Properties, PartialEq)]
pub struct SourceLineProps {
    /// 1-based.
    pub number: u64,
    pub text: SharedText,
    pub range: Range<usize>,
    pub report: SharedReport,
    pub file_index: u32,
    pub mark: Option<LineMark>,
    /// Whether the format counts hits (then a missed line shows 0).
    pub counts_hits: bool,
    pub tokens: Option<Vec<Token>>,
    /// How many tests ran the line, when the contexts are read.
    pub test_count: usize,
    pub shows_test: bool,
    /// The chosen test ran this line.
    pub is_test_line: bool,
    pub is_chosen: bool,
}

#[function_component]
pub fn SourceLine(props: &SourceLineProps) -> Html {
    let line_text = props.text.0.get(props.range.clone()).unwrap_or_default();
    let file = &props.report.0.files[props.file_index as usize];
    let uncovered = uncovered_ranges_on_line(file, props.number, line_text);
    let tokens = props.tokens.as_deref().unwrap_or_default();
    let segments = line_segments(line_text, tokens, &uncovered);
    let status = props
        .mark
        .as_ref()
        .map_or(LineStatus::None, |mark| mark.status);
    let hits = props.mark.as_ref().and_then(|mark| mark.hits);
    let notes = props
        .mark
        .as_ref()
        .map(|mark| mark.branch_notes.join("; "))
        .filter(|notes| !notes.is_empty());
    let test_cell = if props.shows_test && status != LineStatus::None && props.test_count > 0 {
        let single = props.test_count == 1;
        html! {
            <span class={classes!("line-tests", single.then_some("single-test"))} data-testid="line-tests"
                data-count={props.test_count.to_string()}
                title={if single { "Only one test ran this line".to_string() } else { format!("{} ran this line", counted(props.test_count, nouns::TEST)) }}>
                { counted(props.test_count, nouns::TEST) }
            </span>
        }
    } else {
        Html::default()
    };
    html! {
        <tr data-testid="source-line" data-line={props.number.to_string()} data-status={status.key()}
            data-hits={hits.filter(|_| props.counts_hits).map(|hits| hits.to_string())}
            id={format!("L{}", props.number)}
            aria-selected={props.is_chosen.then_some("true")} tabindex={props.is_chosen.then_some("0")}
            class={classes!("source-line", format!("status-{}", status.key()),
                props.is_chosen.then_some("chosen"), props.is_test_line.then_some("test-line"))}>
            <td class="line-number"><span class="line-link" title={format!("Line {}: choose it to share a link to it", props.number)}>{ props.number }</span></td>
            <td class="line-hits number">{ hits.map(|hits| format!("{hits}×")).unwrap_or_default() }</td>
            <td class="line-mark" aria-label={status.key()}>{ test_cell }</td>
            <td class="line-code"><code>
                { for segments.iter().map(|segment| {
                    let text = line_text.get(segment.range.clone()).unwrap_or_default();
                    let uncovered = segment.uncovered.map(|kind| match kind {
                        UncoveredKind::Statement => "uncovered-statement",
                        UncoveredKind::Function => "uncovered-function",
                        UncoveredKind::Branch => "uncovered-branch",
                    });
                    if segment.class.is_none() && uncovered.is_none() {
                        html! { { text } }
                    } else {
                        html! {
                            <span class={classes!(segment.class.map(|class| format!("tok-{}", class.key())), uncovered)}
                                data-uncovered={segment.uncovered.map(|_| "true")}>{ text }</span>
                        }
                    }
                }) }
            </code></td>
            <td class="line-note" title={notes.clone()}>{ notes.unwrap_or_default() }</td>
        </tr>
    }
}
