//! The highlighter colours the languages Covscope's source view shows, with the classes a
//! reader expects on each kind of token.
use covscope_highlight::{highlight_source, TokenClass};

/// The class of the first token covering `needle` on line `line` (0-based) of `text`.
fn class_at(text: &str, language: &str, line: u32, needle: &str) -> Option<u32> {
    let numbers = highlight_source(text, language);
    let line_text = text.lines().nth(line as usize).expect("the line exists");
    let start = line_text.find(needle).expect("the needle is on the line") as u32;
    numbers
        .chunks_exact(4)
        .find(|token| token[0] == line && token[1] <= start && start < token[2])
        .map(|token| token[3])
}

/// One expectation: in `language`, `needle` on line `line` is of `class` (`None`: plain).
fn check(text: &str, language: &str, line: u32, needle: &str, class: Option<TokenClass>) {
    assert_eq!(
        class_at(text, language, line, needle),
        class.map(|class| class as u32),
        "{language}: {needle:?} on line {line}"
    );
}

#[test]
fn every_language_colours_keywords_strings_comments_and_numbers() {
    let cases: [(&str, &str); 6] = [
        ("py", "def f(x):\n    return 'a' + 42  # note\n"),
        ("js", "function f(x) {\n    return 'a' + 42; // note\n}\n"),
        ("ts", "function f(x) {\n    return 'a' + 42; // note\n}\n"),
        ("rs", "fn f(x: u8) {\n    return \"a\" + 42; // note\n}\n"),
        ("go", "func f(x int) {\n    return \"a\" + 42 // note\n}\n"),
        (
            "java",
            "class A { int f(int x) {\n    return \"a\" + 42; // note\n} }\n",
        ),
    ];
    for (language, text) in cases {
        check(text, language, 1, "return", Some(TokenClass::Keyword));
        check(text, language, 1, "a", Some(TokenClass::String));
        check(text, language, 1, "42", Some(TokenClass::Number));
        check(text, language, 1, "note", Some(TokenClass::Comment));
    }
}

#[test]
fn a_function_name_and_an_operator_have_their_own_classes() {
    let text = "def total(values):\n    return a + b\n";
    check(text, "py", 0, "total", Some(TokenClass::Function));
    check(text, "py", 1, "+", Some(TokenClass::Operator));
}

#[test]
fn tokens_are_within_their_lines_and_in_order() {
    let text = "x = 1\r\ny = \"two\"\r\n\r\nz = [3]\n";
    let numbers = highlight_source(text, "py");
    let lines: Vec<&str> = text.lines().collect();
    let mut previous: Option<(u32, u32)> = None;
    for token in numbers.chunks_exact(4) {
        let length = lines[token[0] as usize].trim_end_matches('\r').len() as u32;
        assert!(token[1] < token[2] && token[2] <= length, "{token:?}");
        if let Some((line, end)) = previous {
            assert!(
                token[0] > line || token[1] >= end,
                "{token:?} after {previous:?}"
            );
        }
        previous = Some((token[0], token[2]));
    }
}

#[test]
fn a_language_without_a_grammar_gets_no_colours() {
    assert!(highlight_source("anything at all", "no-such-language").is_empty());
}
