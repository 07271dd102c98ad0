// The coverage table on a generated report of 50,000 files: only the rows in view exist,
// the last row is reachable by scrolling, filtering and sorting stay right, and j/k move
// the active row and scroll it into view.
//
// The report is generated in the page (a small deterministic generator, no committed
// file) and loaded through a real synthetic drop.
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  openApp,
  expectReportSelected,
  coverageTable,
  fileRows,
  fileRow,
  sortButton,
  sortHeader,
  rowCells,
  shownTotals,
  dropFiles,
  openDocument,
} from './fixtures';

const FILE_COUNT = 50_000;
const MAX_ROWS_IN_DOM = 200;

/**
 * File i is `src/pkg{i % 500}/Mod{i}.py` (zero-padded) with 20 + i % 97 statements, i % 13
 * of them missing (lines 1 to i % 13), i % 5 excluded lines, no branch data.
 * Sorted by path, position p holds file (p div 100) + 500 × (p mod 100).
 */
const pathOf = (i: number): string =>
  `src/pkg${String(i % 500).padStart(3, '0')}/Mod${String(i).padStart(5, '0')}.py`;

/** Generates the report in the page and drops it on the drop zone as `big.json`. */
async function dropGeneratedReport(page: Page): Promise<void> {
  const result = await page.getByTestId('drop-zone').evaluate((zone, fileCount) => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
    const files: string[] = [];
    let statements = 0;
    let missing = 0;
    let excluded = 0;
    for (let i = 0; i < fileCount; i++) {
      const st = 20 + (i % 97);
      const mi = i % 13;
      const ex = i % 5;
      statements += st;
      missing += mi;
      excluded += ex;
      const summary = {
        covered_lines: st - mi,
        num_statements: st,
        percent_covered: (100 * (st - mi)) / st,
        missing_lines: mi,
        excluded_lines: ex,
      };
      const body = {
        executed_lines: range(mi + 1, st),
        summary,
        missing_lines: range(1, mi),
        excluded_lines: range(st + 1, st + ex),
      };
      files.push(`${JSON.stringify(`src/pkg${pad(i % 500, 3)}/Mod${pad(i, 5)}.py`)}:${JSON.stringify(body)}`);
    }
    const totals = {
      covered_lines: statements - missing,
      num_statements: statements,
      percent_covered: (100 * (statements - missing)) / statements,
      missing_lines: missing,
      excluded_lines: excluded,
    };
    const meta = { format: 3, version: '7.6.0', timestamp: '2026-11-21T00:00:00', branch_coverage: false, show_contexts: false };
    const text = `{"meta":${JSON.stringify(meta)},"files":{${files.join(',')}},"totals":${JSON.stringify(totals)}}`;
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'big.json', { type: 'application/json' }));
    const fire = (type: string) =>
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: transfer }));
    fire('dragenter');
    const dragoverCanceled = !fire('dragover');
    const dropCanceled = !fire('drop');
    return { bytes: text.length, dragoverCanceled, dropCanceled };
  }, FILE_COUNT);
  expect(result.dragoverCanceled).toBe(true);
  expect(result.dropCanceled).toBe(true);
  expect(result.bytes).toBeGreaterThan(10_000_000);
}

/**
 * The scroll area around the table (its parent element), scrolled to `top` pixels, and
 * the page scrolled so the whole area shows, as a person would.
 */
async function scrollTableTo(page: Page, top: number | 'bottom'): Promise<void> {
  await coverageTable(page).evaluate((table, to) => {
    const area = table.parentElement as HTMLElement;
    area.scrollTop = to === 'bottom' ? area.scrollHeight : to;
    area.scrollIntoView({ block: 'nearest' });
  }, top);
}

async function expectFewRows(page: Page): Promise<void> {
  const count = await fileRows(page).count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
}

/**
 * Whether the row with `path` shows whole, top to bottom, between the table's sticky
 * header and its sticky totals row, inside a scroll area that itself shows in the window.
 * (Sideways the area may be narrower than the table; that is not what this checks.)
 */
async function rowShowsWhole(page: Page, path: string): Promise<boolean> {
  return coverageTable(page).evaluate((table, wanted) => {
    const row = Array.from(table.querySelectorAll('[data-testid="file-row"]')).find(
      (r) => r.getAttribute('data-path') === wanted,
    );
    if (!row) return false;
    const area = (table.parentElement as HTMLElement).getBoundingClientRect();
    const top = Math.max(area.top, 0) + (table.querySelector('thead') as HTMLElement).getBoundingClientRect().height;
    const bottom = Math.min(area.bottom, window.innerHeight) - (table.querySelector('tfoot') as HTMLElement).getBoundingClientRect().height;
    const box = row.getBoundingClientRect();
    return box.top >= top - 0.5 && box.bottom <= bottom + 0.5;
  }, path);
}

const activeRow = (page: Page) => coverageTable(page).locator('[data-testid="file-row"][aria-selected="true"]');

