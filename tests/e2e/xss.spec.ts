// Injection: every payload of data/xss/payloads.txt (the well-known filter-evasion
// families) placed where a stranger's data reaches the page: markdown bodies, frontmatter
// values, coverage.json file paths and function and class names, the names of dropped
// files, and a share link made by the app itself and opened in a fresh browser.
//
// Each payload that ran would leave a marker: a dialog, `window.__xss`, or a request to
// xss.invalid. Every test fails on any dialog, any marker, any request other than the
// app's own files, any Content-Security-Policy violation (the shared guard also fails on
// those and on console errors), and any element or attribute in the page that could run
// script (script, iframe, object, embed, on* handlers, javascript:/data: URLs...).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import {
  test,
  expect,
  openApp,
  dropFiles,
  docItems,
  docView,
  showView,
  reportItems,
  coverageTable,
  fileRows,
  deltaRows,
  watchContentSecurityPolicy,
} from './fixtures';
import type { FilePayload } from './report';

const PAYLOAD_FILE = fileURLToPath(new URL('./data/xss/payloads.txt', import.meta.url));

interface Payload {
  family: string;
  text: string;
}

/** The payloads: one per line under "## family" headings; "\n" stands for a newline. */
function readPayloads(): Payload[] {
  const payloads: Payload[] = [];
  let family = '';
  for (const line of readFileSync(PAYLOAD_FILE, 'utf8').split('\n')) {
    if (line.startsWith('## ')) family = line.slice(3).trim();
    else if (line.startsWith('#') || line.trim() === '') continue;
    else payloads.push({ family, text: line.replaceAll('\\n', '\n') });
  }
  return payloads;
}

const PAYLOADS = readPayloads();
/** Reports how many payloads a placement received (in the test list's output). */
function reportPlacement(placement: string, count: number): void {
  test.info().annotations.push({ type: 'payloads', description: `${placement}: ${count}` });
  console.log(`xss placement: ${placement}: ${count} payloads`);
}

const markdownFile = (name: string, text: string): FilePayload => ({
  name,
  mimeType: 'text/markdown',
  buffer: Buffer.from(text, 'utf8'),
});
const jsonFile = (name: string, value: unknown): FilePayload => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(value), 'utf8'),
});
const number = (index: number): string => String(index + 1).padStart(3, '0');
/** A YAML double-quoted scalar (YAML reads JSON strings as they are). */
const yaml = (text: string): string => JSON.stringify(text);

// ---------------------------------------------------------------------------
// What the page must never do
// ---------------------------------------------------------------------------

interface Watch {
  dialogs: string[];
  requests: string[];
}

/** Records dialogs (dismissing them) and every request that is not one of the app's files. */
function watchPage(page: Page): Watch {
  const watch: Watch = { dialogs: [], requests: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    // data: and blob: never leave the browser; elements that could load them are caught by
    // the DOM scan below.
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!isAppFile(url, page)) watch.requests.push(`${request.method()} ${url}`);
  });
  return watch;
}

/** The page itself and the files Trunk builds (loader, wasm, stylesheet, service worker). */
function isAppFile(url: string, page: Page): boolean {
  const appOrigin = new URL(page.url() === 'about:blank' ? url : page.url()).origin;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.origin !== appOrigin) return false;
  return /^\/(|index\.html|sw\.js|parse-worker\.js|covscope-parse-worker(_bg\.wasm|\.js)|covscope\.html|covscope-[0-9a-f]+(_bg\.wasm|\.js)|main-[0-9a-f]+\.css|demo\/[\w./-]+)$/.test(
    parsed.pathname,
  );
}

/**
 * Scrolls the virtual table from top to bottom, a screenful at a time, and returns every
 * file path that was rendered on the way: each hostile path must reach the DOM once.
 */
async function pathsRenderedWhileScrolling(page: Page): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let step = 0; step < 1_000; step += 1) {
    const { paths, atEnd } = await coverageTable(page).evaluate((table) => {
      const area = table.parentElement as HTMLElement;
      const rendered = [...table.querySelectorAll('[data-testid="file-row"]')].map(
        (row) => row.getAttribute('data-path') ?? '',
      );
      const end = area.scrollTop + area.clientHeight >= area.scrollHeight - 1;
      area.scrollTop += Math.max(area.clientHeight - 60, 30);
      return { paths: rendered, atEnd: end };
    });
    paths.forEach((path) => seen.add(path));
    if (atEnd) break;
    // Let the scroll event re-render the window before reading it again.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  return seen;
}

