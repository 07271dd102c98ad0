// Planning documents: a nested .planning folder loaded through the folder picker, the
// phases overview, the verification and plan readers, frontmatter warnings, hostile
// markdown, and the link from a document's file path to the coverage table.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  openApp,
  pickFiles,
  pickFolder,
  showView,
  openDocument,
  docItem,
  docItems,
  docView,
  phaseRow,
  reportItem,
  reportItems,
  coverageTable,
  fileRow,
} from './fixtures';
import { fixturePath } from './report';

const DATA = fileURLToPath(new URL('./data/', import.meta.url));
const PLANNING = join(DATA, 'planning-tree', '.planning');
const PHASE_12 = join(PLANNING, 'phases', '12-tier-1-coverage-push');
const PHASE_19 = join(PLANNING, 'phases', '19-coverage-push-and-bug-fixes');
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

const VERIFICATION = '12-tier-1-coverage-push-VERIFICATION.md';
const PLAN_01 = '12-tier-1-coverage-push-01-PLAN.md';
const PLAN_GAP_03 = '12-tier-1-coverage-push-GAP-03-PLAN.md';
const SUMMARY_01 = '12-tier-1-coverage-push-01-SUMMARY.md';
const PLAN_19_09 = '19-09-PLAN.md';
const GAP_REPORT_19 = '19-GAP-CLOSURE-REPORT.md';
const BROKEN_YAML = '19-10-PLAN.md';
const UNCLOSED = '19-scratch-notes.md';
const HOSTILE = 'hostile-notes.md';

/** Every markdown file of the fixture tree with the kind it must be shown as. */
const EXPECTED_KINDS: Record<string, string> = {
  [VERIFICATION]: 'verification',
  [PLAN_01]: 'plan',
  [PLAN_GAP_03]: 'plan',
  [SUMMARY_01]: 'summary',
  [PLAN_19_09]: 'plan',
  [GAP_REPORT_19]: 'other',
  [BROKEN_YAML]: 'plan',
  [UNCLOSED]: 'other',
  [HOSTILE]: 'other',
};

/** Markdown files found on disk under a folder (recursively), by file name. */
function markdownNames(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => entry.name)
    .sort();
}

/** The `<name>` of each `<task>` in a plan file, in order (ground truth from the file itself). */
function taskNames(planPath: string): string[] {
  const text = readFileSync(planPath, 'utf8');
  return [...text.matchAll(/<task\b[^>]*>\s*<name>([^<]+)<\/name>/g)].map((m) => m[1].trim());
}

/** The quoted strings under `must_haves: truths:` of a plan's frontmatter. */
function mustHaveTruths(planPath: string): string[] {
  const text = readFileSync(planPath, 'utf8');
  const block = /\n {2}truths:\n((?: {4}- .*\n)+)/.exec(text);
  if (!block) throw new Error(`no must_haves.truths in ${planPath}`);
  return [...block[1].matchAll(/^ {4}- "(.*)"$/gm)].map((m) => m[1]);
}

async function loadPlanningTree(page: Page): Promise<void> {
  await openApp(page);
  await pickFolder(page, PLANNING);
  // Every real document is listed and the demo documents are gone.
  await expect(docItems(page)).toHaveCount(Object.keys(EXPECTED_KINDS).length);
  for (const name of Object.keys(EXPECTED_KINDS)) await expect(docItem(page, name)).toHaveCount(1);
  // The first real document opens in the Documents view.
  await expect(page.getByTestId('nav-docs')).toHaveAttribute('aria-current', 'page');
  await expect(docView(page)).toBeVisible();
}

const xssMarker = (page: Page): Promise<unknown> =>
  page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

test('a nested .planning folder lists every document with its kind', async ({ page }) => {
  // The fixture tree itself: nine markdown files, the five real seeds among them.
  expect(markdownNames(PLANNING)).toEqual(Object.keys(EXPECTED_KINDS).sort());
  for (const seed of [VERIFICATION, PLAN_01, PLAN_GAP_03]) {
    expect(readFileSync(join(PHASE_12, seed))).toEqual(readFileSync(join(fixturePath('..', 'reports'), seed)));
  }
  for (const seed of [PLAN_19_09, GAP_REPORT_19]) {
    expect(readFileSync(join(PHASE_19, seed))).toEqual(readFileSync(join(fixturePath('..', 'reports'), seed)));
  }

  await loadPlanningTree(page);
  const shown = await docItems(page).evaluateAll((els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute('data-name'), e.getAttribute('data-kind')])),
  );
  expect(shown).toEqual(EXPECTED_KINDS);
});

