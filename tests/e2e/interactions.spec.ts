// Table interactions on boltons/coverage.json: sorting (mouse and keyboard), filtering,
// hiding fully covered files, and per-report persistence of those settings.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  openApp,
  pickFiles,
  expectReportSelected,
  expectTableMatchesReport,
  coverageTable,
  fileRow,
  sortHeader,
  sortButton,
  shownPaths,
  shownTotals,
  snapshotTable,
} from './fixtures';
import { fixtureFile, readJsonSummaries, readReport } from './report';

const REPORT = readReport('boltons', 'report.txt');
const SUMMARY = readJsonSummaries('boltons', 'coverage.json');
const ALL_PATHS = REPORT.rows.map((r) => r.name);
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

type Dir = 'ascending' | 'descending';

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Paths ordered by a numeric key in `dir`, ties broken by path ascending. */
function orderBy(paths: string[], key: (p: string) => number, dir: Dir): string[] {
  const sign = dir === 'ascending' ? 1 : -1;
  return [...paths].sort((a, b) => sign * (key(a) - key(b)) || byPath(a, b));
}
const coverageOf = (p: string): number => SUMMARY.get(p)!.percent;
const statementsOf = (p: string): number => SUMMARY.get(p)!.statements;
const filtered = (text: string): string[] => ALL_PATHS.filter((p) => p.toLowerCase().includes(text.toLowerCase()));

const NOT_SORTED = /^(ascending|descending)$/;
const SORT_COLS = ['path', 'statements', 'missing', 'branches', 'partial', 'coverage'];

async function loadBoltons(page: Page, name = 'coverage.json'): Promise<void> {
  await pickFiles(page, [fixtureFile(['boltons', 'coverage.json'], name)]);
  await expectReportSelected(page, name);
}

/** Exactly `col` is the active sort, in `dir`; every other sortable header is unsorted. */
async function expectSortedBy(page: Page, col: string, dir: Dir): Promise<void> {
  await expect(sortHeader(page, col)).toHaveAttribute('aria-sort', dir);
  for (const other of SORT_COLS) {
    if (other === col) continue;
    const header = sortHeader(page, other);
    if ((await header.count()) > 0) await expect(header).not.toHaveAttribute('aria-sort', NOT_SORTED);
  }
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await loadBoltons(page);
  await expectTableMatchesReport(page, REPORT);
});

test('sorting by coverage and statements with the mouse', async ({ page }, testInfo) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = `${ARTIFACTS}table.png`;
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('table.png', { path: shot, contentType: 'image/png' });

  await expect(sortHeader(page, 'coverage')).not.toHaveAttribute('aria-sort', NOT_SORTED);

  // Coverage sorts ascending first, then flips.
  await sortButton(page, 'coverage').click();
  await expectSortedBy(page, 'coverage', 'ascending');
  await expect.poll(() => shownPaths(page)).toEqual(orderBy(ALL_PATHS, coverageOf, 'ascending'));

  await sortButton(page, 'coverage').click();
  await expectSortedBy(page, 'coverage', 'descending');
  await expect.poll(() => shownPaths(page)).toEqual(orderBy(ALL_PATHS, coverageOf, 'descending'));

  // The shown coverage cells follow the order too (non-increasing).
  const snap = await snapshotTable(page);
  const shownCoverage = snap.rows.filter((r) => r.visible).map((r) => parseFloat(r.cells['coverage'] ?? 'NaN'));
  expect(shownCoverage.every((v, i) => i === 0 || v <= shownCoverage[i - 1])).toBe(true);

  // Numbers sort descending first, then flip.
  await sortButton(page, 'statements').click();
  await expectSortedBy(page, 'statements', 'descending');
  await expect.poll(() => shownPaths(page)).toEqual(orderBy(ALL_PATHS, statementsOf, 'descending'));

  await sortButton(page, 'statements').click();
  await expectSortedBy(page, 'statements', 'ascending');
  await expect.poll(() => shownPaths(page)).toEqual(orderBy(ALL_PATHS, statementsOf, 'ascending'));

  // Sorting only reorders: every row still shows coverage.py's numbers.
  await expectTableMatchesReport(page, REPORT);
});

