//! Which report a figure is about, and the one "another run" rule.
//!
//! A figure is checked against the report its line names, else its section, else the
//! document, else the person's choice; without any name, against the report measured
//! closest before the document's date, or the selected one. A disagreement is only a
//! mismatch against a report the figure names (or the person chose) that is not newer
//! than the document: a report measured later, or a different report than the one named,
//! is another run, and its figures cannot refute the document ("stale").
use super::check::RunDoubt;
use super::subject::{is_source_path, is_test_path};
use super::walker::top_level_report_names;
use super::{Claim, ClaimSubject, ReportScope};
use crate::core::document::{FrontmatterValue, PlanningDocument};

/// What the document says about its own run, read once per document.
#[derive(Clone, Debug, Default)]
pub(super) struct DocumentRuns {
    /// When the document was last written (its latest stated date), as a sortable key and
    /// as written.
    pub date: Option<(u64, String)>,
    /// The reports the document itself names (frontmatter first, else its top-level lines).
    pub names: Vec<String>,
    /// Source files the document names, for telling another scope's total.
    pub files: Vec<String>,
}

/// A loaded report, as the run rule sees it.
pub(super) struct LoadedReport<'a> {
    pub name: &'a str,
    pub timestamp: Option<&'a str>,
}

/// The report or reports a figure is checked against, and any doubt about the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ClaimRun {
    /// Indices into the loaded reports: one, or several the figure may be about (a match
    /// against any of them counts; nothing else does).
    pub reports: Vec<usize>,
    pub doubt: RunDoubt,
}

impl DocumentRuns {
    pub fn read(document: &PlanningDocument, claims: &[Claim]) -> DocumentRuns {
        let mut names: Vec<String> = Vec::new();
        if let Some(frontmatter) = &document.frontmatter {
            push_distinct(
                &mut names,
                json_names(&frontmatter.raw_text)
                    .into_iter()
                    .filter(|name| is_coverage_like(name)),
            );
        }
        if names.is_empty() {
            push_distinct(
                &mut names,
                top_level_report_names(&document.body_markdown)
                    .into_iter()
                    .filter(|name| is_coverage_like(name)),
            );
        }
        DocumentRuns {
            date: document_date(document).and_then(|text| Some((instant_key(&text)?, text))),
            names,
            files: named_files(document, claims),
        }
    }

    /// The run of one claim, among `reports`.
    pub fn claim_run(
        &self,
        claim: &Claim,
        reports: &[LoadedReport],
        selected: Option<usize>,
        chosen: Option<usize>,
    ) -> ClaimRun {
        let mut run = self.pick(claim, reports, selected, chosen);
        if let [index] = run.reports[..] {
            let newer = self.date.as_ref().zip(
                reports[index]
                    .timestamp
                    .and_then(|text| Some((instant_key(text)?, text))),
            );
            if let Some(((date, date_text), (_, timestamp))) =
                newer.filter(|((date, _), (time, _))| time > date)
            {
                let _ = date;
                run.doubt.stale.get_or_insert_with(|| {
                    format!(
                        "the report was measured after the document was written ({} is newer than {date_text}), so it is another run",
                        timestamp.trim()
                    )
                });
            }
        }
        run
    }

