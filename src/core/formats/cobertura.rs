//! Reads Cobertura XML (written by coverage.py, Istanbul, cargo-llvm-cov, tarpaulin, gcovr,
//! coverlet) into the model: files with their lines, per-line branch counts and methods.
//!
//! Refs: Cobertura's `coverage-04.dtd` (github.com/cobertura/web, htdocs/xml); coverage.py
//! `coverage/xmlreport.py` (rates as `%.4g`, "1" for nothing to cover); istanbul-reports
//! `lib/cobertura/index.js` (rates are its truncated percentages over 100, methods carry
//! `hits`); cargo-llvm-cov and tarpaulin (full-precision rates, "0" for no branches).
//!
//! What a row is: one source file. A file's path is its `filename` joined to the report's
//! `<source>` (as Jenkins, ReportGenerator and Codecov resolve it), or the `filename` as
//! written when it is absolute or the report names several sources (it does not say which
//! one holds the file). Classes naming the same file are merged (Java and C# writers
//! write one class per class; lines listed twice have their hits summed, lcov's rule).
//!
//! Figures: a file's line and branch percentages are the rates its single `<class>` states
//! and the report's totals are the root's, printed by the format's rule (two decimals at
//! most); a file merged from several classes states none, so its figures come from its
//! lines. The counts are always the lines'. Where the two disagree (Istanbul counts branches
//! that start on a line without a statement, which its lines leave out) a warning says so.
use std::collections::{HashMap, HashSet};

use super::xml_report::{
    epoch_to_iso8601, parse_whole_number, parse_xml_report, read_xml_document, walk_elements,
    BranchCount, ElementReader, LineLists, LineMergeRule, LineRecord, ReadReport, RepeatedOddity,
    XmlElement, XmlProblem, XmlStream,
};
use crate::core::model::{
    hand_files_to_sink, trimmed_percent_text, Counts, CoverageFigure, CoverageFormat,
    CoverageReport, FileCoverage, Metric, MetricCounts, MetricFigure, Percent, Region, RegionKind,
    ReportFacts, ReportFileSink, Tally,
};
use crate::core::text::{readable_symbols, Diagnostic, ParseOutcome};

/// Parses the bytes of a Cobertura XML report, calling `on_progress` about every MiB with
/// the bytes read so far and last with `bytes.len()`.
pub fn parse_cobertura_xml(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    parse_xml_report(bytes, on_progress, |stream| {
        Ok(read_document(stream, None)?.into_report())
    })
}

/// Parses like [`parse_cobertura_xml`], but converts each file as soon as the next file's
/// `<class>` ends (or the packages do) and hands it to `sink`, and gives back the report
/// without its files (its facts, totals and diagnostics): the caller passes the files on
/// while the rest of the report is still being read.
///
/// The classes of one file follow one another in every writer's output. A file named
/// again after another file, a `<source>` after the first file, or a line's branches when
/// neither the root nor any `condition-coverage` suggested some (so the files passed on
/// counted no branches) make the report read again whole, its files handed to the sink
/// again from the first (see [`ReportFileSink::begin`]), so the files and the
/// diagnostics are always those of [`parse_cobertura_xml`].
pub fn parse_cobertura_xml_streaming_files(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    sink: &mut dyn ReportFileSink,
) -> ParseOutcome<CoverageReport> {
    let streamed = read_xml_document(bytes, on_progress, |stream| {
        Ok(read_document(stream, Some(&mut *sink))?.into_report_shell())
    });
    match streamed {
        Ok(Some(ReadReport { report, warnings })) => ParseOutcome::success(report, warnings),
        Err(message) => ParseOutcome::failure(message),
        // The bar already passed the report once; it waits at the end meanwhile.
        Ok(None) => {
            let whole = parse_cobertura_xml(bytes, &mut |_| {});
            ParseOutcome {
                value: whole.value.map(|report| hand_files_to_sink(report, sink)),
                diagnostics: whole.diagnostics,
            }
        }
    }
}

/// Where in the document the reader is: one entry per open element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Coverage,
    Sources,
    Source,
    Packages,
    Package,
    Classes,
    Class,
    Methods,
    Method,
    MethodLines,
    MethodLine,
    ClassLines,
    ClassLine,
    /// Clover's `<project>` under a `<coverage>` root: the wrong format.
    CloverProject,
    /// Anything else (`<conditions>`, extensions), skipped with its children.
    Ignored,
}

