// map.js — the map card of the area pages (country, province, district): a
// circle per area below at its point (GET /areas?parent=: lat, lon), sized by
// its members on the page's day (the page's as-of report), coloured by the
// measure the reader picks, with a legend, the areas without a point named
// under the map, and the same values in a table. The drawing is
// charts.js's symbolMap; the data are the reports the page reads already
// (villages, attainment), fetched again only for what the page does not read:
// at the country level the provinces' village coverage and the subdistricts'
// fully covered villages, and for every page the lapsed members (one count per
// area, only when that measure is picked).

import { t, pick } from './i18n.js';
import { get, has, session } from './api.js';
import { h, put, field, select, notice } from './ui.js';
import { num, pct, dateLong, todayISO } from './fmt.js';
import { symbolMap, axisTicks } from './charts.js';
import { isTotal, bodyRows } from './table.js';

/** A sequential palette readable with any colour vision (ColorBrewer YlGnBu, 5 classes);
 * app.css's .map-legend .swatch.c0 … c4 are the same colours. */
export const PALETTE = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];

/** The classes of a share (hundredths of a percent): below 50%, 70%, 90%, 100%, and 100% or more. */
const SHARE_BREAKS = [5000, 7000, 9000, 10000];

/** The child of area code (0: the country) that code lies in. */
function childOf(code, parent) {
	const n = parent ? String(parent).length + 2 : 2;
	return Number(String(code).slice(0, n));
}

/** Run fn over items, at most k at once; the results in order. */
async function pool(items, k, fn) {
	const out = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await fn(items[i]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(k, items.length) }, worker));
	return out;
}

/**
 * The classes of a measure's values: [{ lo, hi, label }] from the lightest; share
 * measures fixed (below 50% … 100% or more), counts 0 and four even steps up to
 * the largest.
 */
function classesOf(kind, values) {
	if (kind === 'share') {
		const b = SHARE_BREAKS;
		return [
			{ lo: -Infinity, hi: b[0], label: `< ${pct(b[0])}` },
			{ lo: b[0], hi: b[1], label: `${pct(b[0])} – < ${pct(b[1])}` },
			{ lo: b[1], hi: b[2], label: `${pct(b[1])} – < ${pct(b[2])}` },
			{ lo: b[2], hi: b[3], label: `${pct(b[2])} – < ${pct(b[3])}` },
			{ lo: b[3], hi: Infinity, label: `≥ ${pct(b[3])}` },
		];
	}
	const top = Math.max(0, ...values.filter((v) => v !== null && v !== undefined));
	const s = axisTicks(Math.max(4, top))[1];
	return [
		{ lo: 0, hi: 1, label: '0' },
		...[0, 1, 2, 3].map((k) => ({ lo: k * s + 1, hi: (k + 1) * s + 1, label: s === 1 ? num(k + 1) : `${num(k * s + 1)} – ${num((k + 1) * s)}` })),
	].map((c, i, all) => (i === all.length - 1 ? { ...c, hi: Infinity, label: s === 1 ? `≥ ${num(4)}` : `≥ ${num(3 * s + 1)}` } : c));
}

/**
 * mapCard(code, ctx) — the map of the areas below code (0: the country) as an
 * element, filled once the points come. ctx: { date (ISO or null), asof (the
 * as-of report by the level below), villages (a promise of the villages report
 * of code, or null), attainment (a promise of the attainment report by the
 * level below, or null), fy, href(code) (the page of an area) }.
 */
export function mapCard(code, ctx) {
	const out = h('section.card.map-card', { 'data-testid': 'map' }, h('h2', t('map')), h('p', t('loading')));
	draw(out, code, ctx).catch((e) => put(out, h('h2', t('map')), notice('err', e.text || String(e))));
	return out;
}

