//! Reads JaCoCo's XML report into the model: per source file its six counters
//! (instructions, branches, lines, complexity, methods, classes), its lines with their
//! branch counts, and its classes and methods as regions.
//!
//! Refs: JaCoCo `org.jacoco.report/src/org/jacoco/report/xml/report.dtd` (Report 1.1) and
//! `XMLFormatter` (a counter is written only when its total is not 0); `JavaNames` (how
//! the HTML report names classes and methods); `PackageSourcePage` (a source file without
//! instructions is no row of the HTML report).
//!
//! What a row is: one source file, `<package name>/<sourcefile name>`
//! (`org/apache/commons/cli/Option.java`), prefixed by the names of the `<group>`s around
//! it in a multi-module report, with the sourcefile's own counters: the rows and figures of
//! JaCoCo's HTML "source files" page. A source file without instructions (an interface) is
//! left out, as JaCoCo's HTML leaves it out. A class whose source file the report does not
//! list (compiled without debug information) becomes a row of its own, named by the class.
use std::collections::HashMap;

use super::xml_report::{
    epoch_to_iso8601, parse_whole_number, parse_xml_report, walk_elements, BranchCount,
    ElementReader, LineLists, LineMergeRule, LineRecord, ReadReport, RepeatedOddity, XmlElement,
    XmlProblem, XmlStream,
};
use crate::core::model::{
    Counts, CoverageFormat, CoverageReport, FileCoverage, LineNumber, Metric, MetricCounts, Region,
    RegionKind, ReportFacts, Tally,
};
use crate::core::text::{Diagnostic, ParseOutcome};

/// Parses the bytes of a JaCoCo XML report, calling `on_progress` about every MiB with the
/// bytes read so far and last with `bytes.len()`.
pub fn parse_jacoco_xml(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    parse_xml_report(bytes, on_progress, read_report)
}

/// Where in the document the reader is: one entry per open element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Report,
    SessionInfo,
    Group,
    Package,
    Class,
    Method,
    SourceFile,
    Line,
    /// A `<counter>` of the element named.
    Counter(CounterOwner),
    /// Anything else, skipped with its children.
    Ignored,
}

/// Which element a `<counter>` belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CounterOwner {
    Report,
    /// Group and package counters repeat the sums of what they hold; they are not kept.
    Summary,
    Class,
    Method,
    SourceFile,
}

/// The elements JaCoCo nests, as (parent, name, child).
const CHILDREN: [(Place, &str, Place); 17] = [
    (Place::Report, "sessioninfo", Place::SessionInfo),
    (Place::Report, "group", Place::Group),
    (Place::Report, "package", Place::Package),
    (
        Place::Report,
        "counter",
        Place::Counter(CounterOwner::Report),
    ),
    (Place::Group, "group", Place::Group),
    (Place::Group, "package", Place::Package),
    (
        Place::Group,
        "counter",
        Place::Counter(CounterOwner::Summary),
    ),
    (Place::Package, "class", Place::Class),
    (Place::Package, "sourcefile", Place::SourceFile),
    (
        Place::Package,
        "counter",
        Place::Counter(CounterOwner::Summary),
    ),
    (Place::Class, "method", Place::Method),
    (Place::Class, "counter", Place::Counter(CounterOwner::Class)),
    (
        Place::Method,
        "counter",
        Place::Counter(CounterOwner::Method),
    ),
    (Place::SourceFile, "line", Place::Line),
    (
        Place::SourceFile,
        "counter",
        Place::Counter(CounterOwner::SourceFile),
    ),
    // JaCoCo 0.8.x writes no other children; these keep an odd report readable.
    (Place::Report, "sourcefile", Place::Ignored),
    (Place::Report, "class", Place::Ignored),
];

fn child_place(parent: Place, name: &[u8]) -> Place {
    CHILDREN
        .iter()
        .find(|(from, child_name, _)| *from == parent && child_name.as_bytes() == name)
        .map_or(Place::Ignored, |(_, _, child)| *child)
}

