// table.js — a report table (the JSON of report/table.h: typed columns, rows)
// as a sortable HTML table: a header button per column (aria-sort), Thai
// dictionary order for text (Intl.Collator('th')), numbers by value, total rows
// kept last; a search box and pages of 100 rows for a long table; with the
// report's CSV, Excel and PDF downloads from the API.

import { t, pick } from './i18n.js';
import { cell } from './fmt.js';
import { h, saveBlob } from './ui.js';
import { ApiError } from './api.js';

const collator = new Intl.Collator('th');
// Rows a page of a long table shows, and the rows from which a table has a search box.
const PAGE = 100;
const SEARCH_FROM = 20;

/** The tel: link of a phone number as the register keeps it (digits, 0 first). */
export function telHref(phone) {
	return 'tel:' + String(phone).replace(/[^0-9+]/g, '');
}

/**
 * Whether row is the total row of a report (its rows): a report with a code
 * column ends with the total of the area its rows divide, whose code is null
 * (the country), the area's own (shorter than its rows'), or, for a report of
 * one village, the village's again. Not by its label: a real subdistrict is
 * called รวมไทยพัฒนา.
 */
export function isTotal(row, cols, rows) {
	if (!cols.some((c) => c.key === 'code'))
		return false;
	if (row.code === null)
		return true;
	if (!rows || rows.length < 2 || row !== rows[rows.length - 1])
		return false;
	const code = String(row.code), first = String(rows[0].code);
	return code.length < first.length || (rows.length === 2 && code === first);
}

/** A report's rows without its total row. */
export function bodyRows(rep) {
	return rep.rows.filter((r) => !isTotal(r, rep.columns, rep.rows));
}

function compare(a, b, type) {
	if (a === null || a === undefined)
		return b === null || b === undefined ? 0 : 1;
	if (b === null || b === undefined)
		return -1;
	if (type === 'text')
		return collator.compare(String(a), String(b));
	if (type === 'date' || type === 'month' || type === 'natid')
		return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
	return Number(a) - Number(b);
}

/**
 * reportTable(report, { columns, link, download, caption, hide }) → element.
 * columns: keys to show (default all but name_en / name_th by language);
 * link(row) → a href for the row's first cell; download: { path, params }
 * for the CSV/XLSX/PDF buttons; hide: keys never shown; bare: no row count (a
 * table that is one part of a longer list); search: false for no search box (a
 * page of a list the server pages).
 */
