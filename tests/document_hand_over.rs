//! A planning document read in the parsing worker reaches the page whole: its hand-over
//! bytes decode to the same read document, the claims extracted there give the same
//! verdicts as checking the document itself, its body is rendered as the page rendered it
//! before the move (markers after the same figures), and broken bytes are an error, never
//! a panic.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use std::path::PathBuf;

use common::{coverage_py_report, files_under, fixture_path, patch_fixture, Xorshift};

use covscope::core::analysis::claim_markers::insert_claim_markers;
use covscope::core::analysis::claims::{
    check_document_claims, check_document_with_diffs, ClaimSource, LoadedDiffs,
};
use covscope::core::analysis::read_document::{
    read_for_view, render_marked_body, ReadDocument, RenderedSegment,
};
use covscope::core::document::{parse_document, PlanningDocument};
use covscope::core::share::{document_from_hand_over_bytes, document_hand_over_bytes};

/// Every markdown document among the fixtures, by path.
fn markdown_fixtures() -> Vec<PathBuf> {
    files_under(&fixture_path(""))
        .into_iter()
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("md"))
        })
        .collect()
}

/// The documents that read (the failure fixtures do not), with their paths.
fn read_fixtures() -> Vec<(String, PlanningDocument)> {
    let documents: Vec<(String, PlanningDocument)> = markdown_fixtures()
        .into_iter()
        .filter_map(|path| {
            let name = path.to_string_lossy().to_string();
            let bytes = std::fs::read(&path).expect("fixture reads");
            parse_document(&name, &bytes)
                .value
                .map(|document| (name, document))
        })
        .collect();
    assert!(
        documents.len() > 100,
        "the fixtures hold over 100 documents"
    );
    documents
}

/// The body as the page rendered it before documents moved to the worker: markers after
/// each checked body figure, cut into sections, each markdown piece rendered.
fn body_as_rendered_on_the_page(document: &PlanningDocument) -> Vec<RenderedSegment> {
    let verdicts =
        check_document_with_diffs::<u64>(document, &[], None, None, &LoadedDiffs::default());
    let figure_ends: Vec<(usize, usize)> = verdicts
        .checked
        .iter()
        .enumerate()
        .filter(|(_, checked)| {
            matches!(
                checked.claim.source,
                ClaimSource::Body { .. }
                    | ClaimSource::Table { .. }
                    | ClaimSource::PastedReport { .. }
            )
        })
        .map(|(index, checked)| (index, checked.claim.span.1))
        .collect();
    let marked = insert_claim_markers(&document.body_markdown, &figure_ends);
    render_marked_body(&marked)
}

fn handed_over(read: &ReadDocument) -> ReadDocument {
    document_from_hand_over_bytes(&document_hand_over_bytes(read)).expect("the bytes decode")
}

#[test]
fn every_fixture_document_arrives_on_the_page_as_it_was_read() {
    for (name, document) in read_fixtures() {
        let read = read_for_view(document.clone());
        assert_eq!(handed_over(&read), read, "{name} after the hand-over");
        assert_eq!(read.document, document, "{name}'s facts");
        assert_eq!(
            read.body,
            body_as_rendered_on_the_page(&document),
            "{name}'s rendered body"
        );
    }
}

#[test]
fn claims_extracted_in_the_worker_get_the_verdicts_of_the_whole_document() {
    let toolz = coverage_py_report("coverage/toolz/coverage.json");
    let boltons = coverage_py_report("coverage/boltons/coverage.json");
    let patch = patch_fixture("patch/toolz/toolz-1.0.0-to-1.2.0.git.diff");
    let reports = [
        (1_u64, "coverage.json", &toolz),
        (2_u64, "boltons/coverage.json", &boltons),
    ];
    let diffs = LoadedDiffs {
        diffs: vec![("toolz-1.0.0-to-1.2.0.git.diff", &patch)],
        measured_report: Some(1),
    };
    let mut checked_claims = 0;
    for (name, document) in read_fixtures() {
        let read = handed_over(&read_for_view(document.clone()));
        for (selected, chosen) in [(Some(1), None), (Some(2), Some(1)), (None, None)] {
            let on_the_page =
                check_document_claims(&read.claims, &reports, selected, chosen, &diffs);
            let whole = check_document_with_diffs(&document, &reports, selected, chosen, &diffs);
            assert_eq!(on_the_page, whole, "{name} with {selected:?}/{chosen:?}");
            checked_claims += whole.checked.len() + whole.goals.len();
        }
    }
    assert!(
        checked_claims > 300,
        "the fixtures state claims ({checked_claims})"
    );
}

#[test]
fn broken_hand_over_bytes_are_an_error_not_a_panic() {
    let (_, document) = read_fixtures()
        .into_iter()
        .find(|(name, _)| name.ends_with("claims/judged/20-VERIFICATION.md"))
        .or_else(|| read_fixtures().into_iter().next())
        .expect("a fixture document");
    let bytes = document_hand_over_bytes(&read_for_view(document));
    // Every cut short form fails to decode (the last field ends the bytes).
    for length in 0..bytes.len() {
        assert!(
            document_from_hand_over_bytes(&bytes[..length]).is_err(),
            "{length} of {} bytes",
            bytes.len()
        );
    }
    let mut random = Xorshift(0x5eed_d0c5);
    for _ in 0..2000 {
        let mut changed = bytes.clone();
        for _ in 0..4 {
            let at = (random.next() % changed.len() as u64) as usize;
            changed[at] = random.next() as u8;
        }
        // Whatever it decodes to, it decodes without a panic.
        let _ = document_from_hand_over_bytes(&changed);
    }
}
