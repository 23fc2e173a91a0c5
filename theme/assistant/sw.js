// The assistant's service worker: keeps a copy of the site's own files so that the assistant
// opens again without a network. It stores files of this site only, never an answer: the
// answers live in the page, and in the files the reader saves. VERSION and FILES are written
// by the generator (generator/assistant/files.py).
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `assistant-${VERSION}`;

self.addEventListener("install", (event) => {
  // From the browser's own cache, where the page has just put them, so that the offline copy
  // downloads nothing twice; from the network only when that cache does not hold them.
  const cached = (url) => fetch(new Request(url, { cache: "only-if-cached", mode: "same-origin" }))
    .then((response) => (response.ok ? response : fetch(url)), () => fetch(url));
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(FILES.map((f) => {
    const url = new URL(f, self.registration.scope).href;
    return cached(url).then((response) => (response.ok ? cache.put(url, response) : null)).catch(() => null);
  }))).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith("assistant-") && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});

// The page sends the addresses of the site's files it loaded (theme, styles): kept too.
self.addEventListener("message", (event) => {
  const files = (event.data && event.data.keep) || [];
  const own = files.filter((url) => new URL(url).origin === self.location.origin);
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(own.map((url) => cache.match(url).then((found) => found || fetch(new Request(url, { cache: "only-if-cached", mode: "same-origin" })).then((response) => (response.ok ? cache.put(url, response) : null)).catch(() => null))))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // Pyodide and the packages change only with a new version: the copy first.
  if (new URL(request.url).pathname.includes("/runtime/")) {
    event.respondWith(caches.match(request).then((found) => found || fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    })));
    return;
  }
  // Everything else from the network first, so a rebuilt site is seen at once; the copy when
  // the network fails.
  event.respondWith(fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }).catch(() => caches.match(request, { ignoreSearch: true }).then((found) => found || Response.error())));
});