export function reportTable(report, opts = {}) {
	const hide = new Set(opts.hide || []);
	const lang = document.documentElement.lang;
	// Of a pair X_th / X_en, the reader's language only.
	const keys = new Set(report.columns.map((c) => c.key));
	for (const k of keys)
		if (k.endsWith('_th') && keys.has(k.slice(0, -3) + '_en'))
			hide.add(lang === 'en' ? k : k.slice(0, -3) + '_en');
	// Columns for programs and spreadsheets (a name's parts) are not shown.
	let cols = report.columns.filter((c) => !hide.has(c.key) && !c.machine);
	if (opts.columns)
		cols = opts.columns.map((k) => report.columns.find((c) => c.key === k)).filter(Boolean);
	// A person's name sorts by first name, then last name, not by its title
	// ("นาย", "นาง"…) when the report carries the parts.
	const parts = keys.has('first_name') && keys.has('last_name');
	const order = (x, y, c) => {
		if (c.key !== 'name' || !parts)
			return compare(x[c.key], y[c.key], c.type);
		return compare(x.first_name, y.first_name, 'text') || compare(x.last_name, y.last_name, 'text');
	};
	const rows = report.rows.slice();
	const totals = rows.filter((r) => isTotal(r, report.columns, report.rows));
	const body = rows.filter((r) => !isTotal(r, report.columns, report.rows));
	let sortKey = null, dir = 1;

	const table = h('table.report');
	if (opts.caption)
		table.append(h('caption', opts.caption));
	const headRow = h('tr');
	const buttons = [];
	for (const c of cols) {
		const label = pick(c.label_th, c.label_en);
		const b = h('button.sort', { type: 'button', 'aria-label': t('sort_by', label) }, label);
		const th = h('th', { scope: 'col', class: numeric(c.type) ? 'num' : null }, b);
		b.addEventListener('click', () => {
			dir = sortKey === c.key ? -dir : 1;
			sortKey = c.key;
			page = 0;
			body.sort((x, y) => dir * order(x, y, c));
			for (const [k, other] of buttons)
				other.parentElement.setAttribute('aria-sort', k === c.key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
			fill();
		});
		buttons.push([c.key, b]);
		headRow.append(th);
	}
	table.append(h('thead', headRow));
	const tbody = h('tbody');
	table.append(tbody);

	// A long table (a province's 285 villages) is searched and read a page at
	// a time; the total rows stay under every page.
	const searchable = cols.filter((c) => c.type === 'text' || c.type === 'code');
	let query = '', page = 0;
	const shown = (r) => {
		if (!query)
			return true;
		return searchable.some((c) => {
			const v = r[c.key];
			if (v === null || v === undefined)
				return false;
			const w = c.words ? c.words[v] : null;
			return (w ? `${w.th} ${w.en}` : String(v)).toLowerCase().includes(query);
		});
	};
	const count = h('span.small', { 'aria-live': 'polite' });
	const pager = h('div.pager');
	const prev = h('button.secondary', { type: 'button' }, t('prev_page'));
	const next = h('button.secondary', { type: 'button' }, t('next_page'));
	const where = h('span.small');
	prev.addEventListener('click', () => { page--; fill(); });
	next.addEventListener('click', () => { page++; fill(); });
	pager.append(prev, where, next);

	function fill() {
		tbody.replaceChildren();
		const found = body.filter(shown);
		const pages = Math.max(1, Math.ceil(found.length / PAGE));
		page = Math.min(Math.max(page, 0), pages - 1);
		const from = page * PAGE, to = Math.min(found.length, from + PAGE);
		count.textContent = query ? t('rows_found', found.length, body.length) : t('rows_n', body.length);
		pager.hidden = pages < 2;
		where.textContent = t('rows_range', from + (found.length ? 1 : 0), to, found.length);
		prev.disabled = page === 0;
		next.disabled = page >= pages - 1;
		for (const r of found.slice(from, to).concat(totals)) {
			const tr = h('tr', { class: isTotal(r, report.columns, report.rows) ? 'total' : null });
			cols.forEach((c, i) => {
				const w = c.words && r[c.key] !== null ? c.words[r[c.key]] : null;
				const text = w ? pick(w.th, w.en) : cell(r[c.key], c.type);
				let href = i === 0 && opts.link && !isTotal(r, report.columns, report.rows) ? opts.link(r) : null;
				// A phone number is a link to call it.
				if (!href && c.key === 'phone' && r[c.key])
					href = telHref(r[c.key]);
				const td = h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: numeric(c.type) ? 'num' : null, 'data-key': c.key },
					href ? h('a', { href }, text) : text);
				if (c.type === 'bool' && r[c.key])
					td.classList.add('yes');
				tr.append(td);
			});
			tbody.append(tr);
		}
	}
	fill();

	const wrap = h('div.table-block');
	const tools = h('div.table-tools', opts.bare ? null : count);
	if (body.length > SEARCH_FROM && opts.search !== false) {
		const search = h('input', { type: 'search', 'aria-label': t('search_table'), placeholder: t('search_table'), 'data-testid': 'table-search' });
		search.addEventListener('input', () => {
			query = search.value.trim().toLowerCase();
			page = 0;
			fill();
		});
		tools.append(search);
	}
	if (opts.download)
		tools.append(...downloadButtons(opts.download));
	if (!opts.bare || opts.download || (body.length > SEARCH_FROM && opts.search !== false))
		wrap.append(tools);
	wrap.append(h('div.scroll', { tabindex: '0', role: 'region', 'aria-label': opts.caption || pick(report.title_th, report.title_en) || 'table' }, table), pager);
	return wrap;
}

/** The download buttons of a report ({ path, params, name }): CSV, Excel and PDF. */
export function downloadButtons(dl) {
	return ['csv', 'xlsx', 'pdf'].map((fmt) => h('button.secondary', {
		type: 'button', 'data-format': fmt,
		onclick: () => download(dl, fmt),
	}, t('download_' + fmt)));
}

function numeric(type) {
	return ['int', 'money', 'percent'].includes(type);
}

/** Fetch a report in csv, xlsx or pdf and save it. */
async function download({ path, params, name }, fmt) {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params || {}))
		if (v !== null && v !== undefined && v !== '')
			q.set(k, String(v));
	q.set('format', fmt);
	q.set('lang', document.documentElement.lang === 'en' ? 'en' : 'th');
	const res = await fetch(`/api/v1${path}?${q}`, { credentials: 'same-origin' });
	if (!res.ok) {
		const p = await res.json().catch(() => null);
		throw new ApiError(res.status, p);
	}
	saveBlob(await res.blob(), `${name || 's40-report'}.${fmt}`);
}
