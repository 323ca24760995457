// datefield.js — a date field in the Buddhist era: a text box that shows and
// accepts 31/10/2562 (and every form fmt.parseDate reads), checked as typed,
// with a calendar popover (month names in Thai, BE years) that the keyboard
// can use (arrows move by a day or a week, PageUp/PageDown by a month, Enter
// picks, Escape closes). The field's .iso holds the ISO date the API takes.

import { t, getLang } from './i18n.js';
import { h, field } from './ui.js';
import { parseDate, isoToField, isoParts, isoOf, dateLong, MONTHS_TH, MONTHS_EN } from './fmt.js';

/** A small calendar drawn in SVG (no emoji font is needed). */
function calendarIcon() {
	const NS = 'http://www.w3.org/2000/svg';
	const svg = document.createElementNS(NS, 'svg');
	svg.setAttribute('viewBox', '0 0 20 20');
	svg.setAttribute('width', '20');
	svg.setAttribute('height', '20');
	svg.setAttribute('aria-hidden', 'true');
	for (const [tag, a] of [['rect', { x: 2, y: 4, width: 16, height: 14, rx: 2 }], ['line', { x1: 2, y1: 8, x2: 18, y2: 8 }], ['line', { x1: 6, y1: 2, x2: 6, y2: 6 }], ['line', { x1: 14, y1: 2, x2: 14, y2: 6 }]]) {
		const el = document.createElementNS(NS, tag);
		for (const [k, v] of Object.entries(a))
			el.setAttribute(k, String(v));
		el.setAttribute('fill', 'none');
		el.setAttribute('stroke', 'currentColor');
		el.setAttribute('stroke-width', '1.6');
		svg.append(el);
	}
	return svg;
}

const WEEKDAYS_TH = ['อา', 'จ', 'อ', 'พ', 'พฤ', 'ศ', 'ส'];
const WEEKDAYS_EN = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];

/**
 * dateField({ name, label, iso, required, onchange }) → the field wrapper
 * (ui.field) with .iso (null while empty or invalid), .setIso(iso) and
 * .validate() (true when valid, else the error is shown).
 */
