//! Local storage as an effect: the state starts with what an earlier visit saved (table
//! settings, theme, patch coverage target), and changes to them are saved again.
use yew::prelude::*;

use crate::app::browser::storage::{
    load_patch_threshold, load_table_views, load_theme_key, save_patch_threshold, save_table_views,
    save_theme_key,
};
use crate::app::browser::tasks::{run_soon, SoonTask};
use crate::app::browser::theme::apply_theme_attribute;
use crate::app::state::{AppState, ThemeChoice};

/// The state a page starts with: the table settings, theme and patch coverage target
/// saved in an earlier visit.
pub fn initial_state() -> AppState {
    let theme = load_theme_key()
        .map(|key| ThemeChoice::from_key(&key))
        .unwrap_or_default();
    AppState::with_saved_views(load_table_views())
        .with_theme(theme)
        .with_patch_threshold(load_patch_threshold())
}

/// Saves the table settings after each change, and applies and saves the theme.
#[hook]
pub fn use_saved_settings(state: &AppState) {
    // Saved in a task of its own, after the keystroke's rows are shown; a newer save
    // replaces one not yet run.
    let pending_save = use_mut_ref(|| None::<SoonTask>);
    use_effect_with(state.tables.views.clone(), move |views| {
        let views = views.clone();
        *pending_save.borrow_mut() = Some(run_soon(move || save_table_views(&views)));
    });
    use_effect_with(state.view.theme, |theme| {
        apply_theme_attribute(theme.key());
        save_theme_key(theme.key());
    });
    use_effect_with(state.patch.threshold_percent.to_bits(), |bits| {
        save_patch_threshold(f64::from_bits(*bits));
    });
}
