//! The two word windows every rule looks through: the tokens before a figure (nearest
//! first) and the tokens after it, never leaving the figure's clause, with the phrase of
//! the lexicon each position ends or starts.
use super::lexicon::{roles, Roles};
use super::subject::is_source_path;
use super::tokens::{Token, TokenKind};

/// One clause of a unit: the tokens between two boundaries.
#[derive(Clone, Copy)]
pub(super) struct Clause<'a> {
    pub tokens: &'a [Token],
    pub start: usize,
    pub end: usize,
}

/// The longest lexicon phrase, in words.
const LONGEST_PHRASE: usize = 3;

impl<'a> Clause<'a> {
    /// Positions before `at`, nearest first, at most `limit` tokens away.
    pub fn left(&self, at: usize, limit: usize) -> impl Iterator<Item = usize> {
        let from = at.saturating_sub(limit).max(self.start);
        (from..at.min(self.end)).rev()
    }

    /// Positions after `at`, nearest first, at most `limit` tokens away.
    pub fn right(&self, at: usize, limit: usize) -> impl Iterator<Item = usize> {
        (at + 1)..(at + 1 + limit).min(self.end)
    }

    pub fn token(&self, position: usize) -> Option<&'a Token> {
        (self.start..self.end)
            .contains(&position)
            .then(|| &self.tokens[position])
    }

    /// The word at a position in lower case, "" for anything else.
    pub fn word(&self, position: usize) -> &'a str {
        self.token(position).map_or("", Token::lower)
    }

    pub fn is_word(&self, position: usize) -> bool {
        self.token(position).is_some_and(Token::is_word)
    }

    pub fn kind(&self, position: usize) -> Option<&'a TokenKind> {
        self.token(position).map(|token| &token.kind)
    }

    /// The roles of every lexicon phrase that ends at `position` (reading leftwards).
    pub fn roles_ending_at(&self, position: usize) -> Roles {
        self.phrase_roles(position, |length| {
            position
                .checked_sub(length - 1)
                .map(|first| first..=position)
        })
    }

    /// The roles of every lexicon phrase that starts at `position` (reading rightwards).
    pub fn roles_starting_at(&self, position: usize) -> Roles {
        self.phrase_roles(position, |length| Some(position..=position + length - 1))
    }

    fn phrase_roles(
        &self,
        position: usize,
        span: impl Fn(usize) -> Option<std::ops::RangeInclusive<usize>>,
    ) -> Roles {
        let mut found = Roles::default();
        if !self.is_word(position) {
            return found;
        }
        let mut phrase = String::new();
        for length in 1..=LONGEST_PHRASE {
            let Some(range) = span(length) else {
                break;
            };
            if !range.clone().all(|at| self.is_word(at)) {
                break;
            }
            phrase.clear();
            for (index, at) in range.enumerate() {
                if index > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(self.word(at));
            }
            found = found.union(roles(&phrase));
        }
        found
    }

    /// The first word token before `at` (skipping punctuation such as ":").
    pub fn previous_word(&self, at: usize) -> Option<usize> {
        self.left(at, 3).find(|&position| self.is_word(position))
    }

    /// A figure or a source path: where a search for a figure's words stops.
    pub fn is_barrier(&self, position: usize) -> bool {
        self.is_figure(position)
            || self
                .token(position)
                .is_some_and(|token| is_source_path(&token.text))
    }

    pub fn is_figure(&self, position: usize) -> bool {
        self.token(position)
            .is_some_and(|token| token.figure().is_some())
    }
}
