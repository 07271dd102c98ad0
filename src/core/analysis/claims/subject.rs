//! What a figure is about: a source path, a function or class, a module name, or the total,
//! found by looking left of the figure, then right ("97% coverage on models.py"), or taken
//! from the claim before it in the clause ("9.17%, target 50%").
use super::lexicon::{context_of, is, is_coverage_word, Role};
use super::tokens::TokenKind;
use super::window::Clause;
use super::ClaimSubject;
use crate::core::text::looks_like_source_path;

/// A subject as found in the text.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct FoundSubject {
    pub subject: ClaimSubject,
    pub text: String,
    /// The path sits right next to the figure, as in coverage lists.
    pub adjacent: bool,
    /// The path is within a few words of the figure.
    pub near: bool,
    /// A total limited to part of the code ("overall coverage for the API").
    pub scoped: bool,
}

/// The previous claim of a clause, whose subject a later figure may share.
pub(super) struct Previous {
    pub subject: FoundSubject,
    pub first: usize,
    pub last: usize,
}

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

/// How far from a figure its subject is looked for, in tokens.
const LEFT_REACH: usize = 12;
const RIGHT_REACH: usize = 6;

/// The subject of the figure spanning `first..=main`, if the clause names one.
pub(super) fn find_subject(
    clause: &Clause,
    first: usize,
    main: usize,
    previous: Option<&Previous>,
    skipped: &[bool],
    allow_test_files: bool,
) -> Option<FoundSubject> {
    let skipped_at = |position: usize| {
        position
            .checked_sub(clause.start)
            .and_then(|index| skipped.get(index))
            .copied()
            .unwrap_or(false)
    };
    let mut blocking_figure = None;
    for position in clause.left(first, LEFT_REACH) {
        let Some(token) = clause.token(position) else {
            break;
        };
        if token.figure().is_some() {
            if skipped_at(position) {
                continue;
            }
            blocking_figure = Some(position);
            break;
        }
        if !token.is_word() {
            continue;
        }
        match subject_word_left(clause, position, first, allow_test_files) {
            Step::Found(subject) => return Some(subject),
            Step::Stop => return None,
            Step::Figure(at) => {
                blocking_figure = Some(at);
                break;
            }
            Step::Next => {}
        }
    }
    if let (Some(at), Some(previous)) = (blocking_figure, previous) {
        let belongs = (previous.first..=previous.last).contains(&at);
        let between_inherits = ((previous.last + 1)..first).all(|position| {
            let word = clause.word(position);
            match clause.kind(position) {
                Some(TokenKind::Word) => is(word, Role::Inherit) || is_coverage_word(word),
                Some(TokenKind::Figure(_)) => skipped_at(position),
                Some(TokenKind::Ratio { .. } | TokenKind::Number | TokenKind::Boundary) | None => {
                    false
                }
                Some(_) => true,
            }
        });
        if belongs && between_inherits {
            return Some(previous.subject.clone());
        }
    }
    subject_right(clause, main, allow_test_files)
}

enum Step {
    Found(FoundSubject),
    Stop,
    /// A total word describing the figure before it ("28% overall and 50% per file").
    Figure(usize),
    Next,
}

/// What the word at `position`, left of the figure starting at `first`, says.
fn subject_word_left(
    clause: &Clause,
    position: usize,
    first: usize,
    allow_test_files: bool,
) -> Step {
    let token = &clause.tokens[position];
    let lower = token.lower();
    if let Some((path, region)) = source_path_parts(&token.text) {
        // "models.py and views.py: 90%" is one figure for two files; a test file's figure
        // in prose is a pass rate or the coverage of the code it tests.
        if (is_test_path(&path) && !allow_test_files) || joined_to_another_path(clause, position) {
            return Step::Stop;
        }
        let adjacent = is_adjacent(clause, position, first);
        let near = first - position <= 5;
        // "WorkflowEngine in workflow_engine.py: 75%" is about the class.
        let region = region.or_else(|| region_before_path(clause, position));
        return Step::Found(placed(path_subject((path, region)), adjacent, near));
    }
    if let Some(name) = region_name_at(clause, position) {
        let adjacent = token.label && is_adjacent(clause, position, first);
        return Step::Found(placed(named(name), adjacent, false));
    }
    let distance = first - position;
    if token.label {
        if is(lower, Role::Total) {
            return Step::Found(total(clause, position, first, &token.text));
        }
        if is_module_name(&token.text) && distance <= 4 {
            return Step::Found(unplaced(
                ClaimSubject::Module(token.text.clone()),
                &token.text,
            ));
        }
        let passes =
            is(lower, Role::NeutralLabel) || is_coverage_word(lower) || context_of(lower).is_some();
        return if passes { Step::Next } else { Step::Stop };
    }
    if is(lower, Role::CountNoun) {
        return Step::Stop;
    }
    if is(lower, Role::Total) {
        if position > clause.start && clause.is_figure(position - 1) {
            return Step::Figure(position - 1);
        }
        // "overall" and "total" name the total only next to a coverage word or the figure.
        let near_coverage = (position.saturating_sub(2)..=position + 2)
            .any(|near| near != position && is_coverage_word(clause.word(near)));
        if token.text == "TOTAL" || distance <= 2 || near_coverage {
            return Step::Found(total(clause, position, first, &token.text));
        }
    }
    // "Coverage measured at 15.70%".
    if lower == "at"
        && position >= clause.start + 2
        && clause.word(position - 1) == "measured"
        && is_coverage_word(clause.word(position - 2))
    {
        return Step::Found(unplaced(ClaimSubject::Total, "coverage measured at"));
    }
    if is_module_name(&token.text) && distance <= 4 {
        return Step::Found(unplaced(
            ClaimSubject::Module(token.text.clone()),
            &token.text,
        ));
    }
    Step::Next
}

