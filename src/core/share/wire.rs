//! The byte vocabulary of share links: varints, floats, checked text, and decoding problems.
//!
//! Numbers are unsigned LEB128 varints; signed differences are zigzag-mapped first, so
//! small differences of either sign take one byte. Text is a varint byte length followed
//! by UTF-8. Every read is bounds-checked and names what it was reading, so a cut-off or
//! crafted link gives a precise message instead of a panic.
use crate::core::model::Metric;

use super::limits::{
    MAX_COUNT_VALUE, MAX_DECODED_ENTRIES, MAX_FILES_PER_REPORT, MAX_REGIONS_PER_FILE,
    MAX_TEXT_BYTES,
};

/// The codes of the metrics in every layout that names one (a report's tallies, a sorted
/// metric column of a view); part of the format, so a code never changes meaning.
pub(crate) const METRIC_CODES: [(Metric, u8); 8] = [
    (Metric::Lines, 0),
    (Metric::Statements, 1),
    (Metric::Branches, 2),
    (Metric::Functions, 3),
    (Metric::Regions, 4),
    (Metric::Instructions, 5),
    (Metric::Complexity, 6),
    (Metric::Classes, 7),
];

pub(crate) fn metric_code(metric: Metric) -> u8 {
    METRIC_CODES
        .iter()
        .find(|(candidate, _)| *candidate == metric)
        .map_or(0, |(_, code)| *code)
}

pub(crate) fn metric_of_code(code: u8) -> Option<Metric> {
    METRIC_CODES
        .iter()
        .find(|(_, candidate)| *candidate == code)
        .map(|(metric, _)| *metric)
}

/// What went wrong while decoding, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WireProblem {
    kind: ProblemKind,
    detail: String,
    /// Where the problem is, innermost first, e.g. `["region 2", "file 1 \"a.py\""]`.
    location: Vec<String>,
}

/// Problems grouped by what the person can do about them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ProblemKind {
    /// The data stops early: the link was cut off on its way.
    Incomplete,
    /// The data is there but makes no sense: the link was altered or never was a link.
    Damaged,
    /// The data is well formed but asks for something Covscope does not accept.
    Refused,
}

/// Which characters a piece of text may contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TextRule {
    /// Names, paths and labels: no control characters other than tab, since they are
    /// shown as single-line text and a hidden newline or escape would mislead.
    Label,
    /// Text the person typed (the filter): anything, only the length is capped.
    FreeText,
}

/// A cursor over bytes whose every read checks the remaining length first.
pub(crate) struct ByteReader<'bytes> {
    bytes: &'bytes [u8],
    position: usize,
    limits: DecodeLimits,
}

/// The number of line numbers, arcs, regions and files a decode may still produce.
pub(crate) struct DecodeBudget {
    entries_left: u64,
}

/// The caps a decode is held to.
///
/// Share links come from strangers, so they get the strict caps of `limits.rs`. A report
/// handed over by Covscope's own parsing worker was just read from a file the person
/// chose, so its caps are as wide as the parser's: anything the parser accepted must
/// arrive, and only the byte-length checks remain to keep a decoding bug from panicking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DecodeLimits {
    pub(crate) max_text_bytes: usize,
    pub(crate) max_count_value: u64,
    pub(crate) max_entries: u64,
    pub(crate) max_files_per_report: u64,
    pub(crate) max_regions_per_file: u64,
    /// Whether names and paths may hold control characters other than tab.
    pub(crate) refuse_control_characters_in_labels: bool,
}

impl DecodeLimits {
    pub(crate) const SHARE_LINK: DecodeLimits = DecodeLimits {
        max_text_bytes: MAX_TEXT_BYTES,
        max_count_value: MAX_COUNT_VALUE,
        max_entries: MAX_DECODED_ENTRIES,
        max_files_per_report: MAX_FILES_PER_REPORT,
        max_regions_per_file: MAX_REGIONS_PER_FILE,
        refuse_control_characters_in_labels: true,
    };

    pub(crate) const WORKER_HAND_OVER: DecodeLimits = DecodeLimits {
        max_text_bytes: usize::MAX,
        max_count_value: u64::MAX,
        max_entries: u64::MAX,
        max_files_per_report: u64::MAX,
        max_regions_per_file: u64::MAX,
        refuse_control_characters_in_labels: false,
    };
}

