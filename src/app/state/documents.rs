//! The loaded planning documents and which one the reader shows.
use super::shared::Shared;
use super::shelf::Shelf;
use crate::core::analysis::read_document::ReadDocument;

/// A planning document as the parsing worker read it (facts, claims, rendered body),
/// shared between the state and the components; equality is identity.
pub type SharedDocument = Shared<ReadDocument>;

/// One loaded markdown document in the document list.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedDocument {
    pub id: u64,
    pub document: SharedDocument,
    pub warnings: Vec<String>,
    pub is_demo: bool,
}

/// The documents in load order and the one the reader shows.
pub type DocumentShelf = Shelf<LoadedDocument>;

/// What the person does to the document list.
#[derive(Clone, Debug)]
pub enum DocumentAction {
    /// Opens a document in the reader.
    Select {
        id: u64,
    },
    Remove {
        id: u64,
    },
}

impl Shelf<LoadedDocument> {
    /// The document a link names, by path or, failing that, by file name.
    pub fn id_named(&self, path: &str) -> Option<u64> {
        self.items
            .iter()
            .find(|loaded| {
                loaded.document.0.document.path == path
                    || loaded.document.0.document.file_name == path
            })
            .map(|loaded| loaded.id)
    }

    /// Adds a document. One the person loaded makes the demo documents go, replaces a
    /// document with the same path (a re-dropped folder updates it), and the first one is
    /// selected; a demo document is added as it is, the first one selected. True when this
    /// was the person's first document, which the reader then shows.
    pub fn add(&mut self, loaded: LoadedDocument) -> bool {
        if loaded.is_demo {
            if self.selected_id.is_none() {
                self.selected_id = Some(loaded.id);
            }
            self.items.push(loaded);
            return false;
        }
        let had_user_documents = self.has_user_items();
        self.remove_demo();
        let id = loaded.id;
        let same_path = self.items.iter().position(|existing| {
            existing.document.0.document.path == loaded.document.0.document.path
        });
        let replaced_selected = match same_path {
            Some(position) => {
                let old_id = self.items[position].id;
                self.items[position] = loaded;
                self.selected_id == Some(old_id)
            }
            None => {
                self.items.push(loaded);
                false
            }
        };
        if !had_user_documents || replaced_selected || self.selected().is_none() {
            self.selected_id = Some(id);
        }
        !had_user_documents
    }
}
