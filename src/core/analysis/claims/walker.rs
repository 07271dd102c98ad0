//! Walks a document for claims: the frontmatter's values with their keys, and the body's
//! lines as the shared markdown scanner places them (headings, lead lines, list items,
//! table rows, code, plan sections), handing each unit to the rules with what its
//! surroundings say: a goal, another run, a hedge, or the report its section names.
use super::lexicon::{
    column_of, context_of, heading_context, is, is_coverage_word, is_patch_heading,
    section_context, words_of, Column, Context, Role,
};
use super::rules::{classify_unit, UnitContext, PLANNING_QUALIFIER};
use super::runs::json_names;
use super::subject::{
    is_source_path, is_test_path, path_subject, source_path_parts, trimmed_context,
};
use super::tokens::{parse_number_prefix, tokenize, Figure, TokenKind};
use super::{
    Claim, ClaimKind, ClaimSource, ClaimSubject, NamedReport, ReportScope, TargetComparison,
    MAX_CLAIMS_PER_DOCUMENT,
};
use crate::core::document::{
    body_structure, BodyLine, BodyStructure, FrontmatterEntry, FrontmatterValue, LineRole,
};

/// What the document as a whole says about its figures.
#[derive(Clone, Debug, Default)]
pub(super) struct WalkOptions {
    /// The document looks forward (plan, roadmap, context, research).
    pub planning: bool,
    /// The document's own plan id.
    pub own_plan: Option<String>,
}

/// A heading or lead line, and what it says about the lines under it.
#[derive(Clone, Debug)]
struct Scope {
    level: usize,
    text: String,
    context: Option<Context>,
    report: Option<String>,
}

/// A table's columns, read from its header: what each holds, whether its heading names a
/// percentage (so bare numbers are percents), and whether the table is about coverage.
struct Table {
    columns: Vec<(Column, bool)>,
    coverage: bool,
}

