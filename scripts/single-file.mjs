// Builds dist-single/covscope.html from Trunk's dist/: one HTML file with the stylesheet,
// the wasm-bindgen JavaScript, the WebAssembly (base64), the parsing worker (its script
// with the parser's glue inside, and the parser's WebAssembly as base64) and the demo files
// inlined, so it opens from disk (file://) with no network and no server. Run after
// `trunk build --release`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { completeContentSecurityPolicy } from './csp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, process.argv[2] ?? 'dist');
const outputDirectory = path.join(root, process.argv[3] ?? 'dist-single');

function must(match, what) {
  if (!match) {
    throw new Error(`single-file build: could not find ${what} in ${dist}/index.html`);
  }
  return match[1];
}

const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const bindingsName = must(/import init, \* as bindings from '\.\/([^']+\.js)'/.exec(html), 'the bindings import');
const wasmName = must(/module_or_path: '\.\/([^']+\.wasm)'/.exec(html), 'the wasm path');
const stylesheetName = must(/<link rel="stylesheet" href="\.\/([^"]+\.css)"/.exec(html), 'the stylesheet');

/** A wasm-bindgen module made inline code: its exports turn into plain declarations. */
function inlineModule(fileName) {
  const text = fs.readFileSync(path.join(dist, fileName), 'utf8');
  return {
    code: text.replace(/^export function /gm, 'function ').replace(/^export \{[^}]*\};?\s*$/gm, ''),
    exportedFunctions: [...text.matchAll(/^export function (\w+)/gm)].map((match) => match[1]),
  };
}

const { code: inlineBindings, exportedFunctions } = inlineModule(bindingsName);
const wasmBase64 = fs.readFileSync(path.join(dist, wasmName)).toString('base64');
const stylesheet = fs.readFileSync(path.join(dist, stylesheetName), 'utf8');

// Text placed inside <script> or <style> must not close the element early.
const guard = (text) => text.replace(/<\/(script|style)/gi, '<\\/$1');

const appScript = `<script type="module" id="covscope-app">
${guard(inlineBindings)}
const covscopeWasmBytes = Uint8Array.from(atob("${wasmBase64}"), (character) => character.charCodeAt(0));
const covscopeInstance = await __wbg_init({ module_or_path: covscopeWasmBytes });
window.wasmBindings = { ${exportedFunctions.join(', ')} };
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: covscopeInstance } }));
</script>`;

// The parsing worker starts from a blob: address made of this script, where no relative
// import resolves: its one import of the parser's glue is replaced by the glue itself.
// Chromium starts no module worker from a blob: address of a file:// page, so the script
// must be a classic one: no import or export is left, and the glue's `import.meta.url`
// (only used to find the wasm beside it, which the page hands over instead) becomes the
// worker's own address. The page hands the worker the parser's WebAssembly (base64,
// decoded in the worker). Neither element is run by the browser (their types are not
// scripts).
const workerGlueName = 'covscope-parse-worker.js';
const workerGlueImport = `import initParser, * as parser from './${workerGlueName}';`;
const workerScript = fs.readFileSync(path.join(dist, 'parse-worker.js'), 'utf8');
if (!workerScript.includes(workerGlueImport)) {
  throw new Error(`single-file build: parse-worker.js no longer imports ${workerGlueName} as expected`);
}
const workerGlue = inlineModule(workerGlueName);
workerGlue.code = workerGlue.code.replaceAll('import.meta.url', 'self.location.href');
const inlineWorkerScript = workerScript.replace(
  workerGlueImport,
  () => `${workerGlue.code}\nconst initParser = __wbg_init;\nconst parser = { ${workerGlue.exportedFunctions.join(', ')} };\n`,
);
if (/^\s*(import|export)\b|import\.meta/m.test(inlineWorkerScript)) {
  throw new Error('single-file build: the inline worker script still has an import or export; it must run as a classic worker');
}
const workerWasmBase64 = fs.readFileSync(path.join(dist, 'covscope-parse-worker_bg.wasm')).toString('base64');
const workerElements =
  `<script type="text/x-covscope-worker" id="covscope-parse-worker-script">${guard(inlineWorkerScript)}</script>\n` +
  `<script type="application/x-covscope-wasm-base64" id="covscope-parse-worker-wasm">${workerWasmBase64}</script>\n`;

// The demo (served from dist/demo/ when hosted) travels inside the page as JSON in a
// script element the browser never runs; `<` is escaped so no text can close it early.
// A report or document travels prepared (its `prepared` text, marked `prepared: true`), as
// the hosted page fetches it, so the demo needs no parsing worker here either.
const demoFolder = path.join(dist, 'demo');
const demoList = JSON.parse(fs.readFileSync(path.join(demoFolder, 'files.json'), 'utf8'));
const demoData = JSON.stringify({
  files: demoList.files.map((file) =>
    file.prepared
      ? { name: file.name, text: fs.readFileSync(path.join(demoFolder, file.prepared), 'utf8'), prepared: true }
      : { name: file.name, text: fs.readFileSync(path.join(demoFolder, file.path), 'utf8') },
  ),
}).replace(/</g, '\\u003c');
const demoElement = `<script type="application/json" id="covscope-demo-data">${demoData}</script>\n`;

let single = html
  .replace(/<script type="module">[\s\S]*?<\/script>/, () => appScript)
  .replace(/<link rel="stylesheet"[^>]*>/, () => `<style id="covscope-style">${guard(stylesheet)}</style>`)
  .replace(/<link rel="modulepreload"[^>]*>/g, '')
  .replace(/<link rel="preload"[^>]*>/g, '')
  .replace(/<link rel="manifest"[^>]*>/g, '')
  .replace('</head>', () => `${workerElements}${demoElement}</head>`);
if (/<link[^>]+href="\.\//.test(single) || /src="\.\//.test(single)) {
  throw new Error('single-file build: a relative asset reference is left in the page');
}
// Every script and style is now inline: the policy lists their hashes instead of the
// served build's loader (the single-file app has no other files to allow).
single = completeContentSecurityPolicy(single);
fs.mkdirSync(outputDirectory, { recursive: true });
const outputPath = path.join(outputDirectory, 'covscope.html');
fs.writeFileSync(outputPath, single);
console.log(`single-file build: ${path.relative(root, outputPath)} (${single.length} bytes)`);
