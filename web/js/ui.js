// ui.js — small helpers every page uses: building elements, labelled fields
// with an error line under each (filled from the server's problem `field`),
// notices, the "not available on this server" state, and file downloads.

import { t } from './i18n.js';

/**
 * h('tag.class#id', {attr: v, onclick: fn}, ...children): an element.
 * Strings become text nodes (never HTML); null/false children are skipped.
 */
export function h(spec, attrs, ...kids) {
	const m = /^([a-z0-9]+)((?:[.#][\w-]+)*)$/i.exec(spec);
	const el = document.createElement(m ? m[1] : 'div');
	if (m)
		for (const part of m[2].match(/[.#][\w-]+/g) || [])
			if (part[0] === '.')
				el.classList.add(part.slice(1));
			else
				el.id = part.slice(1);
	if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
		kids.unshift(attrs);
		attrs = null;
	}
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === null || v === undefined || v === false)
			continue;
		if (k.startsWith('on') && typeof v === 'function')
			el.addEventListener(k.slice(2), v);
		else if (k === 'value')
			el.value = v;
		else
			el.setAttribute(k, v === true ? '' : String(v));
	}
	add(el, kids);
	return el;
}

function add(el, kids) {
	for (const k of kids) {
		if (k === null || k === undefined || k === false)
			continue;
		if (Array.isArray(k))
			add(el, k);
		else
			el.append(k instanceof Node ? k : document.createTextNode(String(k)));
	}
}

let uid = 0;

/** A fresh id for a label's for= and aria-describedby. */
export function nextId(prefix = 'f') {
	uid += 1;
	return `${prefix}-${uid}`;
}

/**
 * A labelled field: { name, label, input (an element, or made from type),
 * hint }. Returns the wrapper; wrapper.input is the control and
 * wrapper.setError(text)/setOk(text) write the line under it.
 */
export function field({ name, label, input, type = 'text', hint, attrs = {} }) {
	const id = nextId(name || 'f');
	const ctl = input || h('input', { type, name, ...attrs });
	ctl.id = ctl.id || id;
	if (name)
		ctl.name = name;
	const msgId = ctl.id + '-msg';
	const hintEl = hint ? h('div.hint', { id: ctl.id + '-hint' }, hint) : null;
	const msg = h('div.msg', { id: msgId, role: 'status', 'aria-live': 'polite' });
	ctl.setAttribute('aria-describedby', [hintEl ? hintEl.id : null, msgId].filter(Boolean).join(' '));
	const wrap = h('div.field', { 'data-field': name || '' }, h('label', { for: ctl.id }, label), ctl, hintEl, msg);
	wrap.input = ctl;
	wrap.setError = (text) => {
		msg.textContent = text || '';
		msg.className = text ? 'msg err' : 'msg';
		wrap.classList.toggle('invalid', !!text);
		if (text)
			ctl.setAttribute('aria-invalid', 'true');
		else
			ctl.removeAttribute('aria-invalid');
	};
	wrap.setOk = (text) => {
		wrap.setError('');
		msg.textContent = text || '';
		msg.className = text ? 'msg ok' : 'msg';
	};
	return wrap;
}

/** A <select> of [value, text] pairs, with a first empty "choose" option. */
export function select(name, options, value, withChoose = true) {
	const s = h('select', { name });
	if (withChoose)
		s.append(h('option', { value: '' }, t('choose')));
	for (const [v, text] of options)
		s.append(h('option', { value: v }, text));
	if (value !== undefined && value !== null)
		s.value = String(value);
	return s;
}

/** A notice box: kind 'info' | 'ok' | 'err' | 'na'. */
export function notice(kind, ...kids) {
	return h(`div.notice.${kind}`, { role: kind === 'err' ? 'alert' : 'status' }, ...kids);
}

/** The state of a section whose API route the server does not have. */
export function unavailable(route) {
	return notice('na', h('strong', t('not_available')), h('div.small', t('not_available_hint', route)));
}

/** A card (a section of a page) with a heading. */
export function card(title, ...kids) {
	return h('section.card', h('h2', title), ...kids);
}

/** Replace the children of el. */
export function put(el, ...kids) {
	el.replaceChildren();
	add(el, kids);
	return el;
}

/** Show the errors of an ApiError on a form: next to the field it names, else on top. */
export function showProblem(form, err, fields, top) {
	const f = err.field && fields[err.field.replace(/^person\./, '')];
	if (f) {
		f.setError(err.text);
		f.input.focus();
		put(top);
	} else {
		put(top, notice('err', err.text));
	}
}

/** Save a Blob as a file in the browser. */
export function saveBlob(blob, name) {
	const a = h('a', { href: URL.createObjectURL(blob), download: name });
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
