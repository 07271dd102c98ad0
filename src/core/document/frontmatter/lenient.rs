//! The forgiving line reader used when frontmatter is not valid YAML.
//!
//! Refs: gsd-tools frontmatter reader (`extractFrontmatter` in get-shit-done's
//! `bin/lib/frontmatter.cjs`): `key: value` lines, nested maps by indentation, `- ` lists.
//! This reader also understands lists of maps, block scalars and one-line flow lists, and it
//! keeps whatever it cannot place as text with a warning instead of dropping it.
use std::collections::HashMap;

use super::{FrontmatterEntry, FrontmatterValue, Scalar};
use crate::core::text::Diagnostic;

/// Nesting deeper than this is kept as one text value, so hostile indentation cannot
/// exhaust the stack.
const MAX_NESTING: usize = 24;

/// At most this many notes about odd lines are listed one by one; the rest are counted, so
/// a pathological block cannot flood the page with warnings.
const MAX_LISTED_NOTES: usize = 20;

/// Reads frontmatter text line by line into ordered entries.
///
/// `first_line` is the file line of the block's first line, used in warnings.
pub(super) fn read_lenient_frontmatter(
    text: &str,
    first_line: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<FrontmatterEntry> {
    let mut notes = Vec::new();
    let entries = read_lines(text, first_line, &mut notes);
    let unlisted = notes.len().saturating_sub(MAX_LISTED_NOTES);
    warnings.extend(notes.into_iter().take(MAX_LISTED_NOTES));
    if unlisted > 0 {
        warnings.push(Diagnostic::warning(format!(
            "{unlisted} more frontmatter lines were duplicate keys or not `key: value`; they \
             are kept as read"
        )));
    }
    entries
}

/// One frontmatter line with its indentation measured.
#[derive(Clone, Copy, Debug)]
struct LenientLine<'a> {
    /// Leading spaces and tabs, each counted as one column.
    indent: usize,
    /// The line without indentation or trailing whitespace.
    content: &'a str,
    /// The line as written, for block scalars.
    raw: &'a str,
    /// The 1-based file line.
    number: usize,
    /// Blank lines and comments carry no structure.
    skippable: bool,
}

impl<'a> LenientLine<'a> {
    fn new(raw: &'a str, number: usize) -> Self {
        let raw = raw.trim_end_matches('\r');
        let content = raw.trim_start_matches([' ', '\t']);
        let indent = raw.len() - content.len();
        let content = content.trim_end();
        LenientLine {
            indent,
            content,
            raw,
            number,
            skippable: content.is_empty() || content.starts_with('#'),
        }
    }
}

struct LineReader<'a, 'w> {
    lines: Vec<LenientLine<'a>>,
    position: usize,
    warnings: &'w mut Vec<Diagnostic>,
}

