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

/** Set what happens when a call answers 401 (the session ended): back to login. */
export function setUnauthenticatedHandler(fn) {
	onUnauthenticated = fn;
}

/**
 * Call the API: method, path below /api/v1 (with its query), an optional body
 * (an object sent as JSON, or a File/Blob sent as text/csv). Resolves to the
 * parsed JSON (null for 204); rejects with ApiError.
 */
export async function api(method, path, body) {
	const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
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