/** Elements and attributes in the page that could run script or load something. */
async function scriptCapableNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const dangerousElements = new Set([
      'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'base', 'meta',
      'link', 'style', 'form', 'template', 'noscript', 'img', 'image', 'video', 'audio', 'source',
      'animate', 'set', 'animatetransform', 'animatemotion', 'foreignobject', 'use', 'math', 'xmp',
      'listing', 'marquee', 'isindex',
    ]);
    const urlAttributes = new Set([
      'href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'srcset', 'to', 'values',
    ]);
    const describe = (element: Element) => `<${element.localName}> in ${element.parentElement?.className ?? '?'}`;
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      if (dangerousElements.has(element.localName.toLowerCase())) found.push(`element ${describe(element)}`);
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (name.startsWith('on')) found.push(`handler ${name}="${attribute.value}" on ${describe(element)}`);
        if (name === 'srcdoc' || name === 'style') found.push(`${name}="${attribute.value}" on ${describe(element)}`);
        if (urlAttributes.has(name) && /^(javascript|vbscript|data|livescript):/.test(value)) {
          found.push(`${name}="${attribute.value}" on ${describe(element)}`);
        }
      }
    }
    // Nothing may have been added to <head> (a <base>, a <meta> refresh or a policy).
    for (const element of Array.from(document.head.querySelectorAll('base, meta[http-equiv="refresh"]'))) {
      found.push(`head element ${element.outerHTML}`);
    }
    if (document.head.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').length !== 1) {
      found.push('the page no longer has exactly one Content-Security-Policy meta');
    }
    return found;
  });
}

/** Fails on any dialog, marker, foreign or unknown request, or script-capable node. */
async function expectNothingRan(page: Page, watch: Watch, placement: string): Promise<void> {
  const marker = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);
  const nodes = await scriptCapableNodes(page);
  expect(
    { dialogs: watch.dialogs, marker, requests: watch.requests, nodes },
    `${placement}: no dialog, no marker, no request but the app's files, nothing that runs script`,
  ).toEqual({ dialogs: [], marker: null, requests: [], nodes: [] });
}

/** Opens every listed document in turn (by position: the names themselves are hostile). */
async function openEveryDocument(page: Page, expectedCount: number): Promise<void> {
  await showView(page, 'docs');
  const items = docItems(page);
  await expect(items).toHaveCount(expectedCount);
  for (let index = 0; index < expectedCount; index += 1) {
    const item = items.nth(index);
    await item.click();
    await expect(item).toHaveAttribute('aria-current', 'true');
    await expect(docView(page)).toBeVisible();
  }
}

/** A coverage.json whose file paths, function names and class names are the payloads. */
function hostileCoverageReport(missingLineOfFirstFile: number, singleLine = false): unknown {
  const summary = (covered: number, statements: number) => ({
    covered_lines: covered,
    num_statements: statements,
    percent_covered: (100 * covered) / statements,
    percent_covered_display: String(Math.round((100 * covered) / statements)),
    missing_lines: statements - covered,
    excluded_lines: 0,
  });
  const region = { executed_lines: [1], summary: summary(1, 1), missing_lines: [], excluded_lines: [] };
  const files: Record<string, unknown> = {};
  let covered = 0;
  let statements = 0;
  PAYLOADS.forEach((payload, index) => {
    // Share links refuse control characters in paths (the app says so), so a report meant
    // for a link has the few multi-line payloads on one line.
    const name = singleLine ? payload.text.replaceAll('\n', ' ') : payload.text;
    const executed = index === 0 ? [1, 2, 3].filter((line) => line !== missingLineOfFirstFile) : [1, 2];
    const missing = index === 0 ? [missingLineOfFirstFile] : [3];
    covered += executed.length;
    statements += 3;
    files[name] = {
      executed_lines: executed,
      summary: summary(executed.length, 3),
      missing_lines: missing,
      excluded_lines: [],
      functions: { [name]: region, [`${name}.<locals>.inner`]: region },
      classes: { [name]: region },
    };
  });
  return {
    meta: {
      format: 3,
      version: '7.10.7',
      timestamp: `2026-01-0${missingLineOfFirstFile}T10:00:00`,
      branch_coverage: false,
      show_contexts: false,
    },
    files,
    totals: summary(covered, statements),
  };
}

// ---------------------------------------------------------------------------
// Placements
// ---------------------------------------------------------------------------

test('the payload file holds at least 100 payloads from the evasion families', () => {
  const families = new Set(PAYLOADS.map((payload) => payload.family));
  expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
  expect([...families].sort()).toEqual(
    [
      'entities-and-escapes', 'event-handler', 'frames-and-embeds', 'javascript-url', 'markdown',
      'meta-base-form-link', 'mutation', 'script-tag', 'style', 'svg',
    ].sort(),
  );
  expect(new Set(PAYLOADS.map((payload) => payload.text)).size, 'no payload twice').toBe(PAYLOADS.length);
});

