// The code views: a report and its source folder, a file opened from the table with every
// line marked, the miss keys, the branch sentences; the folder tree with its totals; the
// functions index leading to a line; the tests that ran each line (coverage.py contexts).
// Expected figures come from coverage.py's own files: report.txt (`coverage report -m`)
// and coverage.json / coverage-contexts.json (its line, arc, region and context data).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, openApp, pickFiles, expectReportSelected, fileRow, q } from './fixtures';
import { fixturePath, parseReportText } from './report';

const SOURCES = fileURLToPath(new URL('./data/toolz-1.2.0/', import.meta.url));
const SHOTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const report = JSON.parse(readFileSync(fixturePath('toolz', 'coverage.json'), 'utf8'));
const functoolz = report.files['toolz/functoolz.py'];

const sourceView = (page: Page) => page.getByTestId('source-view');
const sourceLine = (page: Page, line: number) =>
  sourceView(page).locator(`[data-testid="source-line"][data-line="${line}"]`);
const chosenLine = (page: Page) => sourceView(page).locator('[data-testid="source-line"][aria-selected="true"]');

async function loadReportAndSources(page: Page, reportFile = fixturePath('toolz', 'coverage.json')) {
  await openApp(page);
  await pickFiles(page, [reportFile]);
  await expectReportSelected(page, 'coverage.json');
  await page.getByTestId('folder-input').setInputFiles(SOURCES);
}

async function openFunctoolz(page: Page) {
  await fileRow(page, 'toolz/functoolz.py').getByTestId('open-source').click();
  await expect(sourceView(page)).toHaveAttribute('data-path', 'toolz/functoolz.py');
  await expect(sourceLine(page, 1)).toBeVisible();
}

test('a file opened from the table shows every line marked as coverage.py measured it', async ({ page }) => {
  await loadReportAndSources(page);
  await openFunctoolz(page);
  // Every line in view carries the mark of the report's own line data.
  const missing = new Set<number>(functoolz.missing_lines);
  const executed = new Set<number>(functoolz.executed_lines);
  const partial = new Set<number>(functoolz.missing_branches.map((arc: number[]) => arc[0]));
  const excluded = new Set<number>(functoolz.excluded_lines);
  const rendered = await sourceView(page).locator('[data-testid="source-line"]').evaluateAll((rows) =>
    rows.map((row) => ({
      line: Number(row.getAttribute('data-line')),
      status: row.getAttribute('data-status'),
      hits: row.getAttribute('data-hits'),
    })),
  );
  expect(rendered.length).toBeGreaterThan(20);
  // Only the lines in view exist: the file has 1,141 lines.
  expect(rendered.length).toBeLessThan(200);
  for (const { line, status, hits } of rendered) {
    const expected = excluded.has(line)
      ? 'excluded'
      : missing.has(line)
      ? 'miss'
      : executed.has(line)
        ? partial.has(line)
          ? 'partial'
          : 'run'
        : 'none';
    expect(status, `line ${line}`).toBe(expected);
    // coverage.py counts no hits, so no line carries any.
    expect(hits, `line ${line}`).toBeNull();
  }

  // The colours come from the highlighter, loaded only now.
  await expect(sourceView(page)).toHaveAttribute('data-highlighted', 'true', { timeout: 30_000 });

  // n jumps to the first missed or partly run line, then the next; p goes back.
  await page.keyboard.press('n');
  await expect(chosenLine(page)).toHaveAttribute('data-line', '10');
  await expect(chosenLine(page)).toHaveAttribute('data-status', 'partial');
  await expect(page.getByTestId('branch-note')).toHaveText(['line 10 never jumped to line 11']);
  await page.keyboard.press('n');
  await expect(chosenLine(page)).toHaveAttribute('data-line', '11');
  await expect(chosenLine(page)).toHaveAttribute('data-status', 'miss');
  await page.keyboard.press('p');
  await expect(chosenLine(page)).toHaveAttribute('data-line', '10');
  // Far down the file: the view scrolls there and renders the lines around it.
  for (const expected of ['11', '74', '113', '355', '593', '597']) {
    await page.keyboard.press('n');
    await expect(chosenLine(page)).toHaveAttribute('data-line', expected);
    if (expected === '355') {
      // Lines coverage.py excluded (`# pragma: no cover`) are marked so, and are no misses.
      for (const line of [352, 353]) {
        expect(functoolz.excluded_lines).toContain(line);
        await expect(sourceLine(page, line)).toHaveAttribute('data-status', 'excluded');
      }
    }
  }
  await expect(chosenLine(page)).toHaveAttribute('data-status', 'miss');
  await expect(chosenLine(page)).toBeInViewport();
  await page.keyboard.press('p');
  await expect(chosenLine(page)).toHaveAttribute('data-line', '593');
  await expect(page.getByTestId('branch-note')).toHaveText(['line 593 never jumped to line 597']);
  // An exit arc names the function the line never returned from.
  await sourceLine(page, 593).click();
  await expect(chosenLine(page)).toHaveAttribute('data-line', '593');
  await page.keyboard.press('p');
  await expect(chosenLine(page)).toHaveAttribute('data-line', '355');
  await page.keyboard.press('p');
  await expect(chosenLine(page)).toHaveAttribute('data-line', '113');
  await expect(page.getByTestId('branch-note')).toHaveText([/^line 113 never returned from /]);

  // The address follows: the chosen line is part of the view it records.
  await page.waitForFunction(() => location.hash.length > 1);
});

