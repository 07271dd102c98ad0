//! What the streaming JSON parsers (llvm-cov's export, tarpaulin's report) share: reading a
//! document twice only when it fails, so the message can name the key path, the wording of
//! those messages, text borrowed from the input, and progress told from where that text is;
//! and, for every JSON parser, a line number read so that it fits the model.
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};

use crate::core::model::LineNumber;

/// Tells the caller how far the parse got, from strings borrowed out of the input.
///
/// Shared by reference between the seeds that read a document (and between the two
/// readings of a failing one), so the state it keeps is in cells.
pub(super) struct InputProgress<'callback> {
    input_start: usize,
    input_length: usize,
    next_report_at: Cell<usize>,
    on_progress: RefCell<&'callback mut dyn FnMut(usize)>,
}

/// How many bytes pass between two progress reports, at the least.
const PROGRESS_STEP: usize = 1 << 20;

impl<'callback> InputProgress<'callback> {
    pub fn new(bytes: &[u8], on_progress: &'callback mut dyn FnMut(usize)) -> Self {
        InputProgress {
            input_start: bytes.as_ptr() as usize,
            input_length: bytes.len(),
            next_report_at: Cell::new(PROGRESS_STEP),
            on_progress: RefCell::new(on_progress),
        }
    }

    /// Reports the offset of a string that points into the input, once per step; a copied
    /// string (one with escapes) gives no position and is passed over.
    pub fn at_text(&self, text: &str) {
        let Some(offset) = (text.as_ptr() as usize).checked_sub(self.input_start) else {
            return;
        };
        if offset >= self.next_report_at.get() && offset <= self.input_length {
            if let Ok(mut on_progress) = self.on_progress.try_borrow_mut() {
                (*on_progress)(offset);
            }
            self.next_report_at
                .set(offset.saturating_add(PROGRESS_STEP));
        }
    }

    /// The last report: the whole input was looked at, whatever the outcome.
    pub fn finish(self) {
        (self.on_progress.into_inner())(self.input_length);
    }
}

/// A string from the input: borrowed when it has no escapes, which is nearly always.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct InputText<'de>(pub Cow<'de, str>);

impl<'de: 'text, 'text> de::Deserialize<'de> for InputText<'text> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(InputTextVisitor(std::marker::PhantomData))
    }
}

struct InputTextVisitor<'text>(std::marker::PhantomData<&'text ()>);

impl<'de: 'text, 'text> Visitor<'de> for InputTextVisitor<'text> {
    type Value = InputText<'text>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(InputText(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(InputText(Cow::Owned(text.to_string())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(InputText(Cow::Owned(text)))
    }
}

/// Reads a whole JSON document with a seed: quickly first, and only when that fails a second
/// time with key-path tracking (several times slower), to say where. `make_seed` is called
/// once per reading.
pub(super) fn read_json_document<'de, S, T>(
    text: &'de str,
    mut make_seed: impl FnMut() -> S,
) -> Result<T, String>
where
    S: DeserializeSeed<'de, Value = T>,
{
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // serde_json's default recursion limit (128) stays on: deeply nested hostile input gets
    // an error instead of exhausting the stack.
    if let Ok(value) = make_seed().deserialize(&mut deserializer) {
        if deserializer.end().is_ok() {
            return Ok(value);
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut track = serde_path_to_error::Track::new();
    let read = make_seed().deserialize(serde_path_to_error::Deserializer::new(
        &mut deserializer,
        &mut track,
    ));
    match read {
        Ok(value) => match deserializer.end() {
            Ok(()) => Ok(value),
            Err(trailing) => Err(describe_syntax_error(text, &trailing)),
        },
        Err(error) => Err(describe_error(text, &track.path(), &error)),
    }
}

/// A failure in words: a syntax error with its place, or a value that is not what the
/// format has, named by its key path (`data[0].files[3].segments[17]`).
fn describe_error(
    text: &str,
    path: &serde_path_to_error::Path,
    error: &serde_json::Error,
) -> String {
    if error.is_syntax() || error.is_eof() {
        return describe_syntax_error(text, error);
    }
    let words = strip_position(&error.to_string());
    let place = format!("(line {}, column {})", error.line(), error.column());
    let owner = format_key_path(path);
    if let Some(key) = between(&words, "missing field `", "`") {
        return format!("{owner} has no \"{key}\", which the format always has {place}");
    }
    if let Some(key) = between(&words, "duplicate field `", "`") {
        return format!("{owner} has the key \"{key}\" twice {place}");
    }
    const TYPE_PROBLEMS: [&str; 4] = [
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
    ];
    if TYPE_PROBLEMS
        .iter()
        .any(|problem| words.starts_with(problem))
    {
        return format!("{owner} has the wrong type: {words} {place}");
    }
    // The parsers' own findings are worded to follow the path ("… is 10^16, more than …").
    format!("{owner} {words} {place}")
}

fn describe_syntax_error(text: &str, error: &serde_json::Error) -> String {
    let words = strip_position(&error.to_string());
    let place = format!("(line {}, column {})", error.line(), error.column());
    if error.is_eof() {
        return format!(
            "the file is not valid JSON: it ends too early ({words}) {place}; it was probably cut short"
        );
    }
    match non_json_literal_at(text, error) {
        Some(literal) => format!(
            "the file is not valid JSON: {words}: `{literal}` is not allowed in JSON {place}"
        ),
        None => format!("the file is not valid JSON: {words} {place}"),
    }
}

/// The number literals some writers put into JSON although JSON has none of them, when one
/// is where the error is (serde_json counts columns in bytes, from 1).
fn non_json_literal_at(text: &str, error: &serde_json::Error) -> Option<&'static str> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = line_start + error.column().saturating_sub(1);
    let from = |offset: usize| text.get(offset..).unwrap_or("");
    ["NaN", "-Infinity", "Infinity"]
        .into_iter()
        .find(|literal| {
            from(offset).starts_with(literal)
                || (literal.starts_with('-') && from(offset.saturating_sub(1)).starts_with(literal))
        })
}

/// serde_json appends " at line L column C" to its messages; the position is given
/// separately, in words, so it is removed here.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

fn between<'text>(text: &'text str, before: &str, after: &str) -> Option<&'text str> {
    let rest = text.strip_prefix(before)?;
    let end = rest.find(after)?;
    Some(&rest[..end])
}

