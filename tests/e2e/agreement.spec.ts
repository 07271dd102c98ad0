// Same run, two formats (the agreement view) and combining runs, through the page.
// Every expected value is read here from the fixture files themselves: BRDA records and
// Cobertura condition-coverage counted, coverage.py's own combined `report -m` table.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import {
  test,
  expect,
  openApp,
  pickFiles,
  q,
  expectReportSelected,
  expectTableMatchesReport,
  reportItem,
} from './fixtures';
import { fixturePath, parseReportText } from './report';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

const agreementRows = (page: Page): Locator => page.locator('[data-testid="agreement-row"]');
const agreementRow = (page: Page, path: string): Locator =>
  page.locator(`[data-testid="agreement-row"][data-path=${q(path)}]`);

/** Branch outcomes per file of an lcov tracefile: [taken, total] from its BRDA records. */
function lcovBranches(text: string): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  let current: [number, number] = [0, 0];
  for (const line of text.split('\n')) {
    if (line.startsWith('SF:')) {
      current = [0, 0];
      out.set(line.slice(3).trim(), current);
    } else if (line.startsWith('BRDA:')) {
      const taken = line.trim().split(',')[3];
      current[1] += 1;
      if (taken !== '-' && taken !== '0') current[0] += 1;
    }
  }
  return out;
}

/** Branches per class file name of a Cobertura report: the sums of condition-coverage. */
function coberturaBranches(text: string): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const match of text.matchAll(/<class [^>]*filename="([^"]*)"[\s\S]*?<\/class>/g)) {
    const sum: [number, number] = [0, 0];
    for (const cc of match[0].matchAll(/condition-coverage="\d+% \((\d+)\/(\d+)\)"/g)) {
      sum[0] += Number(cc[1]);
      sum[1] += Number(cc[2]);
    }
    out.set(match[1], sum);
  }
  return out;
}

/** Chooses a report by its name in one of the agreement view's pickers. */
async function pickReport(page: Page, picker: 'agreement-left' | 'agreement-right', name: string): Promise<void> {
  const select = page.getByTestId(picker);
  const options = await select.locator('option').evaluateAll((list) =>
    list.map((option) => ({ value: option.getAttribute('value'), text: option.textContent ?? '' })),
  );
  const option = options.find((candidate) => candidate.text.startsWith(`${name} (`));
  expect(option, `${name} is offered`).toBeTruthy();
  await select.selectOption(option!.value!);
}

async function showAgreement(page: Page): Promise<void> {
  await page.getByTestId('nav-agree').click();
  await expect(page.getByTestId('nav-agree')).toHaveAttribute('aria-current', 'page');
}

test('Jest lcov and Cobertura of one run: equal lines everywhere, Cobertura short of the branches on lines without statements', async ({
  page,
}) => {
  const lcovPath = fixturePath('jest-commander', 'lcov.info');
  const coberturaPath = fixturePath('jest-commander', 'cobertura-coverage.xml');
  const lcov = lcovBranches(readFileSync(lcovPath, 'utf8'));
  const cobertura = coberturaBranches(readFileSync(coberturaPath, 'utf8'));
  expect([...lcov.keys()].sort()).toEqual([...cobertura.keys()].sort());

  await openApp(page);
  await pickFiles(page, [lcovPath, coberturaPath]);
  await expect(reportItem(page, 'lcov.info')).toBeVisible();
  await expect(reportItem(page, 'cobertura-coverage.xml')).toBeVisible();
  await showAgreement(page);
  await pickReport(page, 'agreement-left', 'lcov.info');
  await pickReport(page, 'agreement-right', 'cobertura-coverage.xml');

  await expect(agreementRows(page)).toHaveCount(lcov.size);
  let differing = 0;
  for (const [path, [taken, total]] of lcov) {
    const [coberturaTaken, coberturaTotal] = cobertura.get(path)!;
    const row = agreementRow(page, path);
    if (taken === coberturaTaken && total === coberturaTotal) {
      await expect(row).toHaveAttribute('data-agree', 'yes');
      continue;
    }
    differing += 1;
    await expect(row).toHaveAttribute('data-agree', 'no');
    await expect(row).toHaveAttribute('data-causes', 'cobertura-drops-branches');
    await expect(row.locator('[data-col="reason"]')).toContainText(
      `branches counted: ${taken} of ${total} in lcov.info, ${coberturaTaken} of ${coberturaTotal} in cobertura-coverage.xml`,
    );
    await expect(row.locator('[data-col="reason"]')).toContainText('branches that start on a line without a statement');
  }
  expect(differing).toBeGreaterThan(0);

  mkdirSync(ARTIFACTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `${ARTIFACTS}agreement-${theme}.png`, fullPage: true });
  }
});

test('Jest babel against V8: every file differs, explained by V8 counting physical lines', async ({ page }) => {
  await openApp(page);
  const babel = fixturePath('jest-commander', 'coverage-final.json');
  const v8Bytes = readFileSync(fixturePath('jest-v8-commander', 'coverage-final.json'));
  const files = Object.keys(JSON.parse(readFileSync(babel, 'utf8')) as Record<string, unknown>);
  await pickFiles(page, [babel]);
  await expect(reportItem(page, 'coverage-final.json')).toBeVisible();
  await pickFiles(page, [{ name: 'v8-coverage-final.json', mimeType: 'application/json', buffer: v8Bytes }]);
  await expect(reportItem(page, 'v8-coverage-final.json')).toBeVisible();
  await showAgreement(page);
  await pickReport(page, 'agreement-left', 'coverage-final.json');
  await pickReport(page, 'agreement-right', 'v8-coverage-final.json');
  await expect(agreementRows(page)).toHaveCount(files.length);
  for (const path of files) {
    const row = agreementRow(page, path);
    await expect(row).toHaveAttribute('data-agree', 'no');
    await expect(row).toHaveAttribute('data-causes', 'v8-every-line');
    await expect(row.locator('[data-col="reason"]')).toContainText('measured only in v8-coverage-final.json');
  }
});

