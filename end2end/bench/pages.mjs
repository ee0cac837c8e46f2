// scripts/bench pages, the browser part: for each page a person opens first,
// what a first visit transfers (by type), how long until it can be used on a
// throttled 4G device, and Lighthouse's mobile scores. Run by
// scripts/lib/bench-pages.sh against a release server with the demo loaded:
//
//   node pages.mjs BASE_URL OUT_JSON
//
// Every figure is a first visit: a new browser context (empty cache, no
// service worker) per page. Only loopback addresses are accepted.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node pages.mjs BASE_URL OUT_JSON');
  process.exit(2);
}
if (!/^http:\/\/(127\.0\.0\.1|\[::1\]):\d+$/.test(base)) {
  console.error(`pages.mjs: refusing ${base}: loopback only`);
  process.exit(2);
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DEMO_PASSWORD = 'juara-demo-2026';

/** The issue's 4G: 9 Mbit/s down, 170 ms round trip, the CPU four times
 * slower. Upload is DevTools' "Fast 4G" 1.5 Mbit/s. */
const THROTTLING = {
  latency_ms: 170,
  download_bits_per_s: 9_000_000,
  upload_bits_per_s: 1_500_000,
  cpu_slowdown: 4,
};

/** A phone for the public pages, the judges' 10-inch tablet for theirs, the
 * clerk's and the committee's laptop for the rest. */
const DEVICES = {
  phone: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 2.6, isMobile: true, hasTouch: true },
  tablet: { viewport: { width: 1138, height: 712 }, deviceScaleFactor: 2.25, isMobile: true, hasTouch: true },
  laptop: { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
};

/** The targets; a page without one is compared with the last run. */
const TARGETS = {
  scoring: { transferred_bytes: 250 * 1024, interactive_ms: 3000 },
  results: { transferred_bytes: 60 * 1024 },
  catalogue: { transferred_bytes: 60 * 1024 },
  profile: { transferred_bytes: 60 * 1024 },
  edition: { transferred_bytes: 60 * 1024 },
};
const LIGHTHOUSE_PAGES = new Set(['results', 'catalogue', 'edition']);
const LIGHTHOUSE_TARGETS = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 100 };

async function getText(path, cookie) {
  const response = await fetch(base + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
  return response.text();
}

/** Signs in as the sign-in form does (the server function's form post) and
 * returns the session cookie. */
async function sessionOf(email) {
  const response = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: 'manual',
  });
  const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0]);
  if (cookies.length === 0) throw new Error(`signing in as ${email} answered ${response.status} with no cookie`);
  return cookies.join('; ');
}

function firstMatch(html, pattern, what) {
  const match = html.match(pattern);
  if (!match) throw new Error(`no ${what} found`);
  return match[1];
}

/** The pages measured, found through the demo as a person would find them. */
async function pagesToMeasure() {
  const editions = JSON.parse(await getText('/api/v1/editions'));
  const published = editions.filter((edition) => edition.results_published);
  if (published.length === 0) throw new Error('no edition has published results');
  const slug = published.reduce((a, b) => (b.year > a.year ? b : a)).slug;
  const catalogue = await getText('/innovations');
  const innovation = firstMatch(catalogue, /href="(\/innovations\/[^"/?#]+)"/, 'innovation in the catalogue');
  const judge = await sessionOf('juri1@juara.test');
  const judgeHome = await getText('/judge', judge);
  const sheet = firstMatch(judgeHome, /href="(\/judge\/(?!visits\/|present\/)[^"/?#]+\/[^"/?#]+)"/, "score sheet on juri1's page");
  const committee = await sessionOf('panitia@juara.test');
  const entrant = await sessionOf('koordinator.pkm-dinoyo@juara.test');
  return [
    { name: 'scoring', path: sheet, device: 'tablet', cookie: judge, ready: '[data-ready="true"]' },
    { name: 'results', path: `/editions/${slug}/results`, device: 'phone' },
    { name: 'catalogue', path: '/innovations', device: 'phone' },
    { name: 'profile', path: innovation, device: 'phone' },
    { name: 'edition', path: `/editions/${slug}`, device: 'phone' },
    { name: 'home', path: '/', device: 'phone' },
    { name: 'login', path: '/login', device: 'phone' },
    { name: 'judge_home', path: '/judge', device: 'tablet', cookie: judge },
    { name: 'entrant_home', path: '/entrant', device: 'laptop', cookie: entrant },
    { name: 'committee_home', path: '/admin', device: 'laptop', cookie: committee },
  ];
}

function kindOf(type, mime) {
  if (mime === 'application/wasm') return 'wasm';
  switch (type) {
    case 'Document': return 'html';
    case 'Stylesheet': return 'css';
    case 'Script': return 'js';
    default: return 'other';
  }
}

/** One first visit: bytes on the wire by kind until the page is usable, the
 * first paint, and when the page became interactive (hydrated, when it loads
 * the app; loaded, when it does not). */
async function visit(browser, page, throttled) {
  const context = await browser.newContext({
    ...DEVICES[page.device],
    serviceWorkers: 'block',
    extraHTTPHeaders: page.cookie ? { cookie: page.cookie } : {},
  });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: THROTTLING.latency_ms,
      downloadThroughput: THROTTLING.download_bits_per_s / 8,
      uploadThroughput: THROTTLING.upload_bits_per_s / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLING.cpu_slowdown });
  }
  const kinds = new Map();
  const bytes = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
  const files = [];
  let counting = true;
  cdp.on('Network.responseReceived', (event) => {
    kinds.set(event.requestId, { kind: kindOf(event.type, event.response.mimeType), url: event.response.url });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const seen = kinds.get(event.requestId);
    if (!seen || !counting) return;
    bytes[seen.kind] += event.encodedDataLength;
    files.push({ url: new URL(seen.url).pathname, kind: seen.kind, bytes: event.encodedDataLength });
  });

  const response = await tab.goto(base + page.path, { waitUntil: 'commit', timeout: 120_000 });
  if (response.status() !== 200) throw new Error(`${page.path} answered ${response.status()}`);
  await tab.waitForLoadState('load', { timeout: 120_000 });
  const loadsApp = await tab.evaluate(() => Boolean(document.querySelector('link[rel="modulepreload"], script[type="module"]')));
  let interactive_ms;
  if (loadsApp) {
    const condition = page.ready ?? 'html[data-hydrated="true"]';
    const handle = await tab.waitForFunction(
      (selector) => document.querySelector(selector) && document.documentElement.dataset.hydrated === 'true' ? performance.now() : false,
      condition,
      { polling: 'raf', timeout: 120_000 },
    );
    interactive_ms = await handle.jsonValue();
  } else {
    interactive_ms = await tab.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  }
  // What arrives before that moment counts; let the last responses finish.
  await tab.waitForTimeout(500);
  counting = false;
  const paints = await tab.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { fcp: fcp ? fcp.startTime : null };
  });
  await context.close();
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return {
    loads_app: loadsApp,
    transferred: { ...bytes, total },
    files,
    first_contentful_paint_ms: paints.fcp === null ? null : Math.round(paints.fcp),
    interactive_ms: Math.round(interactive_ms),
  };
}

