//! The worker's side of parsing: the functions `static/parse-worker.js` calls inside the
//! worker (through the exports of the worker's own binary, `src/parse_worker.rs`), in
//! this order: `warm_up_parse_worker` at most once, then for each file
//! `start_receiving_file`, `receive_file_chunk` per slice in the file's order, and
//! `parse_received_file` (or `fail_receiving_file` when a slice could not be read).
//!
//! The bytes go to `core::input::ArrivingFile`: a large coverage.py or Istanbul report is
//! parsed as it arrives, its files posted to the page in pieces while later bytes are
//! still read, and only a window of it is held; every other file is gathered whole and
//! parsed at the end. When the reading as it arrived stops (a syntax error, an odd shape),
//! `parse_received_file` asks the script to read the file again whole, so every message
//! is the whole parse's.
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;

use super::messages::FromWorker;
use crate::app::browser::files::{file_size_bytes, FILE_UNREADABLE_MESSAGE};
use crate::app::browser::performance::now_milliseconds;
use crate::core::analysis::read_document::for_the_page;
use crate::core::input::{
    is_markdown_name, parse_arriving_in_chunks, parse_dropped_document,
    parse_report_streaming_files, warm_up_samples, Arrival, ArrivedFile, ArrivingFile,
    DroppedContent, WarmUpScope,
};
use crate::core::model::ReportFileSink;
use crate::core::share::{
    document_hand_over_bytes, estimated_report_file_count, patch_hand_over_bytes,
    table_index_hand_over_bytes, HandOverAssembly, StreamedHandOver, StreamedPiece,
};
use crate::core::text::{Diagnostic, ParseOutcome};

/// The least time between two progress messages from the worker. Every message makes the
/// page render the progress bar, and on a two-core machine the page's thread competes with
/// the worker's: a message per MiB of a 100 MB report cost the parse a third of its speed.
const PROGRESS_MESSAGE_INTERVAL_MILLISECONDS: f64 = 50.0;

/// The chunk size of the warm-up's reading as it arrives: several chunks for its report,
/// so the window is cut and grown as for a real one.
const WARM_UP_CHUNK_BYTES: usize = 16 * 1024;

/// What the worker holds between calls: the file being received, and when the last
/// progress message went out with how far it said the load was.
struct Receiving {
    file: Option<ReceivedFile>,
    /// The pieces of a report posted so far go with the file from its first reading to
    /// the one again whole, which tells the page to drop them.
    hand_over: Option<PieceHandOver>,
    last_progress_milliseconds: f64,
    /// The bar never goes back: a file read again whole reports its own progress from the
    /// start, and the bar waits meanwhile.
    last_progress_done: u64,
}

/// The hand-over of a report's files to the page: files read early are posted in pieces
/// at once.
type PieceHandOver = StreamedHandOver<Box<dyn FnMut(StreamedPiece)>>;

/// A file arriving in the worker, read by the worker script in order.
struct ReceivedFile {
    file_name: String,
    arriving: ArrivingFile,
    /// The bytes a report read as it arrives has read, which the pieces' file count
    /// estimate needs.
    read_bytes: Rc<Cell<usize>>,
}

thread_local! {
    static RECEIVING: RefCell<Receiving> = const {
        RefCell::new(Receiving {
            file: None,
            hand_over: None,
            last_progress_milliseconds: f64::NEG_INFINITY,
            last_progress_done: 0,
        })
    };
}

