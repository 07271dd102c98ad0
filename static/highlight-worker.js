// Covscope's highlight worker: loads the highlighter's own WebAssembly module (built from
// highlight/ by Trunk) the first time a source view needs colours, then answers each
// `{ id, text, language }` with `{ id, tokens }` (a Uint32Array, four numbers per token:
// line, start byte, end byte, class) or `{ id, error }`. The app's first view never loads
// this file or the module.
import init, { highlight_source } from './covscope-highlight.js';

const ready = init();

self.onmessage = async ({ data }) => {
  const { id, text, language } = data;
  try {
    await ready;
    const tokens = highlight_source(text, language);
    self.postMessage({ id, tokens }, [tokens.buffer]);
  } catch (error) {
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};
