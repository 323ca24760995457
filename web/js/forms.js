// forms.js — the pages that change data: enrol, record a payment, record a
// village survey, set and allocate targets. Every field has a label and an
// error line; what the browser can check it checks as the person types (the
// ID's check digit, dates); every refusal of the server (problem+json `field`,
// `message_th`) is shown next to the field it names, or above the form.

import { t, pick } from './i18n.js';
import { api, get, has, ApiError, session } from './api.js';
import { h, put, card, notice, unavailable, field, select, showProblem } from './ui.js';
import { baht, checkId, dateLong, fiscalYear, formatId, monthLong, num, todayISO } from './fmt.js';
import { dateField } from './datefield.js';
import * as offline from './offline.js';

/** The notice of a write kept on the device to be sent later (offline.send), with extra words. */
function queuedNotice(...extra) {
	return h('div.notice.info', { role: 'status', 'data-testid': 'queued' }, t('queued_saved'), ...extra, ' · ', h('a', { href: '#/outbox' }, t('see_outbox')));
}

/**
 * A village picker: cascading selects from the user's area down to a village
 * (province → district → subdistrict → village, starting below root). The
 * returned field's .value() is the village code or ''.
 */
export function villagePicker(root, name = 'village') {
	const wrap = h('fieldset.village-picker', h('legend', t('village')));
	const levels = [['province', 2], ['district', 4], ['subdistrict', 6], ['village', 8]];
	const rootLen = root ? String(root).length : 0;
	const start = levels.findIndex(([, n]) => n > rootLen);
	const selects = [];
	const msg = h('div.msg', { role: 'status', 'aria-live': 'polite' });
	for (let i = Math.max(0, start); i < levels.length; i++) {
		const s = select(levels[i][0], [], '');
		s.disabled = true;
		const f = field({ name: i === levels.length - 1 ? name : levels[i][0], label: t(levels[i][0]), input: s });
		selects.push(s);
		wrap.append(f);
	}
	async function fill(k, parent) {
		const s = selects[k];
		const page = await get('/areas', { parent: parent || null, limit: 500 });
		s.replaceChildren(h('option', { value: '' }, t('choose')),
			...page.items.map((a) => h('option', { value: a.code }, pick(a.name_th, a.name_en))));
		s.disabled = false;
		for (let j = k + 1; j < selects.length; j++) {
			selects[j].replaceChildren(h('option', { value: '' }, t('choose')));
			selects[j].disabled = true;
		}
	}
	selects.forEach((s, k) => s.addEventListener('change', () => {
		if (k + 1 < selects.length && s.value)
			fill(k + 1, s.value);
	}));
	fill(0, root || null);
	wrap.append(msg);
	wrap.value = () => selects[selects.length - 1].value;
	wrap.input = selects[selects.length - 1];
	wrap.setError = (text) => {
		msg.textContent = text || '';
		msg.className = text ? 'msg err' : 'msg';
	};
	wrap.setOk = () => wrap.setError('');
	return wrap;
}

/**
 * An area picker: cascading selects from below root down to the subdistricts
 * (province → district → subdistrict; with villages, the villages too); the area is the
 * deepest level chosen, else root. value: an area to start on (its levels are
 * chosen in turn). onChange(code) is called whenever the area changes.
 */
export function areaPicker(root, { value = '', villages = false, onChange = () => {} } = {}) {
	const wrap = h('fieldset.area-picker', { 'data-field': 'area' }, h('legend', t('area')));
	const rootLen = root ? String(root).length : 0;
	const levels = [['province', 2], ['district', 4], ['subdistrict', 6], ['village', 8]]
		.filter(([, n]) => n > rootLen && (villages || n < 8));
	const msg = h('div.msg', { role: 'status', 'aria-live': 'polite' });
	const selects = levels.map(([name]) => {
		const sel = select(name, [], '');
		sel.disabled = true;
		wrap.append(field({ name: `area-${name}`, label: t(name), input: sel }));
		return sel;
	});
	wrap.value = () => {
		for (let k = selects.length - 1; k >= 0; k--)
			if (selects[k].value)
				return selects[k].value;
		return root ? String(root) : '';
	};
	async function fill(k, parent) {
		const page = await get('/areas', { parent: parent || null, limit: 500 });
		selects[k].replaceChildren(h('option', { value: '' }, k === 0 && !root ? t('choose') : t('whole_area')),
			...page.items.map((a) => h('option', { value: a.code }, `${a.code} ${pick(a.name_th, a.name_en)}`)));
		selects[k].disabled = false;
		for (let j = k + 1; j < selects.length; j++) {
			selects[j].replaceChildren(h('option', { value: '' }, t('whole_area')));
			selects[j].disabled = true;
		}
	}
	selects.forEach((sel, k) => sel.addEventListener('change', async () => {
		if (k + 1 < selects.length) {
			if (sel.value)
				await fill(k + 1, sel.value);
			else
				for (let j = k + 1; j < selects.length; j++) {
					selects[j].replaceChildren(h('option', { value: '' }, t('whole_area')));
					selects[j].disabled = true;
				}
		}
		onChange(wrap.value());
	}));
	// Down to value, level by level.
	wrap.ready = (async () => {
		if (!selects.length)
			return;
		await fill(0, root || null);
		const want = String(value || '');
		for (let k = 0; k < selects.length && want.length >= levels[k][1] && want.length > rootLen; k++) {
			const code = want.slice(0, levels[k][1]);
			if (![...selects[k].options].some((o) => o.value === code))
				break;
			selects[k].value = code;
			if (k + 1 < selects.length)
				await fill(k + 1, code);
		}
	})();
	wrap.append(msg);
	wrap.setError = (text) => {
		msg.textContent = text || '';
		msg.className = text ? 'msg err' : 'msg';
	};
	wrap.setOk = () => wrap.setError('');
	return wrap;
}

