// Drives Debian's Chromium against a served Covscope release and prints the benchmark table.
//
// Not a Playwright test (the test command never runs it): `bash scripts/bench.sh` builds,
// generates the inputs and serves dist/, then runs
//
//   node tests/bench/bench.mjs --url http://127.0.0.1:4204/ --dist dist \
//     --inputs target/bench-inputs/<hash> --sizes 1,10,100 --runs 5 \
//     [--formats lcov,cobertura,istanbul --format-size 100 --format-inputs target/bench-inputs/formats-<hash>]
//
// Only the cold start (no inputs needed), many runs, e.g. for an A/B of two served builds:
//
//   node tests/bench/bench.mjs --url http://127.0.0.1:4204/ --dist dist --cold-only --runs 15
//
// (--cold-runs N sets the cold start's runs apart from --runs; --cold-service-worker lets
// each cold start register the app's service worker, as a real first visit does, where the
// default blocks it so every run is alike.)
//
// Every figure is the median over --runs fresh browser contexts. What each column means,
// and how it is measured, is in BENCHMARKS.md.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';
import os from 'node:os';
import { runViewBenchmarks, formatViewReport } from './views.mjs';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Filters for the filter timing: disjoint package names, so each one changes the rows.
const FILTER_TEXTS = ['/billing/', '/search/', '/auth/', '/ingest/', '/catalog/', '/payments/', '/reports/', '/gateway/', '/storage/'];
const INTERACTION_REPEATS = 9;
const MEMORY_SAMPLE_MS = 50;

// The other formats' inputs (scripts/gen_formats.py) and the parse their JavaScript peer
// would use on the same bytes: JSON.parse for Istanbul's JSON, DOMParser for Cobertura's
// XML; the browser has no lcov parser, so the peer is a line-split parse in JavaScript
// shaped like the lcov-parse package's (see parseLcovInPage).
const FORMATS = {
  lcov: { fileName: (size) => `lcov-${size}mb.info`, peer: 'lcov-js' },
  cobertura: { fileName: (size) => `cobertura-${size}mb.xml`, peer: 'DOMParser' },
  istanbul: { fileName: (size) => `coverage-final-${size}mb.json`, peer: 'JSON.parse' },
};

const options = parseArguments(process.argv.slice(2));

class StepTimeout extends Error {}

function parseArguments(argv) {
  const result = {
    url: 'http://127.0.0.1:4204/',
    dist: 'dist',
    inputs: 'target/bench-inputs',
    sizes: [1, 10, 100],
    runs: 5,
    interactionFiles: 50000,
    timeoutSeconds: 600,
    // Issue 16's code views (tests/bench/views.mjs): on unless --no-views.
    views: true,
    sourceInputs: null,
    formats: [],
    formatSize: 100,
    formatInputs: null,
    coldOnly: false,
    // The cold start's runs; --runs unless --cold-runs.
    coldRuns: null,
    coldServiceWorker: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--url': result.url = value; i++; break;
      case '--dist': result.dist = value; i++; break;
      case '--inputs': result.inputs = value; i++; break;
      case '--sizes': result.sizes = value.split(',').filter(Boolean).map(Number); i++; break;
      case '--runs': result.runs = Number(value); i++; break;
      case '--interaction-files': result.interactionFiles = Number(value); i++; break;
      case '--timeout': result.timeoutSeconds = Number(value); i++; break;
      case '--views': result.views = true; break;
      case '--no-views': result.views = false; break;
      case '--source-inputs': result.sourceInputs = value; i++; break;
      case '--formats': result.formats = value.split(',').filter(Boolean); i++; break;
      case '--format-size': result.formatSize = Number(value); i++; break;
      case '--format-inputs': result.formatInputs = value; i++; break;
      case '--cold-only': result.coldOnly = true; break;
      case '--cold-runs': result.coldRuns = Number(value); i++; break;
      case '--cold-service-worker': result.coldServiceWorker = true; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (result.coldOnly) {
    // Nothing but the cold start: no input is loaded, so none is needed.
    result.sizes = [];
    result.formats = [];
    result.interactionFiles = 0;
    result.views = false;
  }
  result.coldRuns ??= result.runs;
  for (const format of result.formats) {
    if (!FORMATS[format]) throw new Error(`unknown format ${format} (one of ${Object.keys(FORMATS).join(', ')})`);
  }
  if (result.formats.length > 0 && !result.formatInputs) throw new Error('--formats needs --format-inputs');
  return result;
}

/** Rejects with StepTimeout after `seconds`, so one slow step prints instead of crashing. */
function withTimeout(promise, seconds, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what}: timed out after ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function median(values) {
  const numbers = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (numbers.length === 0) return null;
  const middle = Math.floor(numbers.length / 2);
  return numbers.length % 2 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2;
}

function megabytes(bytes) {
  return bytes / 1e6;
}

function formatMs(value) {
  if (value === null || value === undefined) return 'n/a';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** The page-side helpers, installed before the app's own scripts run. */
function installPageProbes() {
  window.__bench = { wasmMemory: null, longTasks: [], observer: null };
  addEventListener('TrunkApplicationStarted', (event) => {
    window.__bench.wasmMemory = event.detail && event.detail.wasm ? event.detail.wasm.memory : null;
  });
}

async function newBenchPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(installPageProbes);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const workers = await attachToWorkers(cdp);
  await page.goto(options.url);
  await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: 60_000 });
  await page.getByTestId('drop-zone').waitFor({ state: 'attached', timeout: 60_000 });
  // A hidden input of the bench's own holds the file: the app's input would load it.
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'covscope-bench-input';
    input.style.display = 'none';
    document.body.append(input);
  });
  return { context, page, cdp, workers };
}

