// Juara's service worker: keeps judges' pages and entrants' proposal pages usable
// without a network.
//
// Judges score in meeting rooms and on field visits with patchy 4G. Score sheets
// themselves are kept in the page's storage and queued (see the app's
// `client/sheet_queue.rs`); this worker makes sure the pages open at all when the
// network does not answer:
// - judge pages (`/judge…`) and proposal pages (`/entrant/entry/…`, whose text is
//   kept in the page's storage by `client/draft_store.rs`) are fetched from the
//   network first and kept; with no answer within a few seconds the kept copy is
//   shown;
// - the app's hashed files under `/pkg/` never change, so a kept copy is always
//   right;
// - a judge page asks the worker to keep every entry it links to that it does
//   not hold yet, so the entries open offline without having been visited;
// - signing out forgets the kept pages, so the next person on a shared tablet
//   cannot open them.
// Nothing else passes through the worker: forms, server functions and every
// other page go to the network as usual.

const PAGES = 'juara-pages-v1';
const ASSETS = 'juara-assets-v1';
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const current = new Set([PAGES, ASSETS]);
      for (const name of await caches.keys()) {
        if (name.startsWith('juara-') && !current.has(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

const sameOrigin = (url) => url.origin === self.location.origin;
const isKeptPage = (url) =>
  sameOrigin(url) && /^\/(judge|entrant\/entry)(\/|$)/.test(url.pathname);
const isAsset = (url) => sameOrigin(url) && url.pathname.startsWith('/pkg/');

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === 'POST' && sameOrigin(url) && url.pathname === '/api/logout') {
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate' && isKeptPage(url)) {
    event.respondWith(networkFirst(event, request));
  } else if (isAsset(url)) {
    event.respondWith(keptFirst(request));
  }
});

// A page worth keeping: a complete answer, not a redirect to the sign-in page.
const keepable = (response) => response.ok && response.type === 'basic' && !response.redirected;

async function networkFirst(event, request) {
  const cache = await caches.open(PAGES);
  const fromNetwork = fetch(request).then(async (response) => {
    if (keepable(response)) await cache.put(request.url, response.clone());
    return response;
  });
  // A slow answer still refreshes the kept copy after the kept one was shown.
  event.waitUntil(fromNetwork.catch(() => undefined));
  try {
    return await Promise.race([fromNetwork, wait(NETWORK_WAIT_MS)]);
  } catch {
    const kept = await cache.match(request.url);
    // Nothing kept: keep waiting for the network (or fail as the browser would).
    return kept ?? fromNetwork;
  }
}

async function keptFirst(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request.url);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request.url, response.clone());
  return response;
}

function wait(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));
}

// `{ type: 'keep', pages, assets }` from a judge page: fetch and keep them, then
// tell the page how many pages are kept.
self.addEventListener('message', (event) => {
  const message = event.data;
  if (!message || message.type !== 'keep') return;
  event.waitUntil(keep(message, event.source));
});

async function keep({ pages = [], assets = [] }, client) {
  const pageCache = await caches.open(PAGES);
  const assetCache = await caches.open(ASSETS);
  let kept = 0;
  for (const href of new Set(pages)) {
    const url = new URL(href, self.location.origin);
    if (!isKeptPage(url)) continue;
    // Already kept: opening the page online refreshes it (network first), so
    // only missing pages are fetched here — a judge list of forty entries does
    // not mean forty requests at every visit on a slow network.
    if (await pageCache.match(url.href)) {
      kept += 1;
      continue;
    }
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (keepable(response)) {
        await pageCache.put(url.href, response);
        kept += 1;
      }
    } catch {
      // Offline already: what is kept stays kept.
      if (await pageCache.match(url.href)) kept += 1;
    }
  }
  for (const href of new Set(assets)) {
    const url = new URL(href, self.location.origin);
    if (!isAsset(url) || (await assetCache.match(url.href))) continue;
    try {
      const response = await fetch(url);
      if (response.ok) await assetCache.put(url.href, response);
    } catch {
      // Tried again on the next visit.
    }
  }
  client?.postMessage({ type: 'kept', pages: kept });
}