// ---- enrol ----

export function pageEnrol(main) {
	const u = session.user;
	const top = h('div', { 'aria-live': 'polite' });
	const id = field({ name: 'id', label: t('national_id'), hint: t('id_hint'), attrs: { inputmode: 'numeric', autocomplete: 'off', required: true } });
	const title = field({ name: 'title', label: t('title'), input: select('title', [['นาย', 'นาย'], ['นาง', 'นาง'], ['นางสาว', 'นางสาว']], 'นาย', false) });
	const first = field({ name: 'first_th', label: t('first_th'), attrs: { autocomplete: 'off' } });
	const last = field({ name: 'last_th', label: t('last_th'), attrs: { autocomplete: 'off' } });
	const birth = dateField({ name: 'birth_date', label: t('birth_date') });
	const sex = field({ name: 'sex', label: t('sex'), input: select('sex', [['M', t('male')], ['F', t('female')]], '') });
	const phone = field({ name: 'phone', label: t('phone'), type: 'tel', attrs: { autocomplete: 'off' } });
	const address = field({ name: 'address', label: t('address'), attrs: { autocomplete: 'off' } });
	const village = villagePicker(u.role === 'admin' ? 0 : u.area);
	const personBox = h('fieldset.person-box', h('legend', t('person')), title, first, last, birth, sex, phone, address, village);
	const option = field({ name: 'option', label: t('option'), input: select('option', [['1', t('option_rate', 1, 70)], ['2', t('option_rate', 2, 100)], ['3', t('option_rate', 3, 300)]], '1', false) });
	const date = dateField({ name: 'date', label: t('enrol_date') });
	const recruiter = field({ name: 'recruited_by', label: t('recruiter'), hint: t('id_hint'), attrs: { inputmode: 'numeric', autocomplete: 'off' } });
	const fields = { id, title, first_th: first, last_th: last, birth_date: birth, sex, phone, address, village, option, date, recruited_by: recruiter };
	let known = null; // the registered person, when the ID is in the register
	let seq = 0;

	async function checkTyped() {
		const r = checkId(id.input.value);
		known = null;
		if (!r.ok) {
			id.setError(id.input.value.trim() === '' ? '' : t(r.reason, ...r.args));
			personBox.hidden = false;
			return false;
		}
		id.setOk(t('id_ok') + ' ' + formatId(r.digits));
		const mine = ++seq;
		try {
			const page = await get('/persons', { q: r.digits, limit: 1 });
			if (mine !== seq)
				return true;
			if (page.items.length === 0) {
				id.setOk(`${t('id_ok')} ${formatId(r.digits)} — ${t('id_new')}`);
				personBox.hidden = false;
				return true;
			}
			known = page.items[0];
			if (u.role === 'admin' || u.role === 'officer') {
				const p = await get(`/persons/${r.digits}`);
				if (mine !== seq)
					return true;
				const open = (p.memberships || []).find((m) => !m.end_date);
				const excl = (p.exclusions || []).find((x) => !x.end_date);
				if (open) {
					id.setError(t('id_member', dateLong(open.start_date)));
					personBox.hidden = true;
					return false;
				}
				if (excl) {
					id.setError(t('id_excluded', excl.kind));
					personBox.hidden = true;
					return false;
				}
			}
			id.setOk(t('id_known', `${known.title}${known.first_th} ${known.last_th}`));
			personBox.hidden = true;
		} catch (e) {
			// Without a network the register cannot be asked: the server checks it when the enrolment is sent.
			if (e instanceof ApiError && e.status === 0)
				id.setOk(`${t('id_ok')} ${formatId(r.digits)} — ${t('id_offline')}`);
			else if (e instanceof ApiError && e.status !== 404)
				id.setError(e.text);
		}
		return true;
	}
	id.input.addEventListener('input', checkTyped);
	recruiter.input.addEventListener('input', () => {
		const v = recruiter.input.value.trim();
		if (v === '') {
			recruiter.setError('');
			return;
		}
		const r = checkId(v);
		if (r.ok)
			recruiter.setOk(formatId(r.digits));
		else
			recruiter.setError(t(r.reason, ...r.args));
	});

	const submit = h('button', { type: 'submit' }, t('submit_enrol'));
	const form = h('form.card.enrol', { novalidate: true }, h('h1', t('enrol_title')), top, id, personBox, option, date,
		u.role === 'volunteer' ? null : recruiter, submit);
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		put(top);
		for (const f of Object.values(fields))
			if (f.setError && f !== id)
				f.setError('');
		const r = checkId(id.input.value);
		let ok = true;
		if (!r.ok) {
			id.setError(r.digits === '' ? t('required') : t(r.reason, ...r.args));
			ok = false;
		}
		if (!date.validate())
			ok = false;
		const body = { option: Number(option.input.value) };
		if (date.iso)
			body.date = date.iso;
		if (u.role !== 'volunteer' && recruiter.input.value.trim()) {
			const rr = checkId(recruiter.input.value);
			if (!rr.ok) {
				recruiter.setError(t(rr.reason, ...rr.args));
				ok = false;
			}
			body.recruited_by = rr.digits;
		}
		if (known) {
			body.id = r.digits;
		} else {
			for (const f of [first, last])
				if (!f.input.value.trim()) {
					f.setError(t('required'));
					ok = false;
				}
			if (!birth.validate())
				ok = false;
			if (!village.value()) {
				village.setError(t('required'));
				ok = false;
			}
			body.person = {
				id: r.digits, title: title.input.value, first_th: first.input.value.trim(), last_th: last.input.value.trim(),
				birth_date: birth.iso, sex: sex.input.value || null, thai: true, village: village.value(),
				phone: phone.input.value.trim(), address: address.input.value.trim(),
			};
		}
		if (!ok) {
			put(top, notice('err', t('fix_fields')));
			return;
		}
		submit.disabled = true;
		try {
			const label = known ? `${known.title}${known.first_th} ${known.last_th} · ${formatId(r.digits)}`
				: `${body.person.title}${body.person.first_th} ${body.person.last_th} · ${formatId(r.digits)}`;
			const sent = await offline.send({ kind: 'enrol', path: '/enrolments', body, label });
			const sp = sent.data;
			if (!sent.sent) {
				put(top, queuedNotice(' ', label, has('/payments', 'POST') ? [' · ', h('a', { href: `#/pay?id=${r.digits}` }, t('nav_pay'))] : null));
			} else {
				put(top, notice('ok', t('enrolled', formatId(sp.id), sp.option, dateLong(sp.start_date)), ' ',
					h('a', { href: `#/person/${sp.id}` }, t('open')),
					has('/payments', 'POST') ? [' · ', h('a', { href: `#/pay?id=${sp.id}` }, t('nav_pay'))] : null,
					' · ', h('a', { href: '#/' }, t('nav_dashboard'))));
			}
			form.reset();
			for (const f of Object.values(fields))
				if (f.setError)
					f.setError('');
			known = null;
			personBox.hidden = false;
			top.scrollIntoView({ block: 'nearest' });
		} catch (err) {
			if (err instanceof ApiError)
				showProblem(form, err, fields, top);
			else
				put(top, notice('err', String(err)));
		} finally {
			submit.disabled = false;
		}
	});
	put(main, form);
	id.input.focus();
}