test.beforeEach(async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await dropGeneratedReport(page);
  await expectReportSelected(page, 'big.json', 60_000);
  await expect(fileRow(page, pathOf(0))).toBeVisible();
});

test('only the rows in view exist, and scrolling reaches the last file', async ({ page }) => {
  await expectFewRows(page);
  await expect(fileRows(page).first()).toHaveAttribute('data-path', pathOf(0));
  // Position 5 (pkg000, the sixth file of it): file 2,500 with 20 + 75 statements,
  // 2,500 % 13 = 4 missing, 0 excluded.
  expect(await rowCells(fileRow(page, pathOf(2500)))).toMatchObject({
    path: pathOf(2500),
    statements: '95',
    missing: '4',
    excluded: '0',
    'missing-lines': '1-4',
  });
  expect(await shownTotals(page)).toMatchObject({ path: 'Total' });

  // Halfway: position 25,000 is file 250 (pkg250, first of it), in view.
  await scrollTableTo(page, 25_000 * 30);
  await expect.poll(() => rowShowsWhole(page, pathOf(250))).toBe(true);
  await expect(fileRow(page, pathOf(0))).toHaveCount(0);
  await expectFewRows(page);

  // The bottom: the last file by path is pkg499's last, file 49,999: 20 + 44 statements,
  // 49,999 % 13 = 1 missing, 49,999 % 5 = 4 excluded, 63/64 covered.
  await scrollTableTo(page, 'bottom');
  const last = fileRow(page, pathOf(49_999));
  await expect.poll(() => rowShowsWhole(page, pathOf(49_999))).toBe(true);
  expect(await rowCells(last)).toMatchObject({
    statements: '64',
    missing: '1',
    excluded: '4',
    coverage: '98%',
    'missing-lines': '1',
  });
  await expectFewRows(page);
  // The totals row stays in sight at the bottom of the area, as does the header.
  await expect(coverageTable(page).locator('[data-testid="totals-row"]')).toBeInViewport();
  await expect(sortHeader(page, 'path')).toBeInViewport();
});

test('filtering and sorting 50,000 files', async ({ page }) => {
  const filter = page.getByTestId('filter-input');
  // "mod4999" is in files 49,990 to 49,999 only, in pkg490 to pkg499.
  await filter.fill('mod4999');
  const expected = Array.from({ length: 10 }, (_, k) => pathOf(49_990 + k));
  await expect.poll(() => fileRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')))).toEqual(expected);
  // 55 + … + 64 statements; 5 + … + 12 + 0 + 1 missing.
  await expect.poll(() => shownTotals(page)).toMatchObject({ statements: '595', missing: '69' });

  await sortButton(page, 'statements').click();
  await expect(sortHeader(page, 'statements')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => fileRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')))).toEqual(
    [...expected].reverse(),
  );
  expect(await rowCells(fileRows(page).first())).toMatchObject({ statements: '64' });

  // All files by missing, most first: 12 missing means i % 13 = 12; in pkg000 (i = 500k)
  // that is k = 2, 15, 28, …: files 1,000, 7,500 and 14,000 lead, by path.
  await filter.fill('');
  await sortButton(page, 'missing').click();
  await expect(sortHeader(page, 'missing')).toHaveAttribute('aria-sort', 'descending');
  await expect
    .poll(() => fileRows(page).evaluateAll((rows) => rows.slice(0, 3).map((r) => r.getAttribute('data-path'))))
    .toEqual([pathOf(1000), pathOf(7500), pathOf(14_000)]);
  await expectFewRows(page);
  expect(await shownTotals(page)).toMatchObject({ path: 'Total' });

  // Hiding fully covered files drops every i % 13 = 0; ascending, 1 missing comes first:
  // i % 13 = 1 in pkg000 means 6k ≡ 1 (mod 13), k = 11: file 5,500.
  await page.getByTestId('hide-covered').check();
  await sortButton(page, 'missing').click();
  await expect(sortHeader(page, 'missing')).toHaveAttribute('aria-sort', 'ascending');
  await expect(fileRows(page).first()).toHaveAttribute('data-path', pathOf(5500));
  await expectFewRows(page);
});

test('j and k move the active row and keep it in view', async ({ page }) => {
  // From the page itself (nothing focused), j makes the first row active.
  await page.keyboard.press('j');
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(0));
  await expect(activeRow(page)).toBeFocused();
  await page.keyboard.press('j');
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(500));
  await page.keyboard.press('k');
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(0));
  await page.keyboard.press('k');
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(0));

  // Forty rows down is past the first screen of rows: the area scrolls to keep it whole.
  for (let step = 0; step < 40; step++) await page.keyboard.press('j');
  const fortieth = fileRow(page, pathOf(40 * 500));
  await expect(fortieth).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => rowShowsWhole(page, pathOf(40 * 500))).toBe(true);
  await expect(fortieth).toBeFocused();
  expect(await rowShowsWhole(page, pathOf(0))).toBe(false);
  // The arrow keys on the focused row do the same.
  await page.keyboard.press('ArrowDown');
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(41 * 500));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(39 * 500));
  await expect(coverageTable(page).locator('[aria-selected="true"]')).toHaveCount(1);

  // Scrolled far away, j brings the active row back into view.
  await scrollTableTo(page, 'bottom');
  await expect(fileRow(page, pathOf(39 * 500))).toHaveCount(0);
  await page.keyboard.press('j');
  await expect.poll(() => rowShowsWhole(page, pathOf(40 * 500))).toBe(true);

  // Typing in the filter box types, it does not move the row.
  await page.getByTestId('filter-input').focus();
  await page.keyboard.press('j');
  await expect(page.getByTestId('filter-input')).toHaveValue('j');
  await expect(activeRow(page)).toHaveCount(0);
});

