//! Timers and animation frames: running work in a task of its own, letting the page
//! render in between, and a line in which asynchronous work takes turns.
use std::cell::RefCell;

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
}

/// A turn in a `Line`; the next turn starts when this is dropped.
pub struct Turn {
    end: Option<js_sys::Function>,
}

impl Line {
    pub fn new() -> Line {
        Line {
            last_turn_ends: RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED)),
        }
    }

    /// Joins the line now; the turn comes when every turn taken before it has ended.
    pub fn join(&self) -> impl std::future::Future<Output = Turn> {
        let mut end = None;
        let this_turn_ends = js_sys::Promise::new(&mut |resolve, _reject| end = Some(resolve));
        let previous = self.last_turn_ends.replace(this_turn_ends);
        async move {
            // A turn's promise only ever resolves.
            let _ = wasm_bindgen_futures::JsFuture::from(previous).await;
            Turn { end }
        }
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
