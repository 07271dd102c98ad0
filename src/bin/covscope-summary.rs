//! `covscope-summary`: prints a run's coverage summary as markdown (totals, the change
//! against the previous run, patch coverage of a diff, claims that failed), for a CI job
//! summary or a pull-request comment, with the core the app runs, compiled natively.
//!
//! ```text
//! covscope-summary --site SITE [--diff FILE]
//! covscope-summary --report FILE... [--previous FILE...] [--planning FOLDER] [--diff FILE]
//! ```
//!
//! `--site` reads a site built by `scripts/publish-site.mjs`: its reports, each one's last
//! earlier run as the previous run, and its documents. `--previous` files pair with the
//! `--report` files in order. The exit status is 0 whatever the figures are, 2 for a usage
//! problem and 1 when an input cannot be read; no network is ever used.
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use covscope::core::analysis::run_summary::{
    run_summary_to_markdown, summarize_run, RunSummaryInput, SummaryReport,
};
use covscope::core::document::PlanningDocument;
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{CoverageReport, Patch};
use covscope::core::share::{parse_site_manifest, SITE_MANIFEST_FILE_NAME};

const USAGE: &str = "usage: covscope-summary --site SITE [--diff FILE]
       covscope-summary --report FILE... [--previous FILE...] [--planning FOLDER] [--diff FILE]";

/// What the command line asks for.
#[derive(Default)]
struct Arguments {
    site: Option<PathBuf>,
    reports: Vec<PathBuf>,
    previous: Vec<PathBuf>,
    planning: Vec<PathBuf>,
    diff: Option<PathBuf>,
}

/// A report read from disk, with the name the summary shows.
struct NamedReport {
    name: String,
    report: CoverageReport,
    previous: Option<CoverageReport>,
}