/// JaCoCo's counter types and the metrics they are, in the order of the format's profile.
const COUNTER_TYPES: [(&str, Metric); 6] = [
    ("INSTRUCTION", Metric::Instructions),
    ("BRANCH", Metric::Branches),
    ("LINE", Metric::Lines),
    ("COMPLEXITY", Metric::Complexity),
    ("METHOD", Metric::Functions),
    ("CLASS", Metric::Classes),
];

/// The metrics a method has: all but classes.
const METHOD_METRICS: [Metric; 5] = [
    Metric::Instructions,
    Metric::Branches,
    Metric::Lines,
    Metric::Complexity,
    Metric::Functions,
];

/// The counters read for one element; a counter JaCoCo did not write counts nothing.
#[derive(Clone, Copy, Default)]
struct Counters {
    read: MetricCounts,
}

struct MethodRecord {
    name: String,
    descriptor: String,
    line: Option<LineNumber>,
    counters: Counters,
}

struct ClassRecord {
    vm_name: String,
    source_file: Option<String>,
    counters: Counters,
    methods: Vec<MethodRecord>,
}

struct SourceFileRecord {
    name: String,
    counters: Counters,
    lines: Vec<LineRecord>,
}

struct PackageRecord {
    name: String,
    classes: Vec<ClassRecord>,
    source_files: Vec<SourceFileRecord>,
}

struct Reading {
    groups: Vec<String>,
    package: Option<PackageRecord>,
    class: Option<ClassRecord>,
    method: Option<MethodRecord>,
    source_file: Option<SourceFileRecord>,
    report_counters: Counters,
    saw_report_counters: bool,
    last_dump: Option<u64>,
    files: Vec<FileCoverage>,
    classes_without_source: RepeatedOddity,
}

/// JaCoCo lists each line once.
const MERGE_RULE: LineMergeRule = LineMergeRule {
    sum_hits: false,
    sum_branches: false,
};

fn read_report(stream: &mut XmlStream<'_, '_>) -> Result<ReadReport, XmlProblem> {
    stream.root("report", "a JaCoCo report")?;
    let mut reading = Reading {
        groups: Vec::new(),
        package: None,
        class: None,
        method: None,
        source_file: None,
        report_counters: Counters::default(),
        saw_report_counters: false,
        last_dump: None,
        files: Vec::new(),
        classes_without_source: RepeatedOddity::default(),
    };
    walk_elements(stream, Place::Report, &mut reading)?;
    let format_version = stream.doctype().and_then(dtd_version);
    Ok(reading.into_report(format_version))
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
        self.close_element(place);
        Ok(())
    }
}