/**
 * Worker heaps: auto-attach (non-flattened, so messages go through this session) to
 * every worker the page starts and ask each for Runtime.getHeapUsage.
 */
async function attachToWorkers(cdp) {
  const sessions = new Map();
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker' || event.targetInfo.type === 'shared_worker') {
      sessions.set(event.sessionId, event.targetInfo);
    }
  });
  cdp.on('Target.detachedFromTarget', (event) => sessions.delete(event.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    const resolver = pending.get(message.id);
    if (resolver) {
      pending.delete(message.id);
      resolver(message.result ?? null);
    }
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return {
    count: () => sessions.size,
    async heapUsedBytes() {
      let total = 0;
      for (const sessionId of sessions.keys()) {
        const id = nextId++;
        const answer = new Promise((resolveAnswer) => {
          pending.set(id, resolveAnswer);
          setTimeout(() => { pending.delete(id); resolveAnswer(null); }, 1000);
        });
        await cdp
          .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) })
          .catch(() => null);
        const result = await answer;
        if (result && typeof result.usedSize === 'number') total += result.usedSize + (result.backingStorageSize ?? 0);
      }
      return total;
    },
  };
}

/** Samples the page's and the workers' JS heaps every 50 ms until stopped. */
function startMemorySampler(cdp, workers) {
  const state = { pageHeapPeak: 0, pageBuffersPeak: 0, pagePeak: 0, workerPeak: 0, samples: 0, running: true, busy: false };
  const timer = setInterval(async () => {
    if (!state.running || state.busy) return;
    state.busy = true;
    try {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
      // ArrayBuffers (the file's bytes) live outside the JS heap; wasm memory is not
      // among them (it is counted separately, from the Memory object).
      const { backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
      const heap = used ? used.value : 0;
      state.pageHeapPeak = Math.max(state.pageHeapPeak, heap);
      state.pageBuffersPeak = Math.max(state.pageBuffersPeak, backingStorageSize ?? 0);
      state.pagePeak = Math.max(state.pagePeak, heap + (backingStorageSize ?? 0));
      if (workers.count() > 0) state.workerPeak = Math.max(state.workerPeak, await workers.heapUsedBytes());
      state.samples++;
    } catch {
      // The page may be closing; the last good sample stands.
    } finally {
      state.busy = false;
    }
  }, MEMORY_SAMPLE_MS);
  return {
    state,
    stop() {
      state.running = false;
      clearInterval(timer);
    },
  };
}

/** Decodes and JSON.parses the bench input's bytes in the page: the reference time. */
async function measureJsonParse(page) {
  return page.evaluate(async () => {
    const file = document.getElementById('covscope-bench-input').files[0];
    const buffer = await file.arrayBuffer();
    const t0 = performance.now();
    const text = new TextDecoder().decode(buffer);
    const t1 = performance.now();
    const parsed = JSON.parse(text);
    const t2 = performance.now();
    // The report's paths tell the table of this report from the demo's.
    window.__bench.reportPaths = new Set(Object.keys(parsed.files));
    return { decodeMs: t1 - t0, parseMs: t2 - t1 };
  });
}

/**
 * Decodes the bench input's bytes in the page and parses them as the format's JavaScript
 * peer would: the reference time for a format other than coverage.py's. The rows of the
 * dropped report are told by the paths the generator listed (`<input>.paths`).
 */
async function measurePeerParse(page, peer, paths) {
  return page.evaluate(async ({ peer, paths }) => {
    const file = document.getElementById('covscope-bench-input').files[0];
    const buffer = await file.arrayBuffer();
    const t0 = performance.now();
    const text = new TextDecoder().decode(buffer);
    const t1 = performance.now();
    let units = 0;
    if (peer === 'JSON.parse') {
      units = Object.keys(JSON.parse(text)).length;
    } else if (peer === 'DOMParser') {
      const documentParsed = new DOMParser().parseFromString(text, 'application/xml');
      if (documentParsed.getElementsByTagName('parsererror').length > 0) throw new Error('DOMParser: parsererror');
      units = documentParsed.documentElement.childElementCount;
    } else {
      units = parseLcovInPage(text).length;
    }
    const t2 = performance.now();
    window.__bench.reportPaths = new Set(paths);
    return { decodeMs: t1 - t0, parseMs: t2 - t1, peerUnits: units };

    // What a JavaScript app would do with an lcov tracefile (the lcov-parse package's
    // approach): split the text into lines, each line into its tag and comma-separated
    // fields, and build one object per SF record with its lines, functions and branches.
    function parseLcovInPage(source) {
      const records = [];
      let record = null;
      for (const line of source.split('\n')) {
        const colon = line.indexOf(':');
        const tag = colon < 0 ? line.trim() : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1);
        switch (tag) {
          case 'TN':
            record = { title: value, file: '', lines: { found: 0, hit: 0, details: [] }, functions: { found: 0, hit: 0, details: [] }, branches: { found: 0, hit: 0, details: [] }, byName: new Map() };
            break;
          case 'SF': record.file = value; break;
          case 'FN': {
            const [number, name] = value.split(',');
            const fn = { name, line: Number(number), hit: 0 };
            record.functions.details.push(fn);
            record.byName.set(name, fn);
            break;
          }
          case 'FNDA': {
            // A Map by name, where lcov-parse scans the list (quadratic in a file's functions).
            const [hit, name] = value.split(',');
            const found = record.byName.get(name);
            if (found) found.hit += Number(hit);
            break;
          }
          case 'DA': {
            const [number, hit] = value.split(',');
            record.lines.details.push({ line: Number(number), hit: Number(hit) });
            break;
          }
          case 'BRDA': {
            const [number, block, branch, taken] = value.split(',');
            record.branches.details.push({ line: Number(number), block: Number(block), branch: Number(branch), taken: taken === '-' ? 0 : Number(taken) });
            break;
          }
          case 'LF': record.lines.found = Number(value); break;
          case 'LH': record.lines.hit = Number(value); break;
          case 'FNF': record.functions.found = Number(value); break;
          case 'FNH': record.functions.hit = Number(value); break;
          case 'BRF': record.branches.found = Number(value); break;
          case 'BRH': record.branches.hit = Number(value); break;
          case 'end_of_record': records.push(record); record = null; break;
          default: break;
        }
      }
      return records;
    }
  }, { peer, paths });
}

