// Covscope's parsing worker: runs the parser's own WebAssembly (src/parse_worker.rs, every
// coverage format's parser, which the page's WebAssembly does not hold) off the page's
// thread.
//
// The page posts:
// - `prepare`: whether to warm up, and, in the single-file app only, the parser's
//   WebAssembly as base64 text (`wasmBase64`); a hosted worker fetches it beside its glue.
//   `warm_up_parse_worker` runs the parser once on a small made-up report so that its
//   code is optimised before a large file comes.
// - `warm-up`: warm up now (a worker kept after small files, now waiting for large ones).
// - `parse`: the dropped File, `splitAt` and `sliceBytes`. This script reads the file's
//   first `splitAt` bytes, `sliceBytes` at a time, while the page reads the rest and
//   posts it as `chunk` messages (`offset`, `buffer`), or `chunk-failed`. Every chunk
//   goes straight into the module's memory, and between chunks `read_received_part`
//   parses what has arrived from the file's start, a few MiB per call with the thread
//   given back to the arriving chunks in between, so a report is parsed while it is still
//   being read; once all have come, `parse_received_file` parses the rest and posts the
//   answer. Every message's kind and fields are those of
//   src/app/browser/worker/messages.rs; this script writes only `crashed` and
//   `out-of-memory` itself, the two a module that cannot be called must still send.
// A `parse` (and chunks) may arrive while `prepare` is still under way; they wait for it.
// After a file the worker may be kept for the next one (the page decides).
//
// The glue import below is the one line scripts/single-file.mjs replaces with the glue
// itself (the single-file app starts this script from a blob: address, where no relative
// import resolves, as a classic worker, where no import may be); keep it the only import
// and never ask for the module's own address (a classic worker has none).
import initParser, * as parser from './covscope-parse-worker.js';

/** The browser could not read the file: a failure to show (in the module's words), not a crash. */
class ReadFailure extends Error {}

let ready = null;
// Runs `read_received_part` while it has more to read; null when it waits for bytes.
let partReading = null;

// A task of its own, after the messages already waiting: a message to itself, which no
// timer's clamping delays.
const wakeUps = [];
const wakeUpChannel = new MessageChannel();
wakeUpChannel.port1.onmessage = () => wakeUps.shift()();
function nextTask() {
  return new Promise((resolve) => {
    wakeUps.push(resolve);
    wakeUpChannel.port2.postMessage(null);
  });
}

/** Parses what has arrived, a part per task, until it waits for more bytes. */
async function readPartsUntilWaiting(glue) {
  while (glue.read_received_part()) await nextTask();
}

/** Starts reading what has arrived, unless that is under way. */
function readReceivedParts(glue) {
  if (partReading) return;
  // Cleared in a callback, never in the reading itself: when nothing is to be read, the
  // reading ends before it is even stored here.
  partReading = readPartsUntilWaiting(glue).finally(() => {
    partReading = null;
  });
  // A trap is the `parse` handler's to report, when it awaits the reading.
  partReading.catch(() => {});
}
// While a file is being received: takes the page's chunks. Before that, they wait here.
let takePageChunk = null;
const earlyPageChunks = [];

async function prepare({ warmUp, wasmBase64 }) {
  if (typeof wasmBase64 === 'string') {
    const bytes = Uint8Array.from(atob(wasmBase64), (character) => character.charCodeAt(0));
    await initParser({ module_or_path: bytes });
  } else {
    await initParser();
  }
  if (warmUp) parser.warm_up_parse_worker();
  return parser;
}

/**
 * Copies a slice into the module's memory and gives the slice's own memory back at once
 * (detaching it frees it; left to the garbage collector, some 50 MB of read slices were
 * waiting to be freed at the peak of a 100 MB load).
 */
function takeSlice(glue, offset, buffer) {
  glue.receive_file_chunk(offset, new Uint8Array(buffer));
  if (typeof buffer.transfer === 'function') buffer.transfer(0);
  readReceivedParts(glue);
}

function reportCrash(error) {
  const message = String((error && error.message) || error || 'unknown error');
  self.postMessage({ kind: 'crashed', message });
}

/** One slice of the file, as an ArrayBuffer; a failure to read is a ReadFailure. */
function readSlice(file, start, end) {
  const reading = file
    .slice(start, end)
    .arrayBuffer()
    .catch(() => {
      throw new ReadFailure();
    });
  // Awaited later, or never when the load stops first: not an unhandled rejection.
  reading.catch(() => {});
  return reading;
}

/** Reads and takes the first part, waits for the page's part, then parses. */
async function receiveAndParse(glue, { file, fileName, splitAt, sliceBytes }) {
  // The first read starts before the memory for the file is made, which takes a while.
  let nextRead = splitAt > 0 ? readSlice(file, 0, Math.min(splitAt, sliceBytes)) : null;
  try {
    if (!glue.start_receiving_file(file, fileName)) return;
  } catch (error) {
    // The module stops when it cannot have the memory; it cannot be called again, so the
    // page words the failure (src/app/browser/worker/messages.rs).
    self.postMessage({ kind: 'out-of-memory' });
    return;
  }
  let pageBytesLeft = file.size - splitAt;
  let pagePartDone;
  let pagePartFailed;
  const pagePart = new Promise((resolve, reject) => {
    pagePartDone = resolve;
    pagePartFailed = reject;
  });
  takePageChunk = (chunk) => {
    if (chunk.kind === 'chunk-failed') {
      pagePartFailed(new ReadFailure());
      return;
    }
    pageBytesLeft -= chunk.buffer.byteLength;
    takeSlice(glue, chunk.offset, chunk.buffer);
    if (pageBytesLeft <= 0) pagePartDone();
  };
  if (pageBytesLeft <= 0) pagePartDone();
  earlyPageChunks.splice(0).forEach(takePageChunk);
  try {
    for (let start = 0; start < splitAt; start += sliceBytes) {
      const buffer = await nextRead;
      // The next slice is read while this one is copied.
      const next = start + sliceBytes;
      nextRead = next < splitAt ? readSlice(file, next, Math.min(splitAt, next + sliceBytes)) : null;
      takeSlice(glue, start, buffer);
    }
    await pagePart;
  } catch (error) {
    takePageChunk = null;
    // Anything else (the module trapped) is a crash, reported by the caller.
    if (!(error instanceof ReadFailure)) throw error;
    glue.fail_receiving_file();
    return;
  }
  takePageChunk = null;
  // The part being read finishes first (it is never left halfway; the rest is read now).
  while (partReading) await partReading;
  glue.parse_received_file();
}

self.onmessage = async (event) => {
  const request = event.data;
  switch (request.kind) {
    case 'prepare':
      ready = prepare(request);
      // A failed preparation is reported when a file is asked for, not before: until
      // then nobody listens, and the page simply starts another worker next time.
      ready.catch(() => {});
      return;
    case 'warm-up':
      if (ready) ready.then((glue) => glue.warm_up_parse_worker()).catch(() => {});
      return;
    case 'chunk':
    case 'chunk-failed':
      if (takePageChunk) takePageChunk(request);
      else earlyPageChunks.push(request);
      return;
    case 'parse':
      try {
        if (!ready) throw new Error('the parsing worker was asked to parse before it was prepared');
        const glue = await ready;
        await receiveAndParse(glue, request);
      } catch (error) {
        reportCrash(error);
      }
      return;
    default:
      return;
  }
};