/// The elements Cobertura nests, as (parent, name, child).
const CHILDREN: [(Place, &str, Place); 13] = [
    (Place::Coverage, "sources", Place::Sources),
    (Place::Sources, "source", Place::Source),
    (Place::Coverage, "packages", Place::Packages),
    (Place::Packages, "package", Place::Package),
    (Place::Package, "classes", Place::Classes),
    (Place::Classes, "class", Place::Class),
    (Place::Class, "methods", Place::Methods),
    (Place::Methods, "method", Place::Method),
    (Place::Method, "lines", Place::MethodLines),
    (Place::MethodLines, "line", Place::MethodLine),
    (Place::Class, "lines", Place::ClassLines),
    (Place::ClassLines, "line", Place::ClassLine),
    (Place::Coverage, "project", Place::CloverProject),
];

fn child_place(parent: Place, name: &[u8]) -> Place {
    CHILDREN
        .iter()
        .find(|(from, child_name, _)| *from == parent && child_name.as_bytes() == name)
        .map_or(Place::Ignored, |(_, _, child)| *child)
}

/// The root `<coverage>` element's attributes.
struct RootAttributes {
    line_rate: Option<f64>,
    branch_rate: Option<f64>,
    lines_valid: Option<u64>,
    lines_covered: Option<u64>,
    branches_valid: Option<u64>,
    branches_covered: Option<u64>,
    version: Option<String>,
    timestamp: Option<String>,
}

/// One `<class>` as read, or one `<method>` (which has the same parts but no methods).
struct CodeRecord {
    name: String,
    line_rate: Option<f64>,
    branch_rate: Option<f64>,
    lines: Vec<LineRecord>,
    /// A method's `hits` (Istanbul writes how often the function ran).
    hits: Option<u64>,
    methods: Vec<CodeRecord>,
}

/// All `<class>` elements naming one file, in the order read.
struct FileRecord {
    filename: String,
    classes: Vec<CodeRecord>,
}

/// Oddities gathered over the whole file and reported once each.
#[derive(Default)]
struct Oddities {
    branch_without_condition: RepeatedOddity,
    line_rate_disagrees: RepeatedOddity,
    branch_rate_disagrees: RepeatedOddity,
}

/// Everything read so far.
struct Reading<'sink> {
    root: RootAttributes,
    sources: Vec<String>,
    source_text: String,
    saw_packages: bool,
    comments_dtd: Option<String>,
    /// coverage.py says so in a comment (`Generated by coverage.py: …`).
    written_by_coverage_py: bool,
    files: Vec<FileRecord>,
    file_index: HashMap<String, usize>,
    /// The open `<class>` and its filename, and the open `<method>`.
    class: Option<(String, CodeRecord)>,
    method: Option<CodeRecord>,
    oddities: Oddities,
    /// The document type's version, once the document is read.
    format_version: Option<String>,
    /// The reading file by file, when the files go to a sink as they are read.
    streamed: Option<StreamedFiles<'sink>>,
}

/// The file-by-file reading: the file whose classes are being gathered, and what the files
/// handed over so far add up to.
struct StreamedFiles<'sink> {
    sink: &'sink mut dyn ReportFileSink,
    /// The facts every file is converted with: branches counted when the root states some
    /// or the text holds a `condition-coverage`, checked against the lines at the end.
    facts: ReportFacts,
    gathering: Option<FileRecord>,
    filenames_seen: HashSet<String>,
    handed_over: usize,
    sum: MetricCounts,
    lines_with_branches: bool,
    classes_with_methods: bool,
    /// A file named again after another, or a `<source>` after the first file.
    read_again_whole: bool,
}

impl<'sink> StreamedFiles<'sink> {
    fn new(sink: &'sink mut dyn ReportFileSink, root: &RootAttributes, text: &str) -> Self {
        let facts = ReportFacts {
            has_branches: root_states_branches(root)
                || memchr::memmem::find(text.as_bytes(), b"condition-coverage").is_some(),
            ..ReportFacts::of_format(CoverageFormat::Cobertura)
        };
        sink.begin(&facts, None);
        StreamedFiles {
            sink,
            facts,
            gathering: None,
            filenames_seen: HashSet::new(),
            handed_over: 0,
            sum: MetricCounts::default(),
            lines_with_branches: false,
            classes_with_methods: false,
            read_again_whole: false,
        }
    }

