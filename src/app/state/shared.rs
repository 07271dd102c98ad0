//! A loaded value shared between the state and the components that draw it.
use std::rc::Rc;

/// A report or document shared by the state and the components, never copied.
///
/// Equality is identity: two loads of the same bytes are still two reports, and comparing
/// whole reports on every render would cost time proportional to their size.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
