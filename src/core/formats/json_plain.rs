//! Reads the plainest JSON by hand, byte by byte: strings without escapes, integers,
//! lists of them and objects keyed by such strings, as coverage tools write them; anything
//! else is left to serde_json.
//!
//! A report's bulk is its line lists (`[2, 3, 4, 5, 7]`) or, in Istanbul's, its statements'
//! locations and counts. serde_json reads each number through its general deserializer,
//! element by element, and that was 40% of the parsing worker's time on a 200,000-file
//! coverage.py report (BENCHMARKS.md, "Plain lists read by hand"). The readings here
//! accept only a subset of JSON whose value serde_json would read the same, and say
//! [`PlainPart::NotPlain`] at anything else (an escape, a number with a fraction, an
//! exponent, a sign on zero or a leading zero, one too large, another type, a syntax
//! error): the caller then reads the same text with serde_json, so every value and every
//! message stays serde_json's own. A format's plain reading of a file entry
//! (`coverage_py/plain_file_entry.rs`, `istanbul/plain_file_entry.rs`) reads the parts
//! that are not bulk with serde_json where they start ([`ReceivedWindow::serde_value`]).
use super::json_as_it_arrives::{PartRead, ReceivedWindow};

/// What a plain reading of a part gave.
pub enum PlainPart<T> {
    /// The part, and the offset in the window just after it.
    Read(T, usize),
    /// The window ended inside the part, and more of the file is to come.
    NotYet,
    /// Not in the plain form, or the file ended inside it: serde_json reads it instead.
    NotPlain,
}

impl<T> PlainPart<T> {
    /// The part made into another by `convert`, with where the next starts.
    pub(super) fn map<U>(self, convert: impl FnOnce(T) -> U) -> PlainPart<U> {
        self.and_then(|part, next| PlainPart::Read(convert(part), next))
    }

    /// Reads on from a part that was read: `read_on` gets the part and where the next
    /// starts.
    pub(super) fn and_then<U>(
        self,
        read_on: impl FnOnce(T, usize) -> PlainPart<U>,
    ) -> PlainPart<U> {
        match self {
            PlainPart::Read(part, next) => read_on(part, next),
            PlainPart::NotYet => PlainPart::NotYet,
            PlainPart::NotPlain => PlainPart::NotPlain,
        }
    }
}

impl<T> From<PartRead<T>> for PlainPart<T> {
    /// The driver's reading of a part as a plain one: what the driver does not expect
    /// (another byte, the file's end) is not plain, and serde_json says what it is.
    fn from(part: PartRead<T>) -> Self {
        match part {
            PartRead::Read(value, next) => PlainPart::Read(value, next),
            PartRead::NotYet => PlainPart::NotYet,
            PartRead::Unexpected => PlainPart::NotPlain,
        }
    }
}

/// The most digits a plain integer has: eighteen never overflow an `i64`, and a number
/// written with more is left to serde_json, which reads it whatever its size.
const PLAIN_INTEGER_MOST_DIGITS: usize = 18;

impl<'text> ReceivedWindow<'text> {
    /// What a plain reading says when the window ends inside its part.
    fn plain_part_cut<T>(&self) -> PlainPart<T> {
        if self.reaches_input_end {
            PlainPart::NotPlain
        } else {
            PlainPart::NotYet
        }
    }

    /// The byte at `at` after whitespace, with its offset (the driver's `next_byte`).
    pub(super) fn plain_next_byte(&self, at: usize) -> PlainPart<u8> {
        self.next_byte(at).into()
    }

