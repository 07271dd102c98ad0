//! Walks markdown line by line and hands each unit to the classifier: prose lines, list
//! items (with the lead line above them), table rows, and pasted `coverage report` rows.
//!
//! Fenced code is skipped except for pasted report rows, because code blocks hold
//! commands and scripts whose percent signs are format strings. XML-ish sections such as
//! `<success_criteria>` and `<done>` mark goals. Line numbers and byte offsets stay exact
//! because the walker reads the text itself rather than a rendered copy.
use super::classify::{
    classify_unit, is_coverage_word, is_source_path, source_path_parts, trimmed_context,
    UnitOptions, PLANNING_QUALIFIER, QUALIFIER_WORDS,
};
use super::tokens::{
    cut_at_boundary, parse_number_prefix, tokenize, Figure, TokenKind, MAX_UNIT_BYTES,
};
use super::{
    Claim, ClaimKind, ClaimSource, ClaimSubject, TargetComparison, MAX_CLAIMS_PER_DOCUMENT,
};
use crate::core::document::DocumentKind;

/// What the document as a whole says about its figures.
#[derive(Clone, Debug, Default)]
pub(super) struct WalkOptions {
    /// The document looks forward (plan, roadmap, context, research).
    pub planning: bool,
}

/// One pasted report row.
pub(super) struct PastedRow {
    pub name: String,
    pub name_offset: usize,
    pub is_total: bool,
    pub statements: u64,
    pub missing: u64,
    pub figure: Figure,
    /// Byte range of "97%" within the line.
    pub figure_range: (usize, usize),
}

/// Plans, roadmaps, context and research notes describe what should happen, so their
/// arrows ("9% → 50%") are goals unless a past-tense verb says otherwise.
pub(super) fn is_forward_looking(kind: DocumentKind) -> bool {
    matches!(
        kind,
        DocumentKind::Plan | DocumentKind::Roadmap | DocumentKind::Context | DocumentKind::Research
    )
}

/// Finds the claims in `text`, whose first line is line `first_line` of its file.
pub(super) fn walk_markdown(
    text: &str,
    first_line: usize,
    options: &WalkOptions,
    claims: &mut Vec<Claim>,
) {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw_line in text.split('\n') {
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        lines.push((offset, cut_at_boundary(line, MAX_UNIT_BYTES)));
        offset += raw_line.len() + 1;
    }
    let mut walk = Walk {
        options,
        lines: &lines,
        first_line,
        fence: None,
        headings: Vec::new(),
        goal_depth: 0,
        lead: None,
        heading_lead: None,
        claims,
    };
    walk.run();
}

/// Reads a pasted `coverage report` row: `name stmts miss [branch brpart] cover% [missing]`.
pub(super) fn pasted_report_row(line: &str) -> Option<PastedRow> {
    let words: Vec<(usize, &str)> = words_with_offsets(line);
    if words.len() < 4 {
        return None;
    }
    let (name_offset, name) = words[0];
    let is_total = name == "TOTAL";
    if !is_total && !is_source_path(name) {
        return None;
    }
    let percent_position = words.iter().position(|(_, word)| word.ends_with('%'))?;
    if percent_position != 3 && percent_position != 5 {
        return None;
    }
    let mut integers = Vec::new();
    for (_, word) in &words[1..percent_position] {
        if !word.bytes().all(|byte| byte.is_ascii_digit()) || word.len() > 12 {
            return None;
        }
        integers.push(word.parse::<u64>().ok()?);
    }
    let (figure_offset, figure_word) = words[percent_position];
    let number_text = figure_word.strip_suffix('%')?;
    let (value, written, decimals, length) = parse_number_prefix(number_text)?;
    if length != number_text.len() || value > 100.0 {
        return None;
    }
    let statements = integers[0];
    let missing = integers[1];
    if missing > statements {
        return None;
    }
    Some(PastedRow {
        name: name.to_string(),
        name_offset,
        is_total,
        statements,
        missing,
        figure: Figure {
            value,
            text: written,
            decimals,
            upper: None,
            signed: false,
            approximate: false,
            plus_after: false,
        },
        figure_range: (figure_offset, figure_offset + figure_word.len()),
    })
}