    fn pick(
        &self,
        claim: &Claim,
        reports: &[LoadedReport],
        selected: Option<usize>,
        chosen: Option<usize>,
    ) -> ClaimRun {
        if let Some(named) = &claim.named_report {
            let fit = self.fitting(&named.name, reports);
            if !fit.is_empty() {
                return self.among(fit, reports, true);
            }
            if named.scope == ReportScope::Line || is_coverage_like(&named.name) {
                // The figure's own report is not loaded; a match with another still shows.
                let mut run = self.unnamed(reports, selected, chosen);
                run.doubt.stale = Some(format!(
                    "this figure is about {}, which is not loaded, so the report checked is another run",
                    named.name
                ));
                return run;
            }
        }
        if let Some(index) = chosen {
            return one(index, true);
        }
        match self.names.as_slice() {
            [] => self.unnamed(reports, selected, None),
            [name] => {
                let fit = self.fitting(name, reports);
                if fit.is_empty() {
                    let mut run = self.unnamed(reports, selected, None);
                    run.doubt.stale = Some(format!(
                        "the document is about {name}, which is not loaded, so the report checked is another run"
                    ));
                    return run;
                }
                self.among(fit, reports, true)
            }
            several => {
                let fit: Vec<usize> = (0..reports.len())
                    .filter(|&index| {
                        several
                            .iter()
                            .any(|name| names_fit(name, reports[index].name))
                    })
                    .collect();
                let mut run = self.unnamed(reports, selected, None);
                if !fit.is_empty() {
                    run.reports = fit;
                }
                run.doubt.unnamed = Some(format!(
                    "the document names several reports ({}) and this figure's line and section name none",
                    several.join(", ")
                ));
                run
            }
        }
    }

    /// No name to go by: the report closest before the document's date, else the
    /// selected one; never a sure mismatch.
    fn unnamed(
        &self,
        reports: &[LoadedReport],
        selected: Option<usize>,
        chosen: Option<usize>,
    ) -> ClaimRun {
        if let Some(index) = chosen {
            return one(index, true);
        }
        let everything: Vec<usize> = (0..reports.len()).collect();
        let dated = self.closest_before(&everything, reports);
        let reason = match dated {
            Some(_) => "the document names no report; this is the one measured closest before its date, which may be another run",
            None => "the document names no report and states no date, so the selected report may be another run",
        };
        match dated.or(selected) {
            Some(index) => ClaimRun {
                reports: vec![index],
                doubt: RunDoubt {
                    stale: None,
                    unnamed: Some(reason.to_string()),
                },
            },
            None => ClaimRun {
                reports: Vec::new(),
                doubt: RunDoubt {
                    stale: None,
                    unnamed: Some("no coverage report is loaded".to_string()),
                },
            },
        }
    }

    /// One of several reports that fit a name: the one measured closest before the
    /// document's date, else all of them (a bare `coverage.json` that fits several runs is
    /// ambiguous, never the first one).
    fn among(&self, fit: Vec<usize>, reports: &[LoadedReport], named: bool) -> ClaimRun {
        if fit.len() == 1 {
            return one(fit[0], named);
        }
        if let Some(index) = self.closest_before(&fit, reports) {
            return one(index, named);
        }
        let names: Vec<&str> = fit.iter().map(|&index| reports[index].name).collect();
        ClaimRun {
            reports: fit,
            doubt: RunDoubt {
                stale: None,
                unnamed: Some(format!(
                    "the report named fits {} loaded reports ({}) and the document's date does not tell them apart",
                    names.len(),
                    names.join(", ")
                )),
            },
        }
    }

    fn fitting(&self, name: &str, reports: &[LoadedReport]) -> Vec<usize> {
        (0..reports.len())
            .filter(|&index| names_fit(name, reports[index].name))
            .collect()
    }

    fn closest_before(&self, candidates: &[usize], reports: &[LoadedReport]) -> Option<usize> {
        let (date, _) = self.date.as_ref()?;
        candidates
            .iter()
            .filter_map(|&index| Some((instant_key(reports[index].timestamp?)?, index)))
            .filter(|(time, _)| time <= date)
            .max_by_key(|(time, _)| *time)
            .map(|(_, index)| index)
    }

    /// For a total: why this report's total is not the document's (another scope, or
    /// another project): none of the files the document names is in it, or most of its
    /// source files are not.
    pub fn total_scope(&self, claim: &Claim, in_report: impl Fn(&str) -> bool) -> Option<String> {
        if claim.subject != ClaimSubject::Total || self.files.is_empty() {
            return None;
        }
        let present: Vec<bool> = self.files.iter().map(|path| in_report(path)).collect();
        let sources: Vec<bool> = self
            .files
            .iter()
            .zip(&present)
            .filter(|(path, _)| !is_test_path(path))
            .map(|(_, present)| *present)
            .collect();
        let missing = sources.iter().filter(|present| !**present).count();
        let none = !present.contains(&true);
        (none || (missing > 0 && missing * 2 >= sources.len())).then(|| {
            format!(
                "{} of the {} files this document names are not in this report, so its total is another run's or another scope's",
                if none { present.len() } else { missing },
                if none { present.len() } else { sources.len() }
            )
        })
    }
}

