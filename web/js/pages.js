// pages.js — the reading pages: login, dashboard, drill-down by area, village,
// person search and person page, import, statement. Each page function takes
// the main element and the route's parameters and fills the element; the data
// comes only from the JSON API. A section whose route the server does not
// offer (yet) says so instead of showing anything made up.

import { t, pick, getLang } from './i18n.js';
import { api, get, has, ApiError, session } from './api.js';
import { h, put, card, notice, unavailable, field, select, saveBlob, showProblem } from './ui.js';
import { baht, num, pct, dateLong, dateShort, formatId, todayISO, fiscalYear, monthLong, monthShort, yearLabel } from './fmt.js';
import { dateField } from './datefield.js';
import { barChart, cumulativeChart, progress } from './charts.js';
import { reportTable, isTotal, bodyRows, telHref, downloadButtons } from './table.js';
import { mapCard } from './map.js';

const LEVELS = ['province', 'district', 'subdistrict', 'village'];

/** The level of an area code by its digits (0 is the country). */
export function levelOf(code) {
	const n = String(code).length;
	return code === 0 || code === '0' ? 'country' : { 2: 'province', 4: 'district', 6: 'subdistrict', 8: 'village' }[n];
}

/** The level below an area's. */
function childLevel(code) {
	const l = levelOf(code);
	return l === 'country' ? 'province' : LEVELS[LEVELS.indexOf(l) + 1] || null;
}

/** The total row of a report. */
function totalRow(rep) {
	return rep.rows.find((r) => isTotal(r, rep.columns, rep.rows)) || rep.rows[rep.rows.length - 1];
}

function subtitle(rep) {
	return pick(rep.subtitle_th, rep.subtitle_en);
}

/** A section that needs a route: the content from fn, or "not available". */
async function needs(route, fn) {
	if (!has(route))
		return unavailable('GET /api/v1' + route);
	try {
		return await fn();
	} catch (e) {
		return notice('err', e instanceof ApiError ? e.text : String(e));
	}
}

/** The "as of" picker shared by the reading pages; the date lives in the hash query. */
function asOfPicker(params, go) {
	const f = dateField({ name: 'asof', label: t('as_of'), iso: params.date || null, onchange: null });
	const btn = h('button', { type: 'submit' }, t('show'));
	const form = h('form.inline', { 'aria-label': t('as_of') }, f, btn);
	form.addEventListener('submit', (e) => {
		e.preventDefault();
		if (!f.validate())
			return;
		go(f.iso);
	});
	return form;
}

/** Replace the date in the current hash route. */
function routeWithDate(path, iso, extra = {}) {
	const q = new URLSearchParams({ ...extra });
	if (iso)
		q.set('date', iso);
	const s = q.toString();
	return `#${path}${s ? '?' + s : ''}`;
}

// ---- login ----

export function pageLogin(main, params, { onLogin }) {
	const name = field({ name: 'name', label: t('user_name'), attrs: { autocomplete: 'username', autocapitalize: 'off', required: true } });
	const pass = field({ name: 'password', label: t('password'), type: 'password', attrs: { autocomplete: 'current-password', required: true } });
	const top = h('div');
	const form = h('form.card.login', { 'aria-labelledby': 'login-h' },
		h('h1#login-h', t('login')), h('p.small', t('app_tag')), top, name, pass,
		h('button', { type: 'submit' }, t('login')));
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		put(top);
		try {
			const r = await api('POST', '/auth/login', { name: name.input.value.trim(), password: pass.input.value });
			pass.input.value = '';
			onLogin(r.user);
		} catch (err) {
			put(top, notice('err', err.status === 401 ? t('login_failed') : err.text));
			pass.input.select();
		}
	});
	put(main, form);
	name.input.focus();
}

// ---- dashboard ----

