//! Verification facts: status, score, gaps, human checks and the Observable Truths table.
//!
//! Refs: get-shit-done templates (verification-report.md: frontmatter `status`, `score`,
//! `gaps[{truth, status, reason, artifacts, missing}]`, `human_verification[{test,
//! expected, why_human}]`, `re_verification`; body "Observable Truths" table).
use super::body::find_labelled_value;
use super::frontmatter::{Frontmatter, FrontmatterValue};
use super::markdown::{markdown_tables, MarkdownTable};
use serde::{Deserialize, Serialize};

/// What a verification report (or a free-form report with a status) says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationFacts {
    /// The frontmatter `status` exactly as written (`gaps_found`, `gaps_closed_partial`, ...).
    pub status_raw: Option<String>,
    /// The score's leading `N/M`, if one could be read.
    pub score: Option<Score>,
    pub gaps: Vec<Gap>,
    pub human_verification: Vec<HumanCheck>,
    /// The `re_verification` block as ordered key and display-text pairs.
    pub re_verification: Option<Vec<(String, String)>>,
    /// Rows of the body's "Observable Truths" table.
    pub truths_table: Vec<TruthRow>,
    /// A `**Status:** ✅ COMPLETE` line from the body, read only when the frontmatter has
    /// no status.
    pub body_status: Option<String>,
}

/// A score such as "5/6 must-haves verified": the counts and the text they came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub verified: u32,
    pub total: u32,
    pub raw: String,
}

/// One gap from the frontmatter `gaps` list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub truth: String,
    /// The status as written, e.g. `failed`.
    pub status_raw: Option<String>,
    pub status: GapStatus,
    pub reason: Option<String>,
    /// The artifact paths named by the gap.
    pub artifacts: Vec<String>,
    /// What is still missing, one item per entry.
    pub missing: Vec<String>,
}

/// The verdict on a gap or a truth, read from words and ✓ ✅ ⚠️ ✗ ❌ glyphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GapStatus {
    Failed,
    Partial,
    Verified,
    /// Anything else ("uncertain", "human needed", blank); the raw text says what.
    Other,
}

/// One item of `human_verification`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HumanCheck {
    pub test: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub why_human: Option<String>,
}

/// One row of the "Observable Truths" table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthRow {
    /// The `#` cell as written, when the table has one.
    pub number: Option<String>,
    pub truth: String,
    pub status: GapStatus,
    /// The status cell as written, e.g. `⚠️ PARTIAL`.
    pub status_raw: String,
    pub evidence: Option<String>,
}

impl VerificationFacts {
    /// The status to show: the frontmatter's, else the body's `**Status:**` line.
    pub fn status(&self) -> Option<&str> {
        self.status_raw.as_deref().or(self.body_status.as_deref())
    }

    /// Whether anything at all was found (free-form reports often have nothing).
    pub fn is_empty(&self) -> bool {
        self.status_raw.is_none()
            && self.score.is_none()
            && self.gaps.is_empty()
            && self.human_verification.is_empty()
            && self.re_verification.is_none()
            && self.truths_table.is_empty()
            && self.body_status.is_none()
    }
}