impl PastedRow {
    /// The claim the row makes, with its span relative to the line.
    pub(super) fn claim(&self, line: &str) -> Claim {
        let (subject, subject_text) = if self.is_total {
            (ClaimSubject::Total, "TOTAL".to_string())
        } else {
            (ClaimSubject::File(self.name.clone()), self.name.clone())
        };
        Claim {
            subject,
            subject_text,
            kind: ClaimKind::Measurement,
            claimed_percent: self.figure.value,
            claimed_text: self.figure.text.clone(),
            decimals: self.figure.decimals,
            before_percent: None,
            ratio: Some((self.statements - self.missing, self.statements)),
            approximate: false,
            qualifier: None,
            source: ClaimSource::PastedReport { line: 0 },
            span: self.figure_range,
            context: trimmed_context(line, self.name_offset),
        }
    }
}

/// What a table column holds, read from its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ColumnClass {
    Subject,
    Measure,
    After,
    Before,
    Target,
    Statements,
    Missing,
    Skip,
    Truth,
    Prose,
}

struct Table {
    classes: Vec<ColumnClass>,
    /// Whether the header names a percentage column: bare numbers then count as percents.
    percent_header: Vec<bool>,
    /// The header or a heading above says the table is about coverage.
    coverage: bool,
}

struct Walk<'a> {
    options: &'a WalkOptions,
    lines: &'a [(usize, &'a str)],
    first_line: usize,
    /// The fence character and length of the open code block.
    fence: Option<(char, usize)>,
    headings: Vec<(usize, String)>,
    goal_depth: usize,
    /// A line ending in ":" that introduces the list below it.
    lead: Option<String>,
    /// The current heading, when it speaks of coverage, for the lists below it.
    heading_lead: Option<String>,
    claims: &'a mut Vec<Claim>,
}