fn one(index: usize, named: bool) -> ClaimRun {
    ClaimRun {
        reports: vec![index],
        doubt: RunDoubt {
            stale: None,
            unnamed: (!named).then(|| "the document names no report".to_string()),
        },
    }
}

fn push_distinct(names: &mut Vec<String>, found: impl Iterator<Item = String>) {
    for name in found {
        let key = base_name(&name);
        if !names.iter().any(|known| base_name(known) == key) {
            names.push(name);
        }
    }
}

fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_lowercase()
}

/// A name that can only be a coverage report (`coverage.json`, `cov_final.json`), as
/// opposed to `package.json` or `trending.json`.
pub(super) fn is_coverage_like(name: &str) -> bool {
    base_name(name).contains("cov")
}

/// Every `.json` path a text mentions, once each: `coverage.json`,
/// `@backend/tests/coverage.json`, `` `cov_final.json` ``.
pub(super) fn json_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "()[]\"'`,<>|=*".contains(c)) {
        let word = word
            .trim_start_matches('@')
            .trim_end_matches(['.', ':', ';']);
        let is_json = word.len() > 5 && word.to_ascii_lowercase().ends_with(".json");
        if is_json && !word.contains("://") && !names.iter().any(|known| known == word) {
            names.push(word.to_string());
        }
    }
    names
}

/// The report's name and the written path end in the same segments (the shorter one is a
/// suffix of the longer one), compared without regard to case.
fn names_fit(written: &str, name: &str) -> bool {
    let segments = |text: &str| -> Vec<String> {
        text.split(['/', '\\'])
            .filter(|segment| !segment.is_empty() && *segment != ".")
            .map(str::to_lowercase)
            .collect()
    };
    let (written, name) = (segments(written), segments(name));
    !written.is_empty()
        && !name.is_empty()
        && (written.ends_with(&name) || name.ends_with(&written))
}

/// The latest date a document states for itself: frontmatter `verified`, `reverified`,
/// `completed`, `date`, `created`, `updated` and body lines such as `**Report Date:**` or
/// `_Re-verified: …_` near its start or end.
pub(super) fn document_date(document: &PlanningDocument) -> Option<String> {
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
pub(super) fn instant_key(text: &str) -> Option<u64> {
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

/// Every source path a document names (tests included), once each: its file claims, its
/// plan, verification and summary file lists, and paths in its body.
fn named_files(document: &PlanningDocument, claims: &[Claim]) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    let mut add = |path: &str| {
        let path = path
            .trim()
            .trim_matches(|c: char| "`*\"'()[],;:@".contains(c));
        if is_source_path(path) && !paths.iter().any(|known| known == path) {
            paths.push(path.to_string());
        }
    };
    for word in document
        .body_markdown
        .split_whitespace()
        .filter(|word| word.contains('/'))
    {
        add(word);
    }
    for claim in claims {
        if let ClaimSubject::File(path) = &claim.subject {
            add(path);
        }
    }
    if let Some(plan) = &document.plan {
        plan.files_modified.iter().for_each(|path| add(path));
        plan.must_haves
            .artifacts
            .iter()
            .for_each(|artifact| add(&artifact.path));
        plan.tasks
            .iter()
            .flat_map(|task| task.files.iter())
            .for_each(|path| add(path));
    }
    if let Some(verification) = &document.verification {
        verification
            .gaps
            .iter()
            .flat_map(|gap| gap.artifacts.iter())
            .for_each(|path| add(path));
    }
    if let Some(summary) = &document.summary {
        let files = &summary.key_files;
        files
            .created
            .iter()
            .chain(&files.modified)
            .chain(&files.other)
            .for_each(|path| add(path));
    }
    paths
}
