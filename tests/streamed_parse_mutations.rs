//! The file-by-file lcov and Cobertura readers give what the whole-report parse gives for
//! inputs no writer makes on purpose: every lcov and Cobertura fixture (and a generated
//! report of each, long enough for a piece to go out before its end) changed by a fixed
//! table of named mutations (a record split by another file's, `end_of_record` dropped,
//! CRLF line endings, sources after the packages, a file's classes split by another
//! file's, a failure after files went out, cut in half, ...), each checked as every
//! fixture is: streamed equals whole, and the pieces put the same report back together.
//! Nothing is random: the mutations are plain text edits.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::streamed_road::{
    check_against_whole, cobertura_report_text, lcov_report_text, CoberturaShape, LcovBranches,
};
use common::{file_bytes, files_under, fixture_path};
use covscope::core::input::{recognise_coverage_content, Recognised};
use covscope::core::model::CoverageFormat;

/// One named change to an input's text; `None` when it does not apply to this input (or
/// would change nothing). Bytes, so a mutation can make the text invalid UTF-8.
struct Mutation {
    name: &'static str,
    mutate: fn(&str) -> Option<Vec<u8>>,
}

/// The text changed, or `None` when the change left it as it was.
fn changed(original: &str, mutated: String) -> Option<Vec<u8>> {
    (mutated != original).then(|| mutated.into_bytes())
}

// The lcov mutations, which find a tracefile's records by their `SF:` lines.

/// A tracefile cut at each `SF:` line: what comes before the first, and each record from
/// its `SF:` up to the next (its `end_of_record` and any `TN:` of the next included).
struct LcovRecords<'text> {
    before: &'text str,
    records: Vec<&'text str>,
}

fn lcov_records(text: &str) -> LcovRecords<'_> {
    let starts: Vec<usize> = line_starts(text)
        .filter(|&start| text[start..].starts_with("SF:"))
        .collect();
    let records = starts
        .iter()
        .zip(starts.iter().skip(1).chain([&text.len()]))
        .map(|(&start, &end)| &text[start..end])
        .collect();
    LcovRecords {
        before: &text[..starts.first().copied().unwrap_or(text.len())],
        records,
    }
}

/// Where each line of `text` starts.
fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(
        text.match_indices('\n')
            .map(|(newline, _)| newline + 1)
            .filter(move |&start| start < text.len()),
    )
}

/// Puts records back together, `records` in the order given.
fn joined_records(before: &str, records: &[&str]) -> String {
    let mut text = before.to_string();
    for record in records {
        text.push_str(record);
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

/// Each line of `text` through `edit` (which gets the line without its newline and gives
/// the lines to write instead), the newlines kept.
fn edit_lines(text: &str, mut edit: impl FnMut(&str) -> Vec<String>) -> String {
    let mut edited = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, ending) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let replacement = edit(body);
        let count = replacement.len();
        for (index, new_line) in replacement.into_iter().enumerate() {
            edited.push_str(&new_line);
            if index + 1 < count || !ending.is_empty() {
                edited.push('\n');
            }
        }
    }
    edited
}

/// The same records with one of them changed by `edit`.
fn with_record(text: &str, index: usize, edit: impl FnOnce(&str) -> String) -> Option<Vec<u8>> {
    let split = lcov_records(text);
    let mut records: Vec<String> = split.records.iter().map(|r| r.to_string()).collect();
    let record = records.get_mut(index)?;
    *record = edit(record);
    let borrowed: Vec<&str> = records.iter().map(String::as_str).collect();
    changed(text, joined_records(split.before, &borrowed))
}

fn lcov_swap_first_two(text: &str) -> Option<Vec<u8>> {
    let split = lcov_records(text);
    let [first, second, rest @ ..] = split.records.as_slice() else {
        return None;
    };
    let records: Vec<&str> = [*second, *first]
        .into_iter()
        .chain(rest.iter().copied())
        .collect();
    changed(text, joined_records(split.before, &records))
}

/// The first record's lines after its `SF:` cut in two: the first half closed with an
/// `end_of_record`, the second file's record, then the first file's `SF:` again with the
/// second half.
fn lcov_record_split_by_the_next(text: &str) -> Option<Vec<u8>> {
    let split = lcov_records(text);
    let [first, second, rest @ ..] = split.records.as_slice() else {
        return None;
    };
    let (sf_line, body) = first.split_once('\n')?;
    let body_lines: Vec<&str> = body.lines().collect();
    let (head, tail) = body_lines.split_at(body_lines.len() / 2);
    let first_part = format!("{sf_line}\n{}end_of_record\n", lines_text(head));
    let second_part = format!("{sf_line}\n{}", lines_text(tail));
    let records: Vec<&str> = [first_part.as_str(), second, second_part.as_str()]
        .into_iter()
        .chain(rest.iter().copied())
        .collect();
    changed(text, joined_records(split.before, &records))
}

