//! Timers and animation frames: running work in a task of its own, letting the page
//! render in between, and a line in which asynchronous work takes turns.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A callback waiting to run in a task of its own; dropping it cancels it.
pub struct SoonTask {
    _timeout: gloo::timers::callback::Timeout,
}

/// Runs `callback` in a new task as soon as the page has finished the current one (and
/// whatever it rendered), unless the returned handle is dropped first.
pub fn run_soon(callback: impl FnOnce() + 'static) -> SoonTask {
    SoonTask {
        _timeout: gloo::timers::callback::Timeout::new(0, callback),
    }
}

/// Lets the page handle what is waiting (input, painting) before the caller goes on, so
/// decoding a handed-over report and rendering it are two tasks, not one long one.
pub async fn yield_to_page() {
    gloo::timers::future::TimeoutFuture::new(0).await;
}

/// Runs `callback` once, just before the next frame is painted and outside the current
/// task. Reading layout there costs no forced layout inside an input handler: the frame
/// lays the page out at that point anyway.
pub fn on_next_animation_frame(callback: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(callback);
    // A page that cannot schedule a frame only loses the deferred work.
    let _ = gloo::utils::window().request_animation_frame(callback.unchecked_ref());
}

/// Runs `callback` once, in a task of its own after the next frame is painted: for work
/// that must not delay what the page is about to show.
pub fn after_next_paint(callback: impl FnOnce() + 'static) {
    on_next_animation_frame(move || {
        gloo::timers::callback::Timeout::new(0, callback).forget();
    });
}

/// Runs `callback` once the page is idle (no task or frame waiting), or after
/// `timeout_milliseconds` at the latest (a tab that is never idle or never painted). A
/// browser without idle callbacks (Safari) runs it in a task of its own after the next
/// paint, or after the same timeout in a tab that does not paint.
pub fn when_idle(callback: impl FnOnce() + 'static, timeout_milliseconds: u32) {
    let window = gloo::utils::window();
    let has_idle_callbacks =
        js_sys::Reflect::has(&window, &JsValue::from_str("requestIdleCallback")).unwrap_or(false);
    if has_idle_callbacks {
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(timeout_milliseconds);
        let callback = Closure::once_into_js(callback);
        // A browser that offers idle callbacks takes one; were it refused, the callback
        // would not run (for a worker to stop: it stops with the page).
        let _ = window.request_idle_callback_with_options(callback.unchecked_ref(), &options);
        return;
    }
    let waiting = std::rc::Rc::new(std::cell::Cell::new(Some(callback)));
    let after_paint = std::rc::Rc::clone(&waiting);
    after_next_paint(move || {
        if let Some(callback) = after_paint.take() {
            callback();
        }
    });
    gloo::timers::callback::Timeout::new(timeout_milliseconds, move || {
        if let Some(callback) = waiting.take() {
            callback();
        }
    })
    .forget();
}

/// Resolves in a task of its own after the next frame is painted (see
/// [`after_next_paint`]); in a tab the browser does not paint (hidden), once it is shown.
pub async fn next_paint() {
    let painted = js_sys::Promise::new(&mut |resolve, _reject| {
        after_next_paint(move || {
            // Resolving a promise of our own cannot fail.
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
    });
    // The promise never rejects.
    let _ = wasm_bindgen_futures::JsFuture::from(painted).await;
}

/// A line in which asynchronous work takes turns, first come first served: each turn
/// starts when the one before it ends.
pub struct Line {
    /// Settles when the last turn taken so far ends.
    last_turn_ends: RefCell<js_sys::Promise>,
    /// How many have joined the line and not had their turn yet.
    waiting: Rc<Cell<usize>>,
}

/// A turn in a `Line`; the next turn starts when this is dropped.
pub struct Turn {
    end: Option<js_sys::Function>,
}

impl Line {
    pub fn new() -> Line {
        Line {
            last_turn_ends: RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED)),
            waiting: Rc::new(Cell::new(0)),
        }
    }

    /// Joins the line now; the turn comes when every turn taken before it has ended.
    pub fn join(&self) -> impl std::future::Future<Output = Turn> {
        let mut end = None;
        let this_turn_ends = js_sys::Promise::new(&mut |resolve, _reject| end = Some(resolve));
        let previous = self.last_turn_ends.replace(this_turn_ends);
        let waiting = WaitingInLine::join(&self.waiting);
        async move {
            // A turn's promise only ever resolves.
            let _ = wasm_bindgen_futures::JsFuture::from(previous).await;
            drop(waiting);
            Turn { end }
        }
    }

    /// Whether anyone has joined the line and waits for a turn.
    pub fn has_waiting(&self) -> bool {
        self.waiting.get() > 0
    }
}

/// One place counted in a line's waiting, given up when the turn comes or the wait is
/// dropped.
struct WaitingInLine(Rc<Cell<usize>>);

impl WaitingInLine {
    fn join(waiting: &Rc<Cell<usize>>) -> WaitingInLine {
        waiting.set(waiting.get() + 1);
        WaitingInLine(Rc::clone(waiting))
    }
}

impl Drop for WaitingInLine {
    fn drop(&mut self) {
        self.0.set(self.0.get().saturating_sub(1));
    }
}

impl Default for Line {
    fn default() -> Self {
        Line::new()
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(end) = self.end.take() {
            let _ = end.call0(&JsValue::NULL);
        }
    }
}
