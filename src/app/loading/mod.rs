//! The one loading road. Every file the page takes in enters here, whatever brought it
//! (a drop, the file picker, a folder, a `?src=` address, the demo), and so does the data
//! of a share link or a standalone file (`shared.rs`). Every file is treated the same way:
//! its size is checked against the limits before a byte is read, and then it is parsed in
//! the parsing worker (one file at a time, with progress), a markdown planning document
//! like every coverage report: the page's own WebAssembly holds no coverage format's
//! parser and no markdown, YAML or claims reader, so its first view does not download
//! them (issue 18). The worker reads a document whole: it parses it, extracts what the
//! claims checker needs from its text (`core::analysis::claims::DocumentClaims`) and
//! renders its body to safe HTML with a marker after each figure, and hands it over in
//! postcard's compact form (`core::share::document_hand_over_bytes`); the page only
//! checks those claims against its loaded reports and diffs, and swaps the markers for
//! verdict badges. The demo's reports come prepared (parsed ahead of time,
//! `core::share::prepared_report`) and are decoded on the page, so the first view needs
//! no worker. Each load ends in one `LoadAction::Finish`: a
//! report, a document, or an error naming the file. Source files take the same road to
//! `sources.rs`: kept as text, never parsed. Cancel stops every load under way.
mod shared;
mod site;
mod sources;

use std::cell::Cell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::Poll;

use yew::Callback;

/// The files the road takes in, as the browser hands them over.
pub use crate::app::browser::files::{DroppedItems, PickedFile};
pub use shared::{take_in_shared_data, SharedArrival};
pub use site::load_published_site;
pub use sources::{fetch_source, read_kept_report};

use crate::app::browser::files;
use crate::app::browser::network::{start_fetch, PendingFetch};
use crate::app::browser::performance::{now_milliseconds, record_load_timing};
use crate::app::browser::tasks::{next_paint, yield_to_page, Line};
use crate::app::browser::worker::{
    parse_in_worker, prepare_spare_worker, prepare_spare_worker_when_page_idle, stop_all_parses,
    WorkerParse,
};
use crate::app::state::{Action, LoadAction, LoadOrigin, LoadProgress, Shared};
use crate::core::analysis::read_document::PageContent;
use crate::core::analysis::table::TableRowIndex;
use crate::core::input::{refuse_oversized_file, DroppedContent, WarmUpScope};
use crate::core::share::{
    page_content_from_prepared_text, table_index_from_hand_over_or_built, HAND_OVER_FILES_PER_PIECE,
};
use crate::core::text::ParseOutcome;

/// What the person is told when the parser cannot start here (the load error names the
/// file).
const PARSER_UNAVAILABLE_MESSAGE: &str = "Covscope's parser could not start in this browser (it needs module Web Workers and WebAssembly, and its files beside the page); nothing was read";

/// What a file is loaded as when its address names none.
const UNNAMED_DOWNLOAD: &str = "download.json";

/// Files to load together, and whose they are.
pub struct LoadBatch {
    pub origin: LoadOrigin,
    pub items: Vec<Incoming>,
}

/// One file to load.
pub enum Incoming {
    /// A file in the browser: dropped, picked, from a folder, or the demo's.
    File(PickedFile),
    /// An address to fetch (`?src=`); the file loads under the last part of its path.
    Address(String),
    /// An address to fetch, loaded under the name given (a published site's files).
    Named { address: String, file_name: String },
    /// A file that cannot be loaded, known before anything is read (a broken entry of a
    /// site's manifest): it ends as a load error like any other.
    Refused { file_name: String, message: String },
    /// A report or planning document read ahead of time (the demo's), as its prepared
    /// text: decoded on the page as soon as its turn in the batch comes, before the
    /// worker's files.
    Prepared { file_name: String, text: String },
}

/// The road's own state: which cancel a load started after, and the line in which files
/// wait for the worker.
struct Road {
    /// Bumped by every cancel; a load that started before it reports nothing more.
    cancel_generation: Cell<u64>,
    /// At most one file is held by a worker at a time, whatever brought it.
    worker_line: Line,
}

thread_local! {
    static ROAD: Road = Road {
        cancel_generation: Cell::new(0),
        worker_line: Line::new(),
    };
}

impl LoadBatch {
    /// Files the person handed over.
    pub fn of_files(origin: LoadOrigin, files: Vec<PickedFile>) -> LoadBatch {
        LoadBatch {
            origin,
            items: files.into_iter().map(Incoming::File).collect(),
        }
    }
}

/// Accepts a drag over the page, so the browser lets the app have the drop.
pub fn accept_drag(event: &web_sys::DragEvent) {
    files::accept_drag(event);
}

