//! A document body: safe markdown, with plan blocks such as `<task>` as labelled sections
//! and a verdict badge after each checked coverage figure.
use yew::prelude::*;
use yew::virtual_dom::VNode;

use crate::core::analysis::claim_markers::{replace_claim_markers, strip_claim_markers};
use crate::core::document::{
    body_segments, escape_attribute as escape_html, render_markdown_safe, BodySegment,
};

#[derive(Properties, PartialEq)]
pub struct DocumentBodyProps {
    /// The body markdown with claim markers in it.
    pub markdown: String,
    /// Per claim index: (verdict key, badge text, explanation).
    pub badges: Vec<(String, String, String)>,
}

#[function_component]
pub fn DocumentBody(props: &DocumentBodyProps) -> Html {
    let segments = use_memo(props.markdown.clone(), |markdown| body_segments(markdown));
    html! {
        <div class="document-body markdown">
            { for segments.iter().map(|segment| segment_html(segment, &props.badges)) }
        </div>
    }
}

fn segment_html(segment: &BodySegment, badges: &[(String, String, String)]) -> Html {
    match segment {
        // The renderer escapes raw HTML, drops unsafe link schemes and never emits <img>,
        // which is what makes inserting its output as HTML acceptable; the badges added
        // afterwards are built here from escaped text.
        BodySegment::Markdown(markdown) => {
            let html = replace_claim_markers(&render_markdown_safe(markdown), |index| {
                badges
                    .get(index)
                    .map(|(key, badge, explanation)| badge_html(key, badge, explanation))
                    .unwrap_or_default()
            });
            VNode::from_html_unchecked(html.into())
        }
        BodySegment::Section {
            tag,
            label,
            attributes,
            children,
            closed,
        } => html! {
            <section class={classes!("doc-section", format!("doc-section-{}", css_safe(tag)))}
                data-testid="doc-section" data-tag={strip_claim_markers(tag)}>
                <h3 class="doc-section-label">
                    { strip_claim_markers(label) }
                    { for attributes.iter().map(|(name, value)| html! {
                        <span class="kind-tag">{ strip_claim_markers(&format!("{name}: {value}")) }</span>
                    }) }
                    if !closed { <span class="warning-mark">{ " ⚠ not closed" }</span> }
                </h3>
                { for children.iter().map(|child| segment_html(child, badges)) }
            </section>
        },
    }
}

/// Tag names come from the document; only letters, digits and dashes reach a class name.
fn css_safe(tag: &str) -> String {
    tag.chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character
            } else {
                '-'
            }
        })
        .collect()
}

fn badge_html(key: &str, badge: &str, explanation: &str) -> String {
    format!(
        "<span class=\"claim-badge verdict-{key}\" data-testid=\"claim-badge\" data-verdict=\"{key}\" title=\"{}\">{}</span>",
        escape_html(explanation),
        escape_html(badge),
        key = escape_html(key),
    )
}
