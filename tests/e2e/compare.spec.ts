// Comparison and trend over the toolz series (01 → 02 → 03 coverage.json, same code, more
// tests each time). Every expected value is computed here from the JSON reports themselves.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  openApp,
  pickFiles,
  showView,
  reportItem,
  reportItems,
  deltaRow,
  deltaRows,
  rowCells,
  selectedLabel,
  trendPoints,
} from './fixtures';
import { fixturePath } from './report';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const FILE = 'toolz/functoolz.py';

// ---------------------------------------------------------------------------
// Ground truth from the JSON reports
// ---------------------------------------------------------------------------

interface Summary {
  num_statements: number;
  missing_lines: number;
  excluded_lines: number;
  num_branches: number;
  num_partial_branches: number;
  percent_covered: number;
  percent_covered_display: string;
}
interface JsonFile {
  executed_lines: number[];
  missing_lines: number[];
  excluded_lines: number[];
  summary: Summary;
}
interface JsonReport {
  meta: { timestamp: string };
  files: Record<string, JsonFile>;
  totals: Summary;
}
interface Series {
  name: string;
  path: string;
  json: JsonReport;
}

const series = (n: string): Series => {
  const path = fixturePath('toolz', 'series', `${n}-coverage.json`);
  return { name: `${n}-coverage.json`, path, json: JSON.parse(readFileSync(path, 'utf8')) as JsonReport };
};
const S01 = series('01');
const S02 = series('02');
const S03 = series('03');

/** Python's round() to an integer: half to even, on the exact binary value. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor; // exact for doubles of this size
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** coverage.py's display_covered at precision 0 (never "0" or "100" for a value strictly between). */
function displayPercent0(value: number): string {
  if (value > 0 && value < 1) return '1';
  if (value > 99 && value < 100) return '99';
  return String(roundHalfEven(value));
}

/** The signed percentage-point change at precision 0, e.g. "+9", "-1", "0". */
function signedPoints(before: number, after: number): string {
  const points = after - before;
  if (points === 0) return '0';
  return `${points > 0 ? '+' : '-'}${displayPercent0(Math.abs(points))}`;
}

const signedCount = (n: number): string => (n > 0 ? `+${n}` : String(n));

/** The delta-row cells the comparison must show for `path` from report `a` to report `b`. */
function expectedDeltaCells(a: JsonReport, b: JsonReport, path: string): Record<string, string> {
  const before = a.files[path].summary;
  const after = b.files[path].summary;
  return expectedFromSummaries(before, after);
}

function expectedFromSummaries(before: Summary, after: Summary): Record<string, string> {
  // The reports are written at precision 0; the rule below is for that precision.
  expect(before.percent_covered_display).toMatch(/^\d+$/);
  expect(after.percent_covered_display).toMatch(/^\d+$/);
  return {
    'coverage-before': `${before.percent_covered_display}%`,
    'coverage-after': `${after.percent_covered_display}%`,
    'coverage-delta': `${signedPoints(before.percent_covered, after.percent_covered)} pp`,
    'statements-delta': signedCount(after.num_statements - before.num_statements),
    'missing-delta': signedCount(after.missing_lines - before.missing_lines),
    'branches-delta': signedCount(after.num_branches - before.num_branches),
    'partial-delta': signedCount(after.num_partial_branches - before.num_partial_branches),
  };
}

function expectedStatus(before: Summary, after: Summary): string {
  const points = after.percent_covered - before.percent_covered;
  if (points > 0) return 'improved';
  if (points < 0) return 'regressed';
  throw new Error('test data: expected a file whose coverage changed');
}

const sortedUnique = (xs: number[]): number[] => [...new Set(xs)].sort((x, y) => x - y);

/** coverage.py's statements for a JSON file entry: executed lines not excluded, plus missing lines. */
function statementsOf(file: JsonFile): number[] {
  const excluded = new Set(file.excluded_lines);
  return sortedUnique([...file.executed_lines.filter((l) => !excluded.has(l)), ...file.missing_lines]);
}

/** coverage.py's `_line_ranges` + `format_lines` (without arcs): "597-598, 607-610", or "" for none. */
function formatLines(statements: number[], lines: number[]): string {
  const pairs: [number, number][] = [];
  let start: number | null = null;
  let end = 0;
  let lidx = 0;
  for (const stmt of statements) {
    if (lidx >= lines.length) break;
    if (stmt === lines[lidx]) {
      lidx += 1;
      if (start === null) start = stmt;
      end = stmt;
    } else if (start !== null) {
      pairs.push([start, end]);
      start = null;
    }
  }
  if (start !== null) pairs.push([start, end]);
  return pairs.map(([s, e]) => (s === e ? String(s) : `${s}-${e}`)).join(', ');
}

