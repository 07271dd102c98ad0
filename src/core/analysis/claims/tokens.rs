//! Cuts one line, sentence or cell into tokens: percent figures, ratios, words, arrows.
//!
//! Only numbers written with a percent sign (or the word "percent") become figures here;
//! tables and pasted reports, whose headers say a column is a percentage, are read by the
//! walker. Versions ("v2.5"), dates and ids ("12-01") stay words, and thousands separators
//! ("1,163") stay inside plain numbers.

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
    /// The word sat inside backticks.
    pub backticked: bool,
    /// The word is directly followed by ":" (a label such as "Target:").
    pub label: bool,
    /// The word is directly followed by "()" (a function call such as `execute()`).
    pub call: bool,
    /// The word in lower case, empty for other tokens.
    pub lower: String,
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

    /// The word in lower case, or an empty string for other tokens.
    pub fn lower(&self) -> &str {
        &self.lower
    }
}

/// The longest line or unit read, in bytes. Real planning documents stay far below it
/// (their longest lines are a few kilobytes); anything longer is cut so that work stays
/// linear in the size of the document.
pub(super) const MAX_UNIT_BYTES: usize = 20_000;

/// `text` cut to at most `limit` bytes, at a character boundary.
pub(super) fn cut_at_boundary(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
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
        pending_approximate: None,
    };
    tokenizer.run();
    merge_ranges(&mut tokenizer.tokens);
    for token in &mut tokenizer.tokens {
        if token.kind == TokenKind::Word {
            token.lower = token.text.to_lowercase();
        }
    }
    tokenizer.tokens
}

/// Parses a number such as "97.39", "1,163" or "97" at the start of `text`: its value, the
/// text without thousands separators, its decimals and its length in bytes.
pub(super) fn parse_number_prefix(text: &str) -> Option<(f64, String, u8, usize)> {
    let bytes = text.as_bytes();
    let mut index = 0;
    let mut digits = String::new();
    while index < bytes.len() && bytes[index].is_ascii_digit() {
        digits.push(bytes[index] as char);
        index += 1;
    }
    if digits.is_empty() {
        return None;
    }
    // Thousands groups: "1,163" but never "97,39" (two digits) or "3,4".
    if digits.len() <= 3 {
        while index + 3 < bytes.len()
            && bytes[index] == b','
            && bytes[index + 1..index + 4].iter().all(u8::is_ascii_digit)
            && !bytes.get(index + 4).is_some_and(u8::is_ascii_digit)
        {
            digits.push_str(&text[index + 1..index + 4]);
            index += 4;
        }
    }
    let mut decimals = 0u8;
    let mut written = digits.clone();
    if index + 1 < bytes.len() && bytes[index] == b'.' && bytes[index + 1].is_ascii_digit() {
        written.push('.');
        index += 1;
        while index < bytes.len() && bytes[index].is_ascii_digit() {
            written.push(bytes[index] as char);
            decimals = decimals.saturating_add(1);
            index += 1;
        }
    }
    // Numbers with absurdly many digits are not percentages anyone wrote by hand.
    if written.len() > 24 {
        return None;
    }
    let value: f64 = written.parse().ok()?;
    Some((value, written, decimals, index))
}

struct Tokenizer<'a> {
    unit: &'a str,
    index: usize,
    tokens: Vec<Token>,
    /// Where a "~" or "≈" started, when the next token may be the figure it marks.
    pending_approximate: Option<usize>,
}

