// person.test.mjs — a person's page as an officer reads it at the counter, on a
// 360-px phone and on a desktop: standing and the benefit check first, then who
// the person is, the memberships, and the ledger a year to a block, the latest
// year open; ten years of months no longer make a page thousands of pixels tall.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, login, shots, axeCheck } from './harness.mjs';

let env;
before(async () => { env = await start('person'); });
after(async () => { await env.stop(); });

// A member of the demo paying since 2016: ten years of months and more.
const ID = '1750180284462';

for (const [kind, size] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 740 }]]) {
	test(`the person's page on a ${kind}: standing first, the ledger by year`, async () => {
		const page = await newPage(env, size);
		await login(env, page, 'officer75');
		await page.goto(`${env.base}/#/person/${ID}`);
		const ledger = page.locator('.card', { has: page.locator('h2', { hasText: 'เงินสมทบรายเดือน' }) });
		await ledger.locator('details.year').first().waitFor();
		await page.getByTestId('standing').waitFor();
		// The cards in the order they are read.
		const heads = await page.locator('.grid > .card > h2').allTextContents();
		assert.deepEqual(heads.slice(0, 2), ['สถานะการส่งเงินสมทบ', 'ตรวจสิทธิประโยชน์']);
		assert.equal(heads[heads.length - 1], 'เงินสมทบรายเดือน');
		// A block per calendar year, in the Buddhist era, the latest first and the only one
		// open: the years and months of the API's ledger.
		const api = await page.evaluate((id) => fetch(`/api/v1/persons/${id}/ledger`).then((r) => r.json()), ID);
		const want = [...new Set(api.rows.map((r) => r.month.slice(0, 4)))].sort().reverse();
		assert.ok(want.length >= 10, `${want.length} years`);
		const years = await ledger.locator('details.year').evaluateAll((d) => d.map((e) => [e.dataset.year, e.open]));
		assert.deepEqual(years.map(([y]) => y), want);
		assert.deepEqual(years.map(([, open]) => open), [true, ...Array(want.length - 1).fill(false)]);
		const last = api.rows.filter((r) => r.month.startsWith(want[0]));
		assert.equal(await ledger.locator('details.year summary').first().textContent(),
			`พ.ศ. ${Number(want[0]) + 543} · ชำระ ${last.filter((r) => r.paid !== null).length} จาก ${last.filter((r) => r.member).length} เดือน · ${(last.reduce((a, r) => a + (r.paid || 0), 0) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} บาท`);
		// Every month once, across the years.
		const months = await ledger.locator('details.year tbody tr th[data-key="month"]').count();
		assert.equal(months, api.rows.length);
		// One download of the whole ledger, above the years.
		assert.equal(await ledger.locator('button[data-format="csv"]').count(), 1);
		// Opening a year shows its months.
		await ledger.locator('details.year[data-year="2019"] summary').click();
		await ledger.locator('details.year[data-year="2019"] tbody tr').first().waitFor();
		assert.equal(await ledger.locator('details.year[data-year="2019"] tbody tr:visible').count(), 12);
		await ledger.locator('details.year[data-year="2019"] summary').click();
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		assert.ok(height < (kind === 'phone' ? 4500 : 2500), `the page is ${height} px tall`);
		await shots(page, `person-${kind}`);
		await axeCheck(page, `the person's page on a ${kind}`);
		if (kind === 'phone') {
			// Memberships wider than the phone (two, one recruited by a volunteer and ended):
			// their table scrolls, and a keyboard can reach it to scroll it.
			await page.goto(`${env.base}/#/person/1750101503875`);
			await page.getByTestId('person-id').filter({ hasText: '1-7501-01503-87-5' }).waitFor();
			await page.waitForLoadState('networkidle');
			await axeCheck(page, 'a person page whose memberships scroll on a phone');
		}
		assert.deepEqual(page.errors, []);
		await page.context().close();
	});
}

// A name search says how many match. A text most names hold (สม: 3,322 of the demo's
// persons) is counted up to 1,000 only: "more than 1,000", and how to narrow it; a
// full name is counted exactly.
test('the person search says how many match, and more than 1,000 for a common text', async () => {
	const page = await newPage(env, { width: 1280, height: 900 });
	await login(env, page, 'officer75');
	await page.goto(`${env.base}/#/search?q=${encodeURIComponent('สม')}`);
	const found = page.getByTestId('search-found');
	await found.waitFor();
	assert.equal(await found.textContent(),
		'พบมากกว่า 1,000 คน พิมพ์ชื่อให้ยาวขึ้นหรือใส่นามสกุลเพื่อให้แคบลง · แสดง 50 คนแรกตามเลขประจำตัวประชาชน');
	assert.equal(await page.locator('ul.people li').count(), 50);
	const api = await page.evaluate(() => fetch('/api/v1/persons?q=' + encodeURIComponent('สมชาย') + '&limit=50').then((r) => r.json()));
	assert.equal(api.total_exact, true);
	await page.goto(`${env.base}/#/search?q=${encodeURIComponent('สมชาย')}`);
	await found.filter({ hasText: `พบ ${api.total.toLocaleString('en-US')} คน` }).waitFor();
	assert.equal(await found.textContent(), `พบ ${api.total.toLocaleString('en-US')} คน · แสดง 50 คนแรกตามเลขประจำตัวประชาชน`);
	await shots(page, 'person-search');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});