/// `data[0].files[3]`, or "the top level" for the empty path.
fn format_key_path(path: &serde_path_to_error::Path) -> String {
    let mut formatted = String::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => {
                formatted.push_str(&format!("[{index}]"));
            }
            serde_path_to_error::Segment::Map { key } => {
                if !formatted.is_empty() {
                    formatted.push('.');
                }
                formatted.push_str(key);
            }
            serde_path_to_error::Segment::Enum { variant } => {
                formatted.push_str(&format!("::{variant}"));
            }
            serde_path_to_error::Segment::Unknown => formatted.push_str(".?"),
        }
    }
    if formatted.is_empty() {
        "the top level".to_string()
    } else {
        formatted
    }
}

/// A string in double quotes with JSON's escapes, for naming paths in messages.
pub(super) fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

/// Warnings of one kind, gathered per place and reported once with a count and the first.
#[derive(Debug, Default)]
pub(super) struct GatheredWarnings {
    places: Vec<String>,
}

impl GatheredWarnings {
    pub fn push(&mut self, place: String) {
        self.places.push(place);
    }

    /// "{what} in N places (first: …){consequence}", or nothing when nothing was gathered.
    pub fn sentence(&self, what: &str, consequence: &str) -> Option<String> {
        let first = self.places.first()?;
        let places = if self.places.len() == 1 {
            "place"
        } else {
            "places"
        };
        Some(format!(
            "{what} in {} {places} (first: {first}){consequence}",
            self.places.len()
        ))
    }
}

/// The largest count Covscope believes. A real report stays far below (10^15 lines would be
/// a billion files of a million lines); anything above is damage or a crafted file, and
/// refusing it keeps every sum of counts far from overflowing.
pub(super) const LARGEST_PLAUSIBLE_COUNT: u64 = 1_000_000_000_000_000;

/// A count read from the input and refused, naming its key path, when above
/// [`LARGEST_PLAUSIBLE_COUNT`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct PlausibleCount(pub u64);

impl<'de> de::Deserialize<'de> for PlausibleCount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let count = u64::deserialize(deserializer)?;
        if count > LARGEST_PLAUSIBLE_COUNT {
            return Err(de::Error::custom(format!(
                "is {count}, more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"
            )));
        }
        Ok(PlausibleCount(count))
    }
}

/// A line number read from the input. It is read as a `u64` first, so a value of the wrong
/// type is described as serde always described it; a number beyond [`LineNumber`] is
/// refused as serde refuses any number out of range, naming the value, never cut to fit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct JsonLineNumber(pub LineNumber);

impl<'de> de::Deserialize<'de> for JsonLineNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let line = u64::deserialize(deserializer)?;
        LineNumber::try_from(line).map(JsonLineNumber).map_err(|_| {
            de::Error::invalid_value(de::Unexpected::Unsigned(line), &"a line number below 2^32")
        })
    }
}