/// A subject after the figure: "97% coverage on models.py", "50% overall", "75% of class X",
/// "44% of the code".
fn subject_right(clause: &Clause, main: usize, allow_test_files: bool) -> Option<FoundSubject> {
    let whole_code = clause.word(main + 1) == "of"
        && matches!(
            (clause.word(main + 2), clause.word(main + 3)),
            ("the" | "all", "code" | "codebase" | "source") | ("code" | "codebase", _)
        );
    if whole_code {
        return Some(unplaced(ClaimSubject::Total, "of the code"));
    }
    for (steps, position) in clause.right(main, RIGHT_REACH).enumerate() {
        let token = clause.token(position)?;
        match token.kind {
            TokenKind::Word => {}
            TokenKind::Open => {
                // "47% (models.py)".
                let (path, region) = source_path_parts(&clause.token(position + 1)?.text)?;
                let closed = clause.kind(position + 2) == Some(&TokenKind::Close);
                if !closed || region.is_some() || (is_test_path(&path) && !allow_test_files) {
                    return None;
                }
                return Some(placed(path_subject((path, None)), false, true));
            }
            _ => return None,
        }
        if let Some((path, region)) = source_path_parts(&token.text) {
            let test = is_test_path(&path) && !allow_test_files;
            return (!test).then(|| placed(path_subject((path, region)), false, true));
        }
        let lower = token.lower();
        if is(lower, Role::Total) {
            let coverage_around = is_coverage_word(clause.word(position + 1))
                || (steps > 0 && is_coverage_word(clause.word(position - 1)));
            return (steps == 0 || coverage_around)
                .then(|| unplaced(ClaimSubject::Total, &token.text));
        }
        let after_kind_word = steps > 0
            && (is(clause.word(position - 1), Role::KindWord)
                || matches!(clause.word(position - 1), "of" | "for" | "on" | "in"));
        if let Some(name) = region_name_at(clause, position).filter(|_| after_kind_word) {
            return Some(placed(named(name), false, false));
        }
        if !is(lower, Role::Connector) {
            return None;
        }
    }
    None
}

/// A file, or a function or class in it when one is named (`models.py::User`).
pub(super) fn path_subject((path, region): (String, Option<String>)) -> (ClaimSubject, String) {
    match region {
        Some(name) => (
            ClaimSubject::Region {
                name: name.clone(),
                file: Some(path),
            },
            name,
        ),
        None => (ClaimSubject::File(path.clone()), path),
    }
}

/// A function or class named without its file.
fn named(name: String) -> (ClaimSubject, String) {
    (
        ClaimSubject::Region {
            name: name.clone(),
            file: None,
        },
        name,
    )
}

fn placed((subject, text): (ClaimSubject, String), adjacent: bool, near: bool) -> FoundSubject {
    let scoped = false;
    FoundSubject {
        subject,
        text,
        adjacent,
        near,
        scoped,
    }
}

/// A subject that was not found right next to its figure (totals, names).
fn unplaced(subject: ClaimSubject, text: &str) -> FoundSubject {
    placed(
        (subject, text.trim_matches(is_wrapping).to_string()),
        false,
        false,
    )
}

/// The total, scoped when a name follows it ("Overall coverage for the core package: 45%").
fn total(clause: &Clause, position: usize, first: usize, text: &str) -> FoundSubject {
    let mut subject = unplaced(ClaimSubject::Total, text);
    subject.scoped = ((position + 1)..first).any(|at| {
        let scoping = matches!(clause.word(at), "for" | "in" | "within" | "of");
        let named = clause.is_word(at + 1)
            && !is_coverage_word(clause.word(at + 1))
            && !is(clause.word(at + 1), Role::Total);
        scoping && at + 1 < first && named
    });
    subject
}

/// The path follows "and", "&", "or", "+" or "," after another path.
fn joined_to_another_path(clause: &Clause, position: usize) -> bool {
    if position < clause.start + 2 {
        return false;
    }
    let joins = clause.kind(position - 1) == Some(&TokenKind::Comma)
        || matches!(clause.word(position - 1), "and" | "&" | "or" | "+");
    joins
        && clause
            .token(position - 2)
            .is_some_and(|token| source_path_parts(&token.text).is_some())
}

