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
#[function_component]
pub fn CoverageBar(props: &CoverageBarProps) -> Html {
    let width = props.percent.value().clamp(0.0, 100.0);
    html! {
        <span class="coverage-bar" aria-hidden="true">
            <span
                class={classes!("coverage-bar-fill", format!("level-{}", props.level.key()))}
                style={format!("width: {width:.2}%")}
            />
        </span>
    }
}
