// Loading: demo on an empty start, real drag-and-drop, selection, bad input, panic hook.
import {
  test,
  expect,
  openApp,
  pickFiles,
  dropFiles,
  expectReportSelected,
  expectTableMatchesReport,
  reportItem,
  reportItems,
  loadError,
  coverageTable,
  fileRows,
  fileRow,
  shownPaths,
  shownTotals,
} from './fixtures';
import { fixtureFile, readReport, type FilePayload } from './report';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

test('empty start shows a demo report and its table', async ({ page }) => {
  await openApp(page);
  await expect(reportItems(page).first()).toBeVisible();
  expect(await reportItems(page).count()).toBeGreaterThanOrEqual(1);
  await expect(reportItems(page).and(page.locator('[aria-selected="true"]'))).toHaveCount(1);
  await expect(coverageTable(page)).toBeVisible();
  await expect(fileRows(page).first()).toBeVisible();
  await expect(page.getByTestId('drop-zone')).toBeAttached();
});

test('the demo shows without the parsing worker, which starts only once the table is in the page', async ({ page }) => {
  // Every worker the page starts is noted with whether the demo's table already had rows:
  // the parsing worker fetches its WebAssembly only after it is started, so a worker
  // started after the rows cannot have delayed them (no timing involved).
  await page.addInitScript(() => {
    const starts: { url: string; tableHadRows: boolean }[] = [];
    (window as unknown as { covscopeWorkerStarts: typeof starts }).covscopeWorkerStarts = starts;
    const PageWorker = window.Worker;
    window.Worker = class extends PageWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        starts.push({
          url: String(url),
          tableHadRows: document.querySelector('[data-testid="coverage-table"] [data-testid="file-row"]') !== null,
        });
        super(url, options);
      }
    };
  });
  const workerWasmRequests: string[] = [];
  page.on('request', (request) => {
    if (/covscope-parse-worker[^/]*\.wasm$/.test(new URL(request.url()).pathname)) workerWasmRequests.push(request.url());
  });
  await openApp(page);
  await expect(fileRows(page).first()).toBeVisible();
  // The worker is still prepared once the demo is in, for the person's first file.
  const parsingWorkerStarts = () =>
    page.evaluate(() =>
      (window as unknown as { covscopeWorkerStarts: { url: string; tableHadRows: boolean }[] }).covscopeWorkerStarts.filter((start) =>
        start.url.includes('parse-worker'),
      ),
    );
  await expect.poll(async () => (await parsingWorkerStarts()).length).toBeGreaterThanOrEqual(1);
  for (const start of await parsingWorkerStarts()) expect(start.tableHadRows).toBe(true);
  await expect.poll(() => workerWasmRequests.length).toBeGreaterThanOrEqual(1);
});

test('the demo is asked for by the page while the app downloads, each file once, by the early script', async ({ page }) => {
  // The page's early script (index.html) requests the demo with plain addresses once the
  // splash is painted; the app's own requests are Request objects. Every demo file is asked
  // for once, and by the early script: the app takes its answers instead of asking again
  // (no timing involved: who asked, and how often).
  await page.addInitScript(() => {
    const requests: { path: string; byEarlyScript: boolean }[] = [];
    (window as unknown as { covscopeRequests: typeof requests }).covscopeRequests = requests;
    const pageFetch = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const address = input instanceof Request ? input.url : String(input);
      requests.push({ path: new URL(address, location.href).pathname, byEarlyScript: !(input instanceof Request) });
      return pageFetch(input, init);
    };
  });
  const list = JSON.parse(readFileSync(fileURLToPath(new URL('../../demo/files.json', import.meta.url)), 'utf8')) as {
    files: { path: string; prepared?: string }[];
  };
  const demoPaths = ['/demo/files.json', ...list.files.map((file) => `/demo/${file.prepared ?? file.path}`)];
  await openApp(page);
  // The app has every demo file in hand before it shows the first table.
  await expect(fileRows(page).first()).toBeVisible();
  const requests = await page.evaluate(
    () => (window as unknown as { covscopeRequests: { path: string; byEarlyScript: boolean }[] }).covscopeRequests,
  );
  const demoRequests = requests.filter((request) => request.path.startsWith('/demo/'));
  expect(demoRequests.map((request) => request.path).sort()).toEqual([...demoPaths].sort());
  expect(demoRequests.filter((request) => !request.byEarlyScript)).toEqual([]);
});