impl Walk<'_> {
    fn run(&mut self) {
        let mut index = 0;
        while index < self.lines.len() {
            if self.claims.len() >= MAX_CLAIMS_PER_DOCUMENT {
                return;
            }
            let (line_start, line) = self.lines[index];
            let line_number = self.first_line + index;
            let trimmed = line.trim();
            if let Some((character, length)) = self.fence {
                if fence_marker(trimmed).is_some_and(|(close_character, close_length)| {
                    close_character == character && close_length >= length
                }) && trimmed.trim_start_matches(character).trim().is_empty()
                {
                    self.fence = None;
                } else {
                    self.pasted_row(line, line_start, line_number);
                }
                index += 1;
                continue;
            }
            if let Some(marker) = fence_marker(trimmed) {
                self.fence = Some(marker);
                index += 1;
                continue;
            }
            let (blanked, tags) = blank_tags(line);
            let inline_goal = tags
                .iter()
                .any(|(name, closing)| !closing && is_goal_tag(name));
            let goal = self.goal_depth > 0 || inline_goal;
            for (name, closing) in &tags {
                if !is_goal_tag(name) {
                    continue;
                }
                if *closing {
                    self.goal_depth = self.goal_depth.saturating_sub(1);
                } else {
                    self.goal_depth += 1;
                }
            }
            let blanked_trimmed = blanked.trim();
            if blanked_trimmed.is_empty() {
                index += 1;
                continue;
            }
            if let Some((level, heading)) = heading_of(blanked_trimmed) {
                self.headings.retain(|(open_level, _)| *open_level < level);
                self.headings.push((level, heading.to_string()));
                self.lead = None;
                self.heading_lead = heading_leads(heading).then(|| heading.to_string());
                self.scan_unit(&blanked, line_start, line_number, "", goal, false);
                index += 1;
                continue;
            }
            if self.pasted_row(line, line_start, line_number) {
                index += 1;
                continue;
            }
            if blanked_trimmed.starts_with('|') {
                index = self.table(index, goal);
                continue;
            }
            let item = list_item_text(&blanked);
            let ends_with_colon = blanked_trimmed
                .trim_end_matches(['*', '_', ' '])
                .ends_with(':');
            let introduces = ends_with_colon && !blanked_trimmed.contains('%');
            match item {
                Some(item_offset) => {
                    let prefix = match (&self.lead, &self.heading_lead) {
                        (Some(lead), _) => format!("{lead} "),
                        (None, Some(heading)) => format!("{heading}: "),
                        (None, None) => String::new(),
                    };
                    let coverage = self.under_coverage_heading();
                    // Items under "Remaining work:" or "## Next Steps" are what is wanted.
                    let item_goal = goal
                        || self.lead.as_deref().is_some_and(names_goals)
                        || self.last_heading().is_some_and(heading_names_goals);
                    let text = &blanked[item_offset..];
                    self.scan_unit(
                        text,
                        line_start + item_offset,
                        line_number,
                        &prefix,
                        item_goal,
                        coverage,
                    );
                    if introduces {
                        self.lead = Some(clean_lead(blanked_trimmed));
                    }
                }
                None => {
                    if !looks_like_code(blanked_trimmed) {
                        self.scan_unit(&blanked, line_start, line_number, "", goal, false);
                    }
                    self.lead = introduces.then(|| clean_lead(blanked_trimmed));
                }
            }
            index += 1;
        }
    }

    fn last_heading(&self) -> Option<&str> {
        self.headings.last().map(|(_, heading)| heading.as_str())
    }

    /// A section heading (level 2 or deeper) above says the section is about coverage; a
    /// document title does not count, since a whole "coverage push" report would then be.
    fn under_coverage_heading(&self) -> bool {
        self.headings
            .iter()
            .filter(|(level, _)| *level >= 2)
            .any(|(_, heading)| text_mentions_coverage(heading))
    }

    fn scan_unit(
        &mut self,
        text: &str,
        text_start: usize,
        line_number: usize,
        prefix: &str,
        goal: bool,
        coverage: bool,
    ) {
        let unit = format!("{prefix}{text}");
        let options = UnitOptions {
            goal,
            planning: self.options.planning,
            coverage_context: coverage && !prefix.is_empty(),
            allow_test_files: false,
            qualifier: None,
        };
        for mut claim in classify_unit(&unit, prefix.len(), &options) {
            claim.span = (claim.span.0 + text_start, claim.span.1 + text_start);
            claim.source = ClaimSource::Body { line: line_number };
            self.claims.push(claim);
        }
    }

    fn pasted_row(&mut self, line: &str, line_start: usize, line_number: usize) -> bool {
        let Some(row) = pasted_report_row(line) else {
            return false;
        };
        let mut claim = row.claim(line);
        if self.options.planning {
            claim.qualifier = Some(PLANNING_QUALIFIER.to_string());
        }
        claim.span = (claim.span.0 + line_start, claim.span.1 + line_start);
        claim.source = ClaimSource::PastedReport { line: line_number };
        self.claims.push(claim);
        true
    }

    /// Reads a table starting at line `index`; returns the index of the first line after it.
    fn table(&mut self, index: usize, goal: bool) -> usize {
        let (_, header_line) = self.lines[index];
        let separator = self
            .lines
            .get(index + 1)
            .map(|(_, line)| is_separator_row(line))
            .unwrap_or(false);
        if !separator {
            // A lone pipe line: read its cells as prose.
            let (line_start, line) = self.lines[index];
            let line_number = self.first_line + index;
            for (cell_start, cell) in split_cells(line) {
                self.scan_unit(cell, line_start + cell_start, line_number, "", goal, false);
            }
            return index + 1;
        }
        let header: Vec<String> = split_cells(header_line)
            .into_iter()
            .map(|(_, cell)| clean_cell(cell).to_lowercase())
            .collect();
        let classes: Vec<ColumnClass> = header.iter().map(|cell| column_class(cell)).collect();
        let percent_header = header.iter().map(|cell| names_percentages(cell)).collect();
        let coverage = header
            .iter()
            .any(|cell| cell.contains("cov") || cell.contains('%'))
            || self.under_coverage_heading();
        let table = Table {
            classes,
            percent_header,
            coverage,
        };
        let mut position = index + 2;
        while position < self.lines.len() {
            let (line_start, line) = self.lines[position];
            if !line.trim().starts_with('|') {
                break;
            }
            if self.claims.len() >= MAX_CLAIMS_PER_DOCUMENT {
                break;
            }
            let (blanked, _) = blank_tags(line);
            self.table_row(
                &table,
                &blanked,
                line_start,
                self.first_line + position,
                goal,
            );
            position += 1;
        }
        position
    }

    fn table_row(
        &mut self,
        table: &Table,
        line: &str,
        line_start: usize,
        line_number: usize,
        goal: bool,
    ) {
        let cells = split_cells(line);
        let row_text = line.trim().to_string();
        let subject = cells.iter().enumerate().find_map(|(column, (_, cell))| {
            let class = table
                .classes
                .get(column)
                .copied()
                .unwrap_or(ColumnClass::Prose);
            matches!(class, ColumnClass::Subject | ColumnClass::Prose)
                .then(|| row_subject(cell, class))
                .flatten()
                .map(|subject| (column, subject))
        });
        let structured = table.coverage
            || subject.as_ref().is_some_and(|(column, _)| {
                cells
                    .get(*column)
                    .is_some_and(|(_, cell)| text_mentions_coverage(cell))
            });
        let Some((subject_column, (subject, subject_text))) = subject.filter(|_| structured) else {
            for (column, (cell_start, cell)) in cells.iter().enumerate() {
                let class = table
                    .classes
                    .get(column)
                    .copied()
                    .unwrap_or(ColumnClass::Prose);
                let cell_goal = goal || class == ColumnClass::Truth;
                self.scan_unit(
                    cell,
                    line_start + cell_start,
                    line_number,
                    "",
                    cell_goal,
                    table.coverage,
                );
            }
            return;
        };
        let mut measure: Option<CellFigure> = None;
        let mut before: Option<CellFigure> = None;
        let mut targets: Vec<CellFigure> = Vec::new();
        let mut statements: Option<u64> = None;
        let mut missing: Option<u64> = None;
        let mut bare_prose_figure: Option<CellFigure> = None;
        let has_measure_column = table
            .classes
            .iter()
            .any(|class| matches!(class, ColumnClass::Measure | ColumnClass::After));
        for (column, (cell_start, cell)) in cells.iter().enumerate() {
            if column == subject_column {
                continue;
            }
            let class = table
                .classes
                .get(column)
                .copied()
                .unwrap_or(ColumnClass::Prose);
            let percent_header = table.percent_header.get(column).copied().unwrap_or(false);
            let absolute = line_start + cell_start;
            let figure_classes = matches!(
                class,
                ColumnClass::Measure
                    | ColumnClass::After
                    | ColumnClass::Before
                    | ColumnClass::Target
            );
            let figure = figure_classes
                .then(|| cell_figure(cell, absolute, percent_header))
                .flatten();
            if figure_classes && figure.is_none() {
                // A sentence in a figure column ("policies.py: 0% → 94.67%") is read as
                // prose, with its own subject.
                self.scan_unit(cell, absolute, line_number, "", goal, table.coverage);
                continue;
            }
            match class {
                ColumnClass::Measure | ColumnClass::After => {
                    if measure.is_none() {
                        measure = figure;
                    }
                }
                ColumnClass::Before => before = figure,
                ColumnClass::Target => targets.extend(figure),
                ColumnClass::Statements => statements = whole_number(cell),
                ColumnClass::Missing => missing = whole_number(cell),
                ColumnClass::Skip => {}
                ColumnClass::Subject | ColumnClass::Truth | ColumnClass::Prose => {
                    if !has_measure_column && bare_prose_figure.is_none() {
                        bare_prose_figure =
                            cell_figure(cell, absolute, false).filter(|figure| figure.bare);
                        if bare_prose_figure.is_some() {
                            continue;
                        }
                    }
                    let cell_goal = goal || class == ColumnClass::Truth;
                    self.scan_unit(cell, absolute, line_number, "", cell_goal, table.coverage);
                }
            }
        }
        let measure = measure.or(bare_prose_figure);
        let ratio = match (statements, missing) {
            (Some(statements), Some(missing)) if missing <= statements => {
                Some((statements - missing, statements))
            }
            _ => None,
        };
        let row_claim = |figure: &CellFigure, kind: ClaimKind, before: Option<&CellFigure>| Claim {
            subject: subject.clone(),
            subject_text: subject_text.clone(),
            kind,
            claimed_percent: figure.figure.value,
            claimed_text: match &figure.figure.upper {
                Some((_, upper)) => format!("{}-{}", figure.figure.text, upper),
                None => figure.figure.text.clone(),
            },
            decimals: figure.figure.decimals,
            before_percent: before.map(|before| (before.figure.value, before.figure.text.clone())),
            ratio,
            approximate: figure.figure.approximate,
            qualifier: figure.qualifier.clone(),
            source: ClaimSource::Table {
                line: line_number,
                row_text: row_text.clone(),
            },
            span: figure.span,
            context: trimmed_context(&row_text, 0),
        };
        let mut row_claims = Vec::new();
        if let Some(measure) = measure.filter(|figure| figure.figure.upper.is_none() || goal) {
            let kind = if goal {
                ClaimKind::Target {
                    comparison: if before.is_some() {
                        TargetComparison::Reaches
                    } else {
                        TargetComparison::AtLeast
                    },
                }
            } else if before.is_some() {
                ClaimKind::BeforeAfter
            } else {
                ClaimKind::Measurement
            };
            row_claims.push(row_claim(&measure, kind, before.as_ref()));
        }
        for target in &targets {
            row_claims.push(row_claim(
                target,
                ClaimKind::Target {
                    comparison: TargetComparison::AtLeast,
                },
                None,
            ));
        }
        self.claims.extend(row_claims);
    }
}