fn lines_text(lines: &[&str]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

fn lcov_first_named_again_at_the_end(text: &str) -> Option<Vec<u8>> {
    let split = lcov_records(text);
    let first = *split.records.first()?;
    let mut records = split.records.clone();
    records.push(first);
    changed(text, joined_records(split.before, &records))
}

fn lcov_each_record_twice_in_a_row(text: &str) -> Option<Vec<u8>> {
    let split = lcov_records(text);
    let records: Vec<&str> = split.records.iter().flat_map(|r| [*r, *r]).collect();
    changed(text, joined_records(split.before, &records))
}

fn lcov_records_reversed(text: &str) -> Option<Vec<u8>> {
    let split = lcov_records(text);
    let records: Vec<&str> = split.records.iter().rev().copied().collect();
    changed(text, joined_records(split.before, &records))
}

fn lcov_every_end_of_record_dropped(text: &str) -> Option<Vec<u8>> {
    changed(
        text,
        edit_lines(text, |line| match line.starts_with("end_of_record") {
            true => vec![],
            false => vec![line.to_string()],
        }),
    )
}

fn lcov_last_end_of_record_dropped(text: &str) -> Option<Vec<u8>> {
    let last = text.rfind("end_of_record")?;
    let line_end = text[last..]
        .find('\n')
        .map_or(text.len(), |end| last + end + 1);
    changed(text, format!("{}{}", &text[..last], &text[line_end..]))
}

/// A second `end_of_record` after the first record's (the tracefile must still start as
/// lcov's does, or it is not read as lcov at all).
fn lcov_end_of_record_outside_a_record(text: &str) -> Option<Vec<u8>> {
    after_the_first_end_of_record(text, "end_of_record")
}

/// `insertion` as lines after the first `end_of_record`, outside any record.
fn after_the_first_end_of_record(text: &str, insertion: &str) -> Option<Vec<u8>> {
    let mut first_done = false;
    let edited = edit_lines(text, |line| {
        if line.starts_with("end_of_record") && !first_done {
            first_done = true;
            return vec![line.to_string(), insertion.to_string()];
        }
        vec![line.to_string()]
    });
    changed(text, edited)
}

fn lcov_first_path_emptied(text: &str) -> Option<Vec<u8>> {
    with_record(text, 0, emptied_path)
}

fn lcov_second_path_emptied(text: &str) -> Option<Vec<u8>> {
    with_record(text, 1, emptied_path)
}

fn emptied_path(record: &str) -> String {
    match record.split_once('\n') {
        Some((_, rest)) => format!("SF:\n{rest}"),
        None => "SF:\n".to_string(),
    }
}

fn lcov_first_file_without_line_records(text: &str) -> Option<Vec<u8>> {
    with_record(text, 0, without_tag("DA:"))
}

fn lcov_no_line_records(text: &str) -> Option<Vec<u8>> {
    changed(text, without_tag("DA:")(text))
}

fn lcov_branches_only_in_the_last_file(text: &str) -> Option<Vec<u8>> {
    let split = lcov_records(text);
    let last = split.records.len().checked_sub(1)?;
    let records: Vec<String> = split
        .records
        .iter()
        .enumerate()
        .map(|(index, record)| match index == last {
            true => record.to_string(),
            false => without_tag("BRDA:")(record),
        })
        .collect();
    let borrowed: Vec<&str> = records.iter().map(String::as_str).collect();
    changed(text, joined_records(split.before, &borrowed))
}

/// Drops every line that starts with `tag`.
fn without_tag(tag: &'static str) -> impl Fn(&str) -> String {
    move |text| {
        edit_lines(text, |line| match line.starts_with(tag) {
            true => vec![],
            false => vec![line.to_string()],
        })
    }
}

/// Every `FN:` definition written the lcov 2.2 way, as an `FNL:` location and an `FNA:`
/// alias carrying the hits its `FNDA:` gave (which is dropped).
fn lcov_functions_as_locations_and_aliases(text: &str) -> Option<Vec<u8>> {
    let split = lcov_records(text);
    let records: Vec<String> = split.records.iter().map(|r| fnl_fna_record(r)).collect();
    let borrowed: Vec<&str> = records.iter().map(String::as_str).collect();
    changed(text, joined_records(split.before, &borrowed))
}

fn fnl_fna_record(record: &str) -> String {
    let hits_by_name: Vec<(&str, &str)> = record
        .lines()
        .filter_map(|line| line.strip_prefix("FNDA:")?.split_once(','))
        .map(|(hits, name)| (name, hits))
        .collect();
    let mut index = 0;
    edit_lines(record, |line| {
        if line.starts_with("FNDA:") {
            return vec![];
        }
        let Some(definition) = line.strip_prefix("FN:") else {
            return vec![line.to_string()];
        };
        let Some((start, rest)) = definition.split_once(',') else {
            return vec![line.to_string()];
        };
        let (location, name) = match rest.split_once(',') {
            Some((end, name)) if end.bytes().all(|b| b.is_ascii_digit()) && !end.is_empty() => {
                (format!("{start},{end}"), name)
            }
            _ => (start.to_string(), rest),
        };
        let hits = hits_by_name
            .iter()
            .find(|(hit_name, _)| *hit_name == name)
            .map_or("0", |(_, hits)| *hits);
        index += 1;
        vec![
            format!("FNL:{index},{location}"),
            format!("FNA:{index},{hits},{name}"),
        ]
    })
}

/// The first file's functions named by `FNA:` records that no `FNL:` locates.
fn lcov_first_file_aliases_without_location(text: &str) -> Option<Vec<u8>> {
    with_record(text, 0, |record| {
        edit_lines(record, |line| match line.strip_prefix("FN:") {
            Some(definition) => {
                let name = definition.rsplit(',').next().unwrap_or(definition);
                vec![format!("FNA:9,1,{name}")]
            }
            None => vec![line.to_string()],
        })
    })
}

fn lcov_every_branch_unreachable(text: &str) -> Option<Vec<u8>> {
    changed(text, unreachable_branches(text))
}

fn lcov_first_file_branches_unreachable(text: &str) -> Option<Vec<u8>> {
    with_record(text, 0, unreachable_branches)
}

/// `BRDA:<line>,<block>,…` as `BRDA:<line>,U<block>,…`.
fn unreachable_branches(text: &str) -> String {
    edit_lines(text, |line| match line.strip_prefix("BRDA:") {
        Some(value) => match value.split_once(',') {
            Some((at, rest)) => vec![format!("BRDA:{at},U{rest}")],
            None => vec![line.to_string()],
        },
        None => vec![line.to_string()],
    })
}

fn lcov_blank_lines_and_comments_between_records(text: &str) -> Option<Vec<u8>> {
    changed(
        text,
        edit_lines(text, |line| match line.starts_with("end_of_record") {
            true => vec![line.to_string(), String::new(), "# between".to_string()],
            false => vec![line.to_string()],
        }),
    )
}

/// Line, function and branch records between two records, so their tags suggest what no
/// file holds.
fn lcov_records_outside_any_file(text: &str) -> Option<Vec<u8>> {
    after_the_first_end_of_record(text, "DA:1,1\nFN:1,stray\nBRDA:1,0,0,1")
}

fn lcov_implausible_count_in_the_last_record(text: &str) -> Option<Vec<u8>> {
    let last = text.rfind("\nDA:")?;
    let comma = last + text[last..].find(',')?;
    changed(
        text,
        format!(
            "{}99999999999999999999999{}",
            &text[..=comma],
            tail_after_number(&text[comma + 1..])
        ),
    )
}

/// The text after the digits it starts with.
fn tail_after_number(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_ascii_digit())
}

