//! Reads the coverage figures of one unit of text (a line, list item, cell or frontmatter
//! value): which figures are coverage claims, about what, and of which kind.
//!
//! Three rule tables, each tried in order, decide: `SKIP_RULES` (a percentage of something
//! else, a change, a distance), `KIND_RULES` (a target, or something measured) and the
//! label contexts of the lexicon. Everything leans towards skipping: a figure becomes a
//! claim only when a subject sits close to it in coverage wording.
use super::diffs::diff_names;
use super::lexicon::{
    context_of, is, is_coverage_word, is_patch_word, patch_phrases, Context, PatchCue, Role,
};
use super::runs::json_names;
use super::subject::{find_subject, is_source_path, trimmed_context, FoundSubject, Previous};
use super::tokens::{
    cut_at_boundary, tokenize, Comparator, Figure, Token, TokenKind, MAX_UNIT_BYTES,
};
use super::window::Clause;
use super::{
    Claim, ClaimKind, ClaimSubject, NamedReport, ReportScope, TargetComparison,
    MAX_CLAIMS_PER_DOCUMENT,
};

/// The qualifier given to a plan's own measurements: they describe the code before the
/// planned work.
pub(super) const PLANNING_QUALIFIER: &str = "planning document";

/// What the surroundings of a unit say about its figures.
#[derive(Clone, Debug, Default)]
pub(super) struct UnitContext {
    /// The unit states goals (a must-have, a success criterion, a target column).
    pub goal: bool,
    /// The document looks forward (a plan): its arrows are goals, its measurements old.
    pub planning: bool,
    /// A heading, lead line or table header says the unit is about coverage.
    pub coverage: bool,
    /// Test files may be subjects (pasted reports and coverage tables measure them).
    pub allow_test_files: bool,
    /// A hedge for the whole unit, e.g. from an "Expected" heading or a frontmatter key.
    pub qualifier: Option<String>,
    /// Why the unit's figures describe another run, e.g. under a "Baseline" heading.
    pub another_run: Option<String>,
    /// The unit projects or estimates ("Expected"): its figures are not measurements.
    pub projection: bool,
    /// The report named by the unit's section.
    pub report: Option<NamedReport>,
    /// The document's own plan id, so "Plan 02:" in plan 02's summary is not history.
    pub own_plan: Option<String>,
    /// A heading says the unit's figures are a patch's ("Diff Coverage"): its total is
    /// the patch's, and its files' figures are not the report's.
    pub patch: Option<String>,
}

/// How the words around a figure say it compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Target(TargetComparison),
    Measured,
}

/// One figure being read, with its clause and its pair.
struct Found<'a> {
    clause: Clause<'a>,
    /// The first token of the figure (the "before" figure of a pair).
    first: usize,
    /// The claimed figure.
    main: usize,
    before: Option<usize>,
    figure: &'a Figure,
}

