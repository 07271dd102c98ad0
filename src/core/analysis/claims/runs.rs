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
use super::{Claim, ClaimSubject, DocumentClaims, ReportScope};
use crate::core::document::{instant_key, PlanningDocument};

/// A document's runs: when it was written, the reports it names, the files it names, and
/// the loaded reports (name, and when measured) with the selected and chosen ones.
pub(super) struct Runs<'a> {
    date: Option<(u64, String)>,
    names: Vec<String>,
    files: Vec<String>,
    reports: Vec<(&'a str, Option<(u64, &'a str)>)>,
    selected: Option<usize>,
    chosen: Option<usize>,
}

/// The report or reports a figure is checked against (several when it may be about any of
/// them: a match against one counts, nothing else does), and any doubt about the run.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ClaimRun {
    pub reports: Vec<usize>,
    pub doubt: RunDoubt,
}

impl<'a> Runs<'a> {
    /// The runs of a document whose claims were extracted (`extracted`), against the
    /// loaded reports (name, and when measured) with the selected and chosen ones.
    pub fn new(
        extracted: &DocumentClaims,
        reports: Vec<(&'a str, Option<&'a str>)>,
        (selected, chosen): (Option<usize>, Option<usize>),
    ) -> Runs<'a> {
        // The frontmatter names the document's report; else its top-level lines do. Only a
        // coverage report's name counts: one that says so, or one of the loaded reports'.
        let frontmatter = extracted.frontmatter_report_names.clone();
        let top_level_names = extracted.top_level_report_names.clone();
        let report = |name: &String| {
            is_coverage_like(name) || reports.iter().any(|(loaded, _)| names_fit(name, loaded))
        };
        let mut names: Vec<String> = Vec::new();
        for found in [frontmatter.unwrap_or_default(), top_level_names] {
            for name in found.into_iter().filter(report) {
                if !names
                    .iter()
                    .any(|known| base_name(known) == base_name(&name))
                {
                    names.push(name);
                }
            }
            if !names.is_empty() {
                break;
            }
        }
        let reports = reports
            .into_iter()
            .map(|(name, time)| (name, time.and_then(|text| Some((instant_key(text)?, text)))));
        Runs {
            date: extracted
                .date
                .clone()
                .and_then(|text| Some((instant_key(&text)?, text))),
            names,
            files: extracted.named_files.clone(),
            reports: reports.collect(),
            selected,
            chosen,
        }
    }

    /// The run of one claim; a figure with no name of its own gives the document's run.
    pub fn claim_run(&self, claim: &Claim) -> ClaimRun {
        let mut run = self.pick(claim);
        if let ([index], Some((date, date_text))) = (run.reports.as_slice(), &self.date) {
            if let Some((_, timestamp)) = self.reports[*index].1.filter(|(time, _)| time > date) {
                run.doubt.stale.get_or_insert_with(|| {
                    format!("the report was measured after the document was written ({} is newer than {date_text}), so it is another run", timestamp.trim())
                });
            }
        }
        run
    }

    fn pick(&self, claim: &Claim) -> ClaimRun {
        if let Some(named) = &claim.named_report {
            let fit = self.fitting(&[&named.name]);
            if !fit.is_empty() {
                return self.among(fit);
            }
            if named.scope == ReportScope::Line || is_coverage_like(&named.name) {
                return self.another(&format!("this figure is about {}", named.name));
            }
        }
        if let Some(index) = self.chosen {
            return one(index, None);
        }
        match self.names.as_slice() {
            [] => self.unnamed(),
            [name] if self.fitting(&[name]).is_empty() => {
                self.another(&format!("the document is about {name}"))
            }
            [name] => self.among(self.fitting(&[name])),
            several => {
                let mut run = self.unnamed();
                let fit = self.fitting(&several.iter().map(String::as_str).collect::<Vec<_>>());
                if !fit.is_empty() {
                    run.reports = fit;
                }
                let names = several.join(", ");
                run.doubt.unnamed = Some(format!("the document names several reports ({names}) and this figure's line and section name none"));
                run
            }
        }
    }

    /// The figure's own report is not loaded: the fallback is another run, though a match
    /// with it still shows.
    fn another(&self, about: &str) -> ClaimRun {
        let mut run = self.unnamed();
        run.doubt.stale = Some(format!(
            "{about}, which is not loaded, so the report checked is another run"
        ));
        run
    }

    /// No name to go by: the person's choice, else the report closest before the
    /// document's date, else the selected one; never a sure mismatch without a choice.
    fn unnamed(&self) -> ClaimRun {
        if let Some(index) = self.chosen {
            return one(index, None);
        }
        let dated = self.closest_before(&(0..self.reports.len()).collect::<Vec<_>>());
        let reason = match dated {
            Some(_) => "the document names no report; this is the one measured closest before its date, which may be another run",
            None => "the document names no report and states no date, so the selected report may be another run",
        };
        match dated.or(self.selected) {
            Some(index) => one(index, Some(reason.to_string())),
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
    fn among(&self, fit: Vec<usize>) -> ClaimRun {
        match (fit.as_slice(), self.closest_before(&fit)) {
            (&[index], _) | (_, Some(index)) => one(index, None),
            _ => {
                let names: Vec<&str> = fit.iter().map(|&index| self.reports[index].0).collect();
                let reason = format!(
                    "the report named fits {} loaded reports ({}) and the document's date does not tell them apart",
                    names.len(),
                    names.join(", ")
                );
                ClaimRun {
                    reports: fit,
                    doubt: RunDoubt {
                        stale: None,
                        unnamed: Some(reason),
                    },
                }
            }
        }
    }

    /// The loaded reports whose name ends like one of `names`.
    fn fitting(&self, names: &[&str]) -> Vec<usize> {
        let fits = |index: &usize| {
            names
                .iter()
                .any(|name| names_fit(name, self.reports[*index].0))
        };
        (0..self.reports.len()).filter(fits).collect()
    }

    fn closest_before(&self, candidates: &[usize]) -> Option<usize> {
        let (date, _) = self.date.as_ref()?;
        let measured = candidates
            .iter()
            .filter_map(|&index| Some((self.reports[index].1?.0, index)));
        measured
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
        let present: Vec<(bool, bool)> = self
            .files
            .iter()
            .map(|path| (in_report(path), is_test_path(path)))
            .collect();
        let sources = present.iter().filter(|(_, test)| !test).count();
        let missing = present
            .iter()
            .filter(|(found, test)| !found && !test)
            .count();
        let none = !present.iter().any(|(found, _)| *found);
        let (count, of) = if none {
            (present.len(), present.len())
        } else {
            (missing, sources)
        };
        (none || (missing > 0 && missing * 2 >= sources)).then(|| {
            format!("{count} of the {of} files this document names are not in this report, so its total is another run's or another scope's")
        })
    }
}

/// One report, sure unless there is a reason it may be another run.
fn one(index: usize, unnamed: Option<String>) -> ClaimRun {
    ClaimRun {
        reports: vec![index],
        doubt: RunDoubt {
            stale: None,
            unnamed,
        },
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
fn is_coverage_like(name: &str) -> bool {
    base_name(name).contains("cov")
}

/// Every `.json` path a text mentions, once each: `coverage.json`,
/// `@backend/tests/coverage.json`, `` `cov_final.json` ``.
pub(super) fn json_names(text: &str) -> Vec<String> {
    names_ending(text, &[".json"])
}

/// Every path a text mentions that ends in one of `endings` (lower case), once each.
pub(super) fn names_ending(text: &str, endings: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace() || "()[]\"'`,<>|=*".contains(c)) {
        let word = word
            .trim_start_matches('@')
            .trim_end_matches(['.', ':', ';']);
        let lower = word.to_ascii_lowercase();
        let named = endings
            .iter()
            .any(|ending| word.len() > ending.len() && lower.ends_with(ending))
            && !word.contains("://");
        if named && !names.iter().any(|known| known == word) {
            names.push(word.to_string());
        }
    }
    names
}

/// The report's name and the written path end in the same segments (the shorter one is a
/// suffix of the longer one), compared without regard to case.
pub(super) fn names_fit(written: &str, name: &str) -> bool {
    let segments = |text: &str| -> Vec<String> {
        let parts = text
            .split(['/', '\\'])
            .filter(|segment| !segment.is_empty() && *segment != ".");
        parts.map(str::to_lowercase).collect()
    };
    let (written, name) = (segments(written), segments(name));
    !written.is_empty()
        && !name.is_empty()
        && (written.ends_with(&name) || name.ends_with(&written))
}

/// Every source path a document names (tests included), once each: its file claims, its
/// plan, verification and summary file lists, and paths in its body.
pub(super) fn named_files(document: &PlanningDocument, claims: &[Claim]) -> Vec<String> {
    let mut paths: Vec<String> = Vec::new();
    let mut add = |path: &str| {
        let path = path
            .trim()
            .trim_matches(|c: char| "`*\"'()[],;:@".contains(c));
        if is_source_path(path) && !paths.iter().any(|known| known == path) {
            paths.push(path.to_string());
        }
    };
    document
        .body_markdown
        .split_whitespace()
        .filter(|word| word.contains('/'))
        .for_each(&mut add);
    for claim in claims {
        if let ClaimSubject::File(path) = &claim.subject {
            add(path);
        }
    }
    if let Some(plan) = &document.plan {
        let tasks = plan.tasks.iter().flat_map(|task| task.files.iter());
        let artifacts = plan
            .must_haves
            .artifacts
            .iter()
            .map(|artifact| &artifact.path);
        plan.files_modified
            .iter()
            .chain(artifacts)
            .chain(tasks)
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
