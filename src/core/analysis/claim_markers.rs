//! Places a marker after each claimed figure in a document body, so rendered markdown can
//! carry an inline verdict badge exactly where the figure stands.
//!
//! The markers are Unicode private-use characters around the claim's index: markdown
//! treats them as plain text, and no real document uses them, so they survive rendering
//! unchanged and can be swapped for badge HTML afterwards.

/// Opens a marker; the claim index in decimal digits follows, then `MARKER_END`.
pub const MARKER_START: char = '\u{E000}';
pub const MARKER_END: char = '\u{E001}';

/// Inserts a marker after each figure, given as (claim index, end byte offset) pairs.
/// Offsets outside the text or not on a character boundary are skipped, never panicked on.
pub fn insert_claim_markers(body: &str, figure_ends: &[(usize, usize)]) -> String {
    let mut positions: Vec<(usize, usize)> = figure_ends
        .iter()
        .copied()
        .filter(|&(_, end)| end <= body.len() && body.is_char_boundary(end))
        .collect();
    positions.sort_by_key(|&(index, end)| (end, index));
    let mut marked = String::with_capacity(body.len() + positions.len() * 8);
    let mut copied_up_to = 0;
    for (index, end) in positions {
        marked.push_str(&body[copied_up_to..end]);
        marked.push(MARKER_START);
        marked.push_str(&index.to_string());
        marked.push(MARKER_END);
        copied_up_to = end;
    }
    marked.push_str(&body[copied_up_to..]);
    marked
}

/// Replaces every marker in rendered HTML with what `badge_html` returns for its index.
/// A malformed marker (no end, no digits) is dropped rather than shown.
pub fn replace_claim_markers(html: &str, badge_html: impl Fn(usize) -> String) -> String {
    let mut result = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(MARKER_START) {
        result.push_str(&rest[..start]);
        let after_start = &rest[start + MARKER_START.len_utf8()..];
        match after_start.find(MARKER_END) {
            Some(end) => {
                if let Ok(index) = after_start[..end].parse::<usize>() {
                    result.push_str(&badge_html(index));
                }
                rest = &after_start[end + MARKER_END.len_utf8()..];
            }
            None => rest = after_start,
        }
    }
    result.push_str(rest);
    result
}

/// Removes markers from text that is shown as plain text (labels, attributes).
pub fn strip_claim_markers(text: &str) -> String {
    replace_claim_markers(text, |_| String::new())
}
