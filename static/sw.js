// Covscope's service worker: keeps a copy of the app so a visited site opens again with no
// network. Network first (so a new release shows at once), the cache when offline. It only
// ever touches requests to the app's own origin; dropped files never pass through it.
const CACHE_NAME = 'covscope-app-v4';

// The page names its hashed script, stylesheet and wasm files; they are cached at install,
// because they were fetched before this worker took control of the first visit.
async function cacheTheApp() {
  const cache = await caches.open(CACHE_NAME);
  const response = await fetch('./', { cache: 'no-store' });
  if (!response.ok) {
    return;
  }
  const page = await response.clone().text();
  await cache.put('./', response);
  const assets = [...page.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["']\.\/([^"']+\.(?:js|wasm|css))["']/g)]
    .map((match) => `./${match[1]}`);
  // The parsing worker's script, and the parser's glue and WebAssembly it loads, are
  // started by the app, not named by the page.
  const workerFiles = ['./parse-worker.js', './covscope-parse-worker.js', './covscope-parse-worker_bg.wasm'];
  await cache.addAll([...new Set([...assets, ...workerFiles])]);
  await cacheTheDemo(cache);
}

// The demo (shown on an empty start) is served beside the app from demo/, listed in
// demo/files.json; the page fetches it after this worker installs, so it is kept here too:
// of each file, the prepared form the page reads (`prepared`), or the file itself when it
// has none.
async function cacheTheDemo(cache) {
  const response = await fetch('./demo/files.json', { cache: 'no-store' });
  if (!response.ok) {
    return;
  }
  const list = await response.clone().json();
  await cache.put('./demo/files.json', response);
  await cache.addAll(list.files.map((file) => `./demo/${file.prepared || file.path}`));
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(cacheTheApp());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE_NAME).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE_NAME).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(request, { ignoreSearch: true });
        if (cached) {
          return cached;
        }
        // Only a page visit falls back to the app's page; a missing script or wasm file
        // must fail as itself rather than receive HTML.
        if (request.mode === 'navigate') {
          const page = await caches.match('./');
          if (page) {
            return page;
          }
        }
        return Response.error();
      }),
  );
});
