// Cobertura, Clover and JaCoCo reports in the browser: every file row and the totals row
// show what the writer of each report printed for the same run (the native tests,
// tests/format_*.rs, check the same ground truth more closely and say where the formats of
// one run disagree and why).
import { readFileSync } from 'node:fs';
import { test, expect, openApp, pickFiles, expectReportSelected, coverageTable, snapshotTable } from './fixtures';
import { fixturePath } from './report';

const text = (...parts: string[]): string => readFileSync(fixturePath(...parts), 'utf8');
const pct = (value: string | undefined): string => (value ?? '<no cell>').replace(/%$/, '');

interface IstanbulRow {
  suffix: string;
  percents: string[];
  uncovered: string;
}

/** Istanbul's text table: its file rows (folder label + name) and the uncovered column's width. */
function istanbulTable(folder: string): { files: IstanbulRow[]; uncoveredWidth: number } {
  const lines = text(folder, 'report.txt').split('\n').filter((line) => line !== '');
  const segments = lines[0].split('-|-');
  const uncoveredWidth = segments[segments.length - 1].length - 1;
  const rows = lines
    .slice(3)
    .filter((line) => !line.startsWith('-'))
    .map((line) => {
      const cells = line.split(' | ');
      const name = cells[0].trimStart();
      return {
        depth: cells[0].length - name.length,
        name: name.trimEnd(),
        percents: cells.slice(1, 5).map((cell) => cell.trim()),
        uncovered: cells[5].trimEnd(),
      };
    });
  const files: IstanbulRow[] = [];
  let folderLabel = '';
  rows.forEach((row, index) => {
    if (index === 0) return;
    if ((rows[index + 1]?.depth ?? -1) > row.depth) {
      folderLabel = row.name;
      return;
    }
    files.push({ suffix: `/${folderLabel}/${row.name}`, percents: row.percents, uncovered: row.uncovered });
  });
  return { files, uncoveredWidth };
}

/** The text reporter's `fill()`: a list wider than its column becomes `...` and its tail. */
const fitted = (value: string, width: number): string =>
  value.length <= width ? value : `...${value.slice(value.length - (width - 3))}`;

/** `text-summary.txt`: Statements, Branches, Functions, Lines as [pct, covered, total]. */
function textSummary(folder: string): Record<string, [string, string, string]> {
  const out: Record<string, [string, string, string]> = {};
  for (const line of text(folder, 'text-summary.txt').split('\n')) {
    const match = /^(\w+)\s*: (\S+)% \( (\d+)\/(\d+) \)/.exec(line);
    if (match) out[match[1]] = [match[2], match[3], match[4]];
  }
  return out;
}

async function loadXml(page: import('@playwright/test').Page, folder: string, file: string, format: string) {
  await openApp(page);
  await pickFiles(page, [fixturePath(folder, file)]);
  await expectReportSelected(page, file);
  await expect(coverageTable(page)).toHaveAttribute('data-format', format);
  const snapshot = await snapshotTable(page);
  const totals = snapshot.totals.filter((row) => row.visible);
  expect(totals).toHaveLength(1);
  return { rows: snapshot.rows.filter((row) => row.visible), totals: totals[0].cells };
}

// Istanbul's Cobertura states its own truncated percentages as rates (% Lines, % Branch);
// its Clover counts Istanbul's lines as statements (jest-commander's PROVENANCE.md).
const ISTANBUL_FILES = [
  { file: 'cobertura-coverage.xml', format: 'cobertura', shown: [['lines', 3], ['branches', 1]] },
  { file: 'clover.xml', format: 'clover', shown: [['statements', 3], ['branches', 1], ['functions', 2]] },
] as const;
// Which text-summary line each total is: Clover's statements are Istanbul's Lines.
const SUMMARY_WORD: Record<string, string> = {
  lines: 'Lines',
  statements: 'Lines',
  branches: 'Branches',
  functions: 'Functions',
};

for (const folder of ['c8-express', 'c8-commander', 'jest-commander', 'jest-v8-commander']) {
  for (const { file, format, shown } of ISTANBUL_FILES) {
    test(`${folder}/${file} shows Istanbul's printed figures`, async ({ page }) => {
      const { rows, totals } = await loadXml(page, folder, file, format);
      const { files, uncoveredWidth } = istanbulTable(folder);
      expect(rows).toHaveLength(files.length);
      for (const row of rows) {
        const printed = files.find((candidate) => row.path?.endsWith(candidate.suffix));
        expect(printed, `${row.path} has a report.txt row`).toBeDefined();
        for (const [metric, column] of shown) {
          expect(pct(row.cells[`${metric}-pct`]), `${row.path} ${metric}`).toBe(printed?.percents[column]);
        }
        // Istanbul lists the lines with a missed branch instead when every line ran.
        if (printed?.percents[3] !== '100') {
          const uncovered = (row.cells['missing-lines'] ?? '').replace(/, /g, ',');
          expect(fitted(uncovered, uncoveredWidth), `${row.path} uncovered`).toBe(printed?.uncovered);
        }
      }
      const summary = textSummary(folder);
      for (const [metric] of shown) {
        const [printedPct, covered, total] = summary[SUMMARY_WORD[metric]];
        expect([totals[`${metric}-covered`], totals[`${metric}-total`]], metric).toEqual([covered, total]);
        expect(pct(totals[`${metric}-pct`]), metric).toBe(printedPct);
      }
    });
  }
}

