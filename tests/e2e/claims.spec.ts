// Claims: the coverage figures a document states, checked against a loaded report.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from '@playwright/test';
import { test, expect, openApp, showView, openDocument } from './fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const toolzJson = path.join(here, '..', 'fixtures', 'coverage', 'toolz', 'coverage.json');
const claimsDocument = path.join(here, 'data', 'claims', '07-VERIFICATION.md');

/** The file's own percent_covered_display, as coverage.py printed it. */
function displayOf(file: string): string {
  const report = JSON.parse(fs.readFileSync(toolzJson, 'utf8'));
  return report.files[file].summary.percent_covered_display;
}

test('a right claim, a wrong claim, an unknown file and a target get their verdicts and badges', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles([toolzJson, claimsDocument]);
  await expect(page.locator('[data-testid="doc-item"][data-name="07-VERIFICATION.md"]')).toBeVisible();
  await page.locator('[data-testid="doc-item"][data-name="07-VERIFICATION.md"]').click();
  const view = page.getByTestId('doc-view');
  await expect(view).toBeVisible();

  const claim = (subject: string) => view.locator(`[data-testid="claim"][data-subject="${subject}"]`);
  await expect(claim('toolz/functoolz.py')).toHaveAttribute('data-verdict', 'match');
  await expect(claim('toolz/functoolz.py')).toHaveAttribute('data-claimed', '95');
  await expect(claim('toolz/functoolz.py')).toHaveAttribute('data-measured', displayOf('toolz/functoolz.py'));

  await expect(claim('toolz/itertoolz.py')).toHaveAttribute('data-verdict', 'mismatch');
  await expect(claim('toolz/itertoolz.py')).toHaveAttribute('data-claimed', '80');
  await expect(claim('toolz/itertoolz.py')).toHaveAttribute('data-measured', displayOf('toolz/itertoolz.py'));

  await expect(claim('toolz/missing_module.py')).toHaveAttribute('data-verdict', 'unknown');
  await expect(claim('toolz/missing_module.py')).toHaveAttribute('data-measured', '');

  const totalTarget = view.locator('[data-testid="claim"][data-subject="total"][data-claimed="90"]');
  await expect(totalTarget).toHaveAttribute('data-verdict', 'target-met');

  // Inline badges sit in the rendered body, one per body figure, with the same verdicts.
  const badges = view.locator('.document-body [data-testid="claim-badge"]');
  await expect(badges).toHaveCount(4);
  await expect(badges.nth(0)).toHaveAttribute('data-verdict', 'match');
  await expect(badges.nth(1)).toHaveAttribute('data-verdict', 'mismatch');
  await expect(badges.nth(1)).toContainText(`${displayOf('toolz/itertoolz.py')}%`);
  await expect(badges.nth(2)).toHaveAttribute('data-verdict', 'unknown');
  await expect(badges.nth(3)).toHaveAttribute('data-verdict', 'target-met');

  await expect(page.getByTestId('claims-summary')).toHaveText(
    '5 claims: 1 match, 1 mismatch, 1 unknown; 1 target met, 1 target missed',
  );

  // The document calls this gap verified; measured now, its target is missed, side by side.
  const gap = view.locator('[data-testid="gap"]').filter({ hasText: 'Overall coverage reaches 99%' });
  await expect(gap).toHaveAttribute('data-status', 'verified');
  await expect(gap.first().getByTestId('live-check')).toHaveAttribute('data-verdict', 'target-missed');

  // Only mismatches: the list narrows to the one wrong claim.
  await page.getByTestId('claims-mismatches-only').check();
  await expect(view.locator('[data-testid="claim"]')).toHaveCount(2);
  await expect(view.locator('[data-testid="claim"][data-verdict="mismatch"]')).toHaveCount(1);
  await expect(view.locator('[data-testid="claim"][data-verdict="target-missed"]')).toHaveCount(1);
});

test('a patch coverage figure is checked against the loaded diff, not the total', async ({ page }) => {
  // diff-cover's own report on this diff and run: its total, and the exact share.
  const diffName = 'toolz-1.1.0-to-1.2.0.git.diff';
  const patchFolder = path.join(here, '..', 'fixtures', 'patch', 'toolz');
  const diffCover = JSON.parse(
    fs.readFileSync(path.join(patchFolder, 'toolz-1.1.0-to-1.2.0.git.diff-cover.json'), 'utf8'),
  );
  const covered = diffCover.total_num_lines - diffCover.total_num_violations;
  const exact = ((100 * covered) / diffCover.total_num_lines).toFixed(2);
  await openApp(page);
  await page
    .getByTestId('file-input')
    .setInputFiles([toolzJson, path.join(patchFolder, diffName), path.join(here, 'data', 'claims', '21-01-SUMMARY.md')]);
  await showView(page, 'docs');
  const view = await openDocument(page, '21-01-SUMMARY.md');
  const patch = view.locator(`[data-testid="claim"][data-subject="patch ${diffName}"]`);
  await expect(patch).toHaveCount(2);
  const right = patch.and(view.locator(`[data-claimed="${exact}"]`));
  await expect(right).toHaveAttribute('data-verdict', 'match');
  await expect(right).toHaveAttribute('data-measured', exact);
  const wrong = patch.and(view.locator('[data-claimed="80"]'));
  await expect(wrong).toHaveAttribute('data-verdict', 'mismatch');
  await expect(wrong).toHaveAttribute('data-measured', String(diffCover.total_percent_covered));
  await expect(wrong.locator('.claim-explanation')).toContainText(`of ${diffName} in coverage.json`);
  // The report's own total is still checked as the total.
  await expect(view.locator('[data-testid="claim"][data-subject="total"]')).toHaveAttribute('data-verdict', 'match');
});

