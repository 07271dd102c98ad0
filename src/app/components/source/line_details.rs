//! The details of the chosen line: its mark and hits, every branch sentence in full, and
//! the tests that ran it.
use yew::prelude::*;

use crate::core::analysis::source_lines::{LineMarks, LineStatus};
use crate::core::formats::FileContexts;
use crate::core::model::LineNumber;

/// What each mark means, in words.
const STATUS_WORDS: [(LineStatus, &str); 5] = [
    (LineStatus::Run, "ran"),
    (LineStatus::Miss, "never ran"),
    (LineStatus::Partial, "ran, but not every branch was taken"),
    (LineStatus::Excluded, "excluded from measurement"),
    (LineStatus::None, "not measured"),
];

/// Drawn by a function, not a component: it keeps no state, and a component costs the
/// bundle more.
pub fn line_details(marks: &LineMarks, line: Option<u64>, contexts: Option<&FileContexts>) -> Html {
    let Some(line) = line else {
        return html! {
            <section class="line-details" data-testid="line-details">
                <p class="hint">{ "Choose a line to see its branches and the tests that ran it; n and p jump to the next and previous miss." }</p>
            </section>
        };
    };
    let mark = marks.get(line);
    let status = marks.status(line);
    let words = STATUS_WORDS
        .iter()
        .find(|(candidate, _)| *candidate == status)
        .map_or("", |(_, words)| words);
    let hits = mark
        .and_then(|mark| mark.hits)
        .map(|hits| format!(", {hits} times"))
        .unwrap_or_default();
    // A source line beyond the model's line numbers has no contexts.
    let tests = contexts.and_then(|contexts| {
        LineNumber::try_from(line)
            .ok()
            .and_then(|line| contexts.by_line.get(&line))
    });
    html! {
        <section class="line-details" data-testid="line-details" data-line={line.to_string()}>
            <h3>{ format!("Line {line}: {words}{hits}") }</h3>
            if let Some(mark) = mark.filter(|mark| !mark.branch_notes.is_empty()) {
                <ul class="branch-notes">
                    { for mark.branch_notes.iter().map(|note| html! {
                        <li data-testid="branch-note">{ note }</li>
                    }) }
                </ul>
            }
            if let Some(tests) = tests {
                <p>{ if tests.len() == 1 { "Only one test ran it:".to_string() } else { format!("{} tests ran it:", tests.len()) } }</p>
                <ul class="line-test-list">
                    { for tests.iter().map(|test| html! { <li data-testid="line-test">{ test }</li> }) }
                </ul>
            }
        </section>
    }
}
