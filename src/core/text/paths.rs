//! The shape of a source path as written in a report or a document: its segments, and
//! whether some text looks like one at all.

/// True when the text looks like a source path worth matching (has a file extension and
/// no spaces), so prose words are not looked up.
pub fn looks_like_source_path(text: &str) -> bool {
    let trimmed = text.trim().trim_matches('`');
    !trimmed.is_empty()
        && !trimmed.contains(char::is_whitespace)
        && trimmed
            .rsplit(['/', '\\'])
            .next()
            .is_some_and(|name| name.contains('.') && !name.ends_with('.'))
}

/// A path's segments, split at either separator, with empty and `.` segments dropped and
/// surrounding backticks ignored: `./core\models.py` is `["core", "models.py"]`.
pub fn path_segments(path: &str) -> Vec<&str> {
    path.trim()
        .trim_matches('`')
        .split(['/', '\\'])
        .filter(|segment| !segment.is_empty() && *segment != ".")
        .collect()
}
