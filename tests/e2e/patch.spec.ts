// Patch coverage in the browser: toolz's coverage.json of the 1.2.0 run and the real
// 1.0.0 → 1.2.0 release diff. Every expected figure comes from diff-cover's own JSON
// report on the same diff (tests/fixtures/patch/toolz/*.diff-cover.json, the values the
// native tests in tests/patch_coverage.rs hold the core to) or from genhtml's categories
// (*.genhtml-categories.tsv), never from Covscope.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openApp, dropFiles, loadError, rowCells, q, selectedLabel } from './fixtures';
import { fixtureFile, type FilePayload } from './report';

const PATCH_FIXTURES = fileURLToPath(new URL('../fixtures/patch/', import.meta.url));
const TOOLZ_SOURCES = fileURLToPath(new URL('./data/toolz-1.2.0/', import.meta.url));
const MALFORMED = fileURLToPath(new URL('../fixtures/malformed/diff/', import.meta.url));
const DIFF = 'toolz-1.0.0-to-1.2.0.git.diff';
const FUNCTOOLZ = 'toolz/functoolz.py';

interface DiffCoverFile {
  percent_covered: number;
  violation_lines: number[];
  covered_lines: number[];
}
interface DiffCoverReport {
  src_stats: Record<string, DiffCoverFile>;
  total_num_lines: number;
  total_num_violations: number;
  total_percent_covered: number;
}

const diffCover = JSON.parse(
  readFileSync(`${PATCH_FIXTURES}toolz/toolz-1.0.0-to-1.2.0.git.diff-cover.json`, 'utf8'),
) as DiffCoverReport;

const payload = (path: string, name: string, mimeType = 'text/x-diff'): FilePayload => ({
  name,
  mimeType,
  buffer: readFileSync(path),
});
const currentReport = (): FilePayload => fixtureFile(['toolz', 'coverage.json']);
const releaseDiff = (): FilePayload => payload(`${PATCH_FIXTURES}toolz/${DIFF}`, DIFF);

const summary = (page: Page): Locator => page.getByTestId('patch-summary');
const patchFile = (page: Page, path: string): Locator =>
  page.locator(`[data-testid="patch-file"][data-path=${q(path)}]`);
const patchLine = (page: Page, path: string, line: number): Locator =>
  page.locator(`[data-testid="patch-line"][data-path=${q(path)}][data-line="${line}"]`);

/** diff-cover's per-file figure as its templates print it: round(x, 1), or 100. */
const diffCoverFigure = (percent: number): string => (percent >= 100 ? '100' : percent.toFixed(1));

async function loadReportAndDiff(page: Page): Promise<void> {
  await openApp(page);
  await dropFiles(page, [currentReport(), releaseDiff()]);
  // The first diff a person loads opens the patch view.
  await expect(page.getByTestId('nav-patch')).toHaveAttribute('aria-current', 'page');
  await expect(summary(page)).toBeVisible();
}