/**
 * Drops the bench input on the drop zone (a DataTransfer built from the input's File) and
 * resolves when the table shows this report's rows with its report-item selected.
 */
async function measureDrop(page, fileName) {
  return page.evaluate(async (name) => {
    const bench = window.__bench;
    bench.longTasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ duration: entry.duration, start: entry.startTime });
    });
    observer.observe({ type: 'longtask' });
    const progress = [];
    // When each progress value was first seen: the bar counts every byte twice (read,
    // then parsed), so 50 marks the end of reading and 100 the end of parsing; what
    // follows until the table is the hand-over to the page and the render.
    const firstSeen = new Map();
    let t0 = null;
    const sampleProgress = () => {
      const element = document.querySelector('[data-testid="load-progress"]');
      if (!element) return;
      const bar = element.matches('progress') ? element : element.querySelector('progress');
      const now = element.getAttribute('aria-valuenow') ?? (bar && bar.hasAttribute('value') ? String(bar.value) : null);
      progress.push(now);
      if (t0 !== null && now !== null && !firstSeen.has(now)) firstSeen.set(now, performance.now() - t0);
    };
    const done = () => {
      const selected = document.querySelector(
        `[data-testid="report-item"][data-name="${CSS.escape(name)}"][aria-selected="true"]`,
      );
      if (!selected) return false;
      const table = document.querySelector('[data-testid="coverage-table"]');
      if (!table) return false;
      const row = table.querySelector('[data-testid="file-row"]');
      return row !== null && belongsToReport(row.getAttribute('data-path'));
    };
    // A row's path may carry a folder before the report's own path (Cobertura's source,
    // Istanbul's absolute paths): any ending after a '/' counts.
    const belongsToReport = (path) => {
      if (path === null) return false;
      if (bench.reportPaths.has(path)) return true;
      for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
        if (bench.reportPaths.has(path.slice(slash + 1))) return true;
      }
      return false;
    };
    const file = document.getElementById('covscope-bench-input').files[0];
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const zone = document.querySelector('[data-testid="drop-zone"]');
    const fire = (type) =>
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer }));
    fire('dragenter');
    fire('dragover');
    const progressObserver = new MutationObserver(sampleProgress);
    progressObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value', 'aria-valuenow'] });
    const progressTimer = setInterval(sampleProgress, 50);
    t0 = performance.now();
    fire('drop');
    const elapsed = await new Promise((resolveDone) => {
      const check = () => {
        if (done()) {
          tableObserver.disconnect();
          resolveDone(performance.now() - t0);
          return true;
        }
        return false;
      };
      const tableObserver = new MutationObserver(check);
      tableObserver.observe(document.body, { subtree: true, childList: true, attributes: true });
      check();
    });
    clearInterval(progressTimer);
    progressObserver.disconnect();
    // Long-task entries arrive after their task ends: let them in before reading.
    await new Promise((r) => setTimeout(r, 300));
    observer.disconnect();
    const rows = document.querySelectorAll('[data-testid="file-row"]').length;
    const memory = bench.wasmMemory ? bench.wasmMemory.buffer.byteLength : null;
    const measures = performance.getEntriesByName('covscope:load');
    const workerBytes = measures
      .map((m) => (m.detail && typeof m.detail.workerMemoryBytes === 'number' ? m.detail.workerMemoryBytes : null))
      .filter((v) => v !== null);
    const seen = progress.filter((v) => v !== undefined);
    const longest = bench.longTasks.reduce((best, task) => (best === null || task.duration > best.duration ? task : best), null);
    const firstAtLeast = (percent) => {
      const times = [...firstSeen].filter(([value]) => Number(value) >= percent).map(([, time]) => time);
      return times.length ? Math.min(...times) : null;
    };
    const numeric = new Set(seen.filter((v) => v !== null));
    return {
      elapsed,
      longestTask: longest ? longest.duration : null,
      // When the longest task began, from the drop: tells reading, parsing and the
      // hand-over apart (compare with the progress times).
      longestTaskAtMs: longest ? longest.start - t0 : null,
      longTaskCount: bench.longTasks.length,
      progressSeen: seen.length > 0,
      progressMoved: numeric.size >= 2,
      progressValues: numeric.size,
      readDoneMs: firstAtLeast(50),
      parseDoneMs: firstAtLeast(100),
      rows,
      wasmBytes: memory,
      workerMemoryBytes: workerBytes.length ? Math.max(...workerBytes) : null,
    };
  }, fileName);
}