/// Finds the claims of a body whose first line is line `first_line` of its file, and
/// returns the report names its top-level lines state (before its first section heading,
/// outside code and reference sections): the document's report when its frontmatter names
/// none.
pub(super) fn walk_body(
    body: &str,
    first_line: usize,
    options: &WalkOptions,
    claims: &mut Vec<Claim>,
) -> Vec<String> {
    let structure = body_structure(body);
    let (mut headings, mut lead, mut table) = (Vec::<Scope>::new(), None::<Scope>, None::<Table>);
    let mut top_level_names = Vec::new();
    for line in &structure.lines {
        if claims.len() >= MAX_CLAIMS_PER_DOCUMENT {
            break;
        }
        let contexts: Vec<_> = structure.section_tags(line).map(section_context).collect();
        if contexts.contains(&Some(Context::Reference)) {
            continue;
        }
        let text = unit_text(body, &structure, line);
        let top_level = !headings.iter().any(|heading| heading.level >= 2);
        if top_level && !matches!(line.role, LineRole::Code | LineRole::CodeFence) {
            top_level_names.extend(json_names(&text));
        }
        let own = text
            .get(line.content_start - line.start..)
            .unwrap_or("")
            .trim_end();
        let mut walk = LineWalk {
            options,
            number: first_line + line.number - 1,
            section_goal: contexts.contains(&Some(Context::Goal)),
            headings: &headings,
            claims,
        };
        match &line.role {
            LineRole::Code => {
                walk.pasted_row(&text, line.start);
            }
            LineRole::Heading { level } => {
                walk.unit(own, line.content_start, "", None);
                let (level, heading) =
                    (usize::from(*level), own.trim().trim_end_matches('#').trim());
                let names = json_names(heading);
                headings.retain(|scope| scope.level < level);
                headings.push(Scope {
                    level,
                    context: (level >= 2).then(|| heading_context(heading)).flatten(),
                    text: heading.to_string(),
                    report: names
                        .first()
                        .filter(|_| names.len() == 1 && level >= 2)
                        .cloned(),
                });
                lead = None;
            }
            LineRole::TableRow {
                header: true,
                cells,
                ..
            } => {
                let cells: Vec<String> = cells
                    .iter()
                    .map(|&(start, end)| clean_cell(&body[start..end]).to_lowercase())
                    .collect();
                let percent = |cell: &str| {
                    cell.contains('%')
                        || cell.contains("percent")
                        || words_of(cell)
                            .iter()
                            .any(|word| matches!(word.as_str(), "coverage" | "cover" | "cov"))
                };
                table = Some(Table {
                    columns: cells
                        .iter()
                        .map(|cell| (column_of(cell), percent(cell)))
                        .collect(),
                    coverage: cells
                        .iter()
                        .any(|cell| cell.contains("cov") || cell.contains('%'))
                        || under_coverage_heading(&headings),
                });
            }
            LineRole::TableRow {
                header: false,
                cells,
                ..
            } => {
                if let Some(table) = &table {
                    walk.table_row(body, table, cells, &text);
                }
            }
            LineRole::ListItem { .. } | LineRole::Text => {
                let trimmed = own.trim();
                let list_item = line.role != LineRole::Text;
                if walk.pasted_row(&text, line.start) || (!list_item && looks_like_code(trimmed)) {
                    lead = lead.filter(|_| list_item);
                    continue;
                }
                let prefix = match (&lead, list_item) {
                    (Some(lead), true) => format!("{} ", lead.text),
                    (None, true) => heading_lead(&headings)
                        .map(|heading| format!("{heading}: "))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                walk.unit(
                    own,
                    line.content_start,
                    &prefix,
                    lead.as_ref().filter(|_| list_item),
                );
                let names = json_names(trimmed);
                let named = names.first().filter(|_| names.len() == 1).cloned();
                if trimmed.trim_end_matches(['*', '_', ' ']).ends_with(':')
                    && !trimmed.contains('%')
                {
                    let text = trimmed
                        .trim_matches(['*', '_', ' '])
                        .trim_end_matches(':')
                        .to_string();
                    lead = Some(Scope {
                        level: usize::MAX,
                        context: context_of(&text),
                        text,
                        report: named,
                    });
                } else if !list_item {
                    lead = None;
                    // "Report: coverage_mid.json" names the report of the rest of its section.
                    let heading = headings
                        .last_mut()
                        .filter(|heading| heading.level >= 2 && heading.report.is_none());
                    if let (Some(heading), false) = (heading, trimmed.contains('%')) {
                        heading.report = named;
                    }
                }
            }
            LineRole::Blank | LineRole::Tag | LineRole::TableDelimiter | LineRole::CodeFence => {}
        }
    }
    top_level_names
}

/// The line with section tags blanked out (same length, so offsets stay right).
fn unit_text(body: &str, structure: &BodyStructure, line: &BodyLine) -> String {
    let mut text = structure.line_text(body, line).to_string();
    for &(start, end) in structure.tags_within(line.start, line.end) {
        let (from, to) = (
            start.max(line.start) - line.start,
            end.min(line.end) - line.start,
        );
        if text.is_char_boundary(from) && text.is_char_boundary(to) {
            text.replace_range(from..to, &" ".repeat(to - from));
        }
    }
    text
}

struct LineWalk<'a> {
    options: &'a WalkOptions,
    number: usize,
    section_goal: bool,
    headings: &'a [Scope],
    claims: &'a mut Vec<Claim>,
}