test('the first view fetches no highlighter; the first source view loads it', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await loadReportAndSources(page);
  await expect(page.getByTestId('coverage-table')).toBeVisible();
  const isHighlighter = (path: string) => /highlight/.test(path);
  expect(fetched.filter(isHighlighter)).toEqual([]);
  // The app's module (and the parser's, for the report) came; the highlighter's did not.
  expect(fetched.filter((path) => path.endsWith('.wasm')).length).toBeGreaterThan(0);
  await openFunctoolz(page);
  await expect(sourceView(page)).toHaveAttribute('data-highlighted', 'true', { timeout: 30_000 });
  expect(fetched.filter(isHighlighter).map((path) => path.replace(/^.*\//, '')).sort()).toEqual([
    'covscope-highlight.js',
    'covscope-highlight_bg.wasm',
    'highlight-worker.js',
  ]);
});

test('the folder tree opens folders with the sums coverage.py prints', async ({ page }) => {
  await loadReportAndSources(page);
  await page.getByTestId('nav-tree').click();
  const printed = parseReportText(readFileSync(fixturePath('toolz', 'report.txt'), 'utf8'));
  const folder = page.locator(`[data-testid="tree-node"][data-path="toolz"]`);
  await expect(folder).toHaveAttribute('aria-expanded', 'false');
  // The toolz folder holds every file, so its figures are coverage.py's TOTAL row.
  for (const [col, value] of Object.entries({
    statements: printed.total.statements,
    missing: printed.total.missing,
    branches: printed.total.branches,
    partial: printed.total.partial,
    coverage: printed.total.coverage.replace('%', ''),
  })) {
    await expect(folder.locator(`[data-col=${q(col)}]`).first()).toContainText(String(value));
  }
  await folder.click();
  await expect(folder).toHaveAttribute('aria-expanded', 'true');
  // A sub-folder's sums are those of its files' rows.
  const curried = printed.rows.filter((row) => row.name.startsWith('toolz/curried/'));
  const sum = (key: 'statements' | 'missing') => curried.reduce((total, row) => total + Number(row[key]), 0);
  const curriedNode = page.locator(`[data-testid="tree-node"][data-path="toolz/curried"]`);
  await expect(curriedNode.locator('[data-col="statements"]')).toHaveText(String(sum('statements')));
  await expect(curriedNode.locator('[data-col="missing"]')).toHaveText(String(sum('missing')));
  await expect(curriedNode).toHaveAttribute('aria-expanded', 'false');
  // The keyboard opens it: Right on the focused folder.
  await curriedNode.click();
  await expect(curriedNode).toHaveAttribute('aria-expanded', 'true');
  await curriedNode.press('ArrowLeft');
  await expect(curriedNode).toHaveAttribute('aria-expanded', 'false');
  await curriedNode.press('ArrowRight');
  await expect(curriedNode).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('[data-testid="tree-file"][data-path="toolz/curried/operator.py"]')).toBeVisible();

  // The treemap draws the same tree, and a file's rectangle opens its source.
  await page.getByTestId('show-treemap').check();
  await expect(page.getByTestId('treemap')).toBeVisible();
  await page.locator('[data-testid="treemap-cell"][data-path="toolz/functoolz.py"]').click();
  await expect(sourceView(page)).toHaveAttribute('data-path', 'toolz/functoolz.py');
});