/// What a drop carried, taken while the drop event is handled; `None` when nothing.
pub fn take_drop(event: &web_sys::DragEvent) -> Option<DroppedItems> {
    let dropped = files::take_dropped_items(event);
    (!dropped.is_empty()).then_some(dropped)
}

/// The files chosen in a file input; empty when none.
pub fn take_picked(event: &web_sys::Event) -> Vec<PickedFile> {
    files::take_picked_files(event)
}

/// Opens the file chooser, as the "Open files" button does.
pub fn open_file_picker() {
    files::open_file_picker();
}

/// Loads the person's files (from the picker or a folder input).
pub fn load_picked(files: Vec<PickedFile>, dispatch: &Callback<Action>) {
    load_soon(LoadBatch::of_files(LoadOrigin::Person, files), dispatch);
}

/// Loads what a drop carried, once its folders are walked.
pub fn load_dropped(dropped: DroppedItems, dispatch: &Callback<Action>) {
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let files = files::collect_dropped_files(dropped).await;
        if !files.is_empty() {
            load(LoadBatch::of_files(LoadOrigin::Person, files), dispatch).await;
        }
    });
}

/// Starts loading a batch in a task of its own.
pub fn load_soon(batch: LoadBatch, dispatch: &Callback<Action>) {
    wasm_bindgen_futures::spawn_local(load(batch, dispatch.clone()));
}

/// Loads a batch: each file ends in one `LoadAction::Finish`, in the batch's order,
/// unless the person cancels. Resolves once every file is
/// taken in.
pub async fn load(batch: LoadBatch, dispatch: Callback<Action>) {
    let mut files = Vec::new();
    let mut items = Vec::new();
    for item in batch.items {
        match item {
            Incoming::File(picked) => files.push(picked),
            address => items.push(address),
        }
    }
    let (reports, sources) = sources::separate_sources(files);
    items.extend(reports.into_iter().map(Incoming::File));
    let reports = LoadBatch {
        origin: batch.origin,
        items,
    };
    both(
        sources::load_sources(sources, dispatch.clone()),
        load_reports(reports, dispatch),
    )
    .await;
}

/// Loads the reports and documents of a batch (see [`load`]).
async fn load_reports(batch: LoadBatch, dispatch: Callback<Action>) {
    if batch.items.is_empty() {
        return;
    }
    let reporter = Reporter {
        dispatch,
        origin: batch.origin,
        generation: cancel_generation(),
    };
    reporter.dispatch(LoadAction::Start {
        file_count: batch.items.len(),
        origin: batch.origin,
    });
    // Addresses are all requested at once, before any answer is awaited.
    let arrivals: Vec<Arrival> = batch.items.into_iter().map(Arrival::begin).collect();
    let mut for_worker = Vec::new();
    let mut decoded_prepared = false;
    for arrival in arrivals {
        match arrival.admit().await {
            Admission::Refused { file_name, message } => {
                reporter.finish(file_name, ParseOutcome::failure(message), None);
            }
            // Covscope's own report or document, read ahead of time: decoded here at once,
            // with no worker to wait for.
            Admission::Prepared { file_name, text } => {
                let outcome = page_content_from_prepared_text(&file_name, &text);
                reporter.finish(file_name, outcome, None);
                decoded_prepared = true;
            }
            Admission::InWorker(picked) => for_worker.push(picked),
        }
    }
    if decoded_prepared && !for_worker.is_empty() {
        // The prepared content (the demo's) is painted before a worker is started for the
        // batch's other files, so its download never delays the first view.
        next_paint().await;
    }
    let file_count = for_worker.len();
    for (position, picked) in for_worker.into_iter().enumerate() {
        let batch_continues = position + 1 < file_count;
        load_in_worker(picked, &reporter, batch_continues).await;
    }
}

/// Stops the loads under way: running workers end at once, queued and unfinished loads
/// report nothing more, and what was loaded before stays.
pub fn cancel(dispatch: &Callback<Action>) {
    ROAD.with(|road| road.cancel_generation.set(road.cancel_generation.get() + 1));
    stop_all_parses();
    dispatch.emit(LoadAction::Cancel.into());
}

/// Starts a worker loading the parser ahead of time, so the first report (the demo's, a
/// `?src=` file's) is parsed as soon as it arrives.
pub fn prepare_for_reports() {
    prepare_spare_worker(WarmUpScope::Nothing);
}

/// Prepares a warmed-up worker ahead of time, so the next large file is parsed at once and
/// at full speed.
pub fn prepare_for_large_files() {
    prepare_spare_worker(WarmUpScope::EveryFormat);
}

/// A file on its way in: a file the browser has, or a request for an address.
enum Arrival {
    File(PickedFile),
    Refused {
        file_name: String,
        message: String,
    },
    Prepared {
        file_name: String,
        text: String,
    },
    Requested {
        address: String,
        file_name: String,
        request: Result<PendingFetch, String>,
    },
}

