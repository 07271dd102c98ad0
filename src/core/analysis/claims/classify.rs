//! Classifies the coverage figures of one unit of text (a line, list item, cell or
//! frontmatter value): what each is about, whether it is a measurement, a target or a
//! before/after pair, and which nearby words hedge it.
//!
//! Everything here leans towards skipping: a figure becomes a claim only when a subject (a
//! path, a function or class name, an "overall"/"total" word, or a module-like name) sits
//! in the same clause, the clause speaks of coverage (or the path sits right next to the
//! figure, as in coverage lists), and no nearby word says the percentage measures
//! something else (tests passing, speed, progress).
use super::tokens::{
    cut_at_boundary, tokenize, Comparator, Figure, Token, TokenKind, MAX_UNIT_BYTES,
};
use super::{
    Claim, ClaimKind, ClaimSource, ClaimSubject, TargetComparison, MAX_CLAIMS_PER_DOCUMENT,
};
use crate::core::text::looks_like_source_path;

/// The qualifier given to measurements in forward-looking documents.
pub(super) const PLANNING_QUALIFIER: &str = "planning document";

/// What the surroundings of a unit say about the figures in it.
#[derive(Clone, Debug, Default)]
pub(super) struct UnitOptions {
    /// The unit states goals (a must-have, a truth, a success criterion): measurements in
    /// it are targets.
    pub goal: bool,
    /// The document looks forward (a plan): an arrow without a past-tense verb is a target.
    pub planning: bool,
    /// A heading, lead line or table header already says the unit is about coverage.
    pub coverage_context: bool,
    /// Test files may be subjects (pasted reports and coverage tables measure them).
    pub allow_test_files: bool,
    /// A hedge that applies to the whole unit, e.g. from a frontmatter key.
    pub qualifier: Option<String>,
}

/// The claims in `unit`, whose first `prefix_length` bytes are context (a lead line or a
/// frontmatter key) rather than text of the unit itself. Spans are relative to the end of
/// the prefix; the source is a placeholder for the caller to set.
pub(super) fn classify_unit(unit: &str, prefix_length: usize, options: &UnitOptions) -> Vec<Claim> {
    let unit = cut_at_boundary(unit, prefix_length.saturating_add(MAX_UNIT_BYTES));
    let tokens = tokenize(unit);
    let unit_mentions_coverage = tokens
        .iter()
        .any(|token| token.is_word() && is_coverage_word(&token.lower()));
    let clause_facts = clause_facts(&tokens);
    let scan = UnitScan {
        unit,
        prefix_length,
        tokens,
        options,
        unit_mentions_coverage,
        clause_facts,
    };
    scan.claims()
}

/// The path and the optional region of a word that names a source file:
/// `backend/core/models.py`, `models.py`, `models.py::User`.
pub(super) fn source_path_parts(word: &str) -> Option<(String, Option<String>)> {
    let cleaned = word
        .trim_matches(|c: char| is_wrapping(c) || c == ':' || c == ',' || c == ';')
        .trim_end_matches('.');
    let (path, region) = match cleaned.split_once("::") {
        Some((path, region)) => (path, Some(region)),
        None => (cleaned, None),
    };
    if !is_source_path(path) {
        return None;
    }
    let region = region
        .map(|name| name.trim_end_matches("()").to_string())
        .filter(|name| is_dotted_identifier(name) || is_identifier(name));
    Some((path.to_string(), region))
}

/// True for a path with a source-code extension and a real file name, so prose words,
/// versions ("v2.5"), data files and URLs are not taken for files.
pub(super) fn is_source_path(text: &str) -> bool {
    if !looks_like_source_path(text) || text.contains("://") || text.starts_with("http") {
        return false;
    }
    let name = text.rsplit(['/', '\\']).next().unwrap_or(text);
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let stem_has_name = stem
        .chars()
        .any(|character| character.is_alphabetic() || character == '_');
    stem_has_name
        && SOURCE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        && text
            .chars()
            .all(|character| !character.is_whitespace() && character != '%')
}

/// True for test files (`test_x.py`, `x_test.py`, `conftest.py`, `x.test.ts`), whose
/// percentages in prose are nearly always pass rates or the coverage of the code they test.
pub(super) fn is_test_path(path: &str) -> bool {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    let stem = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(stem, _)| stem);
    stem.starts_with("test_")
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || stem == "conftest"
        || stem.ends_with(".test")
        || stem.ends_with(".spec")
}

/// Coverage words: "coverage", "covered", "cover", "covers", "cov".
pub(super) fn is_coverage_word(lower: &str) -> bool {
    let word = lower.trim_matches(|c: char| !c.is_alphanumeric());
    word.starts_with("cover") || word == "cov"
}

/// The facts of each token's clause (clauses end at boundary tokens).
fn clause_facts(tokens: &[Token]) -> Vec<ClauseFacts> {
    let mut facts = vec![ClauseFacts::default(); tokens.len()];
    let mut start = 0;
    for index in 0..=tokens.len() {
        if index < tokens.len() && tokens[index].kind != TokenKind::Boundary {
            continue;
        }
        let mut clause = ClauseFacts::default();
        for token in &tokens[start..index] {
            let lower = token.lower();
            clause.mentions_coverage |= is_coverage_word(&lower);
            clause.mentions_executed |= lower == "executed";
            clause.has_past_word |= PAST_WORDS.contains(&lower.as_str()) && lower != "is";
            clause.has_figure |= token.figure().is_some();
        }
        for slot in &mut facts[start..index] {
            *slot = clause;
        }
        start = index + 1;
    }
    facts
}

/// How many tokens back a label such as "Target:" still applies.
const LABEL_REACH: usize = 48;

const SOURCE_EXTENSIONS: &[&str] = &[
    "py", "pyx", "pxd", "pyi", "js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "rs", "go",
    "java", "kt", "kts", "scala", "rb", "php", "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "cs",
    "swift", "vue", "svelte", "sh", "bash", "lua", "pl", "jl", "dart", "ex", "exs", "erl", "hs",
    "ml", "clj", "groovy",
];

/// Extensions and top-level domains that end dotted words which are not code names.
const NOT_CODE_ENDINGS: &[&str] = &[
    "json", "md", "txt", "yml", "yaml", "toml", "cfg", "ini", "log", "xml", "html", "csv", "lock",
    "com", "org", "net", "io", "dev", "png", "svg", "pdf", "gz", "zip", "db",
];

/// Words that say a percentage measures something other than coverage.
const NEGATIVE_WORDS: &[&str] = &[
    "pass",
    "passes",
    "passing",
    "passed",
    "pass-rate",
    "success",
    "successful",
    "succeeded",
    "fail",
    "fails",
    "failing",
    "failed",
    "failure",
    "failures",
    "error",
    "errors",
    "flaky",
    "faster",
    "slower",
    "speed",
    "speedup",
    "latency",
    "performance",
    "cpu",
    "memory",
    "ram",
    "disk",
    "uptime",
    "accuracy",
    "confidence",
    "probability",
    "chance",
    "progress",
    "budget",
    "token",
    "tokens",
    "usage",
    "utilization",
    "reduction",
    "verified",
    "satisfied",
    "score",
    "mutation",
    "duplication",
    "complexity",
    "compliance",
];

