// Ground truth: fixture locations and a parser for coverage.py's own
// `coverage report -m` text output (report*.txt next to each JSON report).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { basename, join } from 'node:path';

export const FIXTURES = fileURLToPath(new URL('../fixtures/coverage/', import.meta.url));

export const fixturePath = (...parts: string[]): string => join(FIXTURES, ...parts);

/** One row of `coverage report -m` (a file row or the TOTAL row). */
export interface ReportRow {
  name: string;
  statements: string;
  missing: string;
  branches?: string;
  partial?: string;
  /** As printed, including the trailing "%". */
  coverage: string;
  /** As printed in the Missing column ('' when the column is empty/absent). */
  missingLines: string;
}

export interface ParsedReport {
  hasBranch: boolean;
  hasMissingColumn: boolean;
  rows: ReportRow[];
  total: ReportRow;
}

/**
 * Parses the table `coverage report [-m]` prints:
 *
 *   Name   Stmts   Miss [Branch BrPart]  Cover  [Missing]
 *   -----------------------------------------------------
 *   pkg/a.py  10  1  [4  1]  85%  [3, 7->9]
 *   -----------------------------------------------------
 *   TOTAL ...
 */
export function parseReportText(text: string): ParsedReport {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const headerIdx = lines.findIndex((l) => /^Name\s+Stmts\s+Miss\b/.test(l));
  if (headerIdx < 0) throw new Error('report text: header line not found');
  const header = lines[headerIdx].trim().split(/\s+/);
  const hasBranch = header.includes('Branch') && header.includes('BrPart');
  const hasMissingColumn = header.includes('Missing');

  const num = String.raw`(\d+)`;
  const pct = String.raw`(\d+(?:\.\d+)?%)`;
  const rowRe = new RegExp(
    String.raw`^(.+?)\s+${num}\s+${num}` +
      (hasBranch ? String.raw`\s+${num}\s+${num}` : '') +
      String.raw`\s+${pct}(?:\s+(.*))?$`,
  );

  const rows: ReportRow[] = [];
  let total: ReportRow | undefined;
  for (const line of lines.slice(headerIdx + 1)) {
    if (/^-+$/.test(line.trim())) continue;
    const m = rowRe.exec(line.trimEnd());
    if (!m) throw new Error(`report text: cannot parse row ${JSON.stringify(line)}`);
    let i = 1;
    const row: ReportRow = {
      name: m[i++],
      statements: m[i++],
      missing: m[i++],
      coverage: '',
      missingLines: '',
    };
    if (hasBranch) {
      row.branches = m[i++];
      row.partial = m[i++];
    }
    row.coverage = m[i++];
    row.missingLines = (m[i] ?? '').trim();
    if (row.name === 'TOTAL') total = row;
    else rows.push(row);
  }
  if (!total) throw new Error('report text: TOTAL row not found');
  if (rows.length === 0) throw new Error('report text: no file rows');
  return { hasBranch, hasMissingColumn, rows, total };
}

export const readReport = (...parts: string[]): ParsedReport =>
  parseReportText(readFileSync(fixturePath(...parts), 'utf8'));

/** percent_covered (unrounded) and num_statements per file, from a coverage.py JSON report. */
export function readJsonSummaries(
  ...parts: string[]
): Map<string, { percent: number; statements: number }> {
  const json = JSON.parse(readFileSync(fixturePath(...parts), 'utf8')) as {
    files: Record<string, { summary: { percent_covered: number; num_statements: number } }>;
  };
  return new Map(
    Object.entries(json.files).map(([path, f]) => [
      path,
      { percent: f.summary.percent_covered, statements: f.summary.num_statements },
    ]),
  );
}

/** A file to hand to the page, as setInputFiles' payload shape. */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export function fixtureFile(parts: string[], name?: string, mimeType = 'application/json'): FilePayload {
  const path = fixturePath(...parts);
  return { name: name ?? basename(path), mimeType, buffer: readFileSync(path) };
}

export function gunzipFixture(parts: string[], name: string, mimeType = 'application/json'): FilePayload {
  return { name, mimeType, buffer: gunzipSync(readFileSync(fixturePath(...parts))) };
}
