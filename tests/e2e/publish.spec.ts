// A published site of a project's own coverage (issue 19): scripts/publish-site.mjs builds
// three runs of the toolz series from tests/fixtures into a temporary folder, each keeping
// the previous site's history; the last is served under a sub-path and opened, and its
// standalone file is opened from file:// with the network blocked. Every page fails on
// console errors, page errors, CSP violations and requests leaving its origin.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { docItems, loadError, q, reportItem, reportItems, showView, trendPoints, watchContentSecurityPolicy } from './fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = process.env.DIST_DIR ? path.resolve(here, process.env.DIST_DIR) : path.join(root, 'dist');
const series = path.join(root, 'tests', 'fixtures', 'coverage', 'toolz', 'series');
const subPath = '/team/project-coverage/';

// Where the fixture documents sit in the project, so the site groups them by phase.
const planning: Record<string, string> = {
  '12-tier-1-coverage-push-01-PLAN.md': 'phases/12-tier-1-coverage-push',
  '12-tier-1-coverage-push-GAP-03-PLAN.md': 'phases/12-tier-1-coverage-push',
  '12-tier-1-coverage-push-VERIFICATION.md': 'phases/12-tier-1-coverage-push',
  '19-09-PLAN.md': 'phases/19-gap-closure',
  '19-GAP-CLOSURE-REPORT.md': 'phases/19-gap-closure',
};

// coverage.py's own totals for the three runs (series/0N-report.txt, TOTAL line).
const runTotals = ['44', '93', '98'];

let work = '';
let server: ChildProcess | null = null;
// Each worker serves its own site on a port the system finds free, so parallel workers and
// other servers on this machine never answer for it.
let siteOrigin = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function publish(args: string[]): string {
  return execFileSync('node', [path.join(root, 'scripts', 'publish-site.mjs'), '--app', dist, ...args], {
    cwd: work,
    encoding: 'utf8',
  });
}

test.beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'covscope-publish-'));
  for (const [file, folder] of Object.entries(planning)) {
    const target = path.join(work, '.planning', folder);
    fs.mkdirSync(target, { recursive: true });
    fs.copyFileSync(path.join(root, 'tests', 'fixtures', 'reports', file), path.join(target, file));
  }
  const served = path.join(work, 'served');
  const site = path.join(served, ...subPath.split('/').filter(Boolean));
  const runs = ['run-1', 'run-2', site];
  runs.forEach((out, index) => {
    const previous = index > 0 ? ['--previous', path.resolve(work, runs[index - 1])] : ['--previous', path.join(work, 'no-site-yet')];
    const log = publish([
      '--report', `toolz=${path.join(series, `0${index + 1}-coverage.json`)}`,
      '--planning', '.planning',
      '--out', out,
      '--run', `run ${index + 1}`,
      ...previous,
    ]);
    expect(log).toContain(`toolz · 0${index + 1}-coverage.json: ${index + 1} run(s)`);
  });
  // A second site whose manifest lists a missing file and a foreign one beside the rest.
  const broken = path.join(served, 'broken');
  fs.cpSync(site, broken, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(broken, 'covscope.json'), 'utf8'));
  manifest.reports.push({ url: 'data/toolz/missing.json' }, { url: 'https://elsewhere.example/coverage.json' });
  fs.writeFileSync(path.join(broken, 'covscope.json'), JSON.stringify(manifest));

  const sitePort = await freePort();
  siteOrigin = `http://127.0.0.1:${sitePort}`;
  server = spawn('node', [path.join(here, 'serve.mjs')], {
    env: { ...process.env, DIST_DIR: served, E2E_PORT: String(sitePort) },
    stdio: 'ignore',
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      if ((await fetch(`${siteOrigin}${subPath}covscope.json`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (attempt > 200) throw new Error('the site server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

test.afterAll(() => {
  server?.kill();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Collects what must not happen on a page: console errors, page errors, CSP violations, foreign requests. */
async function watch(context: BrowserContext, mayRequest: (url: string) => boolean, allowConsole: RegExp[] = []): Promise<string[]> {
  const problems: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!mayRequest(url)) problems.push(`request leaving the origin: ${request.method()} ${url}`);
  });
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && !allowConsole.some((pattern) => pattern.test(message.text()))) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });
  await watchContentSecurityPolicy(context, (violation) => problems.push(violation));
  return problems;
}

/** The site's reports, documents and a trend of three runs, oldest first. */
async function expectTheSite(page: Page): Promise<void> {
  await expect(reportItem(page, 'toolz · 03-coverage.json')).toHaveAttribute('aria-selected', 'true');
  await expect(reportItems(page)).toHaveCount(3);
  await expect(reportItem(page, 'toolz · run 1')).toBeVisible();
  await expect(reportItem(page, 'toolz · run 2')).toBeVisible();
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  await showView(page, 'docs');
  await expect(docItems(page)).toHaveCount(Object.keys(planning).length);
  for (const file of Object.keys(planning)) {
    await expect(page.locator(`[data-testid="doc-item"][data-name=${q(file)}]`)).toHaveCount(1);
  }
  await showView(page, 'phases');
  await expect(page.locator('[data-testid="phase"][data-phase="12"]')).toBeVisible();
  await expect(page.locator('[data-testid="phase"][data-phase="19"]')).toBeVisible();
  await showView(page, 'trend');
  await expect(trendPoints(page)).toHaveCount(3);
  const values = await trendPoints(page).evaluateAll((points) => points.map((point) => point.getAttribute('data-value')));
  expect(values).toEqual(runTotals);
}

test('a published site opens on its own reports, documents and history under a sub-path', async ({ browser }) => {
  const context = await browser.newContext();
  const problems = await watch(context, (url) => new URL(url).origin === siteOrigin);
  const page = await context.newPage();
  await page.goto(`${siteOrigin}${subPath}`);
  await expectTheSite(page);
  await context.close();
  expect(problems).toEqual([]);
});

test('a missing or foreign manifest entry is a load error naming it, and the rest loads', async ({ browser }) => {
  const context = await browser.newContext();
  const problems = await watch(context, (url) => new URL(url).origin === siteOrigin, [/404 \(Not Found\)/]);
  const page = await context.newPage();
  await page.goto(`${siteOrigin}/broken/`);
  await expect(loadError(page, 'missing.json')).toContainText('404');
  await expect(loadError(page, 'covscope.json')).toContainText('https://elsewhere.example/coverage.json');
  await expect(loadError(page, 'covscope.json')).toContainText('not relative to the manifest');
  await expectTheSite(page);
  await context.close();
  expect(problems).toEqual([]);
});

test('the site standalone file opens from file:// with the network blocked', async ({ browser }) => {
  const context = await browser.newContext();
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort('internetdisconnected'),
  );
  const problems = await watch(context, (url) => url.startsWith('file:'));
  const page = await context.newPage();
  const standalone = path.join(work, 'served', ...subPath.split('/').filter(Boolean), 'covscope.html');
  // Opened from a folder of its own: it needs nothing beside it.
  const alone = path.join(work, 'alone');
  fs.mkdirSync(alone, { recursive: true });
  fs.copyFileSync(standalone, path.join(alone, 'covscope.html'));
  await page.goto(pathToFileURL(path.join(alone, 'covscope.html')).href);
  await expectTheSite(page);
  await context.close();
  expect(problems).toEqual([]);
});
