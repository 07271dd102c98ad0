//! Reads Clover XML (written by Istanbul, OpenClover and PHPUnit) into the model: per file
//! the statements, conditionals and methods of its `<metrics>`, its lines, and its classes
//! and methods as regions.
//!
//! Refs: OpenClover's `clover.xsd` and XML reporter (`<coverage><project><package><file>
//! <metrics/><line num type count truecount falsecount/>`); istanbul-reports
//! `lib/clover/index.js` (statements and coveredstatements are Istanbul's *lines*, a
//! `cond` line carries `count` plus covered and uncovered branch counts); PHPUnit's
//! `Report/Clover.php` (`type="method"` lines, `<class>` metrics, seconds timestamps).
//!
//! What a row is: one `<file>`, named by its `path` (Istanbul and OpenClover write the full
//! path there) or else its `name` (PHPUnit's full path). The counts are the file's own
//! `<metrics>`; the report's totals are the project's `<metrics>`. `<testproject>`, the
//! coverage of the test code itself, is left out, as Clover's own reports leave it out of
//! the project's figures.
use std::collections::HashMap;

use super::xml_report::{
    epoch_to_iso8601, parse_whole_number, parse_xml_report, walk_elements, BranchCount,
    ElementReader, LineLists, LineMergeRule, LineRecord, ReadReport, RepeatedOddity, XmlElement,
    XmlProblem, XmlStream,
};
use crate::core::model::{
    Counts, CoverageFormat, CoverageReport, FileCoverage, Metric, MetricCounts, Region, RegionKind,
    ReportFacts, Tally,
};
use crate::core::text::{Diagnostic, ParseOutcome};

/// Parses the bytes of a Clover XML report, calling `on_progress` about every MiB with the
/// bytes read so far and last with `bytes.len()`.
pub fn parse_clover_xml(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    parse_xml_report(bytes, on_progress, read_report)
}

/// Where in the document the reader is: one entry per open element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Coverage,
    Project,
    ProjectMetrics,
    Package,
    File,
    FileMetrics,
    Class,
    ClassMetrics,
    Line,
    /// Cobertura's `<packages>` under a `<coverage>` root: the wrong format.
    CoberturaPackages,
    /// Anything else (`<testproject>`, package metrics), skipped with its children.
    Ignored,
}

/// The elements Clover nests, as (parent, name, child).
const CHILDREN: [(Place, &str, Place); 11] = [
    (Place::Coverage, "project", Place::Project),
    (Place::Coverage, "packages", Place::CoberturaPackages),
    (Place::Project, "metrics", Place::ProjectMetrics),
    (Place::Project, "package", Place::Package),
    (Place::Project, "file", Place::File),
    (Place::Package, "file", Place::File),
    (Place::File, "metrics", Place::FileMetrics),
    (Place::File, "class", Place::Class),
    (Place::File, "line", Place::Line),
    (Place::Class, "metrics", Place::ClassMetrics),
    // OpenClover nests classes in packages too when it writes no files.
    (Place::Package, "class", Place::Class),
];

fn child_place(parent: Place, name: &[u8]) -> Place {
    CHILDREN
        .iter()
        .find(|(from, child_name, _)| *from == parent && child_name.as_bytes() == name)
        .map_or(Place::Ignored, |(_, _, child)| *child)
}

/// Clover's metric attributes: (total, covered) names and the metric they count, in the
/// order of the format's profile.
const METRIC_ATTRIBUTES: [(&str, &str, Metric); 3] = [
    ("statements", "coveredstatements", Metric::Statements),
    ("conditionals", "coveredconditionals", Metric::Branches),
    ("methods", "coveredmethods", Metric::Functions),
];

/// One `<file>` as read.
struct FileRecord {
    path: String,
    metrics: Option<MetricCounts>,
    lines: Vec<LineRecord>,
    regions: Vec<Region>,
    missing_metrics: XmlProblem,
}

/// The open `<class>`: its name and, once read, its metrics.
struct ClassRecord {
    name: String,
    metrics: Option<MetricCounts>,
}

#[derive(Default)]
struct Oddities {
    fewer_line_branches: RepeatedOddity,
    repeated_paths: RepeatedOddity,
}