test('two shards combine into a new report equal to coverage.py combine of the same runs', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [fixturePath('toolz', 'shards', 'shard-a.json'), fixturePath('toolz', 'shards', 'shard-b.json')]);
  await expect(reportItem(page, 'shard-a.json')).toBeVisible();
  await expect(reportItem(page, 'shard-b.json')).toBeVisible();
  await page.getByTestId('combine-panel').locator('summary').click();
  const combine = page.getByTestId('combine-button');
  await page.locator('[data-testid="combine-choice"][data-name="shard-a.json"]').check();
  await expect(combine).toBeDisabled();
  await page.locator('[data-testid="combine-choice"][data-name="shard-b.json"]').check();
  await expect(combine).toBeEnabled();
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `${ARTIFACTS}combine-${theme}.png` });
  }
  await combine.click();
  const name = 'combined: shard-a.json + shard-b.json';
  await expectReportSelected(page, name);
  await expect(reportItem(page, 'shard-a.json')).toBeVisible();
  const expected = parseReportText(readFileSync(fixturePath('toolz', 'shards', 'combined-report.txt'), 'utf8'));
  await expectTableMatchesReport(page, expected);
  await expect(reportItem(page, name)).toContainText(expected.total.coverage);
});

test('the demo holds a JavaScript and a Rust report next to toolz, each with its own table', async ({ page }) => {
  const demoFolder = fileURLToPath(new URL('../../demo/', import.meta.url));
  const demo = [
    { name: 'express-demo-c8.lcov.info', path: 'express-c8-lcov.info' },
    { name: 'semver-demo-llvm-cov.lcov.info', path: 'semver-llvm-cov-lcov.info' },
  ];
  await openApp(page);
  await expect(reportItem(page, 'toolz-demo-full-run.json')).toBeVisible();
  for (const { name, path } of demo) {
    const text = readFileSync(`${demoFolder}${path}`, 'utf8');
    const records = text.split('\n').filter((line) => line.startsWith('SF:')).length;
    const lines = text.split('\n').filter((line) => line.startsWith('DA:'));
    const hit = lines.filter((line) => Number(line.split(',')[1]) > 0).length;
    await reportItem(page, name).click();
    await expectReportSelected(page, name);
    await expect(page.locator('[data-testid="coverage-table"] [data-testid="file-row"]')).toHaveCount(records);
    const totals = page.locator('[data-testid="coverage-table"] [data-testid="totals-row"]');
    await expect(totals.locator('[data-col="lines-covered"]')).toHaveText(String(hit));
    await expect(totals.locator('[data-col="lines-total"]')).toHaveText(String(lines.length));
  }
});

test('from the comparison, coverage.json and coverage.xml of one toolz run agree on every file', async ({ page }) => {
  const jsonPath = fixturePath('toolz', 'coverage.json');
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as { files: Record<string, { excluded_lines: number[] }> };
  await openApp(page);
  await pickFiles(page, [jsonPath, fixturePath('toolz', 'coverage.xml')]);
  await expect(reportItem(page, 'coverage.json')).toBeVisible();
  await expect(reportItem(page, 'coverage.xml')).toBeVisible();
  await page.getByTestId('nav-compare').click();
  await page.getByTestId('compare-to-agreement').click();
  await expect(page.getByTestId('nav-agree')).toHaveAttribute('aria-current', 'page');
  const paths = Object.keys(json.files);
  await expect(agreementRows(page)).toHaveCount(paths.length);
  for (const path of paths) {
    const row = agreementRow(page, path);
    await expect(row).toHaveAttribute('data-agree', 'yes');
    const excluded = json.files[path].excluded_lines.length;
    await expect(row).toHaveAttribute('data-causes', excluded > 0 ? 'coverage-py-excluded' : '');
    if (excluded > 0) {
      await expect(row.locator('[data-col="reason"]')).toContainText(
        `${excluded} excluded ${excluded === 1 ? 'line' : 'lines'} listed only in coverage.json`,
      );
    }
  }
});

// At 1,280 pixels the demo's pair (two toolz runs) fits its table: the longest path,
// toolz/curried/exceptions.py, once ran on into the Verdict column. No cell's text reaches
// past its cell, and a path keeps its whole text as the row heading's title.
test('at 1,280 pixels every cell of the demo agreement holds its text, paths and figures whole', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page);
  await page.getByRole('button', { name: 'Agreement' }).click();
  const row = agreementRow(page, 'toolz/curried/exceptions.py');
  await expect(row).toBeVisible();
  await expect(row.locator('th')).toHaveAttribute('title', 'toolz/curried/exceptions.py');
  await expect(row.locator('th')).toHaveText('toolz/curried/exceptions.py');
  const overflowing = await page.getByTestId('agreement-table').evaluate((table) =>
    [...table.querySelectorAll('tbody th, tbody td')]
      .filter((cell) => cell.scrollWidth > cell.clientWidth)
      .map((cell) => `${cell.getAttribute('data-col') ?? 'path'}: ${cell.textContent}`),
  );
  expect(overflowing).toEqual([]);
});