impl<'a> LineReader<'a, '_> {
    fn current(&self) -> Option<LenientLine<'a>> {
        self.lines.get(self.position).copied()
    }

    /// Skips blank lines and comments; the next line unless it is indented less than `indent`.
    fn next_within(&mut self, indent: usize) -> Option<LenientLine<'a>> {
        self.skip_skippable();
        self.current().filter(|line| line.indent >= indent)
    }

    fn skip_skippable(&mut self) {
        while self.current().is_some_and(|line| line.skippable) {
            self.position += 1;
        }
    }

    /// Reads the list or map that starts at the current line.
    fn parse_node(&mut self, depth: usize) -> FrontmatterValue {
        self.skip_skippable();
        let Some(line) = self.current() else {
            return FrontmatterValue::Empty;
        };
        if depth >= MAX_NESTING {
            return self.collect_text_block(line.indent.saturating_sub(1));
        }
        if is_list_item(line.content) {
            self.parse_list(line.indent, depth)
        } else {
            FrontmatterValue::Map(self.parse_map(line.indent, depth))
        }
    }

    /// Reads `key: value` lines at exactly `indent`, with their nested values.
    fn parse_map(&mut self, indent: usize, depth: usize) -> Vec<FrontmatterEntry> {
        let mut entries = EntryList::default();
        while let Some(line) = self.next_within(indent) {
            if line.indent > indent {
                self.position += 1;
                absorb_continuation(&mut entries, line, self.warnings);
                continue;
            }
            if is_list_item(line.content) {
                // `key:` followed by `- item` lines at the same indentation is a list value.
                let last_is_empty = entries
                    .entries
                    .last()
                    .is_some_and(|entry| entry.value == FrontmatterValue::Empty);
                if last_is_empty {
                    let list = self.parse_list(indent, depth + 1);
                    if let Some(last) = entries.entries.last_mut() {
                        last.value = list;
                    }
                    continue;
                }
                break;
            }
            self.position += 1;
            match split_key_value(line.content) {
                Some((key, rest)) => {
                    let value = self.parse_value_after_key(rest, indent, depth, line.number);
                    entries.push(key, value, line.number, self.warnings);
                }
                None => entries.push_as_text(line, "is not `key: value`", self.warnings),
            }
        }
        entries.entries
    }

    /// Reads `- item` lines at exactly `indent`.
    fn parse_list(&mut self, indent: usize, depth: usize) -> FrontmatterValue {
        let mut items: Vec<FrontmatterValue> = Vec::new();
        while let Some(line) = self.next_within(indent) {
            if line.indent > indent {
                self.position += 1;
                match items.last_mut() {
                    Some(FrontmatterValue::Text(scalar)) => {
                        scalar.text.push(' ');
                        scalar.text.push_str(line.content);
                    }
                    _ => {
                        self.warnings.push(Diagnostic::warning(format!(
                            "line {} of the frontmatter is indented under nothing; it is kept as \
                             a list item",
                            line.number
                        )));
                        items.push(FrontmatterValue::Text(Scalar::new(
                            line.content,
                            line.number,
                        )));
                    }
                }
                continue;
            }
            if !is_list_item(line.content) {
                break;
            }
            let item_text = line
                .content
                .get(1..)
                .unwrap_or("")
                .trim_start_matches([' ', '\t']);
            let item_column = indent + (line.content.len() - item_text.len());
            if item_text.is_empty() {
                self.position += 1;
                self.skip_skippable();
                let nested = self.current().is_some_and(|next| next.indent > indent);
                items.push(if nested {
                    self.parse_node(depth + 1)
                } else {
                    FrontmatterValue::Empty
                });
            } else if depth + 1 < MAX_NESTING
                && (split_key_value(item_text).is_some() || is_list_item(item_text))
            {
                // `- path: x` opens a map whose keys line up with `path`; re-reading the rest
                // of this line at that column lets the map reader take it from here.
                if let Some(current) = self.lines.get_mut(self.position) {
                    current.indent = item_column;
                    current.content = item_text;
                }
                items.push(self.parse_node(depth + 1));
            } else {
                self.position += 1;
                let joined = self.join_open_value(item_text, indent);
                items.push(scalar_or_flow(&joined, line.number));
            }
        }
        FrontmatterValue::List(items)
    }

    /// Reads what follows `key:`: a nested block, a block scalar, or an inline value.
    fn parse_value_after_key(
        &mut self,
        rest: &str,
        indent: usize,
        depth: usize,
        key_line: usize,
    ) -> FrontmatterValue {
        let rest = rest.trim();
        if rest.is_empty() {
            self.skip_skippable();
            return match self.current() {
                Some(next) if next.indent > indent => {
                    if depth + 1 >= MAX_NESTING {
                        self.collect_text_block(indent)
                    } else {
                        self.parse_node(depth + 1)
                    }
                }
                Some(next) if next.indent == indent && is_list_item(next.content) => {
                    self.parse_list(indent, depth + 1)
                }
                _ => FrontmatterValue::Empty,
            };
        }
        if is_block_scalar_indicator(rest) {
            return self.read_block_scalar(indent, rest.starts_with('>'), key_line);
        }
        let joined = self.join_open_value(rest, indent);
        scalar_or_flow(&joined, key_line)
    }

    /// Joins continuation lines onto a value that opened a quote or bracket it has not
    /// closed yet, as YAML folds multi-line flow values.
    fn join_open_value(&mut self, first: &str, indent: usize) -> String {
        let mut joined = first.to_string();
        let mut added = 0;
        while is_unfinished(&joined) && added < 200 {
            let Some(next) = self.current() else {
                break;
            };
            // A quote left open may wrap to any column (authors do), but never over a line
            // that reads as a key or a list item of its own.
            let open_quote = joined.trim_start().starts_with(['"', '\'']);
            let wraps = next.indent > indent
                || (open_quote
                    && split_key_value(next.content).is_none()
                    && !is_list_item(next.content));
            if next.content.is_empty() || !wraps {
                break;
            }
            joined.push(' ');
            joined.push_str(next.content);
            self.position += 1;
            added += 1;
        }
        joined
    }

    /// Reads a `|` or `>` block scalar: every following line indented deeper than the key.
    fn read_block_scalar(
        &mut self,
        indent: usize,
        folded: bool,
        key_line: usize,
    ) -> FrontmatterValue {
        let first_line = self.current().map_or(key_line, |line| line.number);
        let mut collected: Vec<&str> = Vec::new();
        while let Some(line) = self.current() {
            if !line.content.is_empty() && line.indent <= indent {
                break;
            }
            collected.push(line.raw);
            self.position += 1;
        }
        while collected.last().is_some_and(|line| line.trim().is_empty()) {
            collected.pop();
        }
        let block_indent = collected
            .iter()
            .filter(|line| !line.trim().is_empty())
            .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
            .min()
            .unwrap_or(0);
        let dedented: Vec<&str> = collected
            .iter()
            .map(|line| line.get(block_indent..).unwrap_or(line.trim_start()))
            .collect();
        let text = if folded {
            let mut text = String::new();
            for line in dedented {
                if line.trim().is_empty() {
                    text.push('\n');
                } else {
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push(' ');
                    }
                    text.push_str(line.trim_end());
                }
            }
            text
        } else {
            dedented.join("\n")
        };
        FrontmatterValue::Text(Scalar::new(text, first_line))
    }

    /// Keeps every line deeper than `indent` as one text value (used past the nesting cap).
    fn collect_text_block(&mut self, indent: usize) -> FrontmatterValue {
        let first_line = self.current().map_or(0, |line| line.number);
        let mut collected: Vec<&str> = Vec::new();
        while let Some(line) = self.current() {
            if !line.content.is_empty() && line.indent <= indent {
                break;
            }
            if !line.content.is_empty() {
                collected.push(line.content);
            }
            self.position += 1;
        }
        FrontmatterValue::Text(Scalar::new(collected.join("\n"), first_line))
    }
}