struct Reading {
    facts: ReportFacts,
    project_metrics: Option<MetricCounts>,
    saw_project: bool,
    file: Option<FileRecord>,
    class: Option<ClassRecord>,
    files: Vec<FileCoverage>,
    /// The paths read so far with their row, to notice one listed twice.
    paths: HashMap<String, usize>,
    oddities: Oddities,
}

/// How entries of one line merge: OpenClover lists a statement, a condition and a method
/// on the same line as separate entries, which are one line that ran as often as its
/// busiest entry, with the branch points of its conditions added up.
const MERGE_RULE: LineMergeRule = LineMergeRule {
    sum_hits: false,
    sum_branches: true,
};

fn read_report(stream: &mut XmlStream<'_, '_>) -> Result<ReadReport, XmlProblem> {
    let root = stream.root("coverage", "a Clover report")?;
    let [generated, clover] = root.attributes(["generated", "clover"])?;
    let mut reading = Reading {
        facts: ReportFacts {
            format_version: root.text(clover.as_ref())?,
            timestamp: timestamp_of(generated.as_ref().map(|attribute| attribute.value.as_ref())),
            ..ReportFacts::of_format(CoverageFormat::Clover)
        },
        project_metrics: None,
        saw_project: false,
        file: None,
        class: None,
        files: Vec::new(),
        paths: HashMap::new(),
        oddities: Oddities::default(),
    };
    walk_elements(stream, Place::Coverage, &mut reading)?;
    if !reading.saw_project {
        return Err(root.problem(
            "the report has no <project> element, so it lists no files (every Clover writer writes one)",
        ));
    }
    Ok(reading.into_report())
}

impl ElementReader for Reading {
    type Place = Place;
    const IGNORED: Place = Place::Ignored;

    fn child_place(parent: Place, name: &[u8]) -> Place {
        child_place(parent, name)
    }

    fn open(&mut self, place: Place, element: &XmlElement<'_>) -> Result<(), XmlProblem> {
        self.open_element(place, element)
    }

    fn close(&mut self, place: Place) -> Result<(), XmlProblem> {
        self.close_element(place)
    }
}

