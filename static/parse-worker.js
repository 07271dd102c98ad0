// Covscope's parsing worker: runs the app's own WebAssembly off the page's thread.
//
// The page posts:
// - `prepare`: the compiled module the page runs itself and the address of the
//   wasm-bindgen glue it was loaded with. Loading the same module here costs no second
//   download, and `warm_up_parse_worker` runs the parser once on a small made-up report
//   so that its code is optimised before a real file comes.
// - `parse`: the dropped File, `splitAt` and `sliceBytes`. This script reads the file's
//   first `splitAt` bytes, `sliceBytes` at a time, while the page reads the rest and
//   posts it as `chunk` messages (`offset`, `buffer`), or `chunk-failed`. Reading a file costs the thread
//   that receives the bytes, so two threads read it in about half the time. Every chunk
//   goes straight into the module's memory; once all have come, `parse_received_file`
//   parses and posts the answer. Every message's kind and fields are those of
//   src/app/browser/worker/messages.rs; this script writes only `crashed` and
//   `out-of-memory` itself, the two a module that cannot be called must still send.
// A `parse` (and chunks) may arrive while `prepare` is still under way; they wait for it.

/** The browser could not read the file: a failure to show (in the module's words), not a crash. */
class ReadFailure extends Error {}

let ready = null;
// While a file is being received: takes the page's chunks. Before that, they wait here.
let takePageChunk = null;
const earlyPageChunks = [];

async function prepare({ glueAddress, module }) {
  const glue = await import(glueAddress);
  await glue.default({ module_or_path: module });
  glue.warm_up_parse_worker();
  return glue;
}

/**
 * Copies a slice into the module's memory and gives the slice's own memory back at once
 * (detaching it frees it; left to the garbage collector, some 50 MB of read slices were
 * waiting to be freed at the peak of a 100 MB load).
 */
function takeSlice(glue, offset, buffer) {
  glue.receive_file_chunk(offset, new Uint8Array(buffer));
  if (typeof buffer.transfer === 'function') buffer.transfer(0);
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
