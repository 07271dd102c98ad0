//! Sharing: the share panel, and whether the address follows the view (and carries data).
/// What the share panel shows: the link when the data fits, and a sentence either way.
#[derive(Clone, Debug, PartialEq)]
pub struct SharePanel {
    pub link: Option<String>,
    pub message: String,
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
    OpenPanel { panel: SharePanel },
    SetStandaloneNote { note: Option<String> },
    ClosePanel,
}

impl ShareStatus {
    pub fn apply(&mut self, action: ShareAction) {
        match action {
            ShareAction::OpenPanel { panel } => self.panel = Some(panel),
            ShareAction::SetStandaloneNote { note } => {
                if let Some(panel) = &mut self.panel {
                    panel.standalone_note = note;
                }
            }
            ShareAction::ClosePanel => self.panel = None,
        }
    }
}
