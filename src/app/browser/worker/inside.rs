//! The worker's side of parsing: the functions `static/parse-worker.js` calls inside the
//! worker (through the exports of the worker's own binary, `src/parse_worker.rs`), in
//! this order: `warm_up_parse_worker` at most once, then for each file
//! `start_receiving_file`, `receive_file_chunk` per slice with `read_received_part` between
//! them while it has more to read, and `parse_received_file` (or `fail_receiving_file` when
//! a slice could not be read).
//!
//! A report is parsed while its bytes still arrive: `read_received_part` hands the part of
//! the file received from its start so far to `core::input::ReportPrefixReading`, which
//! converts each complete file entry of a coverage.py or Istanbul report and hands it to
//! the pieces posted to the page; `parse_received_file` finishes with the same answer as
//! a parse of the whole file.
use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::rc::Rc;

use wasm_bindgen::JsCast;

use super::messages::FromWorker;
use crate::app::browser::files::{file_size_bytes, FILE_UNREADABLE_MESSAGE};
use crate::app::browser::performance::now_milliseconds;
use crate::core::analysis::read_document::for_the_page;
use crate::core::input::{
    is_markdown_name, parse_dropped_document, warm_up_report_text, DroppedContent,
    ReportPrefixReading,
};
use crate::core::share::{
    document_hand_over_bytes, estimated_report_file_count, patch_hand_over_bytes,
    table_index_hand_over_bytes, HandOverAssembly, StreamedHandOver, StreamedPiece,
};
use crate::core::text::Diagnostic;

/// The least time between two progress messages from the worker. Every message makes the
/// page render the progress bar, and on a two-core machine the page's thread competes with
/// the worker's: a message per MiB of a 100 MB report cost the parse a third of its speed.
const PROGRESS_MESSAGE_INTERVAL_MILLISECONDS: f64 = 50.0;

/// How many files the warm-up report has: enough that every hot function of the parser
/// and the hand-over runs often enough to be optimised, small enough to take a few
/// milliseconds.
const WARM_UP_FILE_COUNT: usize = 300;

/// What the worker holds between calls: the file being received, and when the last
/// progress message went out with how far it said the load was.
struct Receiving {
    file: Option<ReceivedFile>,
    last_progress_milliseconds: f64,
    /// The bar never goes back: a file read whole at the end reports its own progress from
    /// the start again, and the bar waits meanwhile.
    last_progress_done: u64,
}

/// The hand-over of a report's files to the page, kept while the file arrives: files read
/// early are posted in pieces at once.
type PieceHandOver = StreamedHandOver<Box<dyn FnMut(StreamedPiece)>>;

/// A file arriving in the worker in chunks, read by the page and, for its first part, by
/// the worker itself (see `static/parse-worker.js`).
struct ReceivedFile {
    file_name: String,
    /// As long as the file, filled in as chunks arrive.
    bytes: Vec<u8>,
    received_bytes: u64,
    /// A chunk did not fit where it claimed to belong.
    out_of_place: bool,
    /// The file's bytes from its start that have all arrived, and the chunks received
    /// beyond them (the worker's and the page's parts arrive side by side).
    contiguous_bytes: usize,
    chunks_beyond: Vec<Range<usize>>,
    /// A report's reading as its bytes arrive, and where its files go; `None` for a
    /// markdown document, which is read whole.
    early: Option<EarlyReading>,
}

/// A report being parsed while it arrives.
struct EarlyReading {
    reading: ReportPrefixReading,
    hand_over: PieceHandOver,
    /// The bytes the reading has read, which the pieces' file count estimate needs.
    read_bytes: Rc<Cell<usize>>,
}

thread_local! {
    static RECEIVING: RefCell<Receiving> = const {
        RefCell::new(Receiving {
            file: None,
            last_progress_milliseconds: f64::NEG_INFINITY,
            last_progress_done: 0,
        })
    };
}

