//! Sharing: the share panel, and whether the address follows the view (and carries data).
use std::rc::Rc;

use crate::core::model::CoverageReport;
use crate::core::share::{
    describe_share_size, encode_share_fragment_with_patches, fits_in_share_link, PatchesToShare,
    ViewState,
};

/// What the share panel shows: the link when the data fits, and a sentence either way.
#[derive(Clone, Debug, PartialEq)]
pub struct SharePanel {
    pub link: Option<String>,
    pub message: String,
    /// The fragment a standalone file carries (the same data and view as the link), or
    /// why these reports cannot be encoded.
    pub standalone_data: Result<Rc<str>, String>,
    /// Set while the standalone file is being prepared or when preparing it failed.
    pub standalone_note: Option<String>,
}

/// The share panel and the address's part in sharing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShareStatus {
    /// The share panel, while open.
    pub panel: Option<SharePanel>,
    /// True once the start-up sources (demo, link, standalone data, `?src=`) were queued;
    /// the address is only written from then on, so an incoming link is read first.
    pub started: bool,
    /// The page was opened from a link or file carrying data: the address keeps carrying
    /// it, so a reload restores the same reports.
    pub keep_data_in_address: bool,
}

/// What the person does with the share panel, and what preparing a file reports.
#[derive(Clone, Debug)]
pub enum ShareAction {
    /// Opens the panel for the view and reports shown now; links start with
    /// `page_address` (the page's address without its fragment).
    Open {
        page_address: String,
    },
    SetStandaloneNote {
        note: Option<String>,
    },
    Close,
}

impl ShareStatus {
    /// Applies the actions that need nothing but the panel (see `AppState::apply` for
    /// `Open`).
    pub fn apply(&mut self, action: ShareAction) {
        match action {
            ShareAction::Open { .. } => {}
            ShareAction::SetStandaloneNote { note } => {
                if let Some(panel) = &mut self.panel {
                    panel.standalone_note = note;
                }
            }
            ShareAction::Close => self.panel = None,
        }
    }
}

/// Encodes the reports, the diffs and the view; says why when they cannot travel in a
/// link.
pub fn share_panel_for(
    view: &ViewState,
    reports: &[(&str, &CoverageReport)],
    patches: &PatchesToShare,
    page_address: &str,
) -> SharePanel {
    match encode_share_fragment_with_patches(view, reports, patches) {
        Ok(encoded) => {
            let link = fits_in_share_link(&encoded)
                .then(|| format!("{page_address}#{}", encoded.fragment));
            SharePanel {
                link,
                message: capitalized(&describe_share_size(&encoded)),
                standalone_data: Ok(Rc::from(encoded.fragment)),
                standalone_note: None,
            }
        }
        Err(problem) => SharePanel {
            link: None,
            message: format!(
                "These reports cannot travel in a link ({problem}); share the standalone file instead."
            ),
            standalone_data: Err(problem.to_string()),
            standalone_note: None,
        },
    }
}

fn capitalized(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}
