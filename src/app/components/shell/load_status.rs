//! The loads under way (a progress bar with Cancel) and the files that failed to load.
use yew::prelude::*;

use super::{LoadErrors, LoadProgressBar};
use crate::app::loading;
use crate::app::state::{Action, LoadAction, LoadingStatus};

#[derive(Properties, PartialEq)]
pub struct LoadStatusProps {
    pub loading: LoadingStatus,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn LoadStatus(props: &LoadStatusProps) -> Html {
    let loading_status = &props.loading;
    let on_cancel = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |()| loading::cancel(&dispatch))
    };
    html! {
        <>
            if loading_status.files_in_flight > 0 {
                <LoadProgressBar files_in_flight={loading_status.files_in_flight}
                    progress={loading_status.overall_progress()} {on_cancel} />
            }
            <LoadErrors errors={loading_status.errors.clone()}
                on_dismiss={props.dispatch.reform(|id| LoadAction::DismissError { id }.into())} />
        </>
    }
}