export async function pageDashboard(main, params) {
	const u = session.user;
	const root = u.role === 'admin' ? 0 : u.area;
	const date = params.date || null;
	const day = date || session.today || todayISO();
	const areaName = root ? await get(`/areas/${root}`).then((a) => pick(a.full_name_th, a.full_name_en)).catch(() => String(root)) : t('whole_country');
	const head = h('div.page-head', h('h1', `${t('nav_dashboard')}: ${areaName}`), asOfPicker(params, (iso) => { location.hash = routeWithDate('/', iso); }));
	const grid = h('div.grid');
	put(main, head, grid);

	// Members today, by the areas below.
	const level = childLevel(root);
	const members = card(t('members_today'), h('p', t('loading')));
	grid.append(members);
	get('/reports/asof', { area: root || null, date, level }).then((rep) => {
		const tot = totalRow(rep);
		const items = rep.rows.filter((r) => r !== tot).sort((a, b) => b.members - a.members).slice(0, 12)
			.map((r) => ({ label: pick(r.name_th, r.name_en), value: r.members }));
		put(members, h('h2', t('members_today')),
			h('p.big', { 'data-testid': 'members-total' }, num(tot.members), h('span.unit', ' ' + t('members_unit'))),
			h('p.small', subtitle(rep)),
			items.length ? barChart(items, { label: t('by_area') }) : null,
			h('p', h('a', { href: root && levelOf(root) === 'village' ? `#/village/${root}` : `#/areas/${root}` + (date ? `?date=${date}` : '') }, t('drill') + ' →')));
	}).catch((e) => put(members, h('h2', t('members_today')), notice('err', e.text || String(e))));

	// Fiscal-year attainment: progress bar and cumulative chart with the target line.
	const fy = fiscalYear(day);
	const att = card(t('fy_attainment', fy), h('p', t('loading')));
	grid.append(att);
	needs('/reports/attainment', async () => {
		const rep = await get('/reports/attainment', { fy, date, area: root || null });
		const tot = totalRow(rep);
		if (!tot.target) {
			// No target for the year: said so, with the way to set one, not an empty chart.
			const set = ['admin', 'officer'].includes(session.user.role)
				? h('a', { href: `#/targets?fy=${fy}` + (root ? `&area=${root}` : '') }, t('set_target') + ' →') : null;
			return [h('p.big', num(tot.new_members || 0), h('span.unit', ` ${t('members_unit')}`)),
				h('p', { 'data-testid': 'no-target' }, t('no_target', fy)), set ? h('p', set) : null,
				h('p.small', subtitle(rep))];
		}
		const out = [h('p.big', num(tot.new_members), h('span.unit', ` / ${num(tot.target)} ${t('members_unit')}`)),
			progress(tot.new_members || 0, tot.target || 0, `${pct(tot.attainment)}`, t('fy_attainment', fy)),
			h('p.small', subtitle(rep))];
		if (has('/reports/trend') && root !== 0) {
			const tr = await get('/reports/trend', { fy, date, area: root || null, period: 'month' });
			// The month of each period in the reader's language and era (the
			// report's own period label is Thai).
			out.push(cumulativeChart(tr.rows.map((r) => ({ x: monthShort(r.from.slice(0, 7)), value: r.cumulative, target: r.target_line })),
				{ label: t('fy_attainment', fy), legend: [t('cumulative'), t('target_line')] }));
		}
		return out;
	}).then((c) => put(att, h('h2', t('fy_attainment', fy)), c));

	// Fully covered villages and One Tambon, One Village.
	const cov = card(t('fully_covered'), h('p', t('loading')));
	grid.append(cov);
	// The totals of the area from the coverage report (the server's coverage
	// index: microseconds for the whole country, where the subdistricts' list
	// is 7,436 rows worked out village by village).
	needs('/reports/coverage', async () => {
		const rep = await get('/reports/coverage', { date, area: root || null });
		const tot = totalRow(rep);
		const villages = tot.fully_covered || 0, achieved = tot.tambons_achieved || 0, subs = tot.subdistricts || 0;
		return [h('p.big', { 'data-testid': 'fully-covered' }, num(villages), h('span.unit', ' ' + t('village'))),
			h('p', { 'data-testid': 'tambons-achieved' }, t('tambons_achieved', num(achieved), num(subs))),
			progress(achieved, subs || 1, `${t('tambons')} ${num(achieved)}/${num(subs)}`, t('tambons')),
			h('p.small', subtitle(rep))];
	}).then((c) => put(cov, h('h2', `${t('fully_covered')} · ${t('tambons')}`), c));

	// Members to follow up (personal data: not for viewers).
	if (session.user.role === 'viewer')
		return;
	const lap = card(t('lapsed'), h('p', t('loading')));
	grid.append(lap);
	needs('/reports/lapsed', async () => {
		const rep = await get('/reports/lapsed', { date, area: root || null, limit: 10 });
		return [h('p.big', num(rep.total ?? rep.n_rows ?? rep.rows.length), h('span.unit', ' ' + t('members_unit'))),
			reportTable({ ...rep, rows: rep.rows.slice(0, 10) }, {
				columns: ['name', 'village_name', 'status', 'unpaid_months', 'phone'],
				// A full ID (officers) opens the person; a masked one cannot.
				link: (r) => (/^\d{13}$/.test(String(r.id).replace(/-/g, '')) ? `#/person/${String(r.id).replace(/-/g, '')}` : null),
				// The download is the whole list, to take to the village.
				download: { path: '/reports/lapsed', params: { date, area: root || null }, name: `s40-lapsed-${root}` },
			}),
			h('p', h('a', { href: routeWithDate('/followup', date, root ? { area: root } : {}), 'data-testid': 'followup-all' }, t('followup_all') + ' →'))];
	}).then((c) => put(lap, h('h2', t('lapsed')), c));
}

// ---- the follow-up list: every member of an area to call, a page at a time ----

const FOLLOWUP_PAGE = 50;