    /// A string at `at` (its opening quote) without escapes: its text, borrowed.
    pub(super) fn plain_string(&self, at: usize) -> PlainPart<&'text str> {
        let bytes = self.text.as_bytes();
        if bytes.get(at) != Some(&b'"') {
            return PlainPart::NotPlain;
        }
        let start = at + 1;
        match bytes[start..]
            .iter()
            .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)
        {
            // The window is whole characters, and a quote is one, so both ends are
            // character boundaries.
            Some(length) if bytes[start + length] == b'"' => {
                PlainPart::Read(&self.text[start..start + length], start + length + 1)
            }
            // An escape, or a control character serde_json refuses.
            Some(_) => PlainPart::NotPlain,
            None => self.plain_part_cut(),
        }
    }

    /// An integer at `at` as serde_json reads one into an integer type: an optional minus,
    /// then `0` or digits not starting with `0`, and no fraction or exponent after them.
    /// `-0` is not plain: serde_json reads it as a float.
    pub(super) fn plain_integer(&self, at: usize) -> PlainPart<i64> {
        let bytes = self.text.as_bytes();
        let negative = bytes.get(at) == Some(&b'-');
        let digits_start = at + usize::from(negative);
        let mut end = digits_start;
        let mut magnitude: i64 = 0;
        while let Some(&byte) = bytes.get(end) {
            if !byte.is_ascii_digit() {
                break;
            }
            if end - digits_start == PLAIN_INTEGER_MOST_DIGITS {
                return PlainPart::NotPlain;
            }
            magnitude = magnitude * 10 + i64::from(byte - b'0');
            end += 1;
        }
        let digit_count = end - digits_start;
        match bytes.get(end) {
            // The digits may go on in the next window.
            None => return self.plain_part_cut(),
            Some(b'.' | b'e' | b'E') => return PlainPart::NotPlain,
            Some(_) => {}
        }
        let leading_zero = digit_count > 1 && bytes[digits_start] == b'0';
        if digit_count == 0 || leading_zero || (negative && magnitude == 0) {
            return PlainPart::NotPlain;
        }
        PlainPart::Read(if negative { -magnitude } else { magnitude }, end)
    }

    /// A list at `at` (its opening bracket) of elements read by `element`, each made from
    /// the window and its offset, into `buffer` (cleared first); the offset after the
    /// list's closing bracket.
    pub(super) fn plain_list<T>(
        &self,
        at: usize,
        buffer: &mut Vec<T>,
        mut element: impl FnMut(&Self, usize) -> PlainPart<T>,
    ) -> PlainPart<()> {
        buffer.clear();
        if self.text.as_bytes().get(at) != Some(&b'[') {
            return PlainPart::NotPlain;
        }
        let mut at = match self.plain_next_byte(at + 1) {
            PlainPart::Read(b']', closing) => return PlainPart::Read((), closing + 1),
            PlainPart::Read(_, first) => first,
            PlainPart::NotYet => return PlainPart::NotYet,
            PlainPart::NotPlain => return PlainPart::NotPlain,
        };
        loop {
            match element(self, at) {
                PlainPart::Read(value, after) => {
                    buffer.push(value);
                    at = after;
                }
                PlainPart::NotYet => return PlainPart::NotYet,
                PlainPart::NotPlain => return PlainPart::NotPlain,
            }
            at = match self.plain_next_byte(at) {
                PlainPart::Read(b',', comma) => self.skip_whitespace(comma + 1),
                PlainPart::Read(b']', closing) => return PlainPart::Read((), closing + 1),
                PlainPart::Read(..) | PlainPart::NotPlain => return PlainPart::NotPlain,
                PlainPart::NotYet => return PlainPart::NotYet,
            };
        }
    }

    /// A list of exactly two plain integers at `at` (`[18, -22]`), as coverage.py writes
    /// an arc.
    pub(super) fn plain_integer_pair(&self, at: usize) -> PlainPart<[i64; 2]> {
        self.plain_byte(at, b'[').and_then(|(), first| {
            self.plain_integer(self.skip_whitespace(first))
                .and_then(|from, after_from| {
                    self.plain_byte(after_from, b',').and_then(|(), second| {
                        self.plain_integer(self.skip_whitespace(second))
                            .and_then(|to, after_to| {
                                self.plain_byte(after_to, b']')
                                    .and_then(|(), end| PlainPart::Read([from, to], end))
                            })
                    })
                })
        })
    }

    /// An object's next key at `at`, after the `,` that separates it from the entry before
    /// (unless it is the first), and the `:` after it: the key, borrowed, and the offset of
    /// its value after whitespace; `None` with the offset after the `}` when the object ends
    /// instead.
    pub(super) fn plain_object_key(&self, at: usize, first: bool) -> PlainPart<Option<&'text str>> {
        let key_at = match self.plain_next_byte(at) {
            PlainPart::Read(b'}', closing) => return PlainPart::Read(None, closing + 1),
            PlainPart::Read(b',', comma) if !first => self.skip_whitespace(comma + 1),
            PlainPart::Read(b'"', quote) if first => quote,
            PlainPart::Read(..) | PlainPart::NotPlain => return PlainPart::NotPlain,
            PlainPart::NotYet => return PlainPart::NotYet,
        };
        self.plain_string(key_at).and_then(|key, after_key| {
            self.plain_byte(after_key, b':')
                .and_then(|(), after_colon| {
                    PlainPart::Read(Some(key), self.skip_whitespace(after_colon))
                })
        })
    }

    /// An object at `at` (its opening brace) whose keys are plain strings: `entry` gets each
    /// key and the offset of its value, reads the value and gives the offset after it; the
    /// offset after the object's closing brace.
    pub(super) fn plain_object(
        &self,
        at: usize,
        mut entry: impl FnMut(&'text str, usize) -> PlainPart<()>,
    ) -> PlainPart<()> {
        if self.text.as_bytes().get(at) != Some(&b'{') {
            return PlainPart::NotPlain;
        }
        let mut at = at + 1;
        let mut first = true;
        loop {
            match self.plain_object_entry(at, first, &mut entry) {
                PlainPart::Read(Some(()), after_value) => at = after_value,
                PlainPart::Read(None, after_object) => return PlainPart::Read((), after_object),
                PlainPart::NotYet => return PlainPart::NotYet,
                PlainPart::NotPlain => return PlainPart::NotPlain,
            }
            first = false;
        }
    }

    /// An object's next entry at `at` (see [`ReceivedWindow::plain_object_key`]): what
    /// `value` makes of the key and the value it reads at the given offset, and the offset
    /// after them; `None` with the offset after the `}` when the object ends instead.
    pub(super) fn plain_object_entry<V>(
        &self,
        at: usize,
        first: bool,
        value: impl FnOnce(&'text str, usize) -> PlainPart<V>,
    ) -> PlainPart<Option<V>> {
        self.plain_object_key(at, first)
            .and_then(|key, value_at| match key {
                Some(key) => value(key, value_at).map(Some),
                None => PlainPart::Read(None, value_at),
            })
    }

    /// An object at `at` read as serde reads a struct with a derived `Deserialize`: each
    /// key of `fields` at most once (serde refuses a field given twice, so such an object is
    /// not plain), its value read by `read_field` with the field's position in `fields`
    /// and the value's offset; any other key's value skipped, as serde skips it.
    pub(super) fn plain_struct(
        &self,
        at: usize,
        fields: &[&str],
        mut read_field: impl FnMut(usize, usize) -> PlainPart<()>,
    ) -> PlainPart<()> {
        // Which fields were read, a bit each: a struct here has a few, and only the first
        // 64 names are looked for (a field past them would read as an unknown key).
        let fields = &fields[..fields.len().min(64)];
        let mut fields_read: u64 = 0;
        self.plain_object(at, |key, value_at| {
            match fields.iter().position(|&name| name == key) {
                None => self
                    .serde_value::<serde::de::IgnoredAny>(value_at)
                    .map(|serde::de::IgnoredAny| ()),
                Some(index) if fields_read & (1 << index) != 0 => PlainPart::NotPlain,
                Some(index) => {
                    fields_read |= 1 << index;
                    read_field(index, value_at)
                }
            }
        })
    }

    /// A value at `at` read by serde_json, as the whole reading reads it: for the parts of
    /// an entry that are not plain lists (a summary, a function's entry).
    pub(super) fn serde_value<T: serde::Deserialize<'text>>(&self, at: usize) -> PlainPart<T> {
        self.value::<T>(at).into()
    }

    /// The byte `expected` at `at` after whitespace, and the offset after it (the driver's
    /// `byte`).
    pub(super) fn plain_byte(&self, at: usize, expected: u8) -> PlainPart<()> {
        self.byte(at, expected).into()
    }
}