test('phases overview: one row per phase, phase 12 with the verification status, score, open gaps and summaries', async ({
  page,
}) => {
  await loadPlanningTree(page);
  await showView(page, 'phases');
  const table = page.getByTestId('phases-table');
  await expect(table).toBeVisible();

  // Phases 12 and 19 from the folders, plus the phase-less hostile note.
  const phases = await table
    .locator('[data-testid="phase"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-phase')));
  expect(phases).toEqual(['12', '19', '']);

  const row12 = phaseRow(page, '12');
  const cells12 = await row12.evaluate((row) => (row as HTMLElement).innerText.split('\t').map((c) => c.trim()));
  // 6 gaps in the VERIFICATION frontmatter: failed, partial, verified, verified, partial, failed.
  expect(cells12, 'status cell').toContain('gaps_closed_partial');
  expect(cells12, 'score cell').toContain('3/6');
  expect(cells12, 'open gaps cell (2 failed + 2 partial)').toContain('4');
  expect(cells12, 'plans with summary cell (01 has a SUMMARY, GAP-03 has not)').toContain('1/2');
  for (const name of [VERIFICATION, PLAN_01, PLAN_GAP_03, SUMMARY_01]) await expect(row12).toContainText(name);
  for (const name of [PLAN_19_09, BROKEN_YAML, HOSTILE]) await expect(row12).not.toContainText(name);

  const row19 = phaseRow(page, '19');
  for (const name of [PLAN_19_09, GAP_REPORT_19, BROKEN_YAML, UNCLOSED]) await expect(row19).toContainText(name);
  await expect(row19).not.toContainText(VERIFICATION);
  const cells19 = await row19.evaluate((row) => (row as HTMLElement).innerText.split('\t').map((c) => c.trim()));
  expect(cells19, 'plans with summary in phase 19 (two plans, no summary)').toContain('0/2');
  await expect(row19).not.toContainText('gaps_closed_partial');

  await expect(phaseRow(page, '')).toContainText(HOSTILE);
});

test('verification reader: status, score and gap cards from the frontmatter', async ({ page }, testInfo) => {
  await loadPlanningTree(page);
  const view = await openDocument(page, VERIFICATION);

  await expect(view.getByTestId('doc-status')).toHaveAttribute('data-status', 'gaps_closed_partial');
  const score = view.getByTestId('doc-score');
  await expect(score).toHaveAttribute('data-verified', '3');
  await expect(score).toHaveAttribute('data-total', '6');

  const failedTruth = 'Overall coverage reaches 28% (from 22.8%, +5.2 percentage points)';
  const failedGap = view
    .locator('[data-testid="gap"][data-status="failed"]')
    .filter({ has: page.getByTestId('gap-truth').getByText(failedTruth, { exact: true }) });
  await expect(failedGap).toHaveCount(1);
  await expect(failedGap.getByTestId('gap-truth')).toHaveText(failedTruth);

  // The six frontmatter gaps, in order, with their statuses.
  const frontmatterGaps: [string, string][] = [
    [failedTruth, 'failed'],
    ['All 6 Tier 1 files tested with 50% coverage per file', 'partial'],
    ['Property tests validate stateful logic invariants', 'verified'],
    ['Integration tests validate API endpoint contracts', 'verified'],
    ['Unit tests for ORM models with relationships', 'partial'],
    ['Overall coverage target of 28% achieved', 'failed'],
  ];
  const shownGaps = await view.locator('[data-testid="gap"]').evaluateAll((gaps) =>
    gaps.map((g) => [
      (g.querySelector('[data-testid="gap-truth"]') as HTMLElement | null)?.innerText.trim() ?? '',
      g.getAttribute('data-status') ?? '',
    ]),
  );
  expect(shownGaps.slice(0, frontmatterGaps.length)).toEqual(frontmatterGaps);

  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = `${ARTIFACTS}documents-reader.png`;
  await page.screenshot({ path: shot });
  await testInfo.attach('documents-reader.png', { path: shot, contentType: 'image/png' });
});

test('plan reader: must-haves, tasks and XML-ish sections', async ({ page }) => {
  const planPath = join(PHASE_12, PLAN_01);
  const expectedTasks = taskNames(planPath);
  expect(expectedTasks).toContain('Task 1: Create unit tests for models.py ORM relationships and validation');

  await loadPlanningTree(page);
  const view = await openDocument(page, PLAN_01);

  await expect(view.getByTestId('task-name')).toHaveText(expectedTasks);
  await expect(view.getByTestId('task')).toHaveCount(expectedTasks.length);
  await expect(view.getByTestId('must-have-truth')).toHaveText(mustHaveTruths(planPath));
  await expect(view.getByTestId('artifact')).toHaveCount(2);

  await expect(view.locator('[data-testid="doc-section"][data-tag="objective"]')).toHaveCount(1);
  // A checked figure carries its verdict badge right after it, inside the sentence.
  const objective = view.locator('[data-testid="doc-section"][data-tag="objective"]');
  await expect(objective).toContainText('Achieve 50%');
  await expect(objective).toContainText('coverage on models.py');
  await expect(objective.getByTestId('claim-badge').first()).toBeVisible();
  const tasksSection = view.locator('[data-testid="doc-section"][data-tag="tasks"]');
  await expect(tasksSection).toHaveCount(1);
  await expect(tasksSection.locator('[data-testid="doc-section"][data-tag="task"]')).toHaveCount(expectedTasks.length);
  // A well-formed plan gets no warnings.
  await expect(view.getByTestId('doc-warning')).toHaveCount(0);
});