fn lcov_invalid_utf8_in_the_last_record(text: &str) -> Option<Vec<u8>> {
    let last = text.rfind("SF:")?;
    let mut bytes = text.as_bytes().to_vec();
    bytes.splice(last + 3..last + 3, [0xff, 0xfe]);
    Some(bytes)
}

// The Cobertura mutations, which find the classes by their tags (no XML is parsed here).

/// Where each `<class>` element is, from its `<` to the end of its end tag (or of its
/// empty-element tag).
fn class_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("<class ") {
        let start = from + found;
        let Some(tag_end) = text[start..].find('>').map(|end| start + end + 1) else {
            break;
        };
        let end = if text[..tag_end].ends_with("/>") {
            tag_end
        } else {
            match text[tag_end..].find("</class>") {
                Some(close) => tag_end + close + "</class>".len(),
                None => break,
            }
        };
        spans.push(start..end);
        from = end;
    }
    spans
}

/// `insertion` put in at `at`.
fn inserted(text: &str, at: usize, insertion: &str) -> Option<Vec<u8>> {
    changed(text, format!("{}{insertion}{}", &text[..at], &text[at..]))
}

fn cobertura_first_two_classes_swapped(text: &str) -> Option<Vec<u8>> {
    let spans = class_spans(text);
    let [first, second, ..] = spans.as_slice() else {
        return None;
    };
    changed(
        text,
        format!(
            "{}{}{}{}{}",
            &text[..first.start],
            &text[second.clone()],
            &text[first.end..second.start],
            &text[first.clone()],
            &text[second.end..]
        ),
    )
}