export async function pageFollowup(main, params) {
	const u = session.user;
	const root = u.role === 'admin' ? 0 : u.area;
	const date = params.date || null;
	const order = params.order === 'worst' ? 'worst' : 'newest';
	const status = ['arrears', 'lapsed'].includes(params.status) ? params.status : '';
	const offset = Math.max(0, Number(params.offset) || 0);
	const mine = u.role === 'volunteer' && u.person ? String(u.person) : null;
	const assignee = params.assignee === 'none' || (mine && params.assignee === mine) ? params.assignee : '';
	const go = (extra) => {
		const q = { area: params.area || '', status, order, assignee, ...extra };
		for (const k of Object.keys(q))
			if (q[k] === '' || q[k] === null || q[k] === undefined || (k === 'offset' && !q[k]))
				delete q[k];
		location.hash = routeWithDate('/followup', date, q);
	};
	// Which members: the area (down to a village), the standing, the order.
	const { areaPicker } = await import('./forms.js');
	const area = areaPicker(root, { value: params.area || '', villages: true, onChange: (code) => go({ area: code && code !== String(root) ? code : '', offset: 0 }) });
	const st = field({ name: 'status', label: t('status'), input: select('status', [['', t('status_all')], ['arrears', t('status_arrears')], ['lapsed', t('status_lapsed')]], status, false) });
	st.input.addEventListener('change', () => go({ status: st.input.value, offset: 0 }));
	const ord = field({ name: 'order', label: t('order'), input: select('order', [['newest', t('order_newest')], ['worst', t('order_worst')]], order, false) });
	ord.input.addEventListener('change', () => go({ order: ord.input.value, offset: 0 }));
	const asg = field({ name: 'assignee', label: t('assignee'), input: select('assignee', [['', t('assignee_all')], ...(mine ? [[mine, t('assignee_me')]] : []), ['none', t('assignee_none')]], assignee, false) });
	asg.input.addEventListener('change', () => go({ assignee: asg.input.value, offset: 0 }));
	const out = h('div', { 'aria-live': 'polite' }, h('p', t('loading')));
	put(main, h('div.page-head', h('h1', t('lapsed'))), card(t('followup_filters'), h('div.grid-fields', st, ord, asg), area), out);
	const q = { date, area: params.area || (root || null), status: status || null, order, assignee: assignee || null };
	try {
		const rep = await get('/reports/lapsed', { ...q, limit: FOLLOWUP_PAGE, offset });
		const total = rep.total ?? rep.rows.length;
		const from = total ? offset + 1 : 0, to = offset + rep.rows.length;
		const pager = h('div.pager',
			h('button.secondary', { type: 'button', disabled: offset === 0, onclick: () => go({ offset: Math.max(0, offset - FOLLOWUP_PAGE) }) }, t('prev_page')),
			h('span.small', { 'data-testid': 'followup-range' }, t('rows_range', num(from), num(to), num(total))),
			h('button.secondary', { type: 'button', disabled: to >= total, onclick: () => go({ offset: offset + FOLLOWUP_PAGE }) }, t('next_page')));
		put(out, card(t('lapsed'),
			h('p.small', subtitle(rep)),
			h('p.big', { 'data-testid': 'followup-total' }, num(total), h('span.unit', ' ' + t('members_unit'))),
			h('div.table-tools', downloadButtons({ path: '/reports/lapsed', params: q, name: `s40-lapsed-${q.area || 'all'}` })),
			rep.rows.length ? reportTable(rep, {
				bare: true,
				search: false,
				columns: ['name', 'village_name', 'status', 'unpaid_months', 'last_paid', 'phone', 'recruiter_name', 'assignee_name', 'last_call', 'last_call_date'],
				link: (r) => (/^\d{13}$/.test(String(r.id).replace(/-/g, '')) ? `#/person/${String(r.id).replace(/-/g, '')}` : null),
			}) : h('p', t('no_results')),
			total > FOLLOWUP_PAGE ? pager : null));
	} catch (e) {
		put(out, notice('err', e instanceof ApiError ? e.text : String(e)));
	}
}

// ---- drill-down: an area and the areas below it ----

export async function pageArea(main, params) {
	const code = Number(params.code || 0);
	const date = params.date || null;
	if (levelOf(code) === 'village') {
		location.hash = routeWithDate(`/village/${code}`, date);
		return;
	}
	const level = childLevel(code);
	const crumbs = h('nav.crumbs', { 'aria-label': t('nav_areas') });
	const head = h('div.page-head', crumbs, h('h1', '…'), asOfPicker(params, (iso) => { location.hash = routeWithDate(`/areas/${code}`, iso); }));
	const body = h('div');
	put(main, head, body);
	await breadcrumbs(crumbs, code, date);
	let title = t('whole_country');
	if (code) {
		const a = await get(`/areas/${code}`).catch(() => null);
		if (a)
			title = pick(a.full_name_th, a.full_name_en);
	}
	head.querySelector('h1').textContent = title;

	// The village and attainment reports, read once for their cards and the map.
	const fy = fiscalYear(date || session.today || todayISO());
	const villagesRep = code && has('/reports/villages') ? get('/reports/villages', { date, area: code }) : null;
	const attainmentRep = has('/reports/attainment') ? get('/reports/attainment', { fy, date, area: code || null, level }) : null;
	for (const p of [villagesRep, attainmentRep])
		p?.catch(() => {}); // each card says its own error
	// The names of the areas below in both languages (the coverage report's are Thai).
	const names = new Map();
	try {
		const rep = await get('/reports/asof', { area: code || null, date, level });
		const tot = totalRow(rep);
		for (const r of rep.rows)
			names.set(r.code, pick(r.name_th, r.name_en));
		const link = (r) => r.code === null ? null : (levelOf(r.code) === 'village' ? `#/village/${r.code}` : `#/areas/${r.code}`) + (date ? `?date=${date}` : '');
		body.append(card(t('members_today'),
			h('p.big', num(tot.members), h('span.unit', ' ' + t('members_unit'))),
			h('p.small', subtitle(rep)),
			barChart(rep.rows.filter((r) => r !== tot).map((r) => ({ label: pick(r.name_th, r.name_en), value: r.members })), { label: t('members_today') }),
			reportTable(rep, { link, caption: t('members_today'), download: { path: '/reports/asof', params: { area: code || null, date, level }, name: `s40-asof-${code}` } })));
		// The map: of the provinces, a province's districts, a district's
		// subdistricts (a subdistrict's villages share its point).
		if (levelOf(code) !== 'subdistrict')
			body.append(mapCard(code, { date, asof: rep, villages: villagesRep, attainment: attainmentRep, fy, href: (c) => `#/areas/${c}` + (date ? `?date=${date}` : '') }));
	} catch (e) {
		body.append(notice('err', e.text || String(e)));
	}

	// Coverage (villages of this area) and attainment, when the server has them.
	if (code) {
		const cov = card(t('coverage'), h('p', t('loading')));
		body.append(cov);
		needs('/reports/villages', async () => {
			const rep = await villagesRep;
			const items = bodyRows(rep).slice(0, 40).map((r) => ({ label: names.get(r.code) || r.village, value: r.coverage, mark: r.fully_covered }));
			return [h('p.small', subtitle(rep)),
				levelOf(code) === 'subdistrict' ? barChart(items, { label: t('coverage'), max: 10000, fmt: pct }) : null,
				reportTable(rep, { link: (r) => `#/village/${r.code}` + (date ? `?date=${date}` : ''), download: { path: '/reports/villages', params: { date, area: code }, name: `s40-villages-${code}` } })];
		}).then((c) => put(cov, h('h2', t('coverage')), c));
	}
	const att = card(t('attainment'), h('p', t('loading')));
	body.append(att);
	needs('/reports/attainment', async () => {
		const rep = await attainmentRep;
		// No area below has a target: said so (the table still gives the new
		// members), not a chart of empty bars; when the area has one, that it is
		// not allocated below.
		const none = !bodyRows(rep).some((r) => r.target);
		const own = totalRow(rep)?.target;
		return [h('p.small', subtitle(rep)),
			none ? h('p', { 'data-testid': 'no-target' }, own ? t('target_not_allocated', num(own), fy) : t('no_target', fy), ['admin', 'officer'].includes(session.user.role)
				? [' ', h('a', { href: `#/targets?fy=${fy}&area=${code}` }, t(own ? 'allocate_target' : 'set_target') + ' →')] : null) : barChart(bodyRows(rep).map((r) => ({ label: pick(r.name_th, r.name_en), value: r.attainment, mark: r.attainment >= 10000 })), { label: t('attainment'), max: Math.max(10000, ...bodyRows(rep).map((r) => r.attainment || 0)), fmt: pct }),
			reportTable(rep, { download: { path: '/reports/attainment', params: { fy, date, area: code || null, level }, name: `s40-attainment-${code}` } })];
	}).then((c) => put(att, h('h2', `${t('attainment')} ${t('fiscal_year')} ${fy}`), c));
}