impl LineWalk<'_> {
    /// What the lead line (for a list item) and the headings above say about a unit: the
    /// innermost one that names a report or sets a context decides.
    fn context(&self, lead: Option<&Scope>) -> UnitContext {
        let mut context = UnitContext {
            goal: self.section_goal,
            planning: self.options.planning,
            coverage: under_coverage_heading(self.headings),
            own_plan: self.options.own_plan.clone(),
            patch: self
                .headings
                .iter()
                .rev()
                .find(|heading| is_patch_heading(&heading.text))
                .map(|heading| heading.text.clone()),
            ..UnitContext::default()
        };
        let headings = self
            .headings
            .iter()
            .rev()
            .filter(|heading| heading.level >= 2);
        for scope in lead.into_iter().chain(headings) {
            if let Some(name) = &scope.report {
                context.report = Some(NamedReport {
                    name: name.clone(),
                    scope: ReportScope::Section,
                });
                break;
            }
            match scope.context {
                Some(Context::AnotherRun) => {
                    context.another_run = Some(format!(
                        "it sits under “{}”, a figure of another run",
                        scope.text
                    ))
                }
                Some(Context::Hedge) => context.qualifier = Some(scope.text.to_lowercase()),
                Some(Context::Projection) => context.projection = true,
                Some(Context::Goal) => context.goal = true,
                Some(Context::Measured | Context::Reference) => {}
                None => continue,
            }
            break;
        }
        context
    }

    /// Classifies one unit whose own text starts at body offset `start`.
    fn unit(&mut self, text: &str, start: usize, prefix: &str, lead: Option<&Scope>) {
        let context = self.context(lead);
        self.push_unit(text, start, prefix, &context);
    }

    fn push_unit(&mut self, text: &str, start: usize, prefix: &str, context: &UnitContext) {
        for mut claim in classify_unit(&format!("{prefix}{text}"), prefix.len(), context) {
            claim.span = (claim.span.0 + start, claim.span.1 + start);
            claim.source = ClaimSource::Body { line: self.number };
            self.claims.push(claim);
        }
    }

    /// A pasted `coverage report` row in a line starting at body offset `line_start`;
    /// whether the line was one.
    fn pasted_row(&mut self, line: &str, line_start: usize) -> bool {
        let Some(mut claim) = pasted_row_claim(line) else {
            return false;
        };
        let context = self.context(None);
        claim.span = (claim.span.0 + line_start, claim.span.1 + line_start);
        claim.qualifier = self
            .options
            .planning
            .then(|| PLANNING_QUALIFIER.to_string());
        claim.another_run = context.another_run;
        claim.named_report = context.report;
        claim.source = ClaimSource::PastedReport { line: self.number };
        self.claims.push(claim);
        true
    }

    /// One table row: a subject cell and its figure columns, or every cell as prose.
    fn table_row(&mut self, body: &str, table: &Table, cells: &[(usize, usize)], line: &str) {
        let column = |index: usize| {
            table
                .columns
                .get(index)
                .copied()
                .unwrap_or((Column::Prose, false))
        };
        let mut context = self.context(None);
        context.coverage |= table.coverage;
        let subject = cells.iter().enumerate().find_map(|(index, &(start, end))| {
            let (class, _) = column(index);
            let prose = matches!(class, Column::Subject | Column::Prose);
            prose
                .then(|| row_subject(&body[start..end], class))
                .flatten()
                .map(|subject| (index, subject))
        });
        // A row is about coverage when its table says so, or its subject is a source file
        // or the lone word "Total" beside figure columns ("| Pass Rate | 53.8% |" is not).
        let has_measure = table
            .columns
            .iter()
            .any(|(class, _)| matches!(class, Column::Measure | Column::After));
        let structured = table.coverage
            || subject.as_ref().is_some_and(|(index, (subject, text))| {
                let plain_total = *subject == ClaimSubject::Total && !text.contains(' ');
                let source_file =
                    matches!(subject, ClaimSubject::File(path) if !is_test_path(path));
                mentions_coverage(&body[cells[*index].0..cells[*index].1])
                    || (has_measure && (plain_total || source_file))
            });
        let subject = subject.filter(|_| structured);
        let (mut measure, mut before, mut targets, mut statements, mut missing) =
            (None, None, Vec::new(), None, None);
        for (index, &(start, end)) in cells.iter().enumerate() {
            let (cell, (class, percent)) = (&body[start..end], column(index));
            let mut cell_context = context.clone();
            cell_context.goal |= class == Column::Truth;
            let figure_column = matches!(
                class,
                Column::Measure | Column::After | Column::Before | Column::Target
            );
            let bare_prose = !has_measure
                && matches!(class, Column::Prose | Column::Truth | Column::Subject)
                && measure.is_none();
            let figure = (figure_column || bare_prose)
                .then(|| cell_figure(cell, start, percent))
                .flatten();
            match (&subject, class, figure) {
                (None, ..) => self.push_unit(cell, start, "", &cell_context),
                (Some((subject_index, _)), ..) if *subject_index == index => {}
                (_, Column::Before, Some(figure)) => before = Some(figure),
                (_, Column::Target, Some(figure)) => targets.push(figure),
                (_, Column::Measure | Column::After, Some(figure)) => {
                    measure = measure.or(Some(figure))
                }
                (_, _, Some(figure)) if figure.bare => measure = Some(figure),
                (_, Column::Statements, _) => statements = whole_number(cell),
                (_, Column::Missing, _) => missing = whole_number(cell),
                (_, Column::Skip, _) => {}
                // A sentence in any other column ("policies.py: 0% → 94.67%") is prose.
                _ => self.push_unit(cell, start, "", &cell_context),
            }
        }
        let Some((_, (subject, subject_text))) = subject else {
            return;
        };
        let ratio = statements
            .zip(missing)
            .filter(|(all, missed)| missed <= all)
            .map(|(all, missed)| (all - missed, all));
        let row_text = line.trim().to_string();
        let row_claim = |cell: &CellFigure, kind: ClaimKind, before: Option<&CellFigure>| Claim {
            before_percent: before.map(|before| (before.figure.value, before.figure.text.clone())),
            ratio,
            qualifier: cell.qualifier.clone().or_else(|| context.qualifier.clone()),
            another_run: context.another_run.clone(),
            named_report: context.report.clone(),
            source: ClaimSource::Table {
                line: self.number,
                row_text: row_text.clone(),
            },
            context: trimmed_context(&row_text, 0),
            ..Claim::of_figure(
                (subject.clone(), subject_text.clone()),
                kind,
                &cell.figure,
                cell.span,
            )
        };
        let (goal, pair) = (context.goal, before.is_some());
        if let Some(measure) = measure.filter(|cell| cell.figure.upper.is_none() || goal) {
            let kind = match (goal, pair) {
                (true, true) => ClaimKind::Target {
                    comparison: TargetComparison::Reaches,
                },
                (true, false) => ClaimKind::Target {
                    comparison: TargetComparison::AtLeast,
                },
                (false, true) => ClaimKind::BeforeAfter,
                (false, false) => ClaimKind::Measurement,
            };
            self.claims.push(row_claim(&measure, kind, before.as_ref()));
        }
        let at_least = ClaimKind::Target {
            comparison: TargetComparison::AtLeast,
        };
        self.claims.extend(
            targets
                .iter()
                .map(|target| row_claim(target, at_least, None)),
        );
    }
}