type SkipRule = (&'static str, fn(&Found) -> bool);
type KindRule = (&'static str, fn(&Found) -> Option<Cue>);

/// Figures that are not coverage levels, tried in order.
#[rustfmt::skip]
const SKIP_RULES: &[SkipRule] = &[
    ("a signed figure is a change (+5.2%)", signed),
    ("a starting point with no end (from 22.8%)", from_without_to),
    ("the share left out (3% uncovered, missing 12%)", left_out),
    ("an amount of change (improved by 5%, up 11%)", change_amount),
    ("a distance (11.40% above target, 35.80% below 100%, 4.9 pp)", distance),
    ("a reference after a distance (35.80% below 100%)", reference_after_distance),
    ("a share of something else (98% of tests, 50% faster)", share_of_other),
    ("a percentage of another measure (pass rate, speed)", other_measure),
];

/// What kind of statement a figure makes, tried in order; no rule means a measurement.
#[rustfmt::skip]
const KIND_RULES: &[KindRule] = &[
    ("a comparison sign (≥ 50%, from 17.5% → >80%)", comparison_sign),
    ("a goal word after the figure (28% target, 50% or more)", goal_word_after),
    ("a plus after the figure (50%+)", plus_after),
    ("the nearest cue before it (at least, reaches, target, measured)", cue_before),
];

/// The claims of `unit`, whose first `prefix_length` bytes are context (a lead line, a
/// heading or a frontmatter key) rather than its own text. Spans are relative to the end
/// of the prefix; sources are placeholders for the caller.
pub(super) fn classify_unit(unit: &str, prefix_length: usize, context: &UnitContext) -> Vec<Claim> {
    let unit = cut_at_boundary(unit, prefix_length.saturating_add(MAX_UNIT_BYTES));
    let tokens = tokenize(unit);
    let own_text = unit.get(prefix_length..).unwrap_or("");
    let line_report = match json_names(own_text).as_slice() {
        [name] => Some(NamedReport {
            name: name.clone(),
            scope: ReportScope::Line,
        }),
        _ => None,
    };
    let diff = match diff_names(own_text).as_slice() {
        [name] => Some(name.clone()),
        _ => None,
    };
    let reading = UnitReading {
        unit,
        prefix_length,
        diff,
        unit_mentions_coverage: tokens.iter().any(|token| is_coverage_word(token.lower())),
        tokens: &tokens,
        context,
        report: line_report.or_else(|| context.report.clone()),
    };
    let mut claims = Vec::new();
    let mut start = 0;
    for index in 0..=tokens.len() {
        if index == tokens.len() || tokens[index].kind == TokenKind::Boundary {
            if start < index {
                let clause = Clause {
                    tokens: &tokens,
                    start,
                    end: index,
                };
                reading.clause(clause, &mut claims);
            }
            start = index + 1;
        }
    }
    claims
}

struct UnitReading<'a> {
    unit: &'a str,
    prefix_length: usize,
    /// The diff the unit names, for patch figures.
    diff: Option<String>,
    tokens: &'a [Token],
    context: &'a UnitContext,
    unit_mentions_coverage: bool,
    report: Option<NamedReport>,
}

impl UnitReading<'_> {
    fn clause(&self, clause: Clause, claims: &mut Vec<Claim>) {
        let mentions_coverage =
            (clause.start..clause.end).any(|position| is_coverage_word(clause.word(position)));
        // Figures already read as part of a pair, and figures skipped: a skipped figure
        // does not stand between a claim and the figure that inherits its subject.
        let mut consumed = vec![false; clause.end - clause.start];
        let mut skipped = vec![false; clause.end - clause.start];
        let mut previous: Option<Previous> = None;
        let mut used_ratios = Vec::new();
        let mut any_figure = false;
        for index in clause.start..clause.end {
            if claims.len() >= MAX_CLAIMS_PER_DOCUMENT {
                return;
            }
            let Some(figure) = self.tokens[index].figure() else {
                continue;
            };
            any_figure = true;
            if consumed[index - clause.start] {
                continue;
            }
            let (before, main) = pair_at(&clause, index);
            let before = before.or_else(|| trailing_before(&clause, main));
            for position in index.min(before.unwrap_or(main))..=main.max(before.unwrap_or(main)) {
                consumed[position - clause.start] = true;
            }
            let figure = self.tokens[main].figure().unwrap_or(figure);
            let found = Found {
                clause,
                first: index.min(main),
                main,
                before,
                figure,
            };
            match self.claim(&found, mentions_coverage, previous.as_ref(), &skipped) {
                Some((claim, subject, ratio_token)) => {
                    used_ratios.extend(ratio_token);
                    previous = Some(Previous {
                        subject,
                        first: found.first,
                        last: found.main.max(before.unwrap_or(0)),
                    });
                    claims.push(claim);
                }
                None => skipped[found.main - clause.start] = true,
            }
        }
        if mentions_coverage && !any_figure {
            self.ratio_claims(&clause, &used_ratios, claims);
        }
        if !any_figure {
            self.patch_sentence(&clause, claims);
        }
    }

    fn claim(
        &self,
        found: &Found,
        mentions_coverage: bool,
        previous: Option<&Previous>,
        skipped: &[bool],
    ) -> Option<(Claim, FoundSubject, Option<usize>)> {
        if SKIP_RULES.iter().any(|(_, applies)| applies(found)) {
            return None;
        }
        let clause = &found.clause;
        let label = nearest_label(clause, found.first);
        let patch_phrase = patch_before(found).or_else(|| patch_after(found));
        let written = find_subject(
            clause,
            found.first,
            found.main,
            previous,
            skipped,
            self.context.allow_test_files,
        );
        // A patch phrase, or a heading that is one ("Diff Coverage", where a bare
        // "Coverage: 67%" is diff-cover's summary), makes the total the patch's. A file,
        // function or module there is the patch's share of it, which no report states:
        // it keeps its subject, qualified, so a disagreement is never a mismatch.
        let patch_reason = patch_phrase
            .clone()
            .or_else(|| self.context.patch.as_deref().map(str::to_lowercase));
        let (subject, patch_file) = match (written, patch_reason) {
            (Some(written), reason) if written.subject != ClaimSubject::Total => {
                // "Coverage of new lines in models.py: 64.6%": the phrase is further away.
                let reason = reason.or_else(|| patch_phrase_left(found));
                (written, reason)
            }
            (Some(_), Some(reason)) => (patch_subject(reason), None),
            (None, Some(reason)) if patch_phrase.is_some() || mentions_coverage => {
                (patch_subject(reason), None)
            }
            (written, _) => (written?, None),
        };
        let cue = KIND_RULES.iter().find_map(|(_, rule)| rule(found));
        let label_context = label.as_ref().and_then(|label| label.context);
        let goal = matches!(cue, Some(Cue::Target(_)))
            || label_context == Some(Context::Goal)
            || self.context.goal;
        let coverage_context = mentions_coverage || self.context.coverage;
        // "models.py went from 18% to 99%", "Measured 98.09% overall": a change or a
        // measuring verb next to the subject says coverage as well as the word would.
        let measured = cue == Some(Cue::Measured) || found.before.is_some();
        let holds = match &subject.subject {
            ClaimSubject::File(_) => {
                coverage_context || subject.adjacent || ((goal || measured) && subject.near)
            }
            ClaimSubject::Total => {
                coverage_context
                    || self.unit_mentions_coverage
                    || subject.text == "TOTAL"
                    || measured
            }
            ClaimSubject::Region { .. } | ClaimSubject::Module(_) => {
                coverage_context || self.unit_mentions_coverage || subject.adjacent
            }
            ClaimSubject::Patch => {
                coverage_context
                    || self.unit_mentions_coverage
                    || subject.text.contains("cover")
                    || self.context.patch.is_some()
            }
        };
        if !holds {
            return None;
        }
        let kind = self.kind(found, cue, label_context)?;
        let projection = self.context.projection || label_context == Some(Context::Projection);
        if projection && !kind.is_target() {
            return None;
        }
        let span = (self.tokens[found.first].start, self.tokens[found.main].end);
        if span.0 < self.prefix_length {
            return None;
        }
        let ratio = find_ratio(clause, found.first, found.main);
        let own_plan = self.context.own_plan.as_deref();
        let hedge_label = label
            .as_ref()
            .filter(|label| label.context == Some(Context::Hedge));
        let planning = self.context.planning && !kind.is_target();
        let approximate_word = clause
            .left(found.first, 2)
            .find(|&at| clause.kind(at) != Some(&TokenKind::Colon));
        let before = found
            .before
            .and_then(|position| self.tokens[position].figure());
        let span = (span.0 - self.prefix_length, span.1 - self.prefix_length);
        let is_patch = subject.subject == ClaimSubject::Patch;
        let mut claim = Claim {
            named_diff: self.diff.clone().filter(|_| is_patch),
            before_percent: before.map(|before| (before.value, before.text.clone())),
            ratio: ratio
                .map(|(ratio, _)| ratio)
                .or_else(|| stated_line_counts(clause)),
            another_run: label.as_ref().and_then(|label| label.another_run(own_plan)),
            qualifier: [
                self.context.qualifier.clone(),
                hedge_label.map(|label| label.word.clone()),
                subject.scoped.then(|| "scoped".to_string()),
                patch_file,
                hedge_near(clause, found.first, found.main, is_patch),
                planning.then(|| PLANNING_QUALIFIER.to_string()),
            ]
            .into_iter()
            .find_map(|qualifier| qualifier),
            named_report: self.report.clone(),
            context: self.context_text(clause, found.first),
            ..Claim::of_figure(
                (subject.subject.clone(), subject.text.clone()),
                kind,
                found.figure,
                span,
            )
        };
        claim.another_run = claim
            .another_run
            .or_else(|| self.context.another_run.clone());
        claim.approximate |=
            approximate_word.is_some_and(|at| is(clause.word(at), Role::Approximate));
        Some((claim, subject, ratio.map(|(_, token)| token)))
    }

    /// The claim's kind from its cue, its label and the unit's context; `None` for a range
    /// that is not a goal ("25-32%" measured is an estimate, not a figure to check).
    fn kind(&self, found: &Found, cue: Option<Cue>, label: Option<Context>) -> Option<ClaimKind> {
        let clause = &found.clause;
        let pair = found.before.is_some();
        let mut kind = match cue {
            Some(Cue::Target(TargetComparison::AtLeast)) if pair => ClaimKind::Target {
                comparison: TargetComparison::Reaches,
            },
            Some(Cue::Target(comparison)) => ClaimKind::Target { comparison },
            _ if pair => ClaimKind::BeforeAfter,
            _ => ClaimKind::Measurement,
        };
        let goal_context =
            label == Some(Context::Goal) || (self.context.goal && label != Some(Context::Measured));
        let reaches_or_at_least = if pair {
            TargetComparison::Reaches
        } else {
            TargetComparison::AtLeast
        };
        if !kind.is_target() && cue != Some(Cue::Measured) && goal_context {
            kind = ClaimKind::Target {
                comparison: reaches_or_at_least,
            };
        }
        // "Increase x.py coverage from 70% to 90%" asks for a change, "increased" reports
        // one; a plan's bare arrows are goals too.
        let asks_for_change = clause
            .left(found.first, 12)
            .any(|position| is(clause.word(position), Role::RaiseVerb));
        let clause_reports = (clause.start..clause.end).any(|position| {
            let word = clause.word(position);
            is(word, Role::Past) && word != "is"
        });
        if kind == ClaimKind::BeforeAfter
            && (asks_for_change || self.context.planning)
            && !clause_reports
        {
            kind = ClaimKind::Target {
                comparison: TargetComparison::Reaches,
            };
        }
        (found.figure.upper.is_none() || kind.is_target()).then_some(kind)
    }

    /// Claims written only as a ratio: "models.py: 224/230 lines covered", "Total: 2769/2776
    /// lines covered".
    fn ratio_claims(&self, clause: &Clause, used: &[usize], claims: &mut Vec<Claim>) {
        for index in clause.start..clause.end {
            let Some(TokenKind::Ratio { part, whole }) = clause.kind(index) else {
                continue;
            };
            let (part, whole) = (*part, *whole);
            let unit_follows = is(clause.word(index + 1), Role::RatioUnit);
            if used.contains(&index) || whole == 0 || part > whole || !unit_follows {
                continue;
            }
            let Some(subject) =
                find_subject(clause, index, index + 1, None, &[], false).filter(|subject| {
                    matches!(subject.subject, ClaimSubject::File(_) | ClaimSubject::Total)
                })
            else {
                continue;
            };
            let start = self.tokens[index].start;
            if start < self.prefix_length {
                continue;
            }
            let figure = Figure::plain(
                100.0 * part as f64 / whole as f64,
                format!("{part}/{whole}"),
                2,
            );
            let span = (
                start - self.prefix_length,
                self.tokens[index].end - self.prefix_length,
            );
            let subject = (subject.subject, subject.text);
            claims.push(Claim {
                ratio: Some((part, whole)),
                qualifier: self
                    .context
                    .qualifier
                    .clone()
                    .or_else(|| hedge_near(clause, index, index, false)),
                another_run: self.context.another_run.clone(),
                named_report: self.report.clone(),
                context: self.context_text(clause, index),
                ..Claim::of_figure(subject, ClaimKind::Measurement, &figure, span)
            });
        }
    }

    /// A sentence without a figure that says every added line is covered ("all new lines
    /// are covered", loosely "the new tests cover the new code"): a patch claim of 100%,
    /// approximate when loose; none when a word before it takes it back ("not", "ensure").
    fn patch_sentence(&self, clause: &Clause, claims: &mut Vec<Claim>) {
        let words: Vec<usize> = (clause.start..clause.end)
            .filter(|&at| clause.is_word(at) && clause.word(at) != "the")
            .collect();
        // Only a clause about coverage or tests can say it; most clauses stop here.
        let about_coverage = words.iter().any(|&at| {
            let word = clause.word(at);
            word.contains("cover") || word == "tested"
        });
        if !about_coverage || claims.len() >= MAX_CLAIMS_PER_DOCUMENT {
            return;
        }
        let found = [PatchCue::All, PatchCue::Loose]
            .into_iter()
            .find_map(|cue| {
                patch_phrases(cue).find_map(|phrase| {
                    let at = words.windows(phrase.len()).position(|window| {
                        window
                            .iter()
                            .zip(phrase)
                            .all(|(&at, part)| clause.word(at) == *part)
                    })?;
                    Some((cue, phrase, at))
                })
            });
        let Some((cue, phrase, at)) = found else {
            return;
        };
        let taken_back = words[..at]
            .iter()
            .any(|&before| is_patch_word(PatchCue::Not, clause.word(before)));
        let (first, last) = (words[at], words[at + phrase.len() - 1]);
        let (start, end) = (self.tokens[first].start, self.tokens[last].end);
        if taken_back || start < self.prefix_length {
            return;
        }
        let kind = if self.context.goal {
            ClaimKind::Target {
                comparison: TargetComparison::AtLeast,
            }
        } else {
            ClaimKind::Measurement
        };
        if self.context.projection && !kind.is_target() {
            return;
        }
        let mut figure = Figure::plain(100.0, "100".to_string(), 0);
        figure.approximate = cue == PatchCue::Loose;
        let planning = self.context.planning && !kind.is_target();
        let span = (start - self.prefix_length, end - self.prefix_length);
        claims.push(Claim {
            named_diff: self.diff.clone(),
            named_report: self.report.clone(),
            another_run: self.context.another_run.clone(),
            qualifier: self
                .context
                .qualifier
                .clone()
                .or_else(|| planning.then(|| PLANNING_QUALIFIER.to_string())),
            context: self.context_text(clause, first),
            ..Claim::of_figure((ClaimSubject::Patch, phrase.join(" ")), kind, &figure, span)
        });
    }

    /// The clause around a figure, without the prefix, trimmed to 200 characters.
    /// Only a window around the figure is read, so a huge clause with many figures costs
    /// no more per claim than a short one.
    fn context_text(&self, clause: &Clause, first: usize) -> String {
        let focus = self.tokens[first].start;
        let from = self.tokens[clause.start]
            .start
            .max(self.prefix_length)
            .max(focus.saturating_sub(400));
        let to = self.tokens[clause.end - 1].end.min(focus + 400).max(focus);
        let (from, to) = (
            floor_boundary(self.unit, from),
            floor_boundary(self.unit, to),
        );
        trimmed_context(self.unit.get(from..to).unwrap_or(""), focus - from)
    }
}

