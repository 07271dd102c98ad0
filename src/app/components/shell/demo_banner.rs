//! The invitation shown while only the embedded demo reports are loaded.
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DemoBannerProps {
    pub on_pick_files: Callback<()>,
}

#[function_component]
pub fn DemoBanner(props: &DemoBannerProps) -> Html {
    let on_pick_files = props.on_pick_files.clone();
    let onclick = Callback::from(move |_: MouseEvent| on_pick_files.emit(()));
    html! {
        <section class="demo-banner" data-testid="demo-banner" aria-label="Getting started">
            <p>
                <strong>{ "You are looking at a demo: " }</strong>
                { "real coverage.py reports from three runs of the toolz test suite, real lcov reports of a JavaScript (c8) and a Rust (cargo-llvm-cov) test run, and real planning documents from a coverage push. " }
                { "Drop your own coverage reports (coverage.py, lcov, Cobertura, Istanbul, Clover, JaCoCo, Go, llvm-cov, tarpaulin), diffs, markdown reports or a .planning folder anywhere on this page, or " }
                <button type="button" class="link-button" {onclick}>{ "choose files" }</button>
                { ". Nothing leaves your browser." }
            </p>
            <p class="hint">{ "Make one with " }<code>{ "coverage json" }</code>
                { " after " }<code>{ "coverage run" }</code>{ ", " }<code>{ "c8 report -r lcov" }</code>
                { " or " }<code>{ "cargo llvm-cov --lcov" }</code>{ "." }</p>
        </section>
    }
}
