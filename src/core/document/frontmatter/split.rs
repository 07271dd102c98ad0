//! Finding the frontmatter block: where it opens and closes, and where the body begins when
//! the author forgot the closing `---`.
use super::{FrontmatterBlock, SplitDocument};
use crate::core::text::Diagnostic;

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
