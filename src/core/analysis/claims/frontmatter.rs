//! Finds claims in frontmatter values, reading each scalar with its key in front of it so
//! that "overall_coverage: 15.70%", "expected: models.py ~97%" and a `path` next to a
//! `coverage` key say what the bare figure is about.
use super::classify::{classify_unit, is_source_path, is_test_path, UnitOptions};
use super::walker::pasted_report_row;
use super::{Claim, ClaimSource};
use crate::core::document::{Frontmatter, FrontmatterEntry, FrontmatterValue};

/// Appends the claims of every scalar in the frontmatter, in key order.
pub(super) fn frontmatter_claims(
    frontmatter: &Frontmatter,
    planning: bool,
    claims: &mut Vec<Claim>,
) {
    let mut locator = LineLocator {
        raw: &frontmatter.raw_text,
        first_line: frontmatter.first_line,
        cursor: 0,
        lines_before_cursor: 0,
    };
    let mut walk = FrontmatterWalk {
        planning,
        locator: &mut locator,
        claims,
    };
    walk.entries(&frontmatter.entries, "", false, 0);
}

/// Appends the claims of a must-have or truth text, read as goals.
pub(super) fn goal_text_claims(text: &str, source: ClaimSource, claims: &mut Vec<Claim>) {
    let options = UnitOptions {
        goal: true,
        ..UnitOptions::default()
    };
    let mut line_offset = 0;
    for line in text.split('\n') {
        for mut claim in classify_unit(line, 0, &options) {
            claim.span = (claim.span.0 + line_offset, claim.span.1 + line_offset);
            claim.source = source.clone();
            claims.push(claim);
        }
        line_offset += line.len() + 1;
    }
}

/// Deeper nesting than this is not a planning document any more; stop rather than recurse.
const MAX_DEPTH: usize = 32;

struct FrontmatterWalk<'a, 'b> {
    planning: bool,
    locator: &'a mut LineLocator<'b>,
    claims: &'a mut Vec<Claim>,
}

impl FrontmatterWalk<'_, '_> {
    fn entries(&mut self, entries: &[FrontmatterEntry], path: &str, goal: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        // An artifact's `path` tells what its `coverage` figure is about.
        let sibling_path = entries
            .iter()
            .find(|entry| entry.key == "path")
            .and_then(|entry| entry.value.as_text())
            .map(str::trim)
            .filter(|path| is_source_path(path) && !is_test_path(path))
            .map(str::to_string);
        for entry in entries {
            let key_path = if path.is_empty() {
                entry.key.clone()
            } else {
                format!("{path}.{}", entry.key)
            };
            let entry_goal = goal || key_states_goal(&entry.key, &key_path);
            self.value(
                &entry.value,
                &entry.key,
                &key_path,
                sibling_path.as_deref(),
                entry_goal,
                depth + 1,
            );
        }
    }

    fn value(
        &mut self,
        value: &FrontmatterValue,
        key: &str,
        key_path: &str,
        sibling_path: Option<&str>,
        goal: bool,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            FrontmatterValue::Empty => {}
            FrontmatterValue::Text(text) => self.scalar(text, key, key_path, sibling_path, goal),
            FrontmatterValue::List(items) => {
                for (index, item) in items.iter().enumerate() {
                    let item_path = format!("{key_path}[{index}]");
                    match item {
                        FrontmatterValue::Map(entries) => {
                            self.entries(entries, &item_path, goal, depth + 1)
                        }
                        other => self.value(other, key, &item_path, sibling_path, goal, depth + 1),
                    }
                }
            }
            FrontmatterValue::Map(entries) => self.entries(entries, key_path, goal, depth + 1),
        }
    }

    fn scalar(
        &mut self,
        text: &str,
        key: &str,
        key_path: &str,
        sibling_path: Option<&str>,
        goal: bool,
    ) {
        let key_words = if is_source_path(key) {
            key.to_string()
        } else {
            key.replace(['_', '-'], " ")
        };
        let prefix = match sibling_path {
            Some(path) if key.to_lowercase().contains("cov") => format!("{path} {key_words}: "),
            _ => format!("{key_words}: "),
        };
        let options = UnitOptions {
            goal,
            planning: self.planning,
            ..UnitOptions::default()
        };
        let line = self.locator.locate(text);
        let source = ClaimSource::Frontmatter {
            key_path: key_path.to_string(),
            line,
        };
        let mut line_offset = 0;
        for value_line in text.split('\n') {
            if let Some(row) = pasted_report_row(value_line) {
                let mut claim = row.claim(value_line);
                claim.span = (claim.span.0 + line_offset, claim.span.1 + line_offset);
                claim.source = source.clone();
                self.claims.push(claim);
            } else {
                let unit = format!("{prefix}{value_line}");
                for mut claim in classify_unit(&unit, prefix.len(), &options) {
                    claim.span = (claim.span.0 + line_offset, claim.span.1 + line_offset);
                    claim.source = source.clone();
                    self.claims.push(claim);
                }
            }
            line_offset += value_line.len() + 1;
        }
    }
}

/// Must-haves, truths, expectations, targets and what is still missing state what should
/// hold, not what was measured.
fn key_states_goal(key: &str, key_path: &str) -> bool {
    let lower_path = key_path.to_lowercase();
    lower_path.starts_with("must_haves")
        || lower_path.starts_with("must-haves")
        || matches!(
            key.to_lowercase().as_str(),
            "truth"
                | "truths"
                | "success_criteria"
                | "goal"
                | "goals"
                | "target"
                | "targets"
                | "expected"
                | "missing"
                | "remaining"
                | "next_steps"
                | "todo"
                | "recommendations"
                | "recommendation"
        )
}

/// Finds the file line of a scalar in the raw frontmatter text, searching forward from
/// the previous find (values come in file order) so repeated values land on the right
/// line and the whole walk stays linear.
struct LineLocator<'a> {
    raw: &'a str,
    first_line: usize,
    cursor: usize,
    /// The number of line breaks before `cursor`.
    lines_before_cursor: usize,
}

impl LineLocator<'_> {
    /// How far ahead of the previous value the next one is looked for.
    const SEARCH_WINDOW: usize = 64 * 1024;

    fn locate(&mut self, text: &str) -> Option<usize> {
        let needle: String = text
            .trim()
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect();
        if needle.is_empty() {
            return None;
        }
        let mut window_end = (self.cursor + Self::SEARCH_WINDOW).min(self.raw.len());
        while !self.raw.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = self.raw.get(self.cursor..window_end)?;
        let found = window.find(&needle)? + self.cursor;
        self.lines_before_cursor += self.raw[self.cursor..found].matches('\n').count();
        self.cursor = found;
        Some(self.first_line + self.lines_before_cursor)
    }
}