/// The first class written again after the second: the first file's classes split by
/// another file's class.
fn cobertura_class_split_by_another_files(text: &str) -> Option<Vec<u8>> {
    let spans = class_spans(text);
    let [first, second, ..] = spans.as_slice() else {
        return None;
    };
    inserted(text, second.end, &text[first.clone()])
}

fn cobertura_first_class_again_at_the_end(text: &str) -> Option<Vec<u8>> {
    let spans = class_spans(text);
    let (first, last) = (spans.first()?, spans.last()?);
    inserted(text, last.end, &text[first.clone()])
}

/// As above, and the end tag of the root misspelt: the reading file by file stops at the
/// file named again, and the whole parse must find the error after it.
fn cobertura_first_class_again_then_malformed(text: &str) -> Option<Vec<u8>> {
    let again = String::from_utf8(cobertura_first_class_again_at_the_end(text)?).ok()?;
    cobertura_root_end_tag_misspelt(&again)
}

/// The root's end tag misspelt: an error after every file was read (and, in a long
/// report, after pieces went out).
fn cobertura_root_end_tag_misspelt(text: &str) -> Option<Vec<u8>> {
    let end = text.rfind("</coverage>")?;
    changed(
        text,
        format!("{}</coverag>{}", &text[..end], &text[end + 11..]),
    )
}

fn cobertura_each_class_twice_in_a_row(text: &str) -> Option<Vec<u8>> {
    let spans = class_spans(text);
    let mut edited = String::with_capacity(text.len() * 2);
    let mut copied_to = 0;
    for span in &spans {
        edited.push_str(&text[copied_to..span.end]);
        edited.push_str(&text[span.clone()]);
        copied_to = span.end;
    }
    edited.push_str(&text[copied_to..]);
    changed(text, edited)
}

/// The `<sources>` element's span.
fn sources_span(text: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find("<sources")?;
    let end = text[start..]
        .find("</sources>")
        .map(|end| start + end + "</sources>".len())
        .or_else(|| text[start..].find("/>").map(|end| start + end + 2))?;
    Some(start..end)
}

fn cobertura_sources_after_packages(text: &str) -> Option<Vec<u8>> {
    let sources = sources_span(text)?;
    let without = format!("{}{}", &text[..sources.start], &text[sources.end..]);
    let packages_end = without.rfind("</packages>")? + "</packages>".len();
    changed(
        text,
        format!(
            "{}{}{}",
            &without[..packages_end],
            &text[sources.clone()],
            &without[packages_end..]
        ),
    )
}

fn cobertura_sources_dropped(text: &str) -> Option<Vec<u8>> {
    let sources = sources_span(text)?;
    changed(
        text,
        format!("{}{}", &text[..sources.start], &text[sources.end..]),
    )
}

fn cobertura_a_second_source(text: &str) -> Option<Vec<u8>> {
    let end = text.find("</source>")? + "</source>".len();
    inserted(text, end, "<source>/elsewhere</source>")
}

fn cobertura_a_source_after_packages(text: &str) -> Option<Vec<u8>> {
    let end = text.rfind("</packages>")? + "</packages>".len();
    inserted(text, end, "<sources><source>/elsewhere</source></sources>")
}

fn cobertura_a_source_between_the_first_classes(text: &str) -> Option<Vec<u8>> {
    let spans = class_spans(text);
    let [first, _, ..] = spans.as_slice() else {
        return None;
    };
    // A `<source>` counts only under the root's `<sources>`, so the packages close for it
    // and open again.
    inserted(
        text,
        first.end,
        "</classes></package></packages><sources><source>/between</source></sources><packages><package name=\"again\"><classes>",
    )
}

