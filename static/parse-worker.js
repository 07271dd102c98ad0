// Covscope's parsing worker: runs the app's own WebAssembly off the page's thread.
//
// The page posts one message: the compiled module it runs itself, the address of the
// wasm-bindgen glue it was loaded with, and the dropped File. Loading the same module
// here costs no second download; `parse_file_in_worker` reads, parses and posts the
// answer (see src/app/browser/parse_worker.rs for the message shapes).
self.onmessage = async (event) => {
  const { glueAddress, module, file, fileName } = event.data;
  try {
    const glue = await import(glueAddress);
    await glue.default({ module_or_path: module });
    glue.parse_file_in_worker(file, fileName);
  } catch (error) {
    const message = String((error && error.message) || error || 'unknown error');
    self.postMessage({ kind: 'crashed', message });
  }
};
