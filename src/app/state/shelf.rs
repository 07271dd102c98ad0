//! A list of loaded things in load order with one of them selected: the report list and
//! the document list both work this way.

/// Something that sits on a shelf: it has an id, and it is either the demo's or the
/// person's own.
pub trait Shelved {
    fn id(&self) -> u64;
    fn is_demo(&self) -> bool;
}

/// Makes loaded things shelved by their `id` and `is_demo` fields.
macro_rules! shelved_by_fields {
    ($($item:ty),* $(,)?) => {
        $(impl Shelved for $item {
            fn id(&self) -> u64 {
                self.id
            }

            fn is_demo(&self) -> bool {
                self.is_demo
            }
        })*
    };
}

shelved_by_fields!(
    super::reports::LoadedReport,
    super::documents::LoadedDocument
);

/// Loaded things in load order and the selected one.
#[derive(Clone, Debug, PartialEq)]
pub struct Shelf<T> {
    pub items: Vec<T>,
    pub selected_id: Option<u64>,
}

impl<T> Default for Shelf<T> {
    fn default() -> Self {
        Shelf {
            items: Vec::new(),
            selected_id: None,
        }
    }
}

impl<T: Shelved> Shelf<T> {
    pub fn find(&self, id: u64) -> Option<&T> {
        self.items.iter().find(|item| item.id() == id)
    }

    pub fn selected(&self) -> Option<&T> {
        self.find(self.selected_id?)
    }

    /// True once the person loaded anything onto this shelf.
    pub fn has_user_items(&self) -> bool {
        self.items.iter().any(|item| !item.is_demo())
    }

    /// Selects an item; false when no item has that id.
    pub fn select(&mut self, id: u64) -> bool {
        let known = self.find(id).is_some();
        if known {
            self.selected_id = Some(id);
        }
        known
    }

    /// Selects the item `step` places from the selected one, wrapping round.
    pub fn select_neighbour(&mut self, step: isize) {
        if self.items.is_empty() {
            return;
        }
        let current = self
            .selected_id
            .and_then(|id| self.items.iter().position(|item| item.id() == id))
            .unwrap_or(0) as isize;
        let count = self.items.len() as isize;
        let next = (current + step).rem_euclid(count) as usize;
        self.selected_id = Some(self.items[next].id());
    }

    /// Removes an item; when it was selected, the one that takes its place (or the new
    /// last one) is selected instead.
    pub fn remove(&mut self, id: u64) {
        let Some(position) = self.items.iter().position(|item| item.id() == id) else {
            return;
        };
        self.items.remove(position);
        if self.selected_id == Some(id) {
            let next = position.min(self.items.len().saturating_sub(1));
            self.selected_id = self.items.get(next).map(Shelved::id);
        }
    }

    /// Takes the demo's items away, for the person's own.
    pub fn remove_demo(&mut self) {
        self.items.retain(|item| !item.is_demo());
    }
}