impl Reading {
    fn open_element(&mut self, place: Place, element: &XmlElement<'_>) -> Result<(), XmlProblem> {
        match place {
            Place::SessionInfo => {
                let [dump] = element.attributes(["dump"])?;
                if let Some(dump) = dump
                    .as_ref()
                    .and_then(|dump| parse_whole_number(&dump.value))
                {
                    self.last_dump = Some(self.last_dump.map_or(dump, |last| last.max(dump)));
                }
            }
            Place::Group => {
                let [name] = element.attributes(["name"])?;
                self.groups
                    .push(element.text(name.as_ref())?.unwrap_or_default());
            }
            Place::Package => {
                let [name] = element.attributes(["name"])?;
                self.package = Some(PackageRecord {
                    name: element.text(name.as_ref())?.unwrap_or_default(),
                    classes: Vec::new(),
                    source_files: Vec::new(),
                });
            }
            Place::Class => {
                let [name, source_file] = element.attributes(["name", "sourcefilename"])?;
                self.class = Some(ClassRecord {
                    vm_name: element
                        .text(name.as_ref())?
                        .ok_or_else(|| element.problem("the attribute name is missing"))?,
                    source_file: element.text(source_file.as_ref())?,
                    counters: Counters::default(),
                    methods: Vec::new(),
                });
            }
            Place::Method => {
                let [name, descriptor, line] = element.attributes(["name", "desc", "line"])?;
                self.method = Some(MethodRecord {
                    name: element.text(name.as_ref())?.unwrap_or_default(),
                    descriptor: element.text(descriptor.as_ref())?.unwrap_or_default(),
                    line: element
                        .line_number(line.as_ref(), "line")?
                        .filter(|&line| line > 0),
                    counters: Counters::default(),
                });
            }
            Place::SourceFile => {
                let [name] = element.attributes(["name"])?;
                self.source_file = Some(SourceFileRecord {
                    name: element
                        .text(name.as_ref())?
                        .ok_or_else(|| element.problem("the attribute name is missing"))?,
                    counters: Counters::default(),
                    lines: Vec::new(),
                });
            }
            Place::Line => {
                let record = read_line(element)?;
                if let Some(source_file) = self.source_file.as_mut() {
                    source_file.lines.push(record);
                }
            }
            Place::Counter(owner) => {
                let Some((metric, tally)) = read_counter(element)? else {
                    return Ok(());
                };
                let counters = match owner {
                    CounterOwner::Report => {
                        self.saw_report_counters = true;
                        Some(&mut self.report_counters)
                    }
                    CounterOwner::Summary => None,
                    CounterOwner::Class => self.class.as_mut().map(|class| &mut class.counters),
                    CounterOwner::Method => self.method.as_mut().map(|method| &mut method.counters),
                    CounterOwner::SourceFile => self
                        .source_file
                        .as_mut()
                        .map(|source_file| &mut source_file.counters),
                };
                if let Some(counters) = counters {
                    if counters.read.get(metric).is_some() {
                        return Err(element.problem(format!(
                            "a second {} counter for the same element",
                            counter_name(metric)
                        )));
                    }
                    counters.read.set(metric, tally);
                }
            }
            Place::Report | Place::Ignored => {}
        }
        Ok(())
    }

    fn close_element(&mut self, place: Place) {
        match place {
            Place::Group => {
                self.groups.pop();
            }
            Place::Method => {
                if let (Some(method), Some(class)) = (self.method.take(), self.class.as_mut()) {
                    class.methods.push(method);
                }
            }
            Place::Class => {
                if let (Some(class), Some(package)) = (self.class.take(), self.package.as_mut()) {
                    package.classes.push(class);
                }
            }
            Place::SourceFile => {
                if let (Some(source_file), Some(package)) =
                    (self.source_file.take(), self.package.as_mut())
                {
                    package.source_files.push(source_file);
                }
            }
            Place::Package => {
                if let Some(package) = self.package.take() {
                    self.convert_package(package);
                }
            }
            _ => {}
        }
    }