impl Reading {
    fn open_element(&mut self, place: Place, element: &XmlElement<'_>) -> Result<(), XmlProblem> {
        match place {
            Place::CoberturaPackages => Err(element.problem(
                "this <coverage> holds Cobertura's <packages>, so the file is Cobertura XML, not Clover",
            )),
            Place::Project => {
                self.saw_project = true;
                let [timestamp] = element.attributes(["timestamp"])?;
                if let Some(timestamp) =
                    timestamp_of(timestamp.as_ref().map(|attribute| attribute.value.as_ref()))
                {
                    self.facts.timestamp = Some(timestamp);
                }
                Ok(())
            }
            Place::ProjectMetrics => {
                self.project_metrics = Some(read_metrics(element)?);
                Ok(())
            }
            Place::File => {
                let [name, path] = element.attributes(["name", "path"])?;
                let path = match element.text(path.as_ref())? {
                    Some(path) if !path.is_empty() => path,
                    _ => element
                        .text(name.as_ref())?
                        .ok_or_else(|| element.problem("the attributes path and name are both missing"))?,
                };
                self.file = Some(FileRecord {
                    path,
                    metrics: None,
                    lines: Vec::new(),
                    regions: Vec::new(),
                    missing_metrics: element.problem(
                        "the file has no <metrics> element, so its statements, conditionals and methods are unknown",
                    ),
                });
                Ok(())
            }
            Place::FileMetrics => {
                let metrics = read_metrics(element)?;
                if let Some(file) = self.file.as_mut() {
                    file.metrics = Some(metrics);
                }
                Ok(())
            }
            Place::Class => {
                let [name] = element.attributes(["name"])?;
                self.class = Some(ClassRecord {
                    name: element.text(name.as_ref())?.unwrap_or_default(),
                    metrics: None,
                });
                Ok(())
            }
            Place::ClassMetrics => {
                let metrics = read_metrics(element)?;
                if let Some(class) = self.class.as_mut() {
                    class.metrics = Some(metrics);
                }
                Ok(())
            }
            Place::Line => {
                let (record, method) = read_line(element)?;
                if let Some(file) = self.file.as_mut() {
                    if let Some(method) = method {
                        file.regions.push(method);
                    }
                    file.lines.push(record);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn close_element(&mut self, place: Place) -> Result<(), XmlProblem> {
        match place {
            Place::Class => {
                if let Some(class) = self.class.take() {
                    if let (Some(file), Some(metrics)) = (self.file.as_mut(), class.metrics) {
                        let counts = Counts::Metrics(metrics);
                        file.regions.push(Region {
                            kind: RegionKind::Class,
                            name: class.name,
                            start_line: None,
                            end_line: None,
                            coverage: self.facts.headline_figure(&counts),
                            counts,
                            stated_figures: Vec::new(),
                            hits: None,
                        });
                    }
                }
            }
            Place::File => {
                if let Some(file) = self.file.take() {
                    let converted = self.convert_file(file)?;
                    self.files.push(converted);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn convert_file(&mut self, file: FileRecord) -> Result<FileCoverage, XmlProblem> {
        let FileRecord {
            path,
            metrics,
            lines,
            regions,
            missing_metrics,
        } = file;
        let metrics = metrics.ok_or(missing_metrics)?;
        let lists = LineLists::from_records(lines, MERGE_RULE, true);
        let line_branches = lists.branch_tally();
        if let Some(conditionals) = metrics.get(Metric::Branches) {
            if line_branches.total < conditionals.total {
                self.oddities.fewer_line_branches.note(|| {
                    format!(
                        "{path}: {} conditionals, {} on its lines",
                        conditionals.total, line_branches.total
                    )
                });
            }
        }
        if self.paths.insert(path.clone(), self.files.len()).is_some() {
            self.oddities.repeated_paths.note(|| path.clone());
        }
        let counts = Counts::Metrics(metrics);
        Ok(FileCoverage {
            coverage: self.facts.headline_figure(&counts),
            counts,
            has_line_lists: true,
            executed_lines: lists.executed_lines,
            executed_line_hits: lists.executed_line_hits,
            missing_lines: lists.missing_lines,
            line_branches: lists.line_branches,
            regions,
            ..FileCoverage::empty(path)
        })
    }

    fn into_report(self) -> ReadReport {
        let Reading {
            mut facts,
            project_metrics,
            files,
            oddities,
            ..
        } = self;
        let sum: MetricCounts = files.iter().map(|file| file.counts.as_metrics()).sum();
        let mut warnings = Vec::new();
        let totals = match project_metrics {
            Some(project) => {
                let differing: Vec<String> = METRIC_ATTRIBUTES
                    .iter()
                    .filter_map(|&(total_key, _, metric)| {
                        let stated = project.get(metric)?;
                        let summed = sum.get(metric).unwrap_or_default();
                        (stated != summed).then(|| {
                            format!(
                                "{total_key} {} of {} covered, the files {} of {}",
                                stated.covered, stated.total, summed.covered, summed.total
                            )
                        })
                    })
                    .collect();
                if !differing.is_empty() && !files.is_empty() {
                    warnings.push(Diagnostic::warning(format!(
                        "the project's <metrics> disagree with the sum of its files ({}); the project's own figures are shown",
                        differing.join("; ")
                    )));
                }
                project
            }
            None => sum,
        };
        facts.has_branches = totals
            .get(Metric::Branches)
            .is_some_and(|tally| tally.total > 0)
            || files.iter().any(|file| !file.line_branches.is_empty());
        facts.has_regions = files.iter().any(|file| !file.regions.is_empty());
        let totals = Counts::Metrics(totals);
        warnings.extend(
            [
                oddities.fewer_line_branches.warning(
                    "a file's lines carry fewer branches than its <metrics> count",
                    "the metrics are shown (Istanbul leaves a branch off the lines when it starts on a line without a statement)",
                ),
                oddities.repeated_paths.warning(
                    "a file is listed more than once",
                    "each entry is shown as its own row",
                ),
            ]
            .into_iter()
            .flatten(),
        );
        if files.is_empty() {
            warnings.push(Diagnostic::warning("the report lists no files"));
        }
        ReadReport {
            report: CoverageReport {
                total_coverage: facts.headline_figure(&totals),
                facts,
                files,
                totals,
                stated_total_figures: Vec::new(),
            },
            warnings,
        }
    }
}

/// A `<metrics>` element's tallies; a covered count above its total is a problem.
fn read_metrics(element: &XmlElement<'_>) -> Result<MetricCounts, XmlProblem> {
    let [statements, covered_statements, conditionals, covered_conditionals, methods, covered_methods] =
        element.attributes([
            "statements",
            "coveredstatements",
            "conditionals",
            "coveredconditionals",
            "methods",
            "coveredmethods",
        ])?;
    let pairs = [
        (statements, covered_statements),
        (conditionals, covered_conditionals),
        (methods, covered_methods),
    ];
    let mut metrics = MetricCounts::default();
    for ((total_key, covered_key, metric), (total, covered)) in METRIC_ATTRIBUTES.iter().zip(pairs)
    {
        let total = element.count(total.as_ref())?;
        let covered = element.count(covered.as_ref())?;
        match (total, covered) {
            (Some(total), Some(covered)) if covered > total => {
                return Err(element.problem(format!(
                    "{covered_key}=\"{covered}\" is more than {total_key}=\"{total}\""
                )))
            }
            (Some(total), Some(covered)) => metrics.set(*metric, Tally::new(covered, total)),
            (Some(_), None) => {
                return Err(element.problem(format!("{total_key} is given without {covered_key}")))
            }
            (None, Some(_)) => {
                return Err(element.problem(format!("{covered_key} is given without {total_key}")))
            }
            (None, None) => {}
        }
    }
    Ok(metrics)
}

/// One `<line>`: what it says about the line, and the method it declares, if any.
///
/// A `cond` line means two things. Istanbul writes `count` (the line's hits) with
/// `truecount`/`falsecount` as the line's covered and uncovered branches. OpenClover writes
/// no `count` there: `truecount`/`falsecount` are how often the condition was true and
/// false, so of its two outcomes, each one seen at least once was taken.
fn read_line(element: &XmlElement<'_>) -> Result<(LineRecord, Option<Region>), XmlProblem> {
    let [num, count, kind, truecount, falsecount, signature, name] = element.attributes([
        "num",
        "count",
        "type",
        "truecount",
        "falsecount",
        "signature",
        "name",
    ])?;
    let line = element.required_line_number(num.as_ref(), "num")?;
    let count = element.count(count.as_ref())?;
    let kind = kind.as_ref().map(|kind| kind.value.as_ref());
    let record = match kind {
        Some(b"cond") => {
            let true_count = element.count(truecount.as_ref())?.unwrap_or(0);
            let false_count = element.count(falsecount.as_ref())?.unwrap_or(0);
            match count {
                Some(hits) => {
                    let total = true_count.saturating_add(false_count);
                    let branches = (total > 0)
                        .then(|| {
                            Some(BranchCount {
                                covered: u32::try_from(true_count).ok()?,
                                total: u32::try_from(total).ok()?,
                            })
                        })
                        .flatten();
                    if total > 0 && branches.is_none() {
                        return Err(element.problem(
                            "truecount and falsecount add up to more branches than a line can hold",
                        ));
                    }
                    LineRecord {
                        line,
                        hits,
                        branches,
                    }
                }
                None => LineRecord {
                    line,
                    hits: true_count.saturating_add(false_count),
                    branches: Some(BranchCount {
                        covered: u32::from(true_count > 0) + u32::from(false_count > 0),
                        total: 2,
                    }),
                },
            }
        }
        _ => LineRecord {
            line,
            hits: count.unwrap_or(0),
            branches: None,
        },
    };
    let method = if kind == Some(b"method".as_slice()) {
        let label = element
            .text(signature.as_ref())?
            .or(element.text(name.as_ref())?)
            .unwrap_or_else(|| format!("method at line {line}"));
        let ran = Tally::new(u64::from(record.hits > 0), 1);
        let counts = Counts::Metrics(MetricCounts::default().with(Metric::Functions, ran));
        let rule = ReportFacts::of_format(CoverageFormat::Clover).percent_rule();
        Some(Region {
            kind: RegionKind::Function,
            name: label,
            start_line: Some(line),
            end_line: None,
            coverage: rule.figure(ran),
            counts,
            stated_figures: Vec::new(),
            hits: Some(record.hits),
        })
    } else {
        None
    };
    Ok((record, method))
}

/// An epoch timestamp attribute as ISO 8601; one that is not a number is left out.
fn timestamp_of(raw: Option<&[u8]>) -> Option<String> {
    raw.and_then(parse_whole_number).and_then(epoch_to_iso8601)
}