/// Entries of one map in file order, with an index by key to catch duplicates cheaply.
#[derive(Default)]
struct EntryList {
    entries: Vec<FrontmatterEntry>,
    positions: HashMap<String, usize>,
}

impl EntryList {
    /// Adds an entry, replacing an earlier one with the same key (the last value wins, in
    /// the first position) and saying so.
    fn push(
        &mut self,
        key: String,
        value: FrontmatterValue,
        line_number: usize,
        warnings: &mut Vec<Diagnostic>,
    ) {
        match self
            .positions
            .get(&key)
            .and_then(|&index| self.entries.get_mut(index))
        {
            Some(existing) => {
                warnings.push(Diagnostic::warning(format!(
                    "the frontmatter key `{key}` appears more than once (line {line_number}); \
                     the last value is kept"
                )));
                existing.value = value;
            }
            None => {
                self.positions.insert(key.clone(), self.entries.len());
                self.entries.push(FrontmatterEntry {
                    key,
                    line: line_number,
                    value,
                });
            }
        }
    }

    /// Keeps an odd line as a text entry keyed `line N`, with a warning saying why.
    fn push_as_text(&mut self, line: LenientLine<'_>, why: &str, warnings: &mut Vec<Diagnostic>) {
        warnings.push(Diagnostic::warning(format!(
            "line {} of the frontmatter {why}; it is kept as text",
            line.number
        )));
        let text = FrontmatterValue::Text(Scalar::new(line.content, line.number));
        self.push(format!("line {}", line.number), text, line.number, warnings);
    }
}