test('dropping a report on the drop zone loads, selects and shows it (replacing the demo)', async ({ page }) => {
  await openApp(page);
  await expect(reportItems(page).first()).toBeVisible(); // demo present
  const demoNames = await reportItems(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));

  await dropFiles(page, [fixtureFile(['toolz', 'coverage.json'])]);

  await expectReportSelected(page, 'coverage.json');
  await expect(reportItems(page)).toHaveCount(1); // the demo reports are gone
  for (const name of demoNames) {
    if (name !== 'coverage.json') await expect(reportItem(page, name ?? '')).toHaveCount(0);
  }
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await expectTableMatchesReport(page, readReport('toolz', 'report.txt'));
});

test('dropping two files at once lists both; clicking a report item selects it', async ({ page }) => {
  const first = { file: fixtureFile(['toolz', 'series', '01-coverage.json']), report: readReport('toolz', 'series', '01-report.txt') };
  const second = { file: fixtureFile(['toolz', 'series', '02-coverage.json']), report: readReport('toolz', 'series', '02-report.txt') };
  await openApp(page);

  await dropFiles(page, [first.file, second.file]);

  await expect(reportItem(page, first.file.name)).toHaveCount(1);
  await expect(reportItem(page, second.file.name)).toHaveCount(1);
  await expect(reportItems(page)).toHaveCount(2);
  const selected = reportItems(page).and(page.locator('[aria-selected="true"]'));
  await expect(selected).toHaveCount(1);

  // Click each in turn: it becomes the only selected item and its own table is shown.
  for (const [target, other] of [
    [first, second],
    [second, first],
    [first, second],
  ]) {
    await reportItem(page, target.file.name).click();
    await expect(reportItem(page, target.file.name)).toHaveAttribute('aria-selected', 'true');
    await expect(reportItem(page, other.file.name)).toHaveAttribute('aria-selected', 'false');
    await expect(selected).toHaveCount(1);
    await expectTableMatchesReport(page, target.report);
  }
});

test('bad files each give a load error and leave the good report selected and shown', async ({ page }) => {
  const good = readReport('toolz', 'report.txt');
  await openApp(page);
  await pickFiles(page, [fixtureFile(['toolz', 'coverage.json'])]);
  await expectReportSelected(page, 'coverage.json');
  await expectTableMatchesReport(page, good);
  const pathsBefore = await shownPaths(page);
  const totalsBefore = await shownTotals(page);
  expect(pathsBefore).toHaveLength(good.rows.length);

  const json = (name: string, text: string | Buffer): FilePayload => ({
    name,
    mimeType: 'application/json',
    buffer: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'),
  });
  const cases: { file: FilePayload; via: 'drop' | 'pick'; mustMention: RegExp[] }[] = [
    {
      file: json('broken.json', '{"meta": '),
      via: 'drop',
      mustMention: [/line/i, /column/i],
    },
    {
      // 1,200 files cut short in the 1,001st: the worker hands pieces of the report over
      // while it reads, before it meets the end; the page drops them, never shows a half
      // report, and says what a whole-report parse says.
      file: json('cut-short.json', reportCutShortAfter(1000)),
      via: 'drop',
      mustMention: [/not valid JSON/i, /line 1, column/i],
    },
    {
      file: json('not-coverage.json', '{"total_lines": 10, "coverage_percent": 50}'),
      via: 'pick',
      mustMention: [/not a coverage\.py report/i, /total_lines|coverage_percent/],
    },
    {
      file: json('empty.json', ''),
      via: 'drop',
      mustMention: [/empty|no data|0 bytes|zero bytes|no content/i],
    },
    {
      // A binary file: the header of a .coverage SQLite data file, full of NUL bytes.
      file: json(
        'binary.json',
        Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.from([0x10, 0x00, 0x01, 0x01, 0x00, 0x40, 0x20, 0x20]), Buffer.alloc(64)]),
      ),
      via: 'pick',
      mustMention: [/binary|NUL|null byte|\\0|\\u0000/i],
    },
    {
      // Latin-1 bytes (0xE9 for "é") are not valid UTF-8.
      file: json('latin1.json', Buffer.from('{"meta": {"format": 3, "note": "caf\u00e9"}, "files": {}}', 'latin1')),
      via: 'drop',
      mustMention: [/UTF-?8|encoding|not valid text|invalid byte/i],
    },
  ];

  for (const { file, via, mustMention } of cases) {
    await test.step(`${via} ${file.name}`, async () => {
      if (via === 'drop') await dropFiles(page, [file]);
      else await pickFiles(page, [file]);

      const error = loadError(page, file.name);
      await expect(error).toBeVisible();
      for (const re of mustMention) await expect(error).toContainText(re);

      // The good report is still listed, still selected, and its table unchanged.
      await expect(reportItems(page)).toHaveCount(1);
      await expect(reportItem(page, file.name)).toHaveCount(0);
      await expect(reportItem(page, 'coverage.json')).toHaveAttribute('aria-selected', 'true');
      await expect(coverageTable(page)).toBeVisible();
      await expect(page.getByTestId('load-progress')).toHaveCount(0);
      expect(await shownPaths(page)).toEqual(pathsBefore);
      expect(await shownTotals(page)).toEqual(totalsBefore);
    });
  }
  await expect(fileRow(page, 'toolz/functoolz.py')).toBeVisible();
});