/// Each class's lines copied into a method of it (as Cobertura's own Java writer lists a
/// method's lines), and `condition-coverage` then dropped from the class's lines: the text
/// holds conditions, but only on method lines, which the figures do not count.
fn cobertura_conditions_only_on_method_lines(text: &str) -> Option<Vec<u8>> {
    let mut edited = String::with_capacity(text.len() * 2);
    let mut copied_to = 0;
    for span in class_spans(text) {
        let class = &text[span.clone()];
        let Some(with_method) = class_with_a_method_of_its_lines(class) else {
            continue;
        };
        edited.push_str(&text[copied_to..span.start]);
        edited.push_str(&with_method);
        copied_to = span.end;
    }
    edited.push_str(&text[copied_to..]);
    changed(text, edited)
}

fn class_with_a_method_of_its_lines(class: &str) -> Option<String> {
    let lines_start = class.rfind("<lines>")?;
    let lines_end = class.rfind("</lines>")? + "</lines>".len();
    let lines = class.get(lines_start..lines_end)?;
    let method = format!(
        "<method name=\"all\" signature=\"()V\" line-rate=\"1\" branch-rate=\"1\">{lines}</method>"
    );
    let with_method = if class.contains("<methods/>") {
        class.replacen("<methods/>", &format!("<methods>{method}</methods>"), 1)
    } else if class.contains("<methods>") {
        class.replacen("<methods>", &format!("<methods>{method}"), 1)
    } else {
        return None;
    };
    let class_lines = with_method.rfind("<lines>")?;
    Some(format!(
        "{}{}",
        &with_method[..class_lines],
        without_conditions(&with_method[class_lines..])
    ))
}

fn cobertura_conditions_dropped(text: &str) -> Option<Vec<u8>> {
    changed(text, without_conditions(text))
}

fn without_conditions(text: &str) -> String {
    without_attribute(text, " condition-coverage=\"")
}

/// Every attribute that starts with `start` (up to its closing quote) dropped.
fn without_attribute(text: &str, start: &str) -> String {
    let mut edited = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(start) {
        edited.push_str(&rest[..found]);
        let value = found + start.len();
        let close = rest[value..]
            .find('"')
            .map_or(rest.len(), |end| value + end + 1);
        rest = &rest[close..];
    }
    edited.push_str(rest);
    edited
}

fn cobertura_root_branch_counts_dropped(text: &str) -> Option<Vec<u8>> {
    let edited = without_attribute(text, " branches-valid=\"");
    changed(text, without_attribute(&edited, " branches-covered=\""))
}

fn cobertura_packages_emptied(text: &str) -> Option<Vec<u8>> {
    let open = text.find("<packages>")? + "<packages>".len();
    let close = text.rfind("</packages>")?;
    (open <= close).then_some(())?;
    changed(text, format!("{}{}", &text[..open], &text[close..]))
}

fn cobertura_cut_after_the_second_class(text: &str) -> Option<Vec<u8>> {
    let spans = class_spans(text);
    changed(text, text[..spans.get(1)?.end].to_string())
}

fn cobertura_stray_text_after_the_second_class(text: &str) -> Option<Vec<u8>> {
    inserted(text, class_spans(text).get(1)?.end, "<<")
}

fn cobertura_implausible_hits_after_the_second_class(text: &str) -> Option<Vec<u8>> {
    let after = class_spans(text).get(1)?.end;
    let hits = after + text[after..].find(" hits=\"")? + " hits=\"".len();
    changed(
        text,
        format!(
            "{}99999999999999999999{}",
            &text[..hits],
            tail_after_number(&text[hits..])
        ),
    )
}

fn cobertura_coverage_py_comment_at_the_end(text: &str) -> Option<Vec<u8>> {
    let end = text.rfind("</coverage>")?;
    inserted(
        text,
        end,
        "<!-- Generated by coverage.py: https://coverage.readthedocs.io/en/7.4.0 --><!-- Based on https://raw.githubusercontent.com/cobertura/web/master/htdocs/xml/coverage-04.dtd -->",
    )
}

fn cobertura_condition_coverage_in_a_closing_comment(text: &str) -> Option<Vec<u8>> {
    let end = text.rfind("</coverage>")?;
    inserted(text, end, "<!-- condition-coverage -->")
}

fn cobertura_first_filename_absolute(text: &str) -> Option<Vec<u8>> {
    let first = class_spans(text).first()?.start;
    let filename = first + text[first..].find(" filename=\"")? + " filename=\"".len();
    inserted(text, filename, "/absolute/")
}

