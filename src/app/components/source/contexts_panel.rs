//! Who ran this file: the tests (coverage.py contexts) that ran its lines, read from the
//! report when the source view opens; the lines only one test keeps covered, and the
//! lines one chosen test reached.
use crate::core::text::{counted, nouns, Noun};
use yew::prelude::*;

use crate::app::effects::code_sources::ContextsReading;

/// Drawn by a function, not a component: it keeps no state, and a component costs the
/// bundle more.
pub fn contexts_panel(
    reading: &ContextsReading,
    chosen_test: Option<&str>,
    on_choose_test: &Callback<Option<String>>,
    on_choose_line: &Callback<u64>,
) -> Html {
    let contexts = match reading {
        ContextsReading::NotInReport => return Html::default(),
        ContextsReading::Reading => {
            return html! {
                <section class="contexts-panel" data-testid="contexts-panel" aria-busy="true">
                    <p class="hint">{ "Reading the tests that ran this file…" }</p>
                </section>
            };
        }
        ContextsReading::Failed(message) => {
            return html! {
                <section class="contexts-panel" data-testid="contexts-panel">
                    <p class="source-problem" data-testid="contexts-problem">{ format!("The tests that ran this file could not be read: {message}") }</p>
                </section>
            };
        }
        ContextsReading::Ready(contexts) => contexts,
    };
    let single = contexts.lines_run_by_one_test();
    let tests = contexts.tests();
    let chosen_lines = chosen_test.map(|test| contexts.lines_run_by(test));
    let line_button = |line: u64| {
        let on_choose_line = on_choose_line.clone();
        html! {
            <button type="button" class="link-button line-chip" data-line={line.to_string()}
                onclick={Callback::from(move |_: MouseEvent| on_choose_line.emit(line))}>{ line }</button>
        }
    };
    html! {
        <section class="contexts-panel" data-testid="contexts-panel">
            <h3>{ format!("{} ran this file", counted(tests.len(), nouns::TEST)) }</h3>
            <p data-testid="single-test-lines" data-count={single.len().to_string()}>
                { format!("{} run by only one test", counted(single.len(), Noun::new("line is", "lines are"))) }
                if !single.is_empty() { { ": " } { for single.iter().take(60).map(|&line| line_button(u64::from(line))) } }
            </p>
            <ul class="context-tests">
                { for tests.iter().map(|test| {
                    let is_chosen = chosen_test == Some(*test);
                    let on_choose_test = on_choose_test.clone();
                    let choice = (!is_chosen).then(|| test.to_string());
                    html! {
                        <li>
                            <button type="button" class={classes!("link-button", is_chosen.then_some("chosen"))}
                                data-testid="context-test" data-test={test.to_string()} aria-pressed={is_chosen.to_string()}
                                onclick={Callback::from(move |_: MouseEvent| on_choose_test.emit(choice.clone()))}>
                                { *test }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if let (Some(test), Some(lines)) = (chosen_test, &chosen_lines) {
                <p data-testid="test-lines" data-count={lines.len().to_string()}>
                    { format!("{test} ran {} of this file: ", counted(lines.len(), nouns::LINE)) }
                    { for lines.iter().take(200).map(|&line| line_button(u64::from(line))) }
                </p>
            }
        </section>
    }
}
