// outbox.js — the page "รอส่ง / ส่งไม่สำเร็จ" (#/outbox): the writes made
// without a network and still on the device, in the order they will be sent;
// those the server refused, each with its message next to the field at fault,
// to be corrected and sent again or discarded (after a confirmation); what is
// kept on the device for reading, and the button that keeps the user's whole
// area for a day in the field.

import { t, getLang, pick } from './i18n.js';
import { ApiError, get, session } from './api.js';
import { h, put, card, notice, field, select } from './ui.js';
import { isoToField, monthLong, parseDate, num } from './fmt.js';
import { surveyStatuses } from './forms.js';
import * as offline from './offline.js';

// The name of a key of a request body, for the editor of a refused item.
const LABELS = {
	id: 'national_id', title: 'title', first_th: 'first_th', last_th: 'last_th', birth_date: 'birth_date', sex: 'sex',
	phone: 'phone', address: 'address', village: 'village', option: 'option', date: 'day', recruited_by: 'recruiter',
	months: 'months_paid', amount: 'amount', receipt: 'receipt', channel: 'channel', outcome: 'call_outcome', note: 'call_note',
	status: 'survey_status',
};

/** The scalar values of a body as [path, value]: "person.first_th", "residents[0].id". */
function flat(v, prefix = '', out = []) {
	if (Array.isArray(v))
		v.forEach((x, i) => flat(x, `${prefix}[${i}]`, out));
	else if (v !== null && typeof v === 'object')
		for (const [k, x] of Object.entries(v))
			flat(x, prefix ? `${prefix}.${k}` : k, out);
	else
		out.push([prefix, v]);
	return out;
}

/** Set path of obj (as flat() names it) to v. */
function setPath(obj, path, v) {
	const keys = path.match(/[^.[\]]+/g);
	let o = obj;
	for (let i = 0; i < keys.length - 1; i++)
		o = o[keys[i]];
	o[keys[keys.length - 1]] = v;
}

/* The values a key takes from a fixed set, as the forms offer them: [value, its
 * name in the reader's language]. The editor shows these as a choice, not as
 * the key the API takes. */
const CHOICES = {
	channel: () => ['office', 'counter', 'bank', 'app', 'network'].map((k) => [k, t('channel_' + k)]),
	sex: () => [['M', t('male')], ['F', t('female')]],
	option: () => [[1, t('option_rate', 1, 70)], [2, t('option_rate', 2, 100)], [3, t('option_rate', 3, 300)]],
	status: () => surveyStatuses(),
};

/** An editor field for path of a queued body: a choice for a fixed set, two
 * months for a payment's range, text otherwise. */