impl GapStatus {
    /// Reads a status from text: the first status glyph wins, then words.
    ///
    /// "partial" anywhere means partial; "failed", "missing", "not verified" mean failed;
    /// "verified", "passed", "complete", "met" mean verified.
    pub fn from_text(text: &str) -> GapStatus {
        for character in text.chars() {
            match character {
                '❌' | '✗' | '✘' | '✖' | '⛔' | '🔴' => return GapStatus::Failed,
                '⚠' | '🟡' | '🟠' => return GapStatus::Partial,
                '✅' | '✓' | '✔' | '☑' | '🟢' => return GapStatus::Verified,
                _ => {}
            }
        }
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|character: char| !character.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        if words.iter().any(|word| word.starts_with("partial")) {
            return GapStatus::Partial;
        }
        let negated = words.windows(2).any(|pair| {
            matches!(
                pair,
                [
                    "not" | "no" | "never",
                    "verified" | "met" | "achieved" | "passed" | "passing" | "complete" | "done"
                ]
            )
        });
        let failed = words.iter().any(|word| {
            matches!(
                *word,
                "failed"
                    | "fail"
                    | "fails"
                    | "failing"
                    | "failure"
                    | "missing"
                    | "blocked"
                    | "unverified"
                    | "unmet"
                    | "broken"
                    | "stub"
                    | "stubbed"
                    | "orphaned"
            )
        });
        if negated || failed {
            return GapStatus::Failed;
        }
        let verified = words.iter().any(|word| {
            matches!(
                *word,
                "verified"
                    | "pass"
                    | "passed"
                    | "passing"
                    | "complete"
                    | "completed"
                    | "met"
                    | "achieved"
                    | "done"
                    | "ok"
                    | "exceeds"
                    | "closed"
            )
        });
        if verified {
            GapStatus::Verified
        } else {
            GapStatus::Other
        }
    }

    /// `failed`, `partial`, `verified` or `other`.
    pub fn key(self) -> &'static str {
        match self {
            GapStatus::Failed => "failed",
            GapStatus::Partial => "partial",
            GapStatus::Verified => "verified",
            GapStatus::Other => "other",
        }
    }
}

impl Gap {
    /// The value for the page's `data-status`: the known verdict, else the raw status.
    pub fn status_key(&self) -> String {
        match (self.status, &self.status_raw) {
            (GapStatus::Other, Some(raw)) => raw.clone(),
            (status, _) => status.key().to_string(),
        }
    }
}

/// Reads the first `N/M` (or `N of M`) in a score text.
///
/// Handles "5/6 must-haves verified", "3 / 6", "Score: 4/7 truths", "**5/6**",
/// "100% (6/6)" and the like; numbers inside decimals or dates are skipped.
pub fn parse_score(text: &str) -> Option<Score> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let starts_number = bytes.get(index).is_some_and(u8::is_ascii_digit)
            && !index
                .checked_sub(1)
                .and_then(|previous| bytes.get(previous))
                .is_some_and(|&byte| byte.is_ascii_digit() || byte == b'.' || byte == b'/');
        if !starts_number {
            index += 1;
            continue;
        }
        let first_end = index + count_digits(bytes, index);
        if let Some((total, _)) = score_denominator(bytes, first_end) {
            let verified = text
                .get(index..first_end)
                .and_then(|digits| digits.parse().ok());
            if let (Some(verified), Some(total)) = (verified, total) {
                return Some(Score {
                    verified,
                    total,
                    raw: text.trim().to_string(),
                });
            }
        }
        index = first_end.max(index + 1);
    }
    None
}

/// Reads the facts from the frontmatter and body of a verification-like document.
///
/// `body_lines` are the body's lines outside code blocks, where `**Status:**` lines are looked
/// for; `flattened` is the body without XML-ish tags (see `flattened_markdown`), where tables
/// are looked for.
pub(crate) fn verification_facts(
    frontmatter: Option<&Frontmatter>,
    body_lines: &[&str],
    flattened: &str,
) -> VerificationFacts {
    let field = |key: &str| frontmatter.and_then(|frontmatter| frontmatter.get(key));
    let status_raw = field("status")
        .map(FrontmatterValue::display_text)
        .map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty());
    let score = field("score")
        .map(FrontmatterValue::display_text)
        .and_then(|text| parse_score(&text))
        .or_else(|| {
            find_labelled_value(body_lines, &["Score"], false).and_then(|text| parse_score(&text))
        });
    let gaps = field("gaps").map(read_gaps).unwrap_or_default();
    let human_verification = field("human_verification")
        .map(read_human_checks)
        .unwrap_or_default();
    let re_verification = frontmatter
        .and_then(|frontmatter| frontmatter.get_any(&["re_verification", "re-verification"]))
        .filter(|value| !value.is_empty())
        .map(|value| match value {
            FrontmatterValue::Map(entries) => entries
                .iter()
                .map(|entry| (entry.key.clone(), entry.value.display_text()))
                .collect(),
            other => vec![("re_verification".to_string(), other.display_text())],
        });
    let body_status = if status_raw.is_none() {
        find_labelled_value(body_lines, &["Status", "Overall Status"], false)
    } else {
        None
    };
    VerificationFacts {
        status_raw,
        score,
        gaps,
        human_verification,
        re_verification,
        truths_table: truths_table(flattened),
        body_status,
    }
}

