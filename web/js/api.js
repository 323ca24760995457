// api.js — the only way the UI reaches s40: the JSON API under /api/v1, with
// the session cookie (HttpOnly, set by POST /auth/login). Failures become an
// ApiError carrying the RFC 9457 problem (code, message_th, message_en, field).
// What the server offers is read from its OpenAPI document, so that a page can
// show "not available on this server" for a route that is not there yet and
// use it as soon as it is.

import { getLang } from './i18n.js';

export const BASE = '/api/v1';

/** The logged-in user ({ name, role, area, … }); set by app.js. */
export const session = { user: null, today: null };

/** A failed API call: status and the problem document. */
export class ApiError extends Error {
	constructor(status, problem) {
		super(problem && (problem.message_en || problem.title) || `HTTP ${status}`);
		this.status = status;
		this.problem = problem || {};
	}

	/** The field at fault (problem.field), or null. */
	get field() {
		return this.problem.field || null;
	}

	/** The message in the language in use. */
	get text() {
		const p = this.problem;
		const th = p.message_th || p.title || p.detail;
		const en = p.message_en || p.detail || p.title;
		return (getLang() === 'en' ? en || th : th || en) || `HTTP ${this.status}`;
	}
}

let onUnauthenticated = null;

// The keeper of copies for use without a network (offline.js): put(path, data)
// after every GET answered, get(path) → { data, at } or null when the network fails.
let keeper = null;

/** Set the keeper of offline copies. */
export function setKeeper(k) {
	keeper = k;
}

// Calls in flight, and who waits for there to be none (idle()).
let inflight = 0;
let idlers = [];

/** Resolves once no call is in flight (a page drawn, with all it asked for). */
export function idle() {
	return inflight === 0 ? Promise.resolve() : new Promise((resolve) => idlers.push(resolve));
}

/** Whether an answer of path may be kept for offline reading. */
function keepable(path) {
	return !path.startsWith('/auth/') && !path.startsWith('/imports') && !path.startsWith('/changes');
}

/** Set what happens when a call answers 401 (the session ended): back to login. */
export function setUnauthenticatedHandler(fn) {
	onUnauthenticated = fn;
}

/**
 * Call the API: method, path below /api/v1 (with its query), an optional body
 * (an object sent as JSON, or a File/Blob sent as text/csv), and headers to
 * add (Idempotency-Key). Resolves to the parsed JSON (null for 204); rejects
 * with ApiError. A GET that fails for want of a network is answered from the
 * offline copy when there is one (offline.js).
 */
export async function api(method, path, body, headers = {}) {
	inflight++;
	try {
		return await call(method, path, body, headers);
	} finally {
		if (--inflight === 0) {
			const w = idlers;
			idlers = [];
			w.forEach((fn) => fn());
		}
	}
}

async function call(method, path, body, headers) {
	const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
	if (body instanceof Blob) {
		init.headers['Content-Type'] = 'text/csv';
		init.body = body;
	} else if (body !== undefined) {
		init.headers['Content-Type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	let res;
	try {
		res = await fetch(BASE + path, init);
	} catch (e) {
		const kept = method === 'GET' && keeper && keepable(path) ? await keeper.get(path) : null;
		if (kept)
			return kept.data;
		throw new ApiError(0, { message_th: 'ติดต่อเซิร์ฟเวอร์ไม่ได้', message_en: 'the server cannot be reached' });
	}
	if (res.status === 204)
		return null;
	const type = res.headers.get('Content-Type') || '';
	const data = type.includes('json') ? await res.json().catch(() => null) : await res.text();
	if (!res.ok) {
		if (res.status === 401 && onUnauthenticated && !path.startsWith('/auth/login'))
			onUnauthenticated();
		throw new ApiError(res.status, typeof data === 'object' ? data : null);
	}
	if (method === 'GET' && keeper && keepable(path))
		await keeper.put(path, data);
	return data;
}

/** GET shortcut; params an object of query values (null/undefined/'' skipped). */
export function get(path, params) {
	return api('GET', path + query(params));
}

/** "?a=1&b=x" from an object, skipping empty values. */
export function query(params) {
	if (!params)
		return '';
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params))
		if (v !== null && v !== undefined && v !== '')
			q.set(k, String(v));
	const s = q.toString();
	return s ? '?' + s : '';
}

let routes = null;

/** Load the server's routes (from its OpenAPI document) once. */
export async function loadRoutes(force = false) {
	if (routes && !force)
		return routes;
	const doc = await api('GET', '/openapi.json');
	routes = new Set();
	for (const [p, item] of Object.entries(doc.paths || {}))
		for (const m of Object.keys(item))
			routes.add(m.toUpperCase() + ' ' + p);
	return routes;
}

/** Whether the server offers METHOD path (a pattern as in the document). */
export function has(path, method = 'GET') {
	return routes !== null && routes.has(method + ' ' + BASE + path);
}

/** The URL of a report download: /api/v1/reports/KIND?…&format=csv|xlsx|pdf&lang=. */
export function downloadUrl(path, params, format) {
	return BASE + path + query({ ...params, format, lang: getLang() });
}