/// Finds the claims of every frontmatter value, in key order. Each scalar is read with its
/// key in front ("overall coverage: 15.70%"), and an artifact's `path` names what its
/// sibling `coverage` figure is about.
pub(super) fn walk_frontmatter(
    entries: &[FrontmatterEntry],
    options: &WalkOptions,
    claims: &mut Vec<Claim>,
) {
    let context = UnitContext {
        planning: options.planning,
        own_plan: options.own_plan.clone(),
        ..UnitContext::default()
    };
    walk_entries(entries, "", &context, 0, claims);
}

/// Deeper nesting than this is not a planning document any more; stop rather than recurse.
const MAX_DEPTH: usize = 32;

fn walk_entries(
    entries: &[FrontmatterEntry],
    path: &str,
    context: &UnitContext,
    depth: usize,
    claims: &mut Vec<Claim>,
) {
    let sibling_path = entries
        .iter()
        .find(|entry| entry.key == "path")
        .and_then(|entry| entry.value.as_text());
    let sibling_path = sibling_path
        .map(str::trim)
        .filter(|path| is_source_path(path) && !is_test_path(path));
    for entry in entries.iter().take_while(|_| depth <= MAX_DEPTH) {
        let key_path = if path.is_empty() {
            entry.key.clone()
        } else {
            format!("{path}.{}", entry.key)
        };
        let mut context = context.clone();
        match context_of(&entry.key) {
            Some(Context::Goal) => context.goal = true,
            Some(Context::AnotherRun) => {
                context.another_run = Some(format!("its key “{}” names another run", entry.key))
            }
            Some(Context::Hedge) => context.qualifier = Some(entry.key.clone()),
            Some(Context::Projection) => context.projection = true,
            _ => {}
        }
        let key_words = if is_source_path(&entry.key) {
            entry.key.clone()
        } else {
            entry.key.replace(['_', '-'], " ")
        };
        let prefix = match sibling_path {
            Some(sibling) if is_coverage_word(&entry.key.to_lowercase()) => {
                format!("{sibling} {key_words}: ")
            }
            _ => format!("{key_words}: "),
        };
        walk_value(
            &entry.value,
            &prefix,
            &key_path,
            &context,
            depth + 1,
            claims,
        );
    }
}

