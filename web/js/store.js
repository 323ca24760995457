// store.js — what the UI keeps on the device (IndexedDB "s40"), for use without
// a network: the copies of the API's answers read by the logged-in user
// ("reads", keyed by user and path, with the time they were fetched), the
// writes waiting to be sent ("queue", in the order they were made, each with
// its Idempotency-Key), and small records ("meta": the user as last seen, the
// receipt block of the device). Personal data is only ever stored under the
// name of the user who read it, and removed at logout and once older than
// the server's limit (offline_days of GET /auth/me). A browser without
// IndexedDB (or with it refused) keeps nothing: every function then resolves
// to nothing and the UI works online only.

const DB = 's40';
let dbp = null;

function open() {
	if (dbp)
		return dbp;
	dbp = new Promise((resolve) => {
		let req;
		try {
			req = indexedDB.open(DB, 1);
		} catch {
			resolve(null);
			return;
		}
		req.onupgradeneeded = () => {
			const db = req.result;
			const reads = db.createObjectStore('reads', { keyPath: 'k' });
			reads.createIndex('user', 'user');
			const q = db.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
			q.createIndex('user', 'user');
			db.createObjectStore('meta', { keyPath: 'k' });
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => resolve(null);
		req.onblocked = () => resolve(null);
	});
	return dbp;
}

/** Run fn(stores…) in one transaction over names; resolves to fn's result once committed. */
async function tx(names, mode, fn) {
	const db = await open();
	if (!db)
		return undefined;
	return new Promise((resolve, reject) => {
		const t = db.transaction(names, mode);
		let out;
		t.oncomplete = () => resolve(out);
		t.onerror = () => reject(t.error);
		t.onabort = () => reject(t.error);
		Promise.resolve(fn(...names.map((n) => t.objectStore(n)))).then((v) => { out = v; });
	});
}

const req2p = (r) => new Promise((resolve, reject) => {
	r.onsuccess = () => resolve(r.result);
	r.onerror = () => reject(r.error);
});

// ---- reads ----

/** Keep data as user's copy of path, fetched now. */
export function putRead(user, path, data) {
	return tx(['reads'], 'readwrite', (s) => { s.put({ k: `${user}|${path}`, user, path, data, at: Date.now() }); }).catch(() => undefined);
}

/** user's copy of path ({ data, at }) or null. */
export async function getRead(user, path) {
	const r = await tx(['reads'], 'readonly', (s) => req2p(s.get(`${user}|${path}`))).catch(() => null);
	return r ? { data: r.data, at: r.at } : null;
}

/** The paths of user's copies. */
export async function readPaths(user) {
	const all = await tx(['reads'], 'readonly', (s) => req2p(s.index('user').getAll(user))).catch(() => []);
	return (all || []).map((r) => r.path);
}

/** How many copies user has, and the oldest's time. */
export async function readStats(user) {
	const all = await tx(['reads'], 'readonly', (s) => req2p(s.index('user').getAll(user))).catch(() => []);
	const list = all || [];
	return { count: list.length, oldest: list.length ? Math.min(...list.map((r) => r.at)) : null };
}

/**
 * Remove the copies that may no longer be kept: every copy of another user
 * than keep (null: of everyone), and those fetched before `before` (ms).
 * The shared copies ("*": the server's routes and day) stay.
 */
export function pruneReads(keep, before = 0) {
	return tx(['reads'], 'readwrite', (s) => new Promise((resolve) => {
		const c = s.openCursor();
		c.onsuccess = () => {
			const cur = c.result;
			if (!cur) {
				resolve();
				return;
			}
			const r = cur.value;
			if (r.user !== '*' && (r.user !== keep || r.at < before))
				cur.delete();
			cur.continue();
		};
	})).catch(() => undefined);
}

// ---- queue ----

/** Add an item to the end of the queue; resolves to it with its seq. */
export async function enqueue(item) {
	const seq = await tx(['queue'], 'readwrite', (s) => req2p(s.add(item)));
	return { ...item, seq };
}

/** user's queued items, oldest first. */
export async function queued(user) {
	const all = await tx(['queue'], 'readonly', (s) => req2p(s.index('user').getAll(user))).catch(() => []);
	return (all || []).sort((a, b) => a.seq - b.seq);
}

/** Replace a queued item (same seq). */
export function updateItem(item) {
	return tx(['queue'], 'readwrite', (s) => { s.put(item); });
}

/** Remove a queued item. */
export function removeItem(seq) {
	return tx(['queue'], 'readwrite', (s) => { s.delete(seq); });
}

/** Remove every queued item of user (at logout, once they agreed). */
export async function clearQueue(user) {
	for (const it of await queued(user))
		await removeItem(it.seq);
}

// ---- meta ----

export async function getMeta(k) {
	const r = await tx(['meta'], 'readonly', (s) => req2p(s.get(k))).catch(() => null);
	return r ? r.v : null;
}

export function setMeta(k, v) {
	return tx(['meta'], 'readwrite', (s) => { s.put({ k, v }); }).catch(() => undefined);
}

export function delMeta(k) {
	return tx(['meta'], 'readwrite', (s) => { s.delete(k); }).catch(() => undefined);
}

/**
 * Take the next receipt number of user's block in one transaction (so that two
 * pages never take the same one): "B000123-001", or null when the device has
 * no block or has used all of it.
 */
export async function takeReceipt(user) {
	return tx(['meta'], 'readwrite', async (s) => {
		const r = await req2p(s.get(`block:${user}`));
		const b = r && r.v;
		if (!b || b.next > b.last)
			return null;
		const n = b.next;
		s.put({ k: `block:${user}`, v: { ...b, next: n + 1 } });
		return b.prefix + String(n).padStart(String(b.last).length, '0');
	}).catch(() => null);
}
