//! The reducer's patch concern: a dropped diff joins the loaded diffs and opens the patch
//! view, a malformed one is an error naming the file that costs nothing loaded, the
//! target is checked, and a link's diffs come back with the diff and baseline it showed.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{fixture_bytes, loaded, report_names};
use std::collections::BTreeMap;

use covscope::app::state::{
    Action, AppState, LoadAction, LoadOrigin, MainView, PatchAction, ReportAction,
    DEFAULT_PATCH_THRESHOLD_PERCENT,
};
use covscope::core::share::{decode_share_fragment, encode_share_fragment_with_patches};

const RELEASE_DIFF: &str = "patch/toolz/toolz-1.0.0-to-1.2.0.git.diff";

fn load(state: AppState, name: &str, relative: &str) -> AppState {
    loaded(state, name, &fixture_bytes(relative), LoadOrigin::Person)
}

fn report_and_diff() -> AppState {
    let state = AppState::with_saved_views(BTreeMap::new());
    let state = load(state, "coverage.json", "coverage/toolz/coverage.json");
    load(state, "release.diff", RELEASE_DIFF)
}

fn patch_names(state: &AppState) -> Vec<&str> {
    state
        .patch
        .patches
        .items
        .iter()
        .map(|loaded| loaded.name.as_str())
        .collect()
}

#[test]
fn a_dropped_diff_is_loaded_selected_and_opens_the_patch_view() {
    let state = report_and_diff();
    assert_eq!(patch_names(&state), ["release.diff"]);
    assert_eq!(
        state.patch.selected().map(|loaded| loaded.name.as_str()),
        Some("release.diff")
    );
    assert_eq!(state.view.main, MainView::Patch);
    assert_eq!(state.loading.errors, Vec::new());
    assert_eq!(state.loading.files_in_flight, 0);
    assert_eq!(report_names(&state), ["coverage.json"]);
    // A second diff of the same name is kept beside the first and shown; the view stays.
    let state = state.apply(Action::View(covscope::app::state::ViewAction::Show {
        view: MainView::Table,
    }));
    let state = load(
        state,
        "release.diff",
        "patch/toolz/toolz-1.1.0-to-1.2.0.git.diff",
    );
    assert_eq!(patch_names(&state), ["release.diff", "release.diff (2)"]);
    assert_eq!(
        state.patch.selected().map(|loaded| loaded.name.as_str()),
        Some("release.diff (2)")
    );
    assert_eq!(state.view.main, MainView::Table);
}

#[test]
fn a_malformed_diff_is_an_error_naming_the_file_and_loses_nothing() {
    let state = report_and_diff();
    let state = load(state, "garbage.diff", "malformed/diff/binary-garbage.bin");
    let errors: Vec<(&str, &str)> = state
        .loading
        .errors
        .iter()
        .map(|error| (error.file_name.as_str(), error.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, "garbage.diff");
    assert!(errors[0].1.contains("binary"), "message: {}", errors[0].1);
    assert_eq!(patch_names(&state), ["release.diff"]);
    assert_eq!(report_names(&state), ["coverage.json"]);
    // A truncated hunk is read, with the parser's warning kept for the view.
    let state = load(
        state,
        "truncated.diff",
        "malformed/diff/truncated-hunk.diff",
    );
    let truncated = state.patch.selected().expect("selected");
    assert_eq!(truncated.name, "truncated.diff");
    assert_eq!(truncated.warnings.len(), 1);
    assert!(truncated.warnings[0].contains("fewer lines than its header states"));
}

#[test]
fn the_target_takes_only_percentages_and_the_remembered_one_applies() {
    let state = report_and_diff();
    assert_eq!(
        state.patch.threshold_percent,
        DEFAULT_PATCH_THRESHOLD_PERCENT
    );
    let cases: [(f64, f64); 5] = [
        (75.0, 75.0),
        (f64::NAN, 75.0),
        (100.5, 75.0),
        (-1.0, 75.0),
        (0.0, 0.0),
    ];
    let mut state = state;
    for (asked, expected) in cases {
        state = state.apply(PatchAction::SetThreshold { percent: asked }.into());
        assert_eq!(state.patch.threshold_percent, expected, "asked {asked}");
    }
    let remembered = AppState::with_saved_views(BTreeMap::new()).with_patch_threshold(Some(90.5));
    assert_eq!(remembered.patch.threshold_percent, 90.5);
    let edited = AppState::with_saved_views(BTreeMap::new()).with_patch_threshold(Some(1e9));
    assert_eq!(
        edited.patch.threshold_percent,
        DEFAULT_PATCH_THRESHOLD_PERCENT
    );
}

#[test]
fn removing_the_baseline_report_drops_it_from_the_view_and_removing_the_last_diff_leaves_none() {
    let state = report_and_diff();
    let state = load(
        state,
        "baseline.json",
        "patch/toolz/baseline-1.0.0/coverage.json",
    );
    let baseline_id = state.reports.id_named("baseline.json").expect("loaded");
    let state = state.apply(
        PatchAction::SetBaseline {
            report_id: Some(baseline_id),
        }
        .into(),
    );
    assert_eq!(
        state.patch_baseline().map(|loaded| loaded.name.as_str()),
        Some("baseline.json")
    );
    let state = state.apply(ReportAction::Remove { id: baseline_id }.into());
    assert_eq!(state.patch_baseline(), None);
    let diff_id = state.patch.selected().expect("a diff").id;
    let state = state.apply(PatchAction::Remove { id: diff_id }.into());
    assert!(state.patch.patches.items.is_empty());
    assert_eq!(state.patch.selected(), None);
}

#[test]
fn a_links_diffs_come_back_with_the_diff_and_baseline_it_showed() {
    let state = report_and_diff();
    let state = load(
        state,
        "baseline.json",
        "patch/toolz/baseline-1.0.0/coverage.json",
    );
    let state = load(
        state,
        "other.diff",
        "patch/toolz/toolz-1.1.0-to-1.2.0.git.diff",
    );
    let baseline_id = state.reports.id_named("baseline.json").expect("loaded");
    let first_diff = state.patch.patches.items[0].id;
    let state = state
        .apply(
            PatchAction::SetBaseline {
                report_id: Some(baseline_id),
            }
            .into(),
        )
        .apply(PatchAction::Select { id: first_diff }.into());
    let encoded = encode_share_fragment_with_patches(
        &state.view_state(),
        &state.reports_to_share(),
        &state.patches_to_share(),
    )
    .expect("shared");
    let payload = decode_share_fragment(&encoded.fragment)
        .value
        .expect("opens");
    let opened = AppState::with_saved_views(BTreeMap::new())
        .apply(Action::Load(LoadAction::Shared {
            reports: payload.reports,
            view: payload.view,
        }))
        .apply(Action::Load(LoadAction::SharedPatches {
            patches: payload.patches,
        }));
    assert_eq!(patch_names(&opened), ["release.diff", "other.diff"]);
    assert_eq!(
        opened.patch.selected().map(|loaded| loaded.name.as_str()),
        Some("release.diff")
    );
    assert_eq!(
        opened.patch_baseline().map(|loaded| loaded.name.as_str()),
        Some("baseline.json")
    );
    assert_eq!(opened.view.main, MainView::Patch);
    assert!(opened.patch.selected().expect("diff").patch.0 == state.patch.patches.items[0].patch.0);
}