test('a dropped report and diff show diff-cover\'s patch coverage, per file and per line', async ({ page }) => {
  await loadReportAndDiff(page);
  const totals = await rowCells(summary(page));
  expect(totals['patch-total']).toBe(String(diffCover.total_num_lines));
  expect(totals['patch-covered']).toBe(String(diffCover.total_num_lines - diffCover.total_num_violations));
  expect(totals['patch-pct']).toBe(String(diffCover.total_percent_covered));
  // 77% is below nothing but the default 80% target.
  await expect(summary(page)).toHaveAttribute('data-verdict', 'target-missed');

  // Every file diff-cover reports, with its figure and counts.
  for (const [path, stats] of Object.entries(diffCover.src_stats)) {
    const cells = await rowCells(patchFile(page, path));
    const measured = stats.covered_lines.length + stats.violation_lines.length;
    expect(cells, path).toEqual({
      'patch-covered': String(stats.covered_lines.length),
      'patch-total': String(measured),
      'patch-pct': diffCoverFigure(stats.percent_covered),
    });
  }
  // Each added line diff-cover calls a violation is missed, each covered line covered.
  const functoolz = diffCover.src_stats[FUNCTOOLZ];
  for (const line of functoolz.violation_lines) {
    await expect(patchLine(page, FUNCTOOLZ, line)).toHaveAttribute('data-status', 'missed');
  }
  for (const line of functoolz.covered_lines) {
    await expect(patchLine(page, FUNCTOOLZ, line)).toHaveAttribute('data-status', 'covered');
  }
  const missedInPage = await page
    .locator(`[data-testid="patch-line"][data-status="missed"]`)
    .evaluateAll((lines) => lines.map((line) => `${line.getAttribute('data-path')}:${line.getAttribute('data-line')}`));
  const missedByDiffCover = Object.entries(diffCover.src_stats).flatMap(([path, stats]) =>
    stats.violation_lines.map((line) => `${path}:${line}`),
  );
  expect(missedInPage.sort()).toEqual(missedByDiffCover.sort());
  // A test file the run does not measure: its added lines are not code, as diff-cover has it.
  const testFile = 'toolz/tests/test_functoolz.py';
  expect(diffCover.src_stats[testFile]).toBeUndefined();
  await expect(patchFile(page, testFile).locator('[data-testid="patch-line"]').first()).toHaveAttribute(
    'data-status',
    'not-code',
  );
  await expect(page.locator(`[data-testid="patch-missed-file"][data-path=${q(FUNCTOOLZ)}]`)).toContainText(
    '11,597-598,607-610',
  );

  // A lower target turns the verdict, and the target is remembered.
  await page.getByTestId('patch-threshold').fill('75');
  await page.getByTestId('patch-threshold').dispatchEvent('change');
  await expect(summary(page)).toHaveAttribute('data-verdict', 'target-met');
  await page.reload();
  await dropFiles(page, [currentReport(), releaseDiff()]);
  await expect(page.getByTestId('patch-threshold')).toHaveValue('75');
  await expect(summary(page)).toHaveAttribute('data-verdict', 'target-met');
});


test('a missed added line opens the source view at that line, with the sources loaded', async ({ page }) => {
  await loadReportAndDiff(page);
  await page.getByTestId('folder-input').setInputFiles(TOOLZ_SOURCES);
  const missed = page.locator(`[data-testid="patch-missed-file"][data-path=${q(FUNCTOOLZ)}]`);
  // diff-cover's second violation range of functoolz.py starts at line 597.
  const firstOfRange = diffCover.src_stats[FUNCTOOLZ].violation_lines[1];
  await missed.locator(`[data-testid="patch-missed-range"][data-line="${firstOfRange}"]`).click();
  await expect(page.getByTestId('nav-source')).toHaveAttribute('aria-current', 'page');
  const sourceView = page.getByTestId('source-view');
  await expect(sourceView).toHaveAttribute('data-path', FUNCTOOLZ);
  const chosen = sourceView.locator('[data-testid="source-line"][aria-selected="true"]');
  await expect(chosen).toHaveAttribute('data-line', String(firstOfRange));
  // The line the patch adds and its tests never ran is a miss in the report too.
  await expect(chosen).toHaveAttribute('data-status', 'miss');
});
test('the markdown export is the pull-request comment, and the CSV lists every changed file', async ({ page }) => {
  await loadReportAndDiff(page);
  const markdown = await page.getByTestId('patch-markdown').inputValue();
  const covered = diffCover.total_num_lines - diffCover.total_num_violations;
  expect(markdown).toContain(
    `Patch coverage of \`${DIFF}\` against \`coverage.json\`: **${diffCover.total_percent_covered}%** ` +
      `(${covered} of ${diffCover.total_num_lines} added lines that are code ran; ${diffCover.total_num_violations} missed).`,
  );
  const functoolz = diffCover.src_stats[FUNCTOOLZ];
  expect(markdown).toContain(
    `| \`${FUNCTOOLZ}\` | ${functoolz.covered_lines.length} | ${functoolz.violation_lines.length} | ` +
      `${diffCoverFigure(functoolz.percent_covered)}% | 11,597-598,607-610,631-634,637,640-643,649 |`,
  );

  const downloadingMarkdown = page.waitForEvent('download');
  await page.getByTestId('patch-download-markdown').click();
  const markdownDownload = await downloadingMarkdown;
  expect(markdownDownload.suggestedFilename()).toBe('patch-coverage-toolz-1.0.0-to-1.2.0.git.md');
  expect(readFileSync(await markdownDownload.path(), 'utf8')).toBe(markdown);

  const downloadingCsv = page.waitForEvent('download');
  await page.getByTestId('patch-download-csv').click();
  const csv = readFileSync(await (await downloadingCsv).path(), 'utf8').split('\r\n');
  expect(csv[0]).toBe('path,change,report_path,covered,missed,not_code,uncertain,coverage,missed_lines,note');
  const functoolzLine = csv.find((line) => line.startsWith(`${FUNCTOOLZ},`));
  expect(functoolzLine).toContain(
    `,${functoolz.covered_lines.length},${functoolz.violation_lines.length},`,
  );
  const total = csv.find((line) => line.startsWith('TOTAL,'))?.split(',') ?? [];
  expect([total[3], total[4], total[7]]).toEqual([
    String(covered),
    String(diffCover.total_num_violations),
    String(diffCover.total_percent_covered),
  ]);
});

