// The code views' benchmark (issue 16): the source view of a 10,000-line file and the
// folder tree of the 50,000-file report, each input timed until the view has changed.
//
// Run by tests/bench/bench.mjs (its `--views` step, on unless `--no-views`); it shares that
// script's way of timing an input: in the page, from just before the event is dispatched
// until a MutationObserver sees the DOM the input asked for, with a frame in between
// inputs. What each figure means is in BENCHMARKS.md ("Code views").
import { basename, join } from 'node:path';

// The made-up module scripts/gen_long_source.py writes, and its path in its report.
const LONG_SOURCE_PATH = 'longmodule/long_module.py';
const VIEW_REPEATS = 9;
// An input whose view never changes would wait forever; after this it counts as "no change".
const INPUT_TIMEOUT_MS = 20_000;
// Disjoint package names, as the table's filter timing uses: each one changes the rows.
const TREE_FILTER_TEXTS = ['/billing/', '/search/', '/auth/', '/ingest/', '/catalog/', '/payments/', '/reports/', '/gateway/', '/storage/'];

/** The page-side timer: installed once per page, used by every measurement below. */
function installViewTimer(inputTimeoutMs) {
  window.__viewBench = {
    // Resolves with the milliseconds from just before `dispatch()` until `done()` holds
    // after a DOM mutation (or at once), or with null after the timeout.
    timeUntil(dispatch, done) {
      return new Promise((resolveTime) => {
        let t0 = 0;
        let finished = false;
        const finish = (value) => {
          if (finished) return;
          finished = true;
          observer.disconnect();
          clearTimeout(timer);
          resolveTime(value);
        };
        const check = () => {
          if (done()) finish(performance.now() - t0);
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const timer = setTimeout(() => finish(null), inputTimeoutMs);
        t0 = performance.now();
        dispatch();
        check();
      });
    },
    // A frame, then a task: the previous input's rendering and its follow-up tasks are over.
    settle() {
      return new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    },
    // The first `count` rows' keys of a windowed table, to tell a changed view.
    signature(selector, count = 20) {
      return Array.from(document.querySelectorAll(selector))
        .slice(0, count)
        .map((row) => row.getAttribute('data-path'))
        .join('\n');
    },
  };
}

async function prepareTimer(page) {
  await page.evaluate(installViewTimer, INPUT_TIMEOUT_MS);
  page.on('console', (message) => {
    if (message.text().startsWith('views: ')) process.stderr.write(`    ${message.text().slice(7)}\n`);
  });
}

/**
 * One run of the source view: the long report picked with `file-input`, its folder given
 * to `folder-input`, then the file opened from the table, the misses stepped through with
 * n, and the view scrolled to the end and back.
 */
async function measureSourceRun(page, reportFile, sourceFolder) {
  await prepareTimer(page);
  await page.getByTestId('file-input').setInputFiles(reportFile);
  await page
    .locator(`[data-testid="file-row"][data-path="${LONG_SOURCE_PATH}"]`)
    .waitFor({ state: 'attached', timeout: 60_000 });
  await page.getByTestId('folder-input').setInputFiles(sourceFolder);
  // The folder's files are read as the drop is handled; a moment for them to arrive.
  await page.waitForTimeout(1000);
  return page.evaluate(
    async ({ path, repeats }) => {
      const bench = window.__viewBench;
      const view = () => document.querySelector(`[data-testid="source-view"][data-path="${CSS.escape(path)}"]`);
      const linesShown = () => {
        const shown = view();
        return shown ? shown.querySelectorAll('[data-testid="source-line"]').length : 0;
      };
      const openFromTable = () =>
        bench.timeUntil(
          () => document.querySelector(`[data-testid="file-row"][data-path="${CSS.escape(path)}"] [data-testid="open-source"]`).click(),
          () => linesShown() > 0,
        );
      const backToTable = async () => {
        document.querySelector('[data-testid="nav-table"]').click();
        while (!document.querySelector(`[data-testid="file-row"][data-path="${CSS.escape(path)}"]`)) await bench.settle();
        await bench.settle();
      };

      // The first opening loads the highlighter too; the lines show before its colours.
      const firstOpen = await openFromTable();
      const highlightStart = performance.now();
      while (view() && view().getAttribute('data-highlighted') !== 'true' && performance.now() - highlightStart < 60_000) {
        await new Promise((r) => setTimeout(r, 5));
      }
      const highlighted = performance.now() - highlightStart + (firstOpen ?? 0);
      const linesInDom = linesShown();
      console.log(`views: source first open ${firstOpen?.toFixed(1)} ms, coloured after ${highlighted.toFixed(0)} ms, ${linesInDom} lines in the DOM`);
      await bench.settle();

      const opens = [];
      for (let i = 0; i < repeats; i++) {
        await backToTable();
        opens.push(await openFromTable());
        console.log(`views: source open ${i + 1}: ${opens[i]?.toFixed(1)} ms`);
        await bench.settle();
      }

      // n: the next missed or partly run line becomes the chosen one, scrolled into view.
      const chosen = () => {
        const shown = view();
        const row = shown && shown.querySelector('[data-testid="source-line"][aria-selected="true"]');
        return row ? row.getAttribute('data-line') : null;
      };
      const scroller = () => view().querySelector('[data-testid="source-scroll"]');
      const inView = (line) => {
        const row = view().querySelector(`[data-testid="source-line"][data-line="${line}"]`);
        if (!row) return false;
        const area = scroller().getBoundingClientRect();
        const box = row.getBoundingClientRect();
        return box.bottom > area.top && box.top < area.bottom;
      };
      const jumps = [];
      const jumpLines = [];
      let jumpsInView = 0;
      for (let i = 0; i < repeats; i++) {
        const before = chosen();
        jumps.push(
          await bench.timeUntil(
            () => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true, cancelable: true })),
            () => chosen() !== null && chosen() !== before,
          ),
        );
        await bench.settle();
        jumpLines.push(chosen());
        if (chosen() !== null && inView(chosen())) jumpsInView++;
        console.log(`views: next miss ${i + 1}: ${jumps[i]?.toFixed(1)} ms, line ${chosen()}`);
      }

      // The scrollbar dragged to the end and back: the last (first) line rendered. The
      // scroll event comes with the next frame, so this includes waiting for it.
      const lineCount = Number(view().querySelector('table').getAttribute('aria-rowcount'));
      const scrolls = [];
      for (let i = 0; i < repeats; i++) {
        const toEnd = i % 2 === 0;
        const target = toEnd ? lineCount : 1;
        scrolls.push(
          await bench.timeUntil(
            () => {
              const area = scroller();
              area.scrollTop = toEnd ? area.scrollHeight : 0;
            },
            () => view().querySelector(`[data-testid="source-line"][data-line="${target}"]`) !== null,
          ),
        );
        console.log(`views: scroll to line ${target}: ${scrolls[i]?.toFixed(1)} ms`);
        await bench.settle();
      }
      return { firstOpen, highlighted, linesInDom, opens, jumps, jumpLines, jumpsInView, scrolls, lineCount, maxLinesInDom: linesShown() };
    },
    { path: LONG_SOURCE_PATH, repeats: VIEW_REPEATS },
  );
}

