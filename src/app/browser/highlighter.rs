//! The syntax highlighter: a WebAssembly module of its own (`highlight/`, syntect with the
//! grammars of the languages Covscope colours), run in a worker started only when a source
//! view first needs colours, so the first view never fetches it. Text and a language go
//! in; four numbers per token come out (0-based line, start and end byte in the line,
//! class code).
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's script, beside the page (Trunk copies it from `static/`).
const HIGHLIGHT_WORKER_SCRIPT: &str = "./highlight-worker.js";

/// The worker and the answers it still owes: each request's promise resolver.
struct Highlighter {
    worker: web_sys::Worker,
    waiting: Rc<RefCell<HashMap<u32, js_sys::Function>>>,
    next_request: u32,
    /// Set when the module could not load; the next text starts a new worker.
    failed: Rc<Cell<bool>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static HIGHLIGHTER: RefCell<Option<Highlighter>> = const { RefCell::new(None) };
}

/// Colours a text in the highlight worker (started on first use). An error says why
/// there are no colours; the text is shown without them.
pub async fn highlight_text(text: &str, language: &str) -> Result<Vec<u32>, String> {
    let answer = HIGHLIGHTER.with(|slot| -> Result<js_sys::Promise, String> {
        let mut slot = slot.borrow_mut();
        if slot
            .as_ref()
            .is_none_or(|highlighter| highlighter.failed.get())
        {
            *slot = Some(start_highlighter()?);
        }
        let highlighter = slot.as_mut().ok_or("the highlighter did not start")?;
        let request = highlighter.next_request;
        highlighter.next_request = request.wrapping_add(1);
        let waiting = highlighter.waiting.clone();
        let answer = js_sys::Promise::new(&mut |resolve, _reject| {
            waiting.borrow_mut().insert(request, resolve);
        });
        let message = js_sys::Object::new();
        for (key, value) in [
            ("id", JsValue::from(request)),
            ("text", JsValue::from_str(text)),
            ("language", JsValue::from_str(language)),
        ] {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), &value);
        }
        highlighter
            .worker
            .post_message(&message)
            .map_err(|_| "the text could not be sent to the highlighter".to_string())?;
        Ok(answer)
    })?;
    let data = wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .map_err(|_| "the highlighter gave no answer".to_string())?;
    let field = |key: &str| js_sys::Reflect::get(&data, &JsValue::from_str(key)).ok();
    match field("tokens").and_then(|tokens| tokens.dyn_into::<js_sys::Uint32Array>().ok()) {
        Some(tokens) => Ok(tokens.to_vec()),
        None => Err(field("error")
            .and_then(|error| error.as_string())
            .unwrap_or_else(|| "the highlighter could not load".to_string())),
    }
}

fn start_highlighter() -> Result<Highlighter, String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(HIGHLIGHT_WORKER_SCRIPT, &options)
        .map_err(|_| "the highlighter could not start here".to_string())?;
    let waiting: Rc<RefCell<HashMap<u32, js_sys::Function>>> = Rc::default();
    let on_message = {
        let waiting = waiting.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let id = js_sys::Reflect::get(&data, &JsValue::from_str("id"))
                .ok()
                .and_then(|id| id.as_f64());
            let resolve = id.and_then(|id| waiting.borrow_mut().remove(&(id as u32)));
            if let Some(resolve) = resolve {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        })
    };
    let failed = Rc::new(Cell::new(false));
    let on_error = {
        let (waiting, failed) = (waiting.clone(), failed.clone());
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            // The module could not load (the single-file app opened from disk has no file
            // beside it): every waiting text is shown without colours, and the next source
            // view tries again.
            for (_, resolve) in waiting.borrow_mut().drain() {
                let _ = resolve.call1(&JsValue::NULL, &js_sys::Object::new());
            }
            failed.set(true);
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Highlighter {
        worker,
        waiting,
        next_request: 0,
        failed,
        _on_message: on_message,
        _on_error: on_error,
    })
}
