//! The one markdown line scanner: every line of a document body with its place in the
//! markdown structure (heading, list item, table row, code, plain text) and in the XML-ish
//! plan sections around it. The document reader and the claims walker both read bodies
//! through it.
//!
//! pulldown-cmark decides the structure. It cannot read a whole GSD body directly: a line
//! such as `<verification>` opens an HTML block that swallows what follows, and content
//! indented inside `<action>` would be code. So the text between section tags is cut into
//! pieces, each dedented as the reader view renders it, and each piece's block events are
//! mapped back to byte offsets of the body: every offset here indexes the body as written.
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::body::{dedented_lines, scan_tag_tree, TagNode};

/// A body's lines and sections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyStructure {
    pub lines: Vec<BodyLine>,
    /// The XML-ish sections (`<task>`, `<done>`, ...) in document order, outer ones first.
    pub sections: Vec<SectionSpan>,
    /// The byte ranges of every section tag (`<done>`, `</task>`), in order.
    pub tag_spans: Vec<(usize, usize)>,
}

/// One line of a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyLine {
    /// Byte offset of the line in the body.
    pub start: usize,
    /// Byte offset of the end of the line, before its line ending.
    pub end: usize,
    /// The 1-based line within the body.
    pub number: usize,
    /// Where the line's own text starts: after indentation, quote marks, a list marker and
    /// checkbox, a heading's `#`s, and leading section tags.
    pub content_start: usize,
    pub role: LineRole,
    /// The innermost section the line's text sits in, as an index into `sections`.
    pub section: Option<usize>,
}

/// What a line is in the markdown structure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineRole {
    Blank,
    /// A line holding nothing but section tags.
    Tag,
    Heading {
        level: u8,
    },
    /// The first line of a list item; `depth` is 1 for a top-level list.
    ListItem {
        depth: u8,
    },
    /// A row of a table; `table` numbers the tables of the body from 0.
    TableRow {
        table: usize,
        header: bool,
        /// Each cell's byte range in the body, without the pipes.
        cells: Vec<(usize, usize)>,
    },
    /// The `|---|---|` line under a table header.
    TableDelimiter,
    /// A fence line opening or closing a code block.
    CodeFence,
    /// A line inside fenced or indented code.
    Code,
    /// Anything else: paragraph lines, continuation lines of list items, raw HTML.
    Text,
}

/// An XML-ish section of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSpan {
    pub tag: String,
    pub parent: Option<usize>,
    /// The byte range inside the tags.
    pub inner_start: usize,
    pub inner_end: usize,
}

impl BodyStructure {
    /// The text of a line.
    pub fn line_text<'a>(&self, body: &'a str, line: &BodyLine) -> &'a str {
        body.get(line.start..line.end).unwrap_or("")
    }

    /// The lines that are not code, as text (for labelled values such as `**Status:**`).
    pub fn lines_outside_code<'a>(&self, body: &'a str) -> Vec<&'a str> {
        self.lines
            .iter()
            .filter(|line| !matches!(line.role, LineRole::Code | LineRole::CodeFence))
            .map(|line| self.line_text(body, line))
            .collect()
    }

    /// The tags of the sections around a line, innermost first.
    pub fn section_tags(&self, line: &BodyLine) -> impl Iterator<Item = &str> {
        let mut next = line.section;
        std::iter::from_fn(move || {
            let section = self.sections.get(next?)?;
            next = section.parent;
            Some(section.tag.as_str())
        })
    }

    /// The section tags inside the byte range `start..end`, for blanking them out of a line.
    pub fn tags_within(&self, start: usize, end: usize) -> &[(usize, usize)] {
        let first = self
            .tag_spans
            .partition_point(|&(_, tag_end)| tag_end <= start);
        let last = self
            .tag_spans
            .partition_point(|&(tag_start, _)| tag_start < end);
        self.tag_spans.get(first..last.max(first)).unwrap_or(&[])
    }
}

/// Scans a document body: its lines in the markdown structure and in its sections.
pub fn body_structure(body: &str) -> BodyStructure {
    scan_body_structure(body, &scan_tag_tree(body))
}