/// Words that make a figure the part not covered: never a coverage level.
const LEFT_OUT_WORDS: &[&str] = &[
    "missing",
    "uncovered",
    "untested",
    "lacking",
    "lacks",
    "remaining",
    "gap",
    "short",
    "away",
];

/// Words right before a figure that make it an amount of change.
const CHANGE_WORDS: &[&str] = &[
    "by",
    "dropped",
    "fell",
    "increased",
    "decreased",
    "improved",
    "rose",
    "grew",
    "gained",
    "lost",
    "jumped",
    "climbed",
    "boosted",
    "up",
    "down",
    "plus",
    "minus",
];

/// Words that, right after a figure, say it is a share or a change of something else.
const RIGHT_NEGATIVE_WORDS: &[&str] = &[
    "complete",
    "completed",
    "done",
    "finished",
    "increase",
    "decrease",
    "improvement",
    "gain",
    "drop",
    "growth",
    "smaller",
    "larger",
    "bigger",
    "more",
    "less",
    "fewer",
    "uncovered",
    "missing",
    "miss",
    "remaining",
    "left",
    "tests",
    "test",
    "time",
    "likely",
    "off",
    "slower",
    "faster",
    "cheaper",
    "of",
];

/// Nouns allowed after "X% of": the share is then still a share of code.
const OF_CODE_NOUNS: &[&str] = &[
    "lines",
    "line",
    "statements",
    "statement",
    "stmts",
    "code",
    "codebase",
    "source",
    "the",
    "its",
    "all",
    "branches",
    "functions",
    "methods",
];

/// Counted things that are not files: a figure after "3/6 files" is about the count.
const COUNT_NOUNS: &[&str] = &[
    "files",
    "tests",
    "modules",
    "plans",
    "tasks",
    "truths",
    "gaps",
    "requirements",
    "criteria",
    "items",
    "cases",
    "suites",
    "phases",
    "checks",
    "endpoints",
    "agents",
    "users",
    "packages",
];

/// Words naming a hedge: another measurement, an estimate, or an earlier state.
pub(super) const QUALIFIER_WORDS: &[&str] = &[
    "branch",
    "branches",
    "property",
    "integration",
    "unit",
    "e2e",
    "combined",
    "alone",
    "isolation",
    "isolated",
    "estimated",
    "estimate",
    "estimates",
    "est",
    "expected",
    "projected",
    "projection",
    "predicted",
    "would",
    "could",
    "should",
    "might",
    "may",
    "if",
    "assuming",
    "theoretical",
    "potential",
    "potentially",
    "average",
    "avg",
    "mean",
    "median",
    "partial",
    "partially",
    "previously",
    "originally",
    "initially",
    "earlier",
    "before",
    "baseline",
    "prior",
    "was",
    "were",
    "had",
    "old",
    "locally",
    "subset",
    "claimed",
    "claims",
    "reportedly",
    "supposedly",
    "allegedly",
    "diff",
    "patch",
    "changed",
    "incremental",
    "new",
    "local",
    "whether",
    "confirm",
    "excluding",
    "including",
    "without",
    "scoped",
];

const APPROXIMATE_WORDS: &[&str] = &[
    "about",
    "approximately",
    "approx",
    "around",
    "roughly",
    "nearly",
    "almost",
    "circa",
    "ca",
    "some",
];

const TOTAL_WORDS: &[&str] = &[
    "overall",
    "total",
    "totals",
    "codebase",
    "codebase-wide",
    "project-wide",
    "projectwide",
    "repo-wide",
    "global",
    "aggregate",
];

/// Words after a figure and before its subject: "97% coverage on models.py".
const RIGHT_CONNECTORS: &[&str] = &[
    "coverage",
    "covered",
    "cov",
    "on",
    "for",
    "of",
    "in",
    "across",
    "line",
    "lines",
    "statement",
    "statements",
    "target",
    "goal",
    "the",
    "file",
    "module",
];

/// Words that may sit between two figures of one subject: "9.17%, target 50%",
/// "15.70% (below 28% target)".
const INHERIT_WORDS: &[&str] = &[
    "target",
    "targets",
    "goal",
    "below",
    "above",
    "under",
    "over",
    "vs",
    "versus",
    "against",
    "compared",
    "and",
    "but",
    "of",
    "the",
    "a",
    "an",
    "from",
    "to",
    "was",
    "is",
    "now",
    "up",
    "down",
    "at",
    "with",
    "min",
    "minimum",
    "required",
    "expected",
    "needed",
    "need",
    "needs",
    "short",
    "threshold",
    "than",
    "less",
    "more",
    "reach",
    "reaches",
    "coverage",
    "covered",
    "statements",
    "lines",
    "only",
    "still",
    "currently",
    "current",
    "measured",
];

/// Words that may sit between a path and its figure for the pair to count as a coverage
/// list entry even without the word "coverage": "models.py: 97.39%", "models.py at 97%".
/// Verbs stay out: "models.py reached 100% in 3 days" may be about anything.
const ADJACENT_GLUE: &[&str] = &["at", "is", "now", "currently"];

const LEFT_AT_LEAST: &[&str] = &[
    "target",
    "targets",
    "targeting",
    "goal",
    "goals",
    "aim",
    "aims",
    "aiming",
    "need",
    "needs",
    "needed",
    "require",
    "requires",
    "required",
    "requirement",
    "minimum",
    "min",
    "threshold",
    "fail-under",
    "fail_under",
    "--fail-under",
    "--cov-fail-under",
    "over",
    "above",
    "exceed",
    "exceeds",
    "exceeding",
    "beyond",
];

const LEFT_REACHES: &[&str] = &[
    "reach", "reaches", "reaching", "achieve", "achieves", "attain", "attains", "hit", "hits",
];

const LEFT_AT_MOST: &[&str] = &["maximum", "max", "under", "below", "beneath"];

const RAISE_VERBS: &[&str] = &[
    "increase", "improve", "raise", "bring", "push", "boost", "grow", "lift", "get", "take",
    "move", "drive", "bump",
];

/// Verbs and adverbs that make a figure next to them a measurement.
const PAST_WORDS: &[&str] = &[
    "reached",
    "achieved",
    "attained",
    "measured",
    "increased",
    "improved",
    "raised",
    "rose",
    "grew",
    "went",
    "jumped",
    "climbed",
    "boosted",
    "brought",
    "moved",
    "dropped",
    "fell",
    "decreased",
    "now",
    "currently",
    "is",
    "was",
    "were",
    "result",
    "results",
    "actual",
    "fixed",
];

const RIGHT_TARGET_WORDS: &[&str] = &[
    "target",
    "targets",
    "goal",
    "goals",
    "minimum",
    "min",
    "threshold",
    "required",
    "requirement",
    "floor",
];

const RATIO_UNITS: &[&str] = &[
    "lines",
    "line",
    "statements",
    "statement",
    "stmts",
    "loc",
    "sloc",
];

/// What a label (a word followed by ":") says about the figures after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LabelClass {
    Before,
    /// A problem, a quoted claim or an estimate: what follows may not be a measurement
    /// of this report's code.
    Hedge,
    Target,
    Measurement,
    Neutral,
}

/// How the words around a figure say it compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Target(TargetComparison),
    Past,
    None,
}