impl Tokenizer<'_> {
    fn run(&mut self) {
        while self.index < self.unit.len() {
            let Some(character) = self.unit[self.index..].chars().next() else {
                break;
            };
            let width = character.len_utf8();
            let rest = &self.unit[self.index..];
            if character == '\n' {
                self.push_simple(TokenKind::Boundary, width);
                self.pending_approximate = None;
                continue;
            }
            if character.is_whitespace() {
                self.index += width;
                continue;
            }
            if character == '~' || character == '≈' {
                self.pending_approximate = Some(self.index);
                self.index += width;
                continue;
            }
            if let Some(length) = arrow_length(rest) {
                self.push_simple(TokenKind::Arrow, length);
                continue;
            }
            if let Some((comparator, length)) = comparator_at(rest) {
                self.push_simple(TokenKind::Comparator(comparator), length);
                continue;
            }
            match character {
                '(' | '[' | '{' => {
                    self.push_simple(TokenKind::Open, width);
                    continue;
                }
                ')' | ']' | '}' => {
                    self.push_simple(TokenKind::Close, width);
                    continue;
                }
                ',' => {
                    self.push_simple(TokenKind::Comma, width);
                    continue;
                }
                ';' | '|' | '!' | '?' => {
                    self.push_simple(TokenKind::Boundary, width);
                    continue;
                }
                ':' => {
                    self.mark_label();
                    self.push_simple(TokenKind::Colon, width);
                    continue;
                }
                '—' | '–' => {
                    self.push_simple(TokenKind::Dash, width);
                    continue;
                }
                '.' => {
                    // A lone "." ends a sentence when whitespace (or the end) follows.
                    let next = rest[1..].chars().next();
                    if next.is_none_or(char::is_whitespace) {
                        self.push_simple(TokenKind::Boundary, width);
                    } else {
                        self.index += width;
                    }
                    continue;
                }
                _ => {}
            }
            let signed = (character == '+' || character == '-' || character == '−')
                && rest[width..].starts_with(|next: char| next.is_ascii_digit())
                && self.sign_may_start_here();
            if signed {
                let number_start = self.index + width;
                if self.try_number(number_start, true) {
                    continue;
                }
            }
            if character.is_ascii_digit() && self.try_number(self.index, false) {
                continue;
            }
            if character == '-' || character == '+' {
                self.push_simple(TokenKind::Dash, width);
                continue;
            }
            if is_markup(character) || character == '%' || character == '％' {
                self.index += width;
                continue;
            }
            self.read_word();
        }
    }

    fn push_simple(&mut self, kind: TokenKind, length: usize) {
        let start = self.index;
        let end = (start + length).min(self.unit.len());
        self.tokens.push(Token {
            kind,
            start,
            end,
            text: self.unit.get(start..end).unwrap_or_default().to_string(),
            backticked: false,
            label: false,
            call: false,
            lower: String::new(),
        });
        self.index = end;
        self.pending_approximate = None;
    }

    /// Marks the previous word as a label when only markup separates it from this ":".
    fn mark_label(&mut self) {
        if let Some(last) = self.tokens.last_mut() {
            let between = self.unit.get(last.end..self.index).unwrap_or_default();
            if between.chars().all(|c| is_markup(c) || c == ' ')
                && matches!(last.kind, TokenKind::Word | TokenKind::Number)
            {
                last.label = true;
            }
        }
    }

    /// A sign belongs to the number only at the start of a word: "+5.2%", "(-3%)".
    fn sign_may_start_here(&self) -> bool {
        match self.unit[..self.index].chars().next_back() {
            None => true,
            Some(previous) => {
                previous.is_whitespace() || matches!(previous, '(' | '[' | ',' | ':' | '*' | '`')
            }
        }
    }

    /// Reads a number starting at `number_start`, and whatever it turns out to be: a
    /// figure, a ratio, a range figure, a plain number, or part of a word such as a date.
    fn try_number(&mut self, number_start: usize, signed: bool) -> bool {
        let Some((value, written, decimals, length)) =
            parse_number_prefix(&self.unit[number_start..])
        else {
            return false;
        };
        let token_start = self.index;
        let after = number_start + length;
        let rest = &self.unit[after..];
        // A percent sign, directly or after one space, or the word "percent".
        let percent_length = percent_suffix_length(rest);
        if let Some(percent_length) = percent_length {
            let mut end = after + percent_length;
            let plus_after = self.unit[end..].starts_with('+');
            if plus_after {
                end += 1;
            }
            let approximate_start = self.pending_approximate.filter(|start| {
                self.unit
                    .get(*start..token_start)
                    .is_some_and(|between| between.chars().count() <= 2)
            });
            let start = approximate_start.unwrap_or(token_start);
            self.tokens.push(Token {
                kind: TokenKind::Figure(Figure {
                    value,
                    text: written,
                    decimals,
                    upper: None,
                    signed,
                    approximate: approximate_start.is_some(),
                    plus_after,
                }),
                start,
                end,
                text: self.unit[start..end].to_string(),
                backticked: false,
                label: false,
                call: false,
                lower: String::new(),
            });
            self.index = end;
            self.pending_approximate = None;
            return true;
        }
        // "236/654": a ratio of whole numbers, unless more slashes or letters follow (a date).
        if !signed && decimals == 0 && rest.starts_with('/') {
            if let Some((whole, whole_text, 0, whole_length)) = parse_number_prefix(&rest[1..]) {
                let end = after + 1 + whole_length;
                let following = self.unit[end..].chars().next();
                if !following.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '.')
                    || self.unit[end..].starts_with(". ")
                    || self.unit[end..] == *"."
                {
                    let _ = whole_text;
                    self.tokens.push(Token {
                        kind: TokenKind::Ratio {
                            part: value as u64,
                            whole: whole as u64,
                        },
                        start: token_start,
                        end,
                        text: self.unit[token_start..end].to_string(),
                        backticked: false,
                        label: false,
                        call: false,
                        lower: String::new(),
                    });
                    self.index = end;
                    self.pending_approximate = None;
                    return true;
                }
            }
        }
        // "25-27%" with both numbers in one word: a range figure.
        if !signed {
            let dash_width = if rest.starts_with('-') {
                1
            } else if rest.starts_with('–') {
                '–'.len_utf8()
            } else {
                0
            };
            if dash_width > 0 {
                if let Some((upper, upper_text, _, upper_length)) =
                    parse_number_prefix(&rest[dash_width..])
                {
                    let upper_end = after + dash_width + upper_length;
                    if let Some(percent_length) = percent_suffix_length(&self.unit[upper_end..]) {
                        let end = upper_end + percent_length;
                        self.tokens.push(Token {
                            kind: TokenKind::Figure(Figure {
                                value,
                                text: written,
                                decimals,
                                upper: Some((upper, upper_text)),
                                signed: false,
                                approximate: self.pending_approximate.is_some(),
                                plus_after: false,
                            }),
                            start: token_start,
                            end,
                            text: self.unit[token_start..end].to_string(),
                            backticked: false,
                            label: false,
                            call: false,
                            lower: String::new(),
                        });
                        self.index = end;
                        self.pending_approximate = None;
                        return true;
                    }
                }
            }
        }
        // Letters, more dots or more dashes glued on: a word ("2026-02-16", "v2", "100ms").
        let glued = rest
            .chars()
            .next()
            .is_some_and(|c| !is_delimiter(c) && c != '%');
        if glued {
            self.read_word();
            return true;
        }
        self.tokens.push(Token {
            kind: TokenKind::Number,
            start: token_start,
            end: after,
            text: written,
            backticked: false,
            label: false,
            call: false,
            lower: String::new(),
        });
        self.index = after;
        self.pending_approximate = None;
        true
    }

    fn read_word(&mut self) {
        let start = self.index;
        let mut end = start;
        let mut characters = self.unit[start..].char_indices();
        while let Some((offset, character)) = characters.next() {
            let position = start + offset;
            if character == ':' {
                // "models.py::Class" keeps its double colon inside the word.
                if self.unit[position..].starts_with("::") {
                    characters.next();
                    end = position + 2;
                    continue;
                }
                break;
            }
            if is_delimiter(character) || arrow_length(&self.unit[position..]).is_some() {
                break;
            }
            end = position + character.len_utf8();
        }
        if end == start {
            // A character no rule claims: step over it so the loop always advances.
            let width = self.unit[start..].chars().next().map_or(1, char::len_utf8);
            self.index = start + width;
            return;
        }
        let raw = &self.unit[start..end];
        let trimmed = raw.trim_end_matches(['.', '-', '\'']);
        let trimmed = if trimmed.is_empty() { raw } else { trimmed };
        let word_end = start + trimmed.len();
        let backticked = self.unit[..start].ends_with('`');
        let mut call = false;
        let mut next_index = end;
        if self.unit[end..].starts_with("()") {
            call = true;
            next_index = end + 2;
        }
        self.tokens.push(Token {
            kind: TokenKind::Word,
            start,
            end: word_end,
            text: trimmed.to_string(),
            backticked,
            label: false,
            call,
            lower: String::new(),
        });
        self.pending_approximate = None;
        // A word ending in "." before a capital letter (or the end) ends the sentence.
        if trimmed.len() < raw.len() && raw[trimmed.len()..].starts_with('.') {
            let after_dot = self.unit[end..].trim_start();
            let sentence_ends = after_dot.is_empty()
                || after_dot
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || is_markup(c));
            if sentence_ends && self.unit[end..].starts_with(char::is_whitespace)
                || end == self.unit.len()
            {
                self.tokens.push(Token {
                    kind: TokenKind::Boundary,
                    start: word_end,
                    end,
                    text: ".".to_string(),
                    backticked: false,
                    label: false,
                    call: false,
                    lower: String::new(),
                });
            }
        }
        self.index = next_index;
    }
}