/// The last class's `condition-coverage` dropped, its `branch="true"` kept.
fn cobertura_branch_without_condition_in_the_last_class(text: &str) -> Option<Vec<u8>> {
    let last = class_spans(text).last()?.clone();
    changed(
        text,
        format!(
            "{}{}{}",
            &text[..last.start],
            without_conditions(&text[last.clone()]),
            &text[last.end..]
        ),
    )
}

// The mutations of any text, used for both formats.

fn crlf_line_endings(text: &str) -> Option<Vec<u8>> {
    changed(text, text.replace("\r\n", "\n").replace('\n', "\r\n"))
}

fn byte_order_mark(text: &str) -> Option<Vec<u8>> {
    changed(text, format!("\u{feff}{text}"))
}

fn last_newline_dropped(text: &str) -> Option<Vec<u8>> {
    changed(text, text.trim_end_matches(['\n', '\r']).to_string())
}

fn cut_in_half(text: &str) -> Option<Vec<u8>> {
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    changed(text, text[..half].to_string())
}

/// Cut at the start of the line in the middle (nothing cut mid-line); a text of one line
/// is left alone.
fn cut_at_a_line_in_the_middle(text: &str) -> Option<Vec<u8>> {
    let starts: Vec<usize> = line_starts(text).collect();
    let middle = *starts.get(starts.len() / 2).filter(|&&middle| middle > 0)?;
    changed(text, text[..middle].to_string())
}

/// Changes to the text as a whole, applied to every format's inputs after its own.
const TEXT_MUTATIONS: &[Mutation] = &[
    Mutation {
        name: "CRLF line endings",
        mutate: crlf_line_endings,
    },
    Mutation {
        name: "a byte order mark",
        mutate: byte_order_mark,
    },
    Mutation {
        name: "the last newline dropped",
        mutate: last_newline_dropped,
    },
    Mutation {
        name: "cut in half",
        mutate: cut_in_half,
    },
    Mutation {
        name: "cut at a line in the middle",
        mutate: cut_at_a_line_in_the_middle,
    },
];

const LCOV_MUTATIONS: &[Mutation] = &[
    Mutation {
        name: "the first two records swapped",
        mutate: lcov_swap_first_two,
    },
    Mutation {
        name: "a record split by the next file's record",
        mutate: lcov_record_split_by_the_next,
    },
    Mutation {
        name: "the first file named again at the end",
        mutate: lcov_first_named_again_at_the_end,
    },
    Mutation {
        name: "each record twice in a row",
        mutate: lcov_each_record_twice_in_a_row,
    },
    Mutation {
        name: "the records in reverse order",
        mutate: lcov_records_reversed,
    },
    Mutation {
        name: "every end_of_record dropped",
        mutate: lcov_every_end_of_record_dropped,
    },
    Mutation {
        name: "the last end_of_record dropped",
        mutate: lcov_last_end_of_record_dropped,
    },
    Mutation {
        name: "an end_of_record outside any record",
        mutate: lcov_end_of_record_outside_a_record,
    },
    Mutation {
        name: "the first record's path emptied",
        mutate: lcov_first_path_emptied,
    },
    Mutation {
        name: "the second record's path emptied",
        mutate: lcov_second_path_emptied,
    },
    Mutation {
        name: "the first file without DA lines",
        mutate: lcov_first_file_without_line_records,
    },
    Mutation {
        name: "no DA line at all",
        mutate: lcov_no_line_records,
    },
    Mutation {
        name: "branches only in the last file",
        mutate: lcov_branches_only_in_the_last_file,
    },
    Mutation {
        name: "functions as FNL and FNA only",
        mutate: lcov_functions_as_locations_and_aliases,
    },
    Mutation {
        name: "the first file's functions as FNA without FNL",
        mutate: lcov_first_file_aliases_without_location,
    },
    Mutation {
        name: "every branch unreachable",
        mutate: lcov_every_branch_unreachable,
    },
    Mutation {
        name: "the first file's branches unreachable",
        mutate: lcov_first_file_branches_unreachable,
    },
    Mutation {
        name: "blank lines and comments between records",
        mutate: lcov_blank_lines_and_comments_between_records,
    },
    Mutation {
        name: "records outside any file",
        mutate: lcov_records_outside_any_file,
    },
    Mutation {
        name: "an implausible hit count in the last record",
        mutate: lcov_implausible_count_in_the_last_record,
    },
    Mutation {
        name: "invalid UTF-8 in the last record",
        mutate: lcov_invalid_utf8_in_the_last_record,
    },
];

