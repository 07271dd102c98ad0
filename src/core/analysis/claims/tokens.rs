//! Cuts one line, sentence or cell into tokens: percent figures, ratios, words, arrows.
//!
//! Only numbers written with a percent sign (or the word "percent") become figures; tables
//! and pasted reports, whose headers say a column is a percentage, are read by the walker.
//! Versions ("v2.5"), dates and ids ("12-01") stay words; "1,163" stays one number.

/// A percentage as written.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Figure {
    pub value: f64,
    /// The number as written, without sign, approximation mark or percent sign.
    pub text: String,
    pub decimals: u8,
    /// The upper bound of a range such as "25-27%"; `value` is then the lower bound.
    pub upper: Option<(f64, String)>,
    /// Written with a leading "+" or "-": a change, not a level.
    pub signed: bool,
    /// Written with "~" or "≈" in front.
    pub approximate: bool,
    /// Written with a "+" after it ("50%+"): at least that much.
    pub plus_after: bool,
}

impl Figure {
    /// A figure read from a table or a pasted report, written without a sign or a mark.
    pub fn plain(value: f64, text: String, decimals: u8) -> Figure {
        Figure {
            value,
            text,
            decimals,
            upper: None,
            signed: false,
            approximate: false,
            plus_after: false,
        }
    }

    /// The figure as written, without its percent sign: "97.39", "25-27".
    pub fn written(&self) -> String {
        match &self.upper {
            Some((_, upper)) => format!("{}-{upper}", self.text),
            None => self.text.clone(),
        }
    }
}

/// A comparison symbol written before a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Comparator {
    AtLeast,
    AtMost,
    Greater,
    Less,
    Equal,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum TokenKind {
    Figure(Figure),
    /// "236/654": two whole numbers joined by a slash.
    Ratio {
        part: u64,
        whole: u64,
    },
    Number,
    Word,
    Arrow,
    Comparator(Comparator),
    Open,
    Close,
    Comma,
    Colon,
    Dash,
    /// The end of a clause: a line break, ";", "|", "!", "?" or a sentence-ending ".".
    Boundary,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// The token's text (for words, without surrounding markup).
    pub text: String,
    /// The word in lower case, empty for other tokens.
    pub lower: String,
    /// The word is directly followed by ":" (a label such as "Target:").
    pub label: bool,
    /// The word is directly followed by "()" (a function call such as `execute()`).
    pub call: bool,
}

