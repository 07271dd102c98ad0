//! What the page shows around the data: the main view, the colour theme, the help dialog.
/// The main views, each with a `nav-<key>` control.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum MainView {
    #[default]
    Table,
    Documents,
    Phases,
    Compare,
    Trend,
    Tree,
    Functions,
    Source,
    Patch,
    /// Two reports of one run, file by file: where they agree and why they differ.
    Agreement,
}

/// The colour theme the person chose: the system's (the default), or always light or dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// The main view, the theme and the keyboard help.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewSettings {
    pub main: MainView,
    /// Remembered in local storage and applied as `data-theme` on `<html>`.
    pub theme: ThemeChoice,
    /// The keyboard help dialog, while open.
    pub keyboard_help_open: bool,
}

/// What the person does to the page around the data.
#[derive(Clone, Debug)]
pub enum ViewAction {
    Show {
        view: MainView,
    },
    SetTheme {
        theme: ThemeChoice,
    },
    /// The `t` shortcut: system, then light, then dark, then the system's again.
    CycleTheme,
    OpenKeyboardHelp,
    CloseKeyboardHelp,
}

impl MainView {
    pub const ALL: [MainView; 10] = [
        MainView::Table,
        MainView::Tree,
        MainView::Functions,
        MainView::Source,
        MainView::Documents,
        MainView::Phases,
        MainView::Compare,
        MainView::Trend,
        MainView::Patch,
        MainView::Agreement,
    ];

    /// The key of the `nav-<key>` page hook.
    pub fn key(self) -> &'static str {
        match self {
            MainView::Table => "table",
            MainView::Documents => "docs",
            MainView::Phases => "phases",
            MainView::Compare => "compare",
            MainView::Trend => "trend",
            MainView::Tree => "tree",
            MainView::Functions => "functions",
            MainView::Source => "source",
            MainView::Patch => "patch",
            MainView::Agreement => "agree",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MainView::Table => "Coverage table",
            MainView::Documents => "Documents",
            MainView::Phases => "Phases",
            MainView::Compare => "Compare",
            MainView::Trend => "Trend",
            MainView::Tree => "Folders",
            MainView::Functions => "Functions",
            MainView::Source => "Source",
            MainView::Patch => "Patch coverage",
            MainView::Agreement => "Agreement",
        }
    }

    /// The view a key names, if any.
    pub fn from_key(key: &str) -> Option<MainView> {
        MainView::ALL.into_iter().find(|view| view.key() == key)
    }
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// The stored and `data-theme` value.
    pub fn key(self) -> &'static str {
        match self {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "System",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    /// The choice a stored key names; anything unknown (an old or edited value) is the
    /// system's theme.
    pub fn from_key(key: &str) -> ThemeChoice {
        ThemeChoice::ALL
            .into_iter()
            .find(|choice| choice.key() == key)
            .unwrap_or_default()
    }

    pub fn next(self) -> ThemeChoice {
        match self {
            ThemeChoice::System => ThemeChoice::Light,
            ThemeChoice::Light => ThemeChoice::Dark,
            ThemeChoice::Dark => ThemeChoice::System,
        }
    }
}

impl ViewSettings {
    pub fn apply(&mut self, action: ViewAction) {
        match action {
            ViewAction::Show { view } => self.main = view,
            ViewAction::SetTheme { theme } => self.theme = theme,
            ViewAction::CycleTheme => self.theme = self.theme.next(),
            ViewAction::OpenKeyboardHelp => self.keyboard_help_open = true,
            ViewAction::CloseKeyboardHelp => self.keyboard_help_open = false,
        }
    }
}
