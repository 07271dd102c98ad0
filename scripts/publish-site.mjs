// Builds a static Covscope site of a project's own coverage: the prebuilt app, the
// project's reports and planning documents as data, the manifest the app opens on
// (covscope.json, README "Publishing your coverage"), and the standalone HTML file with
// the same data inside. Needs only Node (18 or newer), no Rust: the app comes prebuilt
// (a release's covscope-dist.tar.gz, or `trunk build --release` output).
//
//   node scripts/publish-site.mjs --app dist --out site \
//     --report 'backend=backend/coverage.json' --report 'frontend=frontend/coverage/lcov.info' \
//     --planning .planning --previous previous-site --run "run 41"
//
// --report [label=]file-or-glob   repeatable; globs understand *, ? and **; a label names the
//                                 part of the project the report covers (and its history)
// --planning folder               every .md below it becomes a document, grouped by phase
// --previous folder               the site this run replaces: each report's history is kept
//                                 and grows by its current run (a missing folder starts afresh)
// --run name                      this run's name in later histories (default: "run
//                                 $GITHUB_RUN_NUMBER", else the time now, UTC)
// --history-limit n               earlier runs kept per report (default 50)
// --standalone file               the single-file app (default <app>/covscope.html)
// --title text                    the page title (default "Coverage: Covscope")
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MANIFEST_FILE_NAME = 'covscope.json';
const SITE_META = '<meta name="covscope-site" content="covscope.json" />';
const DEFAULT_HISTORY_LIMIT = 50;

/** A command line that cannot be followed: the usage is printed with it. */
class UsageError extends Error {}
/** Input that cannot be used (a missing file, a build that is not Covscope's). */
class InputError extends Error {}

export function parseArguments(argv) {
  const options = { reports: [], planning: [], historyLimit: DEFAULT_HISTORY_LIMIT };
  const single = { '--app': 'app', '--out': 'out', '--previous': 'previous', '--run': 'run', '--standalone': 'standalone', '--title': 'title' };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (flag === '--help' || flag === '-h') {
      options.help = true;
      continue;
    }
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`${flag} needs a value`);
    }
    index += 1;
    if (flag === '--report') options.reports.push(value);
    else if (flag === '--planning') options.planning.push(value);
    else if (flag === '--history-limit') {
      options.historyLimit = Number(value);
      if (!Number.isInteger(options.historyLimit) || options.historyLimit < 0) {
        throw new UsageError(`--history-limit must be a whole number, not ${value}`);
      }
    } else if (single[flag]) options[single[flag]] = value;
    else throw new UsageError(`unknown option ${flag}`);
  }
  if (!options.help) {
    for (const required of ['app', 'out']) {
      if (!options[required]) throw new UsageError(`--${required} is required`);
    }
    if (options.reports.length === 0 && options.planning.length === 0) {
      throw new UsageError('give at least one --report or --planning');
    }
  }
  return options;
}

/** A glob as a regular expression over '/'-separated relative paths. */
function globPattern(glob) {
  let pattern = '';
  for (let index = 0; index < glob.length; index += 1) {
    const character = glob[index];
    if (character === '*' && glob[index + 1] === '*') {
      const slashAfter = glob[index + 2] === '/';
      pattern += slashAfter ? '(?:.*/)?' : '.*';
      index += slashAfter ? 2 : 1;
    } else if (character === '*') pattern += '[^/]*';
    else if (character === '?') pattern += '[^/]';
    else pattern += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

function walkFiles(folder) {
  const found = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...walkFiles(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** The files a path or glob names, sorted; a glob's fixed leading folders are walked. */
export function expandGlob(glob) {
  const normalized = glob.split(path.sep).join('/');
  if (!/[*?]/.test(normalized)) {
    return fs.existsSync(normalized) && fs.statSync(normalized).isFile() ? [normalized] : [];
  }
  const parts = normalized.split('/');
  const fixed = [];
  while (parts.length > 1 && !/[*?]/.test(parts[0])) fixed.push(parts.shift());
  const base = fixed.length === 0 ? '.' : fixed.join('/') || '/';
  if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) return [];
  const pattern = globPattern(parts.join('/'));
  return walkFiles(base)
    .map((file) => path.relative(base, file).split(path.sep).join('/'))
    .filter((relative) => pattern.test(relative))
    .sort()
    .map((relative) => (base === '.' ? relative : `${base.replace(/\/$/, '')}/${relative}`));
}

/** A name safe as one folder or file name in a URL. */
function slug(text) {
  return text.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'report';
}

function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else if (entry.isFile()) fs.copyFileSync(source, target);
  }
}

function copyInto(site, url, source) {
  const target = path.join(site, ...url.split('/'));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
}

/** The previous site's manifest, or null (with the reason printed) when there is none. */
function readPreviousManifest(previous, log) {
  if (!previous) return null;
  const manifestPath = path.join(previous, MANIFEST_FILE_NAME);
  if (!fs.existsSync(manifestPath)) {
    log(`no previous site at ${manifestPath}: history starts with this run`);
    return null;
  }
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    return Array.isArray(manifest.reports) ? manifest : { reports: [] };
  } catch (error) {
    log(`the previous site's ${MANIFEST_FILE_NAME} is not valid JSON (${error.message}): history starts with this run`);
    return null;
  }
}

