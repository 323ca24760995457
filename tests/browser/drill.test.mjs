// drill.test.mjs — from the dashboard down province → district → subdistrict
// → village by clicking, to หมู่ 2 แควอ้อม (75030702); tables sort in Thai
// dictionary order; a province's 284 villages come 100 to a page, with a search;
// the as-of date is picked in the Buddhist era (31/10/2562).
// The village shows fully covered on that day. A page left while it still
// waits for the server never replaces the page the person went to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, login, shots, axeCheck } from './harness.mjs';

let env;
before(async () => { env = await start('drill'); });
after(async () => { await env.stop(); });

test('drill down to หมู่ 2 แควอ้อม on 31 ตุลาคม 2562', async () => {
	const page = await newPage(env);
	await login(env, page, 'admin');
	await page.getByRole('link', { name: 'เจาะลึกรายพื้นที่ →' }).click();
	await page.getByRole('link', { name: '75', exact: true }).click();
	await page.locator('h1', { hasText: 'จังหวัดสมุทรสงคราม' }).waitFor();

	// The as-of date in BE, from the text field.
	await page.getByRole('textbox', { name: 'ณ วันที่' }).fill('31/10/2562');
	await page.getByText('31 ตุลาคม 2562').first().waitFor();
	await page.getByRole('button', { name: 'แสดง' }).click();
	await page.waitForURL(/date=2019-10-31/);
	await page.getByText('จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562').first().waitFor();
	// The seed's figure: 17,093 members on 31 Oct 2019.
	await page.locator('.big', { hasText: '17,093' }).waitFor();
	await shots(page, 'drill-province');
	// The province's 284 villages (285 rows with the total): a page of 100 at a time, with a search.
	const villages = page.locator('.table-block', { has: page.getByTestId('table-search') }).first();
	const vrows = villages.locator('tbody tr:not(.total)');
	await villages.locator('.pager').getByText('แถวที่ 1–100 จาก 284').waitFor();
	assert.equal(await vrows.count(), 100);
	await villages.getByRole('button', { name: 'ถัดไป ›' }).click();
	await villages.locator('.pager').getByText('แถวที่ 101–200 จาก 284').waitFor();
	assert.equal(await vrows.count(), 100);
	await villages.getByTestId('table-search').fill('แควอ้อม');
	await villages.getByText(/^พบ \d+ จาก 284 แถว$/).waitFor();
	const found = await vrows.allTextContents();
	assert.ok(found.length > 0 && found.length < 100, `${found.length} rows for แควอ้อม`);
	assert.ok(found.every((x) => x.includes('แควอ้อม')), found.join(' | '));
	assert.equal(await villages.locator('.pager').isVisible(), false);
	await shots(page, 'drill-province-search');
	await villages.getByTestId('table-search').fill('');

	await page.getByRole('link', { name: '7503', exact: true }).click();
	await page.locator('h1', { hasText: 'อำเภออัมพวา' }).waitFor();
	// Sort the subdistricts by name: Thai dictionary order.
	await page.getByRole('button', { name: 'เรียงตาม พื้นที่' }).first().click();
	const names = await page.locator('table.report').first().locator('tbody tr:not(.total) td[data-key="name_th"]').allTextContents();
	assert.ok(names.length >= 10);
	assert.deepEqual(names, [...names].sort(new Intl.Collator('th').compare));
	await page.getByRole('button', { name: 'เรียงตาม ผู้ประกันตน' }).first().click();
	await page.getByRole('button', { name: 'เรียงตาม ผู้ประกันตน' }).first().click();
	const counts = (await page.locator('table.report').first().locator('tbody tr:not(.total) td[data-key="members"]').allTextContents()).map((x) => Number(x.replace(/,/g, '')));
	assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
	await shots(page, 'drill-district');

	// Two members whose first names begin alike, with one last name: Thai order by first
	// name puts กา before กาญจนา, which one key of "first last" would not (the space
	// does not count in Thai collation).
	const added = await page.evaluate(async () => {
		const out = [];
		for (const [id, first] of [['1100000000016', 'กาญจนา'], ['1100000000024', 'กา']]) {
			const r = await fetch('/api/v1/enrolments', {
				method: 'POST', credentials: 'same-origin',
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: JSON.stringify({ person: { id, first_th: first, last_th: 'ใจดี', birth_date: '1980-01-01', thai: true, village: 75030702 },
					option: 1, date: '2019-10-01', channel: 'office' }),
			});
			out.push(r.status);
		}
		return out;
	});
	assert.deepEqual(added, [201, 201]);

	await page.getByRole('link', { name: '750307', exact: true }).click();
	await page.locator('h1', { hasText: 'ตำบลแควอ้อม' }).waitFor();
	await page.getByRole('link', { name: '75030702', exact: true }).first().click();
	await page.locator('h1', { hasText: 'หมู่ 2' }).waitFor();
	assert.match(page.url(), /#\/village\/75030702\?date=2019-10-31/);
	const status = page.getByTestId('village-status');
	await status.waitFor();
	assert.match(await status.textContent(), /หมู่บ้านประกันสังคมถ้วนหน้า/);
	await page.getByText('ผู้อยู่อาศัยในทะเบียน').waitFor();
	// Residents by their cover on that day: members first, each with the option.
	const members = page.locator('ul.people[data-cover="s40"] li');
	await members.first().waitFor();
	const nm = await members.count();
	assert.ok(nm > 10);
	assert.match(await page.locator('h3[data-cover="s40"]').textContent(), new RegExp(`^ผู้ประกันตนมาตรา 40 \\(${nm}\\)$`));
	for (const text of await members.allTextContents())
		assert.match(text, /ทางเลือกที่ [123]$/);
	// In Thai order by first name, then last name (not by "first last" as one text).
	const residents = await members.evaluateAll((li) => li.map((e) => [e.dataset.first, e.dataset.last]));
	const th = new Intl.Collator('th');
	assert.deepEqual(residents, [...residents].sort((a, b) => th.compare(a[0], b[0]) || th.compare(a[1], b[1])));
	assert.ok(residents.every(([f, l]) => f && l));
	const ka = residents.findIndex(([f]) => f === 'กา'), kanchana = residents.findIndex(([f]) => f === 'กาญจนา');
	assert.ok(ka >= 0 && kanchana === ka + 1, `กา at ${ka}, กาญจนา at ${kanchana}`);
	await shots(page, 'village-75030702');
	await axeCheck(page, 'the village page', { widths: [1280, 360] });
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('a page left while it waits for the server does not replace the next one', async () => {
	const page = await newPage(env);
	// Hold the dashboard's first request (its area's name) until the person
	// has moved on to a district.
	let release, caught;
	const held = new Promise((ok) => { release = ok; });
	const hit = new Promise((ok) => { caught = ok; });
	let holding = true;
	await page.route('**/api/v1/areas/75', async (r) => {
		if (holding) {
			holding = false;
			caught();
			await held;
		}
		await r.continue();
	});
	await login(env, page, 'officer75');
	// The dashboard has asked and is waiting (login returns once the menu is drawn,
	// which may be before the dashboard's first request).
	await hit;
	await page.goto(env.base + '/#/areas/7503?date=2019-10-31');
	await page.locator('h1', { hasText: 'อำเภออัมพวา' }).waitFor();
	await page.getByRole('button', { name: 'ดาวน์โหลด CSV' }).first().waitFor();
	release();
	// The dashboard's request has been answered; give its page time to draw.
	await page.waitForResponse('**/api/v1/areas/75').catch(() => null);
	await page.waitForTimeout(500);
	assert.equal(await page.locator('h1').count(), 1);
	assert.match(await page.locator('h1').textContent(), /อำเภออัมพวา/);
	assert.equal(await page.getByTestId('members-total').count(), 0);
	assert.deepEqual(page.errors, []);
	await page.context().close();
});
