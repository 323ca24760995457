// app.js — the web UI's entry: the session (GET /auth/me), the menu by role,
// the ไทย/EN switch, and the hash router (#/, #/areas/75, #/village/75030702,
// #/person/ID, #/enrol …). A hash route needs nothing from the server but the
// one page, so a reload or a shared link opens the same view. Without a
// network (offline.js) the app opens from the service worker's copy (/sw.js),
// as the user last seen, with the header saying so and how many writes wait.

import { t, setLang, getLang } from './i18n.js';
import { api, loadRoutes, setUnauthenticatedHandler, ApiError, session } from './api.js';
import { h, put, notice } from './ui.js';
import * as offline from './offline.js';

const ROLE_PAGES = {
	admin: ['dashboard', 'areas', 'search', 'enrol', 'pay', 'survey', 'targets', 'import', 'statement', 'followup', 'outbox'],
	officer: ['dashboard', 'areas', 'search', 'enrol', 'pay', 'survey', 'targets', 'statement', 'followup', 'outbox'],
	volunteer: ['dashboard', 'areas', 'search', 'enrol', 'pay', 'followup', 'outbox'],
	viewer: ['dashboard', 'areas', 'statement', 'outbox'],
};

const NAV = [
	['dashboard', '#/', 'nav_dashboard'],
	['areas', null, 'nav_areas'],
	['search', '#/search', 'nav_search'],
	['enrol', '#/enrol', 'nav_enrol'],
	['pay', '#/pay', 'nav_pay'],
	['survey', '#/survey', 'nav_survey'],
	['targets', '#/targets', 'nav_targets'],
	['import', '#/import', 'nav_import'],
	['statement', '#/statement', 'nav_statement'],
];

// A page's name, the heading of its refusal: the menu's, and the follow-up list's own.
const PAGE_NAMES = Object.fromEntries([...NAV.map(([p, , key]) => [p, key]), ['followup', 'lapsed'], ['outbox', 'outbox_title']]);

