//! Colours source text for Covscope's source view: a text and a language in, four numbers
//! per token out (0-based line, start and end byte in the line, class code), the classes
//! being those of `covscope::core::analysis::source_text::TokenClass`, in its order.
//!
//! The grammars are syntect's (Sublime Text's), parsed with its pure-Rust regex engine.
use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use wasm_bindgen::prelude::*;

/// The class codes of the answer, in the order of Covscope's `TokenClass::ALL`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum TokenClass {
    Comment = 0,
    String = 1,
    Number = 2,
    Keyword = 3,
    Function = 4,
    Type = 5,
    Constant = 6,
    Operator = 7,
}

/// Which scopes get which class: the innermost scope of a stretch that starts with one of
/// these names decides, the first rule that fits winning (so `keyword.operator` is an
/// operator, not a keyword, and `constant.numeric` a number, not a constant).
const SCOPE_CLASSES: [(&str, TokenClass); 22] = [
    ("comment", TokenClass::Comment),
    ("punctuation.definition.comment", TokenClass::Comment),
    ("string", TokenClass::String),
    ("punctuation.definition.string", TokenClass::String),
    ("constant.character.escape", TokenClass::String),
    ("constant.numeric", TokenClass::Number),
    ("keyword.operator.word", TokenClass::Keyword),
    ("keyword.operator", TokenClass::Operator),
    ("keyword", TokenClass::Keyword),
    ("storage.type.function", TokenClass::Keyword),
    ("storage.type.class", TokenClass::Keyword),
    ("storage.modifier", TokenClass::Keyword),
    ("storage.type", TokenClass::Type),
    ("storage", TokenClass::Keyword),
    ("entity.name.function", TokenClass::Function),
    ("support.function", TokenClass::Function),
    ("variable.function", TokenClass::Function),
    ("entity.name", TokenClass::Type),
    ("support.type", TokenClass::Type),
    ("support.class", TokenClass::Type),
    ("constant.language", TokenClass::Constant),
    ("support.constant", TokenClass::Constant),
];

/// The grammar to use for a language key (a file extension); a language the set lacks
/// borrows its nearest relative's (TypeScript is JavaScript with types).
const LANGUAGE_FALLBACKS: [(&str, &str); 3] = [("ts", "js"), ("kt", "java"), ("swift", "java")];

fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn scope_rules() -> &'static [(Scope, TokenClass)] {
    static RULES: OnceLock<Vec<(Scope, TokenClass)>> = OnceLock::new();
    RULES.get_or_init(|| {
        SCOPE_CLASSES
            .iter()
            .filter_map(|&(name, class)| Scope::new(name).ok().map(|scope| (scope, class)))
            .collect()
    })
}

fn syntax_for<'set>(set: &'set SyntaxSet, language: &str) -> Option<&'set SyntaxReference> {
    set.find_syntax_by_extension(language).or_else(|| {
        LANGUAGE_FALLBACKS
            .iter()
            .find(|(key, _)| *key == language)
            .and_then(|(_, fallback)| set.find_syntax_by_extension(fallback))
    })
}

/// The class of a stretch under a scope stack: its innermost scope that a rule names.
fn class_of(stack: &ScopeStack) -> Option<TokenClass> {
    let rules = scope_rules();
    stack.as_slice().iter().rev().find_map(|scope| {
        rules
            .iter()
            .find(|(prefix, _)| prefix.is_prefix_of(*scope))
            .map(|&(_, class)| class)
    })
}

/// The tokens of a text, as `[line, start, end, class]` groups; empty for a language
/// without a grammar. A line the grammar cannot parse ends the colouring there.
#[wasm_bindgen]
pub fn highlight_source(text: &str, language: &str) -> Vec<u32> {
    let set = syntaxes();
    let Some(syntax) = syntax_for(set, language) else {
        return Vec::new();
    };
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut numbers = Vec::new();
    for (line_index, line) in LinesWithEndings::from(text).enumerate() {
        let Ok(operations) = state.parse_line(line, set) else {
            break;
        };
        let content_end = line.trim_end_matches(['\n', '\r']).len();
        let mut start = 0;
        let mut push = |from: usize, to: usize, stack: &ScopeStack| {
            let to = to.min(content_end);
            if from >= to {
                return;
            }
            if let Some(class) = class_of(stack) {
                let line_number = u32::try_from(line_index).unwrap_or(u32::MAX);
                let (from, to) = (
                    u32::try_from(from).unwrap_or(u32::MAX),
                    u32::try_from(to).unwrap_or(u32::MAX),
                );
                // A stretch that continues the previous one of the same class joins it.
                let joins = numbers.len() >= 4 && {
                    let last = numbers.len() - 4;
                    numbers[last] == line_number
                        && numbers[last + 2] == from
                        && numbers[last + 3] == class as u32
                };
                if joins {
                    let end = numbers.len() - 2;
                    numbers[end] = to;
                } else {
                    numbers.extend([line_number, from, to, class as u32]);
                }
            }
        };
        for (position, operation) in operations {
            push(start, position, &stack);
            if stack.apply(&operation).is_err() {
                break;
            }
            start = position;
        }
        push(start, line.len(), &stack);
    }
    numbers
}
