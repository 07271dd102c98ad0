//! A source text cut into lines, and each line cut into the pieces a source view draws:
//! stretches of one highlight class, and the column-precise stretches that never ran
//! (Istanbul's statements, functions and branches) marked inside them.
//!
//! Offsets inside a line are bytes of its UTF-8 text; Istanbul counts columns in UTF-16
//! code units, which [`uncovered_ranges_on_line`] turns into bytes of that line.
use std::ops::Range;

use crate::core::model::{FileCoverage, UncoveredKind};

/// What a stretch of code is, as the highlighter says: the classes a theme colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenClass {
    Comment,
    String,
    Number,
    Keyword,
    Function,
    Type,
    Constant,
    Operator,
}

/// One highlighted stretch of a line, in bytes of the line's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub class: TokenClass,
}

/// A stretch of a line that never ran, in bytes of the line's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UncoveredRange {
    pub start: u32,
    pub end: u32,
    pub kind: UncoveredKind,
}

/// One piece of a line as drawn: its bytes, its highlight class, and whether (and as
/// what) it never ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineSegment {
    pub range: Range<usize>,
    pub class: Option<TokenClass>,
    pub uncovered: Option<UncoveredKind>,
}

impl TokenClass {
    /// Every class, in the order of its code in the highlighter's answer.
    pub const ALL: [TokenClass; 8] = [
        TokenClass::Comment,
        TokenClass::String,
        TokenClass::Number,
        TokenClass::Keyword,
        TokenClass::Function,
        TokenClass::Type,
        TokenClass::Constant,
        TokenClass::Operator,
    ];

    /// The CSS class suffix (`tok-<key>`).
    pub fn key(self) -> &'static str {
        match self {
            TokenClass::Comment => "comment",
            TokenClass::String => "string",
            TokenClass::Number => "number",
            TokenClass::Keyword => "keyword",
            TokenClass::Function => "function",
            TokenClass::Type => "type",
            TokenClass::Constant => "constant",
            TokenClass::Operator => "operator",
        }
    }

    /// The class a code of the highlighter's answer stands for.
    pub fn from_code(code: u32) -> Option<TokenClass> {
        usize::try_from(code)
            .ok()
            .and_then(|index| TokenClass::ALL.get(index))
            .copied()
    }
}

/// The byte range of every line of a text, without its line ending (`\n`, `\r\n` or a
/// lone `\r`). A text ending in a line ending has no empty line after it, as editors
/// number lines.
pub fn split_source_lines(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\n' => {
                lines.push(start..index);
                start = index + 1;
            }
            b'\r' => {
                lines.push(start..index);
                if bytes.get(index + 1) == Some(&b'\n') {
                    index += 1;
                }
                start = index + 1;
            }
            _ => {}
        }
        index += 1;
    }
    if start < bytes.len() {
        lines.push(start..bytes.len());
    }
    lines
}

/// The stretches of one line (1-based `line`, its text `line_text`) that a
/// column-precise report marks as never run. A stretch over several lines covers the rest
/// of its first line, the whole of the lines between and the start of its last. The
/// stretches come in the report's order.
pub fn uncovered_ranges_on_line(
    file: &FileCoverage,
    line: u64,
    line_text: &str,
) -> Vec<UncoveredRange> {
    let mut ranges = Vec::new();
    for uncovered in &file.uncovered_spans {
        let span = uncovered.span;
        // The source view counts lines in 64 bits; the model's are widened to compare.
        let (start_line, end_line) = (u64::from(span.start.line), u64::from(span.end.line));
        if line < start_line || line > end_line {
            continue;
        }
        let start = if line == start_line {
            span.start
                .column
                .map_or(0, |column| utf16_column_to_byte(line_text, column))
        } else {
            0
        };
        let end = if line == end_line {
            span.end.column.map_or(line_text.len(), |column| {
                utf16_column_to_byte(line_text, column)
            })
        } else {
            line_text.len()
        };
        // A span that ends at column 0 of its last line covers nothing there.
        if end > start {
            ranges.push(UncoveredRange {
                start: byte_offset(start),
                end: byte_offset(end),
                kind: uncovered.kind,
            });
        }
    }
    ranges
}

/// The byte offset of a UTF-16 column in a line, clamped to the line's end (Istanbul
/// writes the end of a statement that ends at the line's end one column past it).
fn utf16_column_to_byte(line_text: &str, column: u32) -> usize {
    let mut units = 0u32;
    for (offset, character) in line_text.char_indices() {
        if units >= column {
            return offset;
        }
        units += u32::try_from(character.len_utf16()).unwrap_or(2);
    }
    line_text.len()
}

fn byte_offset(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Cuts a line into the pieces a view draws: wherever a token or an uncovered stretch
/// starts or ends a new piece begins, each piece with the token it lies in (tokens do not
/// overlap; the first wins) and the uncovered stretch it lies in (the innermost, the one
/// that starts last). Offsets beyond the line or inside a character are moved to the next
/// character boundary.
pub fn line_segments(
    line_text: &str,
    tokens: &[Token],
    uncovered: &[UncoveredRange],
) -> Vec<LineSegment> {
    let length = line_text.len();
    let boundary = |offset: u32| -> usize {
        let mut offset = usize::try_from(offset).unwrap_or(length).min(length);
        while offset < length && !line_text.is_char_boundary(offset) {
            offset += 1;
        }
        offset
    };
    let mut cuts: Vec<usize> = vec![0, length];
    for token in tokens {
        cuts.push(boundary(token.start));
        cuts.push(boundary(token.end));
    }
    for range in uncovered {
        cuts.push(boundary(range.start));
        cuts.push(boundary(range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut segments: Vec<LineSegment> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if start >= end {
            continue;
        }
        let class = tokens
            .iter()
            .find(|token| boundary(token.start) <= start && end <= boundary(token.end))
            .map(|token| token.class);
        let uncovered = uncovered
            .iter()
            .filter(|range| boundary(range.start) <= start && end <= boundary(range.end))
            .max_by_key(|range| range.start)
            .map(|range| range.kind);
        match segments.last_mut() {
            Some(last) if last.class == class && last.uncovered == uncovered => {
                last.range.end = end;
            }
            _ => segments.push(LineSegment {
                range: start..end,
                class,
                uncovered,
            }),
        }
    }
    segments
}

/// A whole text's highlighting: the tokens of each line, by 0-based line index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HighlightedLines {
    pub lines: Vec<Vec<Token>>,
}

impl HighlightedLines {
    /// Reads the highlighter's answer: four numbers per token (0-based line, start and end
    /// byte in the line, class code), lines in order. A token of an unknown class or out
    /// of order is dropped, so a damaged answer costs colours, never the text.
    pub fn from_flat(numbers: &[u32], line_count: usize) -> HighlightedLines {
        let mut lines: Vec<Vec<Token>> = vec![Vec::new(); line_count];
        for token in numbers.chunks_exact(4) {
            let (line, start, end, code) = (token[0], token[1], token[2], token[3]);
            let (Some(class), Some(tokens)) = (
                TokenClass::from_code(code),
                usize::try_from(line)
                    .ok()
                    .and_then(|line| lines.get_mut(line)),
            ) else {
                continue;
            };
            let in_order = tokens.last().is_none_or(|last| last.end <= start);
            if start < end && in_order {
                tokens.push(Token { start, end, class });
            }
        }
        HighlightedLines { lines }
    }

    /// The tokens of a 0-based line; none when the line has none.
    pub fn tokens_of(&self, line_index: usize) -> &[Token] {
        self.lines.get(line_index).map_or(&[], Vec::as_slice)
    }
}