/** One claim of the open document: its hook, badge and the reason shown beside it. */
async function expectClaim(
  view: Locator,
  claimed: string,
  subject: string,
  verdict: string,
  badge: RegExp,
  reason: RegExp,
): Promise<void> {
  const claim = view.locator(
    `[data-testid="claim"][data-claimed="${claimed}"][data-subject="${subject}"][data-verdict="${verdict}"]`,
  );
  await expect(claim.first(), `${subject} ${claimed}% ${verdict}`).toBeVisible();
  await expect(claim.first().locator('.claim-badge')).toHaveText(badge);
  await expect(claim.first().locator('.claim-explanation')).toHaveText(reason);
}

test('the demo shows every verdict: matches, a real mismatch, unknown and stale figures, targets met and missed', async ({
  page,
}) => {
  await openApp(page);
  await showView(page, 'docs');

  // The summary of the full run: right figures, one wrong one (an older run's 86%), a
  // baseline section checked against the run it names, and "before" figures it cannot check.
  let view = await openDocument(page, '01-01-SUMMARY.md');
  await expectClaim(view, '95.02', 'toolz/functoolz.py', 'match', /^✓$/, /Matches the measured percent covered \(95\.02%\)/);
  await expectClaim(view, '86', 'toolz/utils.py', 'mismatch', /^✗ 100%$/, /Claimed 86%, measured 100%/);
  await expectClaim(view, '44.13', 'total', 'match', /^✓$/, /toolz-demo-first-third\.json/);
  await expectClaim(view, '85.90', 'toolz/functoolz.py', 'unknown', /^\?$/, /Before the fixes.*another run/);
  await expect(page.getByTestId('claims-summary')).toContainText('1 mismatch');
  // The same verdicts sit beside the figures in the body.
  const badges = view.locator('.document-body [data-testid="claim-badge"]');
  await expect(badges.filter({ hasText: '✗ 100%' })).toHaveCount(1);
  await expect(view.locator('.document-body [data-testid="claim-badge"][data-verdict="unknown"]').first()).toHaveAttribute(
    'title',
    /another run/,
  );

  // The verification was written before the full run: what it says about that run, or about
  // a report that is not loaded, is another run's ("stale"), with the reason.
  view = await openDocument(page, '01-VERIFICATION.md');
  await expectClaim(view, '97', 'toolz/functoolz.py', 'stale', /stale/, /measured after the document was written/);
  await expectClaim(view, '88.20', 'toolz/functoolz.py', 'stale', /stale/, /phase_01_isolated\.json, which is not loaded/);
  await expectClaim(view, '95', 'total', 'target-missed', /^✗ 93\.21%$/, /Target 95% missed: measured 93\.21%/);
  await expectClaim(view, '99.32', 'toolz/dicttoolz.py', 'match', /^✓$/, /Matches/);
  const gap = view.locator('[data-testid="gap"]').filter({ hasText: 'functoolz.py reaches 90% coverage' });
  await expect(gap.first().getByTestId('live-check')).toHaveAttribute('data-verdict', 'target-missed');

  // The plan's targets, against the run it names.
  view = await openDocument(page, '01-01-PLAN.md');
  await expectClaim(view, '95', 'total', 'target-met', /^✓ 98\.09%$/, /Target 95% met: measured 98\.09%/);
  await expectClaim(view, '97', 'toolz/functoolz.py', 'target-missed', /^✗ 95\.02%$/, /Target 97% missed/);
  await expectClaim(view, '29', 'toolz/utils.py', 'unknown', /^\?$/, /planning document/);
  const mustHave = view.locator('li').filter({ hasText: 'recipes.py at least 90% covered' });
  await expect(mustHave.getByTestId('live-check')).toHaveAttribute('data-verdict', 'target-met');

  // The phases overview counts them, stale figures included.
  await showView(page, 'phases');
  const claims = page.locator('[data-testid="phase"][data-phase="01"] [data-col="claims"]');
  await expect(claims).toContainText('match');
  await expect(claims).toContainText('1 mismatch');
  await expect(claims).toContainText('2 stale');
  await expect(claims).toContainText('targets met');
  await expect(claims).toContainText('targets missed');
});