async function lighthouseScores(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: Object.keys(LIGHTHOUSE_TARGETS),
    });
    const scores = {};
    for (const [key, category] of Object.entries(result.lhr.categories)) scores[key] = Math.round(category.score * 100);
    const failed = Object.values(result.lhr.audits)
      .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
      .map((audit) => audit.id);
    return { scores, failed_audits: failed, largest_contentful_paint_ms: Math.round(result.lhr.audits['largest-contentful-paint'].numericValue) };
  } finally {
    await chrome.kill();
  }
}

function verdict(name, row) {
  const target = TARGETS[name];
  const misses = [];
  if (target?.transferred_bytes !== undefined && row.throttled.transferred.total > target.transferred_bytes) {
    misses.push(`transferred ${row.throttled.transferred.total} B > ${target.transferred_bytes} B`);
  }
  if (target?.interactive_ms !== undefined && row.throttled.interactive_ms > target.interactive_ms) {
    misses.push(`interactive after ${row.throttled.interactive_ms} ms > ${target.interactive_ms} ms`);
  }
  if (row.lighthouse) {
    for (const [category, least] of Object.entries(LIGHTHOUSE_TARGETS)) {
      if ((row.lighthouse.scores[category] ?? 0) < least) misses.push(`lighthouse ${category} ${row.lighthouse.scores[category]} < ${least}`);
    }
  }
  return misses;
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu'],
});
const rows = [];
try {
  for (const page of await pagesToMeasure()) {
    console.error(`==> ${page.name}: ${page.path}`);
    const row = { name: page.name, path: page.path, device: page.device };
    row.throttled = await visit(browser, page, true);
    row.unthrottled_interactive_ms = (await visit(browser, page, false)).interactive_ms;
    row.lighthouse = LIGHTHOUSE_PAGES.has(page.name) ? await lighthouseScores(base + page.path) : null;
    row.misses = verdict(page.name, row);
    rows.push(row);
    const t = row.throttled;
    console.error(
      `    ${t.transferred.total} B (html ${t.transferred.html}, css ${t.transferred.css}, js ${t.transferred.js}, wasm ${t.transferred.wasm}, other ${t.transferred.other}); ` +
        `interactive ${t.interactive_ms} ms throttled, ${row.unthrottled_interactive_ms} ms not` +
        (row.lighthouse ? `; lighthouse ${JSON.stringify(row.lighthouse.scores)}` : '') +
        (row.misses.length ? `; MISSES: ${row.misses.join(', ')}` : ''),
    );
  }
} finally {
  await browser.close();
}
writeFileSync(out, JSON.stringify({ throttling: THROTTLING, targets: TARGETS, lighthouse_targets: LIGHTHOUSE_TARGETS, pages: rows }, null, 2) + '\n');