/** Whether the user's role reaches the pages of area code (0: the country). */
function mayOpen(code) {
	const root = session.user.role === 'admin' ? 0 : Number(session.user.area) || 0;
	return root === 0 || (code !== 0 && String(code).startsWith(String(root)));
}

/** Country › province › district › subdistrict above a page: a link where the user
 * may go, the name alone above the user's own area. */
async function breadcrumbs(nav, code, date) {
	const q = date ? `?date=${date}` : '';
	const codes = [];
	for (let c = String(code); c.length >= 2; c = c.slice(0, c.length - 2))
		codes.unshift(c);
	const items = [mayOpen(0) ? h('a', { href: `#/areas/0${q}` }, t('whole_country')) : h('span', t('whole_country'))];
	for (const c of codes) {
		const a = await get(`/areas/${c}`).catch(() => null);
		const name = a ? pick(a.name_th, a.name_en) : c;
		let item;
		if (c === String(code))
			item = h('span', { 'aria-current': 'page' }, name);
		else if (mayOpen(c))
			item = h('a', { href: (levelOf(c) === 'village' ? `#/village/${c}` : `#/areas/${c}`) + q }, name);
		else
			item = h('span', name);
		items.push(' › ', item);
	}
	put(nav, items);
}

// ---- village ----

export async function pageVillage(main, params) {
	const code = Number(params.code);
	const date = params.date || null;
	const crumbs = h('nav.crumbs', { 'aria-label': t('nav_areas') });
	const head = h('div.page-head', crumbs, h('h1', '…'), asOfPicker(params, (iso) => { location.hash = routeWithDate(`/village/${code}`, iso); }));
	const body = h('div.grid');
	put(main, head, body);
	await breadcrumbs(crumbs, code, date);
	const a = await get(`/areas/${code}`).catch(() => null);
	head.querySelector('h1').textContent = a ? pick(a.full_name_th, a.full_name_en) : String(code);

	const status = card(t('coverage'), h('p', t('loading')));
	body.append(status);
	try {
		const rep = await get('/reports/asof', { area: code, date });
		const tot = totalRow(rep);
		const kids = [h('p.big', num(tot.members), h('span.unit', ' ' + t('members_unit'))), h('p.small', subtitle(rep))];
		if (has('/reports/villages')) {
			const v = await get('/reports/villages', { date, area: String(code).slice(0, 6) });
			const row = v.rows.find((r) => Number(r.code) === code);
			if (row) {
				kids.push(h('p.status-line', { 'data-testid': 'village-status' }, row.fully_covered
					? h('strong.badge.ok', `${t('fully_covered_yes')} ${t('since')} ${dateLong(row.since)}`)
					: h('strong.badge', t('fully_covered_no'))));
				kids.push(progress(row.members || 0, row.eligible || 0, `${t('coverage')} ${pct(row.coverage)} (${num(row.members)}/${num(row.eligible)})`, t('coverage')));
				kids.push(reportTable({ ...v, rows: [row] }, { hide: ['code', 'subdistrict', 'village'] }));
			}
		} else {
			kids.push(unavailable('GET /api/v1/reports/villages'));
		}
		put(status, h('h2', t('coverage')), kids);
	} catch (e) {
		put(status, h('h2', t('coverage')), notice('err', e.text || String(e)));
	}

	// Residents: those the user may see in the register, by membership status (a
	// volunteer: its own recruits, said as such beside the village's figures).
	if (session.user.role !== 'viewer') {
		const mine = session.user.role === 'volunteer';
		const title = mine ? t('my_recruits') : t('residents');
		const res = card(title, h('p', t('loading')));
		body.append(res);
		get('/persons', { area: code, date, limit: 500 }).then((page) => {
			// Thai order by first name, then by last name (docs/DECISIONS.md), as
			// person find: one key of "first last" would order first names by
			// their last names.
			const byName = new Intl.Collator('th');
			page.items.sort((a, b) => byName.compare(a.first_th, b.first_th) || byName.compare(a.last_th, b.last_th));
			// By cover on the day: members, those in another scheme, the rest.
			const groups = [['s40', t('cover_s40')], ['excluded', t('cover_excluded')], ['none', t('cover_none')]];
			const kids = [h('h2', title), mine ? h('p.small', { 'data-testid': 'volunteer-sees' }, t('volunteer_sees')) : null,
				h('p.small', t(page.total_exact === false ? 'rows_more' : 'rows_n', num(page.total)))];
			for (const [key, title] of groups) {
				const items = page.items.filter((p) => p.cover === key);
				if (!items.length)
					continue;
				kids.push(h('h3', { 'data-cover': key }, `${title} (${num(items.length)})`),
					h('ul.people', { 'data-cover': key }, items.map((p) => h('li', { 'data-first': p.first_th, 'data-last': p.last_th },
						h('a', { href: `#/person/${encodeURIComponent(p.id)}` }, `${p.title}${p.first_th} ${p.last_th}`),
						h('span.small', ' ' + p.id_display),
						key === 's40' ? h('span.small', ' · ' + t('option_n', p.option)) : null,
						key === 'excluded' ? h('span.small', ' · ' + pick(p.cover_th, p.cover_en)) : null))));
			}
			if (!page.items.length)
				kids.push(h('p', t('no_results')));
			put(res, kids);
		}).catch((e) => put(res, h('h2', title), notice('err', e.text)));
	}

	// The door-to-door list names people: not for viewers, whom the server refuses it.
	if (session.user.role === 'viewer')
		return;
	const pros = card(t('prospects'), h('p', t('loading')));
	body.append(pros);
	needs('/reports/prospects', async () => {
		const rep = await get('/reports/prospects', { village: code, date });
		return [h('p.small', subtitle(rep)), reportTable(rep, { download: { path: '/reports/prospects', params: { village: code, date }, name: `s40-prospects-${code}` } })];
	}).then((c) => put(pros, h('h2', t('prospects')), c));
}

