//! Where the source text of a report's file comes from: the report itself (tarpaulin's
//! JSON carries it), a source file dropped with the report (matched by path suffix, an
//! ambiguity reported, never guessed), or a raw-file host at a commit (`?source=`).
use super::path_match::{match_source_by_suffix, PathMatch};
use crate::core::model::FileCoverage;

/// The answer for one file of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceOrigin {
    /// The report carries the file's text.
    Embedded,
    /// The dropped source file at this index of the paths given.
    Dropped { index: usize },
    /// Several dropped files fit the report's path equally well; their indices.
    Ambiguous { candidates: Vec<usize> },
    /// The text is fetched from this address (the `?source=` base plus the path).
    Address { address: String },
    /// A base address is given, but this path cannot be put after it.
    AddressUnusable { reason: String },
    /// Nothing gives the text.
    Missing,
}

/// Chooses where a file's text comes from: the report's own text first (it is exactly
/// what was measured), then a dropped file, then the base address.
pub fn choose_source<'a>(
    file: &FileCoverage,
    dropped_paths: impl IntoIterator<Item = &'a str>,
    base_address: Option<&str>,
) -> SourceOrigin {
    if file.embedded_source.is_some() {
        return SourceOrigin::Embedded;
    }
    match match_source_by_suffix(&file.path, dropped_paths) {
        PathMatch::Unique(index) => return SourceOrigin::Dropped { index },
        PathMatch::Ambiguous(candidates) => return SourceOrigin::Ambiguous { candidates },
        PathMatch::NotFound => {}
    }
    match base_address {
        Some(base) => match source_address(base, &file.path) {
            Ok(address) => SourceOrigin::Address { address },
            Err(reason) => SourceOrigin::AddressUnusable { reason },
        },
        None => SourceOrigin::Missing,
    }
}

/// The address of a report's path under a base address (a raw-file host at a commit,
/// `https://raw.githubusercontent.com/o/r/<sha>/`, or a folder of this site): the base, a
/// `/` when it lacks one, and the path's segments, each percent-encoded.
///
/// An absolute path (`/home/ci/app/x.py`, `C:\ci\app\x.py`) does not say which of its
/// folders is the repository's root, so it is refused rather than guessed; so are `..`
/// segments, which would leave the base.
pub fn source_address(base: &str, report_path: &str) -> Result<String, String> {
    let base = base.trim();
    let allowed_base = base.starts_with("https://")
        || base.starts_with("http://")
        || base.starts_with('/')
        || base.starts_with("./")
        || base.starts_with("../");
    if !allowed_base {
        return Err(format!(
            "the source address {base:?} is neither an https:// address nor a folder of this site"
        ));
    }
    let is_absolute = report_path.starts_with('/')
        || report_path.starts_with('\\')
        || report_path.as_bytes().get(1) == Some(&b':');
    if is_absolute {
        return Err(format!(
            "the report's path {report_path} is absolute, so which of its folders is the repository's root is unknown; drop the project folder instead"
        ));
    }
    let segments: Vec<&str> = report_path
        .split(['/', '\\'])
        .filter(|segment| !segment.is_empty() && *segment != ".")
        .collect();
    if segments.contains(&"..") {
        return Err(format!(
            "the report's path {report_path} climbs out of its folder (`..`)"
        ));
    }
    let encoded: Vec<String> = segments
        .iter()
        .map(|segment| encode_segment(segment))
        .collect();
    let separator = if base.ends_with('/') { "" } else { "/" };
    Ok(format!("{base}{separator}{}", encoded.join("/")))
}

/// Percent-encodes a path segment: everything but letters, digits and `-._~` (RFC 3986's
/// unreserved characters), byte by byte of its UTF-8.
fn encode_segment(segment: &str) -> String {
    let mut encoded = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}