const ROUTES = [
	[/^\/$/, 'dashboard', [], () => import('./pages.js').then((m) => m.pageDashboard)],
	[/^\/areas\/(\d+)$/, 'areas', ['code'], () => import('./pages.js').then((m) => m.pageArea)],
	[/^\/village\/(\d{8})$/, 'areas', ['code'], () => import('./pages.js').then((m) => m.pageVillage)],
	[/^\/search$/, 'search', [], () => import('./pages.js').then((m) => m.pageSearch)],
	[/^\/person\/([\dx-]+)$/, 'search', ['id'], () => import('./pages.js').then((m) => m.pagePerson)],
	[/^\/enrol$/, 'enrol', [], () => import('./forms.js').then((m) => m.pageEnrol)],
	[/^\/pay$/, 'pay', [], () => import('./forms.js').then((m) => m.pagePay)],
	[/^\/survey$/, 'survey', [], () => import('./forms.js').then((m) => m.pageSurvey)],
	[/^\/targets$/, 'targets', [], () => import('./forms.js').then((m) => m.pageTargets)],
	[/^\/import$/, 'import', [], () => import('./pages.js').then((m) => m.pageImport)],
	[/^\/statement$/, 'statement', [], () => import('./pages.js').then((m) => m.pageStatement)],
	[/^\/followup$/, 'followup', [], () => import('./pages.js').then((m) => m.pageFollowup)],
	[/^\/outbox$/, 'outbox', [], () => import('./outbox.js').then((m) => m.pageOutbox)],
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const langBtn = document.getElementById('lang');
const menuBtn = document.getElementById('menu-btn');
const net = document.getElementById('net');
// "ข้อมูล ณ …": above every page read (in part) from the copy kept on the device.
const stale = h('p.notice.info.stale', { role: 'status', 'data-testid': 'stale', hidden: true });

/** The header's network state and queued writes, and the page's "as of" line. */
function drawNet() {
	const s = offline.state;
	if (!session.user) {
		put(net);
		stale.hidden = true;
		return;
	}
	put(net,
		h('span.net-state', { class: s.online ? 'net-state online' : 'net-state offline', 'data-testid': 'net-state' }, t(s.online ? 'online' : 'offline')),
		h('a.queue', { href: '#/outbox', 'data-testid': 'queue-count', class: s.refused ? 'queue refused' : 'queue' },
			t('queue_n', s.pending), s.refused ? ` · ${t('refused_n', s.refused)}` : ''));
	stale.hidden = s.staleAt === null;
	stale.textContent = s.staleAt === null ? '' : t('data_as_of', offline.dateTime(s.staleAt));
}
offline.onChange(drawNet);

function allowed(page) {
	return session.user && (ROLE_PAGES[session.user.role] || []).includes(page);
}

function drawChrome() {
	document.documentElement.lang = getLang();
	document.title = `${t('app_name')} · s40`;
	document.getElementById('brand-name').textContent = t('app_name');
	document.getElementById('skip').textContent = t('skip');
	langBtn.textContent = t('lang_switch');
	langBtn.setAttribute('aria-label', getLang() === 'th' ? 'Switch to English' : 'เปลี่ยนเป็นภาษาไทย');
	menuBtn.textContent = t('menu');
	const u = session.user;
	if (!u) {
		put(nav);
		put(who);
		menuBtn.hidden = true;
		return;
	}
	menuBtn.hidden = false;
	const cur = location.hash || '#/';
	put(nav, ...NAV.filter(([p]) => allowed(p)).map(([p, href, key]) => {
		const target = href || `#/areas/${u.role === 'admin' ? 0 : u.area}`;
		return h('a', { href: target, 'data-page': p, 'aria-current': cur === target || (href && href !== '#/' && cur.startsWith(href)) ? 'page' : null }, t(key));
	}));
	put(who, h('span.user', { 'data-testid': 'user' }, `${u.name} · ${getLang() === 'en' ? u.role_en : u.role_th}`),
		h('button.link', { type: 'button', id: 'logout', onclick: logout }, t('logout')));
	drawNet();
}

async function logout() {
	// What is still on the device goes with the login: say so first.
	const left = await offline.unsent();
	if (left && !window.confirm(t('logout_unsent', left)))
		return;
	try {
		await api('POST', '/auth/logout');
	} catch {
		/* the session may have ended already, or there is no network */
	}
	// No longer the user before the copies go: an answer to a read still on its
	// way is then not kept as the user's after they were removed.
	const name = session.user ? session.user.name : null;
	session.user = null;
	await offline.loggedOut(true, name);
	location.hash = '#/login';
	route();
}

function parseHash() {
	const raw = (location.hash || '#/').slice(1);
	const [path, q] = raw.split('?');
	const params = Object.fromEntries(new URLSearchParams(q || ''));
	return { path: path || '/', params };
}

let routing = 0;

async function route() {
	const mine = ++routing;
	offline.newPage();
	const { path, params } = parseHash();
	document.body.classList.remove('menu-open');
	menuBtn.setAttribute('aria-expanded', 'false');
	if (!session.user || path === '/login') {
		drawChrome();
		const { pageLogin } = await import('./pages.js');
		pageLogin(main, params, {
			onLogin: async (user) => {
				session.user = user;
				await loadRoutes(true).catch(() => null);
				// The user with the server's offline limit.
				session.user = await api('GET', '/auth/me').catch(() => user);
				await offline.loggedIn(session.user);
				location.hash = '#/';
				route();
			},
		});
		return;
	}
	drawChrome();
	for (const [re, page, names, load] of ROUTES) {
		const m = re.exec(path);
		if (!m)
			continue;
		if (!allowed(page)) {
			put(main, h('h1', t(PAGE_NAMES[page])), notice('err', t('forbidden')));
			return;
		}
		names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
		put(main, h('p', t('loading')));
		const fn = await load();
		if (mine !== routing)
			return;
		// Each visit draws into a view of its own: a page still waiting for
		// the server when the person has moved on finishes into a detached
		// view instead of replacing the page they went to.
		const view = h('div.view');
		put(main, stale, view);
		try {
			await fn(view, params);
		} catch (e) {
			put(view, notice('err', e instanceof ApiError ? e.text : `${t('error')}: ${e}`));
		}
		if (mine === routing)
			main.focus({ preventScroll: true });
		return;
	}
	put(main, h('h1', t('page_not_found')));
}

async function boot() {
	setLang(getLang());
	langBtn.addEventListener('click', () => {
		setLang(getLang() === 'th' ? 'en' : 'th');
		route();
	});
	menuBtn.addEventListener('click', () => {
		const open = document.body.classList.toggle('menu-open');
		menuBtn.setAttribute('aria-expanded', String(open));
	});
	setUnauthenticatedHandler(() => {
		if (session.user) {
			session.user = null;
			location.hash = '#/login';
		}
	});
	// The app kept on the device for use without a network (/sw.js).
	if ('serviceWorker' in navigator)
		navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => null);
	await loadRoutes().catch(() => null);
	// The server's day (s40 serve --today or its clock): the default "as of".
	session.today = await api('GET', '/health').then((r) => r.today || null).catch(() => null);
	try {
		session.user = await api('GET', '/auth/me');
		await offline.loggedIn(session.user);
	} catch (e) {
		// No network: the user as last seen on this device, if not logged out since.
		session.user = e instanceof ApiError && e.status === 0 ? await offline.keptUser() : null;
		if (session.user)
			await offline.refresh();
	}
	window.addEventListener('hashchange', route);
	await route();
	document.body.dataset.ready = '1';
}

boot();
