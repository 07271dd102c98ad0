// Sharing and offline use: share links (view + data in the fragment), history Back/Forward,
// reload, the 32 KB link limit, the standalone file, the single-file build from disk,
// hosting under a sub-path (with its service worker) and `?src=` loading.
//
// Pages on the suite's server use the automatic `guard` (fixtures.ts). Every other page
// runs in its own browser context from the `isolated` fixture below, which applies the
// same checks (console errors, page errors, CSP violations, requests outside what that page may reach)
// and closes the context afterwards.
import { createServer, type Server } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import {
  test as base,
  expect,
  watchContentSecurityPolicy,
  openApp,
  pickFiles,
  expectReportSelected,
  expectTableMatchesReport,
  coverageTable,
  fileRows,
  loadError,
  reportItem,
  reportItems,
  shownPaths,
  snapshotTable,
  sortButton,
  sortHeader,
  showView,
} from './fixtures';
import { fixtureFile, fixturePath, readJsonSummaries, readReport } from './report';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = resolve(ROOT, process.env.DIST_DIR ?? 'dist');
const SINGLE_FILE = resolve(ROOT, 'dist-single', 'covscope.html');

const BOLTONS = readReport('boltons', 'report.txt');
const BOLTONS_SUMMARY = readJsonSummaries('boltons', 'coverage.json');
const TOOLZ = readReport('toolz', 'report.txt');

const LINK_LIMIT_BYTES = 32_000;

// ---------------------------------------------------------------------------
// Isolated browser contexts with the guard's checks
// ---------------------------------------------------------------------------

interface IsolatedOptions {
  /** Requests (other than data: and blob:) the pages may make. */
  allowRequest: (url: string) => boolean;
  /** Abort every request that is not file:, data: or blob: (an offline machine). */
  blockNetwork?: boolean;
}

interface Isolated {
  context: BrowserContext;
  page: Page;
  /** Every request URL seen in the context, in order. */
  requests: string[];
  /** Ignore console errors whose text matches `pattern`. */
  allowConsoleError(pattern: RegExp): void;
}

const isLocalUrl = (url: string): boolean =>
  url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:');

const test = base.extend<{ isolated: (options: IsolatedOptions) => Promise<Isolated> }>({
  isolated: async ({ browser }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    const problems: string[] = [];
    await use(async ({ allowRequest, blockNetwork }) => {
      const context = await browser.newContext();
      contexts.push(context);
      const label = `context ${contexts.length}`;
      if (blockNetwork) {
        await context.route('**/*', (route) =>
          isLocalUrl(route.request().url()) ? route.continue() : route.abort('internetdisconnected'),
        );
      }
      const allowed: RegExp[] = [];
      const requests: string[] = [];
      context.on('request', (req) => {
        const url = req.url();
        requests.push(url);
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (!allowRequest(url)) problems.push(`${label}: request outside what the page may reach: ${req.method()} ${url}`);
      });
      await watchContentSecurityPolicy(context, (violation) => problems.push(`${label}: ${violation}`));
      const watched = new WeakSet<Page>();
      const watch = (p: Page) => {
        if (watched.has(p)) return;
        watched.add(p);
        p.on('console', (msg) => {
          if (msg.type() !== 'error') return;
          const text = msg.text();
          if (allowed.some((re) => re.test(text))) return;
          problems.push(`${label}: console error: ${text}`);
        });
        p.on('pageerror', (err) => problems.push(`${label}: page error: ${err.stack ?? err.message}`));
      };
      context.on('page', watch);
      const page = await context.newPage();
      watch(page);
      return { context, page, requests, allowConsoleError: (pattern) => void allowed.push(pattern) };
    });
    for (const context of contexts) await context.close();
    if (problems.length) {
      await testInfo.attach('isolated-page-problems.txt', { body: problems.join('\n'), contentType: 'text/plain' });
    }
    expect(problems, 'isolated contexts: no console errors, page errors or unexpected requests').toEqual([]);
  },
});

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Boltons paths containing `text`, by coverage ascending (ties by path). */
function boltonsFilteredByCoverage(text: string): string[] {
  return BOLTONS.rows
    .map((r) => r.name)
    .filter((p) => p.toLowerCase().includes(text.toLowerCase()))
    .sort((a, b) => BOLTONS_SUMMARY.get(a)!.percent - BOLTONS_SUMMARY.get(b)!.percent || byPath(a, b));
}

async function waitForApp(page: Page): Promise<void> {
  await expect(page.getByTestId('file-input')).toBeAttached();
}