const COBERTURA_MUTATIONS: &[Mutation] = &[
    Mutation {
        name: "the first two classes swapped",
        mutate: cobertura_first_two_classes_swapped,
    },
    Mutation {
        name: "a file's classes split by another file's class",
        mutate: cobertura_class_split_by_another_files,
    },
    Mutation {
        name: "the first class again at the end",
        mutate: cobertura_first_class_again_at_the_end,
    },
    Mutation {
        name: "the first class again at the end, the rest malformed",
        mutate: cobertura_first_class_again_then_malformed,
    },
    Mutation {
        name: "the root's end tag misspelt",
        mutate: cobertura_root_end_tag_misspelt,
    },
    Mutation {
        name: "each class twice in a row",
        mutate: cobertura_each_class_twice_in_a_row,
    },
    Mutation {
        name: "the sources moved after the packages",
        mutate: cobertura_sources_after_packages,
    },
    Mutation {
        name: "the sources dropped",
        mutate: cobertura_sources_dropped,
    },
    Mutation {
        name: "a second source",
        mutate: cobertura_a_second_source,
    },
    Mutation {
        name: "a source after the packages",
        mutate: cobertura_a_source_after_packages,
    },
    Mutation {
        name: "a source between the first two classes",
        mutate: cobertura_a_source_between_the_first_classes,
    },
    Mutation {
        name: "condition-coverage only on method lines",
        mutate: cobertura_conditions_only_on_method_lines,
    },
    Mutation {
        name: "condition-coverage dropped",
        mutate: cobertura_conditions_dropped,
    },
    Mutation {
        name: "the root's branch counts dropped",
        mutate: cobertura_root_branch_counts_dropped,
    },
    Mutation {
        name: "the packages emptied",
        mutate: cobertura_packages_emptied,
    },
    Mutation {
        name: "cut after the second class",
        mutate: cobertura_cut_after_the_second_class,
    },
    Mutation {
        name: "stray text after the second class",
        mutate: cobertura_stray_text_after_the_second_class,
    },
    Mutation {
        name: "an implausible hit count after the second class",
        mutate: cobertura_implausible_hits_after_the_second_class,
    },
    Mutation {
        name: "a coverage.py comment at the end",
        mutate: cobertura_coverage_py_comment_at_the_end,
    },
    Mutation {
        name: "condition-coverage in a closing comment",
        mutate: cobertura_condition_coverage_in_a_closing_comment,
    },
    Mutation {
        name: "the first filename absolute",
        mutate: cobertura_first_filename_absolute,
    },
    Mutation {
        name: "branch=\"true\" without condition-coverage in the last class",
        mutate: cobertura_branch_without_condition_in_the_last_class,
    },
];

/// How much of a fixture the mutations are applied to: its files of at most 8 KiB, in
/// order, while they add up to at most 12 KiB. A fixture's oddities are in its first files
/// as much as in its others, and two dozen mutations of every file of the largest fixtures would
/// take most of a minute (the whole fixtures are streamed unchanged in
/// `streamed_parse.rs`).
const FIXTURE_FILE_BYTES_KEPT: usize = 8 * 1024;
const FIXTURE_BYTES_KEPT: usize = 12 * 1024;

/// Which of the files (of these sizes, in order) a fixture keeps.
fn files_kept(sizes: impl Iterator<Item = usize>) -> Vec<bool> {
    let mut bytes = 0;
    sizes
        .map(|size| {
            let kept = size <= FIXTURE_FILE_BYTES_KEPT && bytes + size <= FIXTURE_BYTES_KEPT;
            bytes += if kept { size } else { 0 };
            kept
        })
        .collect()
}

/// The inputs of one format: every fixture its signature claims (that is UTF-8), cut to
/// the files `kept_files` keeps and each text once, and the generated reports whole.
fn inputs_of(
    format: CoverageFormat,
    kept_files: fn(&str) -> String,
    generated: Vec<(&str, String)>,
) -> Vec<(String, String)> {
    let mut inputs: Vec<(String, String)> = Vec::new();
    for path in files_under(&fixture_path("")) {
        let name = path.to_string_lossy().into_owned();
        let bytes = file_bytes(&path);
        let claimed = matches!(
            recognise_coverage_content(&bytes),
            Recognised::Format { format: found, .. } if found == format
        );
        let Some(text) = String::from_utf8(bytes)
            .ok()
            .filter(|_| claimed && !name.ends_with(".md"))
        else {
            continue;
        };
        let text = kept_files(&text);
        if inputs.iter().all(|(_, known)| *known != text) {
            inputs.push((name, text));
        }
    }
    inputs.extend(
        generated
            .into_iter()
            .map(|(name, text)| (name.to_string(), text)),
    );
    inputs
}

