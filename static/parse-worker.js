// Covscope's parsing worker: runs the parser's own WebAssembly (src/parse_worker.rs, every
// coverage format's parser, which the page's WebAssembly does not hold) off the page's
// thread.
//
// The page posts:
// - `prepare`: which parsers to warm up (`warmUp`: none, every format's, or one format's),
//   and, in the single-file app only, the parser's WebAssembly as base64 text
//   (`wasmBase64`); a hosted worker fetches it beside its glue. `warm_up_parse_worker`
//   runs each parser named once on a small made-up report so that its code is optimised
//   before a large file comes, one format a task; a file asked for pauses it, and it goes
//   on once that file is parsed.
// - `warm-up`: warm up now (`warmUp` as above: a worker kept after small files, now
//   waiting for large ones).
// - `parse`: the dropped File and `sliceBytes`. This script reads the whole file itself,
//   in order, `sliceBytes` at a time, and hands each slice to `receive_file_chunk`, which
//   parses a large coverage.py or Istanbul report as it arrives (src/app/browser/worker/
//   inside.rs). The browser reads the next slice into a second buffer while the module
//   takes this one, and the two buffers are used over and over, so reading costs this
//   thread little more than the copies. Once all have come, `parse_received_file` parses
//   the rest and posts the answer, or asks for the file again whole (the reading as it
//   arrived met something it does not expect), which this script then reads again.
//   Every message's kind and fields are those of src/app/browser/worker/messages.rs; this
//   script writes only `crashed` and `out-of-memory` itself, the two a module that cannot
//   be called must still send.
// A `parse` may arrive while `prepare` is still under way; it waits for it. After a file
// the worker may be kept for the next one (the page decides).
//
// The glue import below is the one line scripts/single-file.mjs replaces with the glue
// itself (the single-file app starts this script from a blob: address, where no relative
// import resolves, as a classic worker, where no import may be); keep it the only import
// and never ask for the module's own address (a classic worker has none).
import initParser, * as parser from './covscope-parse-worker.js';

/** The browser could not read the file: a failure to show (in the module's words), not a crash. */
class ReadFailure extends Error {}

let ready = null;

async function prepare({ warmUp, wasmBase64 }) {
  if (typeof wasmBase64 === 'string') {
    const bytes = Uint8Array.from(atob(wasmBase64), (character) => character.charCodeAt(0));
    await initParser({ module_or_path: bytes });
  } else {
    await initParser();
  }
  // Not awaited: a file asked for meanwhile goes first (see `warmUpParsers`).
  warmUpParsers(parser, warmUp).catch(() => {});
  return parser;
}

/**
 * The formats' keys a warm-up named and not yet run. A file asked for pauses them at the
 * next format (`parsesUnderWay`), and they go on once it is parsed: the page counts a
 * worker it keeps after a small file as warmed for what it asked, so a format left cold
 * here would stay cold for a later large file.
 */
const warmUpsWaiting = [];
let warmUpsRunning = false;
let parsesUnderWay = 0;

/**
 * Queues the parsers a warm-up names (`false` none, `true` every format's, or one format's
 * key: the page's `WarmUpScope`) and runs them one format a task, so a file asked for
 * meanwhile waits for one format's warm-up at most rather than every format's (a few
 * hundred milliseconds in all).
 */
async function warmUpParsers(glue, warmUp) {
  let keys = [];
  if (warmUp === true) keys = glue.warm_up_format_keys();
  else if (typeof warmUp === 'string') keys = [warmUp];
  for (const key of keys) {
    if (!warmUpsWaiting.includes(key)) warmUpsWaiting.push(key);
  }
  return runWaitingWarmUps(glue);
}