// ---- person search and person page ----

export async function pageSearch(main, params) {
	const q = field({ name: 'q', label: t('search_q'), attrs: { value: params.q || '', autocomplete: 'off' } });
	q.input.value = params.q || '';
	const out = h('div');
	const form = h('form.card', { role: 'search' }, h('h1', t('nav_search')), q, h('button', { type: 'submit' }, t('search')), out);
	form.addEventListener('submit', (e) => {
		e.preventDefault();
		location.hash = `#/search?q=${encodeURIComponent(q.input.value.trim())}`;
	});
	put(main, form);
	q.input.focus();
	if (!params.q)
		return;
	try {
		const page = await get('/persons', { q: params.q, limit: 50 });
		// How many match: a common name's count stops past 1,000 (total_exact
		// false), which says to narrow the search rather than to page on.
		const found = page.items.length ? h('p.small', { 'data-testid': 'search-found' },
			t(page.total_exact === false ? 'search_found_more' : 'search_found', num(page.total)),
			page.total > page.items.length ? ` · ${t('search_first_n', num(page.items.length))}` : '') : null;
		put(out, found, page.items.length ? h('ul.people', page.items.map((p) => h('li',
			h('a', { href: `#/person/${encodeURIComponent(p.id)}` }, `${p.title}${p.first_th} ${p.last_th}`),
			h('span.small', ` ${p.id_display} · ${p.village}`)))) : notice('info', t('no_results')));
	} catch (e) {
		put(out, notice('err', e.text));
	}
}