/// A label (a word directly followed by ":") to the left of a figure, and what it says.
struct Label {
    word: String,
    context: Option<Context>,
    /// For "Plan 01:" in a plan history, the plan's id.
    plan: Option<String>,
}

/// How many tokens back a label such as "Target:" still applies.
const LABEL_REACH: usize = 48;

/// The nearest label to the left of a figure; labels naming a file are subjects, not labels.
fn nearest_label(clause: &Clause, first: usize) -> Option<Label> {
    clause.left(first, LABEL_REACH).find_map(|position| {
        let token = clause.token(position)?;
        if !token.label || is_source_path(&token.text) {
            return None;
        }
        if token.kind == TokenKind::Number {
            // "Plan 01: functoolz.py at 85.90%" in a summary's history.
            let word = clause
                .previous_word(position)
                .map_or("", |at| clause.word(at));
            return matches!(word, "plan" | "wave").then(|| Label {
                word: format!("{word} {}", token.text),
                context: None,
                plan: Some(token.text.clone()),
            });
        }
        token.is_word().then(|| Label {
            word: token.lower().to_string(),
            context: context_of(token.lower()),
            plan: None,
        })
    })
}

impl Label {
    /// Why the figures after this label describe another run than the document's own.
    fn another_run(&self, own_plan: Option<&str>) -> Option<String> {
        if let Some(plan) = &self.plan {
            let own =
                own_plan.is_some_and(|own| own.ends_with(plan.as_str()) || plan.ends_with(own));
            return (!own).then(|| {
                format!(
                    "“{}” is another plan's run in the document's history",
                    self.word
                )
            });
        }
        (self.context == Some(Context::AnotherRun))
            .then(|| format!("it is labelled “{}”, a figure of another run", self.word))
    }
}

