// Claims: the coverage figures a document states, checked against a loaded report.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';

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
  await expect(gap.getByTestId('live-check')).toHaveAttribute('data-verdict', 'target-missed');

  // Only mismatches: the list narrows to the one wrong claim.
  await page.getByTestId('claims-mismatches-only').check();
  await expect(view.locator('[data-testid="claim"]')).toHaveCount(2);
  await expect(view.locator('[data-testid="claim"][data-verdict="mismatch"]')).toHaveCount(1);
  await expect(view.locator('[data-testid="claim"][data-verdict="target-missed"]')).toHaveCount(1);
});