/// Scans a body whose section tree is `roots` (see `body::scan_tag_tree`).
pub(crate) fn scan_body_structure(body: &str, roots: &[TagNode]) -> BodyStructure {
    let mut sections = Vec::new();
    let mut tag_spans = Vec::new();
    flatten_sections(roots, None, &mut sections, &mut tag_spans);
    tag_spans.sort_unstable();
    let mut lines = body_lines(body);
    let mut pieces = Vec::new();
    markdown_pieces(0, body.len(), roots, &mut pieces);
    let mut tables = 0;
    for (start, end) in pieces {
        assign_roles(body, start, end, &mut lines, &mut tables);
    }
    let mut structure = BodyStructure {
        lines,
        sections,
        tag_spans,
    };
    finish_lines(body, &mut structure);
    structure
}

fn flatten_sections(
    nodes: &[TagNode],
    parent: Option<usize>,
    sections: &mut Vec<SectionSpan>,
    tag_spans: &mut Vec<(usize, usize)>,
) {
    for node in nodes {
        let index = sections.len();
        sections.push(SectionSpan {
            tag: node.tag.clone(),
            parent,
            inner_start: node.inner_start,
            inner_end: node.inner_end,
        });
        tag_spans.push((node.outer_start, node.inner_start));
        if node.closed && node.outer_end > node.inner_end {
            tag_spans.push((node.inner_end, node.outer_end));
        }
        flatten_sections(&node.children, Some(index), sections, tag_spans);
    }
}

/// Every line of the body, not yet placed in the structure.
fn body_lines(body: &str) -> Vec<BodyLine> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (index, piece) in body.split_inclusive('\n').enumerate() {
        let content = piece.trim_end_matches('\n').trim_end_matches('\r');
        lines.push(BodyLine {
            start,
            end: start + content.len(),
            number: index + 1,
            content_start: start,
            role: LineRole::Blank,
            section: None,
        });
        start += piece.len();
    }
    lines
}

/// The byte ranges of markdown between section tags, as `body::body_segments` cuts them.
fn markdown_pieces(start: usize, end: usize, nodes: &[TagNode], pieces: &mut Vec<(usize, usize)>) {
    let mut cursor = start;
    for node in nodes {
        if cursor < node.outer_start {
            pieces.push((cursor, node.outer_start));
        }
        markdown_pieces(node.inner_start, node.inner_end, &node.children, pieces);
        cursor = node.outer_end.max(cursor);
    }
    if cursor < end {
        pieces.push((cursor, end));
    }
}

/// The body line holding a byte offset.
fn line_index(lines: &[BodyLine], offset: usize) -> usize {
    lines
        .partition_point(|line| line.start <= offset)
        .saturating_sub(1)
}

/// Reads one piece with pulldown-cmark and gives its lines their roles.
fn assign_roles(body: &str, start: usize, end: usize, lines: &mut [BodyLine], tables: &mut usize) {
    let Some(slice) = body.get(start..end) else {
        return;
    };
    let starts_mid_line = start > 0
        && body
            .get(..start)
            .is_some_and(|before| !before.ends_with('\n'));
    let kept = dedented_lines(slice, starts_mid_line);
    if kept.is_empty() {
        return;
    }
    // The dedented text and, per line, where it starts there and in the body.
    let mut text = String::new();
    let mut map: Vec<(usize, usize)> = Vec::with_capacity(kept.len());
    for (offset, line) in &kept {
        if !text.is_empty() {
            text.push('\n');
        }
        map.push((text.len(), start + offset));
        text.push_str(line);
    }
    let to_body = |offset: usize| {
        let index = map
            .partition_point(|&(dedented, _)| dedented <= offset)
            .saturating_sub(1);
        let (dedented, original) = map[index];
        original + (offset - dedented)
    };
    for (_, original) in &map {
        let index = line_index(lines, *original);
        if lines[index].role == LineRole::Blank {
            lines[index].role = LineRole::Text;
        }
    }
    let mut set_role = |from: usize, to: usize, role: LineRole| {
        let first = line_index(lines, to_body(from));
        let last = line_index(lines, to_body(to.saturating_sub(1).max(from)));
        for line in &mut lines[first..=last.max(first)] {
            line.role = role.clone();
        }
    };
    let mut list_depth: u8 = 0;
    let mut table: Option<(usize, bool)> = None;
    let mut row: Option<(usize, Vec<(usize, usize)>)> = None;
    let parser = Parser::new_ext(
        &text,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                set_role(
                    range.start,
                    range.end,
                    LineRole::Heading { level: level as u8 },
                );
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                set_role(range.start, range.end, LineRole::Code);
                if matches!(kind, CodeBlockKind::Fenced(_)) {
                    set_role(range.start, range.start + 1, LineRole::CodeFence);
                    let last_line = text[range.clone()]
                        .trim_end()
                        .rsplit('\n')
                        .next()
                        .unwrap_or("");
                    let trimmed = last_line.trim();
                    let closes =
                        trimmed.len() >= 3 && trimmed.chars().all(|c| c == '`' || c == '~');
                    if closes && text[range.clone()].trim_end().contains('\n') {
                        set_role(range.end.saturating_sub(1), range.end, LineRole::CodeFence);
                    }
                }
            }
            Event::Start(Tag::List(_)) => list_depth = list_depth.saturating_add(1),
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                set_role(
                    range.start,
                    range.start + 1,
                    LineRole::ListItem { depth: list_depth },
                );
            }
            Event::Start(Tag::Table(_)) => {
                table = Some((*tables, true));
                *tables += 1;
                // The delimiter row is the line after the header.
                let header_end = text[range.clone()]
                    .find('\n')
                    .map(|at| range.start + at + 1);
                if let Some(delimiter) = header_end.filter(|&at| at < range.end) {
                    set_role(delimiter, delimiter + 1, LineRole::TableDelimiter);
                }
            }
            Event::End(TagEnd::Table) => table = None,
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                row = Some((range.start, Vec::new()));
            }
            Event::Start(Tag::TableCell) => {
                if let Some((_, cells)) = row.as_mut() {
                    cells.push((to_body(range.start), to_body(range.end.max(range.start))));
                }
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                if let (Some((row_start, cells)), Some((table_index, header))) =
                    (row.take(), table.as_mut())
                {
                    set_role(
                        row_start,
                        row_start + 1,
                        LineRole::TableRow {
                            table: *table_index,
                            header: *header,
                            cells,
                        },
                    );
                    *header = false;
                }
            }
            _ => {}
        }
    }
}

