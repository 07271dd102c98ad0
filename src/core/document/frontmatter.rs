//! The frontmatter block: where it starts and ends, and its ordered key/value facts.
//!
//! Refs: get-shit-done templates (verification-report.md, phase-prompt.md/PLAN, summary.md)
//! and gsd-tools frontmatter reader (`extractFrontmatter`), whose line-by-line fallback the
//! lenient reader follows.
use std::collections::HashMap;

use super::lenient::read_lenient_frontmatter;
use super::yaml::{read_strict_yaml, YamlNode};
use crate::core::text::Diagnostic;

/// At most this many duplicate keys are named one by one; the rest are counted.
const MAX_DUPLICATE_WARNINGS: usize = 20;

/// The frontmatter of one document, with its keys in file order.
#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontmatterReading {
    /// The block is valid YAML and was read by the YAML parser.
    Yaml,
    /// The block is not valid YAML; a forgiving line reader produced the entries.
    Lenient,
}

/// One key and its value, at any nesting level.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontmatterEntry {
    pub key: String,
    pub value: FrontmatterValue,
}

/// A frontmatter value; scalars are kept as text because GSD files drift between types.
#[derive(Clone, Debug, PartialEq)]
pub enum FrontmatterValue {
    /// A key with nothing after it, or an explicit YAML null.
    Empty,
    /// Any scalar (string, number, boolean, date) as text.
    Text(String),
    /// A sequence of values.
    List(Vec<FrontmatterValue>),
    /// A mapping whose keys keep their file order.
    Map(Vec<FrontmatterEntry>),
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

impl Frontmatter {
    /// The value of a top-level key, if present.
    pub fn get(&self, key: &str) -> Option<&FrontmatterValue> {
        self.entries
            .iter()
            .find(|entry| entry.key == key)
            .map(|entry| &entry.value)
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
        match self {
            FrontmatterValue::Text(text) => Some(text.as_str()),
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
        match self {
            FrontmatterValue::Empty => String::new(),
            FrontmatterValue::Text(text) => text.clone(),
            FrontmatterValue::List(items) if items.is_empty() => "(none)".to_string(),
            FrontmatterValue::List(items) if is_short_scalar_list(items) => items
                .iter()
                .map(FrontmatterValue::display_text)
                .collect::<Vec<_>>()
                .join(", "),
            FrontmatterValue::Map(entries) if entries.is_empty() => "(none)".to_string(),
            _ => {
                let mut lines = Vec::new();
                write_block_lines(self, 0, &mut lines);
                lines.join("\n")
            }
        }
    }
}

/// Splits a decoded document into its frontmatter block and body.
///
/// The block opens with a `---` first line and closes with the next `---` (or `...`) line.
/// When markdown shows up before any closing line, the block is taken to end just before
/// that markdown (and its heading), so a forgotten delimiter never swallows the body.
pub(crate) fn split_frontmatter<'a>(
    text: &'a str,
    warnings: &mut Vec<Diagnostic>,
) -> SplitDocument<'a> {
    let lines = line_spans(text);
    let opens = lines
        .first()
        .is_some_and(|&(start, end)| text.get(start..end).map(str::trim_end) == Some("---"));
    if !opens {
        return SplitDocument {
            block: None,
            body: text,
            body_first_line: 1,
        };
    }
    let line_text = |index: usize| -> &'a str {
        lines
            .get(index)
            .and_then(|&(start, end)| text.get(start..end))
            .unwrap_or("")
    };
    let closing = (1..lines.len()).find(|&index| {
        let trimmed = line_text(index).trim_end();
        trimmed == "---" || trimmed == "..."
    });
    let search_end = closing.unwrap_or(lines.len());
    // Before a closing line, only markdown that starts a paragraph (after a blank line or a
    // heading) counts: a line glued to the one above is more likely a YAML continuation.
    let starts_paragraph = |index: usize| {
        let previous = line_text(index.saturating_sub(1));
        previous.trim().is_empty() || is_heading_line(previous)
    };
    let first_markdown = (1..search_end).find(|&index| {
        is_markdown_line(line_text(index)) && (closing.is_none() || starts_paragraph(index))
    });

    let (block_end, body_start_index, closed) = match (closing, first_markdown) {
        (Some(closing_index), None) => (closing_index, closing_index + 1, true),
        (_, Some(markdown_index)) => {
            let end = walk_back_over_headings(markdown_index, &line_text);
            let message = match closing {
                Some(closing_index) => format!(
                    "the frontmatter opened on line 1 is not closed before the markdown on \
                     line {}; it is taken to end at line {}, and the `---` on line {} is read \
                     as part of the body",
                    markdown_index + 1,
                    end.max(1),
                    closing_index + 1
                ),
                None => format!(
                    "the frontmatter opened on line 1 is never closed with `---`; it is taken \
                     to end at line {}, before the markdown on line {}",
                    end.max(1),
                    markdown_index + 1
                ),
            };
            warnings.push(Diagnostic::warning(message));
            (end, end, false)
        }
        (None, None) => {
            // Everything after the opening line looks like YAML; only a heading after a
            // blank line can mark where the author meant the body to begin.
            let heading = (2..lines.len()).find(|&index| {
                is_heading_line(line_text(index)) && line_text(index - 1).trim().is_empty()
            });
            let end = heading.map_or(lines.len(), |index| {
                walk_back_over_headings(index, &line_text)
            });
            warnings.push(Diagnostic::warning(match heading {
                Some(index) => format!(
                    "the frontmatter opened on line 1 is never closed with `---`; it is taken \
                     to end at line {}, before the heading on line {}",
                    end.max(1),
                    index + 1
                ),
                None => "the frontmatter opened on line 1 is never closed with `---`; the \
                         whole file is read as frontmatter"
                    .to_string(),
            }));
            (end, end, false)
        }
    };

    let block_start = lines.get(1).map_or(text.len(), |&(start, _)| start);
    let block_stop = lines
        .get(block_end)
        .map_or(text.len(), |&(start, _)| start)
        .max(block_start);
    let body_offset = lines
        .get(body_start_index)
        .map_or(text.len(), |&(start, _)| start);
    SplitDocument {
        block: Some(FrontmatterBlock {
            text: text.get(block_start..block_stop).unwrap_or(""),
            first_line: 2,
            closed,
        }),
        body: text.get(body_offset..).unwrap_or(""),
        body_first_line: body_start_index + 1,
    }
}

