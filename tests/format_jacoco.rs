//! The JaCoCo fixture against JaCoCo's own outputs of the same run: every source-file row
//! against the HTML report's source-file page (`index.source.html`), the total against its
//! index page, every class region against `jacoco.csv`, and every method region against
//! its class's HTML page (counts and JaCoCo's floored percentages as printed).
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{Counts, CoverageFormat, CoverageReport, Metric, Region, RegionKind};

const FOLDER: &str = "jacoco-commons-cli";

/// A fixture under `tests/fixtures/coverage/`: its path, bytes and text.
fn fixture_path(relative: &str) -> std::path::PathBuf {
    common::fixture_path(&format!("coverage/{relative}"))
}

fn read_fixture(relative: &str) -> Vec<u8> {
    common::fixture_bytes(&format!("coverage/{relative}"))
}

fn read_text(relative: &str) -> String {
    common::fixture_text(&format!("coverage/{relative}"))
}

fn load() -> CoverageReport {
    let relative = format!("{FOLDER}/jacoco.xml");
    let outcome = parse_dropped_file("jacoco.xml", &read_fixture(&relative));
    assert_eq!(outcome.diagnostics, Vec::new(), "no warnings");
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => {
            assert_eq!(report.facts.format, CoverageFormat::Jacoco);
            *report
        }
        _ => panic!("{:?}", outcome.diagnostics),
    }
}

/// A bar column of a JaCoCo HTML table and the percentage beside it. The footer prints
/// `missed of total`; a body row draws a red bar titled with the missed count and a green
/// one titled with the covered count, but leaves out a bar too short to draw, so a body
/// row's counts are known only where a bar is drawn (the CSV has them all).
#[derive(Debug, Default)]
struct Bar {
    missed: Option<u64>,
    covered: Option<u64>,
    total: Option<u64>,
    pct: String,
}

/// One row of a JaCoCo HTML table: the element's label, its instruction and branch bars,
/// and (missed, total) of complexity, lines, methods and, where the table has them, classes.
#[derive(Debug)]
struct HtmlRow {
    label: String,
    bars: [Bar; 2],
    counts: Vec<(u64, u64)>,
}

/// A table cell: its text, and the titles of its red and green bars.
struct Cell {
    text: String,
    red: Option<u64>,
    green: Option<u64>,
}

fn number(text: &str) -> u64 {
    text.replace(',', "")
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("a number: {text:?}"))
}

fn cells_of(row: &str) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut rest = row;
    while let Some(start) = rest.find("<td") {
        rest = &rest[start..];
        let tag_end = rest.find('>').expect("tag end");
        if rest[..tag_end].ends_with('/') {
            // `<td class="bar" id="b19"/>`: no bar drawn.
            cells.push(Cell {
                text: String::new(),
                red: None,
                green: None,
            });
            rest = &rest[tag_end + 1..];
            continue;
        }
        let close = rest.find("</td>").expect("cell end");
        let content = &rest[tag_end + 1..close];
        let bar = |colour: &str| {
            let image = content.find(&format!("{colour}bar.gif"))?;
            let title = content[image..].find("title=\"")? + image + "title=\"".len();
            let end = content[title..].find('"')? + title;
            Some(number(&content[title..end]))
        };
        let mut text = String::new();
        let mut inside_tag = false;
        for character in content.chars() {
            match character {
                '<' => inside_tag = true,
                '>' => inside_tag = false,
                _ if !inside_tag => text.push(character),
                _ => {}
            }
        }
        cells.push(Cell {
            text: text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
            red: bar("red"),
            green: bar("green"),
        });
        rest = &rest[close + "</td>".len()..];
    }
    cells
}

fn bar_of(bar: &Cell, pct: &Cell) -> Bar {
    let pct = pct.text.trim_end_matches('%').to_string();
    match bar.text.split_once(" of ") {
        Some((missed, total)) => Bar {
            missed: Some(number(missed)),
            covered: None,
            total: Some(number(total)),
            pct,
        },
        None => Bar {
            missed: bar.red,
            covered: bar.green,
            total: None,
            pct,
        },
    }
}

/// The rows of a JaCoCo HTML table, footer ("Total") first.
fn read_html_table(relative: &str) -> Vec<HtmlRow> {
    let html = read_text(relative);
    html.split("<tr>")
        .skip(2)
        .map(|part| {
            let cells = cells_of(part.split("</tr>").next().expect("row"));
            HtmlRow {
                label: cells[0].text.clone(),
                bars: [bar_of(&cells[1], &cells[2]), bar_of(&cells[3], &cells[4])],
                counts: cells[5..]
                    .chunks(2)
                    .map(|pair| (number(&pair[0].text), number(&pair[1].text)))
                    .collect(),
            }
        })
        .collect()
}

/// The metrics of an HTML table's count columns, in its order.
const COUNT_COLUMNS: [Metric; 4] = [
    Metric::Complexity,
    Metric::Lines,
    Metric::Functions,
    Metric::Classes,
];

