//! The frontmatter of a document: its types, and `read`, which reads a block as YAML and,
//! when that fails, line by line.
//!
//! The children each do one step and never call one another or back into `read`: `split`
//! finds the block, `yaml` and `lenient` turn its text into entries, `display` renders
//! values for a person. Every scalar keeps its spelling (`08` stays `08` at any depth) and
//! the file line it starts on, so nobody looks for a value in the text again.
//!
//! Refs: get-shit-done templates (verification-report.md, phase-prompt.md/PLAN, summary.md)
//! and gsd-tools frontmatter reader (`extractFrontmatter`), whose line-by-line fallback the
//! lenient reader follows.
use serde::{Deserialize, Serialize};
mod display;
mod lenient;
mod split;
mod yaml;

use std::ops::Deref;

use crate::core::text::Diagnostic;

pub(crate) use split::{line_spans, split_frontmatter};

/// At most this many duplicate keys are named one by one; the rest are counted.
const MAX_DUPLICATE_WARNINGS: usize = 20;

/// The frontmatter of one document, with its keys in file order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frontmatter {
    /// The top-level keys and their values, in the order they appear in the file.
    pub entries: Vec<FrontmatterEntry>,
    /// Whether the block was read as YAML or, after YAML failed, line by line.
    pub reading: FrontmatterReading,
    /// Whether a closing `---` line ended the block where it was meant to end.
    pub closed: bool,
    /// The text between the delimiters exactly as written, for a "view raw" panel.
    pub raw_text: String,
    /// The 1-based file line of the first line inside the block.
    pub first_line: usize,
}

/// How the frontmatter text was turned into entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FrontmatterReading {
    /// The block is valid YAML and was read by the YAML parser.
    Yaml,
    /// The block is not valid YAML; a forgiving line reader produced the entries.
    Lenient,
}

/// One key and its value, at any nesting level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrontmatterEntry {
    pub key: String,
    /// The 1-based file line of the key.
    pub line: usize,
    pub value: FrontmatterValue,
}

/// A frontmatter value; scalars are kept as text because GSD files drift between types.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FrontmatterValue {
    /// A key with nothing after it, or an explicit YAML null.
    Empty,
    /// Any scalar (string, number, boolean, date) as written.
    Text(Scalar),
    /// A sequence of values.
    List(Vec<FrontmatterValue>),
    /// A mapping whose keys keep their file order.
    Map(Vec<FrontmatterEntry>),
}

/// A scalar exactly as the author wrote it (`08`, `1.50`, `True`; quotes and escapes of a
/// quoted scalar resolved), with the 1-based file line it starts on. It reads as a `str`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scalar {
    pub text: String,
    pub line: usize,
}

/// One row for a fact panel: a top-level key and its value rendered as readable text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactRow {
    pub key: String,
    pub text: String,
}

/// The frontmatter text found at the top of a document, before it is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FrontmatterBlock<'a> {
    pub text: &'a str,
    pub first_line: usize,
    pub closed: bool,
}

/// A document cut into its frontmatter block (if any) and the markdown body after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SplitDocument<'a> {
    pub block: Option<FrontmatterBlock<'a>>,
    pub body: &'a str,
    /// The 1-based file line on which the body starts.
    pub body_first_line: usize,
}