/// Reads a frontmatter block: as YAML when it is valid, otherwise line by line with a warning.
pub(crate) fn read_frontmatter(
    block: &FrontmatterBlock<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Frontmatter {
    let strict = read_strict_yaml(block.text);
    let (entries, reading) = match strict {
        Ok(reading) => match reading.root {
            YamlNode::Map(pairs) => {
                let key_lines = last_key_lines(block.text);
                for duplicate in reading.duplicate_keys.iter().take(MAX_DUPLICATE_WARNINGS) {
                    let line = key_lines
                        .get(duplicate.key.as_str())
                        .map(|line| format!(" (line {})", line + block.first_line - 1))
                        .unwrap_or_default();
                    warnings.push(Diagnostic::warning(format!(
                        "the frontmatter key `{}` appears more than once{line}; the last value \
                         is kept",
                        duplicate.path
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
                let raw_scalars = raw_top_level_scalars(block.text);
                let entries = pairs
                    .into_iter()
                    .map(|(key, node)| {
                        let value = match node {
                            // Numbers and booleans lose their spelling in YAML (`07` is 7), so a
                            // top-level one is shown exactly as the line wrote it.
                            YamlNode::Typed(text) => FrontmatterValue::Text(
                                raw_scalars.get(key.as_str()).cloned().unwrap_or(text),
                            ),
                            other => other.into_value(),
                        };
                        FrontmatterEntry { key, value }
                    })
                    .collect();
                (entries, FrontmatterReading::Yaml)
            }
            YamlNode::Empty => (Vec::new(), FrontmatterReading::Yaml),
            other => {
                let shape = match other {
                    YamlNode::List(_) => "a list",
                    _ => "a single value",
                };
                warnings.push(Diagnostic::warning(format!(
                    "the frontmatter is {shape}, not `key: value` lines; it was read line by line \
                     instead"
                )));
                (
                    read_lenient_frontmatter(block.text, block.first_line, warnings),
                    FrontmatterReading::Lenient,
                )
            }
        },
        Err(failure) => {
            let location = failure
                .line
                .map(|line| format!("line {}: ", line as usize + block.first_line - 1))
                .unwrap_or_default();
            warnings.push(Diagnostic::warning(format!(
                "the frontmatter is not valid YAML ({location}{}); it was read line by line \
                 instead, so nested values may be approximate",
                failure.message
            )));
            (
                read_lenient_frontmatter(block.text, block.first_line, warnings),
                FrontmatterReading::Lenient,
            )
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

/// The text after `key:` on the last top-level line for that key, as written.
///
/// Ids such as `plan: 08` must stay text: YAML would turn `07` into the number 7, so ids
/// are always read from the line itself. Surrounding quotes and a trailing ` # comment`
/// are removed.
pub(crate) fn raw_top_level_scalar(block_text: &str, key: &str) -> Option<String> {
    raw_top_level_scalars(block_text).remove(key)
}

/// The `(start, end)` byte span of every line, without its line ending.
pub(crate) fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let content = piece.trim_end_matches('\n').trim_end_matches('\r');
        spans.push((start, start + content.len()));
        start += piece.len();
    }
    spans
}

/// Whether a line is an ATX markdown heading (`#` to `######` then a space or nothing).
pub(crate) fn is_heading_line(line: &str) -> bool {
    let hashes = line
        .chars()
        .take_while(|&character| character == '#')
        .count();
    (1..=6).contains(&hashes)
        && line
            .get(hashes..)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Every top-level `key: value` line's value as written (the last line wins per key);
/// keys with an empty value are left out.
fn raw_top_level_scalars(block_text: &str) -> HashMap<&str, String> {
    let mut values = HashMap::new();
    for line in block_text.lines() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some(colon) = key_colon(line) else {
            continue;
        };
        let (Some(key), Some(value)) = (line.get(..colon), line.get(colon + 1..)) else {
            continue;
        };
        let value = clean_raw_scalar(value);
        if value.is_empty() {
            values.remove(key);
        } else {
            values.insert(key, value);
        }
    }
    values
}

fn clean_raw_scalar(value: &str) -> String {
    let trimmed = value.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = trimmed
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner.to_string();
        }
    }
    let without_comment = match trimmed.find(" #") {
        Some(index) => trimmed.get(..index).unwrap_or(trimmed),
        None => trimmed,
    };
    without_comment.trim().to_string()
}

/// For every key written as `key:` (at any indentation, list items included), the 1-based
/// block line where it last appears.
fn last_key_lines(block_text: &str) -> HashMap<&str, usize> {
    let mut lines = HashMap::new();
    for (index, line) in block_text.lines().enumerate() {
        let trimmed = line.trim_start();
        let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed);
        if let Some(key) = key_colon(trimmed).and_then(|colon| trimmed.get(..colon)) {
            lines.insert(key, index + 1);
        }
    }
    lines
}

/// Where the colon of a `key: value` line is: the first one followed by a space, a tab or
/// the end of the line.
fn key_colon(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    bytes.iter().enumerate().position(|(index, &byte)| {
        byte == b':'
            && bytes
                .get(index + 1)
                .is_none_or(|&next| next == b' ' || next == b'\t' || next == b'\r')
    })
}

/// Moves an end index up over blank lines and headings that introduce the markdown below.
fn walk_back_over_headings<'a>(index: usize, line_text: &impl Fn(usize) -> &'a str) -> usize {
    let mut end = index;
    while end > 1 {
        let previous = line_text(end - 1);
        if previous.trim().is_empty() || is_heading_line(previous) {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// Whether a line inside an opened frontmatter block can only be markdown, not YAML.
///
/// Indented lines, comments (`#`, which are also headings), list items, flow collections
/// and `key: value` lines are all possible YAML, so only the rest counts: tables, bold
/// labels, XML-ish tags, plain sentences.
fn is_markdown_line(line: &str) -> bool {
    let content = line.trim_end();
    let Some(first) = content.chars().next() else {
        return false;
    };
    if first == ' ' || first == '\t' || first == '#' {
        return false;
    }
    if content == "-" || content.starts_with("- ") || content.starts_with("? ") {
        return false;
    }
    if matches!(first, '[' | ']' | '{' | '}' | '"' | '\'') {
        return false;
    }
    !looks_like_yaml_key_line(content)
}

fn looks_like_yaml_key_line(content: &str) -> bool {
    let Some(colon) = key_colon(content) else {
        return false;
    };
    let key = content.get(..colon).unwrap_or("");
    let starts_well = key
        .chars()
        .next()
        .is_some_and(|character| character.is_alphanumeric() || character == '_');
    starts_well
        && key.len() <= 80
        && key.matches(' ').count() <= 4
        && !key.contains(['*', '`', '<', '>', '|', '[', '(', '!'])
}

fn is_short_scalar_list(items: &[FrontmatterValue]) -> bool {
    let all_scalar = items
        .iter()
        .all(|item| matches!(item, FrontmatterValue::Text(_) | FrontmatterValue::Empty));
    let total: usize = items
        .iter()
        .map(|item| item.as_text().map_or(0, |text| text.chars().count() + 2))
        .sum();
    let single_line = items
        .iter()
        .all(|item| item.as_text().is_none_or(|text| !text.contains('\n')));
    all_scalar && single_line && items.len() <= 8 && total <= 80
}

/// Writes a list or map as YAML-like lines, indented by `indent` spaces.
fn write_block_lines(value: &FrontmatterValue, indent: usize, lines: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    match value {
        FrontmatterValue::List(items) => {
            for item in items {
                match item {
                    FrontmatterValue::Map(entries) if !entries.is_empty() => {
                        let mut item_lines = Vec::new();
                        write_block_lines(item, indent + 2, &mut item_lines);
                        for (index, line) in item_lines.into_iter().enumerate() {
                            if index == 0 {
                                let trimmed = line.get(indent + 2..).unwrap_or(line.trim_start());
                                lines.push(format!("{pad}- {trimmed}"));
                            } else {
                                lines.push(line);
                            }
                        }
                    }
                    FrontmatterValue::List(inner) if !inner.is_empty() => {
                        lines.push(format!("{pad}-"));
                        write_block_lines(item, indent + 2, lines);
                    }
                    scalar => push_scalar_lines(&format!("{pad}- "), scalar, indent + 2, lines),
                }
            }
        }
        FrontmatterValue::Map(entries) => {
            for entry in entries {
                match &entry.value {
                    FrontmatterValue::List(items) if !items.is_empty() => {
                        if is_short_scalar_list(items) {
                            lines.push(format!(
                                "{pad}{}: {}",
                                entry.key,
                                entry.value.display_text()
                            ));
                        } else {
                            lines.push(format!("{pad}{}:", entry.key));
                            write_block_lines(&entry.value, indent + 2, lines);
                        }
                    }
                    FrontmatterValue::Map(inner) if !inner.is_empty() => {
                        lines.push(format!("{pad}{}:", entry.key));
                        write_block_lines(&entry.value, indent + 2, lines);
                    }
                    scalar => push_scalar_lines(
                        &format!("{pad}{}: ", entry.key),
                        scalar,
                        indent + 2,
                        lines,
                    ),
                }
            }
        }
        scalar => push_scalar_lines(&pad, scalar, indent, lines),
    }
}

fn push_scalar_lines(
    prefix: &str,
    value: &FrontmatterValue,
    indent: usize,
    lines: &mut Vec<String>,
) {
    let text = value.display_text();
    let mut text_lines = text.lines();
    let first = text_lines.next().unwrap_or("");
    lines.push(format!("{prefix}{first}").trim_end().to_string());
    let pad = " ".repeat(indent);
    for line in text_lines {
        lines.push(format!("{pad}{line}"));
    }
}