    /// A class has ended: it joins the file being gathered, or that file is complete and
    /// handed over and the class's file is gathered next.
    fn add_class(
        &mut self,
        filename: String,
        class: CodeRecord,
        sources: &[String],
        oddities: &mut Oddities,
    ) {
        if let Some(file) = self
            .gathering
            .as_mut()
            .filter(|file| file.filename == filename)
        {
            file.classes.push(class);
            return;
        }
        if !self.filenames_seen.insert(filename.clone()) {
            self.read_again_whole = true;
            return;
        }
        self.hand_over_gathered(sources, oddities);
        self.gathering = Some(FileRecord {
            filename,
            classes: vec![class],
        });
    }

    fn hand_over_gathered(&mut self, sources: &[String], oddities: &mut Oddities) {
        let Some(file) = self.gathering.take() else {
            return;
        };
        self.lines_with_branches |= has_lines_with_branches(&file);
        self.classes_with_methods |= has_methods(&file);
        let decimals = self.facts.percent_rule().decimals();
        let converted = convert_file(file, sources, &self.facts, decimals, oddities);
        self.sum = self.sum + converted.counts.as_metrics();
        self.handed_over += 1;
        self.sink.add_file(converted);
    }
}

/// How repeated lines merge: hits summed (lcov's rule), a branch point listed twice kept
/// once (its counts cannot be added without counting its outcomes twice).
const MERGE_RULE: LineMergeRule = LineMergeRule {
    sum_hits: true,
    sum_branches: false,
};

/// Rates within this of the lines' ratio agree: coverage.py writes four significant
/// digits and Istanbul truncates to a hundredth of a percent.
const RATE_TOLERANCE: f64 = 1.0001e-4;

/// Reads the whole document, or as much as a reading file by file needs.
fn read_document<'sink>(
    stream: &mut XmlStream<'_, '_>,
    sink: Option<&'sink mut dyn ReportFileSink>,
) -> Result<Reading<'sink>, XmlProblem> {
    let root = stream.root("coverage", "a Cobertura report")?;
    let root_attributes = read_root_attributes(&root)?;
    let streamed = sink.map(|sink| StreamedFiles::new(sink, &root_attributes, stream.text()));
    let mut reading = Reading {
        root: root_attributes,
        sources: Vec::new(),
        source_text: String::new(),
        saw_packages: false,
        comments_dtd: None,
        written_by_coverage_py: false,
        files: Vec::new(),
        file_index: HashMap::new(),
        class: None,
        method: None,
        oddities: Oddities::default(),
        format_version: None,
        streamed,
    };
    walk_elements(stream, Place::Coverage, &mut reading)?;
    if !reading.saw_packages {
        return Err(root.problem(
            "the report has no <packages> element, so it lists no files (every Cobertura writer writes one, even when empty)",
        ));
    }
    reading.format_version = stream
        .doctype()
        .and_then(dtd_version)
        .or(reading.comments_dtd.take());
    Ok(reading)
}

/// Whether the root states branches to count (`branches-valid` above 0).
fn root_states_branches(root: &RootAttributes) -> bool {
    root.branches_valid.is_some_and(|valid| valid > 0)
}

fn has_lines_with_branches(file: &FileRecord) -> bool {
    file.classes
        .iter()
        .any(|class| class.lines.iter().any(|line| line.branches.is_some()))
}

fn has_methods(file: &FileRecord) -> bool {
    file.classes.iter().any(|class| !class.methods.is_empty())
}