/** data-path of every rendered file-row, in DOM order. */
const rowPaths = (page: Page): Promise<(string | null)[]> =>
  fileRows(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')));

const fragmentOf = (page: Page): Promise<string> => page.evaluate(() => location.hash);

// ---------------------------------------------------------------------------
// A server for dist/ under a sub-path, with one fixture beside it
// ---------------------------------------------------------------------------

const SUB = '/covscope/';
const SERVED_FIXTURE = `${SUB}fixtures/coverage.json`;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

let subServer: Server | undefined;
let subOrigin = '';
/** Every path the sub-path server was asked for. */
const subServerHits: string[] = [];

test.beforeAll(async () => {
  subServer = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    subServerHits.push(path);
    let file: string | null = null;
    if (path === SERVED_FIXTURE) {
      file = fixturePath('toolz', 'coverage.json');
    } else if (path.startsWith(SUB)) {
      const rest = decodeURIComponent(path.slice(SUB.length)) || 'index.html';
      const candidate = resolve(join(DIST, rest));
      if (candidate.startsWith(DIST + sep)) file = candidate;
    }
    let body: Buffer | null = null;
    try {
      if (file && statSync(file).isFile()) body = readFileSync(file);
    } catch {
      body = null;
    }
    if (!file || !body) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((ok) => subServer!.listen(0, '127.0.0.1', ok));
  subOrigin = `http://127.0.0.1:${(subServer.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  if (subServer) await new Promise<void>((ok) => subServer!.close(() => ok()));
});

const insideSubPath = (url: string): boolean => url.startsWith(`${subOrigin}${SUB}`);

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

test('share link round trip: a fresh browser opens the same reports and the same view', async ({
  page,
  baseURL,
  isolated,
}) => {
  const appOrigin = new URL(baseURL!).origin;
  const expectedOrder = boltonsFilteredByCoverage('cache');
  expect(expectedOrder.length).toBeGreaterThan(0);

  await openApp(page);
  await pickFiles(page, [fixtureFile(['boltons', 'coverage.json'])]);
  await expectReportSelected(page, 'coverage.json');
  await page.getByTestId('filter-input').fill('cache');
  await sortButton(page, 'coverage').click();
  await expect(sortHeader(page, 'coverage')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => shownPaths(page)).toEqual(expectedOrder);
  await expect.poll(() => fragmentOf(page)).toMatch(/^#v1\./);
  const originalPaths = await rowPaths(page);
  const originalTable = await snapshotTable(page);

  await page.getByTestId('share-button').click();
  const panel = page.getByTestId('share-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('share-message')).toContainText(/\bKB\b/);
  const linkInput = page.getByTestId('share-link');
  await expect(linkInput).toHaveValue(/#v1\./);
  const link = await linkInput.inputValue();
  const linkUrl = new URL(link);
  expect(linkUrl.origin).toBe(appOrigin);
  expect(link.startsWith(page.url().split('#')[0] + '#v1.'), 'link = page address + #v1.…').toBe(true);
  // The data travels in the fragment only, and the whole link fits the limit.
  expect(Buffer.byteLength(link, 'utf8')).toBeLessThanOrEqual(LINK_LIMIT_BYTES);
  expect(linkUrl.search).toBe('');

  const other = await isolated({ allowRequest: (url) => new URL(url).origin === appOrigin });
  await other.page.goto(link);
  await waitForApp(other.page);
  await expectReportSelected(other.page, 'coverage.json');
  await expect(reportItems(other.page)).toHaveCount(1);
  await expect(other.page.getByTestId('filter-input')).toHaveValue('cache');
  await expect(sortHeader(other.page, 'coverage')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => rowPaths(other.page)).toEqual(originalPaths);
  expect(await snapshotTable(other.page)).toEqual(originalTable);

  // The link carried the whole report, not just the filtered rows.
  await other.page.getByTestId('filter-input').fill('');
  await expectTableMatchesReport(other.page, BOLTONS);
});

test('Back and Forward move between views; typing a filter adds no history entries', async ({ page }) => {
  await openApp(page);
  await expect(coverageTable(page)).toBeVisible();
  await expect.poll(() => fragmentOf(page)).toMatch(/^#v1\./);
  const historyLength = () => page.evaluate(() => history.length);
  const start = await historyLength();

  await page.getByTestId('filter-input').pressSequentially('curr');
  await expect(page.getByTestId('filter-input')).toHaveValue('curr');
  await expect.poll(async () => (await shownPaths(page)).length).toBe(3);
  expect(await historyLength(), 'filter typing replaces the entry in place').toBe(start);

  await showView(page, 'compare');
  await showView(page, 'docs');
  expect(await historyLength()).toBe(start + 2);

  await page.goBack();
  await expect(page.getByTestId('nav-compare')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('nav-docs')).not.toHaveAttribute('aria-current', 'page');

  await page.goForward();
  await expect(page.getByTestId('nav-docs')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('nav-compare')).not.toHaveAttribute('aria-current', 'page');

  // Two steps back is the table as it was left, filter included.
  await page.goBack();
  await expect(page.getByTestId('nav-compare')).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await expect(page.getByTestId('nav-table')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('filter-input')).toHaveValue('curr');
});

test('after Back, opening the same view again pushes a new entry (Back does not leave the app)', async ({ page }) => {
  await openApp(page);
  await expect(coverageTable(page)).toBeVisible();
  await expect.poll(() => fragmentOf(page)).toMatch(/^#v1\./);
  const tableAddress = page.url();

  await showView(page, 'compare');
  await page.goBack();
  await expect(page.getByTestId('nav-table')).toHaveAttribute('aria-current', 'page');
  expect(page.url()).toBe(tableAddress);

  // A navigation from here must push: the table entry stays behind it.
  await showView(page, 'compare');
  await page.goBack();
  expect(page.url(), 'Back returns to the table entry, not out of the app').toBe(tableAddress);
  await expect(page.getByTestId('nav-table')).toHaveAttribute('aria-current', 'page');
});

test('reload keeps filter and sort; the address alone carries them to a fresh browser', async ({
  page,
  baseURL,
  isolated,
}) => {
  const appOrigin = new URL(baseURL!).origin;
  await openApp(page);
  await expect(coverageTable(page)).toBeVisible();
  const demoName = await reportItems(page)
    .and(page.locator('[aria-selected="true"]'))
    .getAttribute('data-name');
  expect(demoName).toBeTruthy();

  await page.getByTestId('filter-input').fill('curried');
  await sortButton(page, 'coverage').click();
  await expect(sortHeader(page, 'coverage')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => (await shownPaths(page)).length).toBe(3);
  const before = await shownPaths(page);
  await expect.poll(() => fragmentOf(page)).toMatch(/^#v1\./);
  const address = page.url();

  await page.reload();
  await waitForApp(page);
  await expectReportSelected(page, demoName!);
  await expect(page.getByTestId('filter-input')).toHaveValue('curried');
  await expect(sortHeader(page, 'coverage')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => shownPaths(page)).toEqual(before);

  // A fresh context has no local storage: the fragment alone brings the view back.
  const other = await isolated({ allowRequest: (url) => new URL(url).origin === appOrigin });
  await other.page.goto(address);
  await waitForApp(other.page);
  await expectReportSelected(other.page, demoName!);
  await expect(other.page.getByTestId('filter-input')).toHaveValue('curried');
  await expect(sortHeader(other.page, 'coverage')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => shownPaths(other.page)).toEqual(before);
});

test('over 32 KB the panel offers no link and points to the standalone file', async ({ page }) => {
  test.setTimeout(120_000);
  const files = [
    fixtureFile(['boltons', 'coverage.json']),
    fixtureFile(['boltons', 'coverage-precision2.json']),
    fixtureFile(['boltons', 'coverage-nobranch.json']),
    fixtureFile(['boltons', 'series', '01-coverage.json']),
    fixtureFile(['boltons', 'series', '02-coverage.json']),
    fixtureFile(['boltons', 'series', '03-coverage.json']),
  ];
  await openApp(page);
  await pickFiles(page, files);
  for (const f of files) await expect(reportItem(page, f.name)).toHaveCount(1, { timeout: 30_000 });
  await expect(reportItems(page)).toHaveCount(files.length);
  await expect(page.getByTestId('load-progress')).toHaveCount(0, { timeout: 30_000 });

  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-panel')).toBeVisible();
  const message = page.getByTestId('share-message');
  await expect(message).toContainText(/standalone file/i);
  await expect(message).toContainText(/\bKB\b/);
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  await expect(page.getByTestId('download-standalone')).toBeVisible();
});

test('the standalone file saved from the hosted app opens from disk with no network', async ({
  page,
  isolated,
}, testInfo) => {
  await openApp(page);
  await pickFiles(page, [fixtureFile(['boltons', 'coverage.json'])]);
  await expectReportSelected(page, 'coverage.json');

  await page.getByTestId('share-button').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('download-standalone').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('covscope-standalone.html');
  const saved = testInfo.outputPath('covscope-standalone.html');
  await download.saveAs(saved);
  await expect(page.getByTestId('standalone-note')).toHaveText(/^Saved covscope-standalone\.html: /);

  const html = readFileSync(saved, 'utf8');
  expect(html).toContain('id="covscope-embedded-data"');
  expect(html).toContain('id="covscope-app"');

  const offline = await isolated({ allowRequest: isLocalUrl, blockNetwork: true });
  await offline.page.goto(pathToFileURL(saved).href);
  await waitForApp(offline.page);
  await expectReportSelected(offline.page, 'coverage.json');
  await expect(reportItems(offline.page)).toHaveCount(1);
  await expect(fileRows(offline.page)).toHaveCount(BOLTONS.rows.length);
  await expectTableMatchesReport(offline.page, BOLTONS);
  expect(offline.requests.filter((url) => !isLocalUrl(url)), 'requests that are not file:/data:/blob:').toEqual([]);
});

test('the single-file build opens from disk with no network, shows the demo and loads a report', async ({
  isolated,
}) => {
  const offline = await isolated({ allowRequest: isLocalUrl, blockNetwork: true });
  await offline.page.goto(pathToFileURL(SINGLE_FILE).href);
  await waitForApp(offline.page);
  await expect(coverageTable(offline.page)).toBeVisible();
  await expect(fileRows(offline.page).first()).toBeVisible();
  await expect(reportItems(offline.page).and(offline.page.locator('[aria-selected="true"]'))).toHaveCount(1);

  await pickFiles(offline.page, [fixtureFile(['toolz', 'coverage.json'])]);
  await expectReportSelected(offline.page, 'coverage.json');
  await expectTableMatchesReport(offline.page, TOOLZ);
  expect(offline.requests.filter((url) => !isLocalUrl(url)), 'requests that are not file:/data:/blob:').toEqual([]);
});

test('hosted under a sub-path: the demo renders, nothing is asked for outside it, the service worker registers there', async ({
  isolated,
}) => {
  const hitsBefore = subServerHits.length;
  const hosted = await isolated({ allowRequest: insideSubPath });
  await hosted.page.goto(`${subOrigin}${SUB}`);
  await waitForApp(hosted.page);
  await expect(coverageTable(hosted.page)).toBeVisible();
  await expect(fileRows(hosted.page).first()).toBeVisible();

  const worker = await hosted.page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return { scope: registration.scope, script: registration.active?.scriptURL ?? null };
  });
  expect(worker).toEqual({ scope: `${subOrigin}${SUB}`, script: `${subOrigin}${SUB}sw.js` });

  expect(hosted.requests.length).toBeGreaterThan(0);
  expect(hosted.requests.filter((url) => !insideSubPath(url) && !/^(data|blob):/.test(url))).toEqual([]);
  const hits = subServerHits.slice(hitsBefore);
  expect(hits).toContain(`${SUB}sw.js`);
  expect(hits.filter((path) => !path.startsWith(SUB)), 'server saw only sub-path requests').toEqual([]);
});

test('after one visit the service worker opens the app with no network', async ({ isolated }) => {
  const hosted = await isolated({ allowRequest: insideSubPath });
  await hosted.page.goto(`${subOrigin}${SUB}`);
  await waitForApp(hosted.page);
  await hosted.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await hosted.page.context().setOffline(true);
  await hosted.page.reload();
  await waitForApp(hosted.page);
  await expect(coverageTable(hosted.page)).toBeVisible();
  await expect(fileRows(hosted.page).first()).toBeVisible();
  await hosted.page.context().setOffline(false);
});

test('?src= loads a report from the same origin; an address that 404s shows a load error', async ({ isolated }) => {
  const fixtureUrl = `${subOrigin}${SERVED_FIXTURE}`;
  const ok = await isolated({ allowRequest: insideSubPath });
  await ok.page.goto(`${subOrigin}${SUB}?src=${encodeURIComponent(fixtureUrl)}`);
  await waitForApp(ok.page);
  await expectReportSelected(ok.page, 'coverage.json');
  await expect(reportItems(ok.page)).toHaveCount(1);
  await expect(fileRows(ok.page)).toHaveCount(14);
  await expectTableMatchesReport(ok.page, TOOLZ);
  expect(ok.requests).toContain(fixtureUrl);

  const missingUrl = `${subOrigin}${SUB}fixtures/missing.json`;
  const missing = await isolated({ allowRequest: insideSubPath });
  // Chromium logs the failed fetch itself; that one message is expected.
  missing.allowConsoleError(/status of 404/);
  await missing.page.goto(`${subOrigin}${SUB}?src=${encodeURIComponent(missingUrl)}`);
  await waitForApp(missing.page);
  const error = loadError(missing.page, 'missing.json');
  await expect(error).toBeVisible();
  // The item reads "<file name>: <message>"; the message starts "could not load <url>:".
  const escaped = missingUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(error).toContainText(new RegExp(`missing\\.json: could not load ${escaped}: `));
  await expect(error).toContainText('404');
  await expect(reportItem(missing.page, 'missing.json')).toHaveCount(0);
  await expect(missing.page.getByTestId('load-progress')).toHaveCount(0);
});
