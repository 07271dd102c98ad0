// llvm-cov export JSON and tarpaulin JSON in the browser: dropped into the page, each is read
// by its own parser (in the worker or on the page), and every file row and the totals row show
// the figures the producing tool printed (llvm-cov's report table: regions, functions and
// lines; tarpaulin's summary: lines), read from the tool's own output beside each fixture.
// The per-metric cells (`<metric>-covered`, `-total`, `-pct`) are checked natively in
// tests/format_llvm_cov.rs and tests/format_tarpaulin.rs against the same files.
import { readFileSync } from 'node:fs';
import {
  test,
  expect,
  openApp,
  pickFiles,
  expectReportSelected,
  fileRows,
  snapshotTable,
  RowSnapshot,
} from './fixtures';
import { fixturePath } from './report';

const text = (...parts: string[]): string => readFileSync(fixturePath(...parts), 'utf8');
const stripPct = (cell: string | undefined): string | undefined => cell?.replace(/%$/, '');

/** llvm-cov's table: per row its name and the Cover text of regions, functions and lines. */
function readLlvmCovTable(...parts: string[]): { name: string; cells: Record<string, string> }[] {
  return text(...parts)
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '' && !line.startsWith('-'))
    .map((line) => {
      const fields = line.trim().split(/\s+/);
      const percent = (field: string): string => field.replace(/%$/, '');
      return {
        name: fields[0],
        cells: {
          'regions-pct': percent(fields[3]),
          'functions-pct': percent(fields[6]),
          'lines-pct': percent(fields[9]),
        },
      };
    });
}

/** The cells of a shown row that the expected row names, `%` signs left out. */
function shownCells(row: RowSnapshot, expected: Record<string, string>): Record<string, string | undefined> {
  const shown: Record<string, string | undefined> = {};
  for (const column of Object.keys(expected)) shown[column] = stripPct(row.cells[column]);
  return shown;
}

const LLVM_COV_EXPORTS = [
  { json: ['llvmcov-semver', 'coverage.json'], table: ['llvmcov-semver', 'report.txt'] },
  { json: ['llvmcov-semver', 'coverage-summary.json'], table: ['llvmcov-semver', 'report.txt'] },
  { json: ['llvmcov-cpp-shapes', 'llvm-14', 'coverage.json'], table: ['llvmcov-cpp-shapes', 'llvm-14', 'report.txt'] },
  { json: ['llvmcov-cpp-shapes', 'llvm-19', 'coverage.json'], table: ['llvmcov-cpp-shapes', 'llvm-19', 'report.txt'] },
];

for (const { json, table } of LLVM_COV_EXPORTS) {
  test(`${json.join('/')} matches llvm-cov's ${table.join('/')}`, async ({ page }) => {
    const printed = readLlvmCovTable(...table);
    const rows = printed.filter((row) => row.name !== 'TOTAL');
    const total = printed.find((row) => row.name === 'TOTAL');
    await openApp(page);
    await pickFiles(page, [fixturePath(...json)]);
    await expectReportSelected(page, json[json.length - 1]);
    await expect(fileRows(page)).toHaveCount(rows.length);
    const snapshot = await snapshotTable(page);
    for (const row of rows) {
      const shown = snapshot.rows.find((candidate) => candidate.path?.endsWith(`/${row.name}`));
      expect(shown, row.name).toBeDefined();
      expect(shownCells(shown as RowSnapshot, row.cells), row.name).toEqual(row.cells);
    }
    expect(shownCells(snapshot.totals[0], total!.cells), 'TOTAL').toEqual(total!.cells);
  });
}

test("tarpaulin-semver/tarpaulin-report.json matches tarpaulin's summary", async ({ page }) => {
  const summary = text('tarpaulin-semver', 'summary.txt');
  const rows = [...summary.matchAll(/^\|\| (\S+): (\d+)\/(\d+)$/gm)].map((match) => ({
    path: match[1],
    // tarpaulin prints no per-file percentage; its rule (covered / coverable × 100, two
    // decimals) on its own counts is what the row shows.
    cells: { 'lines-pct': ((Number(match[2]) / Number(match[3])) * 100).toFixed(2) },
  }));
  const [, percent] = summary.match(/^([\d.]+)% coverage, (\d+)\/(\d+) lines covered$/m)!;
  await openApp(page);
  await pickFiles(page, [fixturePath('tarpaulin-semver', 'tarpaulin-report.json')]);
  await expectReportSelected(page, 'tarpaulin-report.json');
  // tarpaulin's JSON keeps the six files with nothing coverable; its summary leaves them out.
  await expect(fileRows(page)).toHaveCount(rows.length + 6);
  const snapshot = await snapshotTable(page);
  for (const row of rows) {
    const shown = snapshot.rows.find((candidate) => candidate.path?.endsWith(`/${row.path}`));
    expect(shown, row.path).toBeDefined();
    expect(shownCells(shown as RowSnapshot, row.cells), row.path).toEqual(row.cells);
  }
  const totals = { 'lines-pct': percent };
  expect(shownCells(snapshot.totals[0], totals), 'total').toEqual(totals);
});

// cargo-llvm-cov's lcov names each function by its mangled v0 symbol, once per test binary.
// The functions index shows them demangled, as the native test pins them
// (tests/fixtures/symbols/), and at 1,280 pixels its last column, Calls, sits inside the
// window with every count whole: no column is pushed past the table's right edge.
test('cargo-llvm-cov lcov: demangled function names, every column inside 1,280 pixels', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  await pickFiles(page, [fixturePath('llvmcov-semver', 'lcov.info')]);
  await expectReportSelected(page, 'lcov.info');
  await page.getByTestId('nav-functions').click();
  const rows = page.locator('[data-testid="region-row"]');
  await expect(rows.first()).toBeVisible();
  // display.rs's first function, in the library's two builds (the rows in view come first).
  for (const name of [
    '<semver::Version as core::fmt::Display>::fmt [b5668ebc024d02f2]',
    '<semver::Version as core::fmt::Display>::fmt [bfe32df1aa46d61b]',
  ]) {
    await expect(page.locator(`[data-testid="region-row"][data-name=${JSON.stringify(name)}]`)).toHaveCount(1);
  }
  const names = await rows.evaluateAll((shown) => shown.map((row) => row.getAttribute('data-name') ?? ''));
  expect(names.filter((name) => name.startsWith('_R') || name.startsWith('_ZN'))).toEqual([]);
  const calls = await page.locator('[data-testid="region-row"] [data-col="hits"]').evaluateAll((cells) =>
    cells.map((cell) => ({
      right: cell.getBoundingClientRect().right,
      whole: cell.scrollWidth <= cell.clientWidth,
      area: (cell.closest('.table-scroll') ?? document.body).getBoundingClientRect().right,
    })),
  );
  expect(calls.length).toBeGreaterThan(0);
  for (const cell of calls) {
    expect(cell.right).toBeLessThanOrEqual(Math.min(1280, cell.area));
    expect(cell.whole).toBe(true);
  }
});