/** Runs the queued warm-ups one format a task while no file is being parsed. */
async function runWaitingWarmUps(glue) {
  if (warmUpsRunning) return;
  warmUpsRunning = true;
  try {
    while (warmUpsWaiting.length > 0 && parsesUnderWay === 0) {
      glue.warm_up_parse_worker(warmUpsWaiting.shift());
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    warmUpsRunning = false;
  }
}

function reportCrash(error) {
  const message = String((error && error.message) || error || 'unknown error');
  self.postMessage({ kind: 'crashed', message });
}

/**
 * How long the worker waits for one read of the file's byte stream before it stops
 * waiting and reads the rest as slices. A read settles as soon as the browser has any
 * bytes for it, so one that takes this long is not a slow disk but a stream that has
 * stopped: Chromium's byte stream of a `Blob` left its last read unsettled in about one
 * load in 150 on a loaded two-core machine, and the load then waited for ever
 * (BENCHMARKS.md, "A stream read that never settles"). Giving up on a stream too soon
 * costs only the slices' speed, since they read the same bytes.
 */
const STREAM_READ_STALL_MILLISECONDS = 5000;

/** What a stream read that did not settle in time gives: the end of the stream, no bytes. */
const STREAM_READ_STALLED = Object.freeze({ value: null, done: true });

/** `reading`'s outcome, or `stalled` once `milliseconds` have passed without one. */
async function settledWithin(reading, milliseconds, stalled) {
  let timer = null;
  const stall = new Promise((resolve) => {
    timer = setTimeout(() => resolve(stalled), milliseconds);
  });
  try {
    return await Promise.race([reading, stall]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads the file from its start in slices and hands each to `take` (offset, bytes) until
 * it returns false or the file's size is reached. A byte stream read into two buffers
 * kept from slice to slice (no larger than the file): the browser fills one while `take`
 * copies the other. A browser whose file streams cannot fill a given buffer reads slices
 * of the file instead, and so does a stream that ends before the file's size, fails
 * part-way, or leaves a read unsettled for `STREAM_READ_STALL_MILLISECONDS`: the rest is
 * read as slices from where the stream stopped, so every byte still comes once and in
 * order. Only a slice that cannot be read is a failure.
 */
async function readInOrder(file, sliceBytes, take) {
  if (file.size === 0) return;
  let reader = null;
  try {
    reader = file.stream().getReader({ mode: 'byob' });
  } catch (error) {
    reader = null;
  }
  if (!reader) return readSlicesInOrder(file, sliceBytes, take, 0);
  const bufferBytes = Math.min(sliceBytes, file.size);
  const buffers = [new ArrayBuffer(bufferBytes), new ArrayBuffer(bufferBytes)];
  // A failed read settles as no bytes and the end of the stream: the slices take over.
  const readInto = (index) =>
    reader.read(new Uint8Array(buffers[index], 0, bufferBytes)).catch(() => ({ value: null, done: true }));
  let offset = 0;
  let filling = 0;
  let reading = readInto(filling);
  try {
    while (offset < file.size) {
      // A read that never settles ends the stream here, as one that fails does.
      const { value, done } = await settledWithin(reading, STREAM_READ_STALL_MILLISECONDS, STREAM_READ_STALLED);
      reading = null;
      // A read may bring the stream's last bytes together with its end.
      const bytes = value && value.byteLength > 0 ? value : null;
      if (bytes) {
        // The buffer comes back moved; it is filled again two slices later.
        buffers[filling] = bytes.buffer;
        filling = 1 - filling;
      }
      const end = offset + (bytes ? bytes.byteLength : 0);
      // A read with no bytes that is not the end is not what a stream gives; the slices
      // take over rather than ask again and again.
      const more = !done && bytes !== null && end < file.size;
      if (more) reading = readInto(filling);
      if (bytes && !take(offset, bytes)) return;
      offset = end;
      if (!more) break;
    }
  } finally {
    // Awaited never when `take` stops the reading: not an unhandled rejection.
    if (reading) reading.catch(() => {});
    reader.cancel().catch(() => {});
  }
  if (offset < file.size) await readSlicesInOrder(file, sliceBytes, take, offset);
}

/** Reads the file in order as separate slices from `start`, the next while this one is taken. */
async function readSlicesInOrder(file, sliceBytes, take, start) {
  const readSlice = (from) => {
    const reading = file
      .slice(from, Math.min(file.size, from + sliceBytes))
      .arrayBuffer()
      .catch(() => {
        throw new ReadFailure();
      });
    reading.catch(() => {});
    return reading;
  };
  let nextRead = readSlice(start);
  for (let from = start; from < file.size; from += sliceBytes) {
    const buffer = await nextRead;
    nextRead = from + sliceBytes < file.size ? readSlice(from + sliceBytes) : null;
    if (!take(from, new Uint8Array(buffer))) return;
  }
}

/** Reads the file into the module and parses it, again whole when the module asks. */
async function receiveAndParse(glue, { file, fileName, sliceBytes }) {
  for (const readAsItArrives of [true, false]) {
    try {
      if (!glue.start_receiving_file(file, fileName, readAsItArrives)) return;
    } catch (error) {
      // The module stops when it cannot have the memory; it cannot be called again, so the
      // page words the failure (src/app/browser/worker/messages.rs).
      self.postMessage({ kind: 'out-of-memory' });
      return;
    }
    try {
      await readInOrder(file, sliceBytes, (offset, bytes) => glue.receive_file_chunk(offset, bytes));
    } catch (error) {
      // Anything else (the module trapped) is a crash, reported by the caller.
      if (!(error instanceof ReadFailure)) throw error;
      glue.fail_receiving_file();
      return;
    }
    if (glue.parse_received_file()) return;
  }
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
      if (ready) ready.then((glue) => warmUpParsers(glue, request.warmUp)).catch(() => {});
      return;
    case 'parse': {
      parsesUnderWay += 1;
      let glue = null;
      try {
        if (!ready) throw new Error('the parsing worker was asked to parse before it was prepared');
        glue = await ready;
        await receiveAndParse(glue, request);
      } catch (error) {
        // A module that trapped cannot be called again: no warm-up resumes.
        glue = null;
        reportCrash(error);
      } finally {
        parsesUnderWay -= 1;
      }
      if (glue && parsesUnderWay === 0) runWaitingWarmUps(glue).catch(() => {});
      return;
    }
    default:
      return;
  }
};
