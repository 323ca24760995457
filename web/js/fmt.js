// fmt.js — how values are shown and read: numbers grouped as ICU th-TH does
// (17,093), Buddhist-era dates (31 ตุลาคม 2562; typed as 31/10/2562), national
// IDs (check digit, 1-1120-34563-56-2), money in satang, percent in hundredths.
// The rules are those of DOMAIN.md §5 and §7, the same as lib/core.

import { getLang } from './i18n.js';

const MONTHS_TH = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม',
	'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
const MONTHS_TH_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.',
	'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
	'September', 'October', 'November', 'December'];

export { MONTHS_TH, MONTHS_TH_SHORT, MONTHS_EN };

const NF = new Intl.NumberFormat('th-TH');
const NF2 = new Intl.NumberFormat('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 17093 → "17,093"; null → "–". */
export function num(n) {
	return n === null || n === undefined || Number.isNaN(Number(n)) ? '–' : NF.format(Number(n));
}

/** Hundredths of a percent (11723) → "117.23%". */
export function pct(h) {
	return h === null || h === undefined ? '–' : NF2.format(Number(h) / 100) + '%';
}

/** Satang (123450) → "1,234.50". */
export function baht(satang) {
	return satang === null || satang === undefined ? '–' : NF2.format(Number(satang) / 100);
}

/** Thai digits ๐–๙ → ASCII digits. */
export function asciiDigits(s) {
	return String(s).replace(/[\u0E50-\u0E59]/g, (c) => String(c.charCodeAt(0) - 0x0E50));
}

function pad2(n) {
	return String(n).padStart(2, '0');
}

/** The ISO date of y-m-d (CE), or null when no such day exists. */
export function isoOf(y, m, d) {
	if (!(m >= 1 && m <= 12 && d >= 1 && y >= 1800 && y <= 2200))
		return null;
	const dt = new Date(Date.UTC(y, m - 1, d));
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d)
		return null;
	return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** "2019-10-31" → [2019, 10, 31], or null. */
export function isoParts(iso) {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
	return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** "2019-10-31" → "31 ตุลาคม 2562" (Thai) / "31 October 2019" (English). */
export function dateLong(iso, lang = getLang()) {
	const p = isoParts(iso);
	if (!p)
		return '–';
	return lang === 'en' ? `${p[2]} ${MONTHS_EN[p[1] - 1]} ${p[0]}`
		: `${p[2]} ${MONTHS_TH[p[1] - 1]} ${p[0] + 543}`;
}

/** "2019-10-31" → "31 ต.ค. 2562" / "31 Oct 2019". */
export function dateShort(iso, lang = getLang()) {
	const p = isoParts(iso);
	if (!p)
		return '–';
	return lang === 'en' ? `${p[2]} ${MONTHS_EN[p[1] - 1].slice(0, 3)} ${p[0]}`
		: `${p[2]} ${MONTHS_TH_SHORT[p[1] - 1]} ${p[0] + 543}`;
}

/** "2019-10" → "ต.ค. 2562" / "Oct 2019". */
export function monthShort(ym, lang = getLang()) {
	const m = /^(\d{4})-(\d{2})$/.exec(ym || '');
	if (!m)
		return '–';
	const y = Number(m[1]), mo = Number(m[2]);
	return lang === 'en' ? `${MONTHS_EN[mo - 1].slice(0, 3)} ${y}` : `${MONTHS_TH_SHORT[mo - 1]} ${y + 543}`;
}

/** "2019-10" → "ตุลาคม 2562" / "October 2019". */
export function monthLong(ym, lang = getLang()) {
	const m = /^(\d{4})-(\d{2})$/.exec(ym || '');
	if (!m)
		return '–';
	const y = Number(m[1]), mo = Number(m[2]);
	return lang === 'en' ? `${MONTHS_EN[mo - 1]} ${y}` : `${MONTHS_TH[mo - 1]} ${y + 543}`;
}

/** "2019" (a CE year) → "พ.ศ. 2562" / "2019": one era per language. */
export function yearLabel(y, lang = getLang()) {
	return lang === 'en' ? String(Number(y)) : `พ.ศ. ${Number(y) + 543}`;
}

/** "2019-10-31" → "31/10/2562": what the date fields show in Thai. */
export function isoToBE(iso) {
	const p = isoParts(iso);
	return p ? `${pad2(p[2])}/${pad2(p[1])}/${p[0] + 543}` : '';
}

/** A date as a date field shows it: 31/10/2562 in Thai, 31/10/2019 in English (one era per language). */
export function isoToField(iso, lang = getLang()) {
	const p = isoParts(iso);
	if (!p)
		return '';
	return lang === 'en' ? `${pad2(p[2])}/${pad2(p[1])}/${p[0]}` : isoToBE(iso);
}

/** A year as typed: 4 digits ≥ 2400 is BE, other 4 digits CE, 2 digits BE (62 = 2562). */
function yearCE(text) {
	const y = Number(text);
	if (text.length === 2)
		return 2500 + y - 543;
	if (text.length === 4)
		return y >= 2400 ? y - 543 : y;
	return NaN;
}

/**
 * Read a date as people type it (DOMAIN.md §7): 31/10/2562, 31/10/62, 31-10-2562,
 * 2562-10-31, 2019-10-31, 31 ต.ค. 2562, 31 ตุลาคม 2562, Thai digits.
 * Returns { iso } or { error } (the reason, in Thai and English).
 */
export function parseDate(input) {
	const s = asciiDigits(String(input || '')).trim().replace(/\s+/g, ' ');
	if (s === '')
		return { error: ['ไม่ได้กรอกวันที่', 'no date given'] };
	let y, m, d;
	let r;
	if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
		[y, m, d] = [yearCE(r[1]), Number(r[2]), Number(r[3])];
	} else if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s))) {
		[d, m, y] = [Number(r[1]), Number(r[2]), yearCE(r[3])];
	} else if ((r = /^(\d{1,2}) ?([^\d ]+) ?(\d{2}|\d{4})$/.exec(s))) {
		const name = r[2].replace(/\s/g, '');
		let mi = MONTHS_TH.indexOf(name);
		if (mi < 0)
			mi = MONTHS_TH_SHORT.indexOf(name);
		if (mi < 0)
			mi = MONTHS_TH_SHORT.map((x) => x.replace(/\./g, '')).indexOf(name.replace(/\./g, ''));
		if (mi < 0)
			mi = MONTHS_EN.findIndex((x) => x.toLowerCase().startsWith(name.toLowerCase()) && name.length >= 3);
		if (mi < 0)
			return { error: [`ไม่รู้จักชื่อเดือน "${r[2]}"`, `unknown month "${r[2]}"`] };
		[d, m, y] = [Number(r[1]), mi + 1, yearCE(r[3])];
	} else {
		return { error: ['ใช้รูปแบบ วว/ดด/ปปปป เช่น 31/10/2562', 'use dd/mm/yyyy, e.g. 31/10/2019'] };
	}
	const iso = isoOf(y, m, d);
	if (!iso)
		return { error: [`ไม่มีวันที่ ${d}/${m}/${y + 543}`, `there is no day ${d}/${m}/${y + 543} (BE)`] };
	return { iso };
}