/**
 * One run of the folder tree on the 50,000-file report (already loaded by a drop): the
 * Folders view opened from the table, a folder expanded, every folder opened, the tree
 * sorted by coverage and filtered.
 */
async function measureTreeRun(page) {
  await prepareTimer(page);
  return page.evaluate(
    async ({ repeats, filters }) => {
      const bench = window.__viewBench;
      const treeRows = '[data-testid="folder-tree"] [data-tree-row]';
      const treeShown = () => document.querySelector('[data-testid="folder-tree"] [data-testid="tree-node"]') !== null;
      const openTree = () => bench.timeUntil(() => document.querySelector('[data-testid="nav-tree"]').click(), treeShown);
      const backToTable = async () => {
        document.querySelector('[data-testid="nav-table"]').click();
        while (!document.querySelector('[data-testid="coverage-table"] [data-testid="file-row"]')) await bench.settle();
        await bench.settle();
      };

      // The first opening builds the tree of 50,000 paths; later ones reuse it.
      const firstOpen = await openTree();
      console.log(`views: tree first open ${firstOpen?.toFixed(1)} ms`);
      await bench.settle();
      const opens = [];
      for (let i = 0; i < repeats; i++) {
        await backToTable();
        opens.push(await openTree());
        console.log(`views: tree open ${i + 1}: ${opens[i]?.toFixed(1)} ms`);
        await bench.settle();
      }

      // A closed top folder clicked open: it says so and its first child shows below it.
      const node = (path) => document.querySelector(`[data-testid="tree-node"][data-path="${CSS.escape(path)}"]`);
      const topFolders = Array.from(document.querySelectorAll('[data-testid="tree-node"]'))
        .filter((row) => row.getAttribute('aria-expanded') === 'false')
        .map((row) => row.getAttribute('data-path'));
      const childShown = (path) => {
        const rows = Array.from(document.querySelectorAll(treeRows));
        const at = rows.findIndex((row) => row.getAttribute('data-path') === path);
        return at >= 0 && rows[at + 1] !== undefined && rows[at + 1].getAttribute('data-path').startsWith(`${path}/`);
      };
      const expands = [];
      for (let i = 0; i < repeats && topFolders.length > 0; i++) {
        const path = topFolders[i % topFolders.length];
        if (node(path).getAttribute('aria-expanded') === 'true') {
          await bench.timeUntil(() => node(path).click(), () => node(path)?.getAttribute('aria-expanded') === 'false');
          await bench.settle();
        }
        expands.push(
          await bench.timeUntil(
            () => node(path).click(),
            () => node(path)?.getAttribute('aria-expanded') === 'true' && childShown(path),
          ),
        );
        console.log(`views: expand ${path}: ${expands[i]?.toFixed(1)} ms`);
        await bench.settle();
        await bench.timeUntil(() => node(path).click(), () => node(path)?.getAttribute('aria-expanded') === 'false');
        await bench.settle();
      }

      // Every folder opened (Open all), so sorting and filtering reorder a deep tree.
      const rowCount = () => Number(document.querySelector('[data-testid="folder-tree"]').getAttribute('aria-rowcount'));
      const rowsBefore = rowCount();
      const openAll = await bench.timeUntil(
        () => document.querySelector('[data-testid="expand-all"]').click(),
        () => rowCount() > rowsBefore && document.querySelectorAll(treeRows).length > 20,
      );
      const rowsOpen = rowCount() - 1;
      console.log(`views: open all ${openAll?.toFixed(1)} ms, ${rowsOpen} rows`);
      await bench.settle();

      const timeRowsChange = (dispatch) => {
        const before = bench.signature(treeRows);
        return bench.timeUntil(dispatch, () => bench.signature(treeRows) !== before);
      };
      const sorts = [];
      for (let i = 0; i < repeats; i++) {
        sorts.push(
          await timeRowsChange(() => {
            const header = document.querySelector('[data-testid="tree-sort-coverage"]');
            (header.querySelector('button') ?? header).click();
          }),
        );
        console.log(`views: tree sort ${i + 1}: ${sorts[i]?.toFixed(1)} ms`);
        await bench.settle();
      }
      const filterTimes = [];
      const input = document.querySelector('[data-testid="tree-filter"]');
      for (let i = 0; i < repeats; i++) {
        filterTimes.push(
          await timeRowsChange(() => {
            input.value = filters[i % filters.length];
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }),
        );
        console.log(`views: tree filter ${i + 1}: ${filterTimes[i]?.toFixed(1)} ms`);
        await bench.settle();
      }
      const rowsInDom = document.querySelectorAll(treeRows).length;
      return { firstOpen, opens, expands, openAll, rowsOpen, sorts, filters: filterTimes, rowsInDom };
    },
    { repeats: VIEW_REPEATS, filters: TREE_FILTER_TEXTS },
  );
}