async function draw(out, code, { date, asof, villages, attainment, fy, href }) {
	const day = date || session.today || todayISO();
	const rows = bodyRows(asof).filter((r) => r.code !== null);
	const areas = await get('/areas', { parent: code || null, limit: 500 });
	const point = new Map(areas.items.map((a) => [a.code, a]));
	const members = new Map(rows.map((r) => [r.code, r.members || 0]));
	const names = new Map(rows.map((r) => [r.code, pick(r.name_th, r.name_en)]));
	for (const a of areas.items)
		if (!names.has(a.code))
			names.set(a.code, pick(a.name_th, a.name_en));
	// Every area below, from the tree (an area with no members is still on the map).
	const codes = areas.items.map((a) => a.code);
	const placed = codes.filter((c) => point.get(c).lat !== null && point.get(c).lon !== null);
	const unplaced = codes.filter((c) => !placed.includes(c));
	const open = (c) => { location.hash = href(c); };

	// The measures, each { key, label, kind, load() → Map code → value }, and which
	// areas hold a fully covered village (the ring), known once a report says.
	const cache = new Map();
	let full = null;
	const fullFromVillages = (rep) => {
		const m = new Map(codes.map((c) => [c, 0]));
		for (const r of bodyRows(rep))
			if (r.fully_covered)
				m.set(childOf(r.code, code), (m.get(childOf(r.code, code)) || 0) + 1);
		return m;
	};
	// The country's provinces in one coverage report, asked for once.
	let covRep = null;
	const countryCoverage = () => (covRep = covRep || get('/reports/coverage', { date }));
	const measures = [];
	if (has('/reports/villages'))
		measures.push({
			key: 'coverage', short: t('map_s_coverage'), label: t('map_m_coverage'), kind: 'share', fmt: pct,
			load: async () => {
				const m = new Map();
				if (code) {
					const rep = await villages;
					const sum = new Map();
					for (const r of bodyRows(rep)) {
						if (!r.eligible)
							continue;
						const c = childOf(r.code, code);
						const s = sum.get(c) || { e: 0, m: 0 };
						s.e += r.eligible;
						s.m += r.members || 0;
						sum.set(c, s);
					}
					for (const [c, s] of sum)
						m.set(c, Math.round((10000 * s.m) / s.e));
					full = full || fullFromVillages(rep);
				} else if (has('/reports/coverage')) {
					// The country: one row a province from the coverage report.
					for (const r of bodyRows(await countryCoverage()))
						if (r.members + r.uninsured > 0)
							m.set(r.code, r.coverage);
				} else {
					// An older server: each province's village report, its total row.
					await pool(codes, 4, async (c) => {
						const rep = await get('/reports/villages', { date, area: c });
						const tot = rep.rows.find((r) => isTotal(r, rep.columns, rep.rows));
						if (tot && tot.eligible)
							m.set(c, tot.coverage);
					});
				}
				return m;
			},
		});
	if (has('/reports/tambons') || has('/reports/villages'))
		measures.push({
			key: 'fully', short: t('map_s_fully'), label: t('map_m_fully'), kind: 'count', fmt: num,
			load: async () => {
				if (code) {
					full = full || fullFromVillages(await villages);
					return full;
				}
				const m = new Map(codes.map((c) => [c, 0]));
				if (has('/reports/coverage')) {
					for (const r of bodyRows(await countryCoverage()))
						if (m.has(r.code))
							m.set(r.code, r.fully_covered || 0);
				} else {
					const rep = await get('/reports/tambons', { date });
					for (const r of bodyRows(rep))
						m.set(childOf(r.code, 0), (m.get(childOf(r.code, 0)) || 0) + (r.fully_covered || 0));
				}
				full = m;
				return m;
			},
		});
	if (attainment)
		measures.push({
			key: 'attainment', short: t('map_s_attainment'), label: t('map_m_attainment', fy), kind: 'share', fmt: pct,
			load: async () => new Map(bodyRows(await attainment).filter((r) => r.attainment !== null && r.attainment !== undefined).map((r) => [r.code, r.attainment])),
		});
	if (has('/reports/lapsed') && session.user.role !== 'viewer')
		measures.push({
			key: 'lapsed', short: t('map_s_lapsed'), label: t('map_m_lapsed'), kind: 'count', fmt: num,
			load: async () => {
				const m = new Map();
				await pool(codes, 4, async (c) => {
					const rep = await get('/reports/lapsed', { date, area: c, status: 'lapsed', limit: 1 });
					m.set(c, rep.total ?? rep.rows.length);
				});
				return m;
			},
		});
	if (!measures.length)
		measures.push({ key: 'members', short: t('map_s_members'), label: t('members_today'), kind: 'count', fmt: num, load: async () => members });

	// On a sub-area's page the village report is read anyway: the rings come with it.
	if (code && villages)
		full = fullFromVillages(await villages.catch(() => ({ rows: [], columns: [] })));

	// At first the country is coloured by attainment (the page reads that report
	// anyway), not by coverage, which there takes every province's village report.
	const first = (!code && measures.find((m) => m.key === 'attainment')) || measures[0];
	const sel = field({ name: 'measure', label: t('map_measure'), input: select('measure', measures.map((m) => [m.key, m.label]), first.key, false) });
	const body = h('div.map-body', { 'aria-live': 'polite' });
	const noPoint = unplaced.length ? h('p.map-none', { 'data-testid': 'map-no-point' }, `${t('map_no_point')}: `,
		unplaced.map((c, i) => [i ? ', ' : '', h('a', { href: href(c) }, names.get(c))])) : null;
	put(out, h('h2', t('map')), sel, body, noPoint, h('p.small', t('map_note')));

	const show = async () => {
		const m = measures.find((x) => x.key === sel.input.value) || measures[0];
		put(body, h('p', t('loading')));
		let values;
		try {
			if (!cache.has(m.key))
				cache.set(m.key, await m.load());
			values = cache.get(m.key);
		} catch (e) {
			put(body, notice('err', e.text || String(e)));
			return;
		}
		if (m.key !== sel.input.value)
			return; // another measure was picked meanwhile
		const classes = classesOf(m.kind, [...values.values()]);
		const colour = (v) => {
			if (v === null || v === undefined)
				return null;
			const k = classes.findIndex((c) => v >= c.lo && v < c.hi);
			return PALETTE[k < 0 ? 0 : k];
		};
		const describe = (c) => {
			const v = values.get(c);
			const parts = [`${names.get(c)}: ${t('map_tip_members', num(members.get(c) || 0))}`,
				`${m.label} ${v === null || v === undefined ? t('map_no_data') : m.fmt(v)}`];
			if (full && full.get(c))
				parts.push(t('map_has_full'));
			return parts.join(' · ');
		};
		const items = placed.map((c) => ({
			code: c, name: names.get(c), lat: point.get(c).lat, lon: point.get(c).lon, value: members.get(c) || 0,
			fill: colour(values.get(c)), full: !!(full && full.get(c)), text: describe(c),
		}));
		const largest = Math.max(0, ...items.map((i) => i.value));
		const legend = h('ul.map-legend', { 'aria-label': m.label },
			classes.map((c, i) => h('li', h(`span.swatch.c${i}`, { 'aria-hidden': 'true' }), c.label)),
			h('li', h('span.swatch.none', { 'aria-hidden': 'true' }), t('map_no_data')),
			items.some((i) => i.full) ? h('li', h('span.swatch.ring', { 'aria-hidden': 'true' }), t('map_ring')) : null);
		const table = h('table.map-table', { 'data-testid': 'map-table' },
			h('caption', `${t('map_table')}: ${m.label}`),
			h('thead', h('tr', h('th', { scope: 'col' }, t('area')), h('th.num', { scope: 'col' }, t('map_s_members')),
				h('th.num', { scope: 'col' }, m.short), full && m.key !== 'fully' ? h('th.num', { scope: 'col' }, t('map_s_fully')) : null)),
			h('tbody', codes.map((c) => h('tr', { 'data-code': c },
				h('th', { scope: 'row' }, h('a', { href: href(c) }, names.get(c)), unplaced.includes(c) ? h('span.small', ` (${t('map_no_point')})`) : null),
				h('td.num', num(members.get(c) || 0)),
				h('td.num', values.get(c) === null || values.get(c) === undefined ? '–' : m.fmt(values.get(c))),
				full && m.key !== 'fully' ? h('td.num', num(full.get(c) || 0)) : null))));
		put(body,
			h('p.small', t('map_size', dateLong(day), num(largest)), ' ', t('map_hint')),
			items.length ? symbolMap(items, {
				label: t('map_label', `${m.label}`), open: (it) => open(it.code),
				words: { zoomIn: t('map_zoom_in'), zoomOut: t('map_zoom_out'), reset: t('map_reset') },
			}) : null,
			legend,
			codes.length > 30 ? details(table) : table);
	};
	// A long table (the 77 provinces) folded under the map, kept open or shut
	// as the reader left it when another measure is picked.
	let tableOpen = false;
	const details = (table) => {
		const d = h('details.map-details', { open: tableOpen }, h('summary', t('map_table')), table);
		d.addEventListener('toggle', () => { tableOpen = d.open; });
		return d;
	};
	sel.input.addEventListener('change', show);
	await show();
}
