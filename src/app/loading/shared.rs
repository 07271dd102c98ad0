//! The data a share link or a standalone file carries: reports and diffs already parsed,
//! and the view to show. It is decoded on the page within the share format's caps; a problem is
//! a load error named "the link", like any file's.
use yew::Callback;

use crate::app::state::{Action, LoadAction, LoadOrigin};
use crate::core::share::{decode_share_fragment, SharedPatches, ViewState};
use crate::core::text::ParseOutcome;

/// What the page's link data brought in.
pub struct SharedArrival {
    /// True when it carried reports (and they were loaded, with their view).
    pub brought_reports: bool,
    /// The view it named when it carried no reports: it names reports loaded later (the
    /// demo, say), so it applies once they are there.
    pub view_without_reports: Option<ViewState>,
}

/// What a load error from link data is named.
const LINK_FILE_NAME: &str = "the link";

/// Decodes each text (a standalone file's data, then the address's fragment) and loads
/// what it carries. Later texts win: a standalone file's address may hold a newer view
/// (the person filtered, then reloaded), and a link's fragment may carry data of its own.
pub fn take_in_shared_data(
    texts: impl IntoIterator<Item = String>,
    dispatch: &Callback<Action>,
) -> SharedArrival {
    let mut reports = Vec::new();
    let mut patches = SharedPatches::default();
    let mut view = None;
    let mut problems = Vec::new();
    for outcome in texts.into_iter().map(|text| decode_share_fragment(&text)) {
        if let Some(problem) = outcome.first_error() {
            problems.push(problem.to_string());
        }
        if let Some(payload) = outcome.value {
            if !payload.reports.is_empty() {
                reports = payload.reports;
                patches = payload.patches;
            }
            view = Some(payload.view);
        }
    }
    for problem in problems {
        let emit = |action: LoadAction| dispatch.emit(action.into());
        emit(LoadAction::Start {
            file_count: 1,
            origin: LoadOrigin::Person,
        });
        emit(LoadAction::Finish {
            file_name: LINK_FILE_NAME.to_string(),
            outcome: ParseOutcome::failure(problem),
            table_index: None,
            origin: LoadOrigin::Person,
        });
    }
    if reports.is_empty() {
        return SharedArrival {
            brought_reports: false,
            view_without_reports: view,
        };
    }
    dispatch.emit(
        LoadAction::Shared {
            reports,
            view: view.unwrap_or_default(),
        }
        .into(),
    );
    if !patches.patches.is_empty() {
        dispatch.emit(LoadAction::SharedPatches { patches }.into());
    }
    SharedArrival {
        brought_reports: true,
        view_without_reports: None,
    }
}