/**
 * The path of the file row that holds the keyboard focus (the row itself or a control in
 * it), or null when the focus is on no row, read after two frames so the table's own
 * effects have run.
 */
async function focusedRowPath(page: Page): Promise<string | null> {
  return page.evaluate(async () => {
    for (let frame = 0; frame < 2; frame++) await new Promise((done) => requestAnimationFrame(() => done(null)));
    const row = document.activeElement?.closest('[data-testid="file-row"]');
    return row ? row.getAttribute('data-path') : null;
  });
}

test('a focused row scrolled out of the window leaves the focus on no row showing another file', async ({ page }) => {
  // Rows are keyed by their slot (position modulo 1,024): 1,024 rows further down, the
  // element of the first row shows another file, position 1,024's.
  const slotCycleTop = 1024 * 30;
  await page.keyboard.press('j');
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(0));
  await expect(activeRow(page)).toBeFocused();
  await scrollTableTo(page, slotCycleTop);
  await expect(fileRow(page, pathOf(10 + 500 * 24))).toHaveCount(1);
  await expect(fileRow(page, pathOf(0))).toHaveCount(0);
  expect(await focusedRowPath(page)).toBeNull();
  // Scrolled back by hand, the active row has the focus again.
  await scrollTableTo(page, 0);
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(0));
  await expect(activeRow(page)).toBeFocused();
  // Away again, the arrow keys go on from the active row, which comes back into view with
  // the focus.
  await scrollTableTo(page, slotCycleTop);
  await expect(fileRow(page, pathOf(0))).toHaveCount(0);
  expect(await focusedRowPath(page)).toBeNull();
  await page.keyboard.press('ArrowDown');
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(500));
  await expect.poll(() => rowShowsWhole(page, pathOf(500))).toBe(true);
  await expect(activeRow(page)).toBeFocused();

  // A control of the row keeps the focus while it is there (a pointer's press or a screen
  // reader's cursor puts it there). A new order shows other files in the same elements:
  // the focus leaves the control, which would now open another file's source.
  const openSource = activeRow(page).getByTestId('open-source');
  await openSource.focus();
  await expect(openSource).toBeFocused();
  await page.keyboard.press('s');
  await expect(sortHeader(page, 'statements')).toHaveAttribute('aria-sort', 'descending');
  expect([null, pathOf(500)]).toContain(await focusedRowPath(page));
  await page.keyboard.press('ArrowDown');
  await expect(activeRow(page)).not.toHaveAttribute('data-path', pathOf(500));
  await expect(activeRow(page)).toBeFocused();
});

test('a link from a document scrolls the table to its file and makes it active', async ({ page }) => {
  // Position 30,000 by path: pkg300's first file, file 300, far below the first screen.
  const target = pathOf(300);
  const verification = [
    '---',
    'phase: 09-scale',
    'status: gaps_found',
    'score: 0/1 must-haves verified',
    'gaps:',
    '  - truth: "pkg300 is covered"',
    '    status: failed',
    '    artifacts:',
    `      - path: "${target}"`,
    '        issue: "missing lines remain"',
    '---',
    '',
    '# Phase 9: scale - Verification Report',
    '',
  ].join('\n');
  await dropFiles(page, [{ name: '09-VERIFICATION.md', mimeType: 'text/markdown', buffer: Buffer.from(verification) }]);
  const view = await openDocument(page, '09-VERIFICATION.md');
  await view.locator(`[data-testid="coverage-link"][data-path="${target}"]`).click();
  await expect(page.getByTestId('nav-table')).toHaveAttribute('aria-current', 'page');
  const row = fileRow(page, target);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => rowShowsWhole(page, target)).toBe(true);
  // The view was kept: every file is still listed, the row found among them.
  await expect(page.getByTestId('filter-input')).toHaveValue('');
  await expectFewRows(page);
  // j goes on from there.
  await page.keyboard.press('j');
  await expect(activeRow(page)).toHaveAttribute('data-path', pathOf(800));
});
