// sw.js — the service worker: keeps the web application (the page, its
// scripts, style, Sarabun font and icons) on the device so that it opens with
// no network. Served as /sw.js, where the server puts two lines before this
// text: VERSION (a hash of every file of the UI) and FILES (their addresses).
// A new program brings a new VERSION, hence a new worker on the next visit,
// which keeps the new files under its own cache and removes the old ones.
//
// A file is asked of the server first (a quick 304 when it has not changed)
// and taken from the cache when the network fails or takes longer than a few
// seconds; what the server gives is kept. The API (/api/…) is never touched
// here: its answers are the page's to keep (store.js), per user.
/* global VERSION, FILES */

const CACHE = `s40-shell-${VERSION}`;
const WAIT_MS = 4000;

self.addEventListener('install', (e) => {
	e.waitUntil(caches.open(CACHE)
		.then((c) => c.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' }))))
		.then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
	e.waitUntil(caches.keys()
		.then((keys) => Promise.all(keys.filter((k) => k.startsWith('s40-shell-') && k !== CACHE).map((k) => caches.delete(k))))
		.then(() => self.clients.claim()));
});

/** The page or a file of the UI: the network within WAIT_MS, else the kept copy. */
async function shell(req) {
	const cache = await caches.open(CACHE);
	const key = req.mode === 'navigate' ? '/' : req;
	const kept = await cache.match(key, { ignoreSearch: req.mode === 'navigate' });
	const net = fetch(req).then((res) => {
		if (res.ok && !res.headers.get('Cache-Control')?.includes('no-store'))
			cache.put(key, res.clone());
		return res;
	});
	if (!kept)
		return net;
	let timer;
	const late = new Promise((resolve) => { timer = setTimeout(() => resolve(kept), WAIT_MS); });
	try {
		return await Promise.race([net, late]);
	} catch {
		return kept;
	} finally {
		clearTimeout(timer);
	}
}

self.addEventListener('fetch', (e) => {
	const req = e.request;
	if (req.method !== 'GET')
		return;
	const url = new URL(req.url);
	if (url.origin !== self.location.origin)
		return;
	if ((req.mode === 'navigate' && url.pathname === '/') || url.pathname.startsWith('/ui/'))
		e.respondWith(shell(req));
});
