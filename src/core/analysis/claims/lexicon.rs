//! The words the claims reader knows, each with its role, read once from `lexicon.txt`:
//! words and phrases, the contexts labels and headings set, goal headings, plan sections
//! and table column headings. The rules ask for roles, never for words; what each role
//! means is written beside its words in `lexicon.txt`.
use std::collections::HashMap;
use std::sync::OnceLock;

/// An enum of the names `lexicon.txt` uses, with the table from name to variant.
macro_rules! named {
    ($(#[$meta:meta])* $name:ident, $table:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(super) enum $name { $($variant),* }
        const $table: &[(&str, $name)] = &[$(($text, $name::$variant)),*];
    };
}

named!(
    /// What a word or phrase says about a percentage near it.
    Role, ROLES {
        Coverage = "coverage", Total = "total", OtherMeasure = "other-measure",
        ShareAfter = "share-after", LeftOut = "left-out", ChangeBefore = "change-before",
        DeltaAfter = "delta-after", Hedge = "hedge", Approximate = "approximate",
        AtLeast = "at-least", AtMost = "at-most", Reaches = "reaches", Exactly = "exactly",
        TargetAfter = "target-after", RaiseVerb = "raise-verb", Past = "past",
        CountNoun = "count-noun", RatioUnit = "ratio-unit", Glue = "glue",
        Connector = "connector", Inherit = "inherit", OfCode = "of-code",
        KindWord = "kind-word", NeutralLabel = "neutral-label", PatchPart = "patch-part",
    }
);
named!(
    /// What a phrase of the `[patch]` part says: a patch figure's words before or after
    /// it, the words allowed between, a sentence that claims every added line is covered
    /// (in so many words, or loosely), a word that takes such a sentence back, a heading.
    PatchCue, PATCH_CUES {
        Before = "before", Between = "between", After = "after", All = "all",
        Loose = "loose", Not = "not", Heading = "heading",
    }
);
named!(
    /// What a label ("Target:"), a heading, a lead line, a frontmatter key or a plan
    /// section says about the figures under it: another run (a baseline), a hedge (an
    /// issue, a quoted claim), a projection (expected), a goal, something measured, or
    /// only references to other files (`<context>`).
    Context, CONTEXTS {
        AnotherRun = "another-run", Hedge = "hedge", Projection = "projection", Goal = "goal",
        Measured = "measured", Reference = "reference",
    }
);
named!(
    /// What a table column holds, read from its heading.
    Column, COLUMNS {
        Subject = "subject", Truth = "truth", Before = "before", After = "after",
        Skip = "skip", Statements = "statements", Missing = "missing", Target = "target",
        Measure = "measure", Prose = "prose",
    }
);

/// A small set of roles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Roles(u32);

impl Roles {
    pub fn has(self, role: Role) -> bool {
        self.0 & (1 << role as u8) != 0
    }

    pub fn union(self, other: Roles) -> Roles {
        Roles(self.0 | other.0)
    }
}

/// The lexicon, read from its text once.
#[derive(Default)]
struct Lexicon {
    words: HashMap<&'static str, Roles>,
    contexts: Vec<(Context, &'static str)>,
    goal_headings: Vec<&'static str>,
    sections: Vec<(Context, &'static str)>,
    columns: Vec<(Column, &'static str)>,
    /// Patch phrases by cue, each as its words.
    patch: Vec<(PatchCue, Vec<&'static str>)>,
}

fn named<T: Copy>(table: &[(&str, T)], name: &str) -> T {
    match table.iter().find(|(known, _)| *known == name) {
        Some((_, value)) => *value,
        None => panic!("lexicon.txt names an unknown role, context or column: {name}"),
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        // Whole `name: items` entries per part; a line ending in "," goes on.
        let mut entries: Vec<(&str, String)> = Vec::new();
        let mut part = "";
        for line in include_str!("lexicon.txt").lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[') {
                part = name.trim_end_matches(']');
                continue;
            }
            match entries.last_mut().filter(|(_, text)| text.ends_with(',')) {
                Some((_, text)) => text.push_str(line),
                None => entries.push((part, line.to_string())),
            }
        }
        let mut lexicon = Lexicon::default();
        for (part, text) in entries {
            let (name, items) = text.split_once(':').expect("`name: items`");
            // The lexicon lives as long as the page, so its words are kept as `&'static`.
            let items: Vec<&'static str> = items
                .split(',')
                .map(|item| &*item.trim().to_string().leak())
                .collect();
            match part {
                "words" => {
                    let role = Roles(1 << named(ROLES, name) as u8);
                    for item in items {
                        let roles = lexicon.words.entry(item).or_default();
                        *roles = roles.union(role);
                    }
                }
                "contexts" | "sections" => {
                    let context = named(CONTEXTS, name);
                    let list = if part == "contexts" {
                        &mut lexicon.contexts
                    } else {
                        &mut lexicon.sections
                    };
                    list.extend(items.into_iter().map(|item| (context, item)));
                }
                "goal-headings" => lexicon.goal_headings.extend(items),
                "patch" => {
                    let cue = named(PATCH_CUES, name);
                    let phrases = items.into_iter().map(|item| item.split(' ').collect());
                    lexicon
                        .patch
                        .extend(phrases.map(|words: Vec<&'static str>| (cue, words)));
                }
                _ => {
                    let column = named(COLUMNS, name);
                    lexicon
                        .columns
                        .extend(items.into_iter().map(|item| (column, item)));
                }
            }
        }
        lexicon
    })
}

/// The roles of a word or phrase (lower case, words separated by single spaces).
pub(super) fn roles(phrase: &str) -> Roles {
    lexicon().words.get(phrase).copied().unwrap_or_default()
}

/// Whether a word (or phrase) has a role.
pub(super) fn is(phrase: &str, role: Role) -> bool {
    roles(phrase).has(role)
}

/// "coverage", "covered", "cover", "covers", "cov" and their inflections ("coverage-wise").
pub(super) fn is_coverage_word(lower: &str) -> bool {
    let word = lower.trim_matches(|c: char| !c.is_alphanumeric());
    word.starts_with("cover") || word == "cov"
}

/// The whole words of a text, lower case (`-`, `_` and `%` kept inside words).
pub(super) fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '%'))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `words` contains `phrase` (one or more words) as consecutive whole words.
fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let parts: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(parts.len())
        .any(|window| window.iter().zip(&parts).all(|(word, part)| word == part))
}

/// The context a label, heading, lead line or key sets, if any.
pub(super) fn context_of(text: &str) -> Option<Context> {
    let words = words_of(&text.replace('_', " "));
    let contexts = &lexicon().contexts;
    let found = contexts
        .iter()
        .find(|(_, phrase)| contains_phrase(&words, phrase));
    found.map(|(context, _)| *context)
}

/// A heading's context: goals only for the narrow list of goal headings.
pub(super) fn heading_context(text: &str) -> Option<Context> {
    let words = words_of(text);
    let goal = || {
        let headings = &lexicon().goal_headings;
        headings
            .iter()
            .any(|phrase| contains_phrase(&words, phrase))
    };
    match context_of(text) {
        Some(Context::Goal) => goal().then_some(Context::Goal),
        other => other,
    }
}

/// The context a plan section tag sets (`<done>`, `<context>`).
pub(super) fn section_context(tag: &str) -> Option<Context> {
    let tag = tag.to_ascii_lowercase();
    let sections = &lexicon().sections;
    let found = sections.iter().find(|(_, name)| **name == tag);
    found.map(|(context, _)| *context)
}

/// What a table column holds, from its heading (lower case, emphasis removed): `=word` is
/// the whole heading, `^word` its first word, anything else a word or phrase in it.
pub(super) fn column_of(heading: &str) -> Column {
    let words = words_of(heading);
    let first = heading.split(['-', '_', ' ']).next().unwrap_or_default();
    let matches = |pattern: &str| match (pattern.strip_prefix('='), pattern.strip_prefix('^')) {
        (Some(whole), _) => heading == whole,
        (_, Some(start)) => first == start,
        _ if pattern.contains(['%', 'Δ', '+']) => heading.contains(pattern),
        _ => contains_phrase(&words, pattern),
    };
    let columns = &lexicon().columns;
    let found = columns.iter().find(|(_, pattern)| matches(pattern));
    found.map_or(Column::Prose, |(column, _)| *column)
}

/// The phrases of one patch cue, each as its words, in the order written.
pub(super) fn patch_phrases(cue: PatchCue) -> impl Iterator<Item = &'static [&'static str]> {
    lexicon()
        .patch
        .iter()
        .filter(move |(known, _)| *known == cue)
        .map(|(_, words)| words.as_slice())
}

/// Whether a word (lower case) is one of a patch cue's one-word entries.
pub(super) fn is_patch_word(cue: PatchCue, word: &str) -> bool {
    patch_phrases(cue).any(|words| words == [word])
}

/// Whether a heading says its figures are the patch's: the whole heading is one of the
/// `heading` phrases ("Diff Coverage"), so "Raising patch coverage in phase 5" is not.
pub(super) fn is_patch_heading(text: &str) -> bool {
    let words: Vec<String> = words_of(text)
        .into_iter()
        .filter(|word| word != "the")
        .collect();
    patch_phrases(PatchCue::Heading).any(|phrase| phrase == words.as_slice())
}