/// The reader proper; every odd line it meets becomes a note in `warnings`.
fn read_lines(
    text: &str,
    first_line: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<FrontmatterEntry> {
    let lines = text
        .lines()
        .enumerate()
        .map(|(index, raw)| LenientLine::new(raw, index + first_line))
        .collect();
    let mut reader = LineReader {
        lines,
        position: 0,
        warnings,
    };
    let mut entries = EntryList::default();
    loop {
        reader.skip_skippable();
        let Some(line) = reader.current() else {
            break;
        };
        let start = reader.position;
        for entry in reader.parse_map(line.indent, 0) {
            entries.push(entry.key, entry.value, entry.line, reader.warnings);
        }
        if reader.position == start {
            // A line that belongs to no key (for example a list item at the top level).
            entries.push_as_text(line, "is not under any key", reader.warnings);
            reader.position += 1;
        }
    }
    entries.entries
}

/// Appends a deeper, unclaimed line to the previous scalar (YAML's multi-line plain
/// scalar); anything else is kept as its own text entry with a warning.
fn absorb_continuation(
    entries: &mut EntryList,
    line: LenientLine<'_>,
    warnings: &mut Vec<Diagnostic>,
) {
    if let Some(FrontmatterEntry {
        value: FrontmatterValue::Text(scalar),
        ..
    }) = entries.entries.last_mut()
    {
        scalar.text.push(' ');
        scalar.text.push_str(line.content);
        return;
    }
    entries.push_as_text(line, "is indented under nothing", warnings);
}

fn is_list_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ") || content.starts_with("-\t")
}

fn is_block_scalar_indicator(value: &str) -> bool {
    let mut characters = value.chars();
    matches!(characters.next(), Some('|' | '>'))
        && characters
            .take_while(|&character| character != '#')
            .all(|character| matches!(character, '-' | '+' | '0'..='9' | ' ' | '\t'))
}

/// Whether a value opened a quote, bracket or brace that its line did not close.
fn is_unfinished(value: &str) -> bool {
    let trimmed = value.trim();
    match trimmed.chars().next() {
        Some('"') => parse_double_quoted(trimmed).is_none(),
        Some('\'') => parse_single_quoted(trimmed).is_none(),
        Some('[') => flow_depth(trimmed) > 0,
        Some('{') => flow_depth(trimmed) > 0,
        _ => false,
    }
}

/// The bracket depth left open at the end of a flow value, ignoring quoted text.
fn flow_depth(value: &str) -> usize {
    flow_commas(value).1
}

/// The byte offsets of the commas outside quotes and nested brackets, and the bracket
/// depth left open at the end.
fn flow_commas(value: &str) -> (Vec<usize>, usize) {
    let mut commas = Vec::new();
    let mut depth: usize = 0;
    let mut quote: Option<char> = None;
    for (index, character) in value.char_indices() {
        match (quote, character) {
            (Some(open), close) if open == close => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(character),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => commas.push(index),
            _ => {}
        }
    }
    (commas, depth)
}

/// Splits `key: value` at the first colon followed by a space (or the end of the line).
///
/// `key: text: more` gives the key `key` and the value `text: more`, which is what the
/// author meant even though YAML rejects it.
fn split_key_value(content: &str) -> Option<(String, &str)> {
    if content.starts_with('"') || content.starts_with('\'') {
        let (key, after) = if content.starts_with('"') {
            parse_double_quoted(content)?
        } else {
            parse_single_quoted(content)?
        };
        let rest = after.trim_start().strip_prefix(':')?;
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return None;
        }
        return Some((key, rest));
    }
    let first = content.chars().next()?;
    if matches!(
        first,
        '-' | '[' | '{' | '#' | '|' | '>' | '@' | '`' | '!' | '&' | '*' | '%' | ','
    ) {
        return None;
    }
    let bytes = content.as_bytes();
    let colon = bytes.iter().enumerate().position(|(index, &byte)| {
        byte == b':'
            && bytes
                .get(index + 1)
                .is_none_or(|&next| next == b' ' || next == b'\t')
    })?;
    let key = content.get(..colon)?.trim_end();
    let rest = content.get(colon + 1..)?;
    if key.is_empty() {
        return None;
    }
    Some((key.to_string(), rest))
}