/// "X% → Y%" and "from X% to Y%": (before, after); otherwise (None, index).
fn pair_at(clause: &Clause, index: usize) -> (Option<usize>, usize) {
    let figure_at = |position: usize| {
        clause
            .token(position)
            .and_then(Token::figure)
            .is_some_and(|figure| !figure.signed)
    };
    // The later figure may carry a comparison: "from 17.5% → >80%", "from 0% to ≥70%".
    let after = |joiner: usize| {
        if figure_at(joiner + 1) {
            return Some(joiner + 1);
        }
        let compared = matches!(clause.kind(joiner + 1), Some(TokenKind::Comparator(_)));
        (compared && figure_at(joiner + 2)).then_some(joiner + 2)
    };
    if clause.kind(index + 1) == Some(&TokenKind::Arrow) {
        if let Some(main) = after(index + 1) {
            return (Some(index), main);
        }
    }
    let from = index > clause.start && clause.word(index - 1) == "from";
    if from && clause.word(index + 1) == "to" {
        if let Some(main) = after(index + 1) {
            return (Some(index), main);
        }
    }
    (None, index)
}

/// "Y% (from X%)", "Y% (up from X%)", "Y% (was X%)", "Y%, up from X%": the X figure.
fn trailing_before(clause: &Clause, main: usize) -> Option<usize> {
    if !matches!(
        clause.kind(main + 1),
        Some(TokenKind::Open | TokenKind::Comma)
    ) {
        return None;
    }
    let mut position = main + 2;
    if clause
        .token(position)?
        .figure()
        .is_some_and(|figure| figure.signed)
    {
        position += 1;
    }
    if matches!(clause.word(position), "up" | "down") {
        position += 1;
    }
    if !matches!(clause.word(position), "from" | "was") {
        return None;
    }
    clause
        .token(position + 1)?
        .figure()
        .filter(|figure| !figure.signed && figure.upper.is_none())
        .map(|_| position + 1)
}