// ---- record a payment ----

export function pagePay(main, params) {
	if (!has('/payments', 'POST')) {
		put(main, card(t('pay_title'), unavailable('POST /api/v1/payments')));
		return;
	}
	const top = h('div', { 'aria-live': 'polite' });
	const id = field({ name: 'id', label: t('national_id'), hint: t('id_hint'), attrs: { inputmode: 'numeric', value: params.id || '' } });
	id.input.value = params.id || '';
	// The months a payment may cover: the month it is paid in and up to 12
	// ahead, counted from the server's day (its clock or `s40 serve --today`),
	// with the month before it too so that a late refusal is the server's to give.
	const today = session.today || todayISO();
	const [ty, tm] = today.split('-').map(Number);
	const monthOpts = [];
	for (let k = -1; k <= 12; k++) {
		const n = ty * 12 + (tm - 1) + k;
		const ym = `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
		monthOpts.push([ym, monthLong(ym)]);
	}
	const from = field({ name: 'from', label: t('months_from'), input: select('from', monthOpts, monthOpts[1][0], false) });
	const to = field({ name: 'to', label: t('months_to'), input: select('to', monthOpts, monthOpts[1][0], false) });
	const amount = field({ name: 'amount', label: t('amount'), type: 'text', attrs: { inputmode: 'decimal' } });
	const receipt = field({ name: 'receipt', label: t('receipt') });
	const channel = field({ name: 'channel', label: t('channel'), input: select('channel', ['office', 'counter', 'bank', 'app', 'network'].map((k) => [k, t('channel_' + k)]), 'office', false) });
	const paid = dateField({ name: 'date', label: t('paid_date'), iso: today });
	// Who pays: their name, option, standing and the months due, shown once
	// the ID is whole (from GET /persons/{id} and its standing's `payable`).
	const payer = h('div.payer', { 'aria-live': 'polite', 'data-testid': 'payer' });
	const fields = { id, months: from, amount, receipt, channel, date: paid };
	const form = h('form.card', { novalidate: true }, h('h1', t('pay_title')), top, id, payer, from, to, amount, receipt, channel, paid, h('button', { type: 'submit' }, t('save')));

	let person = null, payable = null, asked = '', amountTyped = false;
	// The suggested amount: the member's shares of the months chosen, unless
	// the user typed one; none when a chosen month is paid or not a member's.
	function suggest() {
		if (!payable || amountTyped)
			return;
		let sum = 0, ok = true;
		for (const m of payable)
			if (m.month >= from.input.value && m.month <= to.input.value) {
				if (m.member === null || m.paid)
					ok = false;
				else
					sum += m.member;
			}
		amount.input.value = ok && sum > 0 ? (sum / 100).toFixed(2) : '';
		amount.setOk(ok && sum > 0 ? t('pay_suggested') : '');
	}
	async function lookup(digits) {
		asked = digits;
		person = payable = null;
		put(payer, h('p.small', t('loading')));
		try {
			const [p, sd] = await Promise.all([get(`/persons/${digits}`), get(`/persons/${digits}/standing`, { date: paid.iso || today })]);
			if (asked !== digits)
				return; // another ID was typed meanwhile
			person = p;
			payable = sd.payable || [];
			const due = payable.filter((m) => m.member !== null && !m.paid);
			const now = payable[0];
			if (due.length) {
				from.input.value = due[0].month;
				if (to.input.value < due[0].month || !payable.some((m) => m.month === to.input.value && m.member !== null && !m.paid))
					to.input.value = due[0].month;
			}
			const badge = sd.status === 'paying' ? 'strong.badge.ok' : 'strong.badge';
			const rate = (due[0] || now).member;
			put(payer, h('dl.facts',
				h('dt', t('name')), h('dd', { 'data-testid': 'payer-name' }, `${p.title}${p.first_th} ${p.last_th}`),
				h('dt', t('option')), h('dd', { 'data-testid': 'payer-option' }, sd.option ? t('option_rate', sd.option, rate !== null ? num(rate / 100) : '–') : '–'),
				h('dt', t('standing')), h('dd', h(badge, pick(sd.status_th, sd.status_en)), sd.unpaid_run ? h('span.small', ` · ${t('unpaid_run')} ${t('months_n', sd.unpaid_run)}`) : null),
				h('dt', t('paid_through')), h('dd', sd.paid_through ? monthLong(sd.paid_through) : '–'),
				h('dt', t('pay_due')), h('dd', { 'data-testid': 'payer-due' }, now.member !== null && !now.paid
					? t('pay_due_month', monthLong(now.month), baht(now.member))
					: due.length ? t('pay_due_ahead', monthLong(due[0].month)) : t('pay_nothing_due'))));
			suggest();
		} catch (err) {
			if (asked !== digits)
				return;
			if (err instanceof ApiError && err.status === 0 && await offlinePayer(digits))
				return;
			put(payer, notice(err.status === 0 ? 'info' : 'err', err.status === 0 ? t('pay_offline') : err.text || String(err)));
		}
	}
	// Without a network: a person enrolled on this device and not yet sent is
	// known from the queue, with the rate of their option for the months
	// from their enrolment on (what the server would show as due).
	async function offlinePayer(digits) {
		const en = (await offline.items()).find((i) => i.kind === 'enrol' && i.status !== 'refused' && (i.body.id === digits || (i.body.person && i.body.person.id === digits)));
		if (!en || asked !== digits)
			return false;
		const rate = [0, 7000, 10000, 30000][en.body.option] || null;
		const start = (en.body.date || today).slice(0, 7);
		payable = monthOpts.map(([ym]) => ({ month: ym, member: ym >= start ? rate : null, paid: false }));
		const first = payable.find((m) => m.member !== null);
		if (first) {
			from.input.value = first.month;
			if (to.input.value < first.month)
				to.input.value = first.month;
		}
		const p = en.body.person;
		put(payer, h('dl.facts',
			h('dt', t('name')), h('dd', { 'data-testid': 'payer-name' }, p ? `${p.title}${p.first_th} ${p.last_th}` : en.label || formatId(digits)),
			h('dt', t('option')), h('dd', { 'data-testid': 'payer-option' }, t('option_rate', en.body.option, rate !== null ? num(rate / 100) : '–')),
			h('dt', t('standing')), h('dd', h('strong.badge', t('status_pending')), h('span.small', ' · ' + t('enrol_queued')))));
		suggest();
		return true;
	}
	id.input.addEventListener('input', () => {
		const r = checkId(id.input.value);
		if (r.ok) {
			id.setOk(formatId(r.digits));
			if (r.digits !== asked)
				lookup(r.digits);
		} else {
			id.setError(id.input.value.trim() ? t(r.reason, ...r.args) : '');
			asked = '';
			person = payable = null;
			put(payer);
		}
	});
	from.input.addEventListener('change', () => {
		if (to.input.value < from.input.value)
			to.input.value = from.input.value;
		suggest();
	});
	to.input.addEventListener('change', () => {
		if (to.input.value < from.input.value)
			from.input.value = to.input.value;
		suggest();
	});
	amount.input.addEventListener('input', () => {
		amountTyped = amount.input.value.trim() !== '';
		amount.setOk('');
	});
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		put(top);
		for (const f of Object.values(fields))
			if (f !== id)
				f.setError('');
		const r = checkId(id.input.value);
		if (!r.ok) {
			id.setError(t(r.reason, ...r.args));
			return;
		}
		if (!paid.validate())
			return;
		const body = { id: r.digits, months: `${from.input.value}..${to.input.value}`, amount: amount.input.value.trim(), receipt: receipt.input.value.trim(), channel: channel.input.value };
		if (paid.iso)
			body.date = paid.iso;
		try {
			// Kept for later, a payment takes its receipt number from the
			// device's block, so that the payer leaves with it.
			const label = `${person ? `${person.title}${person.first_th} ${person.last_th} · ` : ''}${formatId(r.digits)} · ${body.amount}`;
			const sent = await offline.send({ kind: 'pay', path: '/payments', body, label,
				prepare: async (b, later) => {
					if (!later || b.receipt)
						return b;
					const n = await offline.takeReceipt();
					if (!n)
						throw new ApiError(422, { code: 'required', field: 'receipt', message_th: t('receipt_needed'), message_en: t('receipt_needed') });
					return { ...b, receipt: n };
				} });
			const res = sent.data;
			if (!sent.sent)
				put(top, queuedNotice(' ', label, sent.item.body.receipt ? ` · ${t('queued_receipt', sent.item.body.receipt)}` : ''));
			else
				put(top, receiptCard(res, person));
			// Ready for the next person.
			for (const f of [id, amount, receipt])
				f.input.value = '';
			id.setOk('');
			amount.setOk('');
			asked = '';
			person = payable = null;
			amountTyped = false;
			put(payer);
			id.input.focus();
		} catch (err) {
			showProblem(form, err, fields, top);
		}
	});
	put(main, form);
	if (checkId(id.input.value).ok)
		id.input.dispatchEvent(new Event('input'));
}

// The receipt of a payment just recorded, with a print button: printing shows
// it alone (app.css, body.print-receipt).
function receiptCard(res, person) {
	const months = res.first_month === res.last_month ? monthLong(res.first_month) : `${monthLong(res.first_month)} – ${monthLong(res.last_month)}`;
	const print = h('button.secondary', { type: 'button' }, t('print_receipt'));
	print.addEventListener('click', () => {
		document.body.classList.add('print-receipt');
		window.addEventListener('afterprint', () => document.body.classList.remove('print-receipt'), { once: true });
		window.print();
	});
	return h('div',
		notice('ok', t('saved'), ' ', h('a', { href: `#/person/${res.id}` }, t('open'))),
		h('section.card.receipt', { 'data-testid': 'receipt' },
			h('p.small', `${t('app_name')} · ${t('app_tag')}`),
			h('h2', t('receipt_title')),
			h('dl.facts',
				h('dt', t('receipt')), h('dd', res.receipt),
				h('dt', t('paid_date')), h('dd', dateLong(res.date)),
				person ? [h('dt', t('name')), h('dd', `${person.title}${person.first_th} ${person.last_th}`)] : null,
				h('dt', t('national_id')), h('dd', person ? person.id_display : formatId(res.id)),
				h('dt', t('months_paid')), h('dd', months),
				h('dt', t('amount')), h('dd', { 'data-testid': 'receipt-amount' }, res.total_baht),
				h('dt', t('channel')), h('dd', t('channel_' + res.channel))),
			h('p.actions', print)));
}