fn read_root_attributes(root: &XmlElement<'_>) -> Result<RootAttributes, XmlProblem> {
    let [line_rate, branch_rate, lines_valid, lines_covered, branches_valid, branches_covered, version, timestamp] =
        root.attributes([
            "line-rate",
            "branch-rate",
            "lines-valid",
            "lines-covered",
            "branches-valid",
            "branches-covered",
            "version",
            "timestamp",
        ])?;
    let attributes = RootAttributes {
        line_rate: root.rate(line_rate.as_ref())?,
        branch_rate: root.rate(branch_rate.as_ref())?,
        lines_valid: root.count(lines_valid.as_ref())?,
        lines_covered: root.count(lines_covered.as_ref())?,
        branches_valid: root.count(branches_valid.as_ref())?,
        branches_covered: root.count(branches_covered.as_ref())?,
        version: root
            .text(version.as_ref())?
            .filter(|version| !version.is_empty()),
        // A timestamp that is not a number is left out rather than refusing the report.
        timestamp: timestamp
            .as_ref()
            .and_then(|timestamp| parse_whole_number(&timestamp.value))
            .and_then(epoch_to_iso8601),
    };
    for (covered, valid, covered_key, valid_key) in [
        (
            attributes.lines_covered,
            attributes.lines_valid,
            "lines-covered",
            "lines-valid",
        ),
        (
            attributes.branches_covered,
            attributes.branches_valid,
            "branches-covered",
            "branches-valid",
        ),
    ] {
        if let (Some(covered), Some(valid)) = (covered, valid) {
            if covered > valid {
                return Err(root.problem(format!(
                    "{covered_key}=\"{covered}\" is more than {valid_key}=\"{valid}\""
                )));
            }
        }
    }
    Ok(attributes)
}

impl ElementReader for Reading<'_> {
    type Place = Place;
    const IGNORED: Place = Place::Ignored;

    fn child_place(parent: Place, name: &[u8]) -> Place {
        child_place(parent, name)
    }

    fn open(&mut self, place: Place, element: &XmlElement<'_>) -> Result<(), XmlProblem> {
        self.open_element(place, element)
    }

    fn close(&mut self, place: Place) -> Result<(), XmlProblem> {
        self.close_element(place);
        Ok(())
    }

    fn text(&mut self, place: Place, text: &str) {
        if place == Place::Source {
            self.source_text.push_str(text);
        }
    }

    fn comment(&mut self, comment: &str) {
        if self.comments_dtd.is_none() {
            self.comments_dtd = dtd_version(comment);
        }
        self.written_by_coverage_py |= comment.contains("Generated by coverage.py");
    }

    fn has_read_enough(&self) -> bool {
        self.streamed
            .as_ref()
            .is_some_and(|streamed| streamed.read_again_whole)
    }
}

