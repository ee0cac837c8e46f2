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
// - kept pages belong to one account: the server names it (opaquely) in the
//   `x-juara-account` header of every page it renders for someone signed in.
//   When a page comes back for another account, or for nobody (the session
//   ended: a redirect to the sign-in page, a 401), and whenever anyone signs
//   in, every kept page is dropped, so the next person on a shared tablet never
//   sees the previous judge's pages; signing out clears everything (the server
//   sends Clear-Site-Data).
// Nothing else passes through the worker: forms, server functions and every
// other page go to the network as usual, but for the two saves that queues
// send (a 401 there also means the session ended).

const PAGES = 'juara-pages-v2';
const ASSETS = 'juara-assets-v1';
// Holds one entry: the account the kept pages belong to.
const META = 'juara-meta-v1';
const ACCOUNT_KEY = '/__juara/kept-account';
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const current = new Set([PAGES, ASSETS, META]);
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

const isQueuedSave = (url) =>
  sameOrigin(url) && /^\/api\/(save_sheet|save_proposal)$/.test(url.pathname);

async function keptAccount() {
  const kept = await (await caches.open(META)).match(ACCOUNT_KEY);
  return kept ? kept.text() : '';
}

async function setKeptAccount(account) {
  await (await caches.open(META)).put(ACCOUNT_KEY, new Response(account));
}

// Drops every kept page and remembers that they belonged to nobody.
async function forgetPages() {
  await caches.delete(PAGES);
  await setKeptAccount('');
}

// Follows the account a page was answered for; answers whether the page may be
// kept (it was rendered for someone signed in).
async function followAccount(response) {
  const account = response.headers.get('x-juara-account') || '';
  if (!account || response.redirected || response.status === 401) {
    await forgetPages();
    return false;
  }
  if (account !== (await keptAccount())) {
    await caches.delete(PAGES);
    await setKeptAccount(account);
  }
  return true;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === 'POST' && sameOrigin(url) && url.pathname === '/api/logout') {
    event.waitUntil(forgetPages());
    return;
  }
  // Any sign-in drops the kept pages before it is sent: the page shown after it
  // must never be a copy kept for whoever used the device before.
  if (request.method === 'POST' && sameOrigin(url) && url.pathname === '/api/login') {
    event.respondWith(forgetPages().then(() => fetch(request)));
    return;
  }
  if (request.method === 'POST' && isQueuedSave(url)) {
    event.respondWith(
      fetch(request).then(async (response) => {
        if (response.status === 401) await forgetPages();
        return response;
      }),
    );
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
  const fromNetwork = fetch(request).then(async (response) => {
    if ((await followAccount(response)) && keepable(response)) {
      await (await caches.open(PAGES)).put(request.url, response.clone());
    }
    return response;
  });
  // A slow answer still refreshes the kept copy after the kept one was shown.
  event.waitUntil(fromNetwork.catch(() => undefined));
  try {
    return await Promise.race([fromNetwork, wait(NETWORK_WAIT_MS)]);
  } catch {
    // Kept pages are the current account's: another account's were dropped
    // when it signed in.
    const kept = await (await caches.open(PAGES)).match(request.url);
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
  const assetCache = await caches.open(ASSETS);
  let kept = 0;
  for (const href of new Set(pages)) {
    const url = new URL(href, self.location.origin);
    if (!isKeptPage(url)) continue;
    // Opened again for each page: a page answered for another account drops
    // the cache on the way.
    const pageCache = await caches.open(PAGES);
    // Already kept: opening the page online refreshes it (network first), so
    // only missing pages are fetched here — a judge list of forty entries does
    // not mean forty requests at every visit on a slow network.
    if (await pageCache.match(url.href)) {
      kept += 1;
      continue;
    }
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if ((await followAccount(response)) && keepable(response)) {
        await (await caches.open(PAGES)).put(url.href, response);
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