/// A figure read from a table cell, with its span in the whole text.
struct CellFigure {
    figure: Figure,
    span: (usize, usize),
    qualifier: Option<String>,
    /// The cell holds nothing but the figure (and emphasis or a status mark).
    bare: bool,
}

/// The one figure of a short cell: "97.39%", "**97.39%** ✅", "~12% (estimated)", or a
/// bare "97.39" under a percentage header.
fn cell_figure(cell: &str, cell_start: usize, percent_header: bool) -> Option<CellFigure> {
    let tokens = tokenize(cell);
    let figures: Vec<&super::tokens::Token> = tokens
        .iter()
        .filter(|token| token.figure().is_some())
        .collect();
    let words: Vec<String> = tokens
        .iter()
        .filter(|token| token.is_word())
        .map(|token| token.lower())
        .collect();
    let letter_words = words
        .iter()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .count();
    if letter_words > 3 {
        return None;
    }
    let qualifier = words
        .iter()
        .find(|word| QUALIFIER_WORDS.contains(&word.as_str()))
        .cloned();
    let bare = letter_words == 0
        && tokens
            .iter()
            .all(|token| matches!(token.kind, TokenKind::Figure(_) | TokenKind::Word));
    match figures.as_slice() {
        [token] => {
            let figure = token.figure()?.clone();
            if figure.signed {
                return None;
            }
            Some(CellFigure {
                figure,
                span: (cell_start + token.start, cell_start + token.end),
                qualifier,
                bare,
            })
        }
        [] if percent_header => {
            let numbers: Vec<&super::tokens::Token> = tokens
                .iter()
                .filter(|token| token.kind == TokenKind::Number)
                .collect();
            let [token] = numbers.as_slice() else {
                return None;
            };
            let (value, written, decimals, length) = parse_number_prefix(&token.text)?;
            if length != token.text.len() || value > 100.0 {
                return None;
            }
            Some(CellFigure {
                figure: Figure {
                    value,
                    text: written,
                    decimals,
                    upper: None,
                    signed: false,
                    approximate: false,
                    plus_after: false,
                },
                span: (cell_start + token.start, cell_start + token.end),
                qualifier,
                bare,
            })
        }
        _ => None,
    }
}

