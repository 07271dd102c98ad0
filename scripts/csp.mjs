// Completes the page's Content-Security-Policy: replaces the 'inline-hashes' placeholder in
// script-src and style-src with the sha256 of every inline script and style the page has,
// so those (and nothing injected later) may run. Running it again recomputes the hashes. Trunk's inline loader names hashed file
// names, so the hash changes with every build and must be computed after it.
//
//   node scripts/csp.mjs [page.html]     (default: $TRUNK_STAGING_DIR/index.html)
//
// Trunk runs it as a post_build hook (Trunk.toml); scripts/single-file.mjs imports
// `completeContentSecurityPolicy` for the single-file app, whose scripts and styles are all
// inline.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PLACEHOLDER = "'inline-hashes'";
const META_PATTERN = /(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/i;

/** Script types the browser runs: inline elements of any other type are inert data. */
const EXECUTABLE_SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/** The CSP source expression allowing exactly this inline text. */
export function sha256Source(text) {
  return `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The hash sources of the page's inline scripts (those without src that run) and styles. */
export function inlineHashes(html) {
  const scripts = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1];
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = (/\btype\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? '').trim().toLowerCase();
    if (!EXECUTABLE_SCRIPT_TYPES.has(type)) continue;
    scripts.push(sha256Source(match[2]));
  }
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((match) => sha256Source(match[1]));
  return { scripts, styles };
}

/**
 * Returns the page with its CSP meta's script-src and style-src holding exactly the hashes
 * of its inline scripts and styles: the placeholder (in index.html as written) and any
 * hashes of an earlier pass (dist/index.html, when the single-file build inlines more) are
 * replaced. Throws when the page has no CSP meta, so a build can never ship without one.
 */
export function completeContentSecurityPolicy(html) {
  const meta = META_PATTERN.exec(html);
  if (!meta) throw new Error('csp: the page has no <meta http-equiv="Content-Security-Policy">');
  const { scripts, styles } = inlineHashes(html);
  const completed = meta[2]
    .split(';')
    .map((directive) => {
      const sources = directive.trim().split(/\s+/);
      const name = sources[0];
      const hashes = name === 'script-src' ? scripts : name === 'style-src' ? styles : null;
      if (hashes === null) return directive;
      const kept = sources.filter((source) => source !== PLACEHOLDER && !source.startsWith("'sha256-"));
      return ` ${[...kept, ...hashes].join(' ')}`;
    })
    .join(';')
    .trim();
  if (completed.includes(PLACEHOLDER)) {
    throw new Error(`csp: ${PLACEHOLDER} is allowed only in script-src and style-src`);
  }
  return html.replace(META_PATTERN, (_, open, _old, close) => `${open}${completed}${close}`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const staging = process.env.TRUNK_STAGING_DIR;
  const page = process.argv[2] ?? (staging ? path.join(staging, 'index.html') : null);
  if (!page) throw new Error('csp: name the page, or run as a Trunk hook (TRUNK_STAGING_DIR)');
  const html = fs.readFileSync(page, 'utf8');
  const completed = completeContentSecurityPolicy(html);
  fs.writeFileSync(page, completed);
  const { scripts, styles } = inlineHashes(completed);
  console.log(`csp: ${page}: ${scripts.length} inline script hash(es), ${styles.length} inline style hash(es)`);
}