test('with a baseline report, each file shows genhtml\'s differential categories', async ({ page }) => {
  await loadReportAndDiff(page);
  await dropFiles(page, [
    payload(`${PATCH_FIXTURES}toolz/baseline-1.0.0/coverage.json`, 'baseline-1.0.0.json', 'application/json'),
  ]);
  // The dropped report is selected once it is loaded, which would undo a choice made
  // before; so its arrival is awaited first. Then measure against the 1.2.0 run, from
  // the 1.0.0 one.
  await expect(page.locator('[data-testid="report-item"][data-name="baseline-1.0.0.json"]')).toBeVisible();
  await page.getByTestId('patch-report').selectOption({ label: 'coverage.json' });
  await page.getByTestId('patch-baseline').selectOption({ label: 'baseline-1.0.0.json' });
  expect(await selectedLabel(page.getByTestId('patch-report'))).toBe('coverage.json');
  const genhtml = readFileSync(`${PATCH_FIXTURES}toolz/toolz-1.0.0-to-1.2.0.genhtml-categories.tsv`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([, kind]) => kind === 'file')
    .map(([path, , json]) => ({ path, line: (JSON.parse(json) as { line: Record<string, number> }).line }));
  expect(genhtml.length).toBeGreaterThan(10);
  for (const { path, line } of genhtml) {
    const row = page.locator(`[data-testid="differential-file"][data-path=${q(path)}]`);
    const cells = await rowCells(row);
    for (const category of ['UNC', 'LBC', 'UIC', 'UBC', 'GBC', 'GIC', 'GNC', 'CBC']) {
      const expected = line[category] ?? 0;
      const shown = cells[category.toLowerCase()];
      expect(shown === undefined || shown === '' ? 0 : Number(shown), `${path} ${category}`).toBe(expected);
    }
  }
});