fn walk_value(
    value: &FrontmatterValue,
    prefix: &str,
    key_path: &str,
    context: &UnitContext,
    depth: usize,
    claims: &mut Vec<Claim>,
) {
    if depth > MAX_DEPTH || claims.len() >= MAX_CLAIMS_PER_DOCUMENT {
        return;
    }
    match value {
        FrontmatterValue::Empty => {}
        FrontmatterValue::Map(entries) => {
            walk_entries(entries, key_path, context, depth + 1, claims)
        }
        FrontmatterValue::List(items) => {
            for (index, item) in items.iter().enumerate() {
                walk_value(
                    item,
                    prefix,
                    &format!("{key_path}[{index}]"),
                    context,
                    depth + 1,
                    claims,
                );
            }
        }
        FrontmatterValue::Text(scalar) => {
            let source = ClaimSource::Frontmatter {
                key_path: key_path.to_string(),
                line: Some(scalar.line),
            };
            let mut offset = 0;
            for line in scalar.split('\n') {
                let found = match pasted_row_claim(line) {
                    Some(claim) => vec![claim],
                    None => classify_unit(&format!("{prefix}{line}"), prefix.len(), context),
                };
                for mut claim in found {
                    claim.span = (claim.span.0 + offset, claim.span.1 + offset);
                    claim.source = source.clone();
                    claims.push(claim);
                }
                offset += line.len() + 1;
            }
        }
    }
}

/// The claims of a must-have or truth text, read as goals.
pub(super) fn goal_text_claims(text: &str, source: ClaimSource, claims: &mut Vec<Claim>) {
    let context = UnitContext {
        goal: true,
        ..UnitContext::default()
    };
    let mut offset = 0;
    for line in text.split('\n') {
        for mut claim in classify_unit(line, 0, &context) {
            claim.span = (claim.span.0 + offset, claim.span.1 + offset);
            claim.source = source.clone();
            claims.push(claim);
        }
        offset += line.len() + 1;
    }
}

/// Reads a pasted `coverage report` row, `name stmts miss [branch brpart] cover% [missing]`,
/// as a claim whose span is relative to the line.
pub(super) fn pasted_row_claim(line: &str) -> Option<Claim> {
    let words: Vec<(usize, &str)> = line
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - line.as_ptr() as usize, word))
        .collect();
    let &(name_offset, name) = words.first()?;
    let percent_at = words.iter().position(|(_, word)| word.ends_with('%'))?;
    if words.len() < 4 || !(name == "TOTAL" || is_source_path(name)) || !matches!(percent_at, 3 | 5)
    {
        return None;
    }
    let counts: Vec<u64> = words[1..percent_at]
        .iter()
        .map(|(_, word)| {
            word.bytes()
                .all(|byte| byte.is_ascii_digit())
                .then(|| word.parse().ok())
                .flatten()
        })
        .collect::<Option<_>>()?;
    let (figure_offset, figure_word) = words[percent_at];
    let number = figure_word.strip_suffix('%')?;
    let (value, text, decimals, length) = parse_number_prefix(number)?;
    let (statements, missing) = (counts[0], counts[1]);
    if length != number.len() || value > 100.0 || missing > statements {
        return None;
    }
    let subject = match name {
        "TOTAL" => ClaimSubject::Total,
        path => ClaimSubject::File(path.to_string()),
    };
    let span = (figure_offset, figure_offset + figure_word.len());
    Some(Claim {
        ratio: Some((statements - missing, statements)),
        source: ClaimSource::PastedReport { line: 0 },
        context: trimmed_context(line, name_offset),
        ..Claim::of_figure(
            (subject, name.to_string()),
            ClaimKind::Measurement,
            &Figure::plain(value, text, decimals),
            span,
        )
    })
}

/// A figure read from a table cell, with its span in the body.
struct CellFigure {
    figure: Figure,
    span: (usize, usize),
    qualifier: Option<String>,
    /// The cell holds nothing but the figure (and emphasis or a status mark).
    bare: bool,
}