/// Our counts against one printed row: the percentages exactly, the bar counts where a bar
/// is drawn, every count column.
fn check_row(report: &CoverageReport, counts: &Counts, row: &HtmlRow, name: &str) {
    for (metric, bar) in [Metric::Instructions, Metric::Branches]
        .iter()
        .zip(&row.bars)
    {
        let tally = counts
            .tally(*metric)
            .unwrap_or_else(|| panic!("{name}: {metric:?}"));
        assert_eq!(
            report.facts.percent_rule().display(tally),
            bar.pct,
            "{name} {metric:?} %"
        );
        for (printed, ours) in [
            (bar.missed, tally.missed()),
            (bar.covered, tally.covered),
            (bar.total, tally.total),
        ] {
            if let Some(printed) = printed {
                assert_eq!(ours, printed, "{name} {metric:?}");
            }
        }
    }
    for (metric, &(missed, total)) in COUNT_COLUMNS.iter().zip(&row.counts) {
        let tally = counts
            .tally(*metric)
            .unwrap_or_else(|| panic!("{name}: {metric:?}"));
        assert_eq!(
            (tally.missed(), tally.total),
            (missed, total),
            "{name} {metric:?}"
        );
    }
}

/// `jacoco.csv`'s rows: the class name and (missed, covered) of instructions, branches,
/// lines, complexity and methods.
fn read_csv() -> Vec<(String, [(u64, u64); 5])> {
    let csv = read_text(&format!("{FOLDER}/jacoco.csv"));
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    assert_eq!(header[3], "INSTRUCTION_MISSED");
    lines
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            let pair = |index: usize| {
                (
                    fields[3 + 2 * index].parse().expect("missed"),
                    fields[4 + 2 * index].parse().expect("covered"),
                )
            };
            (
                fields[2].to_string(),
                [pair(0), pair(1), pair(2), pair(3), pair(4)],
            )
        })
        .collect()
}

/// The CSV's metrics, in its column order.
const CSV_METRICS: [Metric; 5] = [
    Metric::Instructions,
    Metric::Branches,
    Metric::Lines,
    Metric::Complexity,
    Metric::Functions,
];

#[test]
fn source_file_rows_and_total_equal_jacocos_html() {
    let report = load();
    let rows = read_html_table(&format!(
        "{FOLDER}/html/org.apache.commons.cli/index.source.html"
    ));
    let (total, files) = rows.split_first().expect("a footer");
    assert_eq!(total.label, "Total");
    // 21 rows: CommandLineParser.java (an interface, no instructions) is no row in JaCoCo's
    // HTML and none here.
    assert_eq!(report.files.len(), files.len());
    let csv = read_csv();
    for row in files {
        let path = format!("org/apache/commons/cli/{}", row.label);
        let file = report
            .files
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("{path}: no row"));
        check_row(&report, &file.counts, row, &path);
        assert_eq!(file.coverage.display, row.bars[0].pct, "{path}");
        // Every count, including those the HTML draws no bar for, is the sum of the CSV
        // rows of the file's classes (`Option` and `Option.Builder` for Option.java).
        let outer = row.label.trim_end_matches(".java");
        for (index, metric) in CSV_METRICS.into_iter().enumerate() {
            let (missed, covered) = csv
                .iter()
                .filter(|(class, _)| class == outer || class.starts_with(&format!("{outer}.")))
                .fold((0, 0), |sum, (_, counters)| {
                    (sum.0 + counters[index].0, sum.1 + counters[index].1)
                });
            let tally = file.counts.tally(metric).expect("tally");
            assert_eq!(
                (tally.missed(), tally.covered),
                (missed, covered),
                "{path} {metric:?}"
            );
        }
    }
    check_row(&report, &report.totals, total, "Total");
    let index = read_html_table(&format!("{FOLDER}/html/index.html"));
    check_row(&report, &report.totals, &index[0], "index.html Total");
    // The one package row equals the report's total.
    assert_eq!(index[1].label, "org.apache.commons.cli");
    check_row(&report, &report.totals, &index[1], "the package");
    assert_eq!(report.total_coverage.display, "96");
    assert_eq!(report.facts.format_version.as_deref(), Some("1.1"));
    assert_eq!(
        report.facts.timestamp.as_deref(),
        Some("2026-12-04T19:28:08.980Z")
    );
}

fn regions(report: &CoverageReport) -> impl Iterator<Item = &Region> {
    report.files.iter().flat_map(|file| file.regions.iter())
}