impl Reading<'_> {
    fn open_element(&mut self, place: Place, element: &XmlElement<'_>) -> Result<(), XmlProblem> {
        match place {
            Place::CloverProject => Err(element.problem(
                "this <coverage> holds a Clover <project>, so the file is Clover XML, not Cobertura",
            )),
            Place::Packages => {
                self.saw_packages = true;
                Ok(())
            }
            Place::Source => {
                self.source_text.clear();
                Ok(())
            }
            Place::Class => {
                let [filename, name, line_rate, branch_rate] =
                    element.attributes(["filename", "name", "line-rate", "branch-rate"])?;
                let filename = element
                    .text(filename.as_ref())?
                    .ok_or_else(|| element.problem("the attribute filename is missing"))?;
                let record = CodeRecord {
                    name: element.text(name.as_ref())?.unwrap_or_default(),
                    line_rate: element.rate(line_rate.as_ref())?,
                    branch_rate: element.rate(branch_rate.as_ref())?,
                    lines: Vec::new(),
                    hits: None,
                    methods: Vec::new(),
                };
                self.class = Some((filename, record));
                Ok(())
            }
            Place::Method => {
                let [name, line_rate, branch_rate, hits] =
                    element.attributes(["name", "line-rate", "branch-rate", "hits"])?;
                self.method = Some(CodeRecord {
                    name: element.text(name.as_ref())?.unwrap_or_default(),
                    line_rate: element.rate(line_rate.as_ref())?,
                    branch_rate: element.rate(branch_rate.as_ref())?,
                    lines: Vec::new(),
                    hits: element.count(hits.as_ref())?,
                    methods: Vec::new(),
                });
                Ok(())
            }
            Place::ClassLine | Place::MethodLine => {
                let record = self.read_line(element)?;
                let owner = if place == Place::ClassLine {
                    self.class.as_mut().map(|(_, class)| class)
                } else {
                    self.method.as_mut()
                };
                if let Some(owner) = owner {
                    owner.lines.push(record);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn read_line(&mut self, element: &XmlElement<'_>) -> Result<LineRecord, XmlProblem> {
        let [number, hits, branch, condition_coverage] =
            element.attributes(["number", "hits", "branch", "condition-coverage"])?;
        let line = element.required_line_number(number.as_ref(), "number")?;
        let hits = element.required_count(hits.as_ref(), "hits")?;
        let branches = match &condition_coverage {
            Some(attribute) => parse_condition_coverage(&attribute.value).ok_or_else(|| {
                element.problem(format!(
                    "condition-coverage=\"{}\" is not of the form \"50% (1/2)\" with at most as many taken as there are",
                    String::from_utf8_lossy(&attribute.value)
                ))
            })?,
            None => {
                if branch.as_ref().is_some_and(|branch| branch.value.as_ref() == b"true") {
                    self.oddities
                        .branch_without_condition
                        .note(|| format!("line {line}"));
                }
                None
            }
        };
        Ok(LineRecord {
            line,
            hits,
            branches,
        })
    }

    fn close_element(&mut self, place: Place) {
        match place {
            Place::Source => {
                let source = self.source_text.trim();
                if !source.is_empty() {
                    self.sources.push(source.to_string());
                    // The files handed over were given their paths without it.
                    if let Some(streamed) = self.streamed.as_mut() {
                        streamed.read_again_whole |= streamed.handed_over > 0;
                    }
                }
            }
            Place::Method => {
                if let (Some(method), Some((_, class))) = (self.method.take(), self.class.as_mut())
                {
                    class.methods.push(method);
                }
            }
            Place::Class => {
                if let Some((filename, class)) = self.class.take() {
                    match self.streamed.as_mut() {
                        Some(streamed) => {
                            streamed.add_class(filename, class, &self.sources, &mut self.oddities)
                        }
                        None => {
                            let index = self.file_for(filename);
                            self.files[index].classes.push(class);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// The index of the file record for a filename, made when first seen.
    fn file_for(&mut self, filename: String) -> usize {
        if let Some(&index) = self.file_index.get(&filename) {
            return index;
        }
        let index = self.files.len();
        self.file_index.insert(filename.clone(), index);
        self.files.push(FileRecord {
            filename,
            classes: Vec::new(),
        });
        index
    }

    /// The report of a document read whole.
    fn into_report(mut self) -> ReadReport {
        let files = std::mem::take(&mut self.files);
        let has_branches =
            files.iter().any(has_lines_with_branches) || root_states_branches(&self.root);
        let facts = self.report_facts(has_branches, files.iter().any(has_methods));
        let decimals = facts.percent_rule().decimals();
        let converted: Vec<FileCoverage> = files
            .into_iter()
            .map(|file| convert_file(file, &self.sources, &facts, decimals, &mut self.oddities))
            .collect();
        let sum: MetricCounts = converted.iter().map(|file| file.counts.as_metrics()).sum();
        let file_count = converted.len();
        self.finish(facts, converted, sum, file_count)
    }

    /// The report without its files once a document read file by file has ended: the last
    /// file gathered is handed over first. `None` when the report must be read again
    /// whole (see [`parse_cobertura_xml_streaming_files`]).
    fn into_report_shell(mut self) -> Option<ReadReport> {
        let mut streamed = self.streamed.take()?;
        streamed.hand_over_gathered(&self.sources, &mut self.oddities);
        let has_branches = streamed.lines_with_branches || root_states_branches(&self.root);
        if streamed.read_again_whole || has_branches != streamed.facts.has_branches {
            return None;
        }
        let facts = self.report_facts(has_branches, streamed.classes_with_methods);
        Some(self.finish(facts, Vec::new(), streamed.sum, streamed.handed_over))
    }

    fn report_facts(&self, has_branches: bool, has_regions: bool) -> ReportFacts {
        ReportFacts {
            format_version: self.format_version.clone(),
            tool_version: tool_version(self.root.version.as_deref(), self.written_by_coverage_py),
            timestamp: self.root.timestamp.clone(),
            has_branches,
            has_regions,
            ..ReportFacts::of_format(CoverageFormat::Cobertura)
        }
    }

    /// The report of `files` (none for a report handed over file by file), whose counts
    /// add up to `sum`, with the report's totals, figures and warnings.
    fn finish(
        self,
        facts: ReportFacts,
        files: Vec<FileCoverage>,
        sum: MetricCounts,
        file_count: usize,
    ) -> ReadReport {
        let Reading {
            root,
            sources,
            oddities,
            ..
        } = self;
        let has_branches = facts.has_branches;
        let decimals = facts.percent_rule().decimals();
        let mut warnings = Vec::new();
        if sources.len() > 1 {
            warnings.push(Diagnostic::warning(format!(
                "the report names {} source folders ({}) and does not say which one holds each file, so paths are shown as the report spells them",
                sources.len(),
                sources
                    .iter()
                    .take(3)
                    .map(|source| format!("\"{source}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let mut totals = MetricCounts::default();
        let line_sum = sum.get(Metric::Lines).unwrap_or_default();
        totals.set(
            Metric::Lines,
            stated_tally(root.lines_covered, root.lines_valid).unwrap_or(line_sum),
        );
        if let Some(warning) = totals_warning("lines", totals.get(Metric::Lines), line_sum, "") {
            warnings.push(warning);
        }
        if has_branches {
            let branch_sum = sum.get(Metric::Branches).unwrap_or_default();
            totals.set(
                Metric::Branches,
                stated_tally(root.branches_covered, root.branches_valid).unwrap_or(branch_sum),
            );
            if let Some(warning) = totals_warning(
                "branches",
                totals.get(Metric::Branches),
                branch_sum,
                " (some writers, Istanbul among them, count branches that start on a line without a statement, which no <line> carries)",
            ) {
                warnings.push(warning);
            }
        }
        let totals = Counts::Metrics(totals);
        let stated_total_figures = stated_figures(
            root.line_rate,
            root.branch_rate,
            &totals,
            has_branches,
            decimals,
        );
        let total_coverage = headline_of(&facts, &totals, &stated_total_figures);
        warnings.extend(
            [
                oddities.branch_without_condition.warning(
                    "a line is marked branch=\"true\" without condition-coverage",
                    "its branches are not counted",
                ),
                oddities.line_rate_disagrees.warning(
                    "a class's line-rate disagrees with its <line> elements",
                    "the stated rates are shown beside the counts of the lines",
                ),
                oddities.branch_rate_disagrees.warning(
                    "a class's branch-rate disagrees with the condition-coverage of its lines",
                    "the stated rates are shown beside the counts of the lines (some writers, Istanbul among them, count branches that start on a line without a statement, which no <line> carries)",
                ),
            ]
            .into_iter()
            .flatten(),
        );
        if file_count == 0 {
            warnings.push(Diagnostic::warning(
                "the report lists no files (its <packages> holds no <class>)",
            ));
        }
        ReadReport {
            report: CoverageReport {
                facts,
                files,
                totals,
                total_coverage,
                stated_total_figures,
            },
            warnings,
        }
    }
}

fn convert_file(
    mut file: FileRecord,
    sources: &[String],
    facts: &ReportFacts,
    decimals: u8,
    oddities: &mut Oddities,
) -> FileCoverage {
    let path = file_path(&file.filename, sources);
    let several_classes = file.classes.len() > 1;
    let mut class_regions = Vec::new();
    let mut stated = Vec::new();
    let lists = if let [class] = file.classes.as_mut_slice() {
        // One class is the whole file (coverage.py, Istanbul, llvm-cov, tarpaulin): its
        // stated rates are the file's.
        let lists = LineLists::from_records(std::mem::take(&mut class.lines), MERGE_RULE, true);
        let counts = line_counts(&lists, facts.has_branches);
        note_disagreement(
            &mut oddities.line_rate_disagrees,
            "line-rate",
            class.line_rate,
            counts.tally(Metric::Lines),
            &path,
        );
        if facts.has_branches {
            note_disagreement(
                &mut oddities.branch_rate_disagrees,
                "branch-rate",
                class.branch_rate,
                counts.tally(Metric::Branches),
                &path,
            );
        }
        stated = stated_figures(
            class.line_rate,
            class.branch_rate,
            &counts,
            facts.has_branches,
            decimals,
        );
        lists
    } else {
        let mut records = Vec::new();
        for class in &file.classes {
            let class_lists = LineLists::from_records(class.lines.clone(), MERGE_RULE, true);
            let counts = line_counts(&class_lists, facts.has_branches);
            class_regions.push(region(
                RegionKind::Class,
                class.name.clone(),
                class,
                &class_lists,
                counts,
                facts,
                decimals,
            ));
            records.extend_from_slice(&class.lines);
        }
        LineLists::from_records(records, MERGE_RULE, true)
    };
    let counts = line_counts(&lists, facts.has_branches);
    let mut regions = class_regions;
    // A producer may write Rust methods as mangled symbols (cargo-llvm-cov and grcov
    // demangle them themselves); they are shown demangled, symbols that read alike kept apart.
    let symbols: Vec<&str> = file
        .classes
        .iter()
        .flat_map(|class| &class.methods)
        .map(|method| method.name.as_str())
        .collect();
    let mut method_names = readable_symbols(&symbols).into_iter();
    for class in &file.classes {
        for method in &class.methods {
            let method_lists = LineLists::from_records(method.lines.clone(), MERGE_RULE, true);
            let method_counts = line_counts(&method_lists, facts.has_branches);
            let method_name = method_names.next().unwrap_or_default();
            let name = if several_classes {
                format!("{}.{}", class.name, method_name)
            } else {
                method_name
            };
            regions.push(region(
                RegionKind::Function,
                name,
                method,
                &method_lists,
                method_counts,
                facts,
                decimals,
            ));
        }
    }
    let coverage = headline_of(facts, &counts, &stated);
    FileCoverage {
        counts,
        coverage,
        stated_figures: stated,
        executed_lines: lists.executed_lines,
        missing_lines: lists.missing_lines,
        executed_line_hits: lists.executed_line_hits,
        has_line_lists: true,
        line_branches: lists.line_branches,
        regions,
        ..FileCoverage::empty(path)
    }
}

/// A class or method as a region: its lines' span and counts, its stated rates.
fn region(
    kind: RegionKind,
    name: String,
    record: &CodeRecord,
    lists: &LineLists,
    counts: Counts,
    facts: &ReportFacts,
    decimals: u8,
) -> Region {
    let first = lists
        .executed_lines
        .first()
        .into_iter()
        .chain(lists.missing_lines.first())
        .min()
        .copied();
    let last = lists
        .executed_lines
        .last()
        .into_iter()
        .chain(lists.missing_lines.last())
        .max()
        .copied();
    // How often a function ran: Istanbul states it; a method listing only its declaration
    // line (Istanbul, cargo-llvm-cov) ran as often as that line; otherwise it is unknown.
    let hits = record.hits.or_else(|| match record.lines.as_slice() {
        [only] if kind == RegionKind::Function => Some(only.hits),
        _ => None,
    });
    let stated = stated_figures(
        record.line_rate,
        record.branch_rate,
        &counts,
        facts.has_branches,
        decimals,
    );
    Region {
        kind,
        name,
        start_line: first,
        end_line: last,
        coverage: headline_of(facts, &counts, &stated),
        counts,
        stated_figures: stated,
        hits,
    }
}

fn line_counts(lists: &LineLists, has_branches: bool) -> Counts {
    let mut metrics = MetricCounts::default().with(Metric::Lines, lists.line_tally());
    if has_branches {
        metrics.set(Metric::Branches, lists.branch_tally());
    }
    Counts::Metrics(metrics)
}

/// The stated rates as figures. A rate of 0 for nothing to cover is no figure at all
/// (cargo-llvm-cov and tarpaulin write `branch-rate="0"` without branches; coverage.py
/// and Istanbul write 1), so the rule's text for an empty tally is shown instead.
fn stated_figures(
    line_rate: Option<f64>,
    branch_rate: Option<f64>,
    counts: &Counts,
    has_branches: bool,
    decimals: u8,
) -> Vec<MetricFigure> {
    let mut figures = Vec::new();
    let mut add = |metric: Metric, rate: Option<f64>| {
        let Some(rate) = rate else { return };
        let tally = counts.tally(metric).unwrap_or_default();
        if tally.total == 0 && rate == 0.0 {
            return;
        }
        let percent = rate * 100.0;
        figures.push(MetricFigure {
            metric,
            figure: CoverageFigure {
                percent: Percent::new(percent),
                display: trimmed_percent_text(percent, decimals),
            },
        });
    };
    add(Metric::Lines, line_rate);
    if has_branches {
        add(Metric::Branches, branch_rate);
    }
    figures
}

/// The headline (lines) figure: the stated one when there is one.
fn headline_of(facts: &ReportFacts, counts: &Counts, stated: &[MetricFigure]) -> CoverageFigure {
    facts
        .metric_figure(counts, stated, Metric::Lines)
        .unwrap_or_else(|| facts.headline_figure(counts))
}

fn note_disagreement(
    oddity: &mut RepeatedOddity,
    key: &str,
    rate: Option<f64>,
    tally: Option<Tally>,
    path: &str,
) {
    let (Some(rate), Some(tally)) = (rate, tally) else {
        return;
    };
    if tally.total == 0 {
        return;
    }
    let ratio = tally.covered as f64 / tally.total as f64;
    if (rate - ratio).abs() > RATE_TOLERANCE {
        oddity.note(|| {
            format!(
                "{path}: {key} {rate}, the lines give {} of {}",
                tally.covered, tally.total
            )
        });
    }
}

fn stated_tally(covered: Option<u64>, valid: Option<u64>) -> Option<Tally> {
    Some(Tally::new(covered?, valid?))
}

fn totals_warning(
    what: &str,
    stated: Option<Tally>,
    sum: Tally,
    reason: &str,
) -> Option<Diagnostic> {
    let stated = stated?;
    (stated != sum).then(|| {
        Diagnostic::warning(format!(
            "the report's totals count {} of {} {what} covered, but its files add up to {} of {}; the report's own totals are shown{reason}",
            stated.covered, stated.total, sum.covered, sum.total
        ))
    })
}

/// `"50% (1/2)"`: outcomes taken of outcomes, from the parenthesis; `0/0` is no branch.
fn parse_condition_coverage(raw: &[u8]) -> Option<Option<BranchCount>> {
    let open = raw.iter().position(|&byte| byte == b'(')?;
    let inside = raw.get(open + 1..)?;
    let close = inside.iter().position(|&byte| byte == b')')?;
    let fraction = inside.get(..close)?;
    let slash = fraction.iter().position(|&byte| byte == b'/')?;
    let covered = u32::try_from(parse_whole_number(fraction.get(..slash)?)?).ok()?;
    let total = u32::try_from(parse_whole_number(fraction.get(slash + 1..)?)?).ok()?;
    if covered > total {
        return None;
    }
    Some((total > 0).then_some(BranchCount { covered, total }))
}

/// A file's path: the one `<source>` joined with the `filename` (see the module comment).
fn file_path(filename: &str, sources: &[String]) -> String {
    let is_absolute = filename.starts_with('/')
        || filename.starts_with('\\')
        || filename.as_bytes().get(1) == Some(&b':');
    match sources {
        [source] if !is_absolute && !source.is_empty() && source != "." => {
            let separator = if source.contains('\\') && !source.contains('/') {
                '\\'
            } else {
                '/'
            };
            let base = source.trim_end_matches(['/', '\\']);
            if base.is_empty() {
                // The source is the file-system root itself.
                format!("{separator}{filename}")
            } else {
                format!("{base}{separator}{filename}")
            }
        }
        _ => filename.to_string(),
    }
}

/// The measuring tool's version, from the root's `version` where it is one: coverage.py
/// writes its own there (and says so in a comment), gcovr its name and version (`gcovr
/// 7.2`); Istanbul writes a fixed `0.1`, cargo-llvm-cov and tarpaulin numbers that are not
/// their versions (2.0.3 and 1.9 beside cargo-llvm-cov 0.9.1 and tarpaulin 0.37.5), so a
/// bare number from any other writer is no tool version and stays unknown.
fn tool_version(version: Option<&str>, written_by_coverage_py: bool) -> Option<String> {
    let version = version?;
    let names_a_tool = version.chars().any(char::is_alphabetic);
    (written_by_coverage_py || names_a_tool).then(|| version.to_string())
}

/// The Cobertura DTD's number from a DOCTYPE or comment naming `coverage-04.dtd`.
fn dtd_version(text: &str) -> Option<String> {
    let start = text.find("coverage-")? + "coverage-".len();
    let rest = text.get(start..)?;
    let end = rest.find(".dtd")?;
    let version = rest.get(..end)?;
    (!version.is_empty() && version.bytes().all(|byte| byte.is_ascii_digit()))
        .then(|| version.to_string())
}