/// The one figure of a short cell ("97.39%", "**97.39%** ✅", "~12% (estimated)"), or a
/// bare "97.39" under a percentage header.
fn cell_figure(cell: &str, cell_start: usize, percent_header: bool) -> Option<CellFigure> {
    let tokens = tokenize(cell);
    let words: Vec<&str> = tokens
        .iter()
        .filter(|token| token.is_word())
        .map(|token| token.lower())
        .collect();
    let letter_words = words
        .iter()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .count();
    let qualifier = words
        .iter()
        .find(|word| is(word, Role::Hedge))
        .map(|word| word.to_string());
    let bare = letter_words == 0
        && tokens
            .iter()
            .all(|token| matches!(token.kind, TokenKind::Figure(_) | TokenKind::Word));
    let figures: Vec<_> = tokens
        .iter()
        .filter(|token| token.figure().is_some())
        .collect();
    let numbers: Vec<_> = tokens
        .iter()
        .filter(|token| token.kind == TokenKind::Number)
        .collect();
    let (figure, token) = match (figures.as_slice(), numbers.as_slice()) {
        ([token], _) => (token.figure()?.clone(), *token),
        ([], [token]) if percent_header => {
            let (value, text, decimals, length) = parse_number_prefix(&token.text)?;
            if length != token.text.len() || value > 100.0 {
                return None;
            }
            (Figure::plain(value, text, decimals), *token)
        }
        _ => return None,
    };
    (letter_words <= 3 && !figure.signed).then(|| CellFigure {
        figure,
        span: (cell_start + token.start, cell_start + token.end),
        qualifier,
        bare,
    })
}

fn whole_number(cell: &str) -> Option<u64> {
    let cleaned: String = clean_cell(cell)
        .chars()
        .filter(|character| *character != ',')
        .collect();
    let digits = !cleaned.is_empty()
        && cleaned.len() <= 12
        && cleaned.bytes().all(|byte| byte.is_ascii_digit());
    digits.then(|| cleaned.parse().ok()).flatten()
}

/// The subject a table cell names: a source path, or a short "TOTAL"/"Overall" label.
fn row_subject(cell: &str, column: Column) -> Option<(ClaimSubject, String)> {
    let cleaned = clean_cell(cell);
    let text = cleaned
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .map_or(cleaned, |(text, _)| text);
    if let Some(parts) = source_path_parts(text) {
        return Some(path_subject(parts));
    }
    let words = words_of(text);
    let short = words.len() <= 4 && !text.chars().any(|c| c.is_ascii_digit());
    let total = matches!(
        words.first().map(String::as_str),
        Some("total" | "totals" | "overall")
    );
    let only_total = words.len() == 1 || mentions_coverage(text);
    (short && total && only_total && column != Column::Truth)
        .then(|| (ClaimSubject::Total, text.to_string()))
}

/// Cell text without emphasis and code marks.
fn clean_cell(cell: &str) -> &str {
    cell.trim().trim_matches(['*', '`', '_', ' '])
}

fn mentions_coverage(text: &str) -> bool {
    words_of(text).iter().any(|word| is_coverage_word(word))
}

/// A section heading (level 2 or deeper) above speaks of coverage; a document title does
/// not count, since a whole "coverage push" report would then be.
fn under_coverage_heading(headings: &[Scope]) -> bool {
    headings
        .iter()
        .any(|heading| heading.level >= 2 && mentions_coverage(&heading.text))
}

/// A heading worth repeating before the list items below it ("Overall coverage").
fn heading_lead(headings: &[Scope]) -> Option<&str> {
    let heading = headings.last()?;
    let names = words_of(&heading.text)
        .iter()
        .any(|word| matches!(word.as_str(), "overall" | "total" | "target" | "targets"));
    (mentions_coverage(&heading.text) && names).then_some(heading.text.as_str())
}

/// Script and command lines left outside code fences (common in plans' `<verify>`
/// blocks): their percent signs are format strings and assertions, not claims.
fn looks_like_code(trimmed: &str) -> bool {
    const STARTS: &[&str] = &[
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
            .any(|format| trimmed.contains(format))
        || (trimmed.contains('{') && trimmed.contains('}'))
}
