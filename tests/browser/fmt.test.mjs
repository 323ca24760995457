// fmt.test.mjs — the UI's own checks of what people type, without a browser:
// the national ID check digit (DOMAIN.md §5), Buddhist-era dates (§7), numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkId, parseDate, num, pct, dateLong, isoToBE, isoToField, formatId, fiscalYear, yearLabel } from '../../web/js/fmt.js';

test('national IDs typed in any form', () => {
	for (const ok of ['1112034563562', '3100600445635', '1234545678781', '1-1120-34563-56-2', '1 1120 34563 56 2', '๑-๑๑๒๐-๓๔๕๖๓-๕๖-๒'])
		assert.equal(checkId(ok).ok, true, ok);
	assert.deepEqual(checkId('1234545678789'), { digits: '1234545678789', ok: false, reason: 'id_bad_check', args: [1] });
	assert.equal(checkId('123456').reason, 'id_short');
	assert.equal(checkId('12345x5678781').reason, 'id_bad_char');
	assert.equal(checkId('0000000000000').reason, 'id_bad_type');
	assert.equal(checkId('9100600445630').reason, 'id_bad_type');
	assert.equal(formatId('1112034563562'), '1-1120-34563-56-2');
});

test('dates in the Buddhist era', () => {
	for (const s of ['31/10/2562', '31/10/62', '2562-10-31', '2019-10-31', '31 ต.ค. 2562', '31 ตุลาคม 2562', '๓๑/๑๐/๒๕๖๒', '31-10-2562'])
		assert.equal(parseDate(s).iso, '2019-10-31', s);
	assert.ok(parseDate('31/02/2562').error);
	assert.ok(parseDate('hello').error);
	assert.ok(parseDate('').error);
	assert.equal(parseDate('29/02/2563').iso, '2020-02-29');
	assert.ok(parseDate('29/02/2562').error);
	assert.equal(isoToBE('2019-10-31'), '31/10/2562');
	assert.equal(yearLabel('2019', 'th'), 'พ.ศ. 2562');
	assert.equal(yearLabel('2019', 'en'), '2019');
	// A date field's text: one era per language.
	assert.equal(isoToField('2019-10-31', 'th'), '31/10/2562');
	assert.equal(isoToField('2019-10-31', 'en'), '31/10/2019');
	assert.equal(parseDate(isoToField('2019-10-31', 'en')).iso, '2019-10-31');
	assert.equal(dateLong('2019-11-08', 'th'), '8 พฤศจิกายน 2562');
	assert.equal(dateLong('2019-11-08', 'en'), '8 November 2019');
	assert.equal(fiscalYear('2018-10-01'), 2562);
	assert.equal(fiscalYear('2019-09-30'), 2562);
	assert.equal(fiscalYear('2019-10-01'), 2563);
});

test('numbers as ICU th-TH prints them', () => {
	assert.equal(num(17093), '17,093');
	assert.equal(num(0), '0');
	assert.equal(pct(11723), '117.23%');
	assert.equal(num(null), '–');
});

test('a chart\'s y-axis: five whole, evenly spaced, distinct values up to the largest', async () => {
	const { axisTicks } = await import('../../web/js/charts.js');
	assert.deepEqual(axisTicks(0), [0, 1, 2, 3, 4]);
	assert.deepEqual(axisTicks(1), [0, 1, 2, 3, 4]);
	assert.deepEqual(axisTicks(3), [0, 1, 2, 3, 4]);
	assert.deepEqual(axisTicks(7), [0, 2, 4, 6, 8]);
	assert.deepEqual(axisTicks(186), [0, 50, 100, 150, 200]);
	assert.deepEqual(axisTicks(3374), [0, 1000, 2000, 3000, 4000]);
	assert.deepEqual(axisTicks(17093), [0, 5000, 10000, 15000, 20000]);
	for (const top of [2, 5, 9, 11, 33, 99, 101, 999, 2878, 123456]) {
		const t = axisTicks(top);
		assert.ok(t.every((v, i) => Number.isInteger(v) && (i === 0 || v - t[i - 1] === t[1])), `${top}: ${t}`);
		assert.ok(t[4] >= top && (t[4] < 2.5 * top || t[1] === 1), `${top}: ${t}`);
	}
});
