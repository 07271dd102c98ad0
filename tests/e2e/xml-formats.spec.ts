// Cobertura, Clover and JaCoCo reports in the browser: every file row and the totals show
// the figures their writers printed for the same run. The single figure of a row (its
// `coverage` cell: Cobertura's lines, Clover's statements, JaCoCo's instructions) and its
// uncovered lines are checked here; every metric's counts and percentages are checked
// natively (tests/format_*.rs), with the same ground truth.
import { readFileSync } from 'node:fs';
import { test, expect, openApp, pickFiles, expectReportSelected, snapshotTable } from './fixtures';
import { fixturePath } from './report';

const text = (...parts: string[]): string => readFileSync(fixturePath(...parts), 'utf8');
const pct = (value: string | undefined): string => (value ?? '<no cell>').replace(/%$/, '');

interface IstanbulRow {
  suffix: string;
  lines: string;
  uncovered: string;
}

/** File rows of Istanbul's text table (folder rows one space in, files two). */
function istanbulRows(folder: string): IstanbulRow[] {
  const rows: IstanbulRow[] = [];
  let directory = '';
  for (const line of text(folder, 'report.txt').split('\n')) {
    const cells = line.split(' | ');
    if (cells.length !== 6 || /^(File|All files)/.test(cells[0])) continue;
    const depth = cells[0].length - cells[0].trimStart().length;
    const name = cells[0].trim();
    if (depth === 1) {
      directory = name;
      continue;
    }
    rows.push({ suffix: `/${directory}/${name}`, lines: cells[4].trim(), uncovered: cells[5].trim() });
  }
  return rows;
}

/** The Lines percentage of Istanbul's `text-summary.txt`. */
function summaryLines(folder: string): string {
  const match = /^Lines\s*:\s*([\d.]+)%/m.exec(text(folder, 'text-summary.txt'));
  return match?.[1] ?? '<no Lines line>';
}

async function loadXml(page: import('@playwright/test').Page, folder: string, file: string) {
  await openApp(page);
  await pickFiles(page, [fixturePath(folder, file)]);
  await expectReportSelected(page, file);
  const snapshot = await snapshotTable(page);
  const totals = snapshot.totals.filter((row) => row.visible);
  expect(totals).toHaveLength(1);
  return { rows: snapshot.rows.filter((row) => row.visible), totals: totals[0].cells };
}

// Istanbul's Cobertura states its own truncated percentages as rates; its Clover counts
// Istanbul's lines as statements (jest-commander's PROVENANCE.md). Both show % Lines.
for (const folder of ['c8-express', 'c8-commander', 'jest-commander', 'jest-v8-commander']) {
  for (const file of ['cobertura-coverage.xml', 'clover.xml']) {
    test(`${folder}/${file} shows Istanbul's printed % Lines and uncovered lines`, async ({ page }) => {
      const { rows, totals } = await loadXml(page, folder, file);
      const printed = istanbulRows(folder);
      expect(rows).toHaveLength(printed.length);
      for (const row of rows) {
        const expected = printed.find((candidate) => row.path?.endsWith(candidate.suffix));
        expect(expected, `${row.path} has a report.txt row`).toBeDefined();
        expect(pct(row.cells['coverage']), `${row.path}`).toBe(expected?.lines);
        // Istanbul lists lines with a missed branch instead when every line ran.
        if (expected?.lines !== '100') {
          expect(row.cells['missing-lines'], `${row.path}`).toBe(expected?.uncovered.replace(/,/g, ', '));
        }
      }
      expect(pct(totals['coverage'])).toBe(summaryLines(folder));
    });
  }
}

// coverage.py prints no line percentage of its own; its Missing column is the ground
// truth for the uncovered lines (its branch arcs, `74->exit`, are not in Cobertura).
for (const project of ['toolz', 'boltons']) {
  test(`${project}/coverage.xml shows coverage.py's files and missing lines`, async ({ page }) => {
    const { rows } = await loadXml(page, project, 'coverage.xml');
    const printed = text(project, 'report.txt')
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields.length >= 6 && /^\d+$/.test(fields[1]) && fields[0] !== 'TOTAL');
    expect(rows.map((row) => row.path).sort()).toEqual(printed.map((fields) => fields[0]).sort());
    for (const fields of printed) {
      const row = rows.find((candidate) => candidate.path === fields[0]);
      const missing = fields
        .slice(6)
        .join(' ')
        .split(', ')
        .filter((item) => item !== '' && !item.includes('->'))
        .join(', ');
      expect(row?.cells['missing-lines'], fields[0]).toBe(missing);
    }
  });
}

test("jacoco-commons-cli/jacoco.xml shows JaCoCo's instruction coverage per source file", async ({ page }) => {
  const { rows, totals } = await loadXml(page, 'jacoco-commons-cli', 'jacoco.xml');
  // html/.../index.source.html: a row per source file with code, its instruction Cov. in
  // the third cell ("95%"), the footer's "Total" likewise.
  const page_ = text('jacoco-commons-cli', 'html', 'org.apache.commons.cli', 'index.source.html');
  const printed = new Map<string, string>();
  let total = '';
  for (const row of page_.split('<tr>').slice(2)) {
    const cells = Array.from(row.matchAll(/<td[^>]*?(?:\/>|>(.*?)<\/td>)/g), (match) =>
      (match[1] ?? '').replace(/<[^>]+>/g, ''),
    );
    if (cells[0] === 'Total') total = cells[2];
    else printed.set(`org/apache/commons/cli/${cells[0]}`, cells[2]);
  }
  expect(rows).toHaveLength(printed.size);
  for (const row of rows) {
    expect(printed.has(row.path ?? ''), `${row.path} is a source-file row`).toBe(true);
    expect(pct(row.cells['coverage']), `${row.path}`).toBe(pct(printed.get(row.path ?? '')));
  }
  expect(pct(totals['coverage'])).toBe(pct(total));
});