test('a diff over a megabyte is parsed in the worker and gives the same figures', async ({ page }) => {
  // The release diff followed by a new file of 400,000 added lines that no report measures:
  // diff-cover's figures are those of the release diff alone.
  const generatedLines = 400_000;
  const generated =
    `diff --git a/generated/data.txt b/generated/data.txt\nnew file mode 100644\n--- /dev/null\n` +
    `+++ b/generated/data.txt\n@@ -0,0 +1,${generatedLines} @@\n` +
    '+x\n'.repeat(generatedLines);
  const big: FilePayload = {
    name: 'big.diff',
    mimeType: 'text/x-diff',
    buffer: Buffer.concat([readFileSync(`${PATCH_FIXTURES}toolz/${DIFF}`), Buffer.from(generated)]),
  };
  expect(big.buffer.length).toBeGreaterThan(1024 * 1024);
  await openApp(page);
  await dropFiles(page, [currentReport(), big]);
  await expect(page.getByTestId('nav-patch')).toHaveAttribute('aria-current', 'page');
  const totals = await rowCells(summary(page));
  expect(totals['patch-total']).toBe(String(diffCover.total_num_lines));
  expect(totals['patch-pct']).toBe(String(diffCover.total_percent_covered));
  // The worker posted it: its load measure carries the worker's memory.
  const measures = await page.evaluate(() =>
    performance
      .getEntriesByName('covscope:load')
      .map((entry) => (entry as PerformanceMeasure).detail as { fileName: string; workerMemoryBytes: number | null }),
  );
  const bigMeasure = measures.find((measure) => measure.fileName === 'big.diff');
  expect(bigMeasure?.workerMemoryBytes ?? 0).toBeGreaterThan(0);
  // Over 20,000 added lines, only the missed ones get an element each.
  await expect(page.locator('[data-testid="patch-line"][data-path="generated/data.txt"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="patch-line"][data-status="missed"]')).toHaveCount(
    diffCover.total_num_violations,
  );
  await expect(page.locator('[data-testid="patch-line"][data-status="covered"]')).toHaveCount(0);
});

test('a malformed diff names the file and loses nothing; a truncated one is read with a warning', async ({ page }) => {
  await loadReportAndDiff(page);
  await dropFiles(page, [payload(`${MALFORMED}binary-garbage.bin`, 'garbage.diff', 'application/octet-stream')]);
  await expect(loadError(page, 'garbage.diff')).toContainText('binary');
  // The report and diff loaded before are still shown, with the same figures.
  expect((await rowCells(summary(page)))['patch-pct']).toBe(String(diffCover.total_percent_covered));

  await dropFiles(page, [payload(`${MALFORMED}truncated-hunk.diff`, 'truncated-hunk.diff')]);
  // The release diff is selected until the dropped one has loaded, so the selection is
  // waited for: read at once, it failed a fresh-clone CI run with the release diff's name.
  await expect.poll(() => selectedLabel(page.getByTestId('patch-select'))).toBe('truncated-hunk.diff');
  await expect(page.getByTestId('patch-warning')).toContainText('fewer lines than its header states');
  // Back to the release diff: still there.
  await page.getByTestId('patch-select').selectOption({ label: DIFF });
  await expect
    .poll(async () => (await rowCells(summary(page)))['patch-pct'])
    .toBe(String(diffCover.total_percent_covered));
});

test('the share link carries the diff and opens on the same patch coverage', async ({ page, context }) => {
  await loadReportAndDiff(page);
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').evaluate((element) =>
    element instanceof HTMLInputElement ? element.value : (element as HTMLAnchorElement).href,
  );
  expect(link).toContain('#v1.');
  const opened = await context.newPage();
  await opened.goto(link);
  await expect(opened.getByTestId('nav-patch')).toHaveAttribute('aria-current', 'page');
  const shownBefore = await rowCells(summary(page));
  await expect.poll(() => rowCells(summary(opened))).toEqual(shownBefore);
  await expect(patchLine(opened, FUNCTOOLZ, 597)).toHaveAttribute('data-status', 'missed');
  await opened.close();
});

test('the patch view in the light and the dark scheme, with a baseline', async ({ page }) => {
  const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
  mkdirSync(artifacts, { recursive: true });
  await loadReportAndDiff(page);
  await dropFiles(page, [
    payload(`${PATCH_FIXTURES}toolz/baseline-1.0.0/coverage.json`, 'baseline-1.0.0.json', 'application/json'),
  ]);
  // As above: the dropped report's arrival selects it, so it is awaited before choosing.
  await expect(page.locator('[data-testid="report-item"][data-name="baseline-1.0.0.json"]')).toBeVisible();
  await page.getByTestId('patch-report').selectOption({ label: 'coverage.json' });
  await page.getByTestId('patch-baseline').selectOption({ label: 'baseline-1.0.0.json' });
  await expect(page.locator('[data-testid="differential-totals"]')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${artifacts}patch-${scheme}.png`, fullPage: true });
    await summary(page).screenshot({ path: `${artifacts}patch-summary-${scheme}.png` });
  }
});