fn signed(found: &Found) -> bool {
    found.figure.signed
}

fn from_without_to(found: &Found) -> bool {
    let clause = &found.clause;
    found.before.is_none() && found.first > clause.start && clause.word(found.first - 1) == "from"
}

/// "missing 12% coverage", "untested functions (0% coverage)", "3% uncovered"; but "5%
/// short of the 97% goal" leaves the 97% a goal.
fn left_out(found: &Found) -> bool {
    let clause = &found.clause;
    let goal_after = clause
        .right(found.main, 3)
        .any(|position| clause.roles_starting_at(position).has(Role::TargetAfter));
    let before = clause
        .left(found.first, 6)
        .take_while(|&position| !clause.is_figure(position))
        .filter(|&position| clause.is_word(position))
        .take(3)
        .any(|position| clause.roles_ending_at(position).has(Role::LeftOut));
    (before && !goal_after) || clause.roles_starting_at(found.main + 1).has(Role::LeftOut)
}

fn change_amount(found: &Found) -> bool {
    let clause = &found.clause;
    clause
        .left(found.first, 4)
        .find(|&position| {
            clause.kind(position) != Some(&TokenKind::Colon)
                && !is(clause.word(position), Role::Approximate)
        })
        .is_some_and(|position| clause.roles_ending_at(position).has(Role::ChangeBefore))
}

