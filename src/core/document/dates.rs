//! When a document was written and when a report was measured, as sortable instants, so
//! a report measured after a document can be told apart from one it describes.
use super::frontmatter::FrontmatterValue;
use super::reader::PlanningDocument;

/// The latest date a document states for itself: frontmatter `verified`, `reverified`,
/// `completed`, `date`, `created`, `updated` and body lines such as `**Report Date:**` or
/// `_Re-verified: …_` near its start or end.
pub fn document_date(document: &PlanningDocument) -> Option<String> {
    const KEYS: &[&str] = &[
        "verified",
        "reverified",
        "re_verified",
        "completed",
        "date",
        "created",
        "updated",
        "last_updated",
        "generated",
    ];
    let mut dates: Vec<String> = Vec::new();
    if let Some(frontmatter) = &document.frontmatter {
        dates.extend(
            KEYS.iter()
                .filter_map(|key| frontmatter.get(key))
                .filter_map(FrontmatterValue::as_text)
                .map(str::to_string),
        );
    }
    let lines: Vec<&str> = document.body_markdown.lines().collect();
    let edges = lines
        .iter()
        .take(40)
        .chain(lines.iter().skip(lines.len().saturating_sub(15).max(40)));
    for line in edges {
        let cleaned: String = line.chars().filter(|c| !matches!(c, '*' | '_')).collect();
        let cleaned = cleaned.trim().trim_start_matches(['-', '>', ' ']);
        let Some((label, value)) = cleaned.split_once(':') else {
            continue;
        };
        let label = label.trim().to_lowercase().replace('-', "");
        let dated = [
            "verified",
            "reverified",
            "date",
            "report date",
            "completed",
            "created",
            "generated",
            "updated",
        ]
        .contains(&label.as_str());
        if dated {
            dates.push(value.trim().to_string());
        }
    }
    dates
        .into_iter()
        .filter_map(|text| {
            Some((
                instant_key(&text)?,
                text.trim().trim_matches(['"', '\'']).to_string(),
            ))
        })
        .max_by_key(|(key, _)| *key)
        .map(|(_, text)| text)
}

/// A sortable number for an ISO-like date or date-time ("2026-02-16",
/// "2025-02-15T20:15:00Z", "2026-11-20T23:55:24.395189"). A date without a time means the
/// end of that day, since a document dated that day was written after that day's runs.
/// Time zones are ignored: coverage.py writes local times without one.
pub fn instant_key(text: &str) -> Option<u64> {
    let text = text.trim().trim_matches(['"', '\'']);
    let bytes = text.as_bytes();
    let number = |from: usize, length: usize| -> Option<u64> {
        let slice = text.get(from..from + length)?;
        slice
            .bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| slice.parse().ok())
            .flatten()
    };
    let year = number(0, 4)?;
    let separator = *bytes.get(4)?;
    if !matches!(separator, b'-' | b'/') || bytes.get(7) != Some(&separator) {
        return None;
    }
    let (month, day) = (number(5, 2)?, number(8, 2)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut seconds_of_day = 86_399;
    let mut micros = 999_999;
    if matches!(bytes.get(10), Some(b'T') | Some(b' ')) {
        if let (Some(hours), Some(minutes)) = (number(11, 2), number(14, 2)) {
            seconds_of_day = (hours * 3600 + minutes * 60 + number(17, 2).unwrap_or(0)).min(86_399);
            micros = 0;
            if bytes.get(19) == Some(&b'.') {
                let fraction: String = text[20..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .take(6)
                    .collect();
                micros = format!("{fraction:0<6}").parse().unwrap_or(0);
            }
        }
    }
    let days = (year * 12 + (month - 1)) * 31 + (day - 1);
    Some((days * 86_400 + seconds_of_day) * 1_000_000 + micros)
}