fn count_digits(bytes: &[u8], start: usize) -> usize {
    bytes
        .get(start..)
        .unwrap_or(&[])
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count()
}

/// After a numerator ending at `position`: ` / M` or ` of M`. Returns the parsed total (or
/// `None` if it overflows) and where it ends.
fn score_denominator(bytes: &[u8], position: usize) -> Option<(Option<u32>, usize)> {
    let skip_spaces = |mut at: usize| {
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        at
    };
    let mut at = skip_spaces(position);
    if bytes.get(at) == Some(&b'/') {
        at += 1;
    } else if bytes.get(at..at + 2) == Some(b"of") && at > position {
        at += 2;
        if bytes.get(at) != Some(&b' ') {
            return None;
        }
    } else {
        return None;
    }
    at = skip_spaces(at);
    let digits = count_digits(bytes, at);
    if digits == 0 {
        return None;
    }
    let end = at + digits;
    // "3/6.5" or "2025/02/15" are not scores.
    if matches!(bytes.get(end), Some(b'.' | b'/'))
        && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let total = std::str::from_utf8(bytes.get(at..end)?)
        .ok()
        .and_then(|digits| digits.parse().ok());
    Some((total, end))
}

fn read_gaps(value: &FrontmatterValue) -> Vec<Gap> {
    match value {
        FrontmatterValue::List(items) => items
            .iter()
            .filter(|item| !item.is_empty())
            .map(|item| read_gap(item, None))
            .collect(),
        // Some reports key their gaps (`gap_1: {...}`) instead of listing them.
        FrontmatterValue::Map(entries) => entries
            .iter()
            .map(|entry| read_gap(&entry.value, Some(&entry.key)))
            .collect(),
        FrontmatterValue::Text(text) if !text.trim().is_empty() => vec![Gap {
            truth: text.trim().to_string(),
            status_raw: None,
            status: GapStatus::Other,
            reason: None,
            artifacts: Vec::new(),
            missing: Vec::new(),
        }],
        _ => Vec::new(),
    }
}