// ---- record a village survey ----

// A resident's status in a survey: [key the API takes, its name in the reader's language].
export const surveyStatuses = () => ['s40', 's33', 's39', 'civil_servant', 'state_enterprise', 'uninsured',
	'student', 'age', 'not_thai', 'other'].map((k) => [k, t('sv_' + k)]);

export function pageSurvey(main) {
	if (!has('/surveys', 'POST')) {
		put(main, card(t('survey_title'), unavailable('POST /api/v1/surveys')));
		return;
	}
	const u = session.user;
	const top = h('div', { 'aria-live': 'polite' });
	const village = villagePicker(u.role === 'admin' ? 0 : u.area);
	const date = dateField({ name: 'date', label: t('survey_date'), required: true, onchange: () => loadResidents() });
	// The village's registered residents of working age on the day, a row
	// each with the status the register gives them, to be confirmed or
	// changed door to door; residents not in the register are added by ID.
	const checklist = h('div.checklist', { 'data-testid': 'checklist' });
	const count = h('p', { role: 'status', 'aria-live': 'polite', 'data-testid': 'survey-count' });
	const list = h('div.residents');
	const statusKeys = surveyStatuses().map(([k]) => k);
	const counted = () => {
		const picked = [...checklist.querySelectorAll('.check-row')].filter((row) => row.querySelector('input[type=checkbox]').checked)
			.map((row) => row.querySelector('select').value);
		const added = [...list.querySelectorAll('.resident-row')].filter((row) => {
			const r = checkId(row.querySelector('input').value);
			return r.ok && !listed(r.digits);
		})
			.map((row) => row.querySelector('select').value);
		const all = picked.concat(added);
		const n = (keys) => all.filter((k) => keys.includes(k)).length;
		count.textContent = all.length ? t('survey_count', num(all.length), num(n(['s40'])), num(n(['s33', 's39', 'civil_servant', 'state_enterprise'])),
			num(n(['uninsured'])), num(n(['student', 'age', 'not_thai', 'other']))) : '';
	};
	let asked = '';
	async function loadResidents() {
		const code = village.value();
		const day = date.iso || session.today || todayISO();
		put(checklist);
		counted();
		if (!code)
			return;
		const key = `${code} ${day}`;
		asked = key;
		put(checklist, h('p.small', t('loading')));
		try {
			const page = await get('/persons', { area: code, date: day, limit: 500 });
			if (asked !== key)
				return;
			const byName = new Intl.Collator('th');
			const people = page.items.filter((p) => {
				const a = ageOn(p.birth_date, day);
				return a >= 15 && a <= 65;
			}).sort((a, b) => byName.compare(a.first_th, b.first_th) || byName.compare(a.last_th, b.last_th));
			const rows = people.map((p) => {
				const st = p.cover === 's40' ? 's40' : p.cover === 'excluded' && statusKeys.includes(p.exclusion) ? p.exclusion : 'uninsured';
				const box = h('input', { type: 'checkbox', checked: true, 'aria-label': t('survey_include', `${p.first_th} ${p.last_th}`) });
				const f = field({ name: `check-${p.id}`, label: `${p.title}${p.first_th} ${p.last_th} · ${p.id_display} · ${t('age_n', ageOn(p.birth_date, day))}`,
					input: select(`check-${p.id}`, surveyStatuses(), st, false) });
				box.addEventListener('change', () => {
					f.input.disabled = !box.checked;
					counted();
				});
				f.input.addEventListener('change', counted);
				return h('div.check-row', { 'data-id': p.id }, box, f);
			});
			put(checklist, h('h2', t('survey_registered', num(rows.length))),
				page.total > page.items.length ? notice('info', t(page.total_exact === false ? 'survey_more_many' : 'survey_more', num(page.total))) : null,
				rows.length ? rows : h('p', t('no_results')));
			counted();
		} catch (err) {
			if (asked === key)
				put(checklist, notice('err', err.text || String(err)));
		}
	}
	village.input.addEventListener('change', () => loadResidents());
	// Whether a registered resident is on the checklist already.
	const listed = (digits) => [...checklist.querySelectorAll('.check-row')].some((row) => row.dataset.id === digits);
	const addRow = () => {
		const n = list.children.length + 1;
		const idf = field({ name: `resident-${n}`, label: `${t('national_id')} ${n}`, attrs: { inputmode: 'numeric' } });
		const st = field({ name: `status-${n}`, label: t('survey_status'), input: select(`status-${n}`, surveyStatuses(), 'uninsured', false) });
		idf.input.addEventListener('input', () => {
			const r = checkId(idf.input.value);
			if (r.ok && listed(r.digits))
				idf.setError(t('survey_listed'));
			else if (r.ok)
				idf.setOk(formatId(r.digits));
			else
				idf.setError(idf.input.value.trim() ? t(r.reason, ...r.args) : '');
			counted();
		});
		st.input.addEventListener('change', counted);
		list.append(h('div.resident-row', idf, st));
		idf.input.focus();
	};
	const form = h('form.card', { novalidate: true }, h('h1', t('survey_title')), top, village, date, checklist,
		h('h2', t('survey_others')), list,
		h('button.secondary', { type: 'button', onclick: addRow }, t('add_resident')), count, h('button', { type: 'submit' }, t('save')));
	addRow();
	village.input.focus();
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		put(top);
		if (!date.validate() || !village.value()) {
			if (!village.value())
				village.setError(t('required'));
			return;
		}
		// The rows sent, each with its fields, so that a refusal naming
		// residents[i].id or residents[i].status is shown on that row.
		const fields = { village, date };
		const residents = [];
		for (const row of checklist.querySelectorAll('.check-row')) {
			if (!row.querySelector('input[type=checkbox]').checked)
				continue;
			const f = row.querySelector('.field');
			f.setError('');
			fields[`residents[${residents.length}].id`] = f;
			fields[`residents[${residents.length}].status`] = f;
			residents.push({ id: row.dataset.id, status: row.querySelector('select').value });
		}
		let bad = false;
		for (const row of list.querySelectorAll('.resident-row')) {
			if (!row.querySelector('input').value.trim())
				continue;
			const [idf, stf] = row.querySelectorAll('.field');
			idf.setError('');
			stf.setError('');
			fields[`residents[${residents.length}].id`] = idf;
			fields[`residents[${residents.length}].status`] = stf;
			const r = checkId(idf.input.value);
			if (!r.ok || listed(r.digits)) {
				idf.setError(r.ok ? t('survey_listed') : t(r.reason, ...r.args));
				bad = true;
			}
			residents.push({ id: r.digits, status: row.querySelector('select').value });
		}
		if (bad)
			return;
		try {
			const sent = await offline.send({ kind: 'survey', path: '/surveys', body: { village: village.value(), date: date.iso, residents }, label: `${village.value()} · ${dateLong(date.iso)}` });
			const r = sent.data;
			if (!sent.sent)
				put(top, queuedNotice());
			else put(top, notice('ok', t('survey_saved', num(r.residents), num(r.added), num(r.updated)), ' ', h('a', { href: `#/village/${village.value()}` }, t('open'))));
		} catch (err) {
			showProblem(form, err, fields, top);
		}
	});
	put(main, form);
}

