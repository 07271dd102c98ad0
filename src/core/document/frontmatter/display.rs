//! Frontmatter values rendered for a person: scalars as written, short lists on one line,
//! everything else as indented `key: value` and `- item` lines.
use super::FrontmatterValue;

/// The value rendered for a person (see `FrontmatterValue::display_text`).
pub(super) fn display_text(value: &FrontmatterValue) -> String {
    match value {
        FrontmatterValue::Empty => String::new(),
        FrontmatterValue::Text(text) => text.text.clone(),
        FrontmatterValue::List(items) if items.is_empty() => "(none)".to_string(),
        FrontmatterValue::List(items) if is_short_scalar_list(items) => items
            .iter()
            .map(FrontmatterValue::display_text)
            .collect::<Vec<_>>()
            .join(", "),
        FrontmatterValue::Map(entries) if entries.is_empty() => "(none)".to_string(),
        _ => {
            let mut lines = Vec::new();
            write_block_lines(value, 0, &mut lines);
            lines.join("\n")
        }
    }
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