/// Gets ready for a file that the worker script is about to hand over in chunks, in order
/// ([`receive_file_chunk`]): `read_as_it_arrives` is false when the file is read again
/// whole after a reading as it arrived stopped. False (after posting the failure) when it
/// cannot.
///
/// A file gathered whole takes its room now, zeroed. talc (unlike dlmalloc before it)
/// writes the zeros even into memory that has just grown, and that first write to fresh
/// memory is what costs: the 200,000-file report's 298 MB took 310 to 374 ms here.
/// Reserving the room without writing it was measured and not taken (BENCHMARKS.md, "Less
/// work per byte"). A report read as it arrives needs no such room. Running out of memory
/// here stops the module; the worker script reports that as `out-of-memory`.
pub fn start_receiving_file(
    file: web_sys::File,
    file_name: String,
    read_as_it_arrives: bool,
) -> bool {
    let Ok(input_bytes) = usize::try_from(file_size_bytes(&file)) else {
        post_failure("the file is larger than this browser can hold in memory");
        return false;
    };
    let markdown = is_markdown_name(&file_name);
    let arriving = ArrivingFile::new(input_bytes, read_as_it_arrives && !markdown);
    let read_bytes = Rc::new(Cell::new(0));
    let piece_read_bytes = Rc::clone(&read_bytes);
    RECEIVING.with(|receiving| {
        let mut receiving = receiving.borrow_mut();
        // A first reading starts a new hand-over; a reading again whole keeps the one
        // whose pieces the page holds.
        if read_as_it_arrives || receiving.hand_over.is_none() {
            let scope = worker_scope();
            let mut file_count_estimate = None;
            let post: Box<dyn FnMut(StreamedPiece)> = Box::new(move |piece| {
                post_streamed_piece(
                    piece,
                    &mut file_count_estimate,
                    piece_read_bytes.get(),
                    input_bytes,
                    &scope,
                )
            });
            receiving.hand_over = Some(StreamedHandOver::new(post));
            receiving.last_progress_milliseconds = f64::NEG_INFINITY;
            receiving.last_progress_done = 0;
        }
        receiving.file = Some(ReceivedFile {
            file_name,
            arriving,
            read_bytes,
        });
    });
    true
}

/// Takes the next chunk of the file, read by the worker script in order, and parses what
/// it can of a report read as it arrives; true while more chunks are welcome. False when
/// the rest is of no use: [`parse_received_file`] then says what comes next.
pub fn receive_file_chunk(offset: f64, chunk: js_sys::Uint8Array) -> bool {
    let outcome = RECEIVING.with(|receiving| {
        let mut receiving = receiving.borrow_mut();
        let Receiving {
            file, hand_over, ..
        } = &mut *receiving;
        let (file, hand_over) = (file.as_mut()?, hand_over.as_mut()?);
        // A negative, fractional or huge offset is out of place, as a chunk that came twice.
        let offset = if offset.is_finite() && offset >= 0.0 && offset.fract() == 0.0 {
            offset as usize
        } else {
            usize::MAX
        };
        let arrival = file.arriving.receive(
            offset,
            chunk.length() as usize,
            |room| chunk.copy_to(room),
            hand_over,
        );
        file.read_bytes.set(file.arriving.read_bytes());
        Some((arrival, progress_done(&file.arriving)))
    });
    let Some((arrival, (done, size))) = outcome else {
        return false;
    };
    post_progress(done, size.saturating_mul(2));
    arrival == Arrival::Taken
}

/// How far the load is, and the file's size: the bar's first half follows the bytes
/// received, its second the bytes parsed, both moving at once while a report is parsed as
/// it arrives.
fn progress_done(arriving: &ArrivingFile) -> (u64, u64) {
    (
        (arriving.received_bytes() as u64).saturating_add(arriving.read_bytes() as u64),
        arriving.input_bytes() as u64,
    )
}

/// Ends a file's reading with the failure the person sees: the browser could not read it.
pub fn fail_receiving_file() {
    RECEIVING.with(|receiving| {
        let mut receiving = receiving.borrow_mut();
        receiving.file.take();
        receiving.hand_over.take();
    });
    post_failure(FILE_UNREADABLE_MESSAGE);
}

