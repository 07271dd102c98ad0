//! The loaded diffs, the one the patch view shows, its baseline report and the patch
//! coverage target.
use super::shared::Shared;
use super::shelf::{Shelf, Shelved};
use super::AppState;
use crate::core::model::Patch;
use crate::core::share::{PatchesToShare, SharedPatches};

/// A diff shared between the state and the components; equality is identity.
pub type SharedPatch = Shared<Patch>;

/// The patch coverage target when the person has set none: Codecov's and diff-cover's
/// usual `--fail-under` in the projects we know is 80%.
pub const DEFAULT_PATCH_THRESHOLD_PERCENT: f64 = 80.0;

/// One loaded diff in the patch view's list.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedPatch {
    pub id: u64,
    /// The file name shown (made unique with a " (2)" suffix when needed).
    pub name: String,
    pub patch: SharedPatch,
    /// What the diff parser warned about (wrong hunk counts, skipped sections).
    pub warnings: Vec<String>,
}

impl Shelved for LoadedPatch {
    fn id(&self) -> u64 {
        self.id
    }

    /// The demo brings no diff.
    fn is_demo(&self) -> bool {
        false
    }
}

/// The diffs, the one shown, the baseline report and the target.
#[derive(Clone, Debug, PartialEq)]
pub struct PatchSettings {
    pub patches: Shelf<LoadedPatch>,
    /// The report the differential categories start from; none shows patch coverage alone.
    pub baseline_id: Option<u64>,
    /// The patch coverage the verdict asks for, in percent (0 to 100); remembered.
    pub threshold_percent: f64,
}

/// What the person does in the patch view.
#[derive(Clone, Debug)]
pub enum PatchAction {
    Select { id: u64 },
    Remove { id: u64 },
    SetBaseline { report_id: Option<u64> },
    SetThreshold { percent: f64 },
}

impl Default for PatchSettings {
    fn default() -> Self {
        PatchSettings {
            patches: Shelf::default(),
            baseline_id: None,
            threshold_percent: DEFAULT_PATCH_THRESHOLD_PERCENT,
        }
    }
}

impl PatchSettings {
    pub fn apply(&mut self, action: PatchAction) {
        match action {
            PatchAction::Select { id } => {
                self.patches.select(id);
            }
            PatchAction::Remove { id } => self.patches.remove(id),
            PatchAction::SetBaseline { report_id } => self.baseline_id = report_id,
            PatchAction::SetThreshold { percent } => {
                if let Some(percent) = valid_threshold(percent) {
                    self.threshold_percent = percent;
                }
            }
        }
    }

    /// Adds a diff under a name no other diff has and shows it.
    pub fn add(&mut self, patch: LoadedPatch) {
        let taken = |candidate: &str| self.patches.items.iter().any(|item| item.name == candidate);
        let name = if taken(&patch.name) {
            (2..)
                .map(|number| format!("{} ({number})", patch.name))
                .find(|candidate| !taken(candidate))
                .unwrap_or(patch.name.clone())
        } else {
            patch.name.clone()
        };
        self.patches.selected_id = Some(patch.id);
        self.patches.items.push(LoadedPatch { name, ..patch });
    }

    pub fn selected(&self) -> Option<&LoadedPatch> {
        self.patches.selected()
    }

    fn id_named(&self, name: &str) -> Option<u64> {
        self.patches
            .items
            .iter()
            .find(|loaded| loaded.name == name)
            .map(|loaded| loaded.id)
    }
}

/// A target the person may set: a finite percent from 0 to 100; anything else (an old
/// or edited stored value, a cleared box) is refused.
pub fn valid_threshold(percent: f64) -> Option<f64> {
    (percent.is_finite() && (0.0..=100.0).contains(&percent)).then_some(percent)
}

impl AppState {
    /// The same state with the patch coverage target remembered from an earlier visit.
    pub fn with_patch_threshold(mut self, percent: Option<f64>) -> AppState {
        if let Some(percent) = percent.and_then(valid_threshold) {
            self.patch.threshold_percent = percent;
        }
        self
    }

    /// The baseline report of the differential categories, while it is loaded.
    pub fn patch_baseline(&self) -> Option<&super::LoadedReport> {
        self.reports.find(self.patch.baseline_id?)
    }

    /// The loaded diffs and what the patch view shows of them, as links carry them.
    pub fn patches_to_share(&self) -> PatchesToShare<'_> {
        PatchesToShare {
            patches: self
                .patch
                .patches
                .items
                .iter()
                .map(|loaded| (loaded.name.as_str(), &*loaded.patch.0))
                .collect(),
            selected: self.patch.selected().map(|loaded| loaded.name.as_str()),
            baseline: self.patch_baseline().map(|loaded| loaded.name.as_str()),
        }
    }

    /// Takes in the diffs a link or standalone file carried, with the diff and baseline
    /// its patch view showed, as far as those are loaded.
    pub(super) fn take_in_shared_patches(&mut self, shared: SharedPatches) {
        for (name, patch) in shared.patches {
            let id = self.take_id();
            self.patch.add(LoadedPatch {
                id,
                name,
                patch: Shared(std::rc::Rc::new(patch)),
                warnings: Vec::new(),
            });
        }
        if let Some(id) = shared
            .selected
            .as_deref()
            .and_then(|name| self.patch.id_named(name))
        {
            self.patch.patches.selected_id = Some(id);
        }
        self.patch.baseline_id = shared
            .baseline
            .as_deref()
            .and_then(|name| self.reports.id_named(name));
    }
}