/** Today in Bangkok as ISO. */
export function todayISO() {
	const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' });
	return f.format(new Date());
}

/** The fiscal year (BE) of an ISO day: 1 Oct 2018 – 30 Sep 2019 is 2562. */
export function fiscalYear(iso) {
	const p = isoParts(iso);
	if (!p)
		return null;
	return (p[1] >= 10 ? p[0] + 1 : p[0]) + 543;
}

/** The check digit of the first 12 digits of a national ID (DOMAIN.md §5). */
export function idCheckDigit(d12) {
	let x = 0;
	for (let i = 0; i < 12; i++)
		x += (13 - i) * Number(d12[i]);
	return (11 - (x % 11)) % 10;
}

/**
 * Check a national ID as typed (dashes, spaces, Thai digits allowed).
 * Returns { digits, ok, reason, args }: reason is an i18n key when not ok
 * ('id_short', 'id_bad_char', 'id_bad_check', 'id_bad_type').
 */
export function checkId(text) {
	const s = asciiDigits(String(text || '')).replace(/[\s-]/g, '');
	if (/[^0-9]/.test(s))
		return { digits: s, ok: false, reason: 'id_bad_char', args: [] };
	if (s.length !== 13)
		return { digits: s, ok: false, reason: 'id_short', args: [s.length] };
	if (s[0] === '0' || s[0] === '9')
		return { digits: s, ok: false, reason: 'id_bad_type', args: [] };
	const c = idCheckDigit(s);
	if (c !== Number(s[12]))
		return { digits: s, ok: false, reason: 'id_bad_check', args: [c] };
	return { digits: s, ok: true, reason: null, args: [] };
}

/** 13 digits → "1-1120-34563-56-2" (a masked ID is returned as it is). */
export function formatId(id) {
	const s = String(id || '');
	if (!/^\d{13}$/.test(s))
		return s;
	return `${s[0]}-${s.slice(1, 5)}-${s.slice(5, 10)}-${s.slice(10, 12)}-${s[12]}`;
}

/** A table cell by its column type (report/table.h). */
export function cell(v, type) {
	if (v === null || v === undefined)
		return '–';
	switch (type) {
	case 'int': return num(v);
	case 'money': return baht(v);
	case 'percent': return pct(v);
	case 'date': return dateShort(v);
	case 'month': return monthShort(v);
	case 'natid': return formatId(v);
	case 'bool': return v ? (getLang() === 'en' ? 'yes' : 'ใช่') : (getLang() === 'en' ? 'no' : 'ไม่ใช่');
	case 'code': return String(v);
	default: return String(v);
	}
}
