// Shared test fixture + page helpers.
//
// Every test gets an automatic `guard` that fails the test on:
//   - any console message of type "error"   (opt out per pattern: guard.allowConsoleError(/.../))
//   - any uncaught page error ("pageerror")
//   - any request whose origin differs from the app's origin (data: and blob: are fine)
//   - any `securitypolicyviolation` event (the page's Content-Security-Policy refused
//     something: an inline script, style or handler, a foreign image or connection...)
//
// All page queries use only the hooks in /work/shared/CONTRACT.md (data-testid / data-*),
// never CSS classes or wording.
import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { FilePayload, ParsedReport, ReportRow } from './report';

export { expect };

export interface PageGuard {
  /** Ignore console errors whose text matches `pattern` (for one test's expected message). */
  allowConsoleError(pattern: RegExp): void;
}

/**
 * Reports every `securitypolicyviolation` event of every page (and frame) in `context` to
 * `onViolation`. The listener is installed by an init script before any page script runs,
 * and calls back through a binding, so it works for http: and file: pages alike.
 */
export async function watchContentSecurityPolicy(
  context: BrowserContext,
  onViolation: (description: string) => void,
): Promise<void> {
  await context.exposeBinding('__covscopeReportCspViolation', (source, description: string) => {
    onViolation(`${description} (page ${source.frame.url().slice(0, 120)})`);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        const report = (window as unknown as Record<string, (text: string) => void>).__covscopeReportCspViolation;
        report?.(
          `CSP violation: ${event.effectiveDirective} refused ${event.blockedURI || '(inline)'}` +
            ` at ${event.sourceFile}:${event.lineNumber} sample ${JSON.stringify(event.sample)}`,
        );
      },
      true,
    );
  });
}