/// Where a file goes, decided from its name and size alone.
enum Admission {
    Refused { file_name: String, message: String },
    Prepared { file_name: String, text: String },
    InWorker(PickedFile),
}

impl Arrival {
    fn begin(item: Incoming) -> Arrival {
        match item {
            Incoming::File(picked) => Arrival::File(picked),
            Incoming::Address(address) => Arrival::Requested {
                file_name: file_name_of_address(&address),
                request: start_fetch(&address),
                address,
            },
            Incoming::Named { address, file_name } => Arrival::Requested {
                file_name,
                request: start_fetch(&address),
                address,
            },
            Incoming::Refused { file_name, message } => Arrival::Refused { file_name, message },
            Incoming::Prepared { file_name, text } => Arrival::Prepared { file_name, text },
        }
    }

    /// Refuses a file too large to read, by its size, before a byte of it is read (an
    /// address by the size its server announces, so the download is not even made), and
    /// else sends it where it is parsed.
    async fn admit(self) -> Admission {
        let picked = match self {
            Arrival::File(picked) => picked,
            Arrival::Refused { file_name, message } => {
                return Admission::Refused { file_name, message }
            }
            // Covscope's own, already parsed: no limit to check, no worker to wait for.
            Arrival::Prepared { file_name, text } => {
                return Admission::Prepared { file_name, text }
            }
            Arrival::Requested {
                address,
                file_name,
                request,
            } => match fetch_as_file(request, &file_name).await {
                Ok(picked) => picked,
                Err(reason) => {
                    return Admission::Refused {
                        message: format!("could not load {address}: {reason}"),
                        file_name,
                    }
                }
            },
        };
        let size = files::file_size_bytes(&picked.file);
        if let Some(message) = refuse_oversized_file(&picked.relative_path, size) {
            return Admission::Refused {
                file_name: picked.relative_path,
                message,
            };
        }
        Admission::InWorker(picked)
    }
}

/// The answer to a request as a file named `file_name`, unless it is refused: a size the
/// server announces over the limit stops the download before it is made.
async fn fetch_as_file(
    request: Result<PendingFetch, String>,
    file_name: &str,
) -> Result<PickedFile, String> {
    let response = request?.response().await?;
    if let Some(refusal) = response
        .announced_size_bytes()
        .and_then(|size| refuse_oversized_file(file_name, size))
    {
        response.abandon();
        return Err(refusal);
    }
    let blob = response.into_blob().await?;
    let file = files::file_from_blob(&blob, file_name)
        .ok_or_else(|| "the browser could not keep the response as a file".to_string())?;
    Ok(PickedFile {
        file,
        relative_path: file_name.to_string(),
    })
}

/// The name a fetched file loads under: the last part of its address's path.
fn file_name_of_address(address: &str) -> String {
    address
        .split(['?', '#'])
        .next()
        .and_then(|path| path.rsplit('/').next())
        .filter(|name| !name.is_empty())
        .unwrap_or(UNNAMED_DOWNLOAD)
        .to_string()
}