/// "11.40% above target" after another figure, "(21.7% below target)", "4.9 pp": a
/// distance, not a level. "Coverage is 97% above target" alone stays a level.
fn distance(found: &Found) -> bool {
    let clause = &found.clause;
    let next = found.main + 1;
    if !clause.roles_starting_at(next).has(Role::DeltaAfter) {
        return false;
    }
    let in_parentheses = clause.kind(found.first.wrapping_sub(1)) == Some(&TokenKind::Open);
    let after_a_figure = clause
        .left(found.first, 6)
        .any(|position| clause.is_figure(position));
    let points = matches!(clause.word(next), "pp" | "pts" | "points" | "percentage");
    in_parentheses || after_a_figure || points
}

/// "35.80% below 100%": the 100% is where the distance is measured from; and nothing is
/// ever "below 100%" as a target.
fn reference_after_distance(found: &Found) -> bool {
    let clause = &found.clause;
    let Some(word) = clause.previous_word(found.first) else {
        return false;
    };
    // "below", "above", or "short of": the word before it, if a figure, is the distance.
    let (direction, distance_at) = match clause.word(word) {
        "below" | "above" | "under" | "over" => (true, word.checked_sub(1)),
        "of" if word > clause.start && clause.word(word - 1) == "short" => {
            (true, word.checked_sub(2))
        }
        _ => (false, None),
    };
    let after_figure = distance_at.is_some_and(|at| clause.is_figure(at));
    direction && (after_figure || (found.figure.value >= 100.0 && clause.word(word) != "above"))
}

fn share_of_other(found: &Found) -> bool {
    let clause = &found.clause;
    // "100% of the new lines are covered" is a patch figure.
    if patch_after(found).is_some() {
        return false;
    }
    let next = found.main + 1;
    let word = clause.word(next);
    if word == "of" {
        let after = clause.token(next + 1);
        let names_code = is(clause.word(next + 1), Role::OfCode)
            || after.is_some_and(|token| is_source_path(&token.text));
        let mentions_coverage =
            (clause.start..clause.end).any(|position| is_coverage_word(clause.word(position)));
        return !(names_code && mentions_coverage);
    }
    clause.roles_starting_at(next).has(Role::ShareAfter)
}

/// A pass rate, speed or progress near the figure, unless coverage is named right next to
/// it ("97% coverage", "coverage: 97%").
fn other_measure(found: &Found) -> bool {
    let clause = &found.clause;
    let skip = |at: &usize| {
        matches!(
            clause.kind(*at),
            Some(TokenKind::Colon | TokenKind::Comparator(_))
        )
    };
    let near_coverage = |at: &usize| {
        is_coverage_word(clause.word(*at)) || matches!(clause.word(*at), "at" | "of" | "is" | "was")
    };
    let mut before = clause
        .left(found.first, 2)
        .filter(|at| !skip(at))
        .take_while(near_coverage);
    if is_coverage_word(clause.word(found.main + 1))
        || before.any(|at| is_coverage_word(clause.word(at)))
    {
        return false;
    }
    let other = |at: usize| clause.roles_ending_at(at).has(Role::OtherMeasure);
    // "24/51 tests passing (47%)": a count of something that is not lines.
    let count = |at: usize| {
        matches!(clause.kind(at), Some(TokenKind::Ratio { .. }))
            && !is(clause.word(at + 1), Role::RatioUnit)
    };
    let open = |at: &usize| !clause.is_barrier(*at);
    clause
        .left(found.first, 4)
        .take_while(open)
        .any(|at| other(at) || (count(at) && at + 1 < found.first))
        || clause.right(found.main, 3).take_while(open).any(other)
}

fn comparison_sign(found: &Found) -> Option<Cue> {
    let clause = &found.clause;
    let position = if found.main > found.first {
        found.main - 1
    } else {
        found.first.checked_sub(1)?
    };
    match clause.kind(position)? {
        TokenKind::Comparator(Comparator::AtLeast | Comparator::Greater) => {
            Some(Cue::Target(TargetComparison::AtLeast))
        }
        TokenKind::Comparator(Comparator::AtMost | Comparator::Less) => {
            Some(Cue::Target(TargetComparison::AtMost))
        }
        _ => None,
    }
}

fn goal_word_after(found: &Found) -> Option<Cue> {
    let clause = &found.clause;
    for position in clause.right(found.main, 3) {
        let word = clause.word(position);
        if matches!(word, "or" | "and") {
            let next = clause.word(position + 1);
            if matches!(next, "less" | "lower" | "below" | "under" | "fewer") {
                return Some(Cue::Target(TargetComparison::AtMost));
            }
        }
        if clause.roles_starting_at(position).has(Role::TargetAfter) {
            return Some(Cue::Target(TargetComparison::AtLeast));
        }
        let passes = is_coverage_word(word)
            || is(word, Role::Total)
            || matches!(word, "line" | "statement" | "per-file");
        if !passes {
            return None;
        }
    }
    None
}

