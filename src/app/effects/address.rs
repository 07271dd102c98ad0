//! The address follows the view, and Back and Forward bring a view back.
//!
//! A change of what is shown (view, report, document, compared pair) makes a new history
//! entry; anything else (filter text, sort) updates the current one in place.
use std::cell::RefCell;

use yew::prelude::*;

use crate::app::browser::address::{
    listen_for_fragment_changes, location_fragment, set_location_fragment,
};
use crate::app::browser::tasks::{run_soon, SoonTask};
use crate::app::state::{Action, AppState, PatchSettings, SharedReport};
use crate::core::model::CoverageReport;
use crate::core::share::{
    decode_view_fragment, encode_share_fragment_with_patches, encode_view_fragment,
    fits_in_share_link, PatchesToShare, ViewState,
};

/// The parts of a view that make a new history entry when they change; other changes
/// (filter text, sort) update the current entry in place.
#[derive(Clone, Debug, PartialEq)]
struct NavigationKey {
    current_view: Option<String>,
    selected_report: Option<String>,
    selected_document: Option<String>,
    comparison: Option<(String, String)>,
}

impl NavigationKey {
    fn of(view: &ViewState) -> Self {
        NavigationKey {
            current_view: view.current_view.clone(),
            selected_report: view.selected_report.clone(),
            selected_document: view.selected_document.clone(),
            comparison: view.comparison.clone(),
        }
    }
}

/// The data the address keeps carrying when the page was opened from data.
#[derive(Clone, Debug, PartialEq)]
struct SharedData {
    reports: Vec<(String, SharedReport)>,
    patches: PatchSettings,
    baseline_name: Option<String>,
}

/// Writes the view to the address once start-up has read whatever it carried, and
/// applies the view of an address reached by Back or Forward.
#[hook]
pub fn use_address_sync(state: &AppState, dispatch: &Callback<Action>) {
    // The address is updated in a task of its own, right after the one that rendered the
    // change: a filter keystroke shows its rows first, and encoding the view and the
    // history call (over a millisecond on a large table) come after.
    let last_navigation = use_mut_ref(|| None::<NavigationKey>);
    let last_navigation_after_move = last_navigation.clone();
    let pending_update = use_mut_ref(|| None::<SoonTask>);
    let shared_reports = state.share.keep_data_in_address.then(|| SharedData {
        reports: state
            .reports
            .items
            .iter()
            .map(|loaded| (loaded.name.clone(), loaded.report.clone()))
            .collect(),
        patches: state.patch.clone(),
        baseline_name: state.patch_baseline().map(|loaded| loaded.name.clone()),
    });
    use_effect_with(
        (state.share.started, state.view_state(), shared_reports),
        move |(started, view, shared_reports)| {
            if *started {
                let (view, shared_reports) = (view.clone(), shared_reports.clone());
                // A newer update replaces one not yet run, which cancels it.
                *pending_update.borrow_mut() = Some(run_soon(move || {
                    update_address(&view, shared_reports.as_ref(), &last_navigation)
                }));
            }
        },
    );
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let listener = listen_for_fragment_changes(move |fragment| {
            if let Some(view) = decode_view_fragment(&fragment).value {
                // The entry reached by Back or Forward is the navigation now shown, at once:
                // a view opened before the address task below runs must push a new entry
                // after it, not overwrite it (seen as Back leaving the app).
                *last_navigation_after_move.borrow_mut() = Some(NavigationKey::of(&view));
                dispatch.emit(Action::ApplyViewState { view });
            }
        });
        move || drop(listener)
    });
}

/// Puts the view in the address: a new history entry when the navigation changed, else
/// the current entry in place.
fn update_address(
    view: &ViewState,
    shared_reports: Option<&SharedData>,
    last_navigation: &RefCell<Option<NavigationKey>>,
) {
    let fragment = address_fragment(view, shared_reports);
    let navigation = NavigationKey::of(view);
    if fragment != location_fragment() {
        let new_entry = last_navigation
            .borrow()
            .as_ref()
            .is_some_and(|last| *last != navigation);
        set_location_fragment(&fragment, new_entry);
    }
    // Remembered even when the address already matches (after Back or Forward), so the
    // next move is compared with the view now shown.
    *last_navigation.borrow_mut() = Some(navigation);
}

/// The fragment for the address bar: the view, plus the reports when the page was opened
/// from data (so a reload brings them back) and they still fit in a link.
fn address_fragment(view: &ViewState, shared_data: Option<&SharedData>) -> String {
    if let Some(data) = shared_data {
        let plain: Vec<(&str, &CoverageReport)> = data
            .reports
            .iter()
            .map(|(name, report)| (name.as_str(), &*report.0))
            .collect();
        let patches = PatchesToShare {
            patches: data
                .patches
                .patches
                .items
                .iter()
                .map(|loaded| (loaded.name.as_str(), &*loaded.patch.0))
                .collect(),
            selected: data.patches.selected().map(|loaded| loaded.name.as_str()),
            baseline: data.baseline_name.as_deref(),
        };
        if let Ok(encoded) = encode_share_fragment_with_patches(view, &plain, &patches) {
            if fits_in_share_link(&encoded) {
                return encoded.fragment;
            }
        }
    }
    encode_view_fragment(view)
}