fn whole_number(cell: &str) -> Option<u64> {
    let cleaned: String = clean_cell(cell)
        .chars()
        .filter(|character| *character != ',')
        .collect();
    if cleaned.is_empty()
        || !cleaned.bytes().all(|byte| byte.is_ascii_digit())
        || cleaned.len() > 12
    {
        return None;
    }
    cleaned.parse().ok()
}

/// The subject a table cell names: a source path, "TOTAL"/"Overall", or under a
/// "Class"/"Function" header, a code name.
fn row_subject(cell: &str, class: ColumnClass) -> Option<(ClaimSubject, String)> {
    let cleaned = clean_cell(cell);
    let link_text = cleaned
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .map_or(cleaned, |(text, _)| text);
    if let Some((path, region)) = source_path_parts(link_text) {
        return Some(match region {
            Some(region) => (
                ClaimSubject::Region {
                    name: region.clone(),
                    file: Some(path),
                },
                region,
            ),
            None => (ClaimSubject::File(path.clone()), path),
        });
    }
    // A short label cell such as "TOTAL", "Overall" or "Overall backend coverage".
    let lower = link_text.to_lowercase();
    let short = lower.split_whitespace().count() <= 4 && !lower.chars().any(|c| c.is_ascii_digit());
    let first_word = lower.split_whitespace().next().unwrap_or_default();
    let names_total = matches!(first_word, "total" | "totals" | "overall");
    let only_total = lower.split_whitespace().count() == 1 || text_mentions_coverage(&lower);
    if short && names_total && only_total && class != ColumnClass::Truth {
        return Some((ClaimSubject::Total, link_text.to_string()));
    }
    None
}

