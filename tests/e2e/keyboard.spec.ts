// Keyboard shortcuts and the keyboard help dialog, the theme picker, and the
// Content-Security-Policy of both builds.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as plainTest } from '@playwright/test';
import type { Page } from '@playwright/test';
import { test, expect, openApp, sortHeader, coverageTable } from './fixtures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = resolve(ROOT, process.env.DIST_DIR ?? 'dist');
const SINGLE_FILE = resolve(ROOT, 'dist-single', 'covscope.html');

/** The column the table is sorted by and its direction, from the headers' aria-sort. */
async function sortState(page: Page): Promise<string> {
  return coverageTable(page).evaluate((table) => {
    const sorted = table.querySelector('th[aria-sort="ascending"], th[aria-sort="descending"]');
    if (!sorted) return 'unsorted';
    return `${sorted.getAttribute('data-testid')} ${sorted.getAttribute('aria-sort')}`;
  });
}

// The text colour as the page resolves it (the --fg variable holds light-dark(light, dark)).
const bodyForeground = (page: Page): Promise<string> =>
  page.evaluate(() => getComputedStyle(document.body).color);
const bodyBackground = (page: Page): Promise<string> =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('"s" sorts by the next column, "S" reverses; "/" focuses the filter', async ({ page }) => {
  await openApp(page);
  await expect(coverageTable(page)).toBeVisible();
  // Start from a known sort: the path column, ascending (a click on the sorted column flips it).
  await sortHeader(page, 'path').locator('button').click();
  if ((await sortState(page)) === 'sort-path descending') await sortHeader(page, 'path').locator('button').click();
  await expect.poll(() => sortState(page)).toBe('sort-path ascending');
  // The demo report has branch data, so the branch columns take part.
  const expected = [
    'sort-statements descending',
    'sort-missing descending',
    'sort-branches descending',
    'sort-partial descending',
    'sort-coverage ascending',
    'sort-path ascending',
  ];
  for (const state of expected) {
    await page.keyboard.press('s');
    await expect.poll(() => sortState(page)).toBe(state);
  }
  await page.keyboard.press('Shift+S');
  await expect.poll(() => sortState(page)).toBe('sort-path descending');

  await page.keyboard.press('/');
  await expect(page.getByTestId('filter-input')).toBeFocused();
  await expect(page.getByTestId('filter-input')).toHaveValue('');
  // Keys typed into the filter are text, not shortcuts.
  await page.keyboard.type('s?t');
  await expect(page.getByTestId('filter-input')).toHaveValue('s?t');
  await expect(page.getByTestId('keyboard-help')).toHaveCount(0);
  await expect.poll(() => sortState(page)).toBe('sort-path descending');
});

test('"?" opens the keyboard help: focus moves in, Tab stays in, Escape closes and focus returns', async ({ page }) => {
  await openApp(page);
  // From the keyboard alone: Tab to the help button, open it with Enter.
  const helpButton = page.getByTestId('keyboard-help-button');
  await helpButton.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('keyboard-help');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-labelledby', 'keyboard-help-title');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  // Focus is inside the dialog, and stays there through Tab.
  expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  for (let step = 0; step < 4; step += 1) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
  }
  // Every documented key is listed, j/k and Enter among them, n/p for the source's misses.
  const keys = await dialog.locator('[data-testid="shortcut"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')));
  expect(keys).toEqual(['/', 's', 'S', 'j', 'k', 'Enter', '[ and ]', 'n', 'p', 't', '?']);
  // Shortcuts do not act behind the open dialog.
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(helpButton).toBeFocused();

  // The "?" key opens it from anywhere outside a text field; the Close button closes it.
  await page.locator('body').click({ position: { x: 5, y: 600 } });
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await page.getByTestId('keyboard-help-close').click();
  await expect(dialog).toHaveCount(0);
});

test('every control is reachable with Tab and shows a focus ring', async ({ page }) => {
  await openApp(page);
  const seen = new Set<string>();
  const withoutRing: string[] = [];
  for (let step = 0; step < 40; step += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const label = element.getAttribute('data-testid') ?? `${element.localName}:${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 30)}`;
      // A file input is visually hidden: its label (.file-picker) shows the ring instead.
      const hiddenInput = element.localName === 'input' && (element as HTMLInputElement).type === 'file';
      const parentRing = hiddenInput && getComputedStyle(element.parentElement as HTMLElement).outlineStyle !== 'none';
      return { label, ring: ring || parentRing };
    });
    if (!focused) continue;
    seen.add(focused.label);
    if (!focused.ring) withoutRing.push(focused.label);
  }
  for (const hook of ['nav-table', 'nav-docs', 'share-button', 'file-input', 'theme-select', 'keyboard-help-button']) {
    expect([...seen], `${hook} is reached with Tab`).toContain(hook);
  }
  expect(withoutRing, 'every focused control shows a focus ring').toEqual([]);
});