/** How a report is known in the history: its label, else its name. */
const historyKey = (entry) => entry.label ?? entry.name ?? path.posix.basename(entry.url);
const nameOf = (entry) => entry.name ?? path.posix.basename(String(entry.url));

/**
 * The previous site's run of a report: the entry with the same label and name, else (when
 * the label names one report only) the one with the same label, so a renamed file keeps
 * its history.
 */
function previousRunOf(previousManifest, entry, labelHasOneReport) {
  const reports = (previousManifest?.reports ?? []).filter((candidate) => candidate && typeof candidate === 'object');
  const sameLabel = reports.filter((candidate) => (candidate.label ?? undefined) === entry.label);
  return (
    sameLabel.find((candidate) => nameOf(candidate) === entry.name) ??
    (entry.label && labelHasOneReport && sameLabel.length === 1 ? sameLabel[0] : undefined)
  );
}

/**
 * The earlier runs of a report: those the previous site kept, then the previous site's own
 * run of it, each copied from the previous site into this one (runs whose file is missing
 * are dropped with a message), the oldest dropped beyond the limit.
 */
function carryHistory({ previous, previousEntry, site, key, limit, log, nameTheFile }) {
  if (!previousEntry) return [];
  const runs = [...(Array.isArray(previousEntry.history) ? previousEntry.history : [])];
  // Several reports under one label: each run's name says which file it is.
  const lastRunName = `${previousEntry.run ?? path.posix.basename(previousEntry.url)}${nameTheFile ? ` · ${nameOf(previousEntry)}` : ''}`;
  const lastRunFile = `history/${slug(key)}/${slug(lastRunName)}-${path.posix.basename(previousEntry.url)}`;
  runs.push({ url: previousEntry.url, name: lastRunName, newUrl: lastRunFile });
  const kept = [];
  for (const run of runs.slice(Math.max(0, runs.length - limit))) {
    if (typeof run.url !== 'string' || run.url.includes('..') || /^[a-z]+:|^\//i.test(run.url)) {
      log(`previous site: skipped a run of ${key} with an unusable url ${JSON.stringify(run.url)}`);
      continue;
    }
    const source = path.join(previous, ...run.url.split('/'));
    if (!fs.existsSync(source)) {
      log(`previous site: ${run.url} (a run of ${key}) is missing and is left out of the history`);
      continue;
    }
    const url = run.newUrl ?? run.url;
    copyInto(site, url, source);
    kept.push({ url, name: run.name ?? path.posix.basename(run.url) });
  }
  return kept;
}

/** The single-file app with the site's manifest and files inside, and without the demo. */
export function standaloneWithSite(appHtml, manifest, files) {
  const data = JSON.stringify({ manifest: JSON.stringify(manifest), files }).replace(/</g, '\\u003c');
  const element = `<script type="application/json" id="covscope-site-data">${data}</script>\n`;
  const withoutDemo = appHtml.replace(/<script type="application\/json" id="covscope-demo-data">[\s\S]*?<\/script>\n?/, '');
  if (!withoutDemo.includes('</head>')) {
    throw new Error('the single-file app has no </head>; is it Covscope\'s covscope.html?');
  }
  return withoutDemo.replace('</head>', () => `${element}</head>`);
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]);
}

/** The app's page with the site's manifest named (and the title), so the app opens on it. */
function pageWithSite(indexHtml, title) {
  let page = indexHtml.replace(/\s*<meta name="covscope-site"[^>]*>/, '');
  page = page.replace(/<title>[\s\S]*?<\/title>/, () => `<title>${escapeHtml(title)}</title>`);
  return page.replace(/(<meta charset="utf-8"\s*\/?>)/i, (charset) => `${charset}\n    ${SITE_META}`);
}

