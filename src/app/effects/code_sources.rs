//! The source view's dealings with the world: fetching a source from the `?source=`
//! address, reading the open file's contexts from the report's file when the view opens
//! (never at load time), and colouring the text in the highlighter's worker.
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::browser::highlighter::highlight_text;
use crate::app::loading::{fetch_source, read_kept_report};
use crate::app::state::{Action, SharedText};
use crate::core::analysis::source_text::HighlightedLines;
use crate::core::formats::{read_file_contexts, FileContexts};
use crate::core::input::SourceLanguage;

/// Fetches the source at `address` once, unless the library already has it (or has it
/// under way).
#[hook]
pub fn use_source_fetch(address: Option<String>, already_known: bool, dispatch: &Callback<Action>) {
    let dispatch = dispatch.clone();
    use_effect_with((address, already_known), move |(address, already_known)| {
        if let (Some(address), false) = (address, already_known) {
            fetch_source(address.clone(), &dispatch);
        }
    });
}

/// How far reading the open file's contexts has come.
#[derive(Clone, Debug, PartialEq)]
pub enum ContextsReading {
    /// The report was written without contexts.
    NotInReport,
    Reading,
    Ready(Rc<FileContexts>),
    Failed(String),
}

impl ContextsReading {
    /// The contexts once read, for the views that mark lines with them.
    pub fn ready(&self) -> Option<Rc<FileContexts>> {
        match self {
            ContextsReading::Ready(contexts) => Some(contexts.clone()),
            _ => None,
        }
    }
}

/// The contexts read while a view stays, by report file and file path.
type ContextsReadBefore = HashMap<(String, String), Rc<FileContexts>>;

/// Reads the contexts of the file at `path` from the report file loaded as `report_file`
/// (`None` when the report has no contexts), each file once while the view stays.
#[hook]
pub fn use_file_contexts(report_file: Option<String>, path: String) -> ContextsReading {
    let reading = use_state(|| ContextsReading::NotInReport);
    let read_before: Rc<RefCell<ContextsReadBefore>> = use_mut_ref(HashMap::new);
    let latest = use_mut_ref(|| None::<(String, String)>);
    {
        let reading = reading.clone();
        use_effect_with((report_file, path), move |(report_file, path)| {
            let Some(report_file) = report_file.clone() else {
                reading.set(ContextsReading::NotInReport);
                return;
            };
            let key = (report_file.clone(), path.clone());
            if let Some(contexts) = read_before.borrow().get(&key) {
                reading.set(ContextsReading::Ready(contexts.clone()));
                return;
            }
            *latest.borrow_mut() = Some(key.clone());
            reading.set(ContextsReading::Reading);
            let path = path.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match read_kept_report(&report_file).await {
                    Ok(bytes) => {
                        let outcome = read_file_contexts(&bytes, &path);
                        match (outcome.value, outcome.diagnostics.first()) {
                            (Some(contexts), _) => Ok(Rc::new(contexts)),
                            (None, Some(problem)) => Err(problem.message.clone()),
                            (None, None) => Err("the contexts could not be read".to_string()),
                        }
                    }
                    Err(problem) => Err(problem),
                };
                // A later file opened meanwhile has the view now.
                if latest.borrow().as_ref() != Some(&key) {
                    return;
                }
                reading.set(match outcome {
                    Ok(contexts) => {
                        read_before.borrow_mut().insert(key, contexts.clone());
                        ContextsReading::Ready(contexts)
                    }
                    Err(problem) => ContextsReading::Failed(problem),
                });
            });
        });
    }
    (*reading).clone()
}

/// A text's colours as the highlighter gave them.
struct ColouredText {
    text: SharedText,
    language: SourceLanguage,
    lines: Rc<HighlightedLines>,
}

thread_local! {
    /// The colours of the text coloured last. The source view is built anew each time a
    /// file opens, and asking the worker again cost a round trip and a second render of
    /// every line shown when it answered (the text is the same, so are its colours).
    static LAST_COLOURED: RefCell<Option<ColouredText>> = const { RefCell::new(None) };
}

/// The colours already known for a text, when it is the text coloured last.
fn colours_known(text: &SharedText, language: SourceLanguage) -> Option<Rc<HighlightedLines>> {
    LAST_COLOURED.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|last| last.text == *text && last.language == language)
            .map(|last| last.lines.clone())
    })
}

/// The colours of a text, once the highlighter (loaded on first use) has answered; `None`
/// until then, and for languages it does not know. A text opened again has its colours at
/// once.
#[hook]
pub fn use_highlighting(
    text: Option<SharedText>,
    language: Option<SourceLanguage>,
    line_count: usize,
) -> Option<Rc<HighlightedLines>> {
    let answered = use_force_update();
    let known = match (&text, language) {
        (Some(text), Some(language)) => colours_known(text, language),
        _ => None,
    };
    let is_known = known.is_some();
    use_effect_with((text, language), move |(text, language)| {
        let (Some(text), Some(language), false) = (text.clone(), *language, is_known) else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            // Without colours the text still shows: a failure costs only them.
            if let Ok(numbers) = highlight_text(&text.0, language.key()).await {
                let lines = Rc::new(HighlightedLines::from_flat(&numbers, line_count));
                LAST_COLOURED.with(|last| {
                    *last.borrow_mut() = Some(ColouredText {
                        text,
                        language,
                        lines,
                    })
                });
                // The view renders again and finds the colours (unless another text has
                // been opened meanwhile, which is then still waiting for its own).
                answered.force_update();
            }
        });
    });
    known
}
