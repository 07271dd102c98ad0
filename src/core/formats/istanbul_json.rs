//! What the two Istanbul JSON parsers (`coverage-final.json` and `coverage-summary.json`)
//! share: progress reports, borrowed strings, the plausibility cap, and the messages for
//! JSON that cannot be read, with the key path of a wrong value written as Istanbul's
//! objects are addressed (`["/src/a.js"].s["3"]`).
use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, Visitor};

use crate::core::model::CoverageReport;
use crate::core::text::{decode_utf8_text, Diagnostic, ParseOutcome};

/// How many bytes pass between two progress reports, at the least.
const PROGRESS_STEP: usize = 1 << 20;

/// The largest count Covscope believes. A real report stays far below (a statement run
/// 10^15 times would take days of nothing else); anything above is damage or a crafted
/// file, and refusing it keeps every sum of counts far from overflowing.
pub(super) const LARGEST_PLAUSIBLE_COUNT: u64 = 1_000_000_000_000_000;

/// Decodes the bytes as UTF-8 text and reads them with `read`, reporting progress about
/// every MiB (through the [`Progress`] `read` is given) and last with `bytes.len()`.
pub(super) fn read_report(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    read: impl FnOnce(&str, &mut Progress<'_>) -> ParseOutcome<CoverageReport>,
) -> ParseOutcome<CoverageReport> {
    let mut progress = Progress::new(bytes, on_progress);
    let outcome = match decode_utf8_text(bytes) {
        Ok(text) => read(text, &mut progress),
        Err(problem) => ParseOutcome::failure(problem.describe()),
    };
    progress.finish();
    outcome
}

/// Reads well-formed JSON in one pass with plain serde_json and the seed `make_seed`
/// builds; only when that fails is the text read again with key-path tracking, which is
/// slower, to say where. The error is the message for the person.
///
/// serde_json's default recursion limit (128) stays on: deeply nested hostile input gets
/// an error instead of exhausting the stack.
pub(super) fn read_json<'de, 'p, 'callback, S: DeserializeSeed<'de>>(
    text: &'de str,
    progress: &'p mut Progress<'callback>,
    make_seed: fn(Option<&'p mut Progress<'callback>>) -> S,
    keyed_maps: &'static [&'static str],
    format: &ExpectedFormat,
) -> Result<S::Value, String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match make_seed(Some(progress)).deserialize(&mut deserializer) {
        Ok(value) => match deserializer.end() {
            Ok(()) => Ok(value),
            Err(trailing) => Err(format!(
                "the file is not valid JSON: {} (line {}, column {})",
                strip_position(&trailing.to_string()),
                trailing.line(),
                trailing.column()
            )),
        },
        Err(_) => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let mut track = serde_path_to_error::Track::new();
            let tracked = serde_path_to_error::Deserializer::new(&mut deserializer, &mut track);
            match make_seed(None).deserialize(tracked) {
                Err(error) => Err(describe_json_error(
                    text,
                    &error,
                    &KeyPath {
                        path: &track.path(),
                        keyed_maps,
                    },
                    format,
                )),
                // The quick reading failed, so this one does too; should they ever
                // differ, the quick reading's failure still deserves a message.
                Ok(_) => Err("the file could not be read as JSON".to_string()),
            }
        }
    }
}

/// Tells the caller how far the parse got, from the file keys borrowed out of the input.
pub(super) struct Progress<'callback> {
    input_start: usize,
    input_length: usize,
    next_report_at: usize,
    on_progress: &'callback mut dyn FnMut(usize),
}

impl<'callback> Progress<'callback> {
    fn new(bytes: &[u8], on_progress: &'callback mut dyn FnMut(usize)) -> Self {
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
    fn finish(self) {
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
struct KeyPath<'path> {
    path: &'path serde_path_to_error::Path,
    /// Keys whose children are addressed as `["key"]` (Istanbul's maps keyed by index or
    /// path), where other keys are fields (`.start.line`).
    keyed_maps: &'static [&'static str],
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
fn describe_json_error(
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

/// One kind of oddity gathered over a whole report, said once with a count and the first
/// place: `2 counts have no entry ... (first: ["/a.js"].s["2"]); they are counted...`.
pub(super) struct GatheredNote<'n> {
    pub(super) places: &'n [String],
    pub(super) singular: &'static str,
    pub(super) plural: &'static str,
    /// What Covscope did about it, starting with `; `.
    pub(super) consequence: &'static str,
}

/// Adds a warning for each kind of oddity that was seen at all.
pub(super) fn push_gathered_notes(warnings: &mut Vec<Diagnostic>, notes: &[GatheredNote<'_>]) {
    for note in notes {
        if let Some(first) = note.places.first() {
            warnings.push(Diagnostic::warning(format!(
                "{} (first: {first}){}",
                count_of(note.places.len(), note.singular, note.plural),
                note.consequence
            )));
        }
    }
}