export function buildSite(options, log = console.log) {
  const app = path.resolve(options.app);
  const out = path.resolve(options.out);
  const indexPath = path.join(app, 'index.html');
  if (!fs.existsSync(indexPath)) throw new InputError(`${options.app} is not a Covscope build: it has no index.html`);
  const standalonePath = path.resolve(options.standalone ?? path.join(app, 'covscope.html'));
  if (!fs.existsSync(standalonePath)) {
    throw new InputError(`no single-file app at ${standalonePath}; give --standalone (the release's covscope.html)`);
  }
  const previous = options.previous ? path.resolve(options.previous) : null;
  for (const other of [app, previous].filter(Boolean)) {
    if (out === other || other.startsWith(out + path.sep)) {
      throw new UsageError(`--out ${options.out} must not be (or hold) ${other}`);
    }
  }
  const previousManifest = readPreviousManifest(previous, log);
  const title = options.title ?? 'Coverage: Covscope';
  const run = options.run ?? (process.env.GITHUB_RUN_NUMBER ? `run ${process.env.GITHUB_RUN_NUMBER}` : new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC');

  fs.rmSync(out, { recursive: true, force: true });
  copyTree(app, out);
  const embedded = {};
  const embed = (url, source) => {
    const bytes = fs.readFileSync(source);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\uFFFD')) log(`${source} is not UTF-8 text: the standalone file carries it with replacement characters`);
    embedded[url] = text;
  };

  const reports = [];
  const usedUrls = new Set();
  for (const spec of options.reports) {
    const match = /^([^=/\\*?]+)=(.+)$/.exec(spec);
    const label = match ? match[1].trim() : undefined;
    const glob = match ? match[2] : spec;
    const files = expandGlob(glob);
    if (files.length === 0) throw new InputError(`--report ${spec}: no file matches ${glob}`);
    for (const file of files) {
      const name = path.basename(file);
      let url = `data/${label ? `${slug(label)}/` : ''}${slug(name)}`;
      for (let number = 2; usedUrls.has(url); number += 1) {
        url = `data/${label ? `${slug(label)}/` : ''}${number}-${slug(name)}`;
      }
      usedUrls.add(url);
      copyInto(out, url, file);
      embed(url, file);
      const entry = { url, name, ...(label ? { label } : {}), run };
      const key = files.length === 1 ? historyKey(entry) : `${historyKey(entry)}-${name}`;
      const previousEntry = previousRunOf(previousManifest, entry, files.length === 1);
      const history = carryHistory({ previous, previousEntry, site: out, key, limit: options.historyLimit, log, nameTheFile: files.length > 1 });
      for (const earlier of history) embed(earlier.url, path.join(out, ...earlier.url.split('/')));
      reports.push(history.length > 0 ? { ...entry, history } : entry);
    }
  }

  const documents = [];
  for (const folder of options.planning) {
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
      throw new InputError(`--planning ${folder} is not a folder`);
    }
    const folderName = path.basename(path.resolve(folder));
    for (const file of walkFiles(folder).filter((name) => name.toLowerCase().endsWith('.md')).sort()) {
      const relative = path.relative(folder, file).split(path.sep).join('/');
      const url = `data/${slug(folderName)}/${relative.split('/').map(slug).join('/')}`;
      copyInto(out, url, file);
      embed(url, file);
      documents.push({ url, path: `${folderName}/${relative}` });
    }
  }

  const manifest = { version: 1, reports, documents };
  fs.writeFileSync(path.join(out, MANIFEST_FILE_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(out, 'index.html'), pageWithSite(fs.readFileSync(indexPath, 'utf8'), title));
  const standalone = standaloneWithSite(fs.readFileSync(standalonePath, 'utf8'), manifest, embedded);
  fs.writeFileSync(path.join(out, 'covscope.html'), standalone);
  const historyPoints = reports.map((report) => `${report.label ? `${report.label} · ` : ''}${report.name}: ${1 + (report.history?.length ?? 0)} run(s)`);
  log(`covscope site: ${path.relative(process.cwd(), out) || '.'} with ${reports.length} report(s), ${documents.length} document(s); ${historyPoints.join(', ')}`);
  log(`covscope site: standalone file ${path.join(path.relative(process.cwd(), out), 'covscope.html')} (${standalone.length} bytes)`);
  return manifest;
}

const usage = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0].replace(/^\/\/ ?/gm, '');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArguments(process.argv.slice(2));
    if (options.help) console.log(usage);
    else buildSite(options);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`publish-site: ${error.message}\n\n${usage}`);
      process.exit(2);
    }
    if (!(error instanceof InputError)) throw error;
    console.error(`publish-site: ${error.message}`);
    process.exit(1);
  }
}