#[derive(Clone, Debug, PartialEq)]
struct FoundSubject {
    subject: ClaimSubject,
    text: String,
    /// The path sits right next to the figure, as in coverage lists.
    adjacent: bool,
    /// The path is within a few words of the figure.
    near: bool,
    /// A total limited to part of the code ("overall coverage for the API").
    scoped: bool,
}

/// The outcome of walking left from a figure.
enum LeftScan {
    Found(FoundSubject),
    /// Another figure came first, at this token.
    Figure(usize),
    /// A label naming something else, a test file or a counted noun: no subject.
    Stopped,
    Nothing,
}

/// The subject and token range of the previous claim in a clause, so "9.17%, target 50%"
/// gives the second figure the first one's subject.
struct PreviousClaim {
    subject: FoundSubject,
    first: usize,
    last: usize,
}

struct UnitScan<'a> {
    unit: &'a str,
    prefix_length: usize,
    tokens: Vec<Token>,
    options: &'a UnitOptions,
    unit_mentions_coverage: bool,
    /// For each token, the facts of its clause, computed once so that long clauses with
    /// many figures stay linear.
    clause_facts: Vec<ClauseFacts>,
}

/// What a whole clause says, looked up by any of its tokens.
#[derive(Clone, Copy, Debug, Default)]
struct ClauseFacts {
    mentions_coverage: bool,
    mentions_executed: bool,
    has_past_word: bool,
    has_figure: bool,
}

