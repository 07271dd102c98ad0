//! Fuzzes the reader view: any text is cut into body segments and rendered to HTML, never a
//! panic, and that HTML only ever holds the renderer's own tags, with no unsafe link.
#![no_main]

use covscope::core::document::{
    body_segments, flattened_markdown, render_markdown_safe, BodySegment,
};
use libfuzzer_sys::fuzz_target;

/// Every tag the renderer writes itself: CommonMark and GFM blocks, inline markup, task-list
/// checkboxes, footnotes and the safe anchors. Raw HTML from the input is escaped, so any
/// other tag in the output is an injection.
const RENDERER_TAGS: [&str; 34] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "em",
    "strong",
    "del",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "input",
    "sup",
    "div",
    "span",
    "section",
    "s",
    "dl",
    "dt",
    "dd",
];

fn render_segments(segments: &[BodySegment]) {
    for segment in segments {
        match segment {
            BodySegment::Markdown(markdown) => check_safe(&render_markdown_safe(markdown)),
            BodySegment::Section { children, .. } => render_segments(children),
        }
    }
}

fn check_safe(html: &str) {
    for (index, _) in html.match_indices('<') {
        let after = &html[index + 1..];
        let closing = after.starts_with('/');
        let rest = after.strip_prefix('/').unwrap_or(after);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            RENDERER_TAGS.contains(&name.as_str()),
            "unexpected tag <{name}> in {html}"
        );
        if name != "a" || closing {
            continue;
        }
        let tag = rest.split('>').next().unwrap_or("");
        if let Some(href) = tag.split("href=\"").nth(1) {
            let href = href.trim_start().to_ascii_lowercase();
            for scheme in ["javascript:", "data:", "vbscript:", "file:"] {
                assert!(!href.starts_with(scheme), "unsafe link {href} in {html}");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check_safe(&render_markdown_safe(&text));
    render_segments(&body_segments(&text));
    let _ = flattened_markdown(&text);
});