/// A header whose bare numbers are percentages: "Coverage", "Cover", "Cov %", "%".
/// "Covered" is left out: under it bare numbers are usually counts of lines.
fn names_percentages(header: &str) -> bool {
    let words: Vec<&str> = header
        .split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    header.contains('%')
        || header.contains("percent")
        || words
            .iter()
            .any(|word| matches!(*word, "coverage" | "cover" | "cov"))
}

fn column_class(header: &str) -> ColumnClass {
    let has = |needle: &str| header.contains(needle);
    let is_word = |word: &str| {
        header
            .split(|c: char| !c.is_alphanumeric())
            .any(|part| part == word)
    };
    if matches!(
        header,
        "file" | "files" | "module" | "path" | "name" | "component" | "source"
    ) || header.starts_with("file ")
        || header.starts_with("module ")
    {
        return ColumnClass::Subject;
    }
    if is_word("truth")
        || is_word("truths")
        || has("must-have")
        || has("must have")
        || is_word("criterion")
    {
        return ColumnClass::Truth;
    }
    let prefixed = |prefix: &str| {
        header == prefix
            || header.starts_with(&format!("{prefix}-"))
            || header.starts_with(&format!("{prefix} "))
            || header.starts_with(&format!("{prefix}_"))
    };
    if prefixed("pre") {
        return ColumnClass::Before;
    }
    if prefixed("post") {
        return ColumnClass::After;
    }
    if has("branch")
        || has("% of")
        || has("share")
        || has("size")
        || has("weight")
        || has("churn")
        || has("complex")
        || has("duplicat")
        || has("contribution")
        || has("brpart")
        || has("partial")
        || has("change")
        || has("delta")
        || has("diff")
        || has("gain")
        || has("improvement")
        || has("increase")
        || has("+/-")
        || has('Δ'.to_string().as_str())
        || has("pass")
        || has("test")
        || has("fail")
        || is_word("lines")
        || is_word("loc")
    {
        return ColumnClass::Skip;
    }
    if is_word("stmts") || is_word("statements") {
        return ColumnClass::Statements;
    }
    if is_word("miss") {
        return ColumnClass::Missing;
    }
    if is_word("missing") {
        return ColumnClass::Skip;
    }
    if has("target")
        || has("goal")
        || has("required")
        || has("expected")
        || is_word("min")
        || has("minimum")
        || has("threshold")
    {
        return ColumnClass::Target;
    }
    if has("before")
        || has("baseline")
        || is_word("start")
        || is_word("old")
        || has("previous")
        || has("initial")
        || has("original")
        || is_word("was")
    {
        return ColumnClass::Before;
    }
    if has("after")
        || has("current")
        || is_word("now")
        || has("final")
        || has("actual")
        || has("measured")
        || has("achieved")
        || has("result")
        || is_word("new")
    {
        return ColumnClass::After;
    }
    if has("cov") || has('%'.to_string().as_str()) || has("percent") {
        return ColumnClass::Measure;
    }
    ColumnClass::Prose
}