// coverage.py prints no line percentage of its own: its statements, misses, branches and
// Missing column (without the branch arcs, `74->exit`, that Cobertura does not carry).
for (const project of ['toolz', 'boltons']) {
  test(`${project}/coverage.xml shows coverage.py's counts and missing lines`, async ({ page }) => {
    const { rows, totals } = await loadXml(page, project, 'coverage.xml', 'cobertura');
    const printed = text(project, 'report.txt')
      .split('\n')
      .slice(2)
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields.length >= 6 && /^\d+$/.test(fields[1]));
    const files = printed.filter((fields) => fields[0] !== 'TOTAL');
    expect(rows).toHaveLength(files.length);
    for (const [name, statements, missing, branches, , , ...missingLines] of files) {
      const row = rows.find((candidate) => candidate.path === name);
      expect(row, `${name} is a row`).toBeDefined();
      expect(row?.cells['lines-total'], `${name} statements`).toBe(statements);
      expect(row?.cells['lines-covered'], `${name} run`).toBe(String(Number(statements) - Number(missing)));
      expect(row?.cells['branches-total'], `${name} branches`).toBe(branches);
      const withoutArcs = missingLines
        .join(' ')
        .split(', ')
        .filter((item) => item !== '' && !item.includes('->'))
        .join(', ');
      expect(row?.cells['missing-lines'], `${name} missing lines`).toBe(withoutArcs);
    }
    const total = printed.find((fields) => fields[0] === 'TOTAL') ?? [];
    expect(totals['lines-total']).toBe(total[1]);
    expect(totals['lines-covered']).toBe(String(Number(total[1]) - Number(total[2])));
    expect(totals['branches-total']).toBe(total[3]);
  });
}

/** A JaCoCo HTML table's rows: the label and every cell's text (bars are drawn as images). */
function jacocoRows(...parts: string[]): string[][] {
  return text('jacoco-commons-cli', 'html', ...parts)
    .split('<tr>')
    .slice(2)
    .map((row) =>
      Array.from(row.matchAll(/<td[^>]*?(?:\/>|>(.*?)<\/td>)/g), (match) =>
        (match[1] ?? '').replace(/<[^>]+>/g, '').replace(/,/g, ''),
      ),
    );
}

// JaCoCo's HTML: the source-file page prints each file's instruction and branch
// percentages (floored) and its missed and total complexity, lines, methods and classes;
// the footer prints `missed of total` for instructions and branches too.
test("jacoco-commons-cli/jacoco.xml shows JaCoCo's HTML report", async ({ page }) => {
  const { rows, totals } = await loadXml(page, 'jacoco-commons-cli', 'jacoco.xml', 'jacoco');
  const [footer, ...printed] = jacocoRows('org.apache.commons.cli', 'index.source.html');
  expect(rows).toHaveLength(printed.length);
  const counted = ['complexity', 'lines', 'functions', 'classes'];
  const check = (cells: Record<string, string>, row: string[], name: string) => {
    expect(pct(cells['instructions-pct']), `${name} instructions`).toBe(pct(row[2]));
    expect(pct(cells['branches-pct']), `${name} branches`).toBe(pct(row[4]));
    counted.forEach((metric, index) => {
      const missed = Number(row[5 + 2 * index]);
      const total = row[6 + 2 * index];
      expect([cells[`${metric}-covered`], cells[`${metric}-total`]], `${name} ${metric}`).toEqual([
        String(Number(total) - missed),
        total,
      ]);
    });
  };
  for (const row of printed) {
    const path = `org/apache/commons/cli/${row[0]}`;
    const shown = rows.find((candidate) => candidate.path === path);
    expect(shown, `${path} is a row`).toBeDefined();
    check(shown?.cells ?? {}, row, path);
  }
  check(totals, footer, 'Total');
  for (const [metric, cell] of [['instructions', footer[1]], ['branches', footer[3]]]) {
    const [missed, total] = cell.split(' of ');
    expect([totals[`${metric}-covered`], totals[`${metric}-total`]], metric).toEqual([
      String(Number(total) - Number(missed)),
      total,
    ]);
  }
});