impl WireProblem {
    pub(crate) fn incomplete(detail: impl Into<String>) -> WireProblem {
        WireProblem::new(ProblemKind::Incomplete, detail)
    }

    pub(crate) fn damaged(detail: impl Into<String>) -> WireProblem {
        WireProblem::new(ProblemKind::Damaged, detail)
    }

    pub(crate) fn refused(detail: impl Into<String>) -> WireProblem {
        WireProblem::new(ProblemKind::Refused, detail)
    }

    fn new(kind: ProblemKind, detail: impl Into<String>) -> WireProblem {
        WireProblem {
            kind,
            detail: detail.into(),
            location: Vec::new(),
        }
    }

    /// Adds an enclosing place, e.g. `file 3 "src/a.py"`; callers add from the inside out.
    pub(crate) fn located(mut self, place: impl Into<String>) -> WireProblem {
        self.location.push(place.into());
        self
    }

    /// The detail with its place, outermost first: `... (report 1 "r", file 2 "a.py")`.
    fn located_detail(&self) -> String {
        if self.location.is_empty() {
            return self.detail.clone();
        }
        let places: Vec<&str> = self.location.iter().rev().map(String::as_str).collect();
        format!("{} ({})", self.detail, places.join(", "))
    }

    /// The sentence shown when a link does not open.
    pub(crate) fn decoding_message(&self) -> String {
        let detail = self.located_detail();
        match self.kind {
            ProblemKind::Incomplete => format!(
                "the link's data is incomplete: {detail}; it was probably cut off when it was copied or sent"
            ),
            ProblemKind::Damaged => format!("the link is damaged: {detail}"),
            ProblemKind::Refused => format!("the link cannot be opened: {detail}"),
        }
    }

    /// The sentence shown when data cannot be put into a link. Encoding checks its output
    /// with the decoder, so an incomplete or damaged result would be Covscope's own bug.
    pub(crate) fn encoding_message(&self) -> String {
        let detail = self.located_detail();
        match self.kind {
            ProblemKind::Refused => format!("this cannot be shared as a link: {detail}"),
            ProblemKind::Incomplete | ProblemKind::Damaged => format!(
                "this cannot be shared as a link because Covscope's link encoder made a mistake ({detail})"
            ),
        }
    }
}