test.describe('before the app has loaded', () => {
  // The service worker would fetch the WebAssembly itself, out of the page's routes.
  test.use({ serviceWorkers: 'block' });

  test('a remembered theme is already on the splash', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openApp(page);
    await page.getByTestId('theme-select').selectOption('dark');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');

    // The WebAssembly is held back, so what shows is index.html's static splash alone.
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/*_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await expect(page.locator('.boot-splash')).toBeVisible();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    expect(await bodyBackground(page)).toBe('rgb(21, 25, 30)');

    release();
    await expect(page.getByTestId('file-input')).toBeAttached();
    await expect(html).toHaveAttribute('data-theme', 'dark');
  });
});

test('the theme follows the system, "t" and the picker switch it, the choice survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'system');
  expect(await bodyBackground(page)).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => bodyBackground(page)).toBe('rgb(21, 25, 30)');

  // Light wins over a dark system.
  await page.getByTestId('theme-select').selectOption('light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect.poll(() => bodyBackground(page)).toBe('rgb(255, 255, 255)');
  expect(await bodyForeground(page)).toBe('rgb(29, 35, 41)'); // #1d2329

  // "t": light, then dark, then the system's.
  await page.locator('body').click({ position: { x: 5, y: 600 } });
  await page.keyboard.press('t');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => bodyBackground(page)).toBe('rgb(21, 25, 30)');
  expect(await bodyForeground(page)).toBe('rgb(228, 232, 236)'); // #e4e8ec
  await expect(page.getByTestId('theme-select')).toHaveValue('dark');

  await page.reload();
  await expect(page.getByTestId('file-input')).toBeAttached();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('theme-select')).toHaveValue('dark');
  await expect.poll(() => bodyBackground(page)).toBe('rgb(21, 25, 30)');

  await page.keyboard.press('t');
  await expect(html).toHaveAttribute('data-theme', 'system');
  await expect.poll(() => bodyBackground(page)).toBe('rgb(255, 255, 255)');
  await page.reload();
  await expect(page.getByTestId('file-input')).toBeAttached();
  await expect(page.getByTestId('theme-select')).toHaveValue('system');
});

// ---------------------------------------------------------------------------
// Content-Security-Policy
// ---------------------------------------------------------------------------

/** The policy of a built page, and the sha256 sources of its runnable inline scripts and styles. */
function policyOf(htmlPath: string): { policy: Record<string, string[]>; scriptHashes: string[]; styleHashes: string[] } {
  const html = readFileSync(htmlPath, 'utf8');
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g)];
  expect(metas.length, `${htmlPath} has exactly one CSP meta`).toBe(1);
  const policy: Record<string, string[]> = {};
  for (const directive of metas[0][1].split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    policy[name] = sources;
  }
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const scriptHashes = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((match) => !/\bsrc=/.test(match[1]) && /^(\s*|\s*type="module"\s*|\s*type="module" id="covscope-app"\s*)$/.test(match[1]))
    .map((match) => hash(match[2]));
  const styleHashes = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((match) => hash(match[1]));
  // The CSP meta comes before every script, so it governs them all.
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  return { policy, scriptHashes, styleHashes };
}

for (const [build, path] of [
  ['served build (dist/index.html)', resolve(DIST, 'index.html')],
  ['single-file build (dist-single/covscope.html)', SINGLE_FILE],
] as const) {
  test(`the ${build} ships a strict Content-Security-Policy`, () => {
    const { policy, scriptHashes, styleHashes } = policyOf(path);
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", ...scriptHashes]);
    expect(scriptHashes.length, "the theme script, the demo's early requests and the inline loader are allowed by their hashes").toBe(3);
    expect(policy['style-src']).toEqual(["'self'", ...styleHashes]);
    for (const sources of Object.values(policy)) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("'inline-hashes'");
    }
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['base-uri']).toEqual(["'none'"]);
    expect(policy['form-action']).toEqual(["'none'"]);
    expect(policy['connect-src']).toEqual(["'self'", 'https:']);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
  });
}

// Outside the shared guard on purpose: this test provokes a violation and checks that the
// browser reports it (so the guard's listener has something real to catch).
plainTest('the policy refuses an injected inline script and an inline style attribute, and says so', async ({ page, baseURL }) => {
  await page.goto(baseURL ?? '/');
  await expect(page.getByTestId('file-input')).toBeAttached();
  const outcome = await page.evaluate(() => {
    const violations: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = violations;
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    const styled = document.createElement('div');
    styled.setAttribute('style', 'width: 10px');
    document.body.append(styled);
    const image = document.createElement('img');
    image.src = 'https://xss.invalid/x.png';
    document.body.append(image);
    return {
      ran: (window as unknown as { __injected?: boolean }).__injected === true,
      styleApplied: styled.style.width === '10px',
    };
  });
  expect(outcome).toEqual({ ran: false, styleApplied: false });
  // The events are dispatched after the refusals, so they are polled for.
  await expect
    .poll(() => page.evaluate(() => [...new Set((window as unknown as { __violations: string[] }).__violations)].sort()))
    .toEqual(['img-src', 'script-src-elem', 'style-src-attr']);
});