/// A function or class name right before a path: "WorkflowEngine in engine.py".
fn region_before_path(clause: &Clause, path_position: usize) -> Option<String> {
    for position in clause.left(path_position, 2) {
        match clause.kind(position)? {
            TokenKind::Open => continue,
            TokenKind::Word if matches!(clause.word(position), "in" | "of" | "from" | "inside") => {
                continue
            }
            TokenKind::Word => return region_name_at(clause, position),
            _ => return None,
        }
    }
    None
}

/// The function or class name a word spells: a dotted name (`Cls.meth`), a call
/// (`execute()`), a CamelCase class, or any identifier after "class", "function", "def".
fn region_name_at(clause: &Clause, position: usize) -> Option<String> {
    let token = clause.token(position).filter(|token| token.is_word())?;
    if source_path_parts(&token.text).is_some() {
        return None;
    }
    let name = token.text.trim_matches(is_wrapping).trim_end_matches("()");
    let after_kind_word = position > 0 && is(clause.word(position - 1), Role::KindWord);
    let named = is_dotted_identifier(name)
        || (token.call && is_identifier(name))
        || is_camel_case(name)
        || (after_kind_word && is_identifier(name) && name.len() > 1);
    named.then(|| name.to_string())
}

/// The path and the figure are a coverage-list pair: only glue words, punctuation and at
/// most three tokens between them ("models.py: 97.39%", "models.py at 97%").
fn is_adjacent(clause: &Clause, path_position: usize, first: usize) -> bool {
    first - path_position <= 4
        && ((path_position + 1)..first).all(|position| match clause.kind(position) {
            Some(TokenKind::Word) => {
                let word = clause.word(position);
                is(word, Role::Glue) || is_coverage_word(word)
            }
            Some(
                TokenKind::Colon
                | TokenKind::Open
                | TokenKind::Close
                | TokenKind::Dash
                | TokenKind::Comparator(_),
            ) => true,
            _ => false,
        })
}

/// The path and the optional region of a word that names a source file:
/// `backend/core/models.py`, `models.py`, `models.py::User`.
pub(super) fn source_path_parts(word: &str) -> Option<(String, Option<String>)> {
    let cleaned = word
        .trim_matches(|c: char| is_wrapping(c) || matches!(c, ':' | ',' | ';' | '@'))
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
    let text = text.trim_start_matches('@');
    if !looks_like_source_path(text) || text.contains("://") || text.starts_with("http") {
        return false;
    }
    let name = text.rsplit(['/', '\\']).next().unwrap_or(text);
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    stem.chars()
        .any(|character| character.is_alphabetic() || character == '_')
        && SOURCE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        && !text
            .chars()
            .any(|character| character.is_whitespace() || character == '%')
}

/// True for test files (`test_x.py`, `x_test.py`, `conftest.py`, `x.test.ts`).
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
        || ["_test", "_tests", ".test", ".spec"]
            .iter()
            .any(|end| stem.ends_with(end))
        || stem == "conftest"
}

/// A clause without emphasis marks, at most 200 characters around byte `focus`.
pub(super) fn trimmed_context(text: &str, focus: usize) -> String {
    const LIMIT: usize = 200;
    let (before, after) = text.split_at(focus.min(text.len()));
    let clean = |part: &str| {
        part.replace("**", "")
            .trim_matches(['*', '_'])
            .chars()
            .collect()
    };
    let (before, after): (Vec<char>, Vec<char>) =
        (clean(before.trim_start()), clean(after.trim_end()));
    // When it has to cut, two ellipses take two of the 200 characters.
    let budget = if before.len() + after.len() <= LIMIT {
        LIMIT
    } else {
        LIMIT - 2
    };
    let keep_after = after.len().min(budget - before.len().min(budget / 2));
    let keep_before = before.len().min(budget - keep_after);
    let mut context: String = before[before.len() - keep_before..].iter().collect();
    if keep_before < before.len() {
        context.insert(0, '…');
    }
    context.extend(&after[..keep_after]);
    if keep_after < after.len() {
        context.push('…');
    }
    context.trim().to_string()
}

fn is_wrapping(character: char) -> bool {
    matches!(
        character,
        '*' | '`' | '"' | '\'' | '[' | ']' | '(' | ')' | '“' | '”' | '‘' | '’'
    )
}

pub(super) fn is_identifier(name: &str) -> bool {
    let mut characters = name.chars();
    characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && characters.all(|character| character.is_ascii_alphanumeric() || character == '_')
}

/// `Cls.meth`, `pkg.Cls`: two or more identifier parts, not a file name or a domain.
fn is_dotted_identifier(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    let last = parts
        .last()
        .map(|last| last.to_ascii_lowercase())
        .unwrap_or_default();
    parts.len() >= 2
        && parts
            .iter()
            .all(|part| is_identifier(part) && part.len() >= 2)
        && !NOT_CODE_ENDINGS.contains(&last.as_str())
        && !SOURCE_EXTENSIONS.contains(&last.as_str())
}

/// `WorkflowEngine`, `BYOKHandler`: a capital, a lower-case letter and another capital.
pub(super) fn is_camel_case(name: &str) -> bool {
    name.starts_with(|first: char| first.is_ascii_uppercase())
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
