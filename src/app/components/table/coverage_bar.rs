//! A horizontal bar showing a percentage, coloured by threshold band.
use yew::prelude::*;

use crate::core::analysis::table::CoverageLevel;
use crate::core::model::Percent;

#[derive(Properties, PartialEq)]
pub struct CoverageBarProps {
    pub percent: Percent,
    pub level: CoverageLevel,
}

/// The bar is decoration: the number beside it carries the value for screen readers.
///
/// It is an SVG whose fill width is an attribute, not an inline `style`: the page's
/// Content-Security-Policy allows no inline styles, so a `style="width: …"` would be
/// refused (and reported as a violation) in every row.
#[function_component]
pub fn CoverageBar(props: &CoverageBarProps) -> Html {
    let width = props.percent.value().clamp(0.0, 100.0);
    html! {
        <svg class="coverage-bar" aria-hidden="true" focusable="false"
            viewBox="0 0 100 10" preserveAspectRatio="none">
            <rect class={classes!("coverage-bar-fill", format!("level-{}", props.level.key()))}
                x="0" y="0" height="10" width={format!("{width:.2}")} />
        </svg>
    }
}
