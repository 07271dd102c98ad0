//! Facts read from the markdown body with pulldown-cmark: tables, the title, first paragraph.
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A GFM table as plain cell texts, with the heading it sits under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MarkdownTable {
    /// The text of the nearest heading above the table, if any.
    pub heading: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Every table in the markdown, with inline formatting reduced to plain text.
pub(crate) fn markdown_tables(markdown: &str) -> Vec<MarkdownTable> {
    let mut tables = Vec::new();
    let mut heading: Option<String> = None;
    let mut heading_text: Option<String> = None;
    let mut current: Option<MarkdownTable> = None;
    let mut in_head = false;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading_text = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                heading = heading_text.take().map(|text| collapse_whitespace(&text));
            }
            Event::Start(Tag::Table(_)) => {
                current = Some(MarkdownTable {
                    heading: heading.clone(),
                    header: Vec::new(),
                    rows: Vec::new(),
                });
            }
            Event::End(TagEnd::Table) => tables.extend(current.take()),
            Event::Start(Tag::TableHead) => {
                in_head = true;
                row.clear();
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                if let Some(table) = current.as_mut() {
                    table.header = std::mem::take(&mut row);
                }
            }
            Event::Start(Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableRow) => {
                if let Some(table) = current.as_mut() {
                    if !in_head {
                        table.rows.push(std::mem::take(&mut row));
                    }
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                row.push(
                    cell.take()
                        .map(|text| collapse_whitespace(&text))
                        .unwrap_or_default(),
                );
            }
            other => {
                if let Some(text) = inline_text(&other) {
                    if let Some(cell) = cell.as_mut() {
                        cell.push_str(text);
                    } else if let Some(heading) = heading_text.as_mut() {
                        heading.push_str(text);
                    }
                }
            }
        }
    }
    tables
}

/// The plain text of the first heading (any level), if the body has one.
pub(crate) fn first_heading(markdown: &str) -> Option<String> {
    let mut text: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => text = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                let heading = text.take().map(|text| collapse_whitespace(&text));
                if heading
                    .as_deref()
                    .is_some_and(|heading| !heading.is_empty())
                {
                    return heading;
                }
            }
            other => {
                if let (Some(text), Some(piece)) = (text.as_mut(), inline_text(&other)) {
                    text.push_str(piece);
                }
            }
        }
    }
    None
}

/// The first paragraph after the first heading (before any second heading), or the first
/// paragraph at all when there is no heading, as plain text; bold markers vanish with the
/// formatting.
pub(crate) fn first_paragraph_after_title(markdown: &str) -> Option<String> {
    let mut seen_title = false;
    let mut any_heading = false;
    let mut paragraph: Option<String> = None;
    let mut first_untitled: Option<String> = None;
    let mut depth_in_container = 0usize;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                if seen_title {
                    return None;
                }
                any_heading = true;
                seen_title = true;
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_)) => {
                depth_in_container += 1;
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table) => {
                depth_in_container = depth_in_container.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph) if depth_in_container == 0 => {
                paragraph = Some(String::new());
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(text) = paragraph.take().map(|text| collapse_whitespace(&text)) {
                    if text.is_empty() {
                        continue;
                    }
                    if seen_title {
                        return Some(text);
                    }
                    if !any_heading && first_untitled.is_none() {
                        first_untitled = Some(text);
                    }
                }
            }
            other => {
                if let (Some(text), Some(piece)) = (paragraph.as_mut(), inline_text(&other)) {
                    text.push_str(piece);
                }
            }
        }
    }
    if any_heading {
        None
    } else {
        first_untitled
    }
}

/// The visible text an inline event contributes; breaks become spaces.
pub(crate) fn inline_text<'a>(event: &'a Event<'_>) -> Option<&'a str> {
    match event {
        Event::Text(text) | Event::Code(text) | Event::InlineHtml(text) => Some(text.as_ref()),
        Event::InlineMath(text) | Event::DisplayMath(text) => Some(text.as_ref()),
        Event::SoftBreak | Event::HardBreak => Some(" "),
        _ => None,
    }
}

/// Trims and squeezes runs of whitespace into single spaces.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
