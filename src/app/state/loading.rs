//! Loads under way and loads that failed: what the progress bar and the error list show.
use std::collections::BTreeMap;

use super::reports::SharedTableIndex;
use crate::core::analysis::read_document::PageContent;
use crate::core::model::CoverageReport;
use crate::core::share::{SharedPatches, ViewState};
use crate::core::text::ParseOutcome;

/// Whose files a load brings: the person's own, or the demo shown before they load any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadOrigin {
    Person,
    /// The demo is an offer, not the person's file: its loads show no progress and no
    /// errors, and it never joins what the person loaded.
    Demo,
}

/// How far one file's load has come: bytes read plus bytes parsed, of twice its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadProgress {
    pub done_bytes: u64,
    pub total_bytes: u64,
}

/// A file that could not be loaded, with the reason in the user's words.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub id: u64,
    pub file_name: String,
    pub message: String,
}

/// The person's loads under way and those that failed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadingStatus {
    /// Files being read or parsed right now; the progress indicator shows while non-zero.
    pub files_in_flight: usize,
    /// Bytes done and bytes in all, per file whose parse reports progress (the large
    /// ones, parsed in a worker), so the progress bar can move.
    pub progress: BTreeMap<String, LoadProgress>,
    pub errors: Vec<LoadError>,
}

/// What the loading road reports, and what the person does about loads.
#[derive(Clone, Debug)]
pub enum LoadAction {
    /// Files are about to load; each ends in one `Finish`, unless the person cancels.
    Start {
        file_count: usize,
        origin: LoadOrigin,
    },
    Progress {
        file_name: String,
        progress: LoadProgress,
    },
    /// A file's load ended. A report the parsing worker parsed comes with its table's row
    /// index, made for exactly this report (`None` from every other road: the table then
    /// builds it).
    Finish {
        file_name: String,
        outcome: ParseOutcome<PageContent>,
        table_index: Option<SharedTableIndex>,
        origin: LoadOrigin,
    },
    /// The person stopped the loads under way; what was loaded before stays.
    Cancel,
    DismissError {
        id: u64,
    },
    /// The reports a share link or standalone file carried, then the view it shows.
    Shared {
        reports: Vec<(String, CoverageReport)>,
        view: ViewState,
    },
    /// The diffs a share link or standalone file carried (after its reports).
    SharedPatches {
        patches: SharedPatches,
    },
}

impl LoadingStatus {
    /// Bytes done and bytes in all over the loads that report progress, or `None` when
    /// none does yet (the bar then shows that something is happening, not how much).
    pub fn overall_progress(&self) -> Option<LoadProgress> {
        if self.progress.is_empty() {
            return None;
        }
        Some(self.progress.values().fold(
            LoadProgress {
                done_bytes: 0,
                total_bytes: 0,
            },
            |sum, progress| LoadProgress {
                done_bytes: sum.done_bytes.saturating_add(progress.done_bytes),
                total_bytes: sum.total_bytes.saturating_add(progress.total_bytes),
            },
        ))
    }

    pub fn start(&mut self, file_count: usize) {
        self.files_in_flight += file_count;
    }

    pub fn report_progress(&mut self, file_name: String, progress: LoadProgress) {
        // A message that arrives after a cancel does not bring the bar back.
        if self.files_in_flight > 0 {
            self.progress.insert(file_name, progress);
        }
    }

    pub fn cancel(&mut self) {
        self.files_in_flight = 0;
        self.progress.clear();
    }

    /// One file's load ended, whichever way.
    pub fn finish(&mut self, file_name: &str) {
        self.files_in_flight = self.files_in_flight.saturating_sub(1);
        self.progress.remove(file_name);
        if self.files_in_flight == 0 {
            self.progress.clear();
        }
    }

    pub fn add_error(&mut self, error: LoadError) {
        self.errors.push(error);
    }

    pub fn dismiss_error(&mut self, id: u64) {
        self.errors.retain(|error| error.id != id);
    }
}
