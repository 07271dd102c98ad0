//! The file-by-file table of two reports of one run: a verdict, each side's line count
//! and the reason, one row per file.
use crate::core::text::{counted, Noun};
use yew::prelude::*;

use crate::app::state::SharedReport;
use crate::core::analysis::agreement::{
    compare_same_run, reason_sentences, FileAgreement, Verdict,
};
use crate::core::model::Tally;

#[derive(Properties, PartialEq)]
pub struct AgreementTableProps {
    pub left_name: String,
    pub right_name: String,
    pub left: SharedReport,
    pub right: SharedReport,
}

/// The label a verdict shows.
const VERDICT_LABELS: [(Verdict, &str); 3] = [
    (Verdict::Agree, "Agree"),
    (Verdict::Differ, "Differ"),
    (Verdict::OnlyOne, "One report only"),
];

fn verdict_label(verdict: Verdict) -> &'static str {
    VERDICT_LABELS
        .iter()
        .find(|(known, _)| *known == verdict)
        .map_or("", |(_, label)| label)
}

/// A side's lines as "covered / total", or a dash when the report does not count them.
fn lines_text(tally: Option<Tally>) -> String {
    tally.map_or_else(
        || "–".to_string(),
        |tally| format!("{} / {}", tally.covered, tally.total),
    )
}

/// A path with a line-break opportunity after each slash (`<wbr>`, which adds no text), so
/// a path too long for its column wraps between folders rather than inside a name.
fn breaking_after_slashes(path: &str) -> Html {
    path.split_inclusive('/')
        .map(|part| html! { <>{ part }<wbr /></> })
        .collect()
}

#[function_component]
pub fn AgreementTable(props: &AgreementTableProps) -> Html {
    let agreement = use_memo(
        (props.left.clone(), props.right.clone()),
        |(left, right)| compare_same_run(&left.0, &right.0),
    );
    let (agree, differ, only_one) = agreement.verdict_counts();
    let names = (props.left_name.as_str(), props.right_name.as_str());
    let row = |file: &FileAgreement| {
        let verdict = file.verdict;
        html! {
            <tr data-testid="agreement-row" data-path={file.path.clone()} data-agree={verdict.key()}
                data-causes={file.causes.join(" ")}
                class={classes!(format!("agree-{}", verdict.key()))}>
                <th scope="row" class="col-path" title={file.path.clone()}>{ breaking_after_slashes(&file.path) }</th>
                <td data-col="verdict" class="col-verdict">{ verdict_label(verdict) }</td>
                <td data-col="left-lines" class="number">{ lines_text(file.left_lines) }</td>
                <td data-col="right-lines" class="number">{ lines_text(file.right_lines) }</td>
                <td data-col="reason" class="col-reason">
                    { for reason_sentences(file, names).into_iter().map(|sentence| html! {
                        <span class="reason-part">{ sentence }</span>
                    }) }
                </td>
            </tr>
        }
    };
    html! {
        <>
            <p class="agreement-summary" data-testid="agreement-summary" role="note">
                { format!("{}, {}, {only_one} in one report only. Lines are each report's own count, covered / total.", counted(agree, Noun::new("agrees", "agree")), counted(differ, Noun::new("differs", "differ"))) }
            </p>
            <table class="agreement-table" data-testid="agreement-table">
                <thead>
                    <tr>
                        <th scope="col" class="col-path">{ "File" }</th>
                        <th scope="col" class="col-verdict">{ "Verdict" }</th>
                        <th scope="col" class="number">{ format!("Lines in {}", props.left_name) }</th>
                        <th scope="col" class="number">{ format!("Lines in {}", props.right_name) }</th>
                        <th scope="col" class="col-reason">{ "Where and why they differ" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for agreement.files.iter().map(row) }
                </tbody>
            </table>
        </>
    }
}