export async function pagePerson(main, params) {
	const id = params.id;
	put(main, h('p', t('loading')));
	let p;
	try {
		p = await get(`/persons/${encodeURIComponent(id)}`);
	} catch (e) {
		put(main, notice('err', e.text || String(e)));
		return;
	}
	const masked = !/^\d{13}$/.test(p.id);
	const open = (p.memberships || []).find((m) => !m.end_date);
	const area = await get(`/areas/${p.village}`).catch(() => null);
	const ident = card(t('person'),
		h('dl.facts',
			h('dt', t('national_id')), h('dd', { 'data-testid': 'person-id' }, p.id_display, masked ? h('span.small', ` (${t('id_masked_note')})`) : null),
			h('dt', t('name')), h('dd', `${p.title}${p.first_th} ${p.last_th}`, p.first_en ? h('span.small', ` · ${p.first_en} ${p.last_en}`) : null),
			h('dt', t('birth_date')), h('dd', dateLong(p.birth_date)),
			h('dt', t('village')), h('dd', area ? pick(area.full_name_th, area.full_name_en) : String(p.village)),
			h('dt', t('phone')), h('dd', { 'data-testid': 'person-phone' }, p.phone ? h('a', { href: telHref(p.phone) }, p.phone) : '–'),
			h('dt', t('address')), h('dd', p.address || '–'),
			h('dt', t('membership')), h('dd', open ? h('strong.badge.ok', `${t('active_member')} · ${t('option_n', open.option)}`) : h('strong.badge', t('not_member')))));
	const hist = card(t('memberships'),
		(p.memberships || []).length ? h('div.scroll', { tabindex: '0', role: 'region', 'aria-label': t('memberships') }, h('table.report', h('thead', h('tr', [t('start'), t('end'), t('option'), t('end_reason'), t('channel'), t('recruiter')].map((x) => h('th', { scope: 'col' }, x)))),
			h('tbody', p.memberships.map((m) => h('tr', h('td', dateShort(m.start_date)), h('td', m.end_date ? dateShort(m.end_date) : '–'), h('td', t('option_n', m.option)),
				h('td', m.end_reason || '–'), h('td', m.channel || '–'), h('td', m.recruited_by ? formatId(m.recruited_by) : '–')))))) : h('p', t('not_member')),
		(p.exclusions || []).length ? [h('h3', t('exclusions')), h('ul', p.exclusions.map((x) => h('li', `${x.kind}: ${dateShort(x.start_date)} – ${x.end_date ? dateShort(x.end_date) : ''} ${x.source || ''}`)))] : null);
	// Standing and the benefit check first: what a person at the counter asks.
	const grid = h('div.grid');
	put(main, h('div.page-head', h('h1', `${p.title}${p.first_th} ${p.last_th}`),
		session.user.role !== 'viewer' && has('/persons/{id}/form') ? h('button.secondary', {
			type: 'button', 'data-testid': 'print-form',
			onclick: () => downloadPdf(`/persons/${encodeURIComponent(p.id)}/form`, {}, `s40-form-${p.id}.pdf`),
		}, t('print_form')) : null,
		session.user.role !== 'viewer' && has('/payments', 'POST') ? h('a.button', { href: `#/pay?id=${encodeURIComponent(p.id)}` }, t('nav_pay')) : null), grid);

	const pid = encodeURIComponent(p.id);
	if (has('/persons/{id}/standing')) {
		const std = card(t('standing_on'), h('p', t('loading')));
		grid.append(std);
		get(`/persons/${pid}/standing`).then((sd) => {
			const badge = sd.status === 'paying' ? 'strong.badge.ok' : 'strong.badge';
			put(std, h('h2', t('standing_on')),
				h('p', { 'data-testid': 'standing' }, h(badge, pick(sd.status_th, sd.status_en)), ' ', h('span.small', `${t('as_of')} ${dateLong(sd.date)}`)),
				h('dl.facts',
					h('dt', t('paid_in_last')), h('dd', `${sd.paid.last_4} / ${sd.paid.last_10} / ${sd.paid.last_12} / ${sd.paid.last_36}`),
					h('dt', t('unpaid_run')), h('dd', t('months_n', num(sd.unpaid_run))),
					h('dt', t('last_paid')), h('dd', sd.last_paid ? monthLong(sd.last_paid) : '–'),
					h('dt', t('paid_through')), h('dd', sd.paid_through ? monthLong(sd.paid_through) : '–'),
					h('dt', t('months_paid')), h('dd', num(sd.months_paid))));
		}).catch((e) => put(std, h('h2', t('standing_on')), notice('err', e.text || String(e))));
	}

	const led = card(t('ledger'), h('p', t('loading')));
	needs('/persons/{id}/ledger', async () => {
		// Year by year, the latest first and open: what a volunteer asks about
		// is the recent past, and ten years of months make a long page.
		const rep = await get(`/persons/${pid}/ledger`);
		const years = new Map();
		for (const r of rep.rows.slice().reverse()) {
			const y = r.month.slice(0, 4);
			if (!years.has(y))
				years.set(y, []);
			years.get(y).push(r);
		}
		const blocks = [...years].map(([y, rows], k) => {
			const member = rows.filter((r) => r.member).length;
			const paidN = rows.filter((r) => r.paid !== null).length;
			const sum = rows.reduce((a, r) => a + (r.paid || 0), 0);
			return h('details.year', { open: k === 0, 'data-year': y },
				h('summary', h('strong', yearLabel(y)), h('span.small', ` · ${t('ledger_year', paidN, member, baht(sum))}`)),
				reportTable({ ...rep, rows }, { bare: true, caption: `${t('ledger')} ${yearLabel(y)}` }));
		});
		return [h('p.small', subtitle(rep)), h('div.table-tools', downloadButtons({ path: `/persons/${pid}/ledger`, params: {}, name: `s40-ledger-${p.id}` })), receiptButtons(rep), blocks];
	}).then((c) => put(led, h('h2', t('ledger')), c));

	const ben = card(t('benefit_check'));
	const fu = (p.memberships || []).length && has('/persons/{id}/followup') ? followupCard(p) : null;
	grid.append(ben, ...(fu ? [fu] : []), ident, hist, led);
	if (!has('/persons/{id}/benefit')) {
		ben.append(unavailable('GET /api/v1/persons/{id}/benefit'));
	} else {
		const kind = field({ name: 'case', label: t('benefit_case'), input: select('case', ['inpatient', 'rest', 'outpatient', 'disability', 'death', 'child', 'oldage'].map((k) => [k, t('case_' + k)]), 'inpatient', false) });
		const when = dateField({ name: 'date', label: t('event_date'), required: true });
		const days = field({ name: 'days', label: t('days'), type: 'number', attrs: { min: 0, max: 365 } });
		const out = h('div');
		const form = h('form', kind, when, days, h('button', { type: 'submit' }, t('check')), out);
		form.addEventListener('submit', async (e) => {
			e.preventDefault();
			if (!when.validate())
				return;
			try {
				const rep = await get(`/persons/${pid}/benefit`, { case: kind.input.value, date: when.iso, days: days.input.value || null });
				put(out, h('p.small', subtitle(rep)), reportTable(rep));
			} catch (err) {
				put(out, notice('err', err.text));
			}
		});
		ben.append(form);
	}
}

