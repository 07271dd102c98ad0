//! A document body: safe markdown, with plan blocks such as `<task>` as labelled sections
//! and a verdict badge after each checked coverage figure. The parsing worker rendered the
//! markdown, with a marker after each figure (`core::analysis::read_document`); this swaps
//! the markers for badges.
use yew::prelude::*;
use yew::virtual_dom::VNode;

use crate::app::state::SharedDocument;
use crate::core::analysis::claim_markers::{replace_claim_markers, strip_claim_markers};
use crate::core::analysis::read_document::RenderedSegment;
use crate::core::document::escape_attribute as escape_html;

#[derive(Properties, PartialEq)]
pub struct DocumentBodyProps {
    /// The document, whose body the worker rendered with claim markers in it.
    pub document: SharedDocument,
    /// Per claim index: (verdict key, badge text, explanation).
    pub badges: Vec<(String, String, String)>,
}

#[function_component]
pub fn DocumentBody(props: &DocumentBodyProps) -> Html {
    html! {
        <div class="document-body markdown">
            { for props.document.0.body.iter().map(|segment| segment_html(segment, &props.badges)) }
        </div>
    }
}

fn segment_html(segment: &RenderedSegment, badges: &[(String, String, String)]) -> Html {
    match segment {
        // The renderer escaped raw HTML, dropped unsafe link schemes and never emitted
        // <img>, which is what makes inserting its output as HTML acceptable; the badges
        // added here are built from escaped text.
        RenderedSegment::Html(rendered) => {
            let html = replace_claim_markers(rendered, |index| {
                badges
                    .get(index)
                    .map(|(key, badge, explanation)| badge_html(key, badge, explanation))
                    .unwrap_or_default()
            });
            VNode::from_html_unchecked(html.into())
        }
        RenderedSegment::Section {
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
