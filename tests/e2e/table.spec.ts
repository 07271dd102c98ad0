// The coverage table must show exactly what coverage.py's own `coverage report -m` prints,
// for every file row and the TOTAL row, for real reports of two projects.
import {
  test,
  expect,
  openApp,
  pickFiles,
  expectReportSelected,
  expectTableMatchesReport,
  fileRows,
  reportItems,
} from './fixtures';
import { fixturePath, gunzipFixture, readReport } from './report';

const PROJECTS = ['toolz', 'boltons'] as const;

const VARIANTS: { json: string[]; report: string[] }[] = [
  { json: ['coverage.json'], report: ['report.txt'] },
  { json: ['coverage-precision2.json'], report: ['report-precision2.txt'] },
  { json: ['coverage-nobranch.json'], report: ['report-nobranch.txt'] },
  { json: ['series', '01-coverage.json'], report: ['series', '01-report.txt'] },
  { json: ['series', '02-coverage.json'], report: ['series', '02-report.txt'] },
  { json: ['series', '03-coverage.json'], report: ['series', '03-report.txt'] },
];

for (const project of PROJECTS) {
  for (const variant of VARIANTS) {
    const jsonRel = [project, ...variant.json];
    const fileName = variant.json[variant.json.length - 1];
    test(`${jsonRel.join('/')} matches ${[project, ...variant.report].join('/')}`, async ({ page }) => {
      const report = readReport(project, ...variant.report);
      await openApp(page);
      await pickFiles(page, [fixturePath(...jsonRel)]);
      await expectReportSelected(page, fileName);
      // Loading a real report replaces the demo: only this report is listed.
      await expect(reportItems(page)).toHaveCount(1);
      await expectTableMatchesReport(page, report);
      await expect(fileRows(page)).toHaveCount(report.rows.length);
    });
  }
}

test('toolz/coverage-contexts.json.gz (gunzipped, with contexts) matches toolz/report.txt', async ({ page }) => {
  test.setTimeout(180_000); // 17 MB of JSON
  const report = readReport('toolz', 'report.txt');
  const file = gunzipFixture(['toolz', 'coverage-contexts.json.gz'], 'coverage-contexts.json');
  expect(file.buffer.length).toBeGreaterThan(10_000_000);
  await openApp(page);
  await pickFiles(page, [file]);
  await expectReportSelected(page, 'coverage-contexts.json', 120_000);
  await expect(reportItems(page)).toHaveCount(1);
  await expectTableMatchesReport(page, report);
});