/** A coverage.py report of 1,200 small files, cut off inside the file after `files` files. */
function reportCutShortAfter(files: number): string {
  const entries: string[] = [];
  for (let index = 0; index < 1200; index++) {
    entries.push(
      `${JSON.stringify(`pkg/module_${index}.py`)}: {"executed_lines": [1, 2, 3], "summary": {"covered_lines": 3, "num_statements": 4, "percent_covered": 75.0, "percent_covered_display": "75", "missing_lines": 1, "excluded_lines": 0}, "missing_lines": [4], "excluded_lines": []}`,
    );
  }
  const whole = `{"meta": {"format": 3, "version": "7.6.1", "timestamp": "2026-01-01T00:00:00", "branch_coverage": false, "show_contexts": false}, "files": {${entries.join(', ')}}}`;
  return whole.slice(0, whole.indexOf(`"pkg/module_${files}.py"`) + 40);
}

test('a wasm panic shows the panic error', async ({ page, guard }) => {
  // The panic hook reports the panic on the console; that one message is expected here.
  guard.allowConsoleError(/panic/i);
  await openApp(page);
  await expect(page.getByTestId('panic-error')).toHaveCount(0);

  const outcome = await page.evaluate(() => {
    const bindings = (window as unknown as { wasmBindings?: Record<string, unknown> }).wasmBindings;
    if (typeof bindings?.trigger_panic_for_test !== 'function') {
      return { threw: false, error: 'window.wasmBindings.trigger_panic_for_test is not a function' };
    }
    try {
      (bindings as { trigger_panic_for_test: () => unknown }).trigger_panic_for_test();
    } catch (e) {
      return { threw: true, error: String(e) };
    }
    return { threw: false, error: 'returned normally' };
  });
  expect(outcome, 'trigger_panic_for_test exists and throws').toMatchObject({ threw: true });

  const panic = page.getByTestId('panic-error');
  await expect(panic).toBeVisible();
  await expect(panic).toHaveAttribute('role', 'alert');
  // It says what happened and what to do, and focus is on the way out.
  await expect(panic.getByRole('heading')).toHaveText('Covscope hit an internal error and stopped.');
  await expect(panic).toContainText('your files are unchanged on your disk');
  await expect(panic).toContainText('a panic triggered on purpose by trigger_panic_for_test');
  const reload = page.getByTestId('panic-reload');
  await expect(reload).toHaveText('Reload Covscope');
  await expect(reload).toBeFocused();
  // Enter on the focused link reloads the page without any script, and the app is back.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('panic-error')).toHaveCount(0);
  await expect(page.getByTestId('file-input')).toBeAttached();
  await expect(page.getByTestId('coverage-table')).toBeVisible();
});