impl Token {
    pub fn figure(&self) -> Option<&Figure> {
        match &self.kind {
            TokenKind::Figure(figure) => Some(figure),
            _ => None,
        }
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn lower(&self) -> &str {
        &self.lower
    }
}

/// The longest unit read, in bytes: real lines are a few kilobytes at most, and anything
/// longer is cut so that work stays linear in the size of the document.
pub(super) const MAX_UNIT_BYTES: usize = 20_000;

/// `text` cut to at most `limit` bytes, at a character boundary.
pub(super) fn cut_at_boundary(text: &str, limit: usize) -> &str {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Splits a unit of text into tokens; never panics, whatever the input.
pub(super) fn tokenize(unit: &str) -> Vec<Token> {
    let mut tokenizer = Tokenizer {
        unit,
        index: 0,
        tokens: Vec::new(),
        approximate_at: None,
    };
    tokenizer.run();
    let mut tokens = merge_ranges(tokenizer.tokens);
    for token in tokens.iter_mut().filter(|token| token.is_word()) {
        token.lower = token.text.to_lowercase();
    }
    tokens
}

/// A number such as "97.39", "1,163" or "97" at the start of `text`: its value, its text
/// without thousands separators, its decimals and its length in bytes.
pub(super) fn parse_number_prefix(text: &str) -> Option<(f64, String, u8, usize)> {
    let bytes = text.as_bytes();
    let digit_at = |index: usize| bytes.get(index).is_some_and(u8::is_ascii_digit);
    let mut index = bytes
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .count();
    if index == 0 {
        return None;
    }
    let mut written = text[..index].to_string();
    // Thousands groups: "1,163" but never "97,39" (two digits) or "3,4".
    let grouped = index <= 3;
    while grouped
        && bytes.get(index) == Some(&b',')
        && (1..4).all(|at| digit_at(index + at))
        && !digit_at(index + 4)
    {
        written.push_str(&text[index + 1..index + 4]);
        index += 4;
    }
    let mut decimals = 0u8;
    if bytes.get(index) == Some(&b'.') && digit_at(index + 1) {
        let fraction = bytes[index + 1..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        written.push_str(&text[index..index + 1 + fraction]);
        decimals = fraction.min(usize::from(u8::MAX)) as u8;
        index += 1 + fraction;
    }
    // Numbers with absurdly many digits are not percentages anyone wrote by hand.
    if written.len() > 24 {
        return None;
    }
    Some((written.parse().ok()?, written, decimals, index))
}

struct Tokenizer<'a> {
    unit: &'a str,
    index: usize,
    tokens: Vec<Token>,
    /// Where a "~" or "≈" stood, when the next token may be the figure it marks.
    approximate_at: Option<usize>,
}

impl Tokenizer<'_> {
    fn run(&mut self) {
        while let Some(character) = self.unit[self.index..].chars().next() {
            // Letters start words and nothing else; most characters are letters.
            if character.is_alphabetic() {
                self.word();
                continue;
            }
            let width = character.len_utf8();
            let rest = &self.unit[self.index..];
            let simple = match character {
                '\n' | ';' | '|' | '!' | '?' => Some(TokenKind::Boundary),
                '(' | '[' | '{' => Some(TokenKind::Open),
                ')' | ']' | '}' => Some(TokenKind::Close),
                ',' => Some(TokenKind::Comma),
                ':' => Some(TokenKind::Colon),
                '—' | '–' => Some(TokenKind::Dash),
                // A lone "." ends a sentence when whitespace (or the end) follows.
                '.' if rest[1..].chars().next().is_none_or(char::is_whitespace) => {
                    Some(TokenKind::Boundary)
                }
                _ => None,
            };
            if let Some(length) = arrow_length(rest) {
                self.push(TokenKind::Arrow, self.index + length);
            } else if let Some((comparator, length)) = comparator_at(rest) {
                self.push(TokenKind::Comparator(comparator), self.index + length);
            } else if let Some(kind) = simple {
                if kind == TokenKind::Colon {
                    self.mark_label();
                }
                self.push(kind, self.index + width);
            } else if character == '~' || character == '≈' {
                self.approximate_at = Some(self.index);
                self.index += width;
            } else if character.is_whitespace()
                || character == '.'
                || is_markup(character)
                || matches!(character, '%' | '％')
            {
                self.index += width;
            } else if !self.number(character) {
                if matches!(character, '-' | '+') {
                    self.push(TokenKind::Dash, self.index + width);
                } else {
                    self.word();
                }
            }
        }
    }

    fn push(&mut self, kind: TokenKind, end: usize) {
        self.push_from(self.index, kind, end);
    }

    fn push_from(&mut self, start: usize, kind: TokenKind, end: usize) {
        let end = end.min(self.unit.len());
        let text = self.unit.get(start..end).unwrap_or_default().to_string();
        self.tokens.push(Token {
            kind,
            start,
            end,
            text,
            lower: String::new(),
            label: false,
            call: false,
        });
        self.index = end;
        self.approximate_at = None;
    }

    /// Marks the previous word or number as a label when only markup separates it from
    /// this ":".
    fn mark_label(&mut self) {
        if let Some(last) = self.tokens.last_mut() {
            let between = self.unit.get(last.end..self.index).unwrap_or_default();
            let plain = between.chars().all(|c| is_markup(c) || c == ' ');
            last.label |= plain && matches!(last.kind, TokenKind::Word | TokenKind::Number);
        }
    }

    /// Reads a number at the current position (after a sign that starts a word: "+5.2%",
    /// "(-3%)"), and whatever it turns out to be: a figure, a ratio, a range, a plain
    /// number, or part of a word such as a date. False when there is none.
    fn number(&mut self, character: char) -> bool {
        let before = self.unit[..self.index].chars().next_back();
        let sign_starts = before
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | ',' | ':' | '*' | '`'));
        let signed = matches!(character, '+' | '-' | '−') && sign_starts;
        let number_start = self.index + if signed { character.len_utf8() } else { 0 };
        if !signed && !character.is_ascii_digit() {
            return false;
        }
        let Some((value, text, decimals, length)) = parse_number_prefix(&self.unit[number_start..])
        else {
            return false;
        };
        let start = self.index;
        let after = number_start + length;
        let rest = &self.unit[after..];
        let figure = |upper, approximate, plus_after| {
            TokenKind::Figure(Figure {
                value,
                text: text.clone(),
                decimals,
                upper,
                signed,
                approximate,
                plus_after,
            })
        };
        if let Some(percent) = percent_suffix_length(rest) {
            let plus_after = self.unit[after + percent..].starts_with('+');
            let approximate = self
                .approximate_at
                .filter(|at| self.unit[*at..start].chars().count() <= 2);
            let end = after + percent + usize::from(plus_after);
            self.push_from(
                approximate.unwrap_or(start),
                figure(None, approximate.is_some(), plus_after),
                end,
            );
            return true;
        }
        // "236/654": a ratio of whole numbers, unless more slashes or letters follow (a date).
        if let Some((whole, _, 0, whole_length)) =
            rest.strip_prefix('/').and_then(parse_number_prefix)
        {
            let end = after + 1 + whole_length;
            let tail = &self.unit[end..];
            let glued = tail.starts_with(|c: char| c.is_alphanumeric() || c == '/' || c == '.');
            if !signed && decimals == 0 && (!glued || tail.starts_with(". ") || tail == ".") {
                self.push(
                    TokenKind::Ratio {
                        part: value as u64,
                        whole: whole as u64,
                    },
                    end,
                );
                return true;
            }
        }
        // "25-27%" with both numbers in one word: a range figure.
        let dash = ["-", "–"].into_iter().find(|dash| rest.starts_with(dash));
        if let Some(dash) = dash.filter(|_| !signed) {
            if let Some((upper, upper_text, _, upper_length)) =
                parse_number_prefix(&rest[dash.len()..])
            {
                let upper_end = after + dash.len() + upper_length;
                if let Some(percent) = percent_suffix_length(&self.unit[upper_end..]) {
                    let approximate = self.approximate_at.is_some();
                    self.push(
                        figure(Some((upper, upper_text)), approximate, false),
                        upper_end + percent,
                    );
                    return true;
                }
            }
        }
        // Letters, more dots or more dashes glued on: a word ("2026-02-16", "v2", "100ms").
        if rest
            .chars()
            .next()
            .is_some_and(|c| !is_delimiter(c) && c != '%')
        {
            self.word();
        } else {
            self.push(TokenKind::Number, after);
            self.tokens.last_mut().expect("just pushed").text = text;
        }
        true
    }

    fn word(&mut self) {
        let start = self.index;
        let mut end = start;
        let mut characters = self.unit[start..].char_indices();
        while let Some((offset, character)) = characters.next() {
            let position = start + offset;
            // "models.py::Class" keeps its double colon inside the word.
            if character == ':' && self.unit[position..].starts_with("::") {
                characters.next();
                end = position + 2;
                continue;
            }
            if character == ':'
                || is_delimiter(character)
                || arrow_length(&self.unit[position..]).is_some()
            {
                break;
            }
            end = position + character.len_utf8();
        }
        if end == start {
            // A character no rule claims: step over it so the loop always advances.
            self.index = start + self.unit[start..].chars().next().map_or(1, char::len_utf8);
            return;
        }
        let raw = &self.unit[start..end];
        let trimmed = match raw.trim_end_matches(['.', '-', '\'']) {
            "" => raw,
            trimmed => trimmed,
        };
        let word_end = start + trimmed.len();
        self.push(TokenKind::Word, word_end);
        if self.unit[end..].starts_with("()") {
            self.tokens.last_mut().expect("just pushed").call = true;
        }
        // A word ending in "." before a capital letter (or the end) ends the sentence.
        let after_dot = self.unit[end..].trim_start();
        let sentence_ends = after_dot.is_empty()
            || after_dot.starts_with(|c: char| c.is_uppercase() || is_markup(c));
        let spaced = self.unit[end..].starts_with(char::is_whitespace) || end == self.unit.len();
        if raw[trimmed.len()..].starts_with('.') && sentence_ends && spaced {
            self.push(TokenKind::Boundary, end);
        }
        self.index = end
            + if self.unit[end..].starts_with("()") {
                2
            } else {
                0
            };
    }
}