test('the functions index sorts by coverage and leads to a function’s first line', async ({ page }) => {
  await loadReportAndSources(page);
  await page.getByTestId('nav-functions').click();
  // Sorted by coverage, the rows in view climb from the least covered.
  await page.getByTestId('region-sort-coverage').click();
  await expect(page.getByTestId('region-sort-coverage')).toHaveAttribute('aria-sort', 'ascending');
  const percents = await page
    .locator('[data-testid="region-row"] [data-col="coverage"]')
    .evaluateAll((cells) => cells.map((cell) => Number.parseFloat(cell.textContent ?? '')));
  expect(percents.length).toBeGreaterThan(10);
  expect(percents).toEqual([...percents].sort((a, b) => a - b));
  const lowest = Math.min(
    ...Object.values(report.files as Record<string, { functions: Record<string, { summary: { percent_covered: number } }> }>)
      .flatMap((file) => Object.values(file.functions))
      .map((region) => region.summary.percent_covered),
  );
  expect(percents[0]).toBeCloseTo(lowest, 0);
  await page.getByTestId('region-sort-coverage').click();
  await expect(page.getByTestId('region-sort-coverage')).toHaveAttribute('aria-sort', 'descending');
  await page.getByTestId('region-filter').fill('Compose.__call__');
  const row = page.locator(`[data-testid="region-row"][data-name="Compose.__call__"][data-path="toolz/functoolz.py"]`);
  await expect(row).toBeVisible();
  const region = functoolz.functions['Compose.__call__'];
  await expect(row.locator('[data-col="statements"]')).toHaveText(String(region.summary.num_statements));
  await expect(row.locator('[data-col="coverage"]')).toContainText(region.summary.percent_covered_display);
  await row.getByTestId('open-source').click();
  await expect(sourceView(page)).toHaveAttribute('data-path', 'toolz/functoolz.py');
  await expect(chosenLine(page)).toHaveAttribute('data-line', String(region.start_line));
  await expect(chosenLine(page)).toBeInViewport();
});