impl<'bytes> ByteReader<'bytes> {
    /// A reader held to the share-link caps.
    pub(crate) fn new(bytes: &'bytes [u8]) -> ByteReader<'bytes> {
        ByteReader::with_limits(bytes, DecodeLimits::SHARE_LINK)
    }

    pub(crate) fn with_limits(bytes: &'bytes [u8], limits: DecodeLimits) -> ByteReader<'bytes> {
        ByteReader {
            bytes,
            position: 0,
            limits,
        }
    }

    pub(crate) fn limits(&self) -> DecodeLimits {
        self.limits
    }

    /// Runs `read` with an empty description and, only when it fails, rewinds and runs it
    /// again with the real one. Descriptions exist for error messages alone, so decoding
    /// a valid report (tens of thousands of counts) formats none of them.
    pub(crate) fn described<T>(
        &mut self,
        describe: impl FnOnce() -> String,
        read: impl Fn(&mut ByteReader<'bytes>, &str) -> Result<T, WireProblem>,
    ) -> Result<T, WireProblem> {
        let start = self.position;
        match read(self, "") {
            Ok(value) => Ok(value),
            Err(_) => {
                self.position = start;
                read(self, &describe())
            }
        }
    }

    pub(crate) fn is_at_end(&self) -> bool {
        self.position >= self.bytes.len()
    }

    pub(crate) fn remaining_len(&self) -> usize {
        self.bytes.len().saturating_sub(self.position)
    }

    /// Fails unless every byte was read: trailing bytes mean the layout was misread.
    pub(crate) fn expect_end(&self, what: &str) -> Result<(), WireProblem> {
        if self.is_at_end() {
            Ok(())
        } else {
            Err(WireProblem::damaged(format!(
                "{what} has {} unexpected bytes at its end",
                self.remaining_len()
            )))
        }
    }

    pub(crate) fn read_slice(
        &mut self,
        length: usize,
        what: &str,
    ) -> Result<&'bytes [u8], WireProblem> {
        let end = self
            .position
            .checked_add(length)
            .filter(|end| *end <= self.bytes.len())
            .ok_or_else(|| WireProblem::incomplete(format!("it ends in the middle of {what}")))?;
        let slice = self
            .bytes
            .get(self.position..end)
            .ok_or_else(|| WireProblem::incomplete(format!("it ends in the middle of {what}")))?;
        self.position = end;
        Ok(slice)
    }

    pub(crate) fn read_u8(&mut self, what: &str) -> Result<u8, WireProblem> {
        let byte =
            self.bytes.get(self.position).copied().ok_or_else(|| {
                WireProblem::incomplete(format!("it ends in the middle of {what}"))
            })?;
        self.position += 1;
        Ok(byte)
    }

    /// Reads one byte that must be 0 or 1.
    pub(crate) fn read_bool(&mut self, what: &str) -> Result<bool, WireProblem> {
        match self.read_u8(what)? {
            0 => Ok(false),
            1 => Ok(true),
            other => Err(WireProblem::damaged(format!(
                "{what} should be yes (1) or no (0) but is {other}"
            ))),
        }
    }

    /// Reads an unsigned LEB128 number of at most ten bytes that fits in 64 bits.
    pub(crate) fn read_varint(&mut self, what: &str) -> Result<u64, WireProblem> {
        // Most numbers of a snapshot (line gaps and runs, count differences) are below 128
        // and take one byte: read here at once, they took the decoding of a 20,000-file
        // report's pieces from 731 to 402 million instructions natively (BENCHMARKS.md,
        // "Less work per byte").
        if let Some(&byte) = self.bytes.get(self.position).filter(|byte| **byte < 0x80) {
            self.position += 1;
            return Ok(u64::from(byte));
        }
        let mut value: u64 = 0;
        for index in 0..10u32 {
            let byte = self.read_u8(what)?;
            let payload = u64::from(byte & 0x7f);
            // The tenth byte holds only the 64th bit; anything more would not fit.
            if index == 9 && byte > 1 {
                return Err(WireProblem::damaged(format!(
                    "{what} is a number too large for 64 bits"
                )));
            }
            value |= payload << (7 * index);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(WireProblem::damaged(format!(
            "{what} is a number too large for 64 bits"
        )))
    }

    /// Reads a zigzag-mapped signed number.
    pub(crate) fn read_signed_varint(&mut self, what: &str) -> Result<i64, WireProblem> {
        self.read_varint(what).map(unzigzag)
    }

    /// Reads a number that says how many things follow, refusing more than `maximum`.
    pub(crate) fn read_length(&mut self, what: &str, maximum: u64) -> Result<u64, WireProblem> {
        let length = self.read_varint(what)?;
        if length > maximum {
            return Err(WireProblem::refused(format!(
                "{what} is {length}, more than the {maximum} Covscope accepts"
            )));
        }
        Ok(length)
    }

    /// Reads a count (statements, branches, ...) stored as a difference from `expected`.
    pub(crate) fn read_count(&mut self, expected: u64, what: &str) -> Result<u64, WireProblem> {
        let difference = self.read_signed_varint(what)?;
        let value = expected.wrapping_add(difference as u64);
        let maximum = self.limits.max_count_value;
        if value > maximum {
            return Err(WireProblem::refused(format!(
                "{what} is {value}, more than any real report has ({maximum} at most)"
            )));
        }
        Ok(value)
    }

    /// Reads an IEEE 754 double stored as its eight little-endian bytes; it must be finite.
    pub(crate) fn read_finite_f64(&mut self, what: &str) -> Result<f64, WireProblem> {
        let slice = self.read_slice(8, what)?;
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(slice);
        let value = f64::from_le_bytes(bytes);
        if value.is_finite() {
            Ok(value)
        } else {
            Err(WireProblem::damaged(format!(
                "{what} is not a finite number"
            )))
        }
    }

    /// Reads length-prefixed UTF-8 text, checking its length and characters.
    pub(crate) fn read_text(&mut self, what: &str, rule: TextRule) -> Result<String, WireProblem> {
        self.read_text_in_place(what, rule).map(str::to_string)
    }

    /// Reads length-prefixed UTF-8 text as it lies in the bytes, checking its length and
    /// characters; the caller copies it where it is kept.
    fn read_text_in_place(
        &mut self,
        what: &str,
        rule: TextRule,
    ) -> Result<&'bytes str, WireProblem> {
        let maximum = u64::try_from(self.limits.max_text_bytes).unwrap_or(u64::MAX);
        // Every name and figure of a report is read here, so the length's description is
        // formatted only when the length cannot be read.
        let length = self.described(
            || format!("the length of {what}"),
            |reader, length_what| reader.read_length(length_what, maximum),
        )?;
        let length = usize::try_from(length)
            .map_err(|_| WireProblem::refused(format!("{what} is longer than Covscope accepts")))?;
        let bytes = self.read_slice(length, what)?;
        let text = std::str::from_utf8(bytes)
            .map_err(|_| WireProblem::damaged(format!("{what} is not valid UTF-8 text")))?;
        check_text_within(text, what, rule, self.limits)?;
        Ok(text)
    }

    /// Reads text written by [`write_text_after`]: the length of the prefix it shares with
    /// `previous`, then the rest.
    pub(crate) fn read_text_after(
        &mut self,
        previous: &str,
        what: &str,
        rule: TextRule,
    ) -> Result<String, WireProblem> {
        let shared = self.described(
            || format!("how much {what} shares with the one before"),
            |reader, shared_what| reader.read_varint(shared_what),
        )?;
        let shared_prefix = usize::try_from(shared)
            .ok()
            .and_then(|shared| previous.get(..shared))
            .ok_or_else(|| {
                WireProblem::damaged(format!(
                    "{what} repeats the first {shared} bytes of the one before, which are not there or end inside a character"
                ))
            })?;
        let rest = self.read_text_in_place(what, rule)?;
        // One allocation of the final length: the name is built straight into it.
        let mut text = String::with_capacity(shared_prefix.len() + rest.len());
        text.push_str(shared_prefix);
        text.push_str(rest);
        check_text_within(&text, what, rule, self.limits)?;
        Ok(text)
    }
}

impl DecodeBudget {
    /// A budget of the share-link size.
    pub(crate) fn new() -> DecodeBudget {
        DecodeBudget::with_limits(DecodeLimits::SHARE_LINK)
    }

    pub(crate) fn with_limits(limits: DecodeLimits) -> DecodeBudget {
        DecodeBudget {
            entries_left: limits.max_entries,
        }
    }

    /// Reserves room for `count` more entries, or says the link describes too much.
    pub(crate) fn take(&mut self, count: u64) -> Result<(), WireProblem> {
        match self.entries_left.checked_sub(count) {
            Some(left) => {
                self.entries_left = left;
                Ok(())
            }
            None => Err(WireProblem::refused(format!(
                "it describes more than {MAX_DECODED_ENTRIES} lines, branches, regions and files in all, more than Covscope accepts from a link"
            ))),
        }
    }
}

/// Checks text against its rule and the share-link length cap.
pub(crate) fn check_text(text: &str, what: &str, rule: TextRule) -> Result<(), WireProblem> {
    check_text_within(text, what, rule, DecodeLimits::SHARE_LINK)
}

/// Checks text against its rule and the given caps.
pub(crate) fn check_text_within(
    text: &str,
    what: &str,
    rule: TextRule,
    limits: DecodeLimits,
) -> Result<(), WireProblem> {
    if text.len() > limits.max_text_bytes {
        return Err(WireProblem::refused(format!(
            "{what} is {} bytes long, more than the {} Covscope accepts",
            text.len(),
            limits.max_text_bytes
        )));
    }
    if rule == TextRule::Label && limits.refuse_control_characters_in_labels {
        if let Some(control) = text
            .chars()
            .find(|character| character.is_control() && *character != '\t')
        {
            return Err(WireProblem::refused(format!(
                "{what} {} contains the control character U+{:04X}; names and paths may contain no control character other than tab",
                quote_for_message(text),
                u32::from(control)
            )));
        }
    }
    Ok(())
}

/// True when the text passes [`check_text`].
pub(crate) fn is_acceptable_text(text: &str, rule: TextRule) -> bool {
    check_text(text, "", rule).is_ok()
}

/// Quotes text for an error message: escaped, so control characters show as `\u{7}`, and
/// shortened, so a 4 KB path does not swamp the message.
pub(crate) fn quote_for_message(text: &str) -> String {
    const SHOWN_CHARACTERS: usize = 60;
    let mut quoted = String::from("\"");
    for (index, character) in text.chars().enumerate() {
        if index == SHOWN_CHARACTERS {
            quoted.push('…');
            break;
        }
        quoted.extend(character.escape_debug());
    }
    quoted.push('"');
    quoted
}

pub(crate) fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(((value & 0x7f) as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

pub(crate) fn write_signed_varint(out: &mut Vec<u8>, value: i64) {
    write_varint(out, zigzag(value));
}

/// The most bytes one varint takes: 64 bits in 7-bit groups.
const MAX_VARINT_BYTES: usize = 10;

/// Room for about a hundred one-byte numbers before they are added to the output.
const VARINT_BLOCK_BYTES: usize = 128;

/// Writes many varints in a row (a file's line runs): they are gathered in a
/// small block on the stack and added to the output a block at a time, with the same
/// bytes [`write_varint`] writes. `Vec::push` checks the vector's room and reads its
/// length back for every byte, since a byte written through it might have changed them;
/// that was most of the cost of writing a handed-over piece's lines (BENCHMARKS.md,
/// "The hand-over's writing"). Whatever is gathered goes to the output when the writer is
/// dropped, so its bytes always come before anything written to the output afterwards.
pub(crate) struct VarintBlockWriter<'out> {
    out: &'out mut Vec<u8>,
    block: [u8; VARINT_BLOCK_BYTES],
    filled: usize,
}

impl<'out> VarintBlockWriter<'out> {
    pub(crate) fn new(out: &'out mut Vec<u8>) -> VarintBlockWriter<'out> {
        VarintBlockWriter {
            out,
            block: [0; VARINT_BLOCK_BYTES],
            filled: 0,
        }
    }

    // Always inlined into the loop that writes: called out of line, a number's call cost
    // more than writing it (callgrind, BENCHMARKS.md "The hand-over's writing").
    #[inline(always)]
    pub(crate) fn write_varint(&mut self, mut value: u64) {
        if self.filled > VARINT_BLOCK_BYTES - MAX_VARINT_BYTES {
            self.flush();
        }
        while value >= 0x80 {
            self.block[self.filled] = ((value & 0x7f) as u8) | 0x80;
            self.filled += 1;
            value >>= 7;
        }
        self.block[self.filled] = value as u8;
        self.filled += 1;
    }

    // Inlined as well: a call that is given the writer would keep its count of bytes
    // gathered in memory rather than in a register.
    #[inline(always)]
    fn flush(&mut self) {
        self.out.extend_from_slice(&self.block[..self.filled]);
        self.filled = 0;
    }
}

impl Drop for VarintBlockWriter<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Writes a count as its wrapping difference from `expected`, usually a single zero byte.
pub(crate) fn write_count(out: &mut Vec<u8>, value: u64, expected: u64) {
    write_signed_varint(out, value.wrapping_sub(expected) as i64);
}

pub(crate) fn write_f64(out: &mut Vec<u8>, value: f64) {
    out.extend_from_slice(&value.to_le_bytes());
}

pub(crate) fn write_text(out: &mut Vec<u8>, text: &str) {
    write_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// Writes text as the length of the prefix it shares with `previous` plus the rest, which
/// shrinks sorted paths and method names (`Class.method` after `Class.other`) before deflate.
pub(crate) fn write_text_after(out: &mut Vec<u8>, text: &str, previous: &str) {
    let mut shared = text
        .bytes()
        .zip(previous.bytes())
        .take_while(|(left, right)| left == right)
        .count();
    while !(text.is_char_boundary(shared) && previous.is_char_boundary(shared)) {
        shared -= 1;
    }
    write_varint(out, shared as u64);
    write_text(out, text.get(shared..).unwrap_or(""));
}

/// Maps signed to unsigned so that small magnitudes of either sign stay small:
/// 0, -1, 1, -2, 2 become 0, 1, 2, 3, 4.
fn zigzag(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

fn unzigzag(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}