/**
 * Runs both parts `options.runs` times, each in a fresh context, and returns their
 * medians. `tools` are bench.mjs's own helpers (pages, the drop, timeouts, medians).
 */
export async function runViewBenchmarks(browser, { options, sourceInputs, treeFile, tools }) {
  const { newBenchPage, measureJsonParse, measureDrop, withTimeout, median, formatMs, StepTimeout } = tools;
  const medianOf = (list) => median(list.filter((v) => v !== null));
  const nulls = (list) => list.filter((v) => v === null).length;
  const result = { source: null, tree: null };

  const reportFile = join(sourceInputs, 'coverage.json');
  const sourceFolder = join(sourceInputs, 'src');
  process.stderr.write(`source view of ${LONG_SOURCE_PATH} (${sourceInputs})\n`);
  const sourceRuns = await measureInFreshPages(
    browser,
    tools,
    options.runs,
    (session) => withTimeout(measureSourceRun(session.page, reportFile, sourceFolder), options.timeoutSeconds, 'source view'),
    (measured) =>
      `open ${formatMs(medianOf(measured.opens))} ms, next miss ${formatMs(medianOf(measured.jumps))} ms, scroll ${formatMs(medianOf(measured.scrolls))} ms`,
  );
  if (sourceRuns.length > 0) {
    const perRun = (key) => median(sourceRuns.map((r) => medianOf(r[key])));
    result.source = {
      runs: sourceRuns.length,
      lineCount: sourceRuns[0].lineCount,
      firstOpen: median(sourceRuns.map((r) => r.firstOpen)),
      highlighted: median(sourceRuns.map((r) => r.highlighted)),
      open: perRun('opens'),
      jump: perRun('jumps'),
      scroll: perRun('scrolls'),
      linesInDom: Math.max(...sourceRuns.map((r) => Math.max(r.linesInDom, r.maxLinesInDom))),
      jumpsInView: sourceRuns.reduce((sum, r) => sum + r.jumpsInView, 0),
      jumpsTotal: sourceRuns.reduce((sum, r) => sum + r.jumps.length, 0),
      jumpLines: sourceRuns[0].jumpLines,
      noChange: sourceRuns.reduce((sum, r) => sum + nulls(r.opens) + nulls(r.jumps) + nulls(r.scrolls), 0),
    };
  }

  if (treeFile) {
    const name = basename(treeFile);
    process.stderr.write(`folder tree of ${name}\n`);
    const treeRuns = await measureInFreshPages(
      browser,
      tools,
      options.runs,
      async (session) => {
        await session.page.locator('#covscope-bench-input').setInputFiles(treeFile);
        await withTimeout(measureJsonParse(session.page), options.timeoutSeconds, 'JSON.parse');
        await session.cdp.send('HeapProfiler.collectGarbage');
        await withTimeout(measureDrop(session.page, name), options.timeoutSeconds, 'loading the tree report');
        return withTimeout(measureTreeRun(session.page), options.timeoutSeconds, 'folder tree');
      },
      (measured) =>
        `open ${formatMs(medianOf(measured.opens))} ms (first ${formatMs(measured.firstOpen)}), expand ${formatMs(medianOf(measured.expands))} ms, sort ${formatMs(medianOf(measured.sorts))} ms, filter ${formatMs(medianOf(measured.filters))} ms`,
    );
    if (treeRuns.length > 0) {
      const perRun = (key) => median(treeRuns.map((r) => medianOf(r[key])));
      result.tree = {
        runs: treeRuns.length,
        name,
        firstOpen: median(treeRuns.map((r) => r.firstOpen)),
        open: perRun('opens'),
        expand: perRun('expands'),
        openAll: median(treeRuns.map((r) => r.openAll)),
        rowsOpen: treeRuns[0].rowsOpen,
        sort: perRun('sorts'),
        filter: perRun('filters'),
        rowsInDom: Math.max(...treeRuns.map((r) => r.rowsInDom)),
        noChange: treeRuns.reduce((sum, r) => sum + nulls(r.opens) + nulls(r.expands) + nulls(r.sorts) + nulls(r.filters), 0),
      };
    }
  }
  return result;
}