/// Parses the file whose chunks have been received and posts the answer: the report in
/// pieces, or the diagnostics. True once answered; false when the script must read the
/// file again whole (`start_receiving_file` with `read_as_it_arrives` false, then the
/// chunks, then this again), because the reading as it arrived stopped.
pub fn parse_received_file() -> bool {
    let (file, hand_over) = RECEIVING.with(|receiving| {
        let mut receiving = receiving.borrow_mut();
        (receiving.file.take(), receiving.hand_over.take())
    });
    let (
        Some(ReceivedFile {
            file_name,
            arriving,
            read_bytes,
        }),
        Some(mut hand_over),
    ) = (file, hand_over)
    else {
        post_failure(
            "Covscope's parsing worker was asked to parse before it had a file; this is a bug",
        );
        return true;
    };
    let size = arriving.input_bytes() as u64;
    let total = size.saturating_mul(2);
    let mut on_progress = |consumed: usize| {
        read_bytes.set(consumed);
        post_progress(size.saturating_add(consumed as u64), total)
    };
    // A report's files are cut into pieces as the parser reads them, and each piece is
    // posted as soon as it is full, so the page decodes it while the parser reads on; the
    // table's row index is gathered as the files go into the pieces.
    let outcome = match arriving.finish(&mut on_progress, &mut hand_over) {
        ArrivedFile::Report(outcome) => outcome,
        // A markdown planning document is read here whole, for the page: its claims
        // extracted and its body rendered, so the page's WebAssembly holds no markdown or
        // YAML reader.
        ArrivedFile::Whole(bytes) if is_markdown_name(&file_name) => {
            post_read_document(&file_name, &bytes, total);
            return true;
        }
        // Parsing reports how far it has read; the bar's second half follows it.
        ArrivedFile::Whole(bytes) => {
            parse_report_streaming_files(&bytes, &mut on_progress, &mut hand_over)
        }
        ArrivedFile::ReadAgainWhole => {
            RECEIVING.with(|receiving| receiving.borrow_mut().hand_over = Some(hand_over));
            return false;
        }
        ArrivedFile::Incomplete => {
            post_failure("the file changed while it was being read; drop it again");
            return true;
        }
    };
    post_progress(total, total);
    post_parsed_report(outcome, hand_over);
    true
}

/// Posts a parsed report's answer: its last piece with the table's index, a patch, or why
/// it could not be read.
fn post_parsed_report(outcome: ParseOutcome<DroppedContent>, hand_over: PieceHandOver) {
    let scope = worker_scope();
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

/// Runs the parser of each format `scope` names that has a warm-up sample (the registry
/// names them) on both its roads, and the hand-over, on that small made-up report, in a
/// worker waiting for a file: the browser compiles WebAssembly quickly first and optimises
/// a function only once it has run for a while, and a 100 MB report was parsed 25% slower
/// by code that had not run before. Each format's parser is its own code: warmed only by a
/// coverage.py report, the 100 MB lcov report took 22% longer to show, Cobertura's 20% and
/// Istanbul's 4% (BENCHMARKS.md, "Every format's parser warmed up").
pub fn warm_up_parse_worker(scope: WarmUpScope) {
    for sample in warm_up_samples(scope) {
        let text = (sample.text)(sample.file_count);
        // Both roads a report takes: read whole once its last byte is in (every format but
        // a large coverage.py or Istanbul report shares its hand-over and dispatch), and
        // read as it arrives in chunks (a format that is never read so is read whole
        // again, which runs its parser a second time).
        warm_up_road(|hand_over| {
            parse_report_streaming_files(text.as_bytes(), &mut |_| {}, hand_over)
        });
        warm_up_road(|hand_over| {
            parse_arriving_in_chunks(text.as_bytes(), WARM_UP_CHUNK_BYTES, hand_over)
        });
    }
}

/// Runs one road of the parse and the hand-over, the pieces decoded as the page would.
fn warm_up_road(parse: impl FnOnce(&mut dyn ReportFileSink) -> ParseOutcome<DroppedContent>) {
    let assembly = RefCell::new(HandOverAssembly::default());
    let mut hand_over = StreamedHandOver::new(|piece| {
        if let StreamedPiece::Piece { snapshot, .. } = piece {
            assembly.borrow_mut().add_piece(&snapshot);
        }
    });
    let outcome = parse(&mut hand_over);
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