fn main() -> ExitCode {
    let arguments = match read_arguments(std::env::args().skip(1)) {
        Ok(arguments) => arguments,
        Err(message) => {
            eprintln!("covscope-summary: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match summary_markdown(&arguments) {
        Ok(markdown) => {
            print!("{markdown}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("covscope-summary: {message}");
            ExitCode::from(1)
        }
    }
}

fn read_arguments(arguments: impl Iterator<Item = String>) -> Result<Arguments, String> {
    let mut parsed = Arguments::default();
    let mut arguments = arguments.peekable();
    while let Some(flag) = arguments.next() {
        let mut value = || {
            arguments
                .next()
                .map(PathBuf::from)
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--site" => parsed.site = Some(value()?),
            "--report" => parsed.reports.push(value()?),
            "--previous" => parsed.previous.push(value()?),
            "--planning" => parsed.planning.push(value()?),
            "--diff" => parsed.diff = Some(value()?),
            "--help" | "-h" => return Err("prints a run's coverage summary as markdown".into()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let has_site = parsed.site.is_some();
    let has_reports = !parsed.reports.is_empty();
    if has_site && has_reports {
        return Err("give --site or --report, not both".into());
    }
    if !has_site && !has_reports {
        return Err("give --site or at least one --report".into());
    }
    if parsed.previous.len() > parsed.reports.len() {
        return Err("more --previous files than --report files".into());
    }
    Ok(parsed)
}

fn summary_markdown(arguments: &Arguments) -> Result<String, String> {
    let (reports, documents) = match &arguments.site {
        Some(site) => read_site(site)?,
        None => read_files(arguments)?,
    };
    let patch = arguments
        .diff
        .as_deref()
        .map(|path| match read_content(path)? {
            DroppedContent::Patch(patch) => Ok((display_path(path), patch)),
            _ => Err(format!("{} is not a diff", path.display())),
        })
        .transpose()?;
    let input = RunSummaryInput {
        reports: reports
            .iter()
            .map(|report| SummaryReport {
                name: &report.name,
                report: &report.report,
                previous: report.previous.as_ref(),
            })
            .collect(),
        patch: patch
            .as_ref()
            .map(|(name, patch): &(String, Box<Patch>)| (name.as_str(), patch.as_ref())),
        documents: documents.iter().collect(),
    };
    Ok(run_summary_to_markdown(&summarize_run(&input)))
}

/// The reports of a published site with their last earlier runs, and its documents.
fn read_site(site: &Path) -> Result<(Vec<NamedReport>, Vec<PlanningDocument>), String> {
    let manifest_path = site.join(SITE_MANIFEST_FILE_NAME);
    let bytes = fs::read(&manifest_path)
        .map_err(|error| format!("cannot read {}: {error}", manifest_path.display()))?;
    let (outcome, problems) = parse_site_manifest(&bytes);
    let error = outcome
        .first_error()
        .unwrap_or("the manifest could not be read")
        .to_string();
    let manifest = outcome
        .value
        .ok_or_else(|| format!("{}: {error}", manifest_path.display()))?;
    for problem in problems {
        eprintln!(
            "covscope-summary: {} {}: {}",
            manifest_path.display(),
            problem.entry,
            problem.message
        );
    }
    let in_site = |url: &str| site.join(url.split(['?', '#']).next().unwrap_or(url));
    let mut reports = Vec::new();
    for entry in &manifest.reports {
        let previous = entry
            .history
            .last()
            .map(|run| read_report(&in_site(&run.url)))
            .transpose()?;
        reports.push(NamedReport {
            name: entry.display_name(),
            report: read_report(&in_site(&entry.url))?,
            previous,
        });
    }
    let documents = manifest
        .documents
        .iter()
        .map(|entry| read_document(&in_site(&entry.url), &entry.path))
        .collect::<Result<_, _>>()?;
    Ok((reports, documents))
}

fn read_files(arguments: &Arguments) -> Result<(Vec<NamedReport>, Vec<PlanningDocument>), String> {
    let mut reports = Vec::new();
    for (index, path) in arguments.reports.iter().enumerate() {
        let previous = arguments
            .previous
            .get(index)
            .map(|previous| read_report(previous))
            .transpose()?;
        reports.push(NamedReport {
            name: display_path(path),
            report: read_report(path)?,
            previous,
        });
    }
    let mut documents = Vec::new();
    for folder in &arguments.planning {
        let folder_name = folder
            .canonicalize()
            .ok()
            .and_then(|full| {
                full.file_name()
                    .map(|name| name.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| ".planning".to_string());
        for path in markdown_files_under(folder)? {
            let relative = path.strip_prefix(folder).unwrap_or(&path);
            let project_path = format!(
                "{folder_name}/{}",
                relative.to_string_lossy().replace('\\', "/")
            );
            documents.push(read_document(&path, &project_path)?);
        }
    }
    Ok((reports, documents))
}

fn markdown_files_under(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let entries = fs::read_dir(folder)
        .map_err(|error| format!("cannot read the folder {}: {error}", folder.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(markdown_files_under(&path)?);
        } else if path
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("md"))
        {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn display_path(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A file read and recognised by the same router the app uses for a dropped file.
fn read_content_named(path: &Path, name: &str) -> Result<DroppedContent, String> {
    let bytes =
        fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let outcome = parse_dropped_file(name, &bytes);
    let error = outcome.first_error().map(str::to_string);
    outcome.value.ok_or_else(move || {
        format!(
            "{}: {}",
            path.display(),
            error.unwrap_or_else(|| "the file could not be read".to_string())
        )
    })
}

fn read_content(path: &Path) -> Result<DroppedContent, String> {
    read_content_named(path, &display_path(path))
}

fn read_report(path: &Path) -> Result<CoverageReport, String> {
    match read_content(path)? {
        DroppedContent::Coverage(report) => Ok(*report),
        _ => Err(format!("{} is not a coverage report", path.display())),
    }
}

fn read_document(path: &Path, project_path: &str) -> Result<PlanningDocument, String> {
    match read_content_named(path, project_path)? {
        DroppedContent::Document(document) => Ok(*document),
        _ => Err(format!("{} is not a markdown document", path.display())),
    }
}