/// A tracefile's records that [`files_kept`] keeps.
fn lcov_kept_files(text: &str) -> String {
    let split = lcov_records(text);
    let kept = files_kept(split.records.iter().map(|record| record.len()));
    let records: Vec<&str> = split
        .records
        .iter()
        .zip(kept)
        .filter_map(|(record, kept)| kept.then_some(*record))
        .collect();
    joined_records(split.before, &records)
}

/// A Cobertura report's classes that [`files_kept`] keeps, the others cut out of their
/// packages (the root's totals then disagree with the files, which both roads warn about
/// alike).
fn cobertura_kept_files(text: &str) -> String {
    let spans = class_spans(text);
    let kept = files_kept(spans.iter().map(|span| span.len()));
    let mut shortened = String::with_capacity(text.len());
    let mut copied_to = 0;
    for (span, kept) in spans.iter().zip(kept) {
        if !kept {
            shortened.push_str(&text[copied_to..span.start]);
            copied_to = span.end;
        }
    }
    shortened.push_str(&text[copied_to..]);
    shortened
}

/// What the table did over all inputs, so a mutation that never applies (or a table that
/// never makes the reader start over after pieces went out, or fail) is noticed.
#[derive(Default)]
struct MutationTally {
    applied: Vec<usize>,
    start_overs: usize,
    failures: usize,
}

/// Applies the format's mutations, then [`TEXT_MUTATIONS`], to every input.
fn check_mutations(inputs: &[(String, String)], format_mutations: &[Mutation]) -> MutationTally {
    let mutations: Vec<&Mutation> = format_mutations.iter().chain(TEXT_MUTATIONS).collect();
    let mut tally = MutationTally {
        applied: vec![0; mutations.len()],
        ..MutationTally::default()
    };
    for (input_name, text) in inputs {
        for (index, mutation) in mutations.iter().enumerate() {
            let Some(mutated) = (mutation.mutate)(text) else {
                continue;
            };
            tally.applied[index] += 1;
            let handed = check_against_whole(&format!("{input_name}, {}", mutation.name), &mutated);
            tally.start_overs += usize::from(handed.start_overs > 0);
            tally.failures += usize::from(handed.outcome.value.is_none());
        }
    }
    for (mutation, applied) in mutations.iter().zip(&tally.applied) {
        assert!(*applied > 0, "{}: applied to no input", mutation.name);
    }
    tally
}

/// Every mutation of one format, and the text-wide ones, applied to every fixture of the
/// format and to a generated report, each checked against the whole parse; some must
/// void posted pieces and some must fail after files went out, or the table misses them.
fn check_every_mutation_of(
    format: CoverageFormat,
    kept_files: fn(&str) -> String,
    generated: String,
    format_mutations: &[Mutation],
) {
    let inputs = inputs_of(format, kept_files, vec![("260 generated files", generated)]);
    assert!(
        inputs.len() > 10,
        "{format:?} fixtures were found: {}",
        inputs.len()
    );
    let tally = check_mutations(&inputs, format_mutations);
    assert!(
        tally.start_overs > 0,
        "{format:?}: a start-over voided posted pieces"
    );
    assert!(
        tally.failures > 0,
        "{format:?}: a failure came after files went out"
    );
}

/// Every lcov mutation of every lcov fixture and of 260 generated files (a piece of 250
/// goes out before a change near the end is read).
#[test]
fn every_lcov_mutation_streams_to_what_the_whole_report_parse_gives() {
    check_every_mutation_of(
        CoverageFormat::Lcov,
        lcov_kept_files,
        lcov_report_text(260, LcovBranches::Reachable),
        LCOV_MUTATIONS,
    );
}

/// Every Cobertura mutation of every Cobertura fixture and of 260 generated files.
#[test]
fn every_cobertura_mutation_streams_to_what_the_whole_report_parse_gives() {
    check_every_mutation_of(
        CoverageFormat::Cobertura,
        cobertura_kept_files,
        cobertura_report_text(260, CoberturaShape::default()),
        COBERTURA_MUTATIONS,
    );
}
