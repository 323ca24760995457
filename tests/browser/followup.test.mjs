// followup.test.mjs — the follow-up list of an area, whole, a page at a time:
// from the dashboard's top ten to every member to call, the newest lapses
// first by default (not the members unpaid for years), filtered by standing and
// by village, each figure the API's for the same view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { start, newPage, login, shots, axeCheck, TODAY } from './harness.mjs';

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
		await axeCheck(page, `the follow-up list on a ${kind}`);
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

// Assigning a member to a network member and recording calls: on the person
// page, in the list's columns and filter, for the officer and the volunteer.
test('a member assigned to the volunteer, each call kept and shown', async () => {
	// The volunteer's own person (Amphawa, หมู่ 2 แควอ้อม) joins the network in แควอ้อม.
	execFileSync(process.env.S40, ['network', 'add', '1234545678781', '--role', 'volunteer', '--area', '750307',
		'--date', '2025-01-01', '--db', env.db, '--today', TODAY]);
	const page = await newPage(env, { width: 1280, height: 900 });
	await login(env, page, 'officer75');
	const m = (await api(page, '/reports/lapsed?area=75030702&limit=1')).rows[0];
	await page.goto(`${env.base}/#/person/${m.id}`);
	const fu = page.getByTestId('followup');
	await fu.getByTestId('followup-assignee').getByText('ยังไม่ได้มอบหมายให้ใครติดตาม').waitFor();
	// Assign: the candidates are the network members whose area holds the village.
	await fu.getByTestId('assign-form').getByLabel('มอบหมายให้').selectOption('1234545678781');
	await fu.getByRole('button', { name: 'มอบหมาย', exact: true }).click();
	await fu.getByText('มอบหมายแล้ว').waitFor();
	assert.match(await fu.getByTestId('followup-assignee').textContent(), /^นายอาสา ช่วยงาน \(ตั้งแต่ 1 ม\.ค\. 2569\)$/);
	// A call: the outcome is required; then recorded with its day and note.
	const form = fu.getByTestId('call-form');
	await form.getByRole('button', { name: 'บันทึกผลการติดตาม' }).click();
	assert.equal(await fu.locator('table[data-testid="calls"]').count(), 0);
	await form.getByLabel('ผลการติดตาม').selectOption({ label: 'รับปากว่าจะชำระ' });
	await form.getByLabel('บันทึกเพิ่มเติม').fill('จะชำระสิ้นเดือน');
	await form.getByRole('button', { name: 'บันทึกผลการติดตาม' }).click();
	await fu.getByText('บันทึกผลการติดตามแล้ว').waitFor();
	const rows = fu.locator('table[data-testid="calls"] tbody tr');
	assert.equal(await rows.count(), 1);
	assert.deepEqual(await rows.first().locator('td').allTextContents(), ['1 ม.ค. 2569', 'รับปากว่าจะชำระ', '–', 'จะชำระสิ้นเดือน']);
	const got = await api(page, `/persons/${m.id}/followup`);
	assert.equal(got.calls.length, 1);
	assert.equal(got.calls[0].outcome, 'promised');
	assert.equal(got.assignee.id, '1234545678781');
	await shots(page, 'followup-person-desktop');
	// The list shows who follows the member up and the latest call.
	await page.goto(`${env.base}/#/followup?area=75030702&order=worst`);
	const row = page.locator('table.report tbody tr', { has: page.locator(`a[href="#/person/${m.id}"]`) });
	await row.waitFor();
	assert.equal(await row.locator('td[data-key="assignee_name"]').textContent(), 'นายอาสา ช่วยงาน');
	assert.equal(await row.locator('td[data-key="last_call"]').textContent(), 'รับปากว่าจะชำระ');
	await page.context().close();

	// The volunteer: the members assigned to it, one of them this member; its call names it.
	const vp = await newPage(env, { width: 360, height: 740 });
	await login(env, vp, 'volunteer');
	await vp.goto(`${env.base}/#/followup`);
	await vp.getByLabel('ผู้ติดตาม', { exact: true }).selectOption({ label: 'มอบหมายให้ฉัน' });
	await vp.waitForURL(/assignee=1234545678781/);
	await vp.getByTestId('followup-total').getByText('1 คน').waitFor();
	await vp.locator(`a[href="#/person/${m.id}"]`).click();
	const vfu = vp.getByTestId('followup');
	await vfu.getByTestId('call-form').waitFor();
	assert.equal(await vfu.getByTestId('assign-form').count(), 0);
	await vfu.getByTestId('call-form').getByLabel('ผลการติดตาม').selectOption('reached');
	await vfu.getByRole('button', { name: 'บันทึกผลการติดตาม' }).click();
	await vfu.getByText('บันทึกผลการติดตามแล้ว').waitFor();
	const vrows = vfu.locator('table[data-testid="calls"] tbody tr');
	assert.equal(await vrows.count(), 2);
	assert.deepEqual((await vrows.first().locator('td').allTextContents()).slice(0, 3), ['1 ม.ค. 2569', 'ติดต่อได้', 'นายอาสา ช่วยงาน']);
	await vfu.scrollIntoViewIfNeeded();
	await shots(vp, 'followup-person-phone');
	await axeCheck(vp, 'the follow-up card on a phone');
	assert.deepEqual(page.errors, []);
	assert.deepEqual(vp.errors, []);
	await vp.context().close();
});