/// Makes room for a file that the worker script is about to hand over in chunks
/// ([`receive_file_chunk`]); false (after posting the failure) when it cannot.
///
/// The room is taken zeroed from fresh memory, which the allocator knows to be zero
/// already: reserving and then filling it with zeros wrote 100 MB for nothing and cost a
/// 100 MB load 160 ms. Running out of memory here stops the module; the worker script
/// reports that as `out-of-memory`.
pub fn start_receiving_file(file: web_sys::File, file_name: String) -> bool {
    let Ok(capacity) = usize::try_from(file_size_bytes(&file)) else {
        post_failure("the file is larger than this browser can hold in memory");
        return false;
    };
    let bytes = vec![0u8; capacity];
    let early = (!is_markdown_name(&file_name)).then(|| {
        let read_bytes = Rc::new(Cell::new(0));
        let piece_read_bytes = Rc::clone(&read_bytes);
        let scope = worker_scope();
        let mut file_count_estimate = None;
        let post: Box<dyn FnMut(StreamedPiece)> = Box::new(move |piece| {
            post_streamed_piece(
                piece,
                &mut file_count_estimate,
                piece_read_bytes.get(),
                capacity,
                &scope,
            )
        });
        EarlyReading {
            reading: ReportPrefixReading::default(),
            hand_over: StreamedHandOver::new(post),
            read_bytes,
        }
    });
    RECEIVING.with(|receiving| {
        *receiving.borrow_mut() = Receiving {
            file: Some(ReceivedFile {
                file_name,
                bytes,
                received_bytes: 0,
                out_of_place: false,
                contiguous_bytes: 0,
                chunks_beyond: Vec::new(),
                early,
            }),
            last_progress_milliseconds: f64::NEG_INFINITY,
            last_progress_done: 0,
        }
    });
    true
}

/// Copies one chunk of the file, read by the worker or by the page, to its place.
pub fn receive_file_chunk(offset: f64, chunk: js_sys::Uint8Array) {
    let progress = RECEIVING.with(|receiving| {
        let mut receiving = receiving.borrow_mut();
        let file = receiving.file.as_mut()?;
        let length = chunk.length() as usize;
        let start = (offset.is_finite() && offset >= 0.0).then_some(offset as usize);
        match start.and_then(|start| Some(start..start.checked_add(length)?)) {
            Some(range) if range.end <= file.bytes.len() => {
                chunk.copy_to(&mut file.bytes[range.clone()]);
                file.received_bytes += length as u64;
                file.take_received_range(range);
            }
            // The file grew since its size was taken, or a chunk came twice.
            _ => file.out_of_place = true,
        }
        Some(file.progress_done())
    });
    if let Some((done, size)) = progress {
        post_progress(done, size.saturating_mul(2));
    }
}

/// Parses what has arrived of the file from its start and not been read yet, a few MiB
/// at the most, handing the files read to the page's pieces; true when a next call would
/// read more now (the worker script gives the thread to the arriving chunks in between).
pub fn read_received_part() -> bool {
    let outcome = RECEIVING.with(|receiving| {
        let mut receiving = receiving.borrow_mut();
        let file = receiving.file.as_mut()?;
        let early = file.early.as_mut()?;
        let received = &file.bytes[..file.contiguous_bytes];
        let progress =
            early
                .reading
                .read_received(received, file.bytes.len(), &mut early.hand_over);
        early.read_bytes.set(progress.read_bytes);
        Some((progress.more_to_read, file.progress_done()))
    });
    let Some((more_to_read, (done, size))) = outcome else {
        return false;
    };
    post_progress(done, size.saturating_mul(2));
    more_to_read
}

impl ReceivedFile {
    /// Notes a chunk received at `range`, and how far the bytes from the start now reach.
    fn take_received_range(&mut self, range: Range<usize>) {
        self.chunks_beyond.push(range);
        loop {
            let contiguous = self.contiguous_bytes;
            let Some(index) = self
                .chunks_beyond
                .iter()
                .position(|chunk| chunk.start <= contiguous)
            else {
                break;
            };
            let chunk = self.chunks_beyond.swap_remove(index);
            self.contiguous_bytes = contiguous.max(chunk.end);
        }
    }