    /// Turns a package's source files, and classes without one, into rows.
    fn convert_package(&mut self, package: PackageRecord) {
        let facts = ReportFacts::of_format(CoverageFormat::Jacoco);
        let prefix: String = self
            .groups
            .iter()
            .filter(|group| !group.is_empty())
            .map(|group| format!("{group}/"))
            .collect();
        let PackageRecord {
            name: package_name,
            classes,
            source_files,
        } = package;
        // Classes by the source file they name, found in one pass (a package can hold
        // thousands of each); those naming none are kept apart in their order. (A map of
        // names to group numbers, the same map type the other parsers use, keeps the wasm
        // from carrying another map's code.)
        let mut group_of_source: HashMap<String, usize> = HashMap::new();
        let mut class_groups: Vec<Vec<ClassRecord>> = Vec::new();
        let mut sourceless_classes = Vec::new();
        for class in classes {
            let Some(name) = &class.source_file else {
                sourceless_classes.push(class);
                continue;
            };
            let group = match group_of_source.get(name) {
                Some(&group) => group,
                None => {
                    group_of_source.insert(name.clone(), class_groups.len());
                    class_groups.push(Vec::new());
                    class_groups.len() - 1
                }
            };
            if let Some(members) = class_groups.get_mut(group) {
                members.push(class);
            }
        }
        for source_file in source_files {
            let classes = group_of_source
                .get(&source_file.name)
                .and_then(|&group| class_groups.get_mut(group))
                .map(std::mem::take)
                .unwrap_or_default();
            if instructions(&source_file.counters) == 0 {
                continue;
            }
            let regions = classes
                .iter()
                .flat_map(|class| class_regions(class, &facts))
                .collect();
            let lists = LineLists::from_records(source_file.lines, MERGE_RULE, false);
            let counts = Counts::Metrics(source_file.counters.all_metrics());
            let path = if package_name.is_empty() {
                format!("{prefix}{}", source_file.name)
            } else {
                format!("{prefix}{package_name}/{}", source_file.name)
            };
            self.files.push(FileCoverage {
                coverage: facts.headline_figure(&counts),
                counts,
                has_line_lists: true,
                executed_lines: lists.executed_lines,
                missing_lines: lists.missing_lines,
                line_branches: lists.line_branches,
                regions,
                ..FileCoverage::empty(path)
            });
        }
        // Classes left: their source file is not in the report.
        let unlisted = class_groups.into_iter().flatten();
        for class in sourceless_classes.into_iter().chain(unlisted) {
            if instructions(&class.counters) == 0 {
                continue;
            }
            let path = format!("{prefix}{}", class.vm_name);
            self.classes_without_source.note(|| path.clone());
            let counts = Counts::Metrics(class.counters.all_metrics());
            self.files.push(FileCoverage {
                coverage: facts.headline_figure(&counts),
                counts,
                regions: class_regions(&class, &facts),
                ..FileCoverage::empty(path)
            });
        }
    }

    fn into_report(self, format_version: Option<String>) -> ReadReport {
        let sum: MetricCounts = self.files.iter().map(|file| file.counts.as_metrics()).sum();
        let mut warnings = Vec::new();
        let totals = if self.saw_report_counters {
            let totals = self.report_counters.all_metrics();
            let differing: Vec<String> = COUNTER_TYPES
                .iter()
                .filter_map(|&(name, metric)| {
                    let stated = totals.get(metric).unwrap_or_default();
                    let summed = sum.get(metric).unwrap_or_default();
                    (stated != summed).then(|| {
                        format!(
                            "{name} {} of {} covered, the files {} of {}",
                            stated.covered, stated.total, summed.covered, summed.total
                        )
                    })
                })
                .collect();
            if !differing.is_empty() {
                warnings.push(Diagnostic::warning(format!(
                    "the report's own counters disagree with the sum of its source files ({}); the report's counters are shown",
                    differing.join("; ")
                )));
            }
            totals
        } else {
            filled(sum, &COUNTER_TYPES.map(|(_, metric)| metric))
        };
        let facts = ReportFacts {
            format_version,
            timestamp: self.last_dump.and_then(epoch_to_iso8601),
            has_branches: totals
                .get(Metric::Branches)
                .is_some_and(|branches| branches.total > 0),
            has_regions: self.files.iter().any(|file| !file.regions.is_empty()),
            ..ReportFacts::of_format(CoverageFormat::Jacoco)
        };
        if let Some(warning) = self.classes_without_source.warning(
            "a class's source file is not in the report (compiled without debug information?)",
            "each such class is shown as its own row, named by the class, without lines",
        ) {
            warnings.push(warning);
        }
        if self.files.is_empty() {
            warnings.push(Diagnostic::warning(
                "the report lists no source file or class with code",
            ));
        }
        let totals = Counts::Metrics(totals);
        ReadReport {
            report: CoverageReport {
                total_coverage: facts.headline_figure(&totals),
                facts,
                files: self.files,
                totals,
                stated_total_figures: Vec::new(),
            },
            warnings,
        }
    }
}