/// Joins "25% - 27%" and "25%-27%" into one range figure.
fn merge_ranges(tokens: Vec<Token>) -> Vec<Token> {
    let mut merged: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut rest = tokens.into_iter().peekable();
    while let Some(mut token) = rest.next() {
        let opens = matches!(&token.kind, TokenKind::Figure(first) if !first.signed && first.upper.is_none() && !first.plus_after);
        if !opens
            || !rest
                .peek()
                .is_some_and(|next| next.kind == TokenKind::Dash && next.text.trim() != "—")
        {
            merged.push(token);
            continue;
        }
        let dash = rest.next();
        let second = rest.next_if(|next| matches!(&next.kind, TokenKind::Figure(second) if !second.signed && second.upper.is_none()));
        // "9.09% - 90.91% below 100%" is a figure and a distance, not a range.
        let distance = ["below", "above", "under", "over", "short", "pp", "points"];
        let distance_follows = rest
            .peek()
            .is_some_and(|next| distance.contains(&next.text.to_lowercase().as_str()));
        match second {
            Some(second) if !distance_follows => {
                if let (TokenKind::Figure(first), TokenKind::Figure(upper)) =
                    (&mut token.kind, second.kind)
                {
                    first.upper = Some((upper.value, upper.text));
                }
                token.end = second.end;
                merged.push(token);
            }
            second => merged.extend([Some(token), dash, second].into_iter().flatten()),
        }
    }
    merged
}