/** The person's follow-up: who is assigned to call (officers and admins may
 * change it), a form to record a call's outcome, and the calls, newest first. */
function followupCard(p) {
	const pid = encodeURIComponent(p.id);
	const box = card(t('followup'), h('p', t('loading')));
	box.dataset.testid = 'followup';
	const draw = async (message) => {
		let fu;
		try {
			fu = await get(`/persons/${pid}/followup`);
		} catch (e) {
			put(box, h('h2', t('followup')), notice('err', e.text || String(e)));
			return;
		}
		const who = (w) => (w ? [w.name || formatId(w.id), w.phone ? [' · ', h('a', { href: telHref(w.phone) }, w.phone)] : null] : '–');
		const top = h('div');
		const parts = [h('h2', t('followup')), message ? notice('ok', message) : null, top,
			h('dl.facts', h('dt', t('assignee')), h('dd', { 'data-testid': 'followup-assignee' },
				fu.assignee ? [who(fu.assignee), h('span.small', ` (${t('assigned_since', dateShort(fu.assignee.from_date))})`)] : t('not_assigned')))];
		// Assigning: for those the server gives the candidates to.
		if (fu.candidates && has('/persons/{id}/followup/assignee', 'PUT')) {
			if (fu.candidates.length) {
				const cur = fu.assignee ? String(fu.assignee.id) : '';
				const sel = field({ name: 'assignee', label: t('assign_to'), input: select('assignee', [['', t('not_assigned')], ...fu.candidates.map((c) => [String(c.id), `${c.name || formatId(c.id)} · ${pick(c.role_th, c.role_en)}`])], cur, false) });
				const form = h('form.inline', { 'data-testid': 'assign-form' }, sel, h('button', { type: 'submit' }, t('assign')));
				form.addEventListener('submit', async (e) => {
					e.preventDefault();
					try {
						await api('PUT', `/persons/${pid}/followup/assignee`, { assignee: sel.input.value || null });
						draw(t('assigned_ok'));
					} catch (err) {
						showProblem(form, err, { assignee: sel }, top);
					}
				});
				parts.push(form);
			} else {
				parts.push(h('p.small', t('no_candidates')));
			}
		}
		// A call's outcome.
		if (has('/persons/{id}/followup/calls', 'POST')) {
			const outcome = field({ name: 'outcome', label: t('call_outcome'), input: select('outcome', fu.outcomes.map((o) => [o.key, pick(o.th, o.en)]), null, true) });
			outcome.input.required = true;
			const when = dateField({ name: 'date', label: t('call_date'), iso: session.today || todayISO(), required: true });
			const note = field({ name: 'note', label: t('call_note'), attrs: { maxlength: 500 } });
			const form = h('form', { 'data-testid': 'call-form' }, h('h3', t('record_call')), h('div.grid-fields', outcome, when), note, h('button', { type: 'submit' }, t('record_call')));
			form.addEventListener('submit', async (e) => {
				e.preventDefault();
				if (!outcome.input.value) {
					outcome.setError(t('call_outcome'));
					outcome.input.focus();
					return;
				}
				if (!when.validate())
					return;
				try {
					const { send } = await import('./offline.js');
					const body = { outcome: outcome.input.value, date: when.iso };
					if (note.input.value)
						body.note = note.input.value;
					const sent = await send({ kind: 'followup', path: `/persons/${pid}/followup/calls`, body, label: `${p.id_display || p.id} · ${outcome.input.selectedOptions[0].textContent}` });
					if (sent.sent) {
						draw(t('call_saved'));
					} else {
						put(top, h('div.notice.info', { role: 'status', 'data-testid': 'queued' }, t('queued_saved'), ' ', h('a', { href: '#/outbox' }, t('see_outbox'))));
						form.reset();
					}
				} catch (err) {
					showProblem(form, err, { outcome, date: when, note }, top);
				}
			});
			parts.push(form);
		}
		parts.push(fu.calls.length ? h('div.scroll', { tabindex: '0', role: 'region', 'aria-label': t('calls') }, h('table.report', { 'data-testid': 'calls' },
			h('caption', t('calls')),
			h('thead', h('tr', [t('call_date'), t('call_outcome'), t('call_by'), t('call_note')].map((x) => h('th', { scope: 'col' }, x)))),
			h('tbody', fu.calls.map((c) => h('tr', h('td', dateShort(c.date)), h('td', pick(c.outcome_th, c.outcome_en)), h('td', c.by ? who(c.by) : '–'), h('td', c.note || '–')))))) : [h('h3', t('calls')), h('p.small', t('no_calls'))]);
		put(box, ...parts);
	};
	draw();
	return box;
}

/** The receipts of a ledger's latest payments, each a button that downloads its
 * PDF to print (GET /payments/receipt); null when the server has no receipts. */
function receiptButtons(ledger) {
	if (!has('/payments/receipt'))
		return null;
	const refs = [];
	for (const r of ledger.rows.slice().reverse())
		if (r.receipt && !refs.includes(r.receipt))
			refs.push(r.receipt);
	if (!refs.length)
		return null;
	return h('p.receipts', h('span.small', t('receipts_pdf') + ' '), refs.slice(0, 12).map((ref) => h('button.secondary', {
		type: 'button', 'data-receipt': ref,
		onclick: () => downloadPdf('/payments/receipt', { receipt: ref }, `s40-receipt-${ref.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`),
	}, ref)));
}