test('documents with broken or unclosed frontmatter open with a warning', async ({ page }) => {
  await loadPlanningTree(page);

  // A clean document first, so the warnings below belong to the broken ones.
  let view = await openDocument(page, PLAN_19_09);
  await expect(view.getByTestId('doc-warning')).toHaveCount(0);

  // `contains: "A", "B"` is not valid YAML: read leniently, with a warning, facts kept.
  view = await openDocument(page, BROKEN_YAML);
  await expect(view.getByTestId('doc-warning').first()).toBeVisible();
  await expect(view.getByTestId('task-name')).toHaveText(['Task 1: Append the final measurement to trending.json']);
  await expect(view.getByTestId('must-have-truth')).toHaveText(['Trending data records the final coverage']);

  // A frontmatter block that is never closed.
  view = await openDocument(page, UNCLOSED);
  await expect(view.getByTestId('doc-warning').first()).toBeVisible();
  await expect(view).toContainText('Re-run the flaky byok handler tests');
});

test('hostile markdown is inert: no images, scripts, handlers or javascript: links', async ({ page }) => {
  await loadPlanningTree(page);
  const view = await openDocument(page, HOSTILE);
  await expect(view).toContainText('A safe link');

  // Raw HTML is shown as text.
  await expect(view).toContainText('<script>window.__xss = 1</script>');
  await expect(view).toContainText('<img src="http://example.invalid/x.png">');
  await expect(view).toContainText('<svg onload="window.__xss=2">');
  await expect(view).toContainText('<b onmouseover="window.__xss=4">x</b>');

  // No element that could load or run anything made it into the reader.
  await expect(view.locator('img')).toHaveCount(0);
  await expect(view.locator('script')).toHaveCount(0);
  await expect(view.locator('svg')).toHaveCount(0);
  await expect(view.locator('b')).toHaveCount(0);
  await expect(view.locator('iframe, object, embed')).toHaveCount(0);
  const handlerAttributes = await view.evaluate((root) =>
    Array.from(root.querySelectorAll('*')).flatMap((el) =>
      el.getAttributeNames().filter((n) => n.toLowerCase().startsWith('on')).map((n) => `${el.tagName}[${n}]`),
    ),
  );
  expect(handlerAttributes).toEqual([]);

  // Links keep only http(s)/mailto/relative destinations; the markdown image is a link, not an <img>.
  const hrefs = await view.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs).toContain('https://coverage.readthedocs.io/');
  expect(hrefs).toContain('http://example.invalid/y.png');
  for (const href of hrefs) expect(href, `safe href ${href}`).toMatch(/^(https?:|mailto:|[^:]*$)/i);
  const imageLink = view.locator('a[href="http://example.invalid/y.png"]');
  await expect(imageLink).toContainText('pic');
  await expect(imageLink.locator('img')).toHaveCount(0);

  // The javascript: link is left as its text only; clicking that text runs nothing.
  const clickText = view.getByText('click', { exact: true });
  await expect(clickText).toHaveCount(1);
  expect(await clickText.evaluate((el) => el.closest('a') === null)).toBe(true);
  await clickText.click();
  // Hover and click the escaped inline HTML and the other escaped tags.
  for (const literal of ['<b onmouseover="window.__xss=4">x</b>', '<svg onload="window.__xss=2">', '<script>window.__xss = 1</script>']) {
    const text = view.getByText(literal);
    await text.first().hover();
    await text.first().click();
  }
  expect(await xssMarker(page)).toBeUndefined();
  // Still on the same document, nothing navigated away.
  await expect(docItem(page, HOSTILE)).toHaveAttribute('aria-current', 'true');
});

test('a gap artifact path links to the measured file in the coverage table', async ({ page }) => {
  const coverageJson = fixturePath('toolz', 'coverage.json');
  const doc = join(DATA, 'crosslink', '07-VERIFICATION.md');
  const report = JSON.parse(readFileSync(coverageJson, 'utf8')) as {
    files: Record<string, { summary: { percent_covered_display: string } }>;
  };
  const display = report.files['toolz/functoolz.py'].summary.percent_covered_display;
  expect(display).toBe('95');

  await openApp(page);
  await pickFiles(page, [coverageJson, doc]);
  await expect(reportItems(page)).toHaveCount(1);
  await expect(reportItem(page, 'coverage.json')).toHaveAttribute('aria-selected', 'true');
  await expect(docItems(page)).toHaveCount(1);
  const view = await openDocument(page, basename(doc));

  const link = view.locator('[data-testid="coverage-link"][data-path="toolz/functoolz.py"]');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveText(`${display}% measured`);
  // Only the artifact path links; the gap without artifacts has none.
  await expect(view.getByTestId('coverage-link')).toHaveCount(1);

  await link.click();
  await expect(page.getByTestId('nav-table')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('nav-docs')).not.toHaveAttribute('aria-current', 'page');
  await expect(coverageTable(page)).toBeVisible();
  await expect(fileRow(page, 'toolz/functoolz.py')).toBeVisible();
  await expect(fileRow(page, 'toolz/functoolz.py').locator('[data-col="coverage"]')).toHaveText(
    new RegExp(`^${display}%?$`),
  );
});