fn plus_after(found: &Found) -> Option<Cue> {
    found
        .figure
        .plus_after
        .then_some(Cue::Target(TargetComparison::AtLeast))
}

fn cue_before(found: &Found) -> Option<Cue> {
    let clause = &found.clause;
    for position in clause.left(found.first, 4) {
        let token = clause.token(position)?;
        if token.figure().is_some() || is_source_path(&token.text) {
            return None;
        }
        if !token.is_word() {
            continue;
        }
        let roles = clause.roles_ending_at(position);
        if token.lower() == "to" {
            let raised = clause
                .left(position, 3)
                .any(|near| is(clause.word(near), Role::RaiseVerb));
            if raised {
                return Some(Cue::Target(TargetComparison::Reaches));
            }
        }
        let cue = [
            (Role::Exactly, Cue::Target(TargetComparison::Exactly)),
            (Role::AtMost, Cue::Target(TargetComparison::AtMost)),
            (Role::AtLeast, Cue::Target(TargetComparison::AtLeast)),
            (Role::Reaches, Cue::Target(TargetComparison::Reaches)),
            (Role::Past, Cue::Measured),
        ]
        .into_iter()
        .find(|(role, _)| roles.has(*role));
        if let Some((_, cue)) = cue {
            return Some(cue);
        }
    }
    None
}

/// A hedge word near the figure: "estimated", "branch", "property" (another measurement
/// or an earlier state). For a patch figure, the words of its own phrase ("patch", "new",
/// "changed") are no hedge.
fn hedge_near(clause: &Clause, first: usize, main: usize, patch: bool) -> Option<String> {
    let stops = |position: &usize| {
        clause
            .token(*position)
            .is_some_and(|token| token.figure().is_none() && !is_source_path(&token.text))
    };
    clause
        .left(first, 6)
        .take_while(stops)
        .chain(clause.right(main, 4).take_while(stops))
        .find(|&position| {
            let word = clause.word(position);
            is(word, Role::Hedge) && !(patch && is(word, Role::PatchPart))
        })
        .map(|position| clause.word(position).to_string())
}

/// A covered/statements ratio stated next to the figure: "(236/654 lines)", "236 of 654
/// statements", "35.10% (236/654)"; with its token. A count of missing lines is not one.
fn find_ratio(clause: &Clause, first: usize, main: usize) -> Option<((u64, u64), usize)> {
    let open = |at: &usize| !clause.is_barrier(*at);
    let mut near = clause
        .left(first, 6)
        .take_while(open)
        .chain(clause.right(main, 7).take_while(open));
    near.find_map(|at| {
        let number = |at: usize| {
            clause
                .token(at)
                .filter(|token| token.kind == TokenKind::Number)?
                .text
                .parse::<u64>()
                .ok()
        };
        let (part, whole, unit_at) = match clause.kind(at)? {
            TokenKind::Ratio { part, whole } => (*part, *whole, at + 1),
            _ if clause.word(at + 1) == "of" => (number(at)?, number(at + 2)?, at + 3),
            _ => return None,
        };
        let unit = is(clause.word(unit_at), Role::RatioUnit);
        let parenthesised = at == main + 2
            && clause.kind(main + 1) == Some(&TokenKind::Open)
            && clause.kind(at + 1) == Some(&TokenKind::Close);
        let bare = parenthesised && matches!(clause.kind(at), Some(TokenKind::Ratio { .. }));
        let missing = is(clause.word(unit_at + 1), Role::LeftOut);
        (whole > 0 && part <= whole && (unit || bare) && !missing).then_some(((part, whole), at))
    })
}

/// What a count labelled on a summary line is.
#[derive(Clone, Copy)]
enum StatedCount {
    Whole,
    Missed,
}

/// The labels of the counts a one-line summary states beside its figure, as diff-cover's
/// console report prints them ("Total: 52 lines, Missing: 17 lines, Coverage: 67%").
const STATED_COUNT_LABELS: [(&str, StatedCount); 2] = [
    ("total", StatedCount::Whole),
    ("missing", StatedCount::Missed),
];