impl Counters {
    /// Every counter type, 0 of 0 where JaCoCo wrote none (its `n/a`).
    fn all_metrics(self) -> MetricCounts {
        filled(self.read, &COUNTER_TYPES.map(|(_, metric)| metric))
    }
}

/// `counts` with every metric of `metrics` present, 0 of 0 where it was absent.
fn filled(counts: MetricCounts, metrics: &[Metric]) -> MetricCounts {
    let mut filled = counts;
    for &metric in metrics {
        filled.set(metric, counts.get(metric).unwrap_or_default());
    }
    filled
}

fn instructions(counters: &Counters) -> u64 {
    counters
        .read
        .get(Metric::Instructions)
        .map_or(0, |tally| tally.total)
}

/// A class and its methods as regions, named as JaCoCo's HTML names them.
fn class_regions(class: &ClassRecord, facts: &ReportFacts) -> Vec<Region> {
    let class_label = class_label(&class.vm_name);
    let mut regions = Vec::with_capacity(class.methods.len() + 1);
    let counts = Counts::Metrics(class.counters.all_metrics());
    regions.push(Region {
        kind: RegionKind::Class,
        name: class_label.clone(),
        start_line: class.methods.iter().filter_map(|method| method.line).min(),
        end_line: None,
        coverage: facts.headline_figure(&counts),
        counts,
        stated_figures: Vec::new(),
        hits: None,
    });
    for method in &class.methods {
        let counts = Counts::Metrics(filled(method.counters.read, &METHOD_METRICS));
        regions.push(Region {
            kind: RegionKind::Function,
            name: format!(
                "{class_label}.{}",
                method_label(&class.vm_name, &method.name, &method.descriptor)
            ),
            start_line: method.line,
            // JaCoCo gives a method's first line only.
            end_line: None,
            coverage: facts.headline_figure(&counts),
            counts,
            stated_figures: Vec::new(),
            hits: None,
        });
    }
    regions
}

/// One `<counter type missed covered>`: its metric and tally, or `None` for a type this
/// version of Covscope does not know.
fn read_counter(element: &XmlElement<'_>) -> Result<Option<(Metric, Tally)>, XmlProblem> {
    let [kind, missed, covered] = element.attributes(["type", "missed", "covered"])?;
    let missed = element.required_count(missed.as_ref(), "missed")?;
    let covered = element.required_count(covered.as_ref(), "covered")?;
    let Some(kind) = kind else {
        return Err(element.problem("the attribute type is missing"));
    };
    Ok(COUNTER_TYPES
        .iter()
        .find(|(name, _)| name.as_bytes() == kind.value.as_ref())
        .map(|&(_, metric)| (metric, Tally::new(covered, missed.saturating_add(covered)))))
}

fn counter_name(metric: Metric) -> &'static str {
    COUNTER_TYPES
        .iter()
        .find(|(_, known)| *known == metric)
        .map_or("", |(name, _)| name)
}

/// `<line nr mi ci mb cb>`: a line ran when any of its instructions did (JaCoCo's LINE
/// counter counts a partly covered line as covered); its branches are `cb` of `mb + cb`.
fn read_line(element: &XmlElement<'_>) -> Result<LineRecord, XmlProblem> {
    let [number, missed_instructions, covered_instructions, missed_branches, covered_branches] =
        element.attributes(["nr", "mi", "ci", "mb", "cb"])?;
    let line = element.required_line_number(number.as_ref(), "nr")?;
    // Read to check them; whether the line ran depends on covered instructions only.
    element.count(missed_instructions.as_ref())?;
    let covered_instructions = element.count(covered_instructions.as_ref())?.unwrap_or(0);
    let missed_branches = element.count(missed_branches.as_ref())?.unwrap_or(0);
    let covered_branches = element.count(covered_branches.as_ref())?.unwrap_or(0);
    let total = missed_branches.saturating_add(covered_branches);
    let branches = if total == 0 {
        None
    } else {
        match (u32::try_from(covered_branches), u32::try_from(total)) {
            (Ok(covered), Ok(total)) => Some(BranchCount { covered, total }),
            _ => {
                return Err(
                    element.problem("mb and cb add up to more branches than a line can hold")
                )
            }
        }
    };
    Ok(LineRecord {
        line,
        hits: covered_instructions,
        branches,
    })
}

