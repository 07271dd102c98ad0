//! What the two Istanbul JSON parsers (`coverage-final.json` and `coverage-summary.json`)
//! share: progress reports, borrowed strings, the plausibility cap, and the messages for
//! JSON that cannot be read, with the key path of a wrong value written as Istanbul's
//! objects are addressed (`["/src/a.js"].s["3"]`).
use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// How many bytes pass between two progress reports, at the least.
const PROGRESS_STEP: usize = 1 << 20;

/// The largest count Covscope believes. A real report stays far below (a statement run
/// 10^15 times would take days of nothing else); anything above is damage or a crafted
/// file, and refusing it keeps every sum of counts far from overflowing.
pub(super) const LARGEST_PLAUSIBLE_COUNT: u64 = 1_000_000_000_000_000;

/// Tells the caller how far the parse got, from the file keys borrowed out of the input.
pub(super) struct Progress<'callback> {
    input_start: usize,
    input_length: usize,
    next_report_at: usize,
    on_progress: &'callback mut dyn FnMut(usize),
}

impl<'callback> Progress<'callback> {
    pub(super) fn new(bytes: &[u8], on_progress: &'callback mut dyn FnMut(usize)) -> Self {
        Progress {
            input_start: bytes.as_ptr() as usize,
            input_length: bytes.len(),
            next_report_at: PROGRESS_STEP,
            on_progress,
        }
    }

    /// Reports the offset of a key that points into the input, once per step. Keys with
    /// escapes are copies, not slices of the input, and give no position.
    pub(super) fn at_key(&mut self, key: &str) {
        let Some(offset) = (key.as_ptr() as usize).checked_sub(self.input_start) else {
            return;
        };
        if offset >= self.next_report_at && offset <= self.input_length {
            (self.on_progress)(offset);
            self.next_report_at = offset.saturating_add(PROGRESS_STEP);
        }
    }

    /// The last report: everything was read.
    pub(super) fn finish(self) {
        (self.on_progress)(self.input_length);
    }
}

/// A JSON string borrowed from the input when it has no escapes, copied when it has.
pub(super) struct BorrowedText<'a>(pub(super) Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for BorrowedText<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(BorrowedTextVisitor)
    }
}

struct BorrowedTextVisitor;

impl<'de> Visitor<'de> for BorrowedTextVisitor {
    type Value = BorrowedText<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(BorrowedText(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(BorrowedText(Cow::Owned(text.to_string())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(BorrowedText(Cow::Owned(text)))
    }
}

/// Where a wrong value is, for the message: the path of keys from the top.
pub(super) struct KeyPath<'path> {
    pub(super) path: &'path serde_path_to_error::Path,
    /// Keys whose children are addressed as `["key"]` (Istanbul's maps keyed by index or
    /// path), where other keys are fields (`.start.line`).
    pub(super) keyed_maps: &'static [&'static str],
}

impl fmt::Display for KeyPath<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        let mut previous_key: Option<&str> = None;
        let mut written_anything = false;
        for (depth, segment) in self.path.iter().enumerate() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => write!(formatter, "[{index}]")?,
                serde_path_to_error::Segment::Map { key } => {
                    let keyed = depth == 0
                        || previous_key.is_some_and(|parent| self.keyed_maps.contains(&parent));
                    if keyed {
                        write!(formatter, "[{}]", quote(key))?;
                    } else {
                        if written_anything {
                            formatter.write_str(".")?;
                        }
                        formatter.write_str(key)?;
                    }
                }
                serde_path_to_error::Segment::Enum { variant } => write!(formatter, "::{variant}")?,
                serde_path_to_error::Segment::Unknown => formatter.write_str(".?")?,
            }
            previous_key = match segment {
                serde_path_to_error::Segment::Map { key } => Some(key.as_str()),
                _ => None,
            };
            written_anything = true;
        }
        if !written_anything {
            formatter.write_str("the top level")?;
        }
        Ok(())
    }
}

/// A format as messages name it.
pub(super) struct ExpectedFormat {
    /// "an Istanbul coverage-final.json".
    pub(super) name: &'static str,
    /// What its top level is: "an object keyed by file path".
    pub(super) top_level: &'static str,
}

/// What kind of JSON value the text starts with, for a top level of the wrong kind.
fn json_kind_at_start(text: &str) -> &'static str {
    match text.trim_start().chars().next() {
        Some('[') => "an array",
        Some('"') => "a string",
        Some('t' | 'f') => "a boolean",
        Some('n') => "null",
        Some('{') => "an object of another shape",
        _ => "a number",
    }
}

/// Explains why serde_json could not read the text: bad syntax (with line and column), a
/// top level of the wrong kind, or a value of the wrong type at a key path.
pub(super) fn describe_json_error(
    text: &str,
    error: &serde_json::Error,
    key_path: &KeyPath<'_>,
    format: &ExpectedFormat,
) -> String {
    let words = strip_position(&error.to_string());
    if error.is_syntax() || error.is_eof() {
        return format!(
            "the file is not valid JSON: {words} (line {}, column {})",
            error.line(),
            error.column()
        );
    }
    if key_path.path.iter().next().is_none() {
        return format!(
            "the file is JSON but not {}: the top level is {}, not {}",
            format.name,
            json_kind_at_start(text),
            format.top_level
        );
    }
    if let Some(key) = words
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return format!(
            "the object at {key_path} has the key \"{key}\" twice (line {}, column {})",
            error.line(),
            error.column()
        );
    }
    format!(
        "{key_path} has the wrong type: {words} (line {}, column {})",
        error.line(),
        error.column()
    )
}

/// The message for text after the end of the JSON value.
pub(super) fn describe_trailing_text(error: &serde_json::Error) -> String {
    format!(
        "the file is not valid JSON: {} (line {}, column {})",
        strip_position(&error.to_string()),
        error.line(),
        error.column()
    )
}

/// serde_json appends " at line L column C" to its messages; the position is given
/// separately, in words, so it is removed here.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

/// A text in double quotes with JSON's escapes, as it would appear in the file.
pub(super) fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// `1 file is`, `3 files are`: a count with its noun and verb agreeing.
pub(super) fn count_of(count: usize, singular: &str, plural: &str) -> String {
    if count == 1 {
        format!("1 {singular}")
    } else {
        format!("{count} {plural}")
    }
}