/// Marks blank and tag-only lines, and sets each line's content start and section.
fn finish_lines(body: &str, structure: &mut BodyStructure) {
    let BodyStructure {
        lines,
        sections,
        tag_spans,
    } = structure;
    // The sections around the current line, outermost first; lines come in order, so one
    // sweep through the sections (in document order) places every line.
    let mut open: Vec<usize> = Vec::new();
    let mut next_section = 0;
    for line in lines.iter_mut() {
        let text = body.get(line.start..line.end).unwrap_or("");
        // Indentation and leading section tags are not the line's text.
        let mut content = line.start + (text.len() - text.trim_start().len());
        let mut tag = tag_spans.partition_point(|&(tag_start, _)| tag_start < content);
        while let Some(&(tag_start, tag_end)) = tag_spans.get(tag) {
            if tag_start != content || tag_end > line.end {
                break;
            }
            let rest = body.get(tag_end..line.end).unwrap_or("");
            content = tag_end + (rest.len() - rest.trim_start().len());
            tag += 1;
        }
        if text.trim().is_empty() {
            line.role = LineRole::Blank;
        } else if content >= line.end {
            line.role = LineRole::Tag;
        } else if line.role == LineRole::Blank {
            line.role = LineRole::Text;
        }
        let rest = body.get(content..line.end).unwrap_or("");
        line.content_start = content + marker_length(rest, &line.role);
        while open
            .last()
            .is_some_and(|&index| sections[index].inner_end <= content)
        {
            open.pop();
        }
        while let Some(section) = sections.get(next_section) {
            if section.inner_start > content {
                break;
            }
            if section.inner_end > content {
                while open
                    .last()
                    .is_some_and(|&index| Some(index) != section.parent)
                {
                    open.pop();
                }
                open.push(next_section);
            }
            next_section += 1;
        }
        line.section = open.last().copied();
    }
}

/// The length of quote marks, a list marker and a checkbox, or a heading's `#`s, at the
/// start of a line's text.
fn marker_length(text: &str, role: &LineRole) -> usize {
    let mut rest = text;
    while let Some(after) = rest.strip_prefix('>') {
        rest = after.trim_start();
    }
    match role {
        LineRole::Heading { .. } => rest = rest.trim_start_matches('#').trim_start(),
        LineRole::ListItem { .. } => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let marker = if rest.starts_with(['-', '*', '+']) {
                1
            } else if digits > 0 && rest[digits..].starts_with(['.', ')']) {
                digits + 1
            } else {
                0
            };
            rest = rest[marker..].trim_start();
            for checkbox in ["[ ]", "[x]", "[X]"] {
                if let Some(after) = rest.strip_prefix(checkbox) {
                    rest = after.trim_start();
                }
            }
        }
        _ => {}
    }
    text.len() - rest.len()
}