/// Cell text without emphasis and code marks.
fn clean_cell(cell: &str) -> &str {
    cell.trim()
        .trim_matches(|character: char| matches!(character, '*' | '`' | '_' | ' '))
}

fn is_separator_row(line: &str) -> bool {
    let cells = split_cells(line);
    !cells.is_empty()
        && cells.iter().all(|(_, cell)| {
            let cell = cell.trim();
            !cell.is_empty()
                && cell.contains('-')
                && cell
                    .chars()
                    .all(|character| matches!(character, '-' | ':' | ' '))
        })
}

/// The cells of a table row with their byte offsets in the line; escaped pipes and pipes
/// inside code spans do not split.
fn split_cells(line: &str) -> Vec<(usize, &str)> {
    let mut cells = Vec::new();
    let mut cell_start = 0;
    let mut in_code = false;
    let mut previous = '\0';
    for (offset, character) in line.char_indices() {
        if character == '`' {
            in_code = !in_code;
        }
        if character == '|' && previous != '\\' && !in_code {
            cells.push((cell_start, &line[cell_start..offset]));
            cell_start = offset + 1;
        }
        previous = character;
    }
    cells.push((cell_start, &line[cell_start..]));
    // The text before the first pipe and after the last one is not a cell.
    if cells
        .first()
        .is_some_and(|(_, cell)| cell.trim().is_empty())
    {
        cells.remove(0);
    }
    if cells.last().is_some_and(|(_, cell)| cell.trim().is_empty()) {
        cells.pop();
    }
    cells
}

/// Script and command lines left outside code fences (common in plans' `<verify>`
/// blocks): their percent signs are format strings and assertions, not claims.
fn looks_like_code(trimmed: &str) -> bool {
    const STARTS: [&str; 20] = [
        "assert ",
        "print(",
        "import ",
        "from ",
        "def ",
        "return ",
        "if ",
        "for ",
        "with ",
        "python",
        "pytest",
        "grep ",
        "cat ",
        "cd ",
        "echo ",
        "$ ",
        "data[",
        "total =",
        "cov =",
        "PYTHONPATH",
    ];
    STARTS.iter().any(|start| trimmed.starts_with(start))
        || [" f'", "(f'", " f\"", "(f\""]
            .iter()
            .any(|format_string| trimmed.contains(format_string))
        || (trimmed.contains('{') && trimmed.contains('}'))
}

fn fence_marker(trimmed: &str) -> Option<(char, usize)> {
    for character in ['`', '~'] {
        let length = trimmed.chars().take_while(|c| *c == character).count();
        if length >= 3 {
            return Some((character, length));
        }
    }
    None
}

fn heading_of(trimmed: &str) -> Option<(usize, &str)> {
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &trimmed[level..];
    if !rest.starts_with(' ') && !rest.is_empty() {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim()))
}

/// A heading worth repeating in front of the list items below it.
fn heading_leads(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    text_mentions_coverage(&lower)
        && (lower.contains("overall") || lower.contains("total") || lower.contains("target"))
}

/// Lead lines and headings that introduce wishes rather than results.
fn names_goals(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "remaining",
        "next step",
        "recommendation",
        "todo",
        "to do",
        "success criteria",
        "must have",
        "must-have",
        "goals",
        "targets",
        "missing",
        "still needed",
        "needs",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
}

