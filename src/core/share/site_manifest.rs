//! The site manifest (`covscope.json`): which reports, documents and earlier runs a
//! published Covscope site opens on, read and checked entry by entry.
//!
//! Shape (README, "Publishing your coverage"):
//! `{"reports": [{"url", "name"?, "label"?, "history"?: [{"url", "name"?}]}],
//!   "documents": [{"url", "path"?}]}`. Every `url` is relative to the manifest, so a site
//! works under any sub-path and its data stays on its own origin; an entry that is broken
//! is reported by its place in the manifest and left out, and the rest still loads.
use serde_json::{Map, Value};

use crate::core::text::{Diagnostic, ParseOutcome};

/// The file name a published site's manifest has, beside the app's `index.html`.
pub const SITE_MANIFEST_FILE_NAME: &str = "covscope.json";

/// What a published site opens on, in the order the manifest lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SiteManifest {
    pub reports: Vec<SiteReport>,
    pub documents: Vec<SiteDocument>,
}

/// One coverage report of the site, with the runs before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteReport {
    /// As the manifest writes it: relative to the manifest.
    pub url: String,
    /// What the report list shows without the label: `name`, or the URL's file name.
    pub name: String,
    /// Which part of a project the report covers ("backend", "frontend"); the runs of one
    /// label form its history.
    pub label: Option<String>,
    /// Which run produced the report ("run 41"); the site builder names it so in the
    /// history of the next site.
    pub run: Option<String>,
    /// Earlier runs of this report, oldest first.
    pub history: Vec<SiteRun>,
}

/// One earlier run of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteRun {
    pub url: String,
    pub name: String,
}

/// One planning or verification document of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteDocument {
    pub url: String,
    /// Where the document sits in its project (`.planning/phases/12-x/12-VERIFICATION.md`),
    /// which groups it by phase; the URL's file name when the manifest gives none.
    pub path: String,
}

/// One file the app loads for a site: where it is and the name it loads under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteFile {
    pub url: String,
    pub load_name: String,
}

/// A manifest entry that cannot be loaded: where it is in the manifest, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteEntryProblem {
    /// The entry's place, e.g. `reports[2]` or `reports[0].history[1]`, with its URL when
    /// it has one, so the person can find it.
    pub entry: String,
    pub message: String,
}

impl SiteReport {
    /// The name the report list shows: the label first when there is one, so reports of
    /// several parts of a project are told apart.
    pub fn display_name(&self) -> String {
        labelled_name(self.label.as_deref(), &self.name)
    }
}

impl SiteManifest {
    /// The files to load, in the order they should arrive: documents, then each report's
    /// earlier runs (oldest first), then the current reports, so the newest run of the
    /// last report ends up selected and the comparison shows the last change.
    pub fn files_to_load(&self) -> Vec<SiteFile> {
        let documents = self.documents.iter().map(|document| SiteFile {
            url: document.url.clone(),
            load_name: document.path.clone(),
        });
        let history = self.reports.iter().flat_map(|report| {
            report.history.iter().map(|run| SiteFile {
                url: run.url.clone(),
                load_name: labelled_name(report.label.as_deref(), &run.name),
            })
        });
        let current = self.reports.iter().map(|report| SiteFile {
            url: report.url.clone(),
            load_name: report.display_name(),
        });
        documents.chain(history).chain(current).collect()
    }
}

fn labelled_name(label: Option<&str>, name: &str) -> String {
    match label {
        Some(label) => format!("{label} · {name}"),
        None => name.to_string(),
    }
}