export const test = base.extend<{ guard: PageGuard }>({
  guard: [
    async ({ page, baseURL }, use, testInfo) => {
      if (!baseURL) throw new Error('baseURL is not configured');
      const appOrigin = new URL(baseURL).origin;
      const allowed: RegExp[] = [];
      const problems: string[] = [];

      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = msg.text();
        if (allowed.some((re) => re.test(text))) return;
        const loc = msg.location();
        problems.push(`console error: ${text}${loc.url ? ` (at ${loc.url}:${loc.lineNumber})` : ''}`);
      });
      page.on('pageerror', (err) => {
        problems.push(`page error: ${err.stack ?? err.message}`);
      });
      page.context().on('request', (req) => {
        const url = req.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        let origin: string;
        try {
          origin = new URL(url).origin;
        } catch {
          origin = `<unparsable: ${url}>`;
        }
        if (origin !== appOrigin) problems.push(`foreign request: ${req.method()} ${url}`);
      });

      await watchContentSecurityPolicy(page.context(), (violation) => problems.push(violation));

      await use({ allowConsoleError: (pattern) => void allowed.push(pattern) });

      if (problems.length) {
        await testInfo.attach('page-problems.txt', { body: problems.join('\n'), contentType: 'text/plain' });
      }
      expect(problems, 'no console errors, page errors, cross-origin requests or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

// ---------------------------------------------------------------------------
// Locators
// ---------------------------------------------------------------------------

/** Quote a value for a CSS attribute selector. */
export const q = (value: string): string => JSON.stringify(value);

export const reportItems = (page: Page): Locator => page.locator('[data-testid="report-item"]');
export const reportItem = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="report-item"][data-name=${q(name)}]`);
export const loadError = (page: Page, file: string): Locator =>
  page.locator(`[data-testid="load-error"][data-file=${q(file)}]`);
export const coverageTable = (page: Page): Locator => page.getByTestId('coverage-table');
export const fileRows = (page: Page): Locator => coverageTable(page).locator('[data-testid="file-row"]');
export const fileRow = (page: Page, path: string): Locator =>
  coverageTable(page).locator(`[data-testid="file-row"][data-path=${q(path)}]`);
export const totalsRow = (page: Page): Locator => coverageTable(page).locator('[data-testid="totals-row"]');
export const sortHeader = (page: Page, col: string): Locator => page.getByTestId(`sort-${col}`);
export const sortButton = (page: Page, col: string): Locator => sortHeader(page, col).locator('button');

// ---------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------

/** Open the app and wait until the wasm app has rendered its file input. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('file-input')).toBeAttached();
}

/** Load files through the `<input type=file>` hook. */
export async function pickFiles(page: Page, files: FilePayload[] | string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(files);
}

/**
 * A real synthetic drop: builds a DataTransfer holding File objects in the page and
 * dispatches dragenter, dragover and drop on the drop zone. Asserts that the app
 * cancels dragover and drop (otherwise a real browser would not let the user drop,
 * or would navigate away to the file).
 */
export async function dropFiles(page: Page, files: FilePayload[]): Promise<void> {
  const payload = files.map((f) => {
    const asText = decodeUtf8Text(f.buffer);
    return asText !== null
      ? { name: f.name, type: f.mimeType, text: asText, base64: null }
      : { name: f.name, type: f.mimeType, text: null, base64: f.buffer.toString('base64') };
  });
  const result = await page.getByTestId('drop-zone').evaluate((zone, list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const body: BlobPart =
        f.text !== null ? f.text : Uint8Array.from(atob(f.base64 as string), (c) => c.charCodeAt(0));
      dt.items.add(new File([body], f.name, { type: f.type }));
    }
    const fire = (type: string) =>
      zone.dispatchEvent(
        new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: dt }),
      );
    fire('dragenter');
    const dragoverNotCanceled = fire('dragover');
    const dropNotCanceled = fire('drop');
    return { filesInTransfer: dt.files.length, dragoverCanceled: !dragoverNotCanceled, dropCanceled: !dropNotCanceled };
  }, payload);
  expect(result.filesInTransfer, 'files placed in the DataTransfer').toBe(files.length);
  expect(result.dragoverCanceled, 'drop zone calls preventDefault() on dragover').toBe(true);
  expect(result.dropCanceled, 'drop zone calls preventDefault() on drop').toBe(true);
}

/** Text if the bytes are valid UTF-8 without NULs, else null (then passed as base64). */
function decodeUtf8Text(buf: Buffer): string | null {
  if (buf.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/**
 * Wait until the report named `name` is listed and selected, and its table is shown. A
 * load that ends in an error for that file fails at once with the error's text, and one
 * that never ends fails with what the page shows instead (the progress bar, the errors),
 * so a failure says which of the two it was.
 */
export async function expectReportSelected(page: Page, name: string, timeout?: number): Promise<void> {
  const selected = reportItem(page, name).and(page.locator('[aria-selected="true"]'));
  const error = loadError(page, name);
  try {
    await expect(selected.or(error).first()).toBeAttached({ timeout });
  } catch (waited) {
    throw new Error(`${name} was neither shown nor refused; the page shows ${await loadState(page)}`, {
      cause: waited,
    });
  }
  if ((await error.count()) > 0) {
    const message = (await error.first().textContent()) ?? '';
    throw new Error(`${name} failed to load: ${message.replace(/\s+/g, ' ').trim()}`);
  }
  await expect(reportItem(page, name)).toHaveAttribute('aria-selected', 'true');
  await expect(coverageTable(page)).toBeVisible();
}

/** What the page shows of its loads: the progress bar's value and text, and every load error. */
async function loadState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const progress = document.querySelector('[data-testid="load-progress"]');
    const bar = progress?.querySelector('progress');
    const errors = [...document.querySelectorAll('[data-testid="load-error"]')].map(
      (element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    const reports = [...document.querySelectorAll('[data-testid="report-item"]')].map(
      (element) => `${element.getAttribute('data-name')} (selected ${element.getAttribute('aria-selected')})`,
    );
    return [
      progress
        ? `a load under way (bar ${bar?.getAttribute('value') ?? 'without a value'} of ${bar?.getAttribute('max') ?? '?'}: ${progress.textContent?.trim()})`
        : 'no load under way',
      `load errors: ${errors.length > 0 ? errors.join('; ') : 'none'}`,
      `reports: ${reports.length > 0 ? reports.join(', ') : 'none'}`,
    ].join('; ');
  });
}

// ---------------------------------------------------------------------------
// Reading the table
// ---------------------------------------------------------------------------

export interface RowSnapshot {
  path: string | null;
  visible: boolean;
  cells: Record<string, string>;
}

export interface TableSnapshot {
  rows: RowSnapshot[];
  totals: RowSnapshot[];
}

/** All file rows (in DOM order) and totals rows of the coverage table, with their value cells' visible text. */
export async function snapshotTable(page: Page): Promise<TableSnapshot> {
  return coverageTable(page).evaluate((table) => {
    const read = (row: Element) => {
      const cells: Record<string, string> = {};
      for (const cell of Array.from(row.querySelectorAll('[data-col]'))) {
        const col = cell.getAttribute('data-col') as string;
        if (!(col in cells)) cells[col] = (cell as HTMLElement).innerText.trim();
      }
      return {
        path: row.getAttribute('data-path'),
        visible: (row as HTMLElement).checkVisibility(),
        cells,
      };
    };
    return {
      rows: Array.from(table.querySelectorAll('[data-testid="file-row"]')).map(read),
      totals: Array.from(table.querySelectorAll('[data-testid="totals-row"]')).map(read),
    };
  });
}

/** data-path of the shown (visible) file rows, in display order. */
export async function shownPaths(page: Page): Promise<(string | null)[]> {
  const snap = await snapshotTable(page);
  return snap.rows.filter((r) => r.visible).map((r) => r.path);
}

/** The single shown totals row's cells (or a descriptive string if there is not exactly one). */
export async function shownTotals(page: Page): Promise<Record<string, string> | string> {
  const snap = await snapshotTable(page);
  const shown = snap.totals.filter((r) => r.visible);
  return shown.length === 1 ? shown[0].cells : `expected exactly one visible totals-row, found ${shown.length}`;
}

const stripPct = (s: string): string => s.replace(/%$/, '');

function valueCols(report: ParsedReport, isTotal: boolean): [string, keyof ReportRow][] {
  const cols: [string, keyof ReportRow][] = [
    ['statements', 'statements'],
    ['missing', 'missing'],
  ];
  if (report.hasBranch) cols.push(['branches', 'branches'], ['partial', 'partial']);
  cols.push(['coverage', 'coverage']);
  if (report.hasMissingColumn && !isTotal) cols.push(['missing-lines', 'missingLines']);
  return cols;
}

function expectedCells(report: ParsedReport, row: ReportRow, isTotal: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [col, key] of valueCols(report, isTotal)) {
    const v = String(row[key] ?? '');
    out[col] = col === 'coverage' ? stripPct(v) : v;
  }
  return out;
}

function actualCells(report: ParsedReport, cells: Record<string, string>, isTotal: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [col] of valueCols(report, isTotal)) {
    const v = cells[col];
    out[col] = v === undefined ? `<no data-col="${col}" cell>` : col === 'coverage' ? stripPct(v) : v;
  }
  return out;
}

/**
 * Asserts the shown coverage table equals coverage.py's `report -m` table: every file
 * row (by data-path) and every value cell, the totals row, and the number of rows.
 * For reports without branch data, asserts that no branch cells exist at all.
 */
export async function expectTableMatchesReport(page: Page, report: ParsedReport, timeout?: number): Promise<void> {
  const expected = {
    rowCount: report.rows.length,
    rows: Object.fromEntries(report.rows.map((r) => [r.name, expectedCells(report, r, false)])),
    totals: expectedCells(report, report.total, true),
    branchCellCount: report.hasBranch ? report.rows.length + 1 : 0,
    partialCellCount: report.hasBranch ? report.rows.length + 1 : 0,
  };
  await expect
    .poll(
      async () => {
        const snap = await snapshotTable(page);
        const rows = snap.rows.filter((r) => r.visible);
        const shownTotalsRows = snap.totals.filter((r) => r.visible);
        const all = [...rows, ...shownTotalsRows];
        return {
          rowCount: rows.length,
          rows: Object.fromEntries(rows.map((r) => [r.path ?? '<no data-path>', actualCells(report, r.cells, false)])),
          totals:
            shownTotalsRows.length === 1
              ? actualCells(report, shownTotalsRows[0].cells, true)
              : `expected exactly one visible totals-row, found ${shownTotalsRows.length}`,
          branchCellCount: all.filter((r) => 'branches' in r.cells).length,
          partialCellCount: all.filter((r) => 'partial' in r.cells).length,
        };
      },
      { message: 'coverage table equals coverage.py report -m', timeout },
    )
    .toEqual(expected);
  if (!report.hasBranch) {
    await expect(coverageTable(page).locator('[data-col="branches"]')).toHaveCount(0);
    await expect(coverageTable(page).locator('[data-col="partial"]')).toHaveCount(0);
  }
}

// ---------------------------------------------------------------------------
// Documents, phases, comparison, trend
// ---------------------------------------------------------------------------

export const docItems = (page: Page): Locator => page.locator('[data-testid="doc-item"]');
export const docItem = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="doc-item"][data-name=${q(name)}]`);
export const docView = (page: Page): Locator => page.getByTestId('doc-view');
export const phaseRow = (page: Page, phase: string): Locator =>
  page.locator(`[data-testid="phase"][data-phase=${q(phase)}]`);
export const deltaRows = (page: Page): Locator => page.locator('[data-testid="delta-row"]');
export const deltaRow = (page: Page, path: string): Locator =>
  page.locator(`[data-testid="delta-row"][data-path=${q(path)}]`);
export const trendPoints = (page: Page): Locator => page.locator('[data-testid="trend-point"]');

/** Load a whole folder through the `<input type=file webkitdirectory>` hook. */
export async function pickFolder(page: Page, dirPath: string): Promise<void> {
  await page.getByTestId('folder-input').setInputFiles(dirPath);
}

/** Open a main view by its nav hook and wait until it is marked current. */
export async function showView(page: Page, view: 'table' | 'docs' | 'phases' | 'compare' | 'trend'): Promise<void> {
  const nav = page.getByTestId(`nav-${view}`);
  await nav.click();
  await expect(nav).toHaveAttribute('aria-current', 'page');
}

/** Open a listed document in the reader (its doc-item becomes the current one). */
export async function openDocument(page: Page, name: string): Promise<Locator> {
  const item = docItem(page, name);
  await item.click();
  await expect(item).toHaveAttribute('aria-current', 'true');
  await expect(docView(page)).toBeVisible();
  return docView(page);
}

/** The text of a `<select>`'s selected option. */
export const selectedLabel = (select: Locator): Promise<string | null> =>
  select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? null);

/** Visible text of each `data-col` cell inside `row`, keyed by column. */
export const rowCells = (row: Locator): Promise<Record<string, string>> =>
  row.evaluate((el) => {
    const cells: Record<string, string> = {};
    for (const cell of Array.from(el.querySelectorAll('[data-col]'))) {
      cells[cell.getAttribute('data-col') as string] = (cell as HTMLElement).innerText.trim();
    }
    return cells;
  });