impl Scalar {
    pub fn new(text: impl Into<String>, line: usize) -> Scalar {
        Scalar {
            text: text.into(),
            line,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl Deref for Scalar {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl Frontmatter {
    /// The value of a top-level key, if present.
    pub fn get(&self, key: &str) -> Option<&FrontmatterValue> {
        self.entry(key).map(|entry| &entry.value)
    }

    /// The top-level entry of a key, with its line.
    pub fn entry(&self, key: &str) -> Option<&FrontmatterEntry> {
        self.entries.iter().find(|entry| entry.key == key)
    }

    /// The value of the first of several spellings of a key (e.g. `tech-stack`, `tech_stack`).
    pub fn get_any(&self, keys: &[&str]) -> Option<&FrontmatterValue> {
        keys.iter().find_map(|key| self.get(key))
    }

    /// Whether a top-level key is present at all, even with an empty value.
    pub fn has_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Every top-level key with its value rendered as readable text, in file order.
    pub fn fact_rows(&self) -> Vec<FactRow> {
        self.entries
            .iter()
            .map(|entry| FactRow {
                key: entry.key.clone(),
                text: entry.value.display_text(),
            })
            .collect()
    }
}

impl FrontmatterValue {
    /// The scalar text, or `None` for lists, maps and empty values.
    pub fn as_text(&self) -> Option<&str> {
        self.as_scalar().map(Scalar::as_str)
    }

    /// The scalar with its line, or `None` for lists, maps and empty values.
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match self {
            FrontmatterValue::Text(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The value of a key when this value is a map.
    pub fn get(&self, key: &str) -> Option<&FrontmatterValue> {
        match self {
            FrontmatterValue::Map(entries) => entries
                .iter()
                .find(|entry| entry.key == key)
                .map(|entry| &entry.value),
            _ => None,
        }
    }

    /// The value of the first of several spellings of a key when this value is a map.
    pub fn get_any(&self, keys: &[&str]) -> Option<&FrontmatterValue> {
        keys.iter().find_map(|key| self.get(key))
    }

    /// Whether the value carries nothing: empty, blank text, or an empty list or map.
    pub fn is_empty(&self) -> bool {
        match self {
            FrontmatterValue::Empty => true,
            FrontmatterValue::Text(text) => text.trim().is_empty(),
            FrontmatterValue::List(items) => items.is_empty(),
            FrontmatterValue::Map(entries) => entries.is_empty(),
        }
    }

    /// The value as a list of texts: a list gives one text per item, a scalar gives itself.
    ///
    /// Type drift is common (`depends_on: "12-01"` instead of a list), so a scalar is
    /// accepted wherever a list is expected.
    pub fn text_items(&self) -> Vec<String> {
        match self {
            FrontmatterValue::Empty => Vec::new(),
            FrontmatterValue::Text(text) if text.trim().is_empty() => Vec::new(),
            FrontmatterValue::Text(text) => vec![text.trim().to_string()],
            FrontmatterValue::List(items) => items
                .iter()
                .filter(|item| !item.is_empty())
                .map(FrontmatterValue::display_text)
                .collect(),
            FrontmatterValue::Map(_) => vec![self.display_text()],
        }
    }

    /// The value rendered for a person: scalars as they are, short lists on one line,
    /// everything else as indented `key: value` and `- item` lines.
    pub fn display_text(&self) -> String {
        display::display_text(self)
    }
}

/// Reads a frontmatter block: as YAML when it is valid, otherwise line by line with a warning.
pub(crate) fn read(block: &FrontmatterBlock<'_>, warnings: &mut Vec<Diagnostic>) -> Frontmatter {
    let lenient = |warnings: &mut Vec<Diagnostic>| {
        (
            lenient::read_lenient_frontmatter(block.text, block.first_line, warnings),
            FrontmatterReading::Lenient,
        )
    };
    let (entries, reading) = match yaml::read_strict_yaml(block.text, block.first_line) {
        Ok(reading) => match reading.root {
            FrontmatterValue::Map(entries) => {
                for duplicate in reading.duplicate_keys.iter().take(MAX_DUPLICATE_WARNINGS) {
                    warnings.push(Diagnostic::warning(format!(
                        "the frontmatter key `{}` appears more than once (line {}); the last \
                         value is kept",
                        duplicate.path, duplicate.line
                    )));
                }
                let unreported = reading
                    .duplicate_keys
                    .len()
                    .saturating_sub(MAX_DUPLICATE_WARNINGS);
                if unreported > 0 {
                    warnings.push(Diagnostic::warning(format!(
                        "{unreported} more frontmatter keys appear more than once; the last \
                         value of each is kept"
                    )));
                }
                (entries, FrontmatterReading::Yaml)
            }
            FrontmatterValue::Empty => (Vec::new(), FrontmatterReading::Yaml),
            other => {
                let shape = match other {
                    FrontmatterValue::List(_) => "a list",
                    _ => "a single value",
                };
                warnings.push(Diagnostic::warning(format!(
                    "the frontmatter is {shape}, not `key: value` lines; it was read line by line \
                     instead"
                )));
                lenient(warnings)
            }
        },
        Err(failure) => {
            let location = failure
                .line
                .map(|line| format!("line {line}: "))
                .unwrap_or_default();
            warnings.push(Diagnostic::warning(format!(
                "the frontmatter is not valid YAML ({location}{}); it was read line by line \
                 instead, so nested values may be approximate",
                failure.message
            )));
            lenient(warnings)
        }
    };
    Frontmatter {
        entries,
        reading,
        closed: block.closed,
        raw_text: block.text.to_string(),
        first_line: block.first_line,
    }
}