/// Joins "25% - 27%" and "25%-27%" into one range figure, in one pass.
fn merge_ranges(tokens: &mut Vec<Token>) {
    let mut merged: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut rest = std::mem::take(tokens).into_iter().peekable();
    while let Some(mut token) = rest.next() {
        let dash = rest
            .peek()
            .is_some_and(|next| next.kind == TokenKind::Dash && next.text.trim() != "—");
        let opens = matches!(&token.kind, TokenKind::Figure(first)
            if !first.signed && first.upper.is_none() && !first.plus_after);
        if dash && opens {
            let dash_token = rest.next();
            let second = rest.next_if(|next| {
                matches!(&next.kind, TokenKind::Figure(second) if !second.signed && second.upper.is_none())
            });
            // "9.09% - 90.91% below 100%" is a figure and a distance, not a range.
            let distance_follows = rest.peek().is_some_and(|next| {
                matches!(
                    next.text.to_lowercase().as_str(),
                    "below" | "above" | "under" | "over" | "short" | "pp" | "points"
                )
            });
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
                second => {
                    merged.push(token);
                    merged.extend(dash_token);
                    merged.extend(second);
                }
            }
            continue;
        }
        merged.push(token);
    }
    *tokens = merged;
}

/// The length of a percent sign after a number: "%", " %", "％", " percent".
fn percent_suffix_length(rest: &str) -> Option<usize> {
    if rest.starts_with('%') {
        return Some(1);
    }
    if rest.starts_with('％') {
        return Some('％'.len_utf8());
    }
    if rest.starts_with(" %") {
        return Some(2);
    }
    for spelling in [" percent", "percent", " per cent"] {
        if rest.len() >= spelling.len()
            && rest.is_char_boundary(spelling.len())
            && rest[..spelling.len()].eq_ignore_ascii_case(spelling)
        {
            let following = rest[spelling.len()..].chars().next();
            if !following.is_some_and(char::is_alphanumeric) {
                return Some(spelling.len());
            }
        }
    }
    None
}

fn arrow_length(rest: &str) -> Option<usize> {
    for arrow in ["-->", "->", "=>", "—>", "→", "⟶", "➜", "➔", "⇒", "↦", "➡"] {
        if rest.starts_with(arrow) {
            return Some(arrow.len());
        }
    }
    None
}

fn comparator_at(rest: &str) -> Option<(Comparator, usize)> {
    let table: [(&str, Comparator); 8] = [
        (">=", Comparator::AtLeast),
        ("≥", Comparator::AtLeast),
        ("<=", Comparator::AtMost),
        ("≤", Comparator::AtMost),
        ("==", Comparator::Equal),
        (">", Comparator::Greater),
        ("<", Comparator::Less),
        ("=", Comparator::Equal),
    ];
    table
        .iter()
        .find(|(symbol, _)| rest.starts_with(symbol))
        .map(|(symbol, comparator)| (*comparator, symbol.len()))
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
