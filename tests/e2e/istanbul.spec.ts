// Istanbul's coverage-final.json and coverage-summary.json in the browser: every file row
// and the totals row show exactly what Istanbul's text reporter printed for the same run
// (report.txt: the four percentages and the uncovered lines, cut to the column as the
// reporter cuts them) and the counts of its text-summary.
import { readFileSync } from 'node:fs';
import { test, expect, openApp, pickFiles, expectReportSelected, snapshotTable } from './fixtures';
import { fixturePath } from './report';

const FOLDERS = [
  'c8-express',
  'c8-commander',
  'jest-commander',
  'jest-v8-commander',
  'istanbul-oddities/nyc',
  'istanbul-oddities/c8',
  'istanbul-oddities/c8-single-folder',
] as const;

const METRICS = ['statements', 'branches', 'functions', 'lines'] as const;

interface TableRow {
  depth: number;
  name: string;
  percents: string[];
  uncovered: string;
}

/** The text reporter's table: rule, header, rule, rows indented one space per level, rule. */
function readTable(folder: string): { rows: TableRow[]; uncoveredWidth: number } {
  const lines = readFileSync(fixturePath(folder, 'report.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  const segments = lines[0].split('-|-');
  const uncoveredWidth = segments[segments.length - 1].length - 1;
  const rows: TableRow[] = [];
  for (const line of lines.slice(3)) {
    if (line.startsWith('-')) break;
    const cells = line.split(' | ');
    const name = cells[0].trimStart();
    rows.push({
      depth: cells[0].length - name.length,
      name: name.trimEnd(),
      percents: cells.slice(1, 5).map((cell) => cell.trim()),
      uncovered: cells[5].trimEnd(),
    });
  }
  return { rows, uncoveredWidth };
}

/** Each file row with its path relative to the common folder (folder label + name). */
function fileRowsOf(rows: TableRow[]): { relativePath: string; row: TableRow }[] {
  const files: { relativePath: string; row: TableRow }[] = [];
  let folder: TableRow | undefined;
  rows.forEach((row, index) => {
    if (index === 0) return;
    if ((rows[index + 1]?.depth ?? -1) > row.depth) {
      folder = row;
      return;
    }
    const inFolder = folder && folder.depth < row.depth ? folder : undefined;
    files.push({ relativePath: inFolder ? `${inFolder.name}/${row.name}` : row.name, row });
  });
  return files;
}

/** The text reporter's `fill()`: a list wider than its column becomes `...` and its tail. */
const fitted = (text: string, width: number): string =>
  text.length <= width ? text : `...${text.slice(text.length - (width - 3))}`;

const withoutPercentSign = (text: string): string => text.replace(/%$/, '');

for (const folder of FOLDERS) {
  for (const [fileName, format] of [
    ['coverage-final.json', 'istanbul'],
    ['coverage-summary.json', 'istanbul-summary'],
  ] as const) {
    test(`${folder}/${fileName} matches ${folder}/report.txt`, async ({ page }) => {
      const { rows, uncoveredWidth } = readTable(folder);
      await openApp(page);
      await pickFiles(page, [fixturePath(folder, fileName)]);
      await expectReportSelected(page, fileName);
      const files = fileRowsOf(rows);
      const snapshot = await snapshotTable(page);
      expect(snapshot.rows).toHaveLength(files.length);
      for (const { relativePath, row } of files) {
        const shown = snapshot.rows.filter((candidate) => candidate.path?.endsWith(`/${relativePath}`));
        expect(shown, relativePath).toHaveLength(1);
        const cells = shown[0].cells;
        expect(
          METRICS.map((metric) => withoutPercentSign(cells[`${metric}-pct`])),
          `${relativePath}: % Stmts, % Branch, % Funcs, % Lines`,
        ).toEqual(row.percents);
        // The summary has no lines; coverage-final.json's list is the reporter's, uncut.
        const uncovered = format === 'istanbul' ? fitted(cells['missing-lines'], uncoveredWidth) : row.uncovered;
        expect(uncovered, `${relativePath}: Uncovered Line #s`).toBe(row.uncovered);
        if (format === 'istanbul-summary') expect(cells['missing-lines'] ?? '').toBe('');
      }
      const totals = snapshot.totals[0].cells;
      expect(METRICS.map((metric) => withoutPercentSign(totals[`${metric}-pct`]))).toEqual(rows[0].percents);
      const summary = readFileSync(fixturePath(folder, 'text-summary.txt'), 'utf8');
      for (const [metric, word] of [
        ['statements', 'Statements'],
        ['branches', 'Branches'],
        ['functions', 'Functions'],
        ['lines', 'Lines'],
      ] as const) {
        const printed = new RegExp(`^${word}\\s*: \\S+% \\( (\\d+)/(\\d+) \\)`, 'm').exec(summary);
        expect(printed, `${folder} text-summary ${word}`).not.toBeNull();
        expect([totals[`${metric}-covered`], totals[`${metric}-total`]]).toEqual([printed?.[1], printed?.[2]]);
      }
    });
  }
}
