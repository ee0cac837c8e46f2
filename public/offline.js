// Registers Juara's service worker (public/sw.js) and, on judge and proposal
// pages, asks it to keep this page, the entries it links to and the app's files,
// so that a judge can score and an entrant can write without a network. Plain script, not wasm: it works
// before the app has loaded.
(() => {
  if (!('serviceWorker' in navigator)) return;
  const onKeptPage = /^\/(judge|entrant\/entry)(\/|$)/.test(location.pathname);

  navigator.serviceWorker.addEventListener('message', (event) => {
    if (!event.data || event.data.type !== 'kept') return;
    document.documentElement.dataset.offlinePages = String(event.data.pages);
    const note = document.querySelector('[data-offline-note]');
    if (note && event.data.pages > 1) note.hidden = false;
  });

  window.addEventListener('load', async () => {
    try {
      await navigator.serviceWorker.register('/sw.js');
      if (!onKeptPage) return;
      const worker = (await navigator.serviceWorker.ready).active;
      const pages = [location.href, ...Array.from(document.querySelectorAll('a[data-offline]'), (a) => a.href)];
      const assets = Array.from(
        document.querySelectorAll('link[href*="/pkg/"], script[src*="/pkg/"]'),
        (element) => element.href || element.src,
      );
      worker?.postMessage({ type: 'keep', pages, assets });
    } catch (error) {
      console.warn('Juara: pages cannot be kept for offline use here', error);
    }
  });
})();
