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

/// Reads JSON in one pass with serde_json and `seed`; the error is
/// the message for the person, naming the key path of a wrong value.
///
/// serde_json's default recursion limit (128) stays on: deeply nested hostile input gets
/// an error instead of exhausting the stack.
pub(super) fn read_json<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    seed: S,
    keyed_maps: &'static [&'static str],
    format: &ExpectedFormat,
) -> Result<S::Value, String> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = seed
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    value.map_err(|error| {
        let path = key_path_at(text, error_offset(text, &error));
        describe_json_error(
            text,
            &error,
            &KeyPath {
                path: &path,
                keyed_maps,
            },
            format,
        )
    })
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

/// A value that must be a JSON object. serde's derived structs also accept an array of
/// their fields in order, which Istanbul never writes; read through this, an array gets
/// "expected an object" instead of a confusing complaint about its first element.
pub(super) struct ObjectOnly<T>(pub(super) T);

/// What an object read through [`ObjectOnly`] is called in messages.
pub(super) trait ObjectKind {
    /// "an Istanbul file coverage object".
    const DESCRIPTION: &'static str;
}

impl<'de, T: Deserialize<'de> + ObjectKind> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectOnlyVisitor(std::marker::PhantomData))
    }
}

struct ObjectOnlyVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de> + ObjectKind> Visitor<'de> for ObjectOnlyVisitor<T> {
    type Value = ObjectOnly<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(T::DESCRIPTION)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(ObjectOnly)
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

/// One step of a key path: a key of an object, or a position in an array.
#[derive(Debug, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// The byte just after the place serde_json names (its lines and columns count from 1).
fn error_offset(text: &str, error: &serde_json::Error) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    line_start.saturating_add(error.column())
}

/// Which value of the document the bytes before `offset` end in: the keys and array
/// positions from the top, read by following the JSON's brackets, strings, colons and
/// commas up to there.
///
/// serde_json names the place right after a refused value, or just before the opening
/// bracket of a refused object or array, so a key counts only once its colon has been
/// passed, and a container not yet opened is the refused value itself.
fn key_path_at(text: &str, offset: usize) -> Vec<Segment> {
    /// An open container and how far into it the bytes are.
    enum Open {
        Object { key: Option<String>, in_value: bool },
        Array { index: usize },
    }
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut open: Vec<Open> = Vec::new();
    let mut position = 0;
    while position < end {
        let byte = bytes[position];
        match byte {
            b'"' => {
                let start = position;
                position += 1;
                while position < bytes.len() && bytes[position] != b'"' {
                    position += if bytes[position] == b'\\' { 2 } else { 1 };
                }
                if let Some(Open::Object {
                    key,
                    in_value: false,
                }) = open.last_mut()
                {
                    let literal = text.get(start..=position).unwrap_or("\"\"");
                    *key = Some(serde_json::from_str(literal).unwrap_or_default());
                }
            }
            b'{' => open.push(Open::Object {
                key: None,
                in_value: false,
            }),
            b'[' => open.push(Open::Array { index: 0 }),
            b'}' | b']' => {
                open.pop();
            }
            b':' => {
                if let Some(Open::Object { in_value, .. }) = open.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match open.last_mut() {
                Some(Open::Object { key, in_value }) => {
                    *key = None;
                    *in_value = false;
                }
                Some(Open::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        position += 1;
    }
    let mut path = Vec::new();
    for container in open {
        match container {
            Open::Object {
                key: Some(key),
                in_value: true,
            } => path.push(Segment::Key(key)),
            Open::Array { index } => path.push(Segment::Index(index)),
            // A container the bytes have not yet gone into is the refused value itself.
            _ => break,
        }
    }
    path
}

/// Where a wrong value is, for the message: the path of keys from the top.
struct KeyPath<'path> {
    path: &'path [Segment],
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
                Segment::Index(index) => write!(formatter, "[{index}]")?,
                Segment::Key(key) => {
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
            }
            previous_key = match segment {
                Segment::Key(key) => Some(key.as_str()),
                Segment::Index(_) => None,
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
    if key_path.path.is_empty() {
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
