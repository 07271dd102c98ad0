//! A document body: safe markdown, with plan blocks such as `<task>` as labelled sections.
use yew::prelude::*;
use yew::virtual_dom::VNode;

use crate::core::document::{render_markdown_safe, BodySegment};

#[derive(Properties, PartialEq)]
pub struct DocumentBodyProps {
    pub segments: Vec<BodySegment>,
}

#[function_component]
pub fn DocumentBody(props: &DocumentBodyProps) -> Html {
    html! {
        <div class="document-body markdown">
            { for props.segments.iter().map(segment_html) }
        </div>
    }
}

fn segment_html(segment: &BodySegment) -> Html {
    match segment {
        // The renderer escapes raw HTML, drops unsafe link schemes and never emits <img>,
        // which is what makes inserting its output as HTML acceptable.
        BodySegment::Markdown(markdown) => {
            VNode::from_html_unchecked(render_markdown_safe(markdown).into())
        }
        BodySegment::Section {
            tag,
            label,
            attributes,
            children,
            closed,
        } => html! {
            <section class={classes!("doc-section", format!("doc-section-{}", css_safe(tag)))}
                data-testid="doc-section" data-tag={tag.clone()}>
                <h3 class="doc-section-label">
                    { label }
                    { for attributes.iter().map(|(name, value)| html! {
                        <span class="kind-tag">{ format!("{name}: {value}") }</span>
                    }) }
                    if !closed { <span class="warning-mark">{ " ⚠ not closed" }</span> }
                </h3>
                { for children.iter().map(segment_html) }
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