/** The code views' tables, in the markdown BENCHMARKS.md records. */
export function formatViewReport(views, formatMs) {
  const lines = [];
  const target = (value) => (value === null || value === undefined ? 'n/a' : value <= 16 ? 'yes' : 'no');
  if (views.source) {
    const s = views.source;
    lines.push(
      '| source view (10,000-line file) | first open ms (lines shown) | first open to colours ms | open from table ms | next miss (n) ms | scroll to end / start ms | source-line rows in DOM (max) | chosen line in view | inputs without a change |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---|---:|');
    lines.push(
      `| ${s.lineCount} lines, ${s.runs} runs | ${formatMs(s.firstOpen)} | ${formatMs(s.highlighted)} | ${formatMs(s.open)} | ${formatMs(s.jump)} | ${formatMs(s.scroll)} | ${s.linesInDom} | ${s.jumpsInView}/${s.jumpsTotal} | ${s.noChange} |`,
    );
    lines.push('');
  }
  if (views.tree) {
    const t = views.tree;
    lines.push(
      '| folder tree | first open ms | open from table ms | expand a folder ms | open all ms (rows) | sort ms | filter ms | tree rows in DOM | inputs without a change |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    lines.push(
      `| ${t.name}, ${t.runs} runs | ${formatMs(t.firstOpen)} | ${formatMs(t.open)} | ${formatMs(t.expand)} | ${formatMs(t.openAll)} (${t.rowsOpen}) | ${formatMs(t.sort)} | ${formatMs(t.filter)} | ${t.rowsInDom} | ${t.noChange} |`,
    );
    lines.push('');
  }
  if (views.source || views.tree) {
    const s = views.source ?? {};
    const t = views.tree ?? {};
    lines.push('| issue 16 target: at most 16 ms, median | figure | met? |');
    lines.push('|---|---:|---|');
    for (const [label, value] of [
      ['source view: open from the table', s.open],
      ['source view: next miss (n)', s.jump],
      ['source view: scroll to the end or start', s.scroll],
      ['tree: open the Folders view', t.open],
      ['tree: expand a folder', t.expand],
      ['tree: sort by coverage', t.sort],
      ['tree: filter', t.filter],
    ]) {
      if (value === undefined) continue; // That part was not measured.
      lines.push(`| ${label} | ${formatMs(value)} | ${target(value)} |`);
    }
    lines.push('');
  }
  // A blank line first: the tables before end without one.
  return lines.length ? `\n${lines.join('\n')}\n` : '';
}

/**
 * Measures `runs` times, each in a fresh browser context (the bench's `tools` make it),
 * and returns what each run measured, printing `describe(measured)` per run on stderr.
 * A step that times out ends the runs (the slower ones would time out too); the contexts
 * are always closed.
 */
async function measureInFreshPages(browser, { newBenchPage, StepTimeout }, runs, measureOne, describe) {
  const measuredRuns = [];
  for (let run = 0; run < runs; run++) {
    const session = await newBenchPage(browser);
    try {
      const measured = await measureOne(session);
      measuredRuns.push(measured);
      process.stderr.write(`  run ${run + 1}: ${describe(measured)}\n`);
    } catch (error) {
      if (!(error instanceof StepTimeout)) throw error;
      process.stderr.write(`  run ${run + 1}: ${error.message}\n`);
      break;
    } finally {
      await session.context.close().catch(() => {});
    }
  }
  return measuredRuns;
}