/// Reads an inline value: a flow list or map on one line, a quoted string, or plain text.
fn scalar_or_flow(text: &str, line: usize) -> FrontmatterValue {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed == "~" || trimmed == "null" {
        return FrontmatterValue::Empty;
    }
    if let Some(inner) = trimmed
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    {
        let items = split_flow_items(inner)
            .into_iter()
            .map(|item| FrontmatterValue::Text(Scalar::new(unquote_scalar(item), line)))
            .collect();
        return FrontmatterValue::List(items);
    }
    if let Some(inner) = trimmed
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
    {
        let entries = split_flow_items(inner)
            .into_iter()
            .map(|item| match split_key_value(item) {
                Some((key, rest)) => FrontmatterEntry {
                    key,
                    line,
                    value: scalar_or_flow(rest, line),
                },
                None => FrontmatterEntry {
                    key: unquote_scalar(item),
                    line,
                    value: FrontmatterValue::Empty,
                },
            })
            .collect();
        return FrontmatterValue::Map(entries);
    }
    if trimmed.starts_with('"') || trimmed.starts_with('\'') {
        return quoted_value(trimmed, line);
    }
    FrontmatterValue::Text(Scalar::new(trimmed, line))
}

/// A quoted value; `"A", "B"` (several quoted strings) becomes a list.
fn quoted_value(text: &str, line: usize) -> FrontmatterValue {
    let scalar = |text: String| FrontmatterValue::Text(Scalar::new(text, line));
    let mut items = Vec::new();
    let mut rest = text;
    loop {
        let parsed = if rest.starts_with('"') {
            parse_double_quoted(rest)
        } else if rest.starts_with('\'') {
            parse_single_quoted(rest)
        } else {
            None
        };
        let Some((item, after)) = parsed else {
            return scalar(text.to_string());
        };
        items.push(item);
        let after = after.trim_start();
        if after.is_empty() {
            break;
        }
        match after.strip_prefix(',') {
            Some(next) => rest = next.trim_start(),
            None => return scalar(text.to_string()),
        }
    }
    if items.len() == 1 {
        scalar(items.swap_remove(0))
    } else {
        FrontmatterValue::List(items.into_iter().map(scalar).collect())
    }
}

/// Removes surrounding quotes from a flow item, if it has them.
fn unquote_scalar(item: &str) -> String {
    let trimmed = item.trim();
    let parsed = if trimmed.starts_with('"') {
        parse_double_quoted(trimmed)
    } else if trimmed.starts_with('\'') {
        parse_single_quoted(trimmed)
    } else {
        None
    };
    match parsed {
        Some((text, after)) if after.trim().is_empty() => text,
        _ => trimmed.to_string(),
    }
}

/// Splits flow items on commas that are outside quotes and nested brackets.
fn split_flow_items(inner: &str) -> Vec<&str> {
    let mut start = 0;
    let mut items = Vec::new();
    for comma in flow_commas(inner).0.into_iter().chain([inner.len()]) {
        items.push(inner.get(start..comma).unwrap_or("").trim());
        start = comma + 1;
    }
    items.retain(|item| !item.is_empty());
    items
}

/// Reads a double-quoted string at the start of `text`; returns it and what follows.
///
/// Unknown escapes such as `\.` keep their backslash: authors write regex patterns
/// (`"foo\.bar"`) and mean the backslash literally.
fn parse_double_quoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut value = String::new();
    let mut characters = body.char_indices();
    while let Some((index, character)) = characters.next() {
        match character {
            '"' => return Some((value, body.get(index + 1..).unwrap_or(""))),
            '\\' => match characters.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, '"')) => value.push('"'),
                Some((_, '\\')) => value.push('\\'),
                Some((_, '/')) => value.push('/'),
                Some((_, other)) => {
                    value.push('\\');
                    value.push(other);
                }
                None => value.push('\\'),
            },
            other => value.push(other),
        }
    }
    None
}

/// Reads a single-quoted string (`''` is a literal quote); returns it and what follows.
fn parse_single_quoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('\'')?;
    let mut value = String::new();
    let mut characters = body.char_indices().peekable();
    while let Some((index, character)) = characters.next() {
        if character == '\'' {
            if characters.peek().is_some_and(|&(_, next)| next == '\'') {
                characters.next();
                value.push('\'');
                continue;
            }
            return Some((value, body.get(index + 1..).unwrap_or("")));
        }
        value.push(character);
    }
    None
}