function editor(it, path, v, label) {
	const key = lastKey(path);
	const name = `q${it.seq}-${path}`;
	const ro = it.status === 'refused' ? {} : { disabled: true };
	if (CHOICES[key] && !(key === 'option' && typeof v !== 'number')) {
		const opts = CHOICES[key]().map(([k, l]) => [String(k), l]);
		if (v !== null && !opts.some(([k]) => k === String(v)))
			opts.push([String(v), String(v)]);
		const f = field({ name, label, input: select(name, opts, v === null ? '' : String(v), v === null) });
		Object.assign(f.input, ro);
		f.read = () => (f.input.value === '' ? null : typeof v === 'number' ? Number(f.input.value) : f.input.value);
		return f;
	}
	if (key === 'months' && typeof v === 'string' && /^\d{4}-\d{2}\.\.\d{4}-\d{2}$/.test(v)) {
		// As the payment form offers them: months by their Thai names, here from a
		// year before the first to a year after the last.
		const [a, b] = v.split('..');
		const n = (ym) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5)) - 1;
		const opts = [];
		for (let k = n(a) - 12; k <= n(b) + 12; k++) {
			const ym = `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
			opts.push([ym, monthLong(ym)]);
		}
		const from = field({ name: `${name}-from`, label: `${label}: ${t('months_from')}`, input: select(`${name}-from`, opts, a, false) });
		const to = field({ name: `${name}-to`, label: `${label}: ${t('months_to')}`, input: select(`${name}-to`, opts, b, false) });
		Object.assign(from.input, ro);
		Object.assign(to.input, ro);
		const f = h('div.field.months', { 'data-field': name }, from, to);
		f.input = from.input;
		f.setError = (text) => {
			to.setError(text);
			f.classList.toggle('invalid', !!text);
		};
		f.read = () => `${from.input.value}..${to.input.value}`;
		return f;
	}
	const f = field({ name, label, hint: key === 'village' ? '…' : null, attrs: { autocomplete: 'off', readonly: it.status === 'refused' ? null : true } });
	f.input.value = v === null ? '' : isDate(path) ? isoToField(v) : String(v);
	if (key === 'village') {
		// The village by its name under the code (from the copy on the phone offline).
		const hint = f.querySelector('.hint');
		const show = () => get(`/areas/${encodeURIComponent(f.input.value.trim())}`)
			.then((a) => { hint.textContent = pick(a.full_name_th, a.full_name_en); })
			.catch(() => { hint.textContent = ''; });
		f.input.addEventListener('change', show);
		show();
	}
	return f;
}

const lastKey = (path) => path.replace(/\[\d+\]/g, '').split('.').pop();
const isDate = (path) => /(^|\.)(date|birth_date)$/.test(path);

/** Whether the problem's field names path. */
function names(problemField, path) {
	if (!problemField)
		return false;
	return problemField === path || `person.${problemField}` === path || problemField === `person.${path}` ||
		(!problemField.includes('.') && !problemField.includes('[') && lastKey(path) === problemField && !path.includes('['));
}

/** A problem in the reader's language. */
const text = (p, http) => new ApiError(http || 422, p || {}).text;

function kindName(kind) {
	return t({ enrol: 'nav_enrol', pay: 'nav_pay', survey: 'nav_survey', followup: 'followup_call' }[kind] || 'outbox_item');
}

export async function pageOutbox(main) {
	const status = h('div', { 'aria-live': 'polite' });
	const list = h('div.outbox', { 'data-testid': 'outbox' });
	const keep = h('div');
	put(main, h('div.page-head', h('h1', t('outbox_title'))), status, list, keep);
	let shown = '';

	function drawStatus() {
		const s = offline.state;
		const send = h('button', { type: 'button', disabled: !s.online || s.pending === 0 || s.sending, 'data-testid': 'send-now' }, t('send_now'));
		send.addEventListener('click', () => offline.flush());
		put(status, card(t('outbox_state'),
			h('p', { 'data-testid': 'outbox-state' }, t(s.online ? 'online_long' : 'offline_long'), ' ',
				t('outbox_counts', num(s.pending), num(s.refused))),
			h('p.small', t('outbox_order')),
			s.sending ? h('p', t('sending')) : null,
			h('p.actions', send)));
	}

	async function drawList() {
		const all = await offline.items();
		shown = `${offline.state.pending}/${offline.state.refused}/${all.map((i) => i.seq + i.status).join(',')}`;
		if (!all.length) {
			put(list, notice('ok', t('outbox_empty')));
			return;
		}
		put(list, all.map((it) => itemCard(it)));
	}

	function itemCard(it) {
		const refused = it.status === 'refused';
		const top = h('div', { 'aria-live': 'polite' });
		const editors = [];
		for (const [path, v] of flat(it.body)) {
			if (typeof v === 'boolean')
				continue;
			const label = `${LABELS[lastKey(path)] ? t(LABELS[lastKey(path)]) : lastKey(path)}${/\[\d+\]/.test(path) ? ` (${Number(/\[(\d+)\]/.exec(path)[1]) + 1})` : ''}`;
			const f = editor(it, path, v, label);
			if (refused && it.problem && names(it.problem.field, path))
				f.setError(text(it.problem, it.http));
			editors.push([path, v, f]);
		}
		const shownField = editors.some(([, , f]) => f.classList.contains('invalid'));
		const resend = h('button', { type: 'submit' }, t('resend'));
		const drop = h('button.secondary', { type: 'button' }, t('discard'));
		const confirmBox = h('div.confirm', { hidden: true },
			h('p', { role: 'alert' }, t('discard_confirm')),
			h('button.danger', { type: 'button', onclick: async () => { await offline.discard(it); drawList(); } }, t('discard_yes')), ' ',
			h('button.secondary', { type: 'button', onclick: () => { confirmBox.hidden = true; drop.hidden = false; drop.focus(); } }, t('cancel')));
		drop.addEventListener('click', () => {
			confirmBox.hidden = false;
			drop.hidden = true;
			confirmBox.querySelector('button').focus();
		});
		const form = h('form.card.queued', { novalidate: true, 'data-testid': 'queued-item', 'data-status': it.status, 'aria-label': `${kindName(it.kind)} ${it.label || ''}` },
			h('h2', `${kindName(it.kind)}${it.label ? ' · ' + it.label : ''}`),
			h('p.small', t('queued_at', offline.dateTime(it.created)), ' · ',
				h(refused ? 'strong.badge.err' : 'strong.badge', refused ? t('status_refused') : t('status_pending'))),
			refused ? h('div.notice.err', { role: 'alert', 'data-testid': 'refusal' }, shownField ? t('refused_fix') : text(it.problem, it.http)) : null,
			top,
			h('details', { open: refused ? true : null }, h('summary', t(refused ? 'correct' : 'what_is_sent')), h('div.grid-fields', editors.map(([, , f]) => f))),
			h('p.actions', refused ? resend : null, ' ', drop), confirmBox);
		form.addEventListener('submit', async (e) => {
			e.preventDefault();
			const body = structuredClone(it.body);
			for (const [path, v, f] of editors) {
				if (f.read) {
					setPath(body, path, f.read());
					continue;
				}
				const raw = f.input.value.trim();
				let nv;
				if (isDate(path) && raw !== '') {
					const d = parseDate(raw);
					if (d.error) {
						f.setError(getLang() === 'en' ? d.error[1] : d.error[0]);
						return;
					}
					nv = d.iso;
				} else if (typeof v === 'number') {
					nv = Number(raw);
				} else {
					nv = raw === '' && v === null ? null : raw;
				}
				setPath(body, path, nv);
			}
			await offline.resend(it, body);
			drawList();
		});
		return form;
	}

	// The device's block of receipt numbers, drawn again when it changes (it is
	// reserved in the background at login, perhaps after this page was drawn).
	const blockLine = h('p.small', { 'data-testid': 'receipt-block', hidden: true });
	async function drawBlock() {
		const b = await offline.block();
		blockLine.hidden = !b;
		blockLine.textContent = b ? t('receipt_block', b.prefix + String(b.first).padStart(String(b.last).length, '0'),
			b.prefix + String(b.last), num(Math.max(0, b.last - b.next + 1))) : '';
	}

	async function drawKeep() {
		const k = await offline.kept();
		const days = session.user.offline_days ?? 7;
		const msg = h('p', { role: 'status', 'aria-live': 'polite', 'data-testid': 'keep-progress' });
		const can = session.user.role !== 'admin' && session.user.area && days > 0;
		const btn = h('button', { type: 'button', disabled: !offline.state.online || !can, 'data-testid': 'keep-area' }, t('keep_area'));
		btn.addEventListener('click', async () => {
			btn.disabled = true;
			msg.textContent = t('loading');
			try {
				const n = await offline.keepForOffline((done, total) => {
					msg.textContent = total ? t('keep_progress', num(done), num(total)) : t('loading');
				});
				msg.textContent = t('keep_done', num(n));
			} catch (e) {
				msg.textContent = e instanceof ApiError ? e.text : String(e);
			}
			btn.disabled = false;
			drawKeepStats();
		});
		const stats = h('p', { 'data-testid': 'kept' });
		const drawKeepStats = async () => {
			const s = await offline.kept();
			stats.textContent = s.count ? t('kept_n', num(s.count), offline.dateTime(s.oldest)) : t('kept_none');
		};
		put(keep, card(t('offline_data'),
			stats,
			h('p.small', days > 0 ? t('kept_rule', num(days)) : t('kept_never')),
			can ? h('p.actions', btn) : h('p.small', t('keep_admin')),
			msg,
			blockLine));
		await drawBlock();
		stats.textContent = k.count ? t('kept_n', num(k.count), offline.dateTime(k.oldest)) : t('kept_none');
	}

	drawStatus();
	await offline.refresh();
	await drawList();
	await drawKeep();
	const off = offline.onChange(() => {
		if (!main.isConnected) {
			off();
			return;
		}
		drawStatus();
		drawBlock();
		const key = `${offline.state.pending}/${offline.state.refused}`;
		if (!shown.startsWith(key + '/'))
			drawList();
	});
}
