// followup.test.mjs — the follow-up list of an area, whole, a page at a time:
// from the dashboard's top ten to every member to call, the newest lapses
// first by default (not the members unpaid for years), filtered by standing and
// by village, each figure the API's for the same view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, login, shots } from './harness.mjs';

let env;
before(async () => { env = await start('followup'); });
after(async () => { await env.stop(); });

function api(page, path) {
	return page.evaluate((p) => fetch('/api/v1' + p).then((r) => r.json()), path);
}

/** The months unpaid of the rows shown, as numbers. */
async function unpaid(page) {
	return (await page.locator('table.report tbody td[data-key="unpaid_months"]').allTextContents()).map((x) => Number(x.replace(/,/g, '')));
}

for (const [kind, size] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 740 }]]) {
	test(`the whole follow-up list of Samut Songkhram on a ${kind}`, async () => {
		const page = await newPage(env, size);
		await login(env, page, 'officer75');
		await page.getByTestId('followup-all').click();
		await page.waitForURL(/#\/followup\?area=75/);
		const total = page.getByTestId('followup-total');
		await total.waitFor();
		// The newest lapses first: months unpaid never fall down the page.
		const all = await api(page, '/reports/lapsed?area=75&order=newest&limit=50');
		assert.equal(await total.textContent(), `${all.total.toLocaleString('en-US')} คน`);
		assert.ok(all.total > 50);
		const first = await unpaid(page);
		assert.equal(first.length, 50);
		assert.deepEqual(first, [...first].sort((a, b) => a - b));
		assert.deepEqual(first, all.rows.map((r) => r.unpaid_months));
		assert.equal(await page.getByTestId('followup-range').textContent(), `แถวที่ 1–50 จาก ${all.total.toLocaleString('en-US')}`);
		await shots(page, `followup-${kind}`);
		// The next page.
		await page.getByRole('button', { name: 'ถัดไป ›' }).click();
		await page.getByTestId('followup-range').getByText(/^แถวที่ 51–100 จาก/).waitFor();
		const second = await unpaid(page);
		assert.ok(second[0] >= first[first.length - 1]);
		// Lapsed only.
		await page.getByLabel('สถานะ', { exact: true }).selectOption('lapsed');
		await page.waitForURL(/status=lapsed/);
		await page.getByTestId('followup-range').getByText(/^แถวที่ 1–/).waitFor();
		const lapsed = await api(page, '/reports/lapsed?area=75&order=newest&status=lapsed&limit=1');
		await total.getByText(`${lapsed.total.toLocaleString('en-US')} คน`).waitFor();
		for (const s of await page.locator('table.report tbody td[data-key="status"]').allTextContents())
			assert.equal(s, 'ขาดส่ง');
		// One village: หมู่ 2 แควอ้อม, chosen from the tree.
		await page.getByLabel('อำเภอ', { exact: true }).selectOption('7503');
		await page.waitForURL(/area=7503/);
		await page.getByLabel('ตำบล', { exact: true }).selectOption('750307');
		await page.waitForURL(/area=750307/);
		await page.getByLabel('หมู่บ้าน', { exact: true }).selectOption('75030701');
		await page.waitForURL(/area=75030701/);
		const v = await api(page, '/reports/lapsed?area=75030701&order=newest&status=lapsed&limit=50');
		await total.getByText(`${v.total.toLocaleString('en-US')} คน`).waitFor();
		for (const name of await page.locator('table.report tbody td[data-key="village_name"]').allTextContents())
			assert.equal(name, 'หมู่ 1');
		// The worst first, on request.
		await page.getByLabel('เรียงลำดับ').selectOption('worst');
		await page.waitForURL(/order=worst/);
		await page.waitForFunction(() => {
			const v = [...document.querySelectorAll('table.report tbody td[data-key="unpaid_months"]')].map((td) => Number(td.textContent.replace(/,/g, '')));
			return v.length > 1 && v[0] > v[v.length - 1];
		});
		await shots(page, `followup-village-${kind}`);
		assert.deepEqual(page.errors, []);
		await page.context().close();
	});
}
