// Accessibility: axe-core on every main view (empty, table, document reader, a
// VERIFICATION document with gaps, comparison, trend, phases, the keyboard help and the
// share panel), in the light and the dark colour scheme. No serious or critical violation
// is allowed; lesser ones are listed in the test's attachment.
//
// axe is evaluated through the DevTools protocol (page.evaluate), which the page's
// Content-Security-Policy does not apply to; page.addScriptTag would add an inline script
// the policy rightly refuses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, openApp, showView, openDocument, docItems, reportItems, deltaRows } from './fixtures';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const VERIFICATION = '01-VERIFICATION.md';
const PLAN = '01-01-PLAN.md';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the whole page; returns the serious and critical violations, attaches all. */
async function seriousViolations(page: Page, testInfo: TestInfo, label: string): Promise<string[]> {
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!hasAxe) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  });
  await testInfo.attach(`axe-${label}.json`, { body: JSON.stringify(violations, null, 2), contentType: 'application/json' });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${label}: ${violation.impact} ${violation.id} (${violation.help}) at ${violation.nodes
          .map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
          .join(' | ')}`,
    );
}

/** Removes every report and document (the demo's), leaving the empty page. */
async function removeEverything(page: Page): Promise<void> {
  const removeButtons = page.getByRole('button', { name: /^Remove / });
  while ((await removeButtons.count()) > 0) {
    const before = await removeButtons.count();
    await removeButtons.first().click();
    await expect(removeButtons).toHaveCount(before - 1);
  }
  await expect(reportItems(page)).toHaveCount(0);
  await expect(docItems(page)).toHaveCount(0);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe: no serious or critical violations in any view (${colorScheme})`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    await openApp(page);
    const problems: string[] = [];
    const check = async (label: string) => problems.push(...(await seriousViolations(page, testInfo, `${colorScheme}-${label}`)));

    await expect(page.getByTestId('coverage-table')).toBeVisible();
    await check('table');

    await page.getByTestId('keyboard-help-button').click();
    await expect(page.getByTestId('keyboard-help')).toBeVisible();
    await check('keyboard-help');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('keyboard-help')).toHaveCount(0);

    await page.getByTestId('share-button').click();
    await expect(page.getByTestId('share-panel')).toBeVisible();
    await check('share-panel');

    await showView(page, 'docs');
    await openDocument(page, PLAN);
    await check('document-plan');
    await openDocument(page, VERIFICATION);
    await expect(page.locator('[data-testid="gap"]').first()).toBeVisible();
    await check('document-gaps');

    await showView(page, 'phases');
    await check('phases');

    await showView(page, 'compare');
    await expect(deltaRows(page).first()).toBeVisible();
    await deltaRows(page).first().click();
    await check('comparison');

    await showView(page, 'trend');
    await expect(page.locator('[data-testid="trend-point"]').first()).toBeVisible();
    await check('trend');

    await page.getByTestId('nav-agree').click();
    await expect(page.locator('[data-testid="agreement-row"]').first()).toBeVisible();
    await page.getByTestId('combine-panel').locator('summary').click();
    await expect(page.getByTestId('combine-button')).toBeVisible();
    await check('agreement-and-combine');

    await removeEverything(page);
    for (const view of ['table', 'docs', 'phases', 'compare', 'trend'] as const) {
      await showView(page, view);
      await check(`empty-${view}`);
    }
    await page.getByTestId('nav-agree').click();
    await check('empty-agree');

    expect(problems, 'axe: serious and critical violations').toEqual([]);
  });
}

test('colour is never the only signal: bands, statuses, verdicts and deltas carry text', async ({ page }) => {
  await openApp(page);
  // Every coverage cell shows its number; the bar beside it is decoration.
  const coverageCells = page.locator('[data-testid="coverage-table"] [data-testid="file-row"] [data-col="coverage"]');
  await expect(coverageCells.first()).toBeVisible();
  const cellTexts = await coverageCells.allInnerTexts();
  expect(cellTexts.length).toBeGreaterThan(0);
  for (const text of cellTexts) expect(text).toMatch(/\d/);

  await showView(page, 'docs');
  await openDocument(page, VERIFICATION);
  const gaps = page.locator('[data-testid="gap"]');
  await expect(gaps.first()).toBeVisible();
  for (const text of await gaps.allInnerTexts()) expect(text).toMatch(/failed|partial|verified/i);
  await expect(page.getByTestId('doc-status')).not.toHaveText(/^\s*$/);

  await showView(page, 'compare');
  const rows = deltaRows(page);
  await expect(rows.first()).toBeVisible();
  const cells = await rows.evaluateAll((elements) =>
    elements.map((row) => ({
      delta: (row.querySelector('[data-col="coverage-delta"]') as HTMLElement | null)?.innerText.trim() ?? '<none>',
      status: (row.querySelector('[data-col="status"]') as HTMLElement | null)?.innerText.trim() ?? '<none>',
    })),
  );
  for (const { delta, status } of cells) {
    // The tone colour repeats what the text says: a signed figure and a status word.
    expect(delta).toMatch(/^([+−-]?\d[\d.]* pp|—)$/);
    expect(status).toMatch(/(new file|removed|improved|regressed|unchanged)$/);
  }
});