impl UnitScan<'_> {
    fn claims(&self) -> Vec<Claim> {
        let mut claims = Vec::new();
        let mut clause_start = 0;
        for index in 0..=self.tokens.len() {
            let at_boundary =
                index == self.tokens.len() || self.tokens[index].kind == TokenKind::Boundary;
            if at_boundary {
                if clause_start < index {
                    self.scan_clause(clause_start, index, &mut claims);
                }
                clause_start = index + 1;
            }
        }
        claims
    }

    fn scan_clause(&self, start: usize, end: usize, claims: &mut Vec<Claim>) {
        let mut consumed = vec![false; end - start];
        let mut used_ratios: Vec<usize> = Vec::new();
        let mut previous: Option<PreviousClaim> = None;
        for index in start..end {
            if claims.len() >= MAX_CLAIMS_PER_DOCUMENT {
                return;
            }
            if consumed[index - start] || self.tokens[index].figure().is_none() {
                continue;
            }
            let (before, main) = self.pair_at(index, start, end);
            for slot in consumed
                .iter_mut()
                .take(main + 1 - start)
                .skip(before.unwrap_or(main) - start)
            {
                *slot = true;
            }
            let trailing_before = if before.is_none() {
                self.trailing_before(main, end)
            } else {
                None
            };
            if let Some(trailing) = trailing_before {
                for slot in consumed
                    .iter_mut()
                    .take(trailing + 1 - start)
                    .skip(main - start)
                {
                    *slot = true;
                }
            }
            let outcome =
                self.classify_figure(start, end, before, main, trailing_before, previous.as_ref());
            if let Some((claim, subject, ratio_token)) = outcome {
                used_ratios.extend(ratio_token);
                previous = Some(PreviousClaim {
                    subject,
                    first: before.unwrap_or(main),
                    last: trailing_before.unwrap_or(main),
                });
                claims.push(claim);
            }
        }
        self.ratio_only_claims(start, end, &used_ratios, claims);
    }

    /// "X% → Y%" and "from X% to Y%": (before, after); otherwise (None, index).
    fn pair_at(&self, index: usize, start: usize, end: usize) -> (Option<usize>, usize) {
        let is_figure = |position: usize| {
            position < end
                && self.tokens[position]
                    .figure()
                    .is_some_and(|figure| !figure.signed)
        };
        // The later figure may carry a comparison: "from 17.5% → >80%", "from 0% to ≥70%".
        let after_joiner = |joiner: usize| -> Option<usize> {
            let next = joiner + 1;
            if is_figure(next) {
                return Some(next);
            }
            let compared = next < end
                && matches!(self.tokens[next].kind, TokenKind::Comparator(_))
                && is_figure(next + 1);
            compared.then_some(next + 1)
        };
        if index + 1 < end && self.tokens[index + 1].kind == TokenKind::Arrow {
            if let Some(after) = after_joiner(index + 1) {
                return (Some(index), after);
            }
        }
        let after_from = index > start && self.lower_at(index - 1) == "from";
        if after_from && index + 1 < end && self.lower_at(index + 1) == "to" {
            if let Some(after) = after_joiner(index + 1) {
                return (Some(index), after);
            }
        }
        (None, index)
    }

    /// "Y% (from X%)", "Y% (up from X%)", "Y% (was X%)", "Y%, up from X%": the X figure.
    fn trailing_before(&self, main: usize, end: usize) -> Option<usize> {
        let mut position = main + 1;
        if position < end
            && matches!(
                self.tokens[position].kind,
                TokenKind::Open | TokenKind::Comma
            )
        {
            position += 1;
        } else {
            return None;
        }
        if position < end
            && self.tokens[position]
                .figure()
                .is_some_and(|figure| figure.signed)
        {
            position += 1;
        }
        if position < end && matches!(self.lower_at(position).as_str(), "up" | "down") {
            position += 1;
        }
        if position < end && matches!(self.lower_at(position).as_str(), "from" | "was") {
            position += 1;
        } else {
            return None;
        }
        (position < end
            && self.tokens[position]
                .figure()
                .is_some_and(|figure| !figure.signed && figure.upper.is_none()))
        .then_some(position)
    }

    fn classify_figure(
        &self,
        start: usize,
        end: usize,
        before: Option<usize>,
        main: usize,
        trailing_before: Option<usize>,
        previous: Option<&PreviousClaim>,
    ) -> Option<(Claim, FoundSubject, Option<usize>)> {
        let figure = self.tokens[main].figure()?;
        let first = before.unwrap_or(main);
        if figure.signed {
            return None;
        }
        let (label, label_word) = match self.nearest_label(start, first) {
            Some((class, word)) => (Some(class), Some(word)),
            None => (None, None),
        };
        let is_pair = before.is_some() || trailing_before.is_some();
        if label == Some(LabelClass::Before) && !is_pair {
            return None;
        }
        // "from 22.8%" with no "to": a starting point, not a level reached.
        if before.is_none() && first > start && self.lower_at(first - 1) == "from" {
            return None;
        }
        if self.is_negative(start, end, first, main) {
            return None;
        }
        let subject = self.find_subject(start, end, first, main, previous)?;
        let cue = self.kind_cue(start, end, first, main, figure);
        let is_goal =
            matches!(cue, Cue::Target(_)) || label == Some(LabelClass::Target) || self.options.goal;
        if !self.coverage_context_holds(start, &subject, is_goal) {
            return None;
        }
        let mut kind = match cue {
            Cue::Target(comparison) => ClaimKind::Target { comparison },
            _ if is_pair => ClaimKind::BeforeAfter,
            _ => ClaimKind::Measurement,
        };
        // "need 20% → 50%": a goal reached from a starting point.
        if before.is_some()
            && kind
                == (ClaimKind::Target {
                    comparison: TargetComparison::AtLeast,
                })
        {
            kind = ClaimKind::Target {
                comparison: TargetComparison::Reaches,
            };
        }
        let goal_by_label = label == Some(LabelClass::Target);
        let measured_by_label = label == Some(LabelClass::Measurement);
        if !kind.is_target()
            && cue != Cue::Past
            && (goal_by_label || (self.options.goal && !measured_by_label))
        {
            kind = ClaimKind::Target {
                comparison: if before.is_some() {
                    TargetComparison::Reaches
                } else {
                    TargetComparison::AtLeast
                },
            };
        }
        // "Increase main.py coverage from 70% to 90%" asks for a change; "increased" reports
        // one. Forward-looking documents read a bare arrow as a goal too.
        let asks_for_change = (first.saturating_sub(12).max(start)..first)
            .any(|position| RAISE_VERBS.contains(&self.lower_at(position).as_str()));
        if kind == ClaimKind::BeforeAfter
            && before.is_some()
            && (asks_for_change || self.options.planning)
            && !self.clause_has_past_word(start)
        {
            kind = ClaimKind::Target {
                comparison: TargetComparison::Reaches,
            };
        }
        if figure.upper.is_some() && !kind.is_target() {
            return None;
        }
        let ratio_found = self.find_ratio(start, end, first, main);
        let approximate = figure.approximate || self.approximate_word_before(start, first);
        let qualifier = self
            .options
            .qualifier
            .clone()
            .or_else(|| label_word.filter(|_| label == Some(LabelClass::Hedge)))
            .or_else(|| subject.scoped.then(|| "scoped".to_string()))
            .or_else(|| self.find_qualifier(start, end, first, main))
            .or_else(|| {
                // A plan's measurements describe the code before the planned work, which
                // a later report cannot refute.
                (self.options.planning && !kind.is_target()).then(|| PLANNING_QUALIFIER.to_string())
            });
        let before_figure = before
            .or(trailing_before)
            .and_then(|position| self.tokens[position].figure())
            .map(|before| (before.value, before.text.clone()));
        let span_start = self.tokens[first].start;
        let span_end = self.tokens[main].end;
        if span_start < self.prefix_length {
            return None;
        }
        let claim = Claim {
            subject: subject.subject.clone(),
            subject_text: subject.text.clone(),
            kind,
            claimed_percent: figure.value,
            claimed_text: written_figure(figure),
            decimals: figure.decimals,
            before_percent: before_figure,
            ratio: ratio_found.map(|(ratio, _)| ratio),
            approximate,
            qualifier,
            source: ClaimSource::Body { line: 0 },
            span: (
                span_start - self.prefix_length,
                span_end - self.prefix_length,
            ),
            context: self.context(start, end, first),
        };
        Some((claim, subject, ratio_found.map(|(_, token)| token)))
    }

    /// Claims written as a ratio only: "models.py: 224/230 lines covered".
    fn ratio_only_claims(&self, start: usize, end: usize, used: &[usize], claims: &mut Vec<Claim>) {
        let facts = self.facts(start);
        // A figure in the same clause already speaks for its subject.
        if !(facts.mentions_coverage || facts.mentions_executed) || facts.has_figure {
            return;
        }
        for index in start..end {
            let TokenKind::Ratio { part, whole } = self.tokens[index].kind else {
                continue;
            };
            if used.contains(&index) || whole == 0 || part > whole {
                continue;
            }
            if index + 1 >= end || !RATIO_UNITS.contains(&self.lower_at(index + 1).as_str()) {
                continue;
            }
            if self.is_negative(start, end, index, index) {
                continue;
            }
            let Some(subject) = self.find_subject(start, end, index, index + 1, None) else {
                continue;
            };
            if !matches!(subject.subject, ClaimSubject::File(_)) {
                continue;
            }
            let span_start = self.tokens[index].start;
            if span_start < self.prefix_length {
                continue;
            }
            claims.push(Claim {
                subject: subject.subject.clone(),
                subject_text: subject.text.clone(),
                kind: ClaimKind::Measurement,
                claimed_percent: 100.0 * part as f64 / whole as f64,
                claimed_text: format!("{part}/{whole}"),
                decimals: 2,
                before_percent: None,
                ratio: Some((part, whole)),
                approximate: false,
                qualifier: self
                    .options
                    .qualifier
                    .clone()
                    .or_else(|| self.find_qualifier(start, end, index, index)),
                source: ClaimSource::Body { line: 0 },
                span: (
                    span_start - self.prefix_length,
                    self.tokens[index].end - self.prefix_length,
                ),
                context: self.context(start, end, index),
            });
        }
    }

    fn lower_at(&self, position: usize) -> String {
        self.tokens
            .get(position)
            .map(Token::lower)
            .unwrap_or_default()
    }

    /// The class and word of the nearest label to the left of the figure in the clause;
    /// path labels ("models.py:") name the subject and are skipped.
    fn nearest_label(&self, start: usize, first: usize) -> Option<(LabelClass, String)> {
        // A label reaches the figures of its own line, not ones dozens of words on.
        let from = first.saturating_sub(LABEL_REACH).max(start);
        (from..first).rev().find_map(|position| {
            let token = &self.tokens[position];
            if !token.label || !token.is_word() || source_path_parts(&token.text).is_some() {
                return None;
            }
            let lower = token.lower();
            Some((label_class(&lower), lower))
        })
    }

    /// True when a nearby word says the percentage is not coverage.
    fn is_negative(&self, start: usize, end: usize, first: usize, main: usize) -> bool {
        if self.is_share_left_out(start, end, first, main) || self.is_change_amount(start, first) {
            return true;
        }
        if self.strongly_coverage_adjacent(start, end, first, main) {
            return false;
        }
        let mut position = first;
        let mut steps = 0;
        while position > start && steps < 4 {
            position -= 1;
            steps += 1;
            let token = &self.tokens[position];
            match &token.kind {
                TokenKind::Figure(_) => break,
                TokenKind::Word => {
                    if source_path_parts(&token.text).is_some() {
                        break;
                    }
                    if NEGATIVE_WORDS.contains(&token.lower().as_str()) {
                        return true;
                    }
                }
                TokenKind::Ratio { .. } => {
                    let unit = self.lower_at(position + 1);
                    if position + 1 < first && !RATIO_UNITS.contains(&unit.as_str()) {
                        return true;
                    }
                }
                _ => {}
            }
        }
        let mut position = main + 1;
        let mut steps = 0;
        while position < end && steps < 3 {
            let token = &self.tokens[position];
            match &token.kind {
                TokenKind::Figure(_) => break,
                TokenKind::Word => {
                    if source_path_parts(&token.text).is_some() {
                        break;
                    }
                    let lower = token.lower();
                    if NEGATIVE_WORDS.contains(&lower.as_str()) {
                        return true;
                    }
                    // Only the word right after the figure can make it a share of
                    // something else ("50% faster", "98% of tests", "12% of the codebase").
                    if steps == 0 && RIGHT_NEGATIVE_WORDS.contains(&lower.as_str()) {
                        if lower != "of" {
                            return true;
                        }
                        let next = self.lower_at(position + 1);
                        let next_names_code = OF_CODE_NOUNS.contains(&next.as_str())
                            || self
                                .tokens
                                .get(position + 1)
                                .is_some_and(|token| source_path_parts(&token.text).is_some());
                        if !next_names_code || !self.facts(start).mentions_coverage {
                            return true;
                        }
                    }
                }
                _ => {}
            }
            position += 1;
            steps += 1;
        }
        false
    }

    /// "missing 12% coverage", "3% uncovered", "a gap of 4%": the share left out, which
    /// no coverage word next to it turns into a level.
    fn is_share_left_out(&self, start: usize, end: usize, first: usize, main: usize) -> bool {
        let left = (first.saturating_sub(2).max(start)..first)
            .any(|position| LEFT_OUT_WORDS.contains(&self.lower_at(position).as_str()));
        let right = main + 1 < end && LEFT_OUT_WORDS.contains(&self.lower_at(main + 1).as_str());
        left || right
    }

    /// "improved by 5%", "coverage dropped 3%", "up 11%": an amount of change, not a level.
    fn is_change_amount(&self, start: usize, first: usize) -> bool {
        let mut position = first;
        while position > start {
            position -= 1;
            let token = &self.tokens[position];
            let lower = token.lower();
            if token.kind == TokenKind::Colon || APPROXIMATE_WORDS.contains(&lower.as_str()) {
                continue;
            }
            return CHANGE_WORDS.contains(&lower.as_str());
        }
        false
    }

    /// "97% coverage", "coverage: 97%", "coverage of 97%": the figure is coverage whatever
    /// else the sentence says.
    fn strongly_coverage_adjacent(
        &self,
        start: usize,
        end: usize,
        first: usize,
        main: usize,
    ) -> bool {
        if main + 1 < end && is_coverage_word(&self.lower_at(main + 1)) {
            return true;
        }
        let mut position = first;
        let mut steps = 0;
        while position > start && steps < 2 {
            position -= 1;
            steps += 1;
            let token = &self.tokens[position];
            match token.kind {
                TokenKind::Colon | TokenKind::Comparator(_) => continue,
                TokenKind::Word => {
                    let lower = token.lower();
                    if is_coverage_word(&lower) {
                        return true;
                    }
                    if !matches!(lower.as_str(), "at" | "of" | "is" | "was") {
                        return false;
                    }
                }
                _ => return false,
            }
        }
        false
    }

    fn find_subject(
        &self,
        start: usize,
        end: usize,
        first: usize,
        main: usize,
        previous: Option<&PreviousClaim>,
    ) -> Option<FoundSubject> {
        match self.scan_left_for_subject(start, first) {
            LeftScan::Found(subject) => return Some(subject),
            LeftScan::Figure(position) => {
                if let Some(previous) = previous {
                    let belongs = position >= previous.first && position <= previous.last;
                    if belongs && self.only_inheritable_between(previous.last + 1, first) {
                        return Some(previous.subject.clone());
                    }
                }
            }
            LeftScan::Stopped | LeftScan::Nothing => {}
        }
        self.scan_right_for_subject(main, end)
    }

    fn scan_left_for_subject(&self, start: usize, first: usize) -> LeftScan {
        let mut position = first;
        let mut steps = 0;
        while position > start && steps < 12 {
            position -= 1;
            steps += 1;
            let token = &self.tokens[position];
            match &token.kind {
                TokenKind::Figure(_) => return LeftScan::Figure(position),
                TokenKind::Word => {}
                _ => continue,
            }
            if let Some((path, region)) = source_path_parts(&token.text) {
                if is_test_path(&path) && !self.options.allow_test_files {
                    return LeftScan::Stopped;
                }
                // "models.py and views.py: 90%" is one figure for two files.
                if self.joined_to_another_path(start, position) {
                    return LeftScan::Stopped;
                }
                let adjacent = self.is_adjacent(position, first);
                let near = first - position <= 5;
                if let Some(region) = region {
                    return LeftScan::Found(FoundSubject {
                        subject: ClaimSubject::Region {
                            name: region.clone(),
                            file: Some(path),
                        },
                        text: region,
                        adjacent,
                        near,
                        scoped: false,
                    });
                }
                // "WorkflowEngine in workflow_engine.py: 75%" is about the class.
                if let Some(region) = self.region_before_path(start, position) {
                    return LeftScan::Found(FoundSubject {
                        subject: ClaimSubject::Region {
                            name: region.clone(),
                            file: Some(path),
                        },
                        text: region,
                        adjacent,
                        near,
                        scoped: false,
                    });
                }
                return LeftScan::Found(FoundSubject {
                    subject: ClaimSubject::File(path.clone()),
                    text: path,
                    adjacent,
                    near,
                    scoped: false,
                });
            }
            if let Some(name) = self.region_name_at(position) {
                return LeftScan::Found(FoundSubject {
                    subject: ClaimSubject::Region {
                        name: name.clone(),
                        file: None,
                    },
                    text: name,
                    adjacent: false,
                    near: false,
                    scoped: false,
                });
            }
            let lower = token.lower();
            let distance = first - position;
            if token.label {
                if TOTAL_WORDS.contains(&lower.as_str()) {
                    let mut subject = total_subject(&token.text);
                    subject.scoped = self.total_is_scoped(position, first);
                    return LeftScan::Found(subject);
                }
                if is_module_name(&token.text) && distance <= 4 {
                    return LeftScan::Found(unknown_subject(&token.text));
                }
                if label_passes(&lower) {
                    continue;
                }
                return LeftScan::Stopped;
            }
            if COUNT_NOUNS.contains(&lower.as_str()) {
                return LeftScan::Stopped;
            }
            // "28% overall coverage and 50% per-file": the total word describes the figure
            // right before it, not this one.
            if TOTAL_WORDS.contains(&lower.as_str())
                && position > start
                && self.tokens[position - 1].figure().is_some()
            {
                return LeftScan::Figure(position - 1);
            }
            if TOTAL_WORDS.contains(&lower.as_str()) && self.total_word_counts(position, first) {
                let mut subject = total_subject(&token.text);
                subject.scoped = self.total_is_scoped(position, first);
                return LeftScan::Found(subject);
            }
            // "Coverage measured at 15.70%".
            if lower == "at"
                && position >= start + 2
                && self.lower_at(position - 1) == "measured"
                && is_coverage_word(&self.lower_at(position - 2))
            {
                return LeftScan::Found(total_subject("coverage measured at"));
            }
            if is_module_name(&token.text) && distance <= 4 {
                return LeftScan::Found(unknown_subject(&token.text));
            }
        }
        LeftScan::Nothing
    }

    fn scan_right_for_subject(&self, main: usize, end: usize) -> Option<FoundSubject> {
        let mut position = main + 1;
        let mut steps = 0;
        while position < end && steps < 6 {
            let token = &self.tokens[position];
            match &token.kind {
                TokenKind::Word => {
                    if let Some((path, region)) = source_path_parts(&token.text) {
                        if is_test_path(&path) && !self.options.allow_test_files {
                            return None;
                        }
                        return Some(match region {
                            Some(region) => FoundSubject {
                                subject: ClaimSubject::Region {
                                    name: region.clone(),
                                    file: Some(path),
                                },
                                text: region,
                                adjacent: false,
                                near: true,
                                scoped: false,
                            },
                            None => FoundSubject {
                                subject: ClaimSubject::File(path.clone()),
                                text: path,
                                adjacent: false,
                                near: true,
                                scoped: false,
                            },
                        });
                    }
                    let lower = token.lower();
                    if TOTAL_WORDS.contains(&lower.as_str()) {
                        let next_is_coverage = is_coverage_word(&self.lower_at(position + 1));
                        let previous_is_coverage =
                            position > main + 1 && is_coverage_word(&self.lower_at(position - 1));
                        if steps == 0 || next_is_coverage || previous_is_coverage {
                            return Some(total_subject(&token.text));
                        }
                        return None;
                    }
                    let after_kind_word = position > main + 1
                        && matches!(
                            self.lower_at(position - 1).as_str(),
                            "class" | "function" | "method" | "of" | "for" | "on" | "in"
                        );
                    if after_kind_word {
                        if let Some(name) = self.region_name_at(position) {
                            return Some(FoundSubject {
                                subject: ClaimSubject::Region {
                                    name: name.clone(),
                                    file: None,
                                },
                                text: name,
                                adjacent: false,
                                near: false,
                                scoped: false,
                            });
                        }
                    }
                    if !RIGHT_CONNECTORS.contains(&lower.as_str()) {
                        return None;
                    }
                }
                TokenKind::Open => {
                    let path = self
                        .tokens
                        .get(position + 1)
                        .and_then(|token| source_path_parts(&token.text));
                    let closed = self
                        .tokens
                        .get(position + 2)
                        .is_some_and(|token| token.kind == TokenKind::Close);
                    if let (Some((path, None)), true) = (path, closed) {
                        if is_test_path(&path) && !self.options.allow_test_files {
                            return None;
                        }
                        return Some(FoundSubject {
                            subject: ClaimSubject::File(path.clone()),
                            text: path,
                            adjacent: false,
                            near: true,
                            scoped: false,
                        });
                    }
                    return None;
                }
                _ => return None,
            }
            position += 1;
            steps += 1;
        }
        None
    }

    /// The path follows "and", "&", "or" or "," after another path.
    fn joined_to_another_path(&self, start: usize, position: usize) -> bool {
        if position < start + 2 {
            return false;
        }
        let joiner = &self.tokens[position - 1];
        let joins = joiner.kind == TokenKind::Comma
            || matches!(joiner.lower().as_str(), "and" | "&" | "or" | "+");
        joins && source_path_parts(&self.tokens[position - 2].text).is_some()
    }

    /// "Overall coverage for the core package: 45%" is a total of part of the code.
    fn total_is_scoped(&self, total_position: usize, first: usize) -> bool {
        ((total_position + 1)..first).any(|position| {
            let lower = self.lower_at(position);
            let scoping = matches!(lower.as_str(), "for" | "in" | "within" | "of");
            let followed_by_name = self.tokens.get(position + 1).is_some_and(|next| {
                next.is_word() && {
                    let next_lower = next.lower();
                    !is_coverage_word(&next_lower) && !TOTAL_WORDS.contains(&next_lower.as_str())
                }
            });
            scoping && position + 1 < first && followed_by_name
        })
    }

    /// A function or class name right before a path: "WorkflowEngine in engine.py",
    /// "WorkflowEngine (engine.py)".
    fn region_before_path(&self, start: usize, path_position: usize) -> Option<String> {
        let mut position = path_position;
        let mut steps = 0;
        while position > start && steps < 2 {
            position -= 1;
            steps += 1;
            let token = &self.tokens[position];
            match token.kind {
                TokenKind::Open => continue,
                TokenKind::Word
                    if matches!(token.lower().as_str(), "in" | "of" | "from" | "inside") =>
                {
                    continue
                }
                TokenKind::Word => return self.region_name_at(position),
                _ => return None,
            }
        }
        None
    }

    /// The function or class name a word spells, if it spells one: a dotted name
    /// (`Cls.meth`), a call (`execute()`), a CamelCase class, or any identifier right
    /// after "class", "function", "method" or "def".
    fn region_name_at(&self, position: usize) -> Option<String> {
        let token = self.tokens.get(position)?;
        if !token.is_word() || source_path_parts(&token.text).is_some() {
            return None;
        }
        let name = token.text.trim_matches(is_wrapping).trim_end_matches("()");
        if name.is_empty() {
            return None;
        }
        let after_kind_word = position > 0
            && matches!(
                self.lower_at(position - 1).as_str(),
                "class" | "function" | "method" | "def" | "func" | "fn"
            );
        let dotted = is_dotted_identifier(name);
        let call = token.call && is_identifier(name);
        let camel = is_camel_case(name);
        let named_by_kind_word = after_kind_word && is_identifier(name) && name.len() > 1;
        (dotted || call || camel || named_by_kind_word).then(|| name.to_string())
    }

    /// The path and the figure are a coverage-list pair: only glue words, punctuation and
    /// at most three tokens between them.
    fn is_adjacent(&self, path_position: usize, first: usize) -> bool {
        if first - path_position > 4 {
            return false;
        }
        ((path_position + 1)..first).all(|position| {
            let token = &self.tokens[position];
            match &token.kind {
                TokenKind::Colon
                | TokenKind::Open
                | TokenKind::Dash
                | TokenKind::Comparator(_)
                | TokenKind::Close => true,
                TokenKind::Word => {
                    let lower = token.lower();
                    ADJACENT_GLUE.contains(&lower.as_str()) || is_coverage_word(&lower)
                }
                _ => false,
            }
        })
    }

    /// "overall" and "total" name the total only next to a coverage word or the figure.
    fn total_word_counts(&self, position: usize, first: usize) -> bool {
        if self.tokens[position].text == "TOTAL" || first - position <= 2 {
            return true;
        }
        let low = position.saturating_sub(2);
        let high = (position + 2).min(self.tokens.len().saturating_sub(1));
        (low..=high).any(|near| near != position && is_coverage_word(&self.lower_at(near)))
    }

    fn only_inheritable_between(&self, from: usize, to: usize) -> bool {
        (from..to).all(|position| {
            let token = &self.tokens[position];
            match &token.kind {
                TokenKind::Comma
                | TokenKind::Open
                | TokenKind::Close
                | TokenKind::Colon
                | TokenKind::Dash
                | TokenKind::Arrow
                | TokenKind::Comparator(_) => true,
                TokenKind::Word => {
                    let lower = token.lower();
                    INHERIT_WORDS.contains(&lower.as_str()) || is_coverage_word(&lower)
                }
                _ => false,
            }
        })
    }

    /// The clause speaks of coverage, or the figure sits next to its file as in coverage
    /// lists. Goals get a little more room ("models.py must stay above 90%"): a goal never
    /// becomes a mismatch, so a looser reading costs no precision.
    fn coverage_context_holds(&self, start: usize, subject: &FoundSubject, is_goal: bool) -> bool {
        let context = self.facts(start).mentions_coverage || self.options.coverage_context;
        match &subject.subject {
            ClaimSubject::File(_) => context || subject.adjacent || (is_goal && subject.near),
            ClaimSubject::Total => {
                context || self.unit_mentions_coverage || subject.text == "TOTAL"
            }
            ClaimSubject::Region { .. } | ClaimSubject::Unknown => {
                context || self.unit_mentions_coverage
            }
        }
    }

    fn kind_cue(
        &self,
        start: usize,
        end: usize,
        first: usize,
        main: usize,
        figure: &Figure,
    ) -> Cue {
        // A comparison symbol right before the figure: "coverage >= 50%", or before the
        // later figure of a pair: "from 17.5% → >80%".
        let compared_at =
            if main > first && matches!(self.tokens[main - 1].kind, TokenKind::Comparator(_)) {
                Some(main - 1)
            } else if first > start {
                Some(first - 1)
            } else {
                None
            };
        if let Some(position) = compared_at {
            if let TokenKind::Comparator(comparator) = self.tokens[position].kind {
                match comparator {
                    Comparator::AtLeast | Comparator::Greater => {
                        return Cue::Target(TargetComparison::AtLeast)
                    }
                    Comparator::AtMost | Comparator::Less => {
                        return Cue::Target(TargetComparison::AtMost)
                    }
                    Comparator::Equal => {}
                }
            }
        }
        // A target word right after it: "28% target", "50% coverage goal".
        let mut position = main + 1;
        let mut steps = 0;
        while position < end && steps < 3 {
            let lower = self.lower_at(position);
            if RIGHT_TARGET_WORDS.contains(&lower.as_str()) {
                return Cue::Target(TargetComparison::AtLeast);
            }
            if lower == "or" {
                let next = self.lower_at(position + 1);
                if matches!(
                    next.as_str(),
                    "more" | "higher" | "better" | "above" | "greater" | "over"
                ) {
                    return Cue::Target(TargetComparison::AtLeast);
                }
                if matches!(
                    next.as_str(),
                    "less" | "lower" | "below" | "under" | "fewer"
                ) {
                    return Cue::Target(TargetComparison::AtMost);
                }
            }
            let skippable = is_coverage_word(&lower)
                || TOTAL_WORDS.contains(&lower.as_str())
                || matches!(lower.as_str(), "line" | "statement" | "per-file");
            if !skippable {
                break;
            }
            position += 1;
            steps += 1;
        }
        if figure.plus_after {
            return Cue::Target(TargetComparison::AtLeast);
        }
        // Words on the left, nearest first.
        let mut position = first;
        let mut steps = 0;
        while position > start && steps < 4 {
            position -= 1;
            steps += 1;
            let token = &self.tokens[position];
            match &token.kind {
                TokenKind::Figure(_) => break,
                TokenKind::Word => {}
                _ => continue,
            }
            if source_path_parts(&token.text).is_some() {
                break;
            }
            let lower = token.lower();
            let previous = if position > start {
                self.lower_at(position - 1)
            } else {
                String::new()
            };
            match lower.as_str() {
                "least" if previous == "at" => return Cue::Target(TargetComparison::AtLeast),
                "most" if previous == "at" => return Cue::Target(TargetComparison::AtMost),
                "than" if matches!(previous.as_str(), "more" | "greater" | "higher") => {
                    return Cue::Target(TargetComparison::AtLeast)
                }
                "than" if matches!(previous.as_str(), "less" | "lower" | "fewer") => {
                    return Cue::Target(TargetComparison::AtMost)
                }
                "exactly" => return Cue::Target(TargetComparison::Exactly),
                "to" => {
                    let verb_near = (position.saturating_sub(3).max(start)..position)
                        .any(|near| RAISE_VERBS.contains(&self.lower_at(near).as_str()));
                    if verb_near {
                        return Cue::Target(TargetComparison::Reaches);
                    }
                }
                _ => {}
            }
            if LEFT_AT_LEAST.contains(&lower.as_str()) {
                return Cue::Target(TargetComparison::AtLeast);
            }
            if LEFT_REACHES.contains(&lower.as_str()) {
                return Cue::Target(TargetComparison::Reaches);
            }
            if LEFT_AT_MOST.contains(&lower.as_str()) {
                return Cue::Target(TargetComparison::AtMost);
            }
            if PAST_WORDS.contains(&lower.as_str()) {
                return Cue::Past;
            }
        }
        Cue::None
    }

    fn clause_has_past_word(&self, start: usize) -> bool {
        self.facts(start).has_past_word
    }

    fn facts(&self, position: usize) -> ClauseFacts {
        self.clause_facts.get(position).copied().unwrap_or_default()
    }

    /// A covered/statements ratio stated next to the figure: "(236/654 lines)",
    /// "236 of 654 statements", "35.10% (236/654)". Returns the ratio and its token.
    fn find_ratio(
        &self,
        start: usize,
        end: usize,
        first: usize,
        main: usize,
    ) -> Option<((u64, u64), usize)> {
        let low = first.saturating_sub(6).max(start);
        let high = (main + 7).min(end);
        for position in low..high {
            if position >= first && position <= main {
                continue;
            }
            let between_has_other = {
                let (from, to) = if position < first {
                    (position + 1, first)
                } else {
                    (main + 1, position)
                };
                (from..to).any(|near| {
                    let token = &self.tokens[near];
                    token.figure().is_some() || source_path_parts(&token.text).is_some()
                })
            };
            if between_has_other {
                continue;
            }
            match self.tokens[position].kind {
                TokenKind::Ratio { part, whole } if whole > 0 && part <= whole => {
                    let unit_follows = RATIO_UNITS.contains(&self.lower_at(position + 1).as_str());
                    let bare_in_parentheses = position == main + 2
                        && self.tokens[main + 1].kind == TokenKind::Open
                        && self
                            .tokens
                            .get(position + 1)
                            .is_some_and(|token| token.kind == TokenKind::Close);
                    if unit_follows || bare_in_parentheses {
                        return Some(((part, whole), position));
                    }
                }
                TokenKind::Number => {
                    let of_follows = self.lower_at(position + 1) == "of";
                    let whole_token = self.tokens.get(position + 2);
                    let unit_follows = RATIO_UNITS.contains(&self.lower_at(position + 3).as_str());
                    if of_follows && unit_follows {
                        if let Some(whole_token) =
                            whole_token.filter(|token| token.kind == TokenKind::Number)
                        {
                            let part = self.tokens[position].text.parse::<u64>().ok();
                            let whole = whole_token.text.parse::<u64>().ok();
                            if let (Some(part), Some(whole)) = (part, whole) {
                                if whole > 0 && part <= whole {
                                    return Some(((part, whole), position));
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        None
    }

    fn approximate_word_before(&self, start: usize, first: usize) -> bool {
        let mut position = first;
        let mut steps = 0;
        while position > start && steps < 2 {
            position -= 1;
            steps += 1;
            let token = &self.tokens[position];
            if token.kind == TokenKind::Colon {
                continue;
            }
            return APPROXIMATE_WORDS.contains(&token.lower().as_str());
        }
        false
    }

    fn find_qualifier(
        &self,
        start: usize,
        end: usize,
        first: usize,
        main: usize,
    ) -> Option<String> {
        let mut position = first;
        let mut steps = 0;
        while position > start && steps < 6 {
            position -= 1;
            steps += 1;
            let token = &self.tokens[position];
            if token.figure().is_some() || source_path_parts(&token.text).is_some() {
                break;
            }
            let lower = token.lower();
            if QUALIFIER_WORDS.contains(&lower.as_str()) {
                return Some(lower);
            }
        }
        let mut position = main + 1;
        let mut steps = 0;
        while position < end && steps < 4 {
            let token = &self.tokens[position];
            if token.figure().is_some() || source_path_parts(&token.text).is_some() {
                break;
            }
            let lower = token.lower();
            if QUALIFIER_WORDS.contains(&lower.as_str()) {
                return Some(lower);
            }
            position += 1;
            steps += 1;
        }
        None
    }

    /// The clause around the figure, without the prefix, trimmed to 200 characters.
    fn context(&self, start: usize, end: usize, first: usize) -> String {
        // Only a window around the figure is looked at, so a huge clause with many figures
        // costs no more per claim than a short one.
        const WINDOW: usize = 400;
        let focus_byte = self.tokens[first].start;
        let mut clause_start = self.tokens[start]
            .start
            .max(self.prefix_length)
            .max(focus_byte.saturating_sub(WINDOW));
        while !self.unit.is_char_boundary(clause_start) {
            clause_start += 1;
        }
        let mut clause_end = self.tokens[end - 1]
            .end
            .min(focus_byte + WINDOW)
            .max(clause_start)
            .min(self.unit.len());
        while !self.unit.is_char_boundary(clause_end) {
            clause_end -= 1;
        }
        let text = self.unit.get(clause_start..clause_end).unwrap_or_default();
        let focus = focus_byte.saturating_sub(clause_start);
        trimmed_context(text, focus)
    }
}

/// A clause trimmed of list markers and emphasis, at most 200 characters, keeping the
/// part around `focus` (a byte offset into `text`) when it has to cut.
pub(super) fn trimmed_context(text: &str, focus: usize) -> String {
    const LIMIT: usize = 200;
    let trimmed_start = text.len() - text.trim_start().len();
    let text = text.trim();
    let focus = focus.saturating_sub(trimmed_start);
    // Emphasis marks are noise in a one-line context; dropping them moves the focus a bit.
    let emphasis_before_focus = text
        .get(..focus.min(text.len()))
        .map_or(0, |before| before.matches("**").count() * 2);
    let owned = text.replace("**", "");
    let text = owned.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let focus = focus.saturating_sub(emphasis_before_focus);
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    if characters.len() <= LIMIT {
        return text.to_string();
    }
    let focus_index = characters
        .iter()
        .position(|(offset, _)| *offset >= focus)
        .unwrap_or(0);
    let first = focus_index
        .saturating_sub(LIMIT / 2)
        .min(characters.len() - (LIMIT - 2));
    let last = (first + LIMIT - 2).min(characters.len());
    let mut context = String::new();
    if first > 0 {
        context.push('…');
    }
    context.extend(
        characters[first..last]
            .iter()
            .map(|(_, character)| character),
    );
    if last < characters.len() {
        context.push('…');
    }
    context
}

fn label_class(lower: &str) -> LabelClass {
    let word = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    if word.starts_with("pre-") || word.starts_with("pre_") {
        return LabelClass::Before;
    }
    if word.starts_with("post-") || word.starts_with("post_") {
        return LabelClass::Measurement;
    }
    match word {
        "before" | "baseline" | "starting" | "start" | "previous" | "previously" | "was"
        | "initial" | "initially" | "original" | "originally" | "old" | "pre" | "prior"
        | "from" | "earlier" => LabelClass::Before,
        "issue" | "issues" | "problem" | "problems" | "cause" | "symptom" | "bug" | "finding"
        | "discovered" | "claimed" | "claims" | "claim" | "reported" | "estimated" | "estimate"
        | "projected" | "projection" => LabelClass::Hedge,
        "target" | "targets" | "goal" | "goals" | "expected" | "expectation" | "required"
        | "requirement" | "requirements" | "minimum" | "min" | "threshold" | "criteria"
        | "criterion" | "truth" | "truths" | "must-have" | "must-haves" | "need" | "needed"
        | "aim" | "objective" => LabelClass::Target,
        "current" | "currently" | "now" | "measured" | "actual" | "achieved" | "after"
        | "result" | "results" | "final" | "reached" | "got" | "today" | "latest" | "post"
        | "evidence" => LabelClass::Measurement,
        _ => LabelClass::Neutral,
    }
}

/// Labels that do not name a subject, so the search for one goes on past them.
fn label_passes(lower: &str) -> bool {
    if label_class(lower) != LabelClass::Neutral {
        return true;
    }
    let word = lower.trim_matches(|c: char| !c.is_alphanumeric());
    is_coverage_word(word)
        || matches!(
            word,
            "line"
                | "lines"
                | "statement"
                | "statements"
                | "percent"
                | "percentage"
                | "value"
                | "level"
                | "status"
                | "class"
                | "function"
                | "method"
        )
}

fn total_subject(text: &str) -> FoundSubject {
    subject_without_placement(ClaimSubject::Total, text)
}

fn unknown_subject(text: &str) -> FoundSubject {
    subject_without_placement(ClaimSubject::Unknown, text)
}

/// A subject that was not found next to its figure (totals and unnamed subjects).
fn subject_without_placement(subject: ClaimSubject, text: &str) -> FoundSubject {
    FoundSubject {
        subject,
        text: text.trim_matches(is_wrapping).to_string(),
        adjacent: false,
        near: false,
        scoped: false,
    }
}

fn written_figure(figure: &Figure) -> String {
    match &figure.upper {
        Some((_, upper)) => format!("{}-{}", figure.text, upper),
        None => figure.text.clone(),
    }
}

fn is_wrapping(character: char) -> bool {
    matches!(
        character,
        '*' | '`' | '"' | '\'' | '[' | ']' | '(' | ')' | '“' | '”' | '‘' | '’'
    )
}

fn is_identifier(name: &str) -> bool {
    let mut characters = name.chars();
    characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && characters.all(|character| character.is_ascii_alphanumeric() || character == '_')
}

/// `Cls.meth`, `pkg.Cls`: two or more identifier parts, not a file name or a domain.
fn is_dotted_identifier(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|part| is_identifier(part) && part.len() >= 2)
        && parts
            .last()
            .is_some_and(|last| !NOT_CODE_ENDINGS.contains(&last.to_ascii_lowercase().as_str()))
        && !SOURCE_EXTENSIONS.contains(&parts[parts.len() - 1].to_ascii_lowercase().as_str())
}

/// `WorkflowEngine`, `BYOKHandler`: a capital, a lower-case letter and another capital.
fn is_camel_case(name: &str) -> bool {
    let mut characters = name.chars();
    let starts_upper = characters
        .next()
        .is_some_and(|first| first.is_ascii_uppercase());
    starts_upper
        && is_identifier(name)
        && name.chars().any(|character| character.is_ascii_lowercase())
        && name
            .chars()
            .skip(1)
            .any(|character| character.is_ascii_uppercase())
}

/// A snake_case module-like name without an extension: `workflow_engine`.
fn is_module_name(text: &str) -> bool {
    let name = text.trim_matches(is_wrapping);
    is_identifier(name)
        && name.contains('_')
        && name.chars().any(|character| character.is_ascii_lowercase())
        && !name.chars().any(|character| character.is_ascii_uppercase())
        && name.trim_matches('_').len() > 2
}