test('markdown bodies: every payload in paragraphs, lists, quotes, tables and plan blocks', async ({ page }) => {
  test.setTimeout(240_000);
  const watch = watchPage(page);
  await openApp(page);
  const files = PAYLOADS.map((payload, index) => {
    const inline = payload.text.replaceAll('\n', ' ');
    return markdownFile(
      `xss-body-${number(index)}.md`,
      [
        `# Body ${number(index)} ${inline}`,
        '',
        payload.text,
        '',
        `- item ${inline}`,
        '',
        `> quote ${inline}`,
        '',
        '| cell | other |',
        '|---|---|',
        `| ${inline.replaceAll('|', '\\|')} | x |`,
        '',
        '<objective>',
        payload.text,
        '</objective>',
        '',
        `<task type="auto"><name>${inline}</name><action>${inline}</action></task>`,
        '',
        `Coverage of ${inline} is 50%.`,
        '',
      ].join('\n'),
    );
  });
  await dropFiles(page, files);
  await openEveryDocument(page, files.length);
  reportPlacement('markdown bodies', PAYLOADS.length);
  await expectNothingRan(page, watch, 'markdown bodies');
});

/** The three frontmatter documents of one payload: VERIFICATION, PLAN and SUMMARY fields. */
function frontmatterDocuments(payload: Payload, index: number): Record<'verification' | 'plan' | 'summary', FilePayload> {
  const p = yaml(payload.text);
  const verification = [
    '---',
    `phase: ${p}`,
    'verified: 2026-01-01T00:00:00Z',
    `status: ${p}`,
    `score: ${p}`,
    'gaps:',
    `  - truth: ${p}`,
    '    status: failed',
    `    reason: ${p}`,
    '    artifacts:',
    `      - path: ${p}`,
    `        issue: ${p}`,
    '    missing:',
    `      - ${p}`,
    `  - truth: ${p}`,
    `    status: ${p}`,
    'human_verification:',
    `  - test: ${p}`,
    `    expected: ${p}`,
    `    why_human: ${p}`,
    `extra_${number(index)}: ${p}`,
    '---',
    '',
    'Body.',
    '',
  ].join('\n');
  const plan = [
    '---',
    `phase: ${p}`,
    `plan: ${p}`,
    'type: execute',
    'wave: 1',
    `depends_on: [${p}]`,
    'files_modified:',
    `  - ${p}`,
    'must_haves:',
    '  truths:',
    `    - ${p}`,
    '  artifacts:',
    `    - path: ${p}`,
    `      provides: ${p}`,
    '  key_links:',
    `    - from: ${p}`,
    `      to: ${p}`,
    `      via: ${p}`,
    '---',
    '',
    `<objective>${payload.text.replaceAll('\n', ' ')}</objective>`,
    '',
  ].join('\n');
  const summary = [
    '---',
    `phase: ${p}`,
    `plan: ${p}`,
    `subsystem: ${p}`,
    `tags: [${p}]`,
    'key-files:',
    `  created: [${p}]`,
    `one_liner: ${p}`,
    '---',
    '',
    'Summary body.',
    '',
  ].join('\n');
  return {
    verification: markdownFile(`${number(index)}-xss-VERIFICATION.md`, verification),
    plan: markdownFile(`${number(index)}-01-PLAN.md`, plan),
    summary: markdownFile(`${number(index)}-01-SUMMARY.md`, summary),
  };
}

for (const kind of ['verification', 'plan', 'summary'] as const) {
  test(`frontmatter values of ${kind.toUpperCase()} documents (phase, status, score, gaps, truths, artifacts...)`, async ({ page }) => {
    test.setTimeout(240_000);
    const watch = watchPage(page);
    await openApp(page);
    const files = PAYLOADS.map((payload, index) => frontmatterDocuments(payload, index)[kind]);
    await dropFiles(page, files);
    await openEveryDocument(page, files.length);
    await showView(page, 'phases');
    await expect(page.locator('[data-testid="phase"]').first()).toBeVisible();
    reportPlacement(`frontmatter values (${kind.toUpperCase()})`, PAYLOADS.length);
    await expectNothingRan(page, watch, `frontmatter values (${kind})`);
  });
}

test('coverage.json file paths and function and class names, in the table, comparison and trend', async ({ page }) => {
  test.setTimeout(180_000);
  const watch = watchPage(page);
  await openApp(page);
  await dropFiles(page, [jsonFile('before.json', hostileCoverageReport(1)), jsonFile('after.json', hostileCoverageReport(2))]);
  await expect(reportItems(page)).toHaveCount(2);
  await expect(fileRows(page).first()).toBeVisible();
  expect((await pathsRenderedWhileScrolling(page)).size).toBe(PAYLOADS.length);
  // The filter box echoes a hostile path back into the page.
  await page.getByTestId('filter-input').fill(PAYLOADS[0].text.replaceAll('\n', ' '));
  await page.getByTestId('filter-input').fill('');
  await showView(page, 'compare');
  await expect(deltaRows(page).first()).toBeVisible();
  await deltaRows(page).first().click();
  await showView(page, 'trend');
  await expect(page.locator('[data-testid="trend-point"]')).toHaveCount(2);
  await showView(page, 'table');
  await expect(coverageTable(page)).toBeVisible();
  reportPlacement('coverage.json file paths', PAYLOADS.length);
  reportPlacement('coverage.json function and class names (parsed and carried in share links; no view displays them today)', PAYLOADS.length);
  await expectNothingRan(page, watch, 'coverage.json paths and names');
});