    /// How far the load is, and the file's size: the bar's first half follows the bytes
    /// received, its second the bytes parsed, both moving at once while a report is parsed
    /// as it arrives.
    fn progress_done(&self) -> (u64, u64) {
        let read = self
            .early
            .as_ref()
            .map_or(0, |early| early.read_bytes.get() as u64);
        (
            self.received_bytes.saturating_add(read),
            self.bytes.len() as u64,
        )
    }
}

/// Ends a file's reading with the failure the person sees: the browser could not read it.
pub fn fail_receiving_file() {
    RECEIVING.with(|receiving| receiving.borrow_mut().file.take());
    post_failure(FILE_UNREADABLE_MESSAGE);
}

/// Parses the file whose chunks have all been received and posts the answer: the report
/// in pieces, or the diagnostics.
pub fn parse_received_file() {
    let Some(ReceivedFile {
        file_name,
        bytes,
        received_bytes,
        out_of_place,
        early,
        ..
    }) = RECEIVING.with(|receiving| receiving.borrow_mut().file.take())
    else {
        post_failure(
            "Covscope's parsing worker was asked to parse before it had a file; this is a bug",
        );
        return;
    };
    let size = bytes.len() as u64;
    if out_of_place || received_bytes != size {
        post_failure("the file changed while it was being read; drop it again");
        return;
    }
    let total = size.saturating_mul(2);
    // A markdown planning document is read here whole, for the page: its claims extracted
    // and its body rendered, so the page's WebAssembly holds no markdown or YAML reader.
    if is_markdown_name(&file_name) {
        post_read_document(&file_name, &bytes, total);
        return;
    }
    let Some(EarlyReading {
        reading,
        mut hand_over,
        read_bytes,
    }) = early
    else {
        post_failure("Covscope's parsing worker lost the report it was reading; this is a bug");
        return;
    };
    // The rest is parsed now, or the whole file when it could not be read as it arrived;
    // the bar's second half follows it. A report's files are cut into pieces as the
    // parser reads them, and each piece is posted as soon as it is full, so the page
    // decodes it while the parser reads on; the table's row index is gathered as the files
    // go into the pieces.
    let scope = worker_scope();
    let outcome = reading.finish(
        &bytes,
        &mut |consumed| {
            read_bytes.set(consumed);
            post_progress(size.saturating_add(consumed as u64), total)
        },
        &mut hand_over,
    );
    post_progress(total, total);
    drop(bytes);
    match outcome.value {
        Some(DroppedContent::Coverage(shell)) => {
            // The files still gathered go in a last piece of files; the index is sorted
            // while the page decodes it, and goes with the answer (the report's facts and
            // totals, no files), so the page does not build it.
            let (snapshot, table_index) = hand_over.finish(&shell);
            FromWorker::Report {
                snapshot,
                table_index: table_index_hand_over_bytes(&table_index),
                diagnostics: outcome.diagnostics,
                memory_bytes: wasm_memory_bytes(),
            }
            .post_from(&scope);
        }
        // A name that is not markdown never gives a document.
        Some(DroppedContent::Document(_)) => post_failure(
            "Covscope's parsing worker read a document it was not given; this is a bug",
        ),
        Some(DroppedContent::Patch(patch)) => FromWorker::Patch {
            bytes: patch_hand_over_bytes(&patch),
            diagnostics: outcome.diagnostics,
            memory_bytes: wasm_memory_bytes(),
        }
        .post_from(&scope),
        // Pieces posted before a failure are dropped by the page with this message.
        None => FromWorker::Failed {
            diagnostics: outcome.diagnostics,
        }
        .post_from(&scope),
    }
}

