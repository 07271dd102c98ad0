//! What the line-oriented coverage formats (LCOV tracefiles, Go cover profiles) share: one
//! pass over the lines with progress, exact decimal numbers, warnings gathered per kind, and
//! one sort.
//!
//! Both formats are one record per line, so the text is walked once with `memchr` and every
//! line is a `&str` borrowed from the input: nothing is allocated per line.

use std::cmp::Ordering;

use crate::core::text::{counted, decode_utf8_text, Noun, ParseOutcome};

/// How many bytes pass between two progress reports, at the least.
const PROGRESS_STEP: usize = 1 << 20;

/// The largest count Covscope believes (as for coverage.py's JSON): a line number, hit
/// count or statement count above it is damage or a made-up file, and refusing it keeps
/// every sum far from overflowing.
pub const LARGEST_PLAUSIBLE_COUNT: u64 = 1_000_000_000_000_000;

/// Decodes a line-oriented report as UTF-8 (a byte order mark dropped) and gives `read` the
/// text and its lines, which report progress as they go; the last report is the input's
/// length, as every parser's is. Input that is not UTF-8 fails as `decode_utf8_text` says.
pub fn read_lines_reporting_progress<Value>(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    read: impl FnOnce(&str, TextLines<'_, '_>) -> ParseOutcome<Value>,
) -> ParseOutcome<Value> {
    let outcome = match decode_utf8_text(bytes) {
        Ok(text) => {
            // The lines report their places in the bytes given, after any byte order mark.
            let offset_in_input = (text.as_ptr() as usize).saturating_sub(bytes.as_ptr() as usize);
            read(
                text,
                TextLines::new(text, offset_in_input, &mut *on_progress),
            )
        }
        Err(problem) => ParseOutcome::failure(problem.describe()),
    };
    on_progress(bytes.len());
    outcome
}

/// One line of the input: its 1-based number and its text without the line ending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextLine<'text> {
    pub number: usize,
    pub text: &'text str,
}

/// Walks the lines of a text once, telling `on_progress` about every MiB passed.
///
/// A line ends at `\n`; a `\r` before it (Windows line endings) is dropped, so is the
/// ASCII whitespace at the end of a line, as lcov's own reader does (`s/\s+$//`).
pub struct TextLines<'text, 'callback> {
    text: &'text str,
    /// Where the text starts inside the bytes the caller was given (after a byte-order mark).
    offset_in_input: usize,
    position: usize,
    number: usize,
    next_report_at: usize,
    on_progress: &'callback mut dyn FnMut(usize),
}

impl<'text, 'callback> TextLines<'text, 'callback> {
    pub fn new(
        text: &'text str,
        offset_in_input: usize,
        on_progress: &'callback mut dyn FnMut(usize),
    ) -> Self {
        TextLines {
            text,
            offset_in_input,
            position: 0,
            number: 0,
            next_report_at: PROGRESS_STEP,
            on_progress,
        }
    }

    /// Whether the text ended without a line ending after its last line: a file cut short
    /// often does, so the parsers say so when that last line is unreadable.
    pub fn ends_without_newline(&self) -> bool {
        !self.text.is_empty() && !self.text.ends_with('\n')
    }
}

impl<'text> Iterator for TextLines<'text, '_> {
    type Item = TextLine<'text>;

    fn next(&mut self) -> Option<TextLine<'text>> {
        let bytes = self.text.as_bytes();
        let start = self.position;
        if start >= bytes.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        self.position = end + 1;
        self.number += 1;
        let read_so_far = self.offset_in_input + start;
        if read_so_far >= self.next_report_at {
            (self.on_progress)(read_so_far);
            self.next_report_at = read_so_far + PROGRESS_STEP;
        }
        // `\n` and the ASCII whitespace trimmed off are one byte each, so the cut is at
        // character boundaries.
        let kept = bytes
            .get(start..end)
            .map_or(0, |line| line.trim_ascii_end().len());
        let text = self.text.get(start..start + kept).unwrap_or("");
        Some(TextLine {
            number: self.number,
            text,
        })
    }
}

/// Why a field that should be a whole number is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    /// Empty, or holds something other than the digits 0-9.
    NotANumber,
    /// A number, but above [`LARGEST_PLAUSIBLE_COUNT`] (or beyond 64 bits).
    Implausible,
}