/** Newly covered / newly missed lines of `path` from `a` to `b`, over the union of both statement sets. */
function expectedLineChanges(a: JsonReport, b: JsonReport, path: string): { covered: string; missed: string } {
  const before = a.files[path];
  const after = b.files[path];
  const statements = sortedUnique([...statementsOf(before), ...statementsOf(after)]);
  const beforeExcluded = new Set(before.excluded_lines);
  const afterExcluded = new Set(after.excluded_lines);
  const afterExecuted = new Set(after.executed_lines.filter((l) => !afterExcluded.has(l)));
  const beforeExecuted = new Set(before.executed_lines.filter((l) => !beforeExcluded.has(l)));
  const afterMissing = new Set(after.missing_lines);
  const covered = sortedUnique(before.missing_lines).filter((l) => afterExecuted.has(l));
  const missed = sortedUnique([...beforeExecuted]).filter((l) => afterMissing.has(l));
  const text = (lines: number[]) => formatLines(statements, lines) || 'none';
  return { covered: text(covered), missed: text(missed) };
}

/** Cells of a markdown table line `| a | b | c |`. */
const markdownCells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/** The export's header, the row for `path` and the total row, as cells. */
async function exportedTable(page: Page): Promise<{ header: string[] | null; row: string[] | null; total: string[] | null; text: string }> {
  const text = await page.getByTestId('export-markdown').inputValue();
  const tableLines = text.split('\n').filter((l) => l.trim().startsWith('|'));
  const cells = tableLines.map(markdownCells);
  const strip = (c: string) => c.replace(/[`*]/g, '').trim();
  return {
    header: cells.find((c) => c.includes('Before') && c.includes('After') && c.includes('Change')) ?? null,
    row: cells.find((c) => strip(c[0]) === FILE) ?? null,
    total: cells.find((c) => /^Total\b/.test(strip(c[0]))) ?? null,
    text,
  };
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

/** Loads the three reports in one pick, deliberately not in time order. */
async function loadSeries(page: Page): Promise<void> {
  await openApp(page);
  await pickFiles(page, [S03.path, S01.path, S02.path]);
  await expect(reportItems(page)).toHaveCount(3);
  for (const s of [S01, S02, S03]) await expect(reportItem(page, s.name)).toHaveCount(1);
}

test.beforeAll(() => {
  // The series really is in time order 01 < 02 < 03, and functoolz changed each time.
  expect(S01.json.meta.timestamp < S02.json.meta.timestamp).toBe(true);
  expect(S02.json.meta.timestamp < S03.json.meta.timestamp).toBe(true);
  expect(S02.json.files[FILE].summary.percent_covered).not.toBe(S03.json.files[FILE].summary.percent_covered);
  expect(S01.json.files[FILE].summary.percent_covered_display).not.toBe(
    S02.json.files[FILE].summary.percent_covered_display,
  );
});

test('default pair is the two newest reports; a changed file and the totals show the computed deltas', async ({
  page,
}, testInfo) => {
  await loadSeries(page);
  await showView(page, 'compare');

  await expect.poll(() => selectedLabel(page.getByTestId('compare-before'))).toBe(S02.name);
  await expect.poll(() => selectedLabel(page.getByTestId('compare-after'))).toBe(S03.name);

  // One row per file of the reports (same file set in all three).
  await expect(deltaRows(page)).toHaveCount(Object.keys(S03.json.files).length);

  const row = deltaRow(page, FILE);
  await expect(row).toHaveAttribute(
    'data-status',
    expectedStatus(S02.json.files[FILE].summary, S03.json.files[FILE].summary),
  );
  await expect.poll(() => rowCells(row)).toMatchObject(expectedDeltaCells(S02.json, S03.json, FILE));

  const totals = page.getByTestId('delta-totals-row');
  await expect.poll(() => rowCells(totals)).toMatchObject(expectedFromSummaries(S02.json.totals, S03.json.totals));

  // Every row's coverage cells match its own files' displays and computed delta.
  const allRows = await deltaRows(page).evaluateAll((rows) =>
    rows.map((r) => ({
      path: r.getAttribute('data-path') as string,
      status: r.getAttribute('data-status'),
      before: (r.querySelector('[data-col="coverage-before"]') as HTMLElement).innerText.trim(),
      after: (r.querySelector('[data-col="coverage-after"]') as HTMLElement).innerText.trim(),
      delta: (r.querySelector('[data-col="coverage-delta"]') as HTMLElement).innerText.trim(),
      missing: (r.querySelector('[data-col="missing-delta"]') as HTMLElement).innerText.trim(),
    })),
  );
  for (const shown of allRows) {
    const exp = expectedDeltaCells(S02.json, S03.json, shown.path);
    expect(shown, shown.path).toEqual({
      path: shown.path,
      status: shown.status,
      before: exp['coverage-before'],
      after: exp['coverage-after'],
      delta: exp['coverage-delta'],
      missing: exp['missing-delta'],
    });
  }

  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = `${ARTIFACTS}comparison.png`;
  await page.screenshot({ path: shot });
  await testInfo.attach('comparison.png', { path: shot, contentType: 'image/png' });
});

test('choosing another "before" report updates the rows; a row shows its newly covered lines', async ({ page }) => {
  await loadSeries(page);
  await showView(page, 'compare');
  const row = deltaRow(page, FILE);
  await expect.poll(() => rowCells(row)).toMatchObject(expectedDeltaCells(S02.json, S03.json, FILE));

  await page.getByTestId('compare-before').selectOption({ label: S01.name });
  await expect.poll(() => selectedLabel(page.getByTestId('compare-before'))).toBe(S01.name);
  await expect.poll(() => selectedLabel(page.getByTestId('compare-after'))).toBe(S03.name);
  await expect.poll(() => rowCells(row)).toMatchObject(expectedDeltaCells(S01.json, S03.json, FILE));
  await expect
    .poll(() => rowCells(page.getByTestId('delta-totals-row')))
    .toMatchObject(expectedFromSummaries(S01.json.totals, S03.json.totals));

  await expect(page.getByTestId('line-changes')).toHaveCount(0);
  await row.locator('[data-col="path"]').getByRole('button').click();
  const changes = page.getByTestId('line-changes');
  await expect(changes).toBeVisible();
  const expected = expectedLineChanges(S01.json, S03.json, FILE);
  expect(expected.covered).not.toBe('none');
  await expect(changes.getByTestId('newly-covered')).toHaveText(expected.covered);
  await expect(changes.getByTestId('newly-missed')).toHaveText(expected.missed);
});

test('the markdown export has Before/After/Change columns, the file row and a Total row', async ({ page }) => {
  await loadSeries(page);
  await showView(page, 'compare');

  for (const [before, after] of [
    [S02, S03],
    [S01, S03],
  ]) {
    await page.getByTestId('compare-before').selectOption({ label: before.name });
    await expect.poll(() => selectedLabel(page.getByTestId('compare-before'))).toBe(before.name);
    const file = expectedDeltaCells(before.json, after.json, FILE);
    const total = expectedFromSummaries(before.json.totals, after.json.totals);
    await expect
      .poll(async () => {
        const t = await exportedTable(page);
        return { header: t.header, row: t.row?.slice(1), total: t.total?.slice(1) };
      }, { message: `export of ${before.name} → ${after.name}` })
      .toEqual({
        header: expect.arrayContaining(['Before', 'After', 'Change']),
        row: [file['coverage-before'], file['coverage-after'], file['coverage-delta']],
        total: [total['coverage-before'], total['coverage-after'], total['coverage-delta']],
      });
    const { text } = await exportedTable(page);
    expect(text).toContain(before.name);
    expect(text).toContain(after.name);
  }
});

test('trend: one point per report, oldest first, valued by each report total', async ({ page }) => {
  await loadSeries(page);
  await showView(page, 'trend');
  await expect(page.getByTestId('trend-chart')).toBeVisible();
  await expect(trendPoints(page)).toHaveCount(3);
  const points = await trendPoints(page).evaluateAll((els) =>
    els.map((e) => ({ name: e.getAttribute('data-name'), value: e.getAttribute('data-value') })),
  );
  expect(points).toEqual(
    [S01, S02, S03].map((s) => ({ name: s.name, value: s.json.totals.percent_covered_display })),
  );
  await expect(page.locator(`[data-testid="sparkline-row"][data-path="${FILE}"]`)).toHaveCount(1);
});