/// The covered and whole line counts a clause states as "Total: N lines" and "Missing: M
/// lines": a figure beside them is about N lines, so a report that measures another number
/// is not what the figure describes (the check then says unknown, never mismatch).
fn stated_line_counts(clause: &Clause) -> Option<(u64, u64)> {
    let (mut whole, mut missed) = (None, None);
    for at in clause.start..clause.end {
        let Some(&(_, count_kind)) = STATED_COUNT_LABELS
            .iter()
            .find(|(label, _)| clause.word(at) == *label)
        else {
            continue;
        };
        let number_at = if clause.kind(at + 1) == Some(&TokenKind::Colon) {
            at + 2
        } else {
            at + 1
        };
        let Some(count) = clause
            .token(number_at)
            .filter(|token| token.kind == TokenKind::Number)
            .and_then(|token| token.text.parse::<u64>().ok())
        else {
            continue;
        };
        if !is(clause.word(number_at + 1), Role::RatioUnit) {
            continue;
        }
        match count_kind {
            StatedCount::Whole => whole = Some(count),
            StatedCount::Missed => missed = Some(count),
        }
    }
    let (whole, missed) = (whole?, missed?);
    (whole > 0 && missed <= whole).then_some((whole - missed, whole))
}

/// The nearest character boundary at or before `index`.
fn floor_boundary(text: &str, index: usize) -> usize {
    (0..=index.min(text.len()))
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(0)
}

/// A patch figure's subject: its phrase ("patch coverage", "of new lines").
fn patch_subject(text: String) -> FoundSubject {
    FoundSubject {
        subject: ClaimSubject::Patch,
        text,
        adjacent: true,
        near: true,
        scoped: false,
    }
}

/// How far from a figure a patch phrase is looked for, in tokens.
const PATCH_REACH: usize = 8;

/// A patch phrase ending just before the figure, with only "between" words (and names of
/// diffs and reports), ":", "=" and comparison signs in between: "Patch coverage: 85%",
/// "coverage of new lines in pr.diff is 80%", "new code is 100% covered".
fn patch_before(found: &Found) -> Option<String> {
    let clause = &found.clause;
    for position in clause.left(found.first, PATCH_REACH) {
        let token = clause.token(position)?;
        match &token.kind {
            TokenKind::Word if !clause.is_barrier(position) => {
                if let Some(text) = patch_phrase_at(clause, position, PatchCue::Before) {
                    return Some(text);
                }
                let word = token.lower();
                let passes = is_patch_word(PatchCue::Between, word)
                    || is(word, Role::Approximate)
                    || !json_names(word).is_empty()
                    || !diff_names(word).is_empty();
                if !passes {
                    return None;
                }
            }
            TokenKind::Colon | TokenKind::Comparator(_) | TokenKind::Dash => {}
            _ => return None,
        }
    }
    None
}

/// A patch phrase anywhere in the clause before the figure, whatever stands between: only
/// ever used to keep a file's figure from being read as the file's own coverage.
fn patch_phrase_left(found: &Found) -> Option<String> {
    let clause = &found.clause;
    clause
        .left(found.first, PATCH_REACH * 2)
        .filter(|&position| clause.is_word(position))
        .find_map(|position| patch_phrase_at(clause, position, PatchCue::Before))
}

/// A patch phrase starting just after the figure, coverage words allowed first: "85% patch
/// coverage", "100% of the new lines", "92% coverage on new code".
fn patch_after(found: &Found) -> Option<String> {
    let clause = &found.clause;
    for position in clause.right(found.main, 3) {
        if !clause.is_word(position) {
            return None;
        }
        if let Some(text) = patch_phrase_starting_at(clause, position) {
            return Some(text);
        }
        if !is_coverage_word(clause.word(position)) {
            return None;
        }
    }
    None
}

/// The longest patch phrase, in words.
const LONGEST_PATCH_PHRASE: usize = 8;

/// The patch phrase of `cue` whose last word is at `position`, "the" left out.
fn patch_phrase_at(clause: &Clause, position: usize, cue: PatchCue) -> Option<String> {
    let words: Vec<&str> = clause
        .left(position + 1, LONGEST_PATCH_PHRASE * 2)
        .take_while(|&at| clause.is_word(at))
        .map(|at| clause.word(at))
        .filter(|word| *word != "the")
        .take(LONGEST_PATCH_PHRASE)
        .collect();
    patch_phrases(cue)
        .find(|phrase| {
            phrase.len() <= words.len()
                && phrase
                    .iter()
                    .rev()
                    .zip(&words)
                    .all(|(part, word)| part == word)
        })
        .map(|phrase| phrase.join(" "))
}

/// The "after" patch phrase whose first word is at `position`, "the" left out.
fn patch_phrase_starting_at(clause: &Clause, position: usize) -> Option<String> {
    let words: Vec<&str> = clause
        .right(position.checked_sub(1)?, LONGEST_PATCH_PHRASE * 2)
        .take_while(|&at| clause.is_word(at))
        .map(|at| clause.word(at))
        .filter(|word| *word != "the")
        .take(LONGEST_PATCH_PHRASE)
        .collect();
    patch_phrases(PatchCue::After)
        .find(|phrase| {
            phrase.len() <= words.len()
                && phrase.iter().zip(&words).all(|(part, word)| part == word)
        })
        .map(|phrase| phrase.join(" "))
}