/// Reads a field of ASCII digits exactly (no sign, no spaces, no exponent), refusing
/// numbers above [`LARGEST_PLAUSIBLE_COUNT`].
pub fn parse_count(field: &str) -> Result<u64, NumberProblem> {
    let digits = field.as_bytes();
    if digits.is_empty() {
        return Err(NumberProblem::NotANumber);
    }
    let mut value: u64 = 0;
    let mut too_large = false;
    for &byte in digits {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return Err(NumberProblem::NotANumber);
        }
        match value
            .checked_mul(10)
            .and_then(|value| value.checked_add(u64::from(digit)))
        {
            Some(next) => value = next,
            None => too_large = true,
        }
    }
    if too_large || value > LARGEST_PLAUSIBLE_COUNT {
        return Err(NumberProblem::Implausible);
    }
    Ok(value)
}

/// The whole number the bytes start with and the bytes after it, when it is at most
/// [`LARGEST_PLAUSIBLE_COUNT`]: the quick reading of a well-formed field. `None` (no digit,
/// or a number out of range) leaves the field to [`parse_count`], which says what is wrong.
pub fn leading_count(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let digits = bytes
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count();
    // Sixteen digits stay below 2^64, so the sum below cannot overflow.
    if digits == 0 || digits > 16 {
        return None;
    }
    let (number, rest) = bytes.split_at(digits);
    let value = number
        .iter()
        .fold(0u64, |value, digit| value * 10 + u64::from(digit - b'0'));
    (value <= LARGEST_PLAUSIBLE_COUNT).then_some((value, rest))
}

/// The error for a number no real report holds, naming the line and the field.
pub fn implausible_number_message(line: TextLine<'_>, field: &str, value: &str) -> String {
    format!(
        "line {}: the {field} {} is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up",
        line.number,
        shortened(value, 40)
    )
}

/// A line of the input as a message quotes it: at most `limit` characters, in backticks.
pub fn quoted_line(text: &str) -> String {
    format!("`{}`", shortened(text, 80))
}

fn shortened(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Warnings of one kind, gathered over the whole file and reported once: how many places,
/// and the first of them as an example.
#[derive(Debug, Default)]
pub struct GatheredWarning {
    count: usize,
    first_example: Option<String>,
}

impl GatheredWarning {
    /// Counts one more place; the example text is built only for the first.
    pub fn note(&mut self, example: impl FnOnce() -> String) {
        if self.first_example.is_none() {
            self.first_example = Some(example());
        }
        self.count += 1;
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// The warning text: `what` with the count and the example, or `None` when nothing was
    /// noted. `what` receives the count and whether it is one, to phrase the sentence.
    pub fn describe(&self, what: impl FnOnce(usize) -> String) -> Option<String> {
        let example = self.first_example.as_ref()?;
        Some(format!("{} (first: {example})", what(self.count)))
    }
}

/// What could not be read, in a line-based format's own words: the noun in both numbers
/// and how it was read ("as blocks"; empty for none).
pub struct SkippedUnit<'a> {
    pub noun: Noun,
    pub read_as: &'a str,
}

/// "3 lines could not be read as blocks and were skipped": the warning both line-based
/// formats give for what they could not read, with a note when the file ends inside a line
/// (a cut file).
pub fn skipped_text(count: usize, unit: SkippedUnit<'_>, last_line_cut: bool) -> String {
    format!(
        "{} could not be read{} and {} skipped{}",
        counted(count, unit.noun),
        unit.read_as,
        if count == 1 { "was" } else { "were" },
        if last_line_cut {
            "; the file ends in the middle of a line, so it may be cut short"
        } else {
            ""
        }
    )
}

/// Sorts `items` by `compare`, keeping equal items in their order, through one sort routine
/// for every caller.
///
/// Each `sort_by` over another element type or closure is a separate copy of the standard
/// library's sort in the WebAssembly (about 4 KB each); sorting positions with a comparison
/// behind a reference gives the parsers one copy, and costs an indirect call per comparison.
/// Input that is already in order is returned as is.
pub fn sort_stably<T: Copy>(items: &mut [T], compare: &dyn Fn(&T, &T) -> Ordering) {
    if items
        .windows(2)
        .all(|pair| compare(&pair[0], &pair[1]) != Ordering::Greater)
    {
        return;
    }
    let order = sorted_positions(items.len(), &|left, right| {
        compare(&items[left], &items[right]).then(left.cmp(&right))
    });
    let sorted: Vec<T> = order.iter().map(|&position| items[position]).collect();
    items.copy_from_slice(&sorted);
}

/// The positions `0..count` in the order `compare` gives them.
fn sorted_positions(count: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..count).collect();
    positions.sort_unstable_by(|&left, &right| compare(left, right));
    positions
}
