//! Picks the report a document's claims are checked against: the one it names, else the
//! one measured closest before the document's date, else the selected one.
use crate::core::document::{FrontmatterValue, PlanningDocument};
use crate::core::model::CoverageReport;

pub(super) fn choose_report_for_document<Id: Clone + PartialEq>(
    document: &PlanningDocument,
    reports: &[(Id, &str, &CoverageReport)],
    selected: Option<Id>,
) -> Option<Id> {
    let named_paths = named_json_paths(document);
    let candidates: Vec<usize> = reports
        .iter()
        .enumerate()
        .filter(|(_, (_, name, _))| {
            named_paths
                .iter()
                .any(|written| json_names_match(written, name))
        })
        .map(|(index, _)| index)
        .collect();
    let date = document_date(document).and_then(|date| instant_key(&date));
    if candidates.len() == 1 {
        return Some(reports[candidates[0]].0.clone());
    }
    if candidates.len() > 1 {
        if let Some(index) = date.and_then(|date| closest_before(reports, &candidates, date)) {
            return Some(reports[index].0.clone());
        }
        if let Some(selected) = &selected {
            if candidates
                .iter()
                .any(|&index| reports[index].0 == *selected)
            {
                return Some(selected.clone());
            }
        }
        return Some(reports[candidates[0]].0.clone());
    }
    let everything: Vec<usize> = (0..reports.len()).collect();
    if let Some(index) = date.and_then(|date| closest_before(reports, &everything, date)) {
        return Some(reports[index].0.clone());
    }
    selected
}

pub(super) fn document_date(document: &PlanningDocument) -> Option<String> {
    if let Some(frontmatter) = &document.frontmatter {
        for key in ["verified", "completed", "date", "created"] {
            let text = frontmatter
                .get(key)
                .and_then(FrontmatterValue::as_text)
                .map(str::trim)
                .filter(|text| instant_key(text).is_some());
            if let Some(text) = text {
                return Some(text.to_string());
            }
        }
    }
    // Reports without frontmatter often say "**Report Date:** 2026-02-18" near the top.
    for line in document.body_markdown.lines().take(40) {
        let cleaned: String = line
            .chars()
            .filter(|character| !matches!(character, '*' | '_'))
            .collect();
        let cleaned = cleaned.trim().trim_start_matches(['-', '>', ' ']);
        let Some((label, value)) = cleaned.split_once(':') else {
            continue;
        };
        let label = label.trim().to_lowercase();
        let dated_label = matches!(
            label.as_str(),
            "verified" | "date" | "report date" | "completed" | "created" | "generated"
        );
        let value = value.trim();
        if dated_label && instant_key(value).is_some() {
            return Some(value.to_string());
        }
    }
    None
}

/// A sortable number for an ISO-like date or date-time ("2026-02-16",
/// "2025-02-15T20:15:00Z", "2026-11-20T23:55:24.395189"). A date without a time means the
/// end of that day, since a document dated that day was written after that day's runs.
/// Time zones are ignored: coverage.py writes local times without one.
pub(super) fn instant_key(text: &str) -> Option<u64> {
    let text = text.trim().trim_matches(['"', '\'']);
    let bytes = text.as_bytes();
    let number = |from: usize, length: usize| -> Option<u64> {
        let slice = text.get(from..from + length)?;
        if slice.bytes().all(|byte| byte.is_ascii_digit()) {
            slice.parse().ok()
        } else {
            None
        }
    };
    let year = number(0, 4)?;
    if !matches!(bytes.get(4), Some(b'-') | Some(b'/')) {
        return None;
    }
    let month = number(5, 2)?;
    if bytes.get(7) != bytes.get(4) {
        return None;
    }
    let day = number(8, 2)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut seconds_of_day = 86_399;
    let mut micros = 999_999;
    if matches!(bytes.get(10), Some(b'T') | Some(b' ')) {
        if let (Some(hours), Some(minutes)) = (number(11, 2), number(14, 2)) {
            let seconds = number(17, 2).unwrap_or(0);
            seconds_of_day = (hours * 3600 + minutes * 60 + seconds).min(86_399);
            micros = 0;
            if bytes.get(19) == Some(&b'.') {
                let fraction: String = text[20..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .take(6)
                    .collect();
                let padded = format!("{fraction:0<6}");
                micros = padded.parse().unwrap_or(0);
            }
        }
    }
    let days = (year * 12 + (month - 1)) * 31 + (day - 1);
    Some((days * 86_400 + seconds_of_day) * 1_000_000 + micros)
}

fn closest_before<Id>(
    reports: &[(Id, &str, &CoverageReport)],
    candidates: &[usize],
    date: u64,
) -> Option<usize> {
    let mut best: Option<(u64, usize)> = None;
    for &index in candidates {
        let Some(timestamp) = reports[index]
            .2
            .facts
            .timestamp
            .as_deref()
            .and_then(instant_key)
        else {
            continue;
        };
        if timestamp > date {
            continue;
        }
        if best.is_none_or(|(best_timestamp, _)| timestamp > best_timestamp) {
            best = Some((timestamp, index));
        }
    }
    best.map(|(_, index)| index)
}

/// Every `.json` path the document mentions, in its frontmatter or body.
fn named_json_paths(document: &PlanningDocument) -> Vec<String> {
    let mut texts: Vec<&str> = Vec::new();
    if let Some(frontmatter) = &document.frontmatter {
        texts.push(&frontmatter.raw_text);
    }
    texts.push(&document.body_markdown);
    let mut paths = Vec::new();
    for text in texts {
        for word in text.split(|character: char| {
            character.is_whitespace()
                || matches!(
                    character,
                    '(' | ')' | '[' | ']' | '"' | '\'' | '`' | ',' | '<' | '>' | '|' | '='
                )
        }) {
            let word = word.trim_end_matches(['.', ':', ';']);
            if word.to_ascii_lowercase().ends_with(".json")
                && !word.contains("://")
                && !paths.iter().any(|known: &String| known == word)
            {
                paths.push(word.to_string());
            }
        }
    }
    paths
}

/// The report's name and the written path end in the same segments (the shorter one is a
/// suffix of the longer one), compared without regard to case.
fn json_names_match(written: &str, name: &str) -> bool {
    let segments = |text: &str| -> Vec<String> {
        text.split(['/', '\\'])
            .filter(|segment| !segment.is_empty() && *segment != ".")
            .map(str::to_lowercase)
            .collect()
    };
    let written = segments(written);
    let name = segments(name);
    if written.is_empty() || name.is_empty() {
        return false;
    }
    written.ends_with(&name) || name.ends_with(&written)
}
