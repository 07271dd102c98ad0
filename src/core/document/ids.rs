//! Phase and plan ids, as raw text, from the frontmatter, the phase folder or the file name.
//!
//! Refs: get-shit-done file layout (`.planning/phases/{phase}-{slug}/{phase}-{plan}-PLAN.md`,
//! `{phase}-VERIFICATION.md`) and gsd-tools `normalizePhaseName` (ids such as `12`, `080`,
//! `225.1`, `253b`).
use super::kind::{markdown_stem, DocumentKind};

/// The phase and plan a document belongs to, plus the phase folder's full name if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DocumentIds {
    pub phase_id: Option<String>,
    pub plan_id: Option<String>,
}

/// What the frontmatter says, as written on its lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RawIdFields {
    pub phase: Option<String>,
    pub plan: Option<String>,
}

/// Works out the ids: the frontmatter wins, then the phase folder, then the file name.
///
/// Plan ids are only looked for in plan and summary file names: in `19-GAP-CLOSURE-REPORT.md`
/// the words after the phase are a title, not a plan.
pub(crate) fn document_ids(path: &str, kind: DocumentKind, fields: &RawIdFields) -> DocumentIds {
    let (folders, file_name) = split_path(path);
    let parent_folder = folders.last().copied();
    let folder_phase = parent_folder.and_then(|folder| leading_phase_id(folder, false));
    let stem = markdown_stem(file_name);
    let name_phase = leading_phase_id(stem, false).or_else(|| phase_after_word(stem));

    let phase_id = fields
        .phase
        .as_deref()
        .and_then(phase_id_from_field)
        .or_else(|| folder_phase.map(str::to_string))
        .or_else(|| name_phase.map(str::to_string));

    let plan_id = fields
        .plan
        .as_deref()
        .map(str::trim)
        .filter(|plan| !plan.is_empty())
        .map(str::to_string)
        .or_else(|| {
            if !matches!(kind, DocumentKind::Plan | DocumentKind::Summary) {
                return None;
            }
            // Known phase slugs, longest first, let `12-tier-1-coverage-push-01` lose its
            // slug cleanly even though the slug itself contains a number.
            let mut slugs: Vec<&str> = [fields.phase.as_deref(), parent_folder]
                .into_iter()
                .flatten()
                .filter(|slug| leading_phase_id(slug, true).is_some_and(|id| id.len() < slug.len()))
                .collect();
            slugs.sort_by_key(|slug| std::cmp::Reverse(slug.len()));
            plan_id_from_stem(stem, kind, &slugs, name_phase)
        });
    DocumentIds { phase_id, plan_id }
}

/// The folders of a path (in order) and its file name; both `/` and `\` separate.
pub(crate) fn split_path(path: &str) -> (Vec<&str>, &str) {
    let mut parts: Vec<&str> = path
        .split(['/', '\\'])
        .filter(|part| !part.is_empty())
        .collect();
    let file_name = parts.pop().unwrap_or("");
    (parts, file_name)
}

/// The phase id at the start of `text`: digits (at most three), optional `.N` parts, and an
/// optional single lower-case letter, followed by the end, `-`, `_`, a space or `:`.
///
/// With `allow_upper_letter`, `253B` is accepted too (used for explicit `phase:` fields).
pub(crate) fn leading_phase_id(text: &str, allow_upper_letter: bool) -> Option<&str> {
    let bytes = text.as_bytes();
    let mut index = 0;
    let digits = bytes
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count();
    if digits == 0 || digits > 3 {
        return None;
    }
    index += digits;
    while bytes.get(index) == Some(&b'.') && bytes.get(index + 1).is_some_and(u8::is_ascii_digit) {
        index += 1;
        index += bytes
            .get(index..)
            .unwrap_or(&[])
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
    }
    let letter_ok =
        |byte: &u8| byte.is_ascii_lowercase() || (allow_upper_letter && byte.is_ascii_uppercase());
    if bytes.get(index).is_some_and(letter_ok) && is_id_terminator(bytes.get(index + 1)) {
        index += 1;
    }
    if !is_id_terminator(bytes.get(index)) {
        return None;
    }
    text.get(..index)
}

/// The phase id in a `phase:` field: `12-tier-1-coverage-push` gives `12`, `"080"` gives
/// `080`, `Phase 12: Name` gives `12`; text with no id at its start is kept whole.
fn phase_id_from_field(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return None;
    }
    if let Some(id) = leading_phase_id(trimmed, true) {
        return Some(id.to_string());
    }
    if let Some(id) = phase_after_word(trimmed) {
        return Some(id.to_string());
    }
    Some(trimmed.to_string())
}

/// The id after a leading "phase" word: `phase_12_report`, `Phase 12: Name`, `phase-080`.
fn phase_after_word(text: &str) -> Option<&str> {
    let head = text.get(..5)?;
    if !head.eq_ignore_ascii_case("phase") {
        return None;
    }
    let rest = text.get(5..)?.trim_start_matches([' ', '-', '_']);
    leading_phase_id(rest, false)
}

fn is_id_terminator(byte: Option<&u8>) -> bool {
    matches!(byte, None | Some(b'-' | b'_' | b' ' | b':' | b'\t'))
}

/// The plan id in a plan or summary file name.
///
/// The kind suffix is removed, then a known phase slug or the phase id; what is left is the
/// plan id (`01`, `GAP-03`, `04a`, `WAVE1`). When an unknown slug is still in front, only
/// a trailing id shape is taken: a number (with a letter), an upper-case word with a
/// number (`GAP-03`), or an upper-case token (`WAVE1`). Slugs are lower-case, which is
/// what tells `tier-1-coverage-push` apart from a plan id.
fn plan_id_from_stem(
    stem: &str,
    kind: DocumentKind,
    slugs: &[&str],
    name_phase: Option<&str>,
) -> Option<String> {
    let suffix = match kind {
        DocumentKind::Plan => "PLAN",
        _ => "SUMMARY",
    };
    let without_kind = stem
        .strip_suffix(suffix)
        .map(|rest| rest.trim_end_matches(['-', '_', '.']))
        .unwrap_or(stem);
    for slug in slugs {
        if let Some(rest) = without_kind
            .strip_prefix(slug)
            .and_then(|rest| rest.strip_prefix(['-', '_']))
        {
            return (!rest.is_empty()).then(|| rest.to_string());
        }
    }
    let phase = name_phase?;
    let rest = without_kind.strip_prefix(phase)?.strip_prefix(['-', '_'])?;
    if rest.is_empty() {
        return None;
    }
    let tokens: Vec<&str> = rest.split(['-', '_']).collect();
    let last = tokens.last().copied().unwrap_or("");
    let before_last = tokens
        .len()
        .checked_sub(2)
        .and_then(|index| tokens.get(index));
    if is_number_token(last) {
        return Some(match before_last {
            Some(word) if is_upper_word(word) => format!("{word}-{last}"),
            _ => last.to_string(),
        });
    }
    let has_upper = last.bytes().any(|byte| byte.is_ascii_uppercase());
    let no_lower = !last.bytes().any(|byte| byte.is_ascii_lowercase());
    (has_upper && no_lower && last.bytes().all(|byte| byte.is_ascii_alphanumeric()))
        .then(|| last.to_string())
}

/// `01`, `9`, `04a`: digits with at most one trailing lower-case letter.
fn is_number_token(token: &str) -> bool {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    let rest = token.get(digits..).unwrap_or("");
    digits > 0
        && (rest.is_empty() || (rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_lowercase())))
}

fn is_upper_word(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|byte| byte.is_ascii_uppercase())
}