/// Parses a file in the parsing worker once its turn comes (one file at a time).
/// `batch_continues` says that more files of the same batch follow this one.
async fn load_in_worker(picked: PickedFile, reporter: &Reporter, batch_continues: bool) {
    let _turn = ROAD.with(|road| road.worker_line.join()).await;
    if reporter.is_cancelled() {
        return;
    }
    let started = now_milliseconds();
    let on_progress = {
        let (reporter, file_name) = (reporter.clone(), picked.relative_path.clone());
        move |done_bytes, total_bytes| {
            reporter.dispatch(LoadAction::Progress {
                file_name: file_name.clone(),
                progress: LoadProgress {
                    done_bytes,
                    total_bytes,
                },
            })
        }
    };
    // The next file's worker warms up every parser, unless files of the same batch wait:
    // the next of them most likely has this file's format, and would wait for every
    // parser's warm-up (a few hundred milliseconds) before its own.
    let mut next_warm_up = WarmUpScope::EveryFormat;
    // Files wait for the worker after this one: the rest of this batch, or another
    // batch's files in the line.
    let files_wait = move || batch_continues || ROAD.with(|road| road.worker_line.has_waiting());
    match parse_in_worker(&picked, on_progress, files_wait).await {
        WorkerParse::Finished {
            outcome,
            table_index,
            worker_memory_bytes,
            answered_worker,
        } => {
            if let Some(DroppedContent::Coverage(report)) = &outcome.value {
                if files_wait() {
                    next_warm_up = WarmUpScope::Format(report.facts.format);
                }
            }
            // The report was decoded in the task that received it; its table's row index
            // is decoded in the next (a few flat lists, no path lowercased or sorted), and
            // rendering a report of more than one piece waits for the one after (a small
            // report's index decodes in less time than a yield takes, which a folder of
            // small reports would pay per file).
            yield_to_page().await;
            let table_index = match &outcome.value {
                Some(DroppedContent::Coverage(report)) => {
                    Some(table_index_from_hand_over_or_built(table_index, report))
                }
                _ => None,
            };
            if table_index
                .as_ref()
                .is_some_and(|index| index.file_count() > HAND_OVER_FILES_PER_PIECE)
            {
                yield_to_page().await;
            }
            reporter.finish_timed(
                picked,
                Finished {
                    outcome,
                    table_index,
                },
                started,
                worker_memory_bytes,
            );
            // Stopping the worker gives its memory back, which holds up the page's own
            // memory growths (and a frame's layout) while it lasts; once the page is idle it
            // has rendered and laid out what the worker handed over.
            answered_worker.stop_when_page_idle();
        }
        WorkerParse::Cancelled => {}
        WorkerParse::Unavailable => reporter.finish_timed(
            picked,
            Finished {
                outcome: ParseOutcome::failure(PARSER_UNAVAILABLE_MESSAGE.to_string()),
                table_index: None,
            },
            started,
            None,
        ),
    }
    // The next file finds a worker ready: this one when it is kept, else a fresh one,
    // warmed up for a large file, except while the demo loads (its next file is small and
    // waits for no warm-up; start-up warms the worker once the demo is in).
    let spare_warm_up = if reporter.origin == LoadOrigin::Demo {
        WarmUpScope::Nothing
    } else {
        next_warm_up
    };
    // A file of the batch waiting for its turn needs the worker now; otherwise it is
    // prepared once the page has shown this report, so that starting it does not compete
    // with the page's last frames for the machine's cores.
    if files_wait() {
        prepare_spare_worker(spare_warm_up);
    } else {
        prepare_spare_worker_when_page_idle(spare_warm_up);
    }
}

fn cancel_generation() -> u64 {
    ROAD.with(|road| road.cancel_generation.get())
}

/// What a load that read its file ends in: the outcome, and for a report the parsing
/// worker handed over, the table's row index it made.
struct Finished {
    outcome: ParseOutcome<PageContent>,
    table_index: Option<TableRowIndex>,
}

/// Tells the reducer how one batch's loads go, until the person cancels them.
#[derive(Clone)]
struct Reporter {
    dispatch: Callback<Action>,
    origin: LoadOrigin,
    /// The cancel generation the batch started in.
    generation: u64,
}

impl Reporter {
    fn is_cancelled(&self) -> bool {
        cancel_generation() != self.generation
    }

    fn dispatch(&self, action: LoadAction) {
        if !self.is_cancelled() {
            self.dispatch.emit(action.into());
        }
    }

    /// Ends one file's load; a report the worker parsed comes with its table's row index.
    fn finish(
        &self,
        file_name: String,
        outcome: ParseOutcome<PageContent>,
        table_index: Option<TableRowIndex>,
    ) {
        self.dispatch(LoadAction::Finish {
            file_name,
            outcome,
            table_index: table_index.map(|index| Shared(Rc::new(index))),
            origin: self.origin,
        });
    }

    /// Finishes a load that read the file, and records how long the person's took as a
    /// `covscope:load` performance measure (the demo's are not the person's loads).
    fn finish_timed(
        &self,
        picked: PickedFile,
        Finished {
            outcome,
            table_index,
        }: Finished,
        started: f64,
        worker_memory_bytes: Option<u64>,
    ) {
        let cancelled = self.is_cancelled();
        let size = files::file_size_bytes(&picked.file);
        let has_contexts = matches!(&outcome.value,
            Some(DroppedContent::Coverage(report)) if report.facts.has_contexts);
        if has_contexts && !cancelled {
            sources::keep_report_file(&picked.relative_path, &picked.file);
        }
        self.finish(picked.relative_path.clone(), outcome, table_index);
        if !cancelled && self.origin == LoadOrigin::Person {
            record_load_timing(&picked.relative_path, started, size, worker_memory_bytes);
        }
    }
}

/// Runs two futures side by side and resolves when both have.
async fn both(first: impl Future<Output = ()>, second: impl Future<Output = ()>) {
    let (mut first, mut second) = (pin!(first), pin!(second));
    let (mut first_done, mut second_done) = (false, false);
    std::future::poll_fn(|context| {
        first_done = first_done || first.as_mut().poll(context).is_ready();
        second_done = second_done || second.as_mut().poll(context).is_ready();
        if first_done && second_done {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
}