test('sorting with the keyboard (Enter on a header button)', async ({ page }) => {
  await expect(sortHeader(page, 'statements')).not.toHaveAttribute('aria-sort', NOT_SORTED);
  const button = sortButton(page, 'statements');
  await button.focus();
  await expect(button).toBeFocused();

  await page.keyboard.press('Enter');
  await expectSortedBy(page, 'statements', 'descending');
  await expect.poll(() => shownPaths(page)).toEqual(orderBy(ALL_PATHS, statementsOf, 'descending'));

  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expectSortedBy(page, 'statements', 'ascending');
  await expect.poll(() => shownPaths(page)).toEqual(orderBy(ALL_PATHS, statementsOf, 'ascending'));
});

test('filtering by path updates the rows and the totals', async ({ page }) => {
  const filter = page.getByTestId('filter-input');
  const totalsAll = await shownTotals(page);
  expect(totalsAll).toMatchObject({ statements: REPORT.total.statements, missing: REPORT.total.missing });

  for (const text of ['Cache', 'TEr']) {
    await test.step(`filter "${text}"`, async () => {
      const expected = filtered(text);
      expect(expected.length).toBeGreaterThan(0);
      await filter.fill('');
      await filter.pressSequentially(text);
      await expect(filter).toHaveValue(text);
      await expect.poll(async () => [...(await shownPaths(page))].sort()).toEqual([...expected].sort());

      const rowsByPath = new Map(REPORT.rows.map((r) => [r.name, r]));
      const sum = (k: 'statements' | 'missing') =>
        String(expected.reduce((acc, p) => acc + Number(rowsByPath.get(p)![k]), 0));
      await expect.poll(() => shownTotals(page)).toMatchObject({ statements: sum('statements'), missing: sum('missing') });
      expect(await shownTotals(page)).not.toEqual(totalsAll);
    });
  }

  await filter.fill('');
  await expect.poll(async () => (await shownPaths(page)).length).toBe(ALL_PATHS.length);
  await expect.poll(() => shownTotals(page)).toEqual(totalsAll);
});

test('hide fully covered files', async ({ page }) => {
  const covered = REPORT.rows.filter((r) => r.coverage === '100%').map((r) => r.name);
  expect(covered.length).toBeGreaterThan(0);
  const toggle = page.getByTestId('hide-covered');
  await expect(toggle).not.toBeChecked();

  await toggle.check();
  await expect(toggle).toBeChecked();
  await expect.poll(async () => [...(await shownPaths(page))].sort()).toEqual(
    ALL_PATHS.filter((p) => !covered.includes(p)).sort(),
  );
  for (const p of covered) await expect(fileRow(page, p)).toBeHidden();
  const snap = await snapshotTable(page);
  expect(snap.rows.filter((r) => r.visible && r.cells['coverage']?.replace(/%$/, '') === '100')).toEqual([]);

  await toggle.uncheck();
  await expect(toggle).not.toBeChecked();
  await expect.poll(async () => [...(await shownPaths(page))].sort()).toEqual([...ALL_PATHS].sort());
  for (const p of covered) await expect(fileRow(page, p)).toBeVisible();
});

test('sort and filter are remembered per report name across a reload', async ({ page }) => {
  const text = 'ils';
  const expectedOrder = orderBy(filtered(text), coverageOf, 'descending');
  expect(expectedOrder.length).toBeGreaterThan(2);
  expect(expectedOrder.length).toBeLessThan(ALL_PATHS.length);

  await sortButton(page, 'coverage').click();
  await sortButton(page, 'coverage').click();
  await expectSortedBy(page, 'coverage', 'descending');
  await page.getByTestId('filter-input').fill(text);
  await expect.poll(() => shownPaths(page)).toEqual(expectedOrder);

  // Same content under another name: no remembered settings.
  await page.reload();
  await expect(page.getByTestId('file-input')).toBeAttached();
  await loadBoltons(page, 'boltons-copy.json');
  await expect(page.getByTestId('filter-input')).toHaveValue('');
  await expect(sortHeader(page, 'coverage')).not.toHaveAttribute('aria-sort', NOT_SORTED);
  await expect.poll(async () => (await shownPaths(page)).length).toBe(ALL_PATHS.length);

  // The same name again: filter and sort come back.
  await page.reload();
  await expect(page.getByTestId('file-input')).toBeAttached();
  await loadBoltons(page, 'coverage.json');
  await expect(page.getByTestId('filter-input')).toHaveValue(text);
  await expectSortedBy(page, 'coverage', 'descending');
  await expect.poll(() => shownPaths(page)).toEqual(expectedOrder);
  await expect(coverageTable(page)).toBeVisible();
});