/// Section headings that introduce wishes; narrower than lead lines, because headings
/// such as "Per-File Coverage Targets - PARTIAL" report on targets rather than set them.
fn heading_names_goals(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "remaining",
        "next step",
        "recommendation",
        "todo",
        "to do",
        "success criteria",
        "must-have",
        "must have",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
}

fn text_mentions_coverage(text: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(is_coverage_word)
}

/// The byte offset of a list item's text, after its marker ("- ", "1. ", "- [ ] ").
fn list_item_text(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let marker_length =
        if rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("+ ") {
            2
        } else {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            if digits > 0
                && digits < 4
                && (rest[digits..].starts_with(". ") || rest[digits..].starts_with(") "))
            {
                digits + 2
            } else {
                return None;
            }
        };
    let mut offset = indent + marker_length;
    for checkbox in ["[ ] ", "[x] ", "[X] "] {
        if line[offset..].starts_with(checkbox) {
            offset += checkbox.len();
        }
    }
    Some(offset)
}

fn clean_lead(trimmed: &str) -> String {
    let without_marker = list_item_text(trimmed).map_or(trimmed, |offset| &trimmed[offset..]);
    without_marker
        .trim()
        .trim_matches(|character: char| matches!(character, '*' | '_' | ' '))
        .to_string()
}

/// Goal sections of GSD plans: what must hold when the work is done.
fn is_goal_tag(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "success_criteria"
            | "done"
            | "verify"
            | "verification"
            | "must_haves"
            | "must-haves"
            | "goal"
            | "goals"
            | "acceptance_criteria"
            | "criteria"
    )
}

/// The line with XML-ish tags (`<done>`, `</task>`, `<task type="auto">`) replaced by
/// spaces of the same byte length, and the tags found as (name, closing).
fn blank_tags(line: &str) -> (String, Vec<(String, bool)>) {
    let mut blanked = String::with_capacity(line.len());
    let mut tags = Vec::new();
    let mut index = 0;
    while index < line.len() {
        let rest = &line[index..];
        if let Some((length, name, closing)) = tag_at(rest) {
            for character in rest[..length].chars() {
                for _ in 0..character.len_utf8() {
                    blanked.push(' ');
                }
            }
            tags.push((name, closing));
            index += length;
            continue;
        }
        let Some(character) = rest.chars().next() else {
            break;
        };
        blanked.push(character);
        index += character.len_utf8();
    }
    (blanked, tags)
}

/// A tag at the start of `rest`: `<name ...>` or `</name>`; its length, name and whether
/// it closes.
fn tag_at(rest: &str) -> Option<(usize, String, bool)> {
    let after_open = rest.strip_prefix('<')?;
    let (closing, body) = match after_open.strip_prefix('/') {
        Some(body) => (true, body),
        None => (false, after_open),
    };
    let first = body.chars().next()?;
    if !first.is_ascii_alphabetic() && first != '_' {
        return None;
    }
    let name_length = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':'))
        .unwrap_or(body.len());
    let name = &body[..name_length];
    let after_name = &body[name_length..];
    if !(after_name.starts_with('>') || after_name.starts_with(' ') || after_name.starts_with("/>"))
    {
        return None;
    }
    // Tags are short; looking further would make a line full of "<" quadratic.
    let (close, closing_character) = after_name
        .char_indices()
        .take(300)
        .find(|(_, character)| *character == '>' || *character == '<')?;
    if closing_character == '<' {
        return None;
    }
    let length = rest.len() - after_name.len() + close + 1;
    Some((length, name.to_string(), closing))
}

fn words_with_offsets(line: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (offset, character) in line.char_indices() {
        if character.is_whitespace() {
            if let Some(word_start) = start.take() {
                words.push((word_start, &line[word_start..offset]));
            }
        } else if start.is_none() {
            start = Some(offset);
        }
    }
    if let Some(word_start) = start {
        words.push((word_start, &line[word_start..]));
    }
    words
}