export function dateField({ name, label, iso = null, required = false, onchange }) {
	const input = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: t('date_placeholder'), 'data-date': '1' });
	const btn = h('button.cal-btn', { type: 'button', 'aria-label': t('calendar'), title: t('calendar'), 'aria-haspopup': 'dialog', 'aria-expanded': 'false' }, calendarIcon());
	const row = h('div.date-row', input, btn);
	const wrap = field({ name, label, input, hint: t('date_hint') });
	input.replaceWith(row);
	row.prepend(input);
	wrap.classList.add('date-field');
	wrap.iso = null;
	let pop = null;

	function setIso(v, notify = true) {
		wrap.iso = v;
		input.value = v ? isoToField(v) : '';
		input.dataset.iso = v || '';
		wrap.setOk(v ? dateLong(v) : '');
		if (notify && onchange)
			onchange(v);
	}

	function validate() {
		const text = input.value.trim();
		if (text === '') {
			wrap.iso = null;
			input.dataset.iso = '';
			if (required) {
				wrap.setError(t('required'));
				return false;
			}
			wrap.setError('');
			return true;
		}
		const r = parseDate(text);
		if (r.error) {
			wrap.iso = null;
			input.dataset.iso = '';
			wrap.setError(t('date_bad', getLang() === 'en' ? r.error[1] : r.error[0]));
			return false;
		}
		const changed = r.iso !== wrap.iso;
		wrap.iso = r.iso;
		input.dataset.iso = r.iso;
		wrap.setOk(dateLong(r.iso));
		if (changed && onchange)
			onchange(r.iso);
		return true;
	}

	input.addEventListener('input', () => {
		const r = parseDate(input.value);
		if (!r.error) {
			wrap.iso = r.iso;
			input.dataset.iso = r.iso;
			wrap.setOk(dateLong(r.iso));
		} else {
			wrap.iso = null;
			input.dataset.iso = '';
			wrap.setOk('');
		}
	});
	input.addEventListener('change', validate);
	input.addEventListener('keydown', (e) => {
		if (e.key === 'Enter')
			validate();
		if (e.key === 'ArrowDown' && e.altKey) {
			e.preventDefault();
			open();
		}
	});

	function close(focusInput = true) {
		if (!pop)
			return;
		pop.remove();
		pop = null;
		btn.setAttribute('aria-expanded', 'false');
		document.removeEventListener('mousedown', outside, true);
		if (focusInput)
			input.focus();
	}

	function outside(e) {
		if (pop && !pop.contains(e.target) && e.target !== btn)
			close(false);
	}

	function open() {
		if (pop) {
			close();
			return;
		}
		const today = new Date();
		let sel = wrap.iso || isoOf(today.getFullYear(), today.getMonth() + 1, today.getDate());
		let [y, m] = isoParts(sel);
		pop = h('div.calendar', { role: 'dialog', 'aria-label': t('calendar') });
		const render = () => {
			const en = getLang() === 'en';
			const head = h('div.cal-head',
				h('button', { type: 'button', 'aria-label': t('prev_month'), onclick: () => { shift(-1); } }, '‹'),
				h('div.cal-title', { 'aria-live': 'polite' }, `${(en ? MONTHS_EN : MONTHS_TH)[m - 1]} ${en ? y : y + 543}`),
				h('button', { type: 'button', 'aria-label': t('next_month'), onclick: () => { shift(1); } }, '›'));
			const grid = h('div.cal-grid', { role: 'grid' });
			for (const w of en ? WEEKDAYS_EN : WEEKDAYS_TH)
				grid.append(h('div.cal-wd', { role: 'columnheader' }, w));
			const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
			for (let i = 0; i < first; i++)
				grid.append(h('div'));
			const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
			for (let d = 1; d <= n; d++) {
				const iso = isoOf(y, m, d);
				const b = h('button.cal-day', { type: 'button', 'data-iso': iso, tabindex: iso === sel ? '0' : '-1', 'aria-label': dateLong(iso), 'aria-selected': iso === wrap.iso ? 'true' : 'false' }, String(d));
				b.addEventListener('click', () => { setIso(iso); close(); });
				grid.append(b);
			}
			pop.replaceChildren(head, grid, h('button.cal-close', { type: 'button', onclick: () => close() }, t('close')));
		};
		const shift = (k) => {
			m += k;
			if (m < 1) { m = 12; y -= 1; }
			if (m > 12) { m = 1; y += 1; }
			const d = Math.min(isoParts(sel)[2], new Date(Date.UTC(y, m, 0)).getUTCDate());
			sel = isoOf(y, m, d);
			render();
		};
		const focusSel = () => {
			const b = pop && pop.querySelector(`[data-iso="${sel}"]`);
			if (b)
				b.focus();
		};
		pop.addEventListener('keydown', (e) => {
			const steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
			if (e.key === 'Escape') {
				e.preventDefault();
				close();
			} else if (e.key in steps && e.target.classList.contains('cal-day')) {
				e.preventDefault();
				const p = isoParts(sel);
				const dt = new Date(Date.UTC(p[0], p[1] - 1, p[2] + steps[e.key]));
				sel = isoOf(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
				if (dt.getUTCFullYear() !== y || dt.getUTCMonth() + 1 !== m) {
					y = dt.getUTCFullYear();
					m = dt.getUTCMonth() + 1;
					render();
				} else {
					for (const b of pop.querySelectorAll('.cal-day'))
						b.tabIndex = b.dataset.iso === sel ? 0 : -1;
				}
				focusSel();
			} else if (e.key === 'PageUp' || e.key === 'PageDown') {
				e.preventDefault();
				shift(e.key === 'PageUp' ? -1 : 1);
				focusSel();
			}
		});
		render();
		row.append(pop);
		btn.setAttribute('aria-expanded', 'true');
		document.addEventListener('mousedown', outside, true);
		focusSel();
	}

	btn.addEventListener('click', open);
	wrap.setIso = (v) => setIso(v, false);
	wrap.validate = validate;
	if (iso)
		setIso(iso, false);
	return wrap;
}