fn read_gap(item: &FrontmatterValue, key: Option<&str>) -> Gap {
    let text_of = |keys: &[&str]| {
        item.get_any(keys)
            .map(FrontmatterValue::display_text)
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    match item {
        FrontmatterValue::Map(_) => {
            let status_raw = text_of(&["status", "result"]);
            Gap {
                truth: text_of(&["truth", "title", "name", "gap", "description"])
                    .or_else(|| key.map(str::to_string))
                    .unwrap_or_default(),
                status: status_raw
                    .as_deref()
                    .map_or(GapStatus::Other, GapStatus::from_text),
                status_raw,
                reason: text_of(&["reason", "details", "issue"]),
                artifacts: item
                    .get("artifacts")
                    .map(artifact_paths)
                    .unwrap_or_default(),
                missing: item
                    .get("missing")
                    .map(FrontmatterValue::text_items)
                    .unwrap_or_default(),
            }
        }
        other => {
            let text = other.display_text();
            Gap {
                truth: match key {
                    Some(key) => format!("{key}: {text}"),
                    None => text,
                },
                status_raw: None,
                status: GapStatus::Other,
                reason: None,
                artifacts: Vec::new(),
                missing: Vec::new(),
            }
        }
    }
}

/// Artifact paths: `{path: ...}` maps give their path; plain items are paths themselves.
fn artifact_paths(value: &FrontmatterValue) -> Vec<String> {
    let path_of = |item: &FrontmatterValue| match item {
        FrontmatterValue::Map(_) => item
            .get_any(&["path", "file"])
            .and_then(FrontmatterValue::as_text)
            .map(|path| path.trim().to_string()),
        FrontmatterValue::Text(text) => Some(text.trim().to_string()),
        _ => None,
    };
    let paths: Vec<String> = match value {
        FrontmatterValue::List(items) => items.iter().filter_map(path_of).collect(),
        other => path_of(other).into_iter().collect(),
    };
    paths.into_iter().filter(|path| !path.is_empty()).collect()
}

fn read_human_checks(value: &FrontmatterValue) -> Vec<HumanCheck> {
    let items: Vec<&FrontmatterValue> = match value {
        FrontmatterValue::List(items) => items.iter().collect(),
        FrontmatterValue::Empty => Vec::new(),
        other => vec![other],
    };
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .map(|item| {
            let text_of = |keys: &[&str]| {
                item.get_any(keys)
                    .map(FrontmatterValue::display_text)
                    .map(|text| text.trim().to_string())
                    .filter(|text| !text.is_empty())
            };
            match item {
                FrontmatterValue::Map(_) => HumanCheck {
                    test: text_of(&["test", "check", "name", "what"]).unwrap_or_default(),
                    expected: text_of(&["expected"]),
                    actual: text_of(&["actual", "result"]),
                    why_human: text_of(&["why_human", "why"]),
                },
                other => HumanCheck {
                    test: other.display_text(),
                    expected: None,
                    actual: None,
                    why_human: None,
                },
            }
        })
        .collect()
}

/// Rows of every table that has a truth column and a status column, or that sits under an
/// "Observable Truths" heading and has a status column.
fn truths_table(body: &str) -> Vec<TruthRow> {
    markdown_tables(body).iter().flat_map(truth_rows).collect()
}

fn truth_rows(table: &MarkdownTable) -> Vec<TruthRow> {
    let header: Vec<String> = table
        .header
        .iter()
        .map(|cell| cell.to_lowercase())
        .collect();
    let find = |test: &dyn Fn(&str) -> bool| header.iter().position(|cell| test(cell));
    let Some(status_column) = find(&|cell| cell.contains("status") || cell == "result") else {
        return Vec::new();
    };
    let under_truths_heading = table
        .heading
        .as_deref()
        .is_some_and(|heading| heading.to_lowercase().contains("truth"));
    let truth_column = find(&|cell| cell.contains("truth"));
    if truth_column.is_none() && !under_truths_heading {
        return Vec::new();
    }
    let number_column = find(&|cell| matches!(cell, "#" | "no" | "no." | "id" | "n"));
    let evidence_column = find(&|cell| cell.contains("evidence"))
        .or_else(|| find(&|cell| cell.contains("detail") || cell.contains("note")));
    let truth_column = truth_column.or_else(|| {
        (0..header.len()).find(|&column| {
            Some(column) != number_column
                && column != status_column
                && Some(column) != evidence_column
        })
    });
    let Some(truth_column) = truth_column else {
        return Vec::new();
    };
    let cell = |row: &[String], column: usize| row.get(column).cloned().unwrap_or_default();
    table
        .rows
        .iter()
        .filter_map(|row| {
            let truth = cell(row, truth_column);
            let status_raw = cell(row, status_column);
            if truth.is_empty() && status_raw.is_empty() {
                return None;
            }
            Some(TruthRow {
                number: number_column
                    .map(|column| cell(row, column))
                    .filter(|number| !number.is_empty()),
                truth,
                status: GapStatus::from_text(&status_raw),
                status_raw,
                evidence: evidence_column
                    .map(|column| cell(row, column))
                    .filter(|evidence| !evidence.is_empty()),
            })
        })
        .collect()
}