test('names of dropped files: documents, reports and files that fail to load', async ({ page }) => {
  test.setTimeout(300_000);
  const watch = watchPage(page);
  await openApp(page);
  const report = { meta: { format: 3, version: '7.10.7', timestamp: '2026-01-01T10:00:00', branch_coverage: false, show_contexts: false }, files: {}, totals: { covered_lines: 0, num_statements: 0, percent_covered: 100, percent_covered_display: '100', missing_lines: 0, excluded_lines: 0 } };
  const documents = PAYLOADS.map((payload, index) => markdownFile(`${payload.text}${number(index)}.md`, `# ${number(index)}\n`));
  const reports = PAYLOADS.map((payload, index) => jsonFile(`${payload.text}${number(index)}.json`, report));
  const broken = PAYLOADS.map((payload, index) => ({
    name: `${payload.text}${number(index)}-broken.json`,
    mimeType: 'application/json',
    buffer: Buffer.from('{"meta": ', 'utf8'),
  }));
  await dropFiles(page, [...documents, ...reports, ...broken]);
  // 402 files go through the parsing worker one after another: on a busy two-core machine
  // that took longer than the default ten seconds (100 of 134 reports were in).
  await expect(reportItems(page)).toHaveCount(reports.length, { timeout: 90_000 });
  await expect(page.locator('[data-testid="load-error"]')).toHaveCount(broken.length, { timeout: 30_000 });
  await openEveryDocument(page, documents.length);
  await showView(page, 'phases');
  await showView(page, 'compare');
  await showView(page, 'trend');
  reportPlacement('document file names', PAYLOADS.length);
  reportPlacement('report file names', PAYLOADS.length);
  reportPlacement('file names in load errors', PAYLOADS.length);
  await expectNothingRan(page, watch, 'file names');
});

test('share link: hostile paths and report names, encoded by the app, open in a fresh browser', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const watch = watchPage(page);
  await openApp(page);
  const reportName = `${PAYLOADS[0].text}.json`;
  await dropFiles(page, [jsonFile(reportName, hostileCoverageReport(1, true))]);
  // The demo's rows are visible before the dropped report arrives from the parsing worker;
  // the scan waits for the dropped report's rows (header, one row per payload, totals).
  const unfilteredRowCount = String(PAYLOADS.length + 2);
  await expect(coverageTable(page)).toHaveAttribute('aria-rowcount', unfilteredRowCount);
  await expect(fileRows(page).first()).toBeVisible();
  expect((await pathsRenderedWhileScrolling(page)).size).toBe(PAYLOADS.length);
  // A hostile filter travels in the link too.
  await page.getByTestId('filter-input').fill('<img src=x onerror=alert(1)>');
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#v1.');
  await expectNothingRan(page, watch, 'share link (sender)');

  await openInFreshBrowser(browser, link, async (fresh, freshWatch) => {
    await expect(fresh.getByTestId('filter-input')).toHaveValue('<img src=x onerror=alert(1)>');
    await fresh.getByTestId('filter-input').fill('');
    // The rows the filter kept are visible at once; the scan waits for every row to be
    // back (it once counted the 14 filtered rows on a busy machine).
    await expect(coverageTable(fresh)).toHaveAttribute('aria-rowcount', unfilteredRowCount);
    await expect(fresh.locator('[data-testid="coverage-table"] [data-testid="file-row"]').first()).toBeVisible();
    expect((await pathsRenderedWhileScrolling(fresh)).size).toBe(PAYLOADS.length);
    await expectNothingRan(fresh, freshWatch, 'share link (receiver)');
  });
  reportPlacement('share link (paths, report name, filter)', PAYLOADS.length);
});

/** Opens `link` in a new browser context with the same checks as the guard. */
async function openInFreshBrowser(
  browser: Browser,
  link: string,
  check: (page: Page, watch: Watch) => Promise<void>,
): Promise<void> {
  const context = await browser.newContext();
  const problems: string[] = [];
  await watchContentSecurityPolicy(context, (violation) => problems.push(violation));
  try {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const watch = watchPage(page);
    await page.goto(link);
    await expect(page.getByTestId('file-input')).toBeAttached();
    await check(page, watch);
  } finally {
    await context.close();
  }
  expect(problems, 'fresh browser: no console errors, page errors or CSP violations').toEqual([]);
}