/** Completed years of age on day (ISO dates). */
function ageOn(birth, day) {
	const [by, bm, bd] = birth.split('-').map(Number);
	const [y, m, d] = day.split('-').map(Number);
	return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// ---- targets ----

export function pageTargets(main, params) {
	if (!has('/targets', 'POST')) {
		put(main, card(t('targets_title'), unavailable('POST /api/v1/targets')));
		return;
	}
	const u = session.user;
	// The area from the tree below the user's own (an admin's: the country),
	// starting on the link's area if it names one.
	const root = u.role === 'admin' ? 0 : u.area;
	const top = h('div', { 'aria-live': 'polite' });
	// The fiscal year of the server's day unless the link names one.
	const fy0 = params.fy || fiscalYear(session.today || todayISO());
	const fy = field({ name: 'fy', label: t('fiscal_year'), type: 'number', attrs: { min: 2550, max: 2700, value: fy0 } });
	fy.input.value = fy0;
	const area = areaPicker(root, { value: params.area || '', onChange: () => show() });
	const target = field({ name: 'target', label: t('target'), type: 'number', attrs: { min: 0 } });
	const alloc = h('input', { type: 'checkbox', id: 'tg-alloc', name: 'allocate' });
	const out = h('div');
	const hand = h('div');
	const form = h('form.card', { novalidate: true }, h('h1', t('targets_title')), top, fy, area, target,
		h('div.field.check', alloc, h('label', { for: 'tg-alloc' }, t('allocate'))), h('button', { type: 'submit' }, t('save')), out);
	const fields = { fy, area, target };
	let shown = 0;
	async function show() {
		put(hand);
		if (!has('/targets'))
			return;
		const q = { fy: fy.input.value, area: area.value() };
		if (!q.area || !/^\d{4}$/.test(q.fy)) {
			put(out, q.area ? null : h('p.small', t('choose_area')));
			return;
		}
		const mine = ++shown;
		try {
			const rep = await get('/targets', q);
			const { reportTable } = await import('./table.js');
			if (mine !== shown)
				return; // a later choice is on its way
			if (!rep.rows.length) {
				put(out, h('p', { 'data-testid': 'no-target' }, t('no_target', q.fy)));
				return;
			}
			put(out, reportTable(rep, { download: { path: '/targets', params: q, name: `s40-targets-${q.area}-${q.fy}` } }));
			handForm(rep, q);
		} catch (err) {
			put(out, notice('err', err.text));
		}
	}
	// Allocation by hand: a number for each area below; the sum must be
	// the area's target, shown as it is typed, and the server checks it again.
	function handForm(rep, q) {
		const parent = rep.rows.find((r) => String(r.code) === String(q.area));
		const kids = rep.rows.filter((r) => r.code !== null && String(r.code).length > String(q.area).length);
		if (!parent || parent.target === null || parent.target === undefined || !kids.length || !has('/targets/allocate', 'POST'))
			return;
		const msg = h('p', { role: 'status', 'aria-live': 'polite', 'data-testid': 'hand-sum' });
		const inputs = kids.map((r) => field({ name: `hand-${r.code}`, label: `${r.code} ${pick(r.name_th || r.name, r.name_en || r.name)}`, type: 'number', attrs: { min: 0, value: r.target ?? '' } }));
		inputs.forEach((f, i) => { f.input.value = kids[i].target ?? ''; });
		const sum = () => inputs.reduce((a, f) => a + (Number(f.input.value) || 0), 0);
		const say = () => {
			const n = sum();
			msg.textContent = t('hand_sum', num(n), num(parent.target));
			msg.className = n === parent.target ? 'msg ok' : 'msg err';
		};
		inputs.forEach((f) => f.input.addEventListener('input', say));
		say();
		const f2 = h('form.card.hand', { novalidate: true, 'aria-label': t('allocate_hand') }, h('h2', t('allocate_hand')), h('div.grid-fields', inputs), msg,
			h('button', { type: 'submit' }, t('save_hand')));
		f2.addEventListener('submit', async (e) => {
			e.preventDefault();
			put(top);
			const bad = inputs.find((f) => !/^\d+$/.test(f.input.value.trim()));
			inputs.forEach((f) => f.setError(''));
			if (bad) {
				bad.setError(t('whole_number'));
				bad.input.focus();
				return;
			}
			try {
				await api('POST', '/targets/allocate', { fy: Number(q.fy), area: q.area, set: kids.map((r, i) => ({ area: r.code, target: Number(inputs[i].input.value) })) });
				put(top, notice('ok', t('saved')));
				show();
			} catch (err) {
				put(top, notice('err', err.text));
			}
		});
		put(hand, f2);
	}
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		put(top);
		for (const f of [fy, area, target])
			f.setError('');
		// An empty target with "allocate" ticked allocates the target the area
		// has already; an empty target alone is not a target of 0.
		const raw = target.input.value.trim();
		if (raw === '' && !alloc.checked) {
			target.setError(t('required'));
			return;
		}
		if (raw !== '' && !/^\d+$/.test(raw)) {
			target.setError(t('whole_number'));
			return;
		}
		try {
			if (raw !== '')
				await api('POST', '/targets', { fy: Number(fy.input.value), area: area.value(), target: Number(raw) });
			if (alloc.checked)
				await api('POST', '/targets/allocate', { fy: Number(fy.input.value), area: area.value() });
			put(top, notice('ok', t('saved')));
			show();
		} catch (err) {
			showProblem(form, err, fields, top);
		}
	});
	// A change of the fiscal year shows its targets at once.
	fy.input.addEventListener('input', () => show());
	put(main, form, hand);
	area.ready.then(() => show());
}