/// Reads a manifest. A manifest that is not a JSON object fails as a whole; a broken entry
/// becomes a [`SiteEntryProblem`] and the others are kept. Unknown keys are ignored (with
/// a warning), so newer manifests still open in older apps.
pub fn parse_site_manifest(bytes: &[u8]) -> (ParseOutcome<SiteManifest>, Vec<SiteEntryProblem>) {
    let root: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(error) => {
            return (
                ParseOutcome::failure(format!(
                    "{SITE_MANIFEST_FILE_NAME} is not valid JSON: {error}"
                )),
                Vec::new(),
            )
        }
    };
    let Value::Object(root) = root else {
        return (
            ParseOutcome::failure(format!(
                "{SITE_MANIFEST_FILE_NAME} must be a JSON object with \"reports\" and \"documents\" lists"
            )),
            Vec::new(),
        );
    };
    let mut reader = ManifestReader::default();
    reader.warn_unknown_keys(&root, "the manifest", &["reports", "documents", "version"]);
    let reports = reader.list(&root, "", "reports", ManifestReader::report);
    let documents = reader.list(&root, "", "documents", ManifestReader::document);
    if reports.is_empty() && documents.is_empty() && reader.problems.is_empty() {
        reader.warnings.push(Diagnostic::warning(format!(
            "{SITE_MANIFEST_FILE_NAME} lists no reports and no documents"
        )));
    }
    (
        ParseOutcome::success(SiteManifest { reports, documents }, reader.warnings),
        reader.problems,
    )
}

/// Gathers the problems and warnings of one manifest while its entries are read.
#[derive(Default)]
struct ManifestReader {
    problems: Vec<SiteEntryProblem>,
    warnings: Vec<Diagnostic>,
}

impl ManifestReader {
    /// Reads the list under `key`; each entry's place is `{owner}{key}[index]`, where
    /// `owner` names the entry that holds the list (`reports[0].`) or is empty.
    fn list<T>(
        &mut self,
        object: &Map<String, Value>,
        owner: &str,
        key: &str,
        read_entry: fn(&mut ManifestReader, &Map<String, Value>, &str) -> Option<T>,
    ) -> Vec<T> {
        match object.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(entries)) => entries
                .iter()
                .enumerate()
                .filter_map(|(index, entry)| {
                    let place = format!("{owner}{key}[{index}]");
                    match entry {
                        Value::Object(entry) => read_entry(self, entry, &place),
                        _ => {
                            self.problem(&place, None, "is not an object with a \"url\"");
                            None
                        }
                    }
                })
                .collect(),
            Some(_) => {
                self.problem(&format!("{owner}{key}"), None, "must be a list");
                Vec::new()
            }
        }
    }

    fn report(&mut self, entry: &Map<String, Value>, place: &str) -> Option<SiteReport> {
        self.warn_unknown_keys(entry, place, &["url", "name", "label", "run", "history"]);
        let url = self.url(entry, place)?;
        let name = self.optional_text(entry, place, "name", &url)?;
        let label = self.optional_label(entry, place, "label", &url)?;
        let run = self.optional_label(entry, place, "run", &url)?;
        let history = self.list(
            entry,
            &format!("{place}."),
            "history",
            |reader, run, run_place| {
                reader.warn_unknown_keys(run, run_place, &["url", "name"]);
                let url = reader.url(run, run_place)?;
                let name = reader.optional_text(run, run_place, "name", &url)?;
                Some(SiteRun { url, name })
            },
        );
        Some(SiteReport {
            url,
            name,
            label,
            run,
            history,
        })
    }

    fn document(&mut self, entry: &Map<String, Value>, place: &str) -> Option<SiteDocument> {
        self.warn_unknown_keys(entry, place, &["url", "path"]);
        let url = self.url(entry, place)?;
        let path = self.optional_text(entry, place, "path", &url)?;
        Some(SiteDocument { url, path })
    }

    /// The entry's URL, which must be relative to the manifest.
    fn url(&mut self, entry: &Map<String, Value>, place: &str) -> Option<String> {
        let url = match entry.get("url") {
            Some(Value::String(url)) if !url.trim().is_empty() => url.trim().to_string(),
            Some(Value::String(_)) => {
                self.problem(place, None, "has an empty \"url\"");
                return None;
            }
            Some(_) => {
                self.problem(place, None, "has a \"url\" that is not text");
                return None;
            }
            None => {
                self.problem(place, None, "has no \"url\"");
                return None;
            }
        };
        if let Some(reason) = refuse_site_url(&url) {
            self.problem(place, Some(&url), reason);
            return None;
        }
        Some(url)
    }

    /// A text field, or the URL's file name when the entry has none.
    fn optional_text(
        &mut self,
        entry: &Map<String, Value>,
        place: &str,
        key: &str,
        url: &str,
    ) -> Option<String> {
        match entry.get(key) {
            None | Some(Value::Null) => Some(url_file_name(url)),
            Some(Value::String(text)) if !text.trim().is_empty() => Some(text.trim().to_string()),
            Some(_) => {
                self.problem(
                    place,
                    Some(url),
                    &format!("\"{key}\" must be non-empty text"),
                );
                None
            }
        }
    }

    /// A text field that may be absent: `Some(None)` when it is, `None` when it is broken.
    fn optional_label(
        &mut self,
        entry: &Map<String, Value>,
        place: &str,
        key: &str,
        url: &str,
    ) -> Option<Option<String>> {
        match entry.get(key) {
            None | Some(Value::Null) => Some(None),
            Some(Value::String(text)) if !text.trim().is_empty() => {
                Some(Some(text.trim().to_string()))
            }
            Some(_) => {
                self.problem(
                    place,
                    Some(url),
                    &format!("\"{key}\" must be non-empty text"),
                );
                None
            }
        }
    }

    fn problem(&mut self, place: &str, url: Option<&str>, message: &str) {
        let entry = match url {
            Some(url) => format!("{place} ({url})"),
            None => place.to_string(),
        };
        self.problems.push(SiteEntryProblem {
            entry,
            message: message.to_string(),
        });
    }

    fn warn_unknown_keys(&mut self, object: &Map<String, Value>, place: &str, known: &[&str]) {
        for key in object.keys().filter(|key| !known.contains(&key.as_str())) {
            self.warnings.push(Diagnostic::warning(format!(
                "{SITE_MANIFEST_FILE_NAME}: {place} has a key Covscope does not know, \"{key}\"; it is ignored"
            )));
        }
    }
}