test('each run line lists the tests that ran it, read when the source opens', async ({ page }) => {
  const contexts = gunzipSync(readFileSync(fixturePath('toolz', 'coverage-contexts.json.gz')));
  await openApp(page);
  await pickFiles(page, [{ name: 'coverage.json', mimeType: 'application/json', buffer: contexts }]);
  await expectReportSelected(page, 'coverage.json', 60_000);
  await page.getByTestId('folder-input').setInputFiles(SOURCES);
  const data = JSON.parse(contexts.toString('utf8')).files['toolz/functoolz.py'].contexts as Record<string, string[]>;
  const byLine = new Map<number, string[]>(
    Object.entries(data).map(([line, labels]) => [Number(line), [...new Set(labels.filter((label) => label))]]),
  );
  const tests = [...new Set([...byLine.values()].flat())].sort();
  const single = [...byLine.entries()].filter(([, labels]) => labels.length === 1).map(([line]) => line);
  await openFunctoolz(page);
  const panel = page.getByTestId('contexts-panel');
  await expect(panel.getByTestId('context-test')).toHaveCount(tests.length);
  await expect(panel.getByTestId('single-test-lines')).toHaveAttribute('data-count', String(single.length));
  // A line's tests, as the report lists them.
  const line = 27;
  await sourceLine(page, line).click();
  await expect(page.getByTestId('line-test')).toHaveText([...(byLine.get(line) ?? [])].sort());
  // One click shows the lines one test reached.
  const test0 = tests[0];
  await panel.locator(`[data-testid="context-test"][data-test=${q(test0)}]`).click();
  const reached = [...byLine.entries()].filter(([, labels]) => labels.includes(test0)).length;
  await expect(panel.getByTestId('test-lines')).toHaveAttribute('data-count', String(reached));
});

test('a chosen line travels in the shared link and opens there again', async ({ page, browser }) => {
  await loadReportAndSources(page);
  await openFunctoolz(page);
  const line = 27;
  await sourceLine(page, line).click();
  await expect(chosenLine(page)).toHaveAttribute('data-line', String(line));
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#v1\./);

  // A fresh browser opens the link: the same file, the same line chosen, once its
  // source is dropped there too.
  const context = await browser.newContext();
  const other = await context.newPage();
  const problems: string[] = [];
  other.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  other.on('pageerror', (error) => problems.push(String(error)));
  await other.goto(link);
  await expect(sourceView(other)).toHaveAttribute('data-path', 'toolz/functoolz.py', { timeout: 30_000 });
  await other.getByTestId('folder-input').setInputFiles(SOURCES);
  await expect(chosenLine(other)).toHaveAttribute('data-line', String(line));
  await expect(chosenLine(other)).toBeInViewport();
  expect(problems).toEqual([]);
  await context.close();
});

test('a source that does not fit the report is called stale, with no marks', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [fixturePath('toolz', 'coverage.json')]);
  await expectReportSelected(page, 'coverage.json');
  // The first 100 lines of functoolz.py: the report marks lines far beyond its end.
  const text = readFileSync(`${SOURCES}toolz/functoolz.py`, 'utf8').split('\n').slice(0, 100).join('\n');
  await pickFiles(page, [{ name: 'functoolz.py', mimeType: 'text/x-python', buffer: Buffer.from(text) }]);
  await fileRow(page, 'toolz/functoolz.py').getByTestId('open-source').click();
  await expect(sourceView(page)).toHaveAttribute('data-path', 'toolz/functoolz.py');
  await expect(page.getByTestId('source-stale')).toContainText(/may be stale.*line \d+/);
  await expect(sourceView(page).locator('[data-testid="source-line"]')).toHaveCount(0);
});

test('screenshots of the code views, light and dark', async ({ page }) => {
  await loadReportAndSources(page);
  for (const theme of ['light', 'dark']) {
    await page.evaluate((value) => document.documentElement.setAttribute('data-theme', value), theme);
    await page.getByTestId('nav-tree').click();
    const folder = page.locator(`[data-testid="tree-node"][data-path="toolz"]`);
    if ((await folder.getAttribute('aria-expanded')) === 'false') await folder.click();
    const treemap = page.getByTestId('show-treemap');
    if (!(await treemap.isChecked())) await treemap.check();
    await page.screenshot({ path: `${SHOTS}tree-${theme}.png` });
    await page.getByTestId('nav-functions').click();
    await expect(page.locator('[data-testid="region-row"]').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}functions-${theme}.png` });
    await page.getByTestId('nav-table').click();
    await openFunctoolz(page);
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await expect(chosenLine(page)).toHaveAttribute('data-line', '355');
    await page.screenshot({ path: `${SHOTS}source-${theme}.png` });
  }
});