/** Loads the report and times sort clicks and filter inputs until the rows change. */
async function measureInteractions(page, fileName) {
  const loaded = await withTimeout(measureDrop(page, fileName), options.timeoutSeconds, 'loading the interaction report');
  process.stderr.write(
    `    loaded in ${formatMs(loaded.elapsed)} ms, ${loaded.rows} file-rows (progress 50% at ${formatMs(loaded.readDoneMs)} ms, 100% at ${formatMs(loaded.parseDoneMs)} ms, longest task ${loaded.longestTask === null ? '< 50 ms' : `${formatMs(loaded.longestTask)} ms from ${formatMs(loaded.longestTaskAtMs)} ms`})\n`,
  );
  // The page reports each timing as it goes, so a slow run shows where it is.
  page.on('console', (message) => {
    if (message.text().startsWith('bench: ')) process.stderr.write(`    ${message.text().slice(7)}\n`);
  });
  const timings = await withTimeout(
    page.evaluate(async ({ repeats, filters }) => {
      const table = () => document.querySelector('[data-testid="coverage-table"]');
      const signature = () =>
        Array.from(document.querySelectorAll('[data-testid="file-row"]'))
          .slice(0, 20)
          .map((row) => row.getAttribute('data-path'))
          .join('\n');
      // Times one input: from just before its event is dispatched until the rows differ.
      const timeChange = (dispatch) =>
        new Promise((resolveChange) => {
          const before = signature();
          let t0 = 0;
          const check = () => {
            if (signature() !== before) {
              observer.disconnect();
              resolveChange(performance.now() - t0);
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(table() ?? document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          t0 = performance.now();
          dispatch();
          check();
        });
      const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const sortTimes = [];
      for (let i = 0; i < repeats; i++) {
        sortTimes.push(
          await timeChange(() => {
            // The hook is on the header cell; a person clicks the button inside it.
            const header = document.querySelector('[data-testid="sort-coverage"]');
            (header.querySelector('button') ?? header).click();
          }),
        );
        console.log(`bench: sort ${i + 1}: ${sortTimes[i].toFixed(1)} ms`);
        await settle();
      }
      const filterTimes = [];
      const input = document.querySelector('[data-testid="filter-input"]');
      for (let i = 0; i < repeats; i++) {
        filterTimes.push(
          await timeChange(() => {
            input.value = filters[i % filters.length];
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }),
        );
        console.log(`bench: filter ${i + 1}: ${filterTimes[i].toFixed(1)} ms`);
        await settle();
      }
      return { sortTimes, filterTimes };
    }, { repeats: INTERACTION_REPEATS, filters: FILTER_TEXTS }),
    options.timeoutSeconds,
    'sort and filter',
  );
  return { ...timings, rows: loaded.rows, loadMs: loaded.elapsed, longestTask: loaded.longestTask, progressMoved: loaded.progressMoved, readDoneMs: loaded.readDoneMs, parseDoneMs: loaded.parseDoneMs };
}

/** What the cold start's probe writes on the console, followed by the time. */
const COLD_START_MESSAGE = 'covscope-bench interactive at ';

/**
 * Installed before the page's own scripts on a cold start: in every frame until it holds,
 * checks whether the demo's table shows rows and the drop zone's file input is in the page,
 * and writes the time it first did on the console.
 */
function installColdStartProbe(message) {
  const check = () => {
    const interactive =
      document.querySelector('[data-testid="coverage-table"] [data-testid="file-row"]') &&
      document.querySelector('[data-testid="file-input"]');
    if (interactive) console.debug(`${message}${performance.now()}`);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * A cold start of the served release (a fresh context: no HTTP cache, no service worker):
 * first contentful paint, and time to interactive: the first frame in which the demo's
 * table shows rows and the drop zone's file input is in the page (the app is mounted and
 * listening), both from the navigation's start; and the paths the page and its workers
 * requested by the time the table was seen (the first view's files, demo included).
 */
async function coldStart(browser) {
  const context = await browser.newContext({ serviceWorkers: options.coldServiceWorker ? 'allow' : 'block' });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  try {
    // The page says when it became interactive on its console: waiting with Playwright's
    // waitForFunction would first evaluate Playwright's own injected script in the page,
    // tens of milliseconds of its main thread in the middle of the start being measured.
    await page.addInitScript(installColdStartProbe, COLD_START_MESSAGE);
    const interactive = page.waitForEvent('console', {
      predicate: (message) => message.text().startsWith(COLD_START_MESSAGE),
      timeout: 60_000,
    });
    await page.goto(options.url, { waitUntil: 'commit' });
    const timeToInteractive = Number((await interactive).text().slice(COLD_START_MESSAGE.length));
    const requestedBeforeInteractive = [...requested];
    const paint = await page.evaluate(() => {
      const entry = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      return entry ? entry.startTime : null;
    });
    return { paint, timeToInteractive, requestedBeforeInteractive };
  } finally {
    await context.close();
  }
}

/**
 * The built files gzipped (gzip -9), split into what the first view fetches (the files
 * index.html names: the page's wasm, its glue, the stylesheet) and what loads only when
 * first used (the parsing worker's script, the parser's glue and WebAssembly). The service
 * worker's script is counted apart: it is fetched after the first view, to keep the app.
 */
function bundleGzipBytes(dist) {
  const page = readFileSync(join(dist, 'index.html'), 'utf8');
  const named = new Set(
    [...page.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["']\.\/([^"']+\.(?:js|wasm|css))["']/g)].map((match) => match[1]),
  );
  const files = readdirSync(dist).filter((name) => /\.(wasm|js|css)$/.test(name));
  const parts = files.map((name) => ({
    name,
    gz: execFileSync('gzip', ['-9', '-c', join(dist, name)], { maxBuffer: 64 * 1024 * 1024 }).length,
    firstView: named.has(name),
    serviceWorker: name === 'sw.js',
  }));
  const sum = (list) => list.reduce((total, part) => total + part.gz, 0);
  const firstView = parts.filter((part) => part.firstView);
  const lazy = parts.filter((part) => !part.firstView && !part.serviceWorker);
  return { firstView: sum(firstView), lazy: sum(lazy), firstViewParts: firstView, lazyParts: lazy };
}

/**
 * The files of dist/ a cold start requested before its table showed (in every run), each
 * gzipped (gzip -9): what the first view really fetches, the demo's files and any worker
 * included.
 */
function fetchedBeforeInteractive(dist, starts) {
  const inEveryRun = starts
    .map((run) => new Set(run.requestedBeforeInteractive.map((path) => (path.endsWith('/') ? `${path}index.html` : path))))
    .reduce((common, run) => new Set([...common].filter((path) => run.has(path))));
  const parts = [...inEveryRun]
    .map((path) => path.replace(/^\//, ''))
    .filter((name) => existsSync(join(dist, name)) && statSync(join(dist, name)).isFile())
    .sort()
    .map((name) => ({ name, gz: execFileSync('gzip', ['-9', '-c', join(dist, name)], { maxBuffer: 64 * 1024 * 1024 }).length }));
  return { total: parts.reduce((total, part) => total + part.gz, 0), parts };
}

async function runLoadCase(browser, file, peer = 'JSON.parse') {
  const name = basename(file);
  const paths = peer === 'JSON.parse' && !existsSync(`${file}.paths`) ? null : readFileSync(`${file}.paths`, 'utf8').split('\n').filter(Boolean);
  const results = [];
  for (let run = 0; run < options.runs; run++) {
    const session = await newBenchPage(browser);
    const result = { timedOut: null };
    try {
      await session.page.locator('#covscope-bench-input').setInputFiles(file);
      const reference = paths === null ? measureJsonParse(session.page) : measurePeerParse(session.page, peer, paths);
      Object.assign(result, await withTimeout(reference, options.timeoutSeconds, peer));
      // The parsed object is garbage now; collect it so it does not count as the app's.
      await session.cdp.send('HeapProfiler.collectGarbage');
      const sampler = startMemorySampler(session.cdp, session.workers);
      try {
        Object.assign(result, await withTimeout(measureDrop(session.page, name), options.timeoutSeconds, 'drop to table'));
      } finally {
        sampler.stop();
      }
      result.pagePeak = sampler.state.pagePeak;
      result.pageHeapPeak = sampler.state.pageHeapPeak;
      result.pageBuffersPeak = sampler.state.pageBuffersPeak;
      result.workerHeapPeak = sampler.state.workerPeak;
      result.workersSeen = session.workers.count();
    } catch (error) {
      if (!(error instanceof StepTimeout)) throw error;
      result.timedOut = error.message;
    } finally {
      await session.context.close().catch(() => {});
    }
    process.stderr.write(
      `  ${name} run ${run + 1}: ${result.timedOut ?? `${peer} ${formatMs(result.parseMs)} ms, ${formatMs(result.elapsed)} ms to table (progress: ${result.progressValues} values, 50% at ${formatMs(result.readDoneMs)} ms, 100% at ${formatMs(result.parseDoneMs)} ms; longest task ${result.longestTask === null ? '< 50 ms' : `${formatMs(result.longestTask)} ms from ${formatMs(result.longestTaskAtMs)} ms`})`}\n`,
    );
    results.push(result);
    if (result.timedOut) break; // Further runs would time out the same way.
  }
  return results;
}

async function runInteractionCase(browser, file) {
  const name = basename(file);
  const results = [];
  for (let run = 0; run < options.runs; run++) {
    const session = await newBenchPage(browser);
    const result = { timedOut: null };
    try {
      await session.page.locator('#covscope-bench-input').setInputFiles(file);
      Object.assign(result, await withTimeout(measureJsonParse(session.page), options.timeoutSeconds, 'JSON.parse'));
      // The parsed object is garbage now; collect it before the load is timed.
      await session.cdp.send('HeapProfiler.collectGarbage');
      Object.assign(result, await measureInteractions(session.page, name));
    } catch (error) {
      if (!(error instanceof StepTimeout)) throw error;
      result.timedOut = error.message;
    } finally {
      await session.context.close().catch(() => {});
    }
    process.stderr.write(
      `  ${name} run ${run + 1}: ${result.timedOut ?? `JSON.parse ${formatMs(result.parseMs)} ms, table ${formatMs(result.loadMs)} ms, sort ${formatMs(median(result.sortTimes))} ms, filter ${formatMs(median(result.filterTimes))} ms`}\n`,
    );
    results.push(result);
    if (result.timedOut) break;
  }
  return results;
}

function summarizeLoad(file, results, peer = 'JSON.parse') {
  const ok = results.filter((r) => !r.timedOut);
  const inputBytes = statSync(file).size;
  if (ok.length === 0) {
    return { inputBytes, peer, timedOut: results[0].timedOut, parseMs: null };
  }
  const pick = (key) => median(ok.map((r) => r[key]));
  // Every part at its own peak, added up: an upper bound of the memory held at any one
  // moment. The worker's WebAssembly memory is the worker's own report (it cannot be
  // sampled while the worker parses, and it never shrinks, so its last size is its peak).
  const peakTotal = median(
    ok.map((r) => (r.pagePeak ?? 0) + (r.workerHeapPeak ?? 0) + (r.wasmBytes ?? 0) + (r.workerMemoryBytes ?? 0)),
  );
  return {
    inputBytes,
    peer,
    runs: ok.length,
    timedOutRuns: results.length - ok.length,
    decodeMs: pick('decodeMs'),
    parseMs: pick('parseMs'),
    dropMs: pick('elapsed'),
    // Each run's drop-to-table over its own peer parse (seconds apart in one page, so a
    // load that comes and goes on the machine weighs on both), then the median.
    ratio: median(ok.map((r) => (r.parseMs ? r.elapsed / r.parseMs : null))),
    readDoneMs: pick('readDoneMs'),
    parseDoneMs: pick('parseDoneMs'),
    longestTask: ok.every((r) => r.longestTask === null) ? null : median(ok.map((r) => r.longestTask ?? 0)),
    progressSeen: ok.filter((r) => r.progressSeen).length,
    progressMoved: ok.filter((r) => r.progressMoved).length,
    rows: pick('rows'),
    pageHeapPeak: pick('pageHeapPeak'),
    pageBuffersPeak: pick('pageBuffersPeak'),
    workerHeapPeak: pick('workerHeapPeak'),
    wasmBytes: pick('wasmBytes'),
    workerMemoryBytes: ok.some((r) => r.workerMemoryBytes !== null) ? pick('workerMemoryBytes') : null,
    peakTotal,
  };
}

function machineDescription() {
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    // Reported as unknown.
  }
  const load = os.loadavg().map((v) => v.toFixed(2)).join(', ');
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, load average at the start ${load}`,
    `- browser: ${chromiumVersion}, headless, ${CHROMIUM_ARGS.join(' ')}`,
    `- runs: median of ${options.runs} fresh browser contexts per row; sort and filter: median of ${INTERACTION_REPEATS} inputs per run, then the median over runs`,
  ].join('\n');
}

async function main() {
  const inputs = resolve(options.inputs);
  const loadFiles = options.sizes.map((size) => join(inputs, `coverage-${size}mb-contexts.json`));
  const formatFiles = options.formats.map((format) => ({
    format,
    peer: FORMATS[format].peer,
    file: join(resolve(options.formatInputs ?? '.'), FORMATS[format].fileName(options.formatSize)),
  }));
  const interactionFile = options.interactionFiles > 0 ? join(inputs, `coverage-${options.interactionFiles}-files.json`) : null;
  for (const file of [...loadFiles, ...formatFiles.map((f) => f.file), interactionFile].filter(Boolean)) {
    if (!existsSync(file)) throw new Error(`missing input ${file} (scripts/bench.sh generates it)`);
  }
  const header = machineDescription();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const loadRows = [];
    for (const file of loadFiles) {
      process.stderr.write(`loading ${basename(file)} (${megabytes(statSync(file).size).toFixed(1)} MB)\n`);
      loadRows.push({ file, label: 'coverage.py', ...summarizeLoad(file, await runLoadCase(browser, file)) });
    }
    for (const { format, peer, file } of formatFiles) {
      process.stderr.write(`loading ${basename(file)} (${megabytes(statSync(file).size).toFixed(1)} MB, against ${peer})\n`);
      loadRows.push({ file, label: format, ...summarizeLoad(file, await runLoadCase(browser, file, peer), peer) });
    }
    let interaction = null;
    if (interactionFile) {
      process.stderr.write(`sort and filter on ${basename(interactionFile)}\n`);
      const results = await runInteractionCase(browser, interactionFile);
      const ok = results.filter((r) => !r.timedOut);
      interaction = ok.length
        ? {
            sortMs: median(ok.map((r) => median(r.sortTimes))),
            parseMs: median(ok.map((r) => r.parseMs)),
            ratio: median(ok.map((r) => (r.parseMs ? r.loadMs / r.parseMs : null))),
            readDoneMs: median(ok.map((r) => r.readDoneMs)),
            parseDoneMs: median(ok.map((r) => r.parseDoneMs)),
            longestTask: ok.every((r) => r.longestTask === null) ? null : median(ok.map((r) => r.longestTask ?? 0)),
            progressMoved: ok.filter((r) => r.progressMoved).length,
            filterMs: median(ok.map((r) => median(r.filterTimes))),
            rows: median(ok.map((r) => r.rows)),
            loadMs: median(ok.map((r) => r.loadMs)),
            runs: ok.length,
            bytes: statSync(interactionFile).size,
          }
        : { timedOut: results[0].timedOut, bytes: statSync(interactionFile).size };
    }
    const starts = [];
    for (let run = 0; run < options.coldRuns; run++) {
      const start = await coldStart(browser);
      process.stderr.write(`  cold start run ${run + 1}: paint ${formatMs(start.paint)} ms, interactive ${formatMs(start.timeToInteractive)} ms\n`);
      starts.push(start);
    }
    const spread = (values) => ({ low: Math.min(...values), high: Math.max(...values) });
    const start = {
      paint: median(starts.map((run) => run.paint)),
      timeToInteractive: median(starts.map((run) => run.timeToInteractive)),
      paintSpread: spread(starts.map((run) => run.paint ?? Number.NaN)),
      interactiveSpread: spread(starts.map((run) => run.timeToInteractive)),
    };
    const bundle = bundleGzipBytes(resolve(options.dist));
    bundle.fetched = fetchedBeforeInteractive(resolve(options.dist), starts);
    // The code views (issue 16): the source view of a 10,000-line file and the tree of the
    // interaction report; their tables follow the others.
    const views = options.views
      ? await runViewBenchmarks(browser, {
          options,
          sourceInputs: resolve(options.sourceInputs ?? join(inputs, 'long-source')),
          treeFile: interactionFile,
          tools: { newBenchPage, measureJsonParse, measureDrop, withTimeout, median, formatMs, StepTimeout },
        })
      : null;
    printReport(header, loadRows, interaction, start, bundle);
    if (views) process.stdout.write(formatViewReport(views, formatMs));
  } finally {
    await browser.close();
  }
}

function printReport(header, loadRows, interaction, start, bundle) {
  const lines = [];
  lines.push(header, '');
  if (loadRows.length > 0) {
    lines.push(
      '| input | format | files | decode ms | peer parse | peer ms | drop-to-table ms | progress 50% / 100% at ms | ratio | longest task ms | progress shown / moved | DOM file-rows | peak memory MB (page JS heap + page array buffers + worker JS heap and buffers + page wasm + worker wasm) | × input |',
    );
    lines.push('|---|---|---:|---:|---|---:|---:|---|---:|---:|---|---:|---|---:|');
  }
  for (const row of loadRows) {
    const size = `${megabytes(row.inputBytes).toFixed(1)} MB`;
    const files = countFiles(row.file);
    if (row.timedOut) {
      lines.push(`| ${size} | ${row.label} | ${files} | | ${row.peer} | | ${row.timedOut} | | | | | | | |`);
      continue;
    }
    const ratio = row.ratio === null ? 'n/a' : row.ratio.toFixed(2);
    const memory =
      `${megabytes(row.peakTotal).toFixed(0)} (${megabytes(row.pageHeapPeak).toFixed(0)} + ${megabytes(row.pageBuffersPeak).toFixed(0)} + ` +
      `${row.workerHeapPeak ? megabytes(row.workerHeapPeak).toFixed(0) : '0'} + ${row.wasmBytes === null ? 'n/a' : megabytes(row.wasmBytes).toFixed(0)} + ` +
      `${row.workerMemoryBytes === null ? '0' : megabytes(row.workerMemoryBytes).toFixed(0)})`;
    lines.push(
      `| ${size} | ${row.label} | ${files} | ${formatMs(row.decodeMs)} | ${row.peer} | ${formatMs(row.parseMs)} | ${formatMs(row.dropMs)} | ${formatMs(row.readDoneMs)} / ${formatMs(row.parseDoneMs)} | ${ratio} | ` +
        `${row.longestTask === null || row.longestTask < 50 ? '< 50' : formatMs(row.longestTask)} | ${row.progressSeen}/${row.runs} / ${row.progressMoved}/${row.runs} | ` +
        `${row.rows} | ${memory} | ${(row.peakTotal / row.inputBytes).toFixed(1)} |` +
        (row.timedOutRuns ? ` (${row.timedOutRuns} runs timed out)` : ''),
    );
  }
  lines.push('');
  if (interaction) {
    lines.push('| sort and filter report | JSON.parse ms | drop-to-table ms | progress 50% / 100% at ms | ratio | longest task ms | progress moved | sort ms | filter ms | DOM file-rows after load |');
    lines.push('|---|---:|---:|---|---:|---:|---|---:|---:|---:|');
    const label = `${options.interactionFiles} files, ${megabytes(interaction.bytes).toFixed(1)} MB`;
    lines.push(
      interaction.timedOut
        ? `| ${label} | | ${interaction.timedOut} | | | | | | | |`
        : `| ${label} | ${formatMs(interaction.parseMs)} | ${formatMs(interaction.loadMs)} | ${formatMs(interaction.readDoneMs)} / ${formatMs(interaction.parseDoneMs)} | ${interaction.ratio === null ? 'n/a' : interaction.ratio.toFixed(2)} | ` +
            `${interaction.longestTask === null || interaction.longestTask < 50 ? '< 50' : formatMs(interaction.longestTask)} | ${interaction.progressMoved}/${interaction.runs} | ` +
            `${formatMs(interaction.sortMs)} | ${formatMs(interaction.filterMs)} | ${interaction.rows} |`,
    );
    lines.push('');
  }
  const describeParts = (parts) => parts.map((p) => `${p.name} ${p.gz.toLocaleString('en-US')}`).join(', ');
  lines.push(
    `| cold start (median of ${options.coldRuns}${options.coldServiceWorker ? ', service worker allowed' : ''}): first contentful paint ms (range) | time to interactive ms (demo table shown, drop zone live) (range) | first view gz bytes (wasm + js + css) | loaded when first used gz bytes |`,
  );
  lines.push('|---:|---:|---|---|');
  const range = ({ low, high }) => `${formatMs(low)}–${formatMs(high)}`;
  lines.push(
    `| ${formatMs(start.paint)} (${range(start.paintSpread)}) | ${formatMs(start.timeToInteractive)} (${range(start.interactiveSpread)}) | ${bundle.firstView.toLocaleString('en-US')} (${describeParts(bundle.firstViewParts)}) | ${bundle.lazy.toLocaleString('en-US')} (${describeParts(bundle.lazyParts)}) |`,
  );
  lines.push('');
  lines.push('| what the cold start fetched before its table showed, gz bytes (every run) |');
  lines.push('|---|');
  lines.push(`| ${bundle.fetched.total.toLocaleString('en-US')} (${describeParts(bundle.fetched.parts)}) |`);
  process.stdout.write(lines.join('\n') + '\n');
}

/** Number of files in a generated report (its name says the size, the sidecar the count). */
function countFiles(file) {
  const sidecar = `${file}.files`;
  return existsSync(sidecar) ? readFileSync(sidecar, 'utf8').trim() : '?';
}

await main();