/// Why a manifest URL is not read, or `None` when it is fine: only references relative
/// to the manifest are, so a site never makes the app reach another server.
fn refuse_site_url(url: &str) -> Option<&'static str> {
    let before_path = url.split(['/', '?', '#']).next().unwrap_or_default();
    if url.starts_with("//") || before_path.contains(':') {
        return Some("is not relative to the manifest; a site reads only its own files, so its data never leaves its origin");
    }
    if url.starts_with('/') {
        return Some("starts with \"/\", which breaks under a sub-path such as GitHub Pages' /<repository>/; write it relative to the manifest");
    }
    if url.contains('\\') {
        return Some("contains \"\\\"; URLs use \"/\" between folders");
    }
    None
}

/// The last part of a URL's path, without query or fragment.
pub fn url_file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    path.rsplit('/')
        .find(|part| !part.is_empty())
        .unwrap_or(path)
        .to_string()
}

/// Resolves `relative` (a manifest URL, already checked to be relative) against the
/// address the manifest was read from, as a browser resolves a relative link: the
/// manifest's own file name, query and fragment are dropped, `.` and `..` segments are
/// removed, and `..` never climbs above the address's root.
pub fn resolve_site_url(manifest_address: &str, relative: &str) -> String {
    let base = manifest_address
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    // Everything up to the path's start (`https://host`, `file://`) stays as it is.
    let path_start = base
        .find("://")
        .map(|scheme_end| {
            base[scheme_end + 3..]
                .find('/')
                .map_or(base.len(), |slash| scheme_end + 3 + slash)
        })
        .unwrap_or(0);
    let (origin, base_path) = base.split_at(path_start);
    // An address with no path at all (`https://host`) stands for its root folder.
    let folder = match base_path.rfind('/') {
        Some(slash) => &base_path[..=slash],
        None if path_start > 0 => "/",
        None => "",
    };
    let (relative_path, suffix) = match relative.find(['?', '#']) {
        Some(at) => relative.split_at(at),
        None => (relative, ""),
    };
    let joined = format!("{folder}{relative_path}");
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = joined.split('/').collect();
    for (index, part) in parts.iter().enumerate() {
        let is_last = index + 1 == parts.len();
        match *part {
            "." => {
                if is_last {
                    segments.push("");
                }
            }
            ".." => {
                if segments.len() > 1 {
                    segments.pop();
                }
                if is_last {
                    segments.push("");
                }
            }
            part => segments.push(part),
        }
    }
    format!("{origin}{}{suffix}", segments.join("/"))
}
