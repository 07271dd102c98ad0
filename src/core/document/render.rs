//! Markdown to HTML that is safe to insert into the page: no raw HTML, no scripts, no images.
use pulldown_cmark::{html, Event, LinkType, Options, Parser, Tag, TagEnd};

/// Renders markdown (GFM tables, task lists, strikethrough, footnotes) to safe HTML.
///
/// Raw HTML, block or inline, is shown as escaped text. Links keep their destination only
/// when it is `http:`, `https:`, `mailto:` or relative; any other scheme (`javascript:`,
/// `data:`, `vbscript:`, `file:`, ...) leaves just the link text. Links get
/// `rel="noopener noreferrer"`; all but in-page `#` anchors open in a new tab, so the viewer
/// keeps its loaded files.
/// Images never load: they become a link reading `[image: alt]`.
pub fn render_markdown_safe(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut events: Vec<Event<'_>> = Vec::new();
    // For each open link or image: whether an `<a>` was written for it.
    let mut open_anchors: Vec<bool> = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Html(text) | Event::InlineHtml(text) => events.push(Event::Text(text)),
            Event::Start(Tag::HtmlBlock) => events.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => events.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let anchor = safe_anchor(link_type, &dest_url, &title, "");
                open_anchors.push(anchor.is_some());
                events.extend(anchor.map(|anchor| Event::Html(anchor.into())));
            }
            Event::End(TagEnd::Link) => {
                if open_anchors.pop().unwrap_or(false) {
                    events.push(Event::Html("</a>".into()));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                // An image inside a link (a badge) stays text: anchors must not nest.
                let inside_anchor = open_anchors.iter().any(|&open| open);
                let anchor = if inside_anchor {
                    None
                } else {
                    safe_anchor(link_type, &dest_url, &title, " class=\"image-link\"")
                };
                open_anchors.push(anchor.is_some());
                if let Some(anchor) = anchor {
                    events.push(Event::Html(anchor.into()));
                }
                events.push(Event::Text("[image: ".into()));
            }
            Event::End(TagEnd::Image) => {
                events.push(Event::Text("]".into()));
                if open_anchors.pop().unwrap_or(false) {
                    events.push(Event::Html("</a>".into()));
                }
            }
            other => events.push(other),
        }
    }
    let mut output = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut output, events.into_iter());
    output
}

/// Whether a link destination may be followed: `http:`, `https:`, `mailto:` or no scheme.
///
/// Browsers drop ASCII whitespace and control characters inside a scheme and ignore its
/// case, so those are removed before looking; any colon before the first `/`, `?` or `#`
/// means a scheme, and only the three above are allowed.
pub fn is_safe_link_destination(destination: &str) -> bool {
    let normalized: String = destination
        .chars()
        .filter(|character| !character.is_ascii_whitespace() && !character.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| normalized.contains(scheme))
    {
        return false;
    }
    let path_start = normalized.find(['/', '?', '#']).unwrap_or(normalized.len());
    match normalized.get(..path_start).and_then(|head| head.find(':')) {
        None => true,
        Some(colon) => matches!(
            normalized.get(..colon),
            Some("http") | Some("https") | Some("mailto")
        ),
    }
}

/// The opening `<a ...>` for a safe destination, or `None` when the link must go.
fn safe_anchor(link_type: LinkType, destination: &str, title: &str, extra: &str) -> Option<String> {
    let href = if link_type == LinkType::Email {
        format!("mailto:{destination}")
    } else {
        destination.to_string()
    };
    if !is_safe_link_destination(&href) {
        return None;
    }
    // An in-page anchor must stay in the page; everything else opens in a new tab so the
    // viewer keeps the files the user loaded.
    let target = if href.starts_with('#') {
        ""
    } else {
        " target=\"_blank\""
    };
    let title_attribute = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape_attribute(title))
    };
    Some(format!(
        "<a href=\"{}\" rel=\"noopener noreferrer\"{target}{title_attribute}{extra}>",
        escape_attribute(&href)
    ))
}

/// Escapes text for HTML content and double-quoted attributes.
pub fn escape_attribute(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}
