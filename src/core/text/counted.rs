//! A count with its noun in the right number ("1 folder", "3 files"), and the nouns the
//! page counts, as data: every sentence that says how many of something there are takes
//! its noun from here, so none says "1 folders".

use std::fmt::Display;

/// A noun, or a noun phrase with its verb, in the singular and the plural: `file` and
/// `files`, `record has` and `records have`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Noun {
    pub one: &'static str,
    pub many: &'static str,
}

impl Noun {
    pub const fn new(one: &'static str, many: &'static str) -> Noun {
        Noun { one, many }
    }

    /// The form that goes with `count`: the singular for exactly one, else the plural
    /// (English says "0 files").
    pub fn for_count(self, count: impl Count) -> &'static str {
        if count.is_one() {
            self.one
        } else {
            self.many
        }
    }
}

/// A whole number something can be counted in: the index types and the tallies' `u64`.
pub trait Count: Copy + Display {
    fn is_one(self) -> bool;
}

impl Count for usize {
    fn is_one(self) -> bool {
        self == 1
    }
}

impl Count for u32 {
    fn is_one(self) -> bool {
        self == 1
    }
}

impl Count for u64 {
    fn is_one(self) -> bool {
        self == 1
    }
}

/// "1 line" or "3 lines": a count with its noun in the right number.
pub fn counted(count: impl Count, noun: Noun) -> String {
    format!("{count} {}", noun.for_count(count))
}

/// The nouns the page and its messages count, one constant each.
pub mod nouns {
    use super::Noun;

    pub const FILE: Noun = Noun::new("file", "files");
    pub const FOLDER: Noun = Noun::new("folder", "folders");
    pub const ROW: Noun = Noun::new("row", "rows");
    pub const LINE: Noun = Noun::new("line", "lines");
    pub const ADDED_LINE: Noun = Noun::new("added line", "added lines");
    pub const TEST: Noun = Noun::new("test", "tests");
    pub const REPORT: Noun = Noun::new("report", "reports");
    pub const PHASE: Noun = Noun::new("phase", "phases");
    pub const CLAIM: Noun = Noun::new("claim", "claims");
    pub const BRANCH: Noun = Noun::new("branch", "branches");
    pub const FUNCTION_OR_CLASS: Noun = Noun::new("function or class", "functions and classes");
    pub const INSTANTIATION: Noun = Noun::new("instantiation", "instantiations");
}