/// The length of a percent sign after a number: "%", " %", "％", " percent", " per cent".
fn percent_suffix_length(rest: &str) -> Option<usize> {
    if let Some(sign) = ["%", "％", " %"]
        .into_iter()
        .find(|sign| rest.starts_with(sign))
    {
        return Some(sign.len());
    }
    [" percent", "percent", " per cent"]
        .into_iter()
        .find_map(|spelling| {
            let word = rest.get(..spelling.len())?.eq_ignore_ascii_case(spelling);
            let whole = !rest[spelling.len()..].starts_with(char::is_alphanumeric);
            (word && whole).then_some(spelling.len())
        })
}

/// Every arrow and comparison sign starts with one of these bytes (the non-ASCII ones with
/// 0xE2), so other text is passed over without comparing strings.
fn may_be_sign(rest: &str) -> bool {
    matches!(
        rest.as_bytes().first(),
        Some(b'-' | b'=' | b'>' | b'<' | 0xE2)
    )
}

fn arrow_length(rest: &str) -> Option<usize> {
    if !may_be_sign(rest) {
        return None;
    }
    let arrows = ["-->", "->", "=>", "—>", "→", "⟶", "➜", "➔", "⇒", "↦", "➡"];
    arrows
        .into_iter()
        .find(|arrow| rest.starts_with(arrow))
        .map(str::len)
}

fn comparator_at(rest: &str) -> Option<(Comparator, usize)> {
    if !may_be_sign(rest) {
        return None;
    }
    let table = [
        (">=", Comparator::AtLeast),
        ("≥", Comparator::AtLeast),
        ("<=", Comparator::AtMost),
        ("≤", Comparator::AtMost),
        ("==", Comparator::Equal),
        (">", Comparator::Greater),
        ("<", Comparator::Less),
        ("=", Comparator::Equal),
    ];
    let found = table
        .into_iter()
        .find(|(symbol, _)| rest.starts_with(symbol));
    found.map(|(symbol, comparator)| (comparator, symbol.len()))
}

/// Emphasis and code marks that wrap words without changing them.
fn is_markup(character: char) -> bool {
    matches!(
        character,
        '*' | '`' | '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»'
    )
}

fn is_delimiter(character: char) -> bool {
    character.is_whitespace()
        || is_markup(character)
        || matches!(
            character,
            '(' | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | ','
                | ';'
                | '|'
                | '!'
                | '?'
                | '<'
                | '>'
                | '='
                | '%'
                | '％'
                | '~'
                | '≈'
                | '≥'
                | '≤'
                | '—'
                | '–'
                | ':'
        )
}