/** Fetch a PDF of the API (path below /api/v1, in the reader's language) and save it as name. */
async function downloadPdf(path, params, name) {
	const q = new URLSearchParams({ ...params, lang: getLang() });
	const res = await fetch(`/api/v1${path}?${q}`, { credentials: 'same-origin' });
	if (!res.ok)
		throw new ApiError(res.status, await res.json().catch(() => null));
	saveBlob(await res.blob(), name);
}

// ---- import ----

export function pageImport(main) {
	const kinds = ['persons', 'enrolments', 'exclusions', 'villages', 'payments', 'survey'];
	const kind = field({ name: 'kind', label: t('import_kind'), input: select('kind', kinds.map((k) => [k, t('kind_' + k)]), 'persons', false) });
	const map = field({ name: 'map', label: t('import_map'), hint: t('import_map_hint'), attrs: { autocomplete: 'off', spellcheck: 'false' } });
	const file = field({ name: 'file', label: t('import_file'), type: 'file', attrs: { accept: '.csv,text/csv', required: true } });
	const partialBox = h('input', { type: 'checkbox', name: 'partial', id: 'imp-partial' });
	const partial = h('div.field.check', partialBox, h('label', { for: 'imp-partial' }, t('import_partial')));
	const out = h('div', { 'aria-live': 'polite' });
	const form = h('form.card', h('h1', t('import_title')), kind, file, map, partial, h('button', { type: 'submit' }, t('import_start')), out);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		const f = file.input.files[0];
		if (!f) {
			file.setError(t('required'));
			return;
		}
		file.setError('');
		const bar = h('progress', { max: 100, value: 0, 'aria-label': t('import_running') });
		const line = h('p', t('import_running'));
		put(out, line, bar);
		try {
			const q = new URLSearchParams({ kind: kind.input.value });
			if (partialBox.checked)
				q.set('partial', '1');
			if (map.input.value.trim())
				q.set('map', map.input.value.trim());
			let job = await api('POST', `/imports?${q}`, f);
			while (job.state !== 'done') {
				bar.value = job.bytes_total ? Math.round((100 * job.bytes_done) / job.bytes_total) : 0;
				line.textContent = `${t('import_running')} ${num(job.rows_read)} ${t('rows_n', '').trim()}`;
				await new Promise((r) => setTimeout(r, 300));
				job = await get(`/imports/${job.id}`);
			}
			bar.value = 100;
			const r = job.result;
			const kids = [h('p.big', { 'data-testid': 'import-result' }, t('import_done', num(r.good), num(r.bad)))];
			if (!r.committed)
				kids.push(notice('err', t('import_rolled_back')));
			else
				kids.push(notice('ok', t('saved')));
			if (job.problem)
				kids.push(notice('err', pick(job.problem.message_th, job.problem.message_en)));
			if (r.bad > 0) {
				kids.push(h('button.secondary', {
					type: 'button', 'data-testid': 'rejects',
					onclick: async () => {
						const res = await fetch(job.rejects_url, { credentials: 'same-origin' });
						saveBlob(await res.blob(), `s40-import-${job.id}-rejects.csv`);
					},
				}, t('download_rejects')));
			}
			put(out, kids);
		} catch (err) {
			put(out, notice('err', err.text || String(err)));
		}
	});
	put(main, form);
}

// ---- statement ----

export async function pageStatement(main, params) {
	// A statement is of an area: the user's own, or for a user of the whole country
	// (an administrator, a viewer) the province picked, at first the one with the
	// most members on the day.
	const anyProvince = session.user.role === 'admin' || !session.user.area;
	const date = params.date || null;
	let root = anyProvince ? Number(params.area) || 0 : session.user.area;
	if (!root) {
		const rep = await get('/reports/asof', { date, level: 'province' }).catch(() => null);
		const rows = rep ? bodyRows(rep) : [];
		root = rows.length ? rows.reduce((a, b) => (b.members > a.members ? b : a)).code : 10;
	}
	const head = h('div.page-head', h('h1', t('statement_title')), asOfPicker(params, (iso) => { location.hash = routeWithDate('/statement', iso, { area: root }); }));
	const body = h('div');
	put(main, head, body);
	if (anyProvince) {
		const provinces = await get('/areas', { limit: 500 }).catch(() => ({ items: [] }));
		const sel = select('area', provinces.items.map((a) => [a.code, pick(a.name_th, a.name_en)]), String(root), false);
		sel.addEventListener('change', () => { location.hash = routeWithDate('/statement', date, { area: sel.value }); });
		head.append(field({ name: 'area', label: t('province'), input: sel }));
	}
	const c = await needs('/reports/statement', async () => {
		const rep = await get('/reports/statement', { area: root, date });
		const row = rep.rows[0] || {};
		const text = getLang() === 'en' ? row.text_en || row.text_th : row.text_th;
		const p = h('p.statement', { 'data-testid': 'statement' }, text);
		const btn = h('button', { type: 'button' }, t('copy'));
		const done = h('span.small', { role: 'status' });
		btn.addEventListener('click', async () => {
			try {
				await navigator.clipboard.writeText(text);
			} catch {
				const r = document.createRange();
				r.selectNodeContents(p);
				getSelection().removeAllRanges();
				getSelection().addRange(r);
				document.execCommand('copy');
			}
			done.textContent = ' ' + t('copied');
		});
		return [h('p.small', subtitle(rep)), p, btn, done];
	});
	body.append(card(t('statement_title'), c));
}

