// offline.js — the UI without a network. Reading: every answer of the API a
// user reads is kept on the device under their name (store.js), and given
// back when the network fails, with the time it was fetched ("ข้อมูล ณ …");
// copies older than the server's limit (GET /auth/me offline_days) are not
// used and are removed, and logging out removes them all. Writing: enrolments,
// payments, surveys and follow-up outcomes go through send(), which gives
// each an Idempotency-Key; without a network the write is queued on the device
// and sent later, in order, one at a time, with the same key, so that a write
// whose answer was lost is applied once. A refusal only the server can give
// stays on the queued item, for the user to correct and send again, or
// discard (page #/outbox, pages.js pageOutbox).

import { api, get, has, idle, setKeeper, ApiError, session } from './api.js';
import * as store from './store.js';
import { dateShort } from './fmt.js';

const DAY_MS = 86400000;
// Answers that hold no personal data, kept for everyone: what the server offers, its day.
const SHARED = new Set(['/openapi.json', '/health']);

/** The state shown in the header: online, queued items waiting and refused, the oldest copy read on this page. */
export const state = { online: navigator.onLine, pending: 0, refused: 0, staleAt: null, sending: false };

const listeners = new Set();

/** Call fn(state) whenever the state changes; returns what stops it. */
export function onChange(fn) {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

function changed() {
	for (const fn of [...listeners])
		fn(state);
}

const userName = () => (session.user ? session.user.name : null);
const days = () => (session.user && Number.isInteger(session.user.offline_days) ? session.user.offline_days : 7);

/** The time before which a copy may no longer be used (ms). */
const limit = () => Date.now() - days() * DAY_MS;

setKeeper({
	put(path, data) {
		if (SHARED.has(path))
			return store.putRead('*', path, data);
		if (userName() && days() > 0)
			return store.putRead(userName(), path, data);
		return undefined;
	},
	async get(path) {
		if (SHARED.has(path))
			return store.getRead('*', path);
		if (!userName() || days() <= 0)
			return null;
		const c = await store.getRead(userName(), path);
		if (!c || c.at < limit())
			return null;
		state.staleAt = state.staleAt === null ? c.at : Math.min(state.staleAt, c.at);
		changed();
		return c;
	},
});

/** A new page: no copy read on it yet. */
export function newPage() {
	state.staleAt = null;
}

/** "5 ธ.ค. 2569 09:14": a time of the device in Buddhist era (Thai) or CE (English). */
export function dateTime(ms) {
	const d = new Date(ms);
	const p2 = (n) => String(n).padStart(2, '0');
	return `${dateShort(`${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`)} ${p2(d.getHours())}:${p2(d.getMinutes())}`;
}

// ---- the user ----

/**
 * The logged-in user as last seen by GET /auth/me, kept so that the UI opens
 * without a network; null once logged out or older than the limit.
 */
export async function keptUser() {
	const m = await store.getMeta('me');
	if (!m || !m.user)
		return null;
	const d = Number.isInteger(m.user.offline_days) ? m.user.offline_days : 7;
	if (d <= 0 || m.at < Date.now() - d * DAY_MS)
		return null;
	return m.user;
}

/**
 * The user is logged in (user from GET /auth/me): keep them for the next start
 * without a network, remove every copy of anyone else's and those too old,
 * and send what is waiting.
 */
export async function loggedIn(user) {
	const d = Number.isInteger(user.offline_days) ? user.offline_days : 7;
	await store.pruneReads(user.name, d > 0 ? Date.now() - d * DAY_MS : Infinity);
	if (d > 0)
		await store.setMeta('me', { user, at: Date.now() });
	else
		await store.delMeta('me');
	await refresh();
	if (navigator.onLine) {
		flush(); // and then the villages changed meanwhile (followChanges)
		ensureBlock().catch(() => null);
		keepAreas().catch(() => null);
	}
}

/** The number of items user would lose by logging out now. */
export async function unsent() {
	const u = userName();
	return u ? (await store.queued(u)).length : 0;
}

/** Logging out user u: every copy and the kept user go; the queue too when discard. */
export async function loggedOut(discard, u = userName()) {
	if (u && discard)
		await store.clearQueue(u);
	await store.pruneReads(null, Infinity);
	await store.delMeta('me');
	if (u)
		await store.delMeta(`areas:${u}`);
	state.pending = state.refused = 0;
	state.staleAt = null;
	changed();
}

// ---- the queue ----

/** The user's queued items, oldest first. */
export function items() {
	const u = userName();
	return u ? store.queued(u) : Promise.resolve([]);
}

/** Count the user's waiting and refused items. */
export async function refresh() {
	const all = await items();
	state.pending = all.filter((i) => i.status !== 'refused').length;
	state.refused = all.filter((i) => i.status === 'refused').length;
	changed();
	return all;
}

/** Whether an ApiError means "try again later" rather than a refusal. */
function transient(e) {
	return e instanceof ApiError && (e.status === 0 || e.status === 401 || e.status === 429 || e.status >= 500 ||
		e.problem.code === 'idempotency_in_progress');
}

/**
 * Send a write: { kind, path, body, label, method }. Online with nothing
 * waiting, it is sent at once and resolves to { sent: true, data }, or
 * rejects with the server's refusal (ApiError) as before. Without a network
 * (or when the network fails on the way, or writes are still waiting before
 * it) it is queued and resolves to { sent: false, item }. prepare(body, queued)
 * may complete the body once it is known whether it goes now or later (a
 * receipt number from the device's block).
 */
export async function send({ kind, path, body, label, method = 'POST', prepare = null }) {
	const u = userName();
	const waiting = u ? (await store.queued(u)).some((i) => i.status !== 'refused') : false;
	const now = navigator.onLine && !waiting;
	if (prepare)
		body = await prepare(body, !now);
	const item = { user: u, key: crypto.randomUUID(), kind, method, path, body, label, created: Date.now(), status: 'pending' };
	if (now) {
		try {
			return { sent: true, data: await api(method, path, body, { 'Idempotency-Key': item.key }) };
		} catch (e) {
			if (!transient(e) || e.status === 401)
				throw e;
		}
	}
	const q = await store.enqueue(item).catch(() => null);
	if (!q || q.seq === undefined)
		throw new ApiError(0, { message_th: 'ติดต่อเซิร์ฟเวอร์ไม่ได้ และเบราว์เซอร์นี้เก็บรายการไว้ในเครื่องไม่ได้', message_en: 'the server cannot be reached and this browser cannot keep the item on the device' });
	await refresh();
	// Behind others: sent with them now; its own send failed: again in a moment.
	later(navigator.onLine ? (now ? 2000 : 0) : null);
	return { sent: false, item: q };
}

let flushing = null;
let timer = null;
let backoff = 2000;

/** Try again after ms (null: when the network returns). */
function later(ms) {
	clearTimeout(timer);
	timer = null;
	if (ms !== null)
		timer = setTimeout(() => {
			timer = null;
			flush();
		}, ms);
}

/**
 * Send the waiting items, in order, one at a time, each with its own key.
 * Stops at the first failure of the network (or of the server, or of the
 * session) and tries again later; a refusal stays on its item and the next
 * one is sent. One sender at a time across the pages of the browser.
 */
let again = false;

export function flush() {
	if (flushing) {
		again = true; // items added meanwhile: once more after this round
		return flushing;
	}
	flushing = run().finally(() => {
		flushing = null;
		if (again) {
			again = false;
			if (state.pending > 0 && timer === null)
				flush();
		}
	});
	return flushing;
}

async function run() {
	const u = userName();
	if (!u || !navigator.onLine)
		return;
	const go = async () => {
		state.sending = true;
		changed();
		try {
			for (const it of await store.queued(u)) {
				if (it.status === 'refused')
					continue;
				try {
					await api(it.method, it.path, it.body, { 'Idempotency-Key': it.key });
					await store.removeItem(it.seq);
					backoff = 2000;
				} catch (e) {
					if (!(e instanceof ApiError))
						throw e;
					if (transient(e)) {
						if (e.status !== 401) {
							later(backoff);
							backoff = Math.min(backoff * 2, 60000);
						}
						return;
					}
					await store.updateItem({ ...it, status: 'refused', problem: e.problem, http: e.status });
				}
				await refresh();
			}
			followChanges().catch(() => null);
		} finally {
			state.sending = false;
			await refresh();
		}
	};
	if (navigator.locks)
		await navigator.locks.request('s40-queue', go);
	else
		await go();
}

/** A refused item corrected: body replaced, sent again with a new key (another request). */
export async function resend(it, body) {
	await store.updateItem({ ...it, body, key: crypto.randomUUID(), status: 'pending', problem: null });
	await refresh();
	return flush();
}

/** Remove an item for good. */
export async function discard(it) {
	await store.removeItem(it.seq);
	return refresh();
}

window.addEventListener('online', () => {
	state.online = true;
	backoff = 2000;
	changed();
	flush();
	ensureBlock().catch(() => null);
});
window.addEventListener('offline', () => {
	state.online = false;
	changed();
});
// Something waiting and the network seemingly there: try now and then.
setInterval(() => {
	if (navigator.onLine && state.pending > 0 && !flushing && timer === null)
		flush();
}, 30000);

// ---- receipts ----

/**
 * Reserve a block of receipt numbers for the device when it has none or
 * fewer than 20 left (POST /receipt-blocks), for payments recorded offline.
 */
export async function ensureBlock() {
	const u = userName();
	if (!u || session.user.role === 'viewer' || !has('/receipt-blocks', 'POST') || !has('/payments', 'POST'))
		return;
	const b = await store.getMeta(`block:${u}`);
	if (b && b.last - b.next + 1 >= 20)
		return;
	const r = await api('POST', '/receipt-blocks', { size: 100 }, { 'Idempotency-Key': crypto.randomUUID() });
	await store.setMeta(`block:${u}`, { block: r.block, prefix: r.prefix, first: r.first, last: r.last, next: r.first });
	changed(); // the outbox page shows the block
}

/** The next receipt number of the device's block, never given twice, or null. */
export function takeReceipt() {
	const u = userName();
	return u ? store.takeReceipt(u) : Promise.resolve(null);
}

/** The device's block: { prefix, first, last, next } or null. */
export function block() {
	const u = userName();
	return u ? store.getMeta(`block:${u}`) : Promise.resolve(null);
}

// ---- keeping the area for reading ----

/**
 * Once online with the queue sent: the villages changed since the last look
 * (GET /changes?since=CURSOR, the journal's sequence, limited by the server to
 * the user's area) have their kept pages fetched again, so that the copy taken
 * to the field next shows what the other phones sent meanwhile. The first
 * look only takes the cursor.
 */
async function followChanges() {
	const u = userName();
	if (!u || !has('/changes') || days() <= 0)
		return;
	const key = `cursor:${u}`;
	let since = await store.getMeta(key);
	if (since === null) {
		await store.setMeta(key, (await get('/changes')).cursor);
		return;
	}
	const villages = new Set();
	let everything = false; // an entry placed nowhere (an import): every kept village
	for (let more = true, n = 0; more && n < 50; n++) {
		const r = await get('/changes', { since });
		for (const c of r.changes || []) {
			if (c.village)
				villages.add(String(c.village));
			else if (!c.person && !c.area)
				everything = true;
		}
		since = r.cursor;
		more = r.more;
	}
	// The villages kept on this phone (their pages read).
	const kept = new Set((await store.readPaths(u)).map((p) => /^\/areas\/(\d{8})$/.exec(p)).filter(Boolean).map((m) => m[1]));
	const pages = await import('./pages.js');
	for (const code of everything ? kept : villages) {
		if (!kept.has(code))
			continue;
		await pages.pageVillage(document.createElement('div'), { code }).catch(() => null);
		await idle();
	}
	await store.setMeta(key, since);
}

/** The areas below root, level by level down to the villages, as the pickers ask for them; resolves to the villages. */
async function areaTree(root, onStep) {
	const villages = [];
	let level = [root || null];
	while (level.length) {
		const next = [];
		for (const code of level) {
			const page = await get('/areas', { parent: code, limit: 500 });
			onStep && onStep();
			for (const a of page.items)
				(String(a.code).length >= 8 ? villages : next).push(a.code);
		}
		level = next;
	}
	return villages;
}

/** Keep the tree of the user's area (names only) for the pickers, once a day, not for the whole country. */
async function keepAreas() {
	const u = session.user;
	if (!u || u.role === 'admin' || !u.area || days() <= 0)
		return;
	const last = await store.getMeta(`areas:${u.name}`);
	if (last && last > Date.now() - DAY_MS)
		return;
	await areaTree(u.area);
	await store.setMeta(`areas:${u.name}`, Date.now());
}

/**
 * Keep everything a user reads in the field for their area: the tree of
 * areas, every village's page (its residents with their cover) and the
 * follow-up list, drawn off screen so that exactly what the pages ask for is
 * kept. progress(done, total) is called as it goes.
 */
export async function keepForOffline(progress = () => {}) {
	const u = session.user;
	if (!u || u.role === 'admin' || !u.area || days() <= 0)
		return 0;
	let steps = 0;
	const villages = await areaTree(u.area, () => progress(++steps, 0));
	const pages = await import('./pages.js');
	let done = 0;
	for (const code of villages) {
		await pages.pageVillage(document.createElement('div'), { code: String(code) }).catch(() => null);
		await idle();
		progress(++done, villages.length);
	}
	if (has('/reports/lapsed') && u.role !== 'viewer') {
		await pages.pageFollowup(document.createElement('div'), {}).catch(() => null);
		await idle();
	}
	return villages.length;
}

/** How many copies the user has on the device and the oldest's time. */
export function kept() {
	const u = userName();
	return u ? store.readStats(u) : Promise.resolve({ count: 0, oldest: null });
}
