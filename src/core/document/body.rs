//! The body cut into markdown and labelled XML-ish sections (`<objective>`, `<task>`, ...).
//!
//! Refs: get-shit-done templates (phase-prompt.md/PLAN: `<objective>`, `<context>`,
//! `<tasks>`, `<task type="auto">` with `<name> <files> <action> <verify> <done>`,
//! `<verification>`, `<success_criteria>`, `<output>`).
use std::collections::HashSet;

use super::frontmatter::line_spans;

/// One renderable piece of a document body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodySegment {
    /// Plain markdown, dedented so indented section content does not turn into code blocks.
    Markdown(String),
    /// An XML-ish block such as `<objective>` or `<task type="auto">`.
    Section {
        /// The tag name as written, e.g. `success_criteria`.
        tag: String,
        /// A human label, e.g. "Success criteria".
        label: String,
        /// The attributes in file order, e.g. `[("type", "auto")]`.
        attributes: Vec<(String, String)>,
        children: Vec<BodySegment>,
        /// False when the closing tag never came (the section ends where the next one
        /// starts, or at the end of the file).
        closed: bool,
    },
}

/// Splits a body into markdown and XML-ish sections, for a reader view.
///
/// Tags count only outside fenced code blocks, and an opening tag must start a line. A tag
/// that is never closed stays plain text, except `<task>`, which GSD authors sometimes
/// leave open: it then ends where the next task or top-level section starts. Known HTML
/// element names (`<div>`, `<img>`, ...) are left to the markdown renderer.
pub fn body_segments(markdown: &str) -> Vec<BodySegment> {
    segments_from_tree(markdown, &scan_tag_tree(markdown))
}

/// All markdown of a body with the XML-ish tags removed, each piece dedented, in order.
///
/// pulldown-cmark reads a line such as `<verification>` as the start of an HTML block that
/// swallows the next lines up to a blank one, fences included; reading the pieces between
/// tags instead keeps code blocks, headings and tables where the author put them.
pub fn flattened_markdown(markdown: &str) -> String {
    flatten_segments(&body_segments(markdown))
}

/// A human label for a section tag: `success_criteria` gives "Success criteria".
pub fn section_label(tag: &str) -> String {
    let known = match tag {
        "execution_context" => Some("Execution context"),
        "success_criteria" => Some("Success criteria"),
        "what-built" | "what_built" => Some("What was built"),
        "how-to-verify" | "how_to_verify" => Some("How to verify"),
        "resume-signal" | "resume_signal" => Some("Resume signal"),
        "done" => Some("Done when"),
        _ => None,
    };
    if let Some(label) = known {
        return label.to_string();
    }
    let spaced = tag.replace(['_', '-'], " ");
    let mut characters = spaced.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

/// A section found in the body, with byte offsets into the body text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TagNode {
    pub tag: String,
    pub attributes: Vec<(String, String)>,
    /// The 1-based body line of the opening tag.
    pub line: usize,
    /// Where the opening tag starts.
    pub outer_start: usize,
    /// Just after the opening tag.
    pub inner_start: usize,
    /// Where the closing tag starts (or where an unclosed section was cut off).
    pub inner_end: usize,
    /// Just after the closing tag.
    pub outer_end: usize,
    pub closed: bool,
    pub children: Vec<TagNode>,
}

/// The markdown of all segments, sections included, joined in order.
pub(crate) fn flatten_segments(segments: &[BodySegment]) -> String {
    fn collect(segments: &[BodySegment], pieces: &mut Vec<String>) {
        for segment in segments {
            match segment {
                BodySegment::Markdown(text) => pieces.push(text.clone()),
                BodySegment::Section { children, .. } => collect(children, pieces),
            }
        }
    }
    let mut pieces = Vec::new();
    collect(segments, &mut pieces);
    pieces.join("\n\n")
}

