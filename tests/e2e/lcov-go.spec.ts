// LCOV tracefiles and Go cover profiles in the browser: every file row and the totals row
// show the producing tool's own figures, every metric's covered, total and percent, in the
// tool's terms. The expected figures are the golden files the native tests read: genhtml
// 2.5's table for each tracefile (tests/fixtures/lcov-genhtml/) and go tool cover's
// (tests/fixtures/go/).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test, expect, openApp, pickFiles, expectReportSelected, coverageTable, snapshotTable, reportItems } from './fixtures';
import { fixturePath } from './report';

const GOLDEN = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The cells checked in a row, keyed by their `data-col` hook. */
type Cells = Record<string, string>;

interface ExpectedTable {
  rows: Record<string, Cells>;
  totals: Cells;
}

/** The tab-separated rows of a golden file, comments left out. */
function goldenRows(relative: string): string[][] {
  return readFileSync(join(GOLDEN, relative), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

/** genhtml's table: path, then hit, total and percent of lines, functions and branches,
 *  as the `<metric>-covered`, `-total` and `-pct` cells of CONTRACT.md. A metric with
 *  nothing in the whole report (total 0: llvm-cov's and tarpaulin's branches) is no column
 *  at all, as lcov --summary says "no data found" for it. */
function genhtmlTable(name: string): ExpectedTable {
  const rows = goldenRows(`lcov-genhtml/${name}.txt`);
  const total = rows[rows.length - 1];
  const metrics = ['lines', 'functions', 'branches'];
  const present = metrics.filter((_, index) => total[2 + 3 * index] !== '0');
  const cells = (row: string[]): Cells => {
    const out: Cells = {};
    metrics.forEach((metric, index) => {
      if (!present.includes(metric)) return;
      out[`${metric}-covered`] = row[1 + 3 * index];
      out[`${metric}-total`] = row[2 + 3 * index];
      out[`${metric}-pct`] = row[3 + 3 * index];
    });
    return out;
  };
  return {
    rows: Object.fromEntries(rows.slice(0, -1).map((row) => [row[0], cells(row)])),
    totals: cells(total),
  };
}

/** go tool cover's figures: path, covered statements, statements, percent. */
function goTable(relative: string): ExpectedTable {
  const rows = goldenRows(relative);
  const cells = (row: string[]): Cells => ({
    'statements-covered': row[1],
    'statements-total': row[2],
    'statements-pct': row[3],
  });
  return {
    rows: Object.fromEntries(rows.slice(0, -1).map((row) => [row[0], cells(row)])),
    totals: cells(rows[rows.length - 1]),
  };
}

/** The shown table's cells for the expected columns, with any `%` sign dropped. */
function shown(cells: Cells, columns: string[]): Cells {
  return Object.fromEntries(
    columns.map((column) => [column, column in cells ? cells[column].replace(/%$/, '') : `<no data-col="${column}">`]),
  );
}

async function expectTable(page: import('@playwright/test').Page, expected: ExpectedTable): Promise<void> {
  const columns = Object.keys(expected.totals);
  await expect
    .poll(async () => {
      const snapshot = await snapshotTable(page);
      const rows = snapshot.rows.filter((row) => row.visible);
      return {
        rows: Object.fromEntries(rows.map((row) => [row.path ?? '<no data-path>', shown(row.cells, columns)])),
        totals: snapshot.totals.length === 1 ? shown(snapshot.totals[0].cells, columns) : `${snapshot.totals.length} totals rows`,
      };
    })
    .toEqual(expected);
}

const TRACEFILES: [string, string][] = [
  ['toolz/coverage.lcov', 'toolz'],
  ['boltons/coverage.lcov', 'boltons'],
  ['c8-express/lcov.info', 'c8-express'],
  ['c8-commander/lcov.info', 'c8-commander'],
  ['jest-commander/lcov.info', 'jest-commander'],
  ['jest-v8-commander/lcov.info', 'jest-v8-commander'],
  ['llvmcov-semver/lcov.info', 'llvmcov-semver'],
  ['tarpaulin-semver/lcov.info', 'tarpaulin-semver'],
];

for (const [tracefile, golden] of TRACEFILES) {
  test(`${tracefile} shows genhtml's figures for every file and the total`, async ({ page }) => {
    await openApp(page);
    await pickFiles(page, [fixturePath(...tracefile.split('/'))]);
    await expectReportSelected(page, tracefile.split('/')[1]);
    await expect(reportItems(page)).toHaveCount(1);
    await expect(coverageTable(page)).toHaveAttribute('data-format', 'lcov');
    await expectTable(page, genhtmlTable(golden));
    // No column for a metric the report has no data for.
    const absent = ['functions', 'branches'].filter((metric) => !(`${metric}-pct` in genhtmlTable(golden).totals));
    for (const metric of absent) {
      await expect(coverageTable(page).locator(`[data-col="${metric}-pct"]`)).toHaveCount(0);
    }
  });
}

test('an lcov row lists its uncovered lines as ranges over the measured lines', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [fixturePath('jest-commander', 'lcov.info')]);
  await expectReportSelected(page, 'lcov.info');
  // Istanbul's own text report prints 1279-1287,1295-1297,1308 for this file.
  const row = coverageTable(page).locator('[data-testid="file-row"][data-path="lib/command.js"]');
  await expect(row.locator('[data-col="missing-lines"]')).toHaveText('1279-1287, 1295-1297, 1308');
});

test("gocover-toml/cover.out shows go tool cover's figures for every file and the total", async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [fixturePath('gocover-toml', 'cover.out')]);
  await expectReportSelected(page, 'cover.out');
  await expect(coverageTable(page)).toHaveAttribute('data-format', 'go');
  await expectTable(page, goTable('go/gocover-toml-expected.txt'));
  const row = coverageTable(page).locator('[data-testid="file-row"][data-path="github.com/BurntSushi/toml/deprecated.go"]');
  await expect(row.locator('[data-col="missing-lines"]')).toHaveText('26-29');
});