/// The report DTD's version from the DOCTYPE's public identifier
/// (`-//JACOCO//DTD Report 1.1//EN`).
fn dtd_version(doctype: &str) -> Option<String> {
    let start = doctype.find("DTD Report ")? + "DTD Report ".len();
    let rest = doctype.get(start..)?;
    let end = rest.find("//")?;
    let version = rest.get(..end)?.trim();
    (!version.is_empty()).then(|| version.to_string())
}

/// A class as JaCoCo's HTML names it: the simple name, nested classes joined by dots
/// (`Option.Builder`). The XML does not name an anonymous class's supertype, so
/// `Outer$1` reads `Outer.1` where the HTML would say `Outer.new Comparator() {...}`.
fn class_label(vm_name: &str) -> String {
    let simple = vm_name.rsplit('/').next().unwrap_or(vm_name);
    simple.replace('$', ".")
}

/// Whether a class is anonymous: what follows its last `$` cannot start an identifier.
fn is_anonymous(vm_name: &str) -> bool {
    match vm_name.rfind('$') {
        Some(dollar) => vm_name
            .get(dollar + 1..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|first| !(first.is_alphabetic() || first == '_' || first == '$')),
        None => false,
    }
}

/// A method as JaCoCo's HTML names it: `build()`, `Option.Builder(String)` for a
/// constructor, `static {...}` for a static initialiser, parameter types by simple name.
fn method_label(class_vm_name: &str, method: &str, descriptor: &str) -> String {
    if method == "<clinit>" {
        return "static {...}".to_string();
    }
    let name = if method == "<init>" {
        if is_anonymous(class_vm_name) {
            return "{...}".to_string();
        }
        class_label(class_vm_name)
    } else {
        method.to_string()
    };
    match parameter_types(descriptor) {
        Some(parameters) => format!("{name}({})", parameters.join(", ")),
        None => format!("{name}{descriptor}"),
    }
}

/// The parameter types of a JVM method descriptor by simple name (`(Ljava/lang/String;[I)V`
/// gives `String`, `int[]`); `None` when the descriptor is malformed.
fn parameter_types(descriptor: &str) -> Option<Vec<String>> {
    const PRIMITIVES: [(char, &str); 9] = [
        ('B', "byte"),
        ('C', "char"),
        ('D', "double"),
        ('F', "float"),
        ('I', "int"),
        ('J', "long"),
        ('S', "short"),
        ('Z', "boolean"),
        ('V', "void"),
    ];
    let inside = descriptor.strip_prefix('(')?;
    let end = inside.find(')')?;
    let mut rest = &inside[..end];
    let mut types = Vec::new();
    while !rest.is_empty() {
        let dimensions = rest.len() - rest.trim_start_matches('[').len();
        rest = &rest[dimensions..];
        let first = rest.chars().next()?;
        let base = if first == 'L' {
            let semicolon = rest.find(';')?;
            let class = &rest[1..semicolon];
            rest = &rest[semicolon + 1..];
            class_label(class)
        } else {
            rest = &rest[first.len_utf8()..];
            PRIMITIVES
                .iter()
                .find(|(code, _)| *code == first)
                .map(|(_, name)| (*name).to_string())?
        };
        types.push(format!("{base}{}", "[]".repeat(dimensions)));
    }
    Some(types)
}