/// The markdown outside every section, joined in order (where a document's title lives).
pub(crate) fn top_level_markdown(segments: &[BodySegment]) -> String {
    segments
        .iter()
        .filter_map(|segment| match segment {
            BodySegment::Markdown(text) => Some(text.as_str()),
            BodySegment::Section { .. } => None,
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Finds the XML-ish sections of a body as a tree.
pub(crate) fn scan_tag_tree(text: &str) -> Vec<TagNode> {
    let tokens = scan_tag_tokens(text);
    let mut valid = vec![false; tokens.len()];
    let mut closed_names: HashSet<&str> = HashSet::new();
    for (index, token) in tokens.iter().enumerate().rev() {
        match token.kind {
            TokenKind::Close => {
                closed_names.insert(token.name.as_str());
            }
            TokenKind::Open => {
                let is_valid = token.name == "task" || closed_names.contains(token.name.as_str());
                if let Some(slot) = valid.get_mut(index) {
                    *slot = is_valid;
                }
            }
            TokenKind::SelfClosing => {
                if let Some(slot) = valid.get_mut(index) {
                    *slot = true;
                }
            }
        }
    }

    let task_closes = tasks_that_close(&tokens);
    let mut builder = TreeBuilder::default();
    for (position, (token, is_valid)) in tokens.into_iter().zip(valid).enumerate() {
        match token.kind {
            TokenKind::Open if is_valid => {
                // A section-level tag ends a task that is never closed; inside a task that
                // is (`<context>` or `<verification>` within `<task>`), it is a child.
                if SECTION_LEVEL_TAGS.contains(&token.name.as_str()) {
                    let open_task = builder.stack.iter().rposition(|node| node.tag == "task");
                    if let Some(index) = open_task.filter(|&index| !builder.closes[index]) {
                        builder.cut_off_from(index, token.start);
                    }
                }
                if let Some(index) = builder
                    .stack
                    .iter()
                    .rposition(|node| node.tag == token.name)
                {
                    builder.cut_off_from(index, token.start);
                }
                if builder.stack.len() < MAX_SECTION_DEPTH {
                    builder
                        .closes
                        .push(token.name != "task" || task_closes[position]);
                    builder.stack.push(TagNode {
                        tag: token.name,
                        attributes: token.attributes,
                        line: token.line,
                        outer_start: token.start,
                        inner_start: token.end,
                        inner_end: token.end,
                        outer_end: token.end,
                        closed: false,
                        children: Vec::new(),
                    });
                }
            }
            TokenKind::Open => {}
            TokenKind::SelfClosing => builder.attach(TagNode {
                tag: token.name,
                attributes: token.attributes,
                line: token.line,
                outer_start: token.start,
                inner_start: token.end,
                inner_end: token.end,
                outer_end: token.end,
                closed: true,
                children: Vec::new(),
            }),
            TokenKind::Close => {
                if let Some(index) = builder
                    .stack
                    .iter()
                    .rposition(|node| node.tag == token.name)
                {
                    builder.cut_off_from(index + 1, token.start);
                    builder.closes.pop();
                    if let Some(mut node) = builder.stack.pop() {
                        node.inner_end = token.start;
                        node.outer_end = token.end;
                        node.closed = true;
                        builder.attach(node);
                    }
                }
            }
        }
    }
    builder.cut_off_from(0, text.len());
    builder.roots
}

/// The segments of a body whose tag tree is already known (see `scan_tag_tree`).
pub(crate) fn segments_from_tree(text: &str, roots: &[TagNode]) -> Vec<BodySegment> {
    build_segments(text, 0, text.len(), roots)
}

/// The text inside a section, dedented and without surrounding blank lines.
pub(crate) fn node_text(text: &str, node: &TagNode) -> String {
    let starts_mid_line = node.inner_start > 0
        && text
            .get(..node.inner_start)
            .is_some_and(|before| !before.ends_with('\n'));
    dedent_block(
        text.get(node.inner_start..node.inner_end).unwrap_or(""),
        starts_mid_line,
    )
}

/// The value after a `**Label:**` style line, e.g. `**Status:** ✅ COMPLETE`, among lines
/// already taken from outside code blocks (see `lines_outside_code`).
///
/// Accepts `**Label:** value`, `**Label**: value`, `**Label: value**`, `Label: value` and
/// `## Label: value`, with the label in any case. List items count only when
/// `allow_list_items` is set (summaries write `- **Duration:** 23 min`; reports list
/// per-gap statuses that are not the document's own).
pub(crate) fn find_labelled_value(
    lines: &[&str],
    labels: &[&str],
    allow_list_items: bool,
) -> Option<String> {
    for line in lines {
        let mut content = line.trim().trim_start_matches(['>', ' ']);
        if let Some(item) = content
            .strip_prefix("- ")
            .or_else(|| content.strip_prefix("* "))
        {
            if !allow_list_items {
                continue;
            }
            content = item.trim_start();
        }
        if content.starts_with('#') {
            content = content.trim_start_matches('#').trim_start();
        }
        let (bold, inner) = match content.strip_prefix("**") {
            Some(rest) => (true, rest),
            None => (false, content),
        };
        for label in labels {
            let Some(head) = inner.get(..label.len()) else {
                continue;
            };
            if !head.eq_ignore_ascii_case(label) {
                continue;
            }
            let after = inner.get(label.len()..).unwrap_or("");
            let value = if bold {
                after
                    .strip_prefix(":**")
                    .or_else(|| after.strip_prefix("**:"))
                    .map(str::to_string)
                    .or_else(|| {
                        after.strip_prefix(':').map(|rest| {
                            rest.trim_end()
                                .strip_suffix("**")
                                .unwrap_or(rest)
                                .to_string()
                        })
                    })
            } else {
                after.strip_prefix(':').map(str::to_string)
            };
            if let Some(value) = value {
                let value = value.trim();
                if !value.is_empty() {
                    return Some(value.to_string());
                }
            }
        }
    }
    None
}

/// Removes the indentation shared by all lines, and blank lines at both ends.
///
/// When the slice starts in the middle of a line (text right after `<name>`), that first
/// line is not counted: its indentation was the tag's.
pub(crate) fn dedent_block(slice: &str, starts_mid_line: bool) -> String {
    let lines: Vec<&str> = dedented_lines(slice, starts_mid_line)
        .into_iter()
        .map(|(_, line)| line)
        .collect();
    lines.join("\n")
}

/// The lines `dedent_block` keeps, each with the byte offset in `slice` where its text
/// starts, so what is read from the dedented text can be placed in the original.
pub(crate) fn dedented_lines(slice: &str, starts_mid_line: bool) -> Vec<(usize, &str)> {
    // One byte-wise pass per line: indentation is ASCII, and this runs over every body.
    let mut lines: Vec<(usize, &str, Option<usize>)> = Vec::new();
    let mut offset = 0;
    for piece in slice.split('\n') {
        let line = piece.strip_suffix('\r').unwrap_or(piece);
        let indent = line
            .bytes()
            .take_while(|&byte| byte == b' ' || byte == b'\t')
            .count();
        let rest = line.as_bytes().get(indent..).unwrap_or(&[]);
        let blank = rest.iter().all(u8::is_ascii_whitespace);
        lines.push((offset, line, (!blank).then_some(indent)));
        offset += piece.len() + 1;
    }
    let common = lines
        .iter()
        .enumerate()
        .filter(|(index, _)| !(starts_mid_line && *index == 0))
        .filter_map(|(_, (_, _, indent))| *indent)
        .min()
        .unwrap_or(0);
    let mut dedented: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .map(|(index, &(start, line, indent))| {
            let cut = match indent {
                None => return (start, ""),
                Some(indent) if starts_mid_line && index == 0 => indent,
                Some(indent) => common.min(indent),
            };
            (start + cut, line.get(cut..).unwrap_or(""))
        })
        .collect();
    let first = dedented.iter().position(|(_, line)| !line.is_empty());
    let last = dedented.iter().rposition(|(_, line)| !line.is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    dedented.truncate(last + 1);
    dedented.drain(..first);
    if let Some((_, line)) = dedented.last_mut() {
        *line = line.trim_end();
    }
    dedented
}

/// Sections nest at most this deep; deeper tags stay text, so hostile input cannot
/// recurse without bound.
const MAX_SECTION_DEPTH: usize = 16;

/// Opening one of these ends a `<task>` that was never closed.
const SECTION_LEVEL_TAGS: &[&str] = &[
    "objective",
    "execution_context",
    "context",
    "tasks",
    "verification",
    "success_criteria",
    "output",
];

/// HTML element names: these are raw HTML for the markdown renderer, not GSD sections.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenKind {
    Open,
    Close,
    SelfClosing,
}

#[derive(Clone, Debug)]
struct TagToken {
    kind: TokenKind,
    name: String,
    attributes: Vec<(String, String)>,
    /// The 1-based body line of the tag.
    line: usize,
    start: usize,
    end: usize,
}

#[derive(Default)]
struct TreeBuilder {
    stack: Vec<TagNode>,
    /// For each node on the stack, whether its closing tag comes later.
    closes: Vec<bool>,
    roots: Vec<TagNode>,
}

/// For each token, whether it opens a `<task>` that a later `</task>` closes: a task is
/// closed by the next `</task>` unless another `<task>` opens first.
fn tasks_that_close(tokens: &[TagToken]) -> Vec<bool> {
    let mut closes = vec![false; tokens.len()];
    let mut open_task: Option<usize> = None;
    for (index, token) in tokens.iter().enumerate() {
        if token.name != "task" {
            continue;
        }
        match token.kind {
            TokenKind::Open => open_task = Some(index),
            TokenKind::Close => {
                if let Some(opened) = open_task.take() {
                    closes[opened] = true;
                }
            }
            TokenKind::SelfClosing => {}
        }
    }
    closes
}

impl TreeBuilder {
    fn attach(&mut self, node: TagNode) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => self.roots.push(node),
        }
    }

    /// Ends every open section from `index` upwards as unclosed, cut off at `offset`.
    fn cut_off_from(&mut self, index: usize, offset: usize) {
        while self.stack.len() > index {
            self.closes.pop();
            if let Some(mut node) = self.stack.pop() {
                node.inner_end = offset.max(node.inner_start);
                node.outer_end = node.inner_end;
                node.closed = false;
                self.attach(node);
            }
        }
    }
}

/// Knows whether each successive line is inside a fenced code block.
#[derive(Default)]
struct FenceTracker {
    /// The fence byte (`` ` `` or `~`) and run length of the open fence, if any.
    open: Option<(u8, usize)>,
}

impl FenceTracker {
    /// Whether this line is code: a fence line or a line inside a fence.
    ///
    /// Fences are recognised at any indentation, because GSD indents code inside `<action>`.
    fn is_code_line(&mut self, line: &str) -> bool {
        let bytes = line.as_bytes();
        let indent = bytes
            .iter()
            .position(|&byte| byte != b' ' && byte != b'\t')
            .unwrap_or(bytes.len());
        let rest = bytes.get(indent..).unwrap_or(&[]);
        let run_of = |fence: u8| rest.iter().take_while(|&&byte| byte == fence).count();
        match self.open {
            Some((fence, length)) => {
                let run = run_of(fence);
                let after = rest.get(run..).unwrap_or(&[]);
                if run >= length && after.iter().all(u8::is_ascii_whitespace) {
                    self.open = None;
                }
                true
            }
            None => {
                for fence in [b'`', b'~'] {
                    let run = run_of(fence);
                    if run < 3 {
                        continue;
                    }
                    let info = rest.get(run..).unwrap_or(&[]);
                    if fence == b'`' && info.contains(&b'`') {
                        continue;
                    }
                    self.open = Some((fence, run));
                    return true;
                }
                false
            }
        }
    }
}

fn build_segments(text: &str, start: usize, end: usize, nodes: &[TagNode]) -> Vec<BodySegment> {
    let mut segments = Vec::new();
    let mut cursor = start;
    for node in nodes {
        push_markdown(text, cursor, node.outer_start, &mut segments);
        segments.push(BodySegment::Section {
            tag: node.tag.clone(),
            label: section_label(&node.tag),
            attributes: node.attributes.clone(),
            children: build_segments(text, node.inner_start, node.inner_end, &node.children),
            closed: node.closed,
        });
        cursor = node.outer_end.max(cursor);
    }
    push_markdown(text, cursor, end, &mut segments);
    segments
}

fn push_markdown(text: &str, start: usize, end: usize, segments: &mut Vec<BodySegment>) {
    if start >= end {
        return;
    }
    let starts_mid_line = start > 0
        && text
            .get(..start)
            .is_some_and(|before| !before.ends_with('\n'));
    let markdown = dedent_block(text.get(start..end).unwrap_or(""), starts_mid_line);
    if !markdown.trim().is_empty() {
        segments.push(BodySegment::Markdown(markdown));
    }
}

/// Finds candidate tags line by line: opening tags at the start of a line (several may
/// follow each other), closing tags anywhere outside inline code.
fn scan_tag_tokens(text: &str) -> Vec<TagToken> {
    let mut tokens = Vec::new();
    let mut fence = FenceTracker::default();
    for (line_index, (line_start, line_end)) in line_spans(text).into_iter().enumerate() {
        let line = text.get(line_start..line_end).unwrap_or("");
        if fence.is_code_line(line) || !line.contains('<') {
            continue;
        }
        let mut position = line.len() - line.trim_start().len();
        while let Some(token) = parse_tag_at(line, position) {
            position = token.end;
            tokens.push(TagToken {
                line: line_index + 1,
                start: token.start + line_start,
                end: token.end + line_start,
                ..token
            });
            position += line
                .get(position..)
                .map_or(0, |rest| rest.len() - rest.trim_start().len());
        }
        let mut in_code_span = false;
        for (offset, character) in line.get(position..).unwrap_or("").char_indices() {
            match character {
                '`' => in_code_span = !in_code_span,
                // Only closing tags count in the middle of a line.
                '<' if !in_code_span
                    && line
                        .get(position + offset + 1..)
                        .is_some_and(|rest| rest.starts_with('/')) =>
                {
                    let at = position + offset;
                    if let Some(token) = parse_tag_at(line, at) {
                        if token.kind == TokenKind::Close {
                            tokens.push(TagToken {
                                line: line_index + 1,
                                start: token.start + line_start,
                                end: token.end + line_start,
                                ..token
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }
    tokens
}

/// Parses `<name attr="v">`, `</name>` or `<name/>` starting exactly at `position`.
fn parse_tag_at(line: &str, position: usize) -> Option<TagToken> {
    let rest = line.get(position..)?;
    let after_open = rest.strip_prefix('<')?;
    let (closing, after_slash) = match after_open.strip_prefix('/') {
        Some(after) => (true, after),
        None => (false, after_open),
    };
    let name_length = after_slash
        .bytes()
        .take_while(|byte| {
            byte.is_ascii_lowercase() || byte.is_ascii_digit() || *byte == b'_' || *byte == b'-'
        })
        .count();
    let name = after_slash.get(..name_length)?;
    if name.is_empty()
        || name.len() > 40
        || !name.starts_with(|character: char| character.is_ascii_lowercase())
        || HTML_ELEMENTS.contains(&name)
    {
        return None;
    }
    let mut cursor = after_slash.get(name_length..)?;
    let consumed = |remaining: &str| rest.len() - remaining.len();
    if closing {
        let after_space = cursor.trim_start_matches([' ', '\t']);
        let end = after_space.strip_prefix('>')?;
        return Some(TagToken {
            kind: TokenKind::Close,
            name: name.to_string(),
            attributes: Vec::new(),
            line: 0,
            start: position,
            end: position + consumed(end),
        });
    }
    let mut attributes = Vec::new();
    loop {
        let before_space = cursor.len();
        cursor = cursor.trim_start_matches([' ', '\t']);
        let had_space = cursor.len() < before_space;
        if let Some(end) = cursor.strip_prefix("/>") {
            return Some(TagToken {
                kind: TokenKind::SelfClosing,
                name: name.to_string(),
                attributes,
                line: 0,
                start: position,
                end: position + consumed(end),
            });
        }
        if let Some(end) = cursor.strip_prefix('>') {
            return Some(TagToken {
                kind: TokenKind::Open,
                name: name.to_string(),
                attributes,
                line: 0,
                start: position,
                end: position + consumed(end),
            });
        }
        if !had_space || attributes.len() >= 20 {
            return None;
        }
        let attribute_length = cursor
            .bytes()
            .enumerate()
            .take_while(|(index, byte)| {
                byte.is_ascii_alphabetic()
                    || *byte == b'_'
                    || *byte == b':'
                    || (*index > 0 && (byte.is_ascii_digit() || *byte == b'-' || *byte == b'.'))
            })
            .count();
        if attribute_length == 0 {
            return None;
        }
        let attribute_name = cursor.get(..attribute_length)?.to_string();
        cursor = cursor
            .get(attribute_length..)?
            .trim_start_matches([' ', '\t']);
        let mut value = String::new();
        if let Some(after_equals) = cursor.strip_prefix('=') {
            let after_equals = after_equals.trim_start_matches([' ', '\t']);
            let quote = after_equals.chars().next()?;
            if quote == '"' || quote == '\'' {
                let body = after_equals.get(1..)?;
                let close = body.find(quote)?;
                value = body.get(..close)?.to_string();
                cursor = body.get(close + 1..)?;
            } else {
                let mut length = after_equals
                    .find(|character: char| {
                        character.is_whitespace()
                            || matches!(character, '>' | '"' | '\'' | '<' | '`' | '=')
                    })
                    .unwrap_or(after_equals.len());
                // An unquoted value that runs into `/>` leaves the slash to the tag.
                let before_end = after_equals.get(..length).unwrap_or("");
                if before_end.ends_with('/')
                    && after_equals
                        .get(length..)
                        .is_some_and(|rest| rest.starts_with('>'))
                {
                    length -= 1;
                }
                if length == 0 {
                    return None;
                }
                value = after_equals.get(..length)?.to_string();
                cursor = after_equals.get(length..)?;
            }
        }
        attributes.push((attribute_name, value));
    }
}