/// `jacoco.csv`: one row per class with code; the class names are JaCoCo's
/// (`Option.Builder`), and so are the regions'.
#[test]
fn class_regions_equal_jacocos_csv() {
    let report = load();
    let csv = read_csv();
    let classes: Vec<&Region> = regions(&report)
        .filter(|region| region.kind == RegionKind::Class)
        .collect();
    assert_eq!(csv.len(), 25);
    assert_eq!(
        classes.len(),
        25,
        "the interface without code is no class region"
    );
    for (name, counters) in &csv {
        let class = classes
            .iter()
            .find(|region| &region.name == name)
            .unwrap_or_else(|| panic!("{name}: no class region"));
        for (metric, &(missed, covered)) in CSV_METRICS.iter().zip(counters) {
            let tally = class.counts.tally(*metric).expect("tally");
            assert_eq!(
                (tally.missed(), tally.covered),
                (missed, covered),
                "{name} {metric:?}"
            );
        }
    }
}

/// Every class's HTML page lists its methods as JaCoCo names them (`build()`,
/// `Option.Builder(String)`, `static {...}`) with their counters; the method regions are
/// `Class.method` with the same counters and the method's first line.
#[test]
fn method_regions_equal_jacocos_class_pages() {
    let report = load();
    let classes: Vec<&Region> = regions(&report)
        .filter(|region| region.kind == RegionKind::Class)
        .collect();
    let mut checked = 0;
    for class in classes {
        let page = format!(
            "{FOLDER}/html/org.apache.commons.cli/{}.html",
            class.name.replace('.', "$")
        );
        assert!(fixture_path(&page).exists(), "{page}");
        let rows = read_html_table(&page);
        let (total, methods) = rows.split_first().expect("a footer");
        check_row(&report, &class.counts, total, &page);
        let prefix = format!("{}.", class.name);
        for row in methods {
            let name = format!("{prefix}{}", row.label);
            let method = regions(&report)
                .find(|region| region.kind == RegionKind::Function && region.name == name)
                .unwrap_or_else(|| panic!("{name}: no method region"));
            check_row(&report, &method.counts, row, &name);
            assert!(method.start_line.is_some(), "{name}: its first line");
            checked += 1;
        }
    }
    // The XML's METHOD counter: 287 methods.
    assert_eq!(checked, 287);
}

/// Lines: a line ran when any of its instructions did, as JaCoCo's LINE counter counts
/// (Option.java: 155 lines, 144 covered, 7 of them partly, PROVENANCE.md); branches per
/// line are `cb` of `mb + cb` and add up to the file's BRANCH counter.
#[test]
fn lines_and_their_branches_match_the_counters() {
    let report = load();
    for file in &report.files {
        let lines = file.counts.tally(Metric::Lines).expect("lines");
        assert_eq!(
            file.executed_lines.len() as u64,
            lines.covered,
            "{}",
            file.path
        );
        assert_eq!(
            file.missing_lines.len() as u64,
            lines.missed(),
            "{}",
            file.path
        );
        assert!(file.executed_line_hits.is_empty(), "JaCoCo counts no hits");
        let branches = file.counts.tally(Metric::Branches).expect("branches");
        let (covered, total) = file.line_branches.iter().fold((0, 0), |sum, line| {
            (
                sum.0 + u64::from(line.covered),
                sum.1 + u64::from(line.total),
            )
        });
        assert_eq!(
            (covered, total),
            (branches.covered, branches.total),
            "{}",
            file.path
        );
    }
    let option = report
        .files
        .iter()
        .find(|file| file.path == "org/apache/commons/cli/Option.java")
        .expect("Option.java");
    assert_eq!(
        option.executed_lines.len() + option.missing_lines.len(),
        155
    );
    assert_eq!(option.executed_lines.len(), 144);
}

/// Names as JaCoCo's `JavaNames` gives them, for what the fixture does not have: a
/// constructor taking an array and a nested class, a static initialiser, an anonymous
/// class (whose supertype the XML does not name), groups of a multi-module report around
/// the package, and a class whose source file is not in the report.
#[test]
fn names_follow_jacocos_java_names() {
    let path = fixture_path("../malformed/jacoco/groups-inner-anonymous-no-source.xml");
    let bytes = std::fs::read(&path).expect("fixture");
    let outcome = parse_dropped_file("jacoco.xml", &bytes);
    let Some(DroppedContent::Coverage(report)) = outcome.value else {
        panic!("{:?}", outcome.diagnostics)
    };
    let paths: Vec<&str> = report.files.iter().map(|file| file.path.as_str()).collect();
    assert_eq!(paths, ["core/org/x/A.java", "core/org/x/NoSource"]);
    let names: Vec<&str> = regions(&report)
        .map(|region| region.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "A",
            "A.A(String[], A.In)",
            "A.static {...}",
            "A.1",
            "A.1.{...}",
            "NoSource",
            "NoSource.run(int, long)",
        ]
    );
    assert_eq!(
        outcome.diagnostics.last().map(|diagnostic| diagnostic.message.as_str()),
        Some("a class's source file is not in the report (compiled without debug information?) in 1 place (first: core/org/x/NoSource); each such class is shown as its own row, named by the class, without lines")
    );
}
