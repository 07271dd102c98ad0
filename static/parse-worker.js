// Covscope's parsing worker: runs the app's own WebAssembly off the page's thread.
//
// The page posts two messages. `prepare` carries the compiled module the page runs itself
// and the address of the wasm-bindgen glue it was loaded with: loading the same module
// here costs no second download, and `warm_up_parse_worker` runs the parser once on a
// small made-up report so that its code is optimised before a real file comes. `parse`
// carries the dropped File; it may arrive while `prepare` is still under way, and waits
// for it. `parse_file_in_worker` reads, parses and posts the answer (see
// src/app/browser/parse_worker.rs for the message shapes).
let ready = null;

async function prepare({ glueAddress, module }) {
  const glue = await import(glueAddress);
  await glue.default({ module_or_path: module });
  glue.warm_up_parse_worker();
  return glue;
}

function reportCrash(error) {
  const message = String((error && error.message) || error || 'unknown error');
  self.postMessage({ kind: 'crashed', message });
}

self.onmessage = async (event) => {
  const request = event.data;
  if (request.kind === 'prepare') {
    ready = prepare(request);
    // A failed preparation is reported when a file is asked for, not before: until then
    // nobody listens, and the page simply starts another worker next time.
    ready.catch(() => {});
    return;
  }
  if (request.kind === 'parse') {
    try {
      if (!ready) throw new Error('the parsing worker was asked to parse before it was prepared');
      const glue = await ready;
      glue.parse_file_in_worker(request.file, request.fileName);
    } catch (error) {
      reportCrash(error);
    }
  }
};
