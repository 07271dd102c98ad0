//! The source files the person handed over (a dropped project folder, sources dropped
//! beside a report), the base address sources are fetched from (`?source=`), and what
//! each fetch brought.
use std::collections::BTreeMap;
use std::rc::Rc;

use super::shared::Shared;

/// One source file's text, shared with the views that draw it.
pub type SharedText = Shared<String>;

/// A source file handed over, by its path in the dropped folder.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedSource {
    pub path: String,
    pub text: SharedText,
}

/// A file that was handed over as a source but not kept, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedSource {
    pub path: String,
    pub reason: String,
}

/// What fetching one address brought: the text, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchedSource {
    Pending,
    Text(SharedText),
    Failed(String),
}

/// Every source the views can draw from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceLibrary {
    /// In the order they came; a file handed over again replaces the earlier one.
    pub files: Vec<LoadedSource>,
    pub refused: Vec<RefusedSource>,
    /// The `?source=` base address, when the page was opened with one.
    pub base_address: Option<String>,
    /// Each fetched address and what it brought.
    pub fetched: BTreeMap<String, FetchedSource>,
}

/// What the loading road reports about sources.
#[derive(Clone, Debug)]
pub enum SourceAction {
    /// Source files read in one load, and those refused.
    Add {
        files: Vec<(String, String)>,
        refused: Vec<RefusedSource>,
    },
    SetBaseAddress {
        address: String,
    },
    /// A fetch of an address began.
    FetchStarted {
        address: String,
    },
    Fetched {
        address: String,
        outcome: Result<String, String>,
    },
    DismissRefused,
}

impl SourceLibrary {
    pub fn apply(&mut self, action: SourceAction) {
        match action {
            SourceAction::Add { files, refused } => {
                for (path, text) in files {
                    self.files.retain(|file| file.path != path);
                    self.files.push(LoadedSource {
                        path,
                        text: Shared(Rc::new(text)),
                    });
                }
                self.refused.extend(refused);
            }
            SourceAction::SetBaseAddress { address } => self.base_address = Some(address),
            SourceAction::FetchStarted { address } => {
                self.fetched.insert(address, FetchedSource::Pending);
            }
            SourceAction::Fetched { address, outcome } => {
                let fetched = match outcome {
                    Ok(text) => FetchedSource::Text(Shared(Rc::new(text))),
                    Err(reason) => FetchedSource::Failed(reason),
                };
                self.fetched.insert(address, fetched);
            }
            SourceAction::DismissRefused => self.refused.clear(),
        }
    }

    /// The paths of the files handed over, in order, for matching a report's paths.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|file| file.path.as_str())
    }
}