/// Posts what the hand-over gives as the files come. A piece of a report whose file count
/// is not known before its files carries an estimate once a tenth of the input is read,
/// the same one with every later piece, so the page makes room once.
fn post_streamed_piece(
    piece: StreamedPiece,
    file_count_estimate: &mut Option<usize>,
    bytes_read: usize,
    input_bytes: usize,
    scope: &web_sys::DedicatedWorkerGlobalScope,
) {
    let message = match piece {
        StreamedPiece::Piece {
            snapshot,
            report_file_count,
            files_so_far,
        } => {
            if report_file_count.is_none() && file_count_estimate.is_none() {
                *file_count_estimate =
                    estimated_report_file_count(files_so_far, bytes_read, input_bytes);
            }
            FromWorker::Piece {
                snapshot,
                report_files: report_file_count
                    .or(*file_count_estimate)
                    .map(|count| count as u64),
            }
        }
        StreamedPiece::StartOver => {
            *file_count_estimate = None;
            FromWorker::StartOver
        }
    };
    message.post_from(scope);
}

/// Reads a markdown document for the page and posts it (or why it could not be read).
fn post_read_document(file_name: &str, bytes: &[u8], total: u64) {
    let outcome = for_the_page(parse_dropped_document(file_name, bytes));
    post_progress(total, total);
    let message = match outcome.value {
        Some(DroppedContent::Document(document)) => FromWorker::Document {
            bytes: document_hand_over_bytes(&document),
            diagnostics: outcome.diagnostics,
            memory_bytes: wasm_memory_bytes(),
        },
        _ => FromWorker::Failed {
            diagnostics: outcome.diagnostics,
        },
    };
    message.post_from(&worker_scope());
}

/// Runs the parser (as the file's bytes arrive, the road of every report) and the hand-over
/// once on a small made-up report with contexts, in a
/// worker waiting for a file: the browser compiles WebAssembly quickly first and optimises
/// a function only once it has run for a while, and a 100 MB report was parsed 25% slower
/// by code that had not run before.
pub fn warm_up_parse_worker() {
    let sample = warm_up_report_text(WARM_UP_FILE_COUNT);
    let assembly = RefCell::new(HandOverAssembly::default());
    let mut hand_over = StreamedHandOver::new(|piece| {
        if let StreamedPiece::Piece { snapshot, .. } = piece {
            assembly.borrow_mut().add_piece(&snapshot);
        }
    });
    // Read as a real report is, half of it as it arrives and the rest at the end.
    let bytes = sample.as_bytes();
    let mut reading = ReportPrefixReading::default();
    let half = &bytes[..bytes.len() / 2];
    while reading
        .read_received(half, bytes.len(), &mut hand_over)
        .more_to_read
    {}
    let outcome = reading.finish(bytes, &mut |_| {}, &mut hand_over);
    if let Some(DroppedContent::Coverage(shell)) = outcome.value {
        // The index is sorted and written out too, as for a real report; the bytes are
        // only for the warm-up.
        let (last_piece, table_index) = hand_over.finish(&shell);
        let _ = table_index_hand_over_bytes(&table_index);
        let _ = assembly.into_inner().finish(&last_piece);
    }
}

/// The dedicated worker this code runs in.
fn worker_scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts how far the load is, at most one message per interval unless it is done.
fn post_progress(done: u64, total: u64) {
    let now = now_milliseconds();
    let (too_soon, gone_back) = RECEIVING.with(|receiving| {
        let receiving = receiving.borrow();
        (
            now - receiving.last_progress_milliseconds < PROGRESS_MESSAGE_INTERVAL_MILLISECONDS,
            done < receiving.last_progress_done,
        )
    });
    if done < total && (too_soon || gone_back) {
        return;
    }
    RECEIVING.with(|receiving| {
        let mut receiving = receiving.borrow_mut();
        receiving.last_progress_milliseconds = now;
        receiving.last_progress_done = done;
    });
    FromWorker::Progress { done, total }.post_from(&worker_scope());
}

fn post_failure(message: &str) {
    FromWorker::Failed {
        diagnostics: vec![Diagnostic::error(message)],
    }
    .post_from(&worker_scope());
}

fn wasm_memory_bytes() -> u64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|memory| {
            memory
                .buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_or(0, |buffer| u64::from(buffer.byte_length()))
        })
        .unwrap_or(0)
}
