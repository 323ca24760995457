// campaign.test.mjs — the officer's campaign pages: a village survey (a status
// the server refuses is shown on its row and nothing is kept; a good survey
// puts the resident on the village's door-to-door list), fiscal-year targets
// (an empty target is not a target of 0; a target set and allocated to the
// districts adds up), the progress statement with its copy button, the benefit
// check on a person's page, and the follow-up list in Thai on the dashboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, newPage, login, shots, pickVillage } from './harness.mjs';

let env;
before(async () => { env = await start('campaign'); });
after(async () => { await env.stop(); });

/** GET an API path with the page's session; the parsed JSON. */
function api(page, path) {
	return page.evaluate((p) => fetch('/api/v1' + p).then((r) => r.json()), path);
}

test('a village survey: a refusal on its row, then the resident on the door-to-door list', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	const before = await api(page, '/reports/prospects?village=75030702&date=2025-12-31');

	await page.locator('#nav').getByRole('link', { name: 'สำรวจหมู่บ้าน' }).click();
	await pickVillage(page);
	await page.getByLabel('วันที่สำรวจ').fill('01/12/2568');
	await page.getByLabel('วันที่สำรวจ').dispatchEvent('change');
	// The village's registered residents of working age on the day, as a checklist
	// with the status the register gives each.
	const people = (await api(page, '/persons?area=75030702&date=2025-12-01&limit=500')).items.filter((p) => {
		const [y, m, d] = p.birth_date.split('-').map(Number);
		const age = 2025 - y - (12 < m || (12 === m && 1 < d) ? 1 : 0);
		return age >= 15 && age <= 65;
	});
	assert.ok(people.length > 10);
	const checklist = page.getByTestId('checklist');
	await checklist.getByRole('heading', { name: `ผู้อยู่อาศัยวัยทำงานในทะเบียน (${people.length} คน)` }).waitFor();
	assert.equal(await checklist.locator('.check-row').count(), people.length);
	const member = people.find((p) => p.cover === 's40');
	assert.equal(await checklist.locator(`.check-row[data-id="${member.id}"] select`).inputValue(), 's40');
	const count = page.getByTestId('survey-count');
	assert.match(await count.textContent(), new RegExp(`^ในการสำรวจ ${people.length} คน: ผู้ประกันตนมาตรา 40 ${people.filter((p) => p.cover === 's40').length} ·`));
	// One left out of the survey: the count follows.
	await checklist.getByRole('checkbox', { name: `รวม ${member.first_th} ${member.last_th} ในการสำรวจ` }).uncheck();
	assert.match(await count.textContent(), new RegExp(`^ในการสำรวจ ${people.length - 1} คน`));
	// The volunteer's own person is registered here: on the checklist, not again below.
	await page.getByLabel('เลขประจำตัวประชาชน 1').fill('1-2345-45678-78-1');
	await page.getByText('มีในรายชื่อผู้อยู่อาศัยในทะเบียนด้านบนแล้ว').waitFor();
	assert.match(await count.textContent(), new RegExp(`^ในการสำรวจ ${people.length - 1} คน`));
	await page.getByLabel('เลขประจำตัวประชาชน 1').fill('');
	await page.getByRole('button', { name: '+ เพิ่มผู้อยู่อาศัย' }).click();
	await page.getByLabel('เลขประจำตัวประชาชน 2').fill('1234545678789');
	await page.getByText('เลขตรวจสอบ (หลักที่ 13) ไม่ถูกต้อง ควรเป็น 1').waitFor();
	await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
	// Refused in the browser: the wrong check digit, on row 2; nothing sent.
	assert.equal(await page.locator('.resident-row').nth(1).locator('[aria-invalid="true"]').count(), 1);
	// A registered ID nobody surveyed here yet, refused by the server: not registered.
	await page.getByLabel('เลขประจำตัวประชาชน 2').fill('1509900002036');
	await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
	const err = page.locator('.notice.err');
	await err.waitFor();
	assert.match(await err.textContent(), /1509900002036|1-5099-00002-03-6/);
	await shots(page, 'survey-refused');
	const still = await api(page, '/reports/prospects?village=75030702&date=2025-12-31');
	assert.equal(still.n_rows, before.n_rows);

	// Without the stranger the survey is kept.
	await page.getByLabel('เลขประจำตัวประชาชน 2').fill('');
	await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
	await page.getByText(`บันทึกการสำรวจแล้ว: ผู้อยู่อาศัย ${people.length - 1} คน`).waitFor();
	await page.locator('.notice.ok').getByRole('link', { name: 'เปิด' }).click();
	await page.locator('h1', { hasText: 'หมู่ 2' }).waitFor();
	const pros = page.locator('.card', { has: page.locator('h2', { hasText: 'รายชื่อเป้าหมายเยี่ยมบ้าน' }) });
	await pros.getByText('อาสา ช่วยงาน').waitFor();
	await shots(page, 'survey-prospects');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('targets: an empty target is refused; a target allocated to the districts adds up', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	await page.locator('#nav').getByRole('link', { name: 'เป้าหมาย' }).click();
	// The fiscal year of the server's day (1 January 2026: FY 2569) is the default.
	assert.equal(await page.getByLabel('ปีงบประมาณ').inputValue(), '2569');
	await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
	const msg = page.locator('[data-field="target"] .msg.err');
	await msg.waitFor();
	assert.equal(await msg.textContent(), 'ต้องกรอกช่องนี้');
	assert.equal((await api(page, '/targets?fy=2569&area=75')).rows.find((r) => r.code === 75)?.target ?? null, null);

	await page.getByLabel('เป้าหมาย', { exact: true }).fill('3000');
	await page.getByLabel('กระจายเป้าหมายให้พื้นที่ย่อยตามสัดส่วนผู้มีสิทธิ').check();
	await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
	await page.locator('.notice.ok', { hasText: 'บันทึกแล้ว' }).waitFor();
	assert.equal(await msg.count(), 0);
	const rep = await api(page, '/targets?fy=2569&area=75');
	const top = rep.rows.find((r) => r.code === 75);
	const kids = rep.rows.filter((r) => r.code !== null && String(r.code).length === 4);
	assert.equal(top.target, 3000);
	assert.equal(kids.length, 3);
	assert.equal(kids.reduce((s, r) => s + r.target, 0), 3000);
	// The table on the page shows the same allocation.
	await page.locator('table.report').getByText('3,000').first().waitFor();

	// By hand: the sum is shown as it is typed; one that does not add up is refused.
	const sum = page.getByTestId('hand-sum');
	await sum.waitFor();
	assert.equal(await sum.textContent(), 'รวม 3,000 จากเป้าหมาย 3,000');
	await page.getByLabel(/^7501 /).fill('1000');
	await page.getByLabel(/^7502 /).fill('1000');
	await page.getByLabel(/^7503 /).fill('900');
	assert.equal(await sum.textContent(), 'รวม 2,900 จากเป้าหมาย 3,000');
	await page.getByRole('button', { name: 'บันทึกการกระจาย' }).click();
	await page.locator('.notice.err').waitFor();
	assert.deepEqual((await api(page, '/targets?fy=2569&area=75')).rows.filter((r) => String(r.code).length === 4).map((r) => r.target),
		kids.map((r) => r.target));
	await page.getByLabel(/^7503 /).fill('1000');
	assert.equal(await sum.textContent(), 'รวม 3,000 จากเป้าหมาย 3,000');
	await page.getByRole('button', { name: 'บันทึกการกระจาย' }).click();
	await page.locator('.notice.ok', { hasText: 'บันทึกแล้ว' }).waitFor();
	const byHand = (await api(page, '/targets?fy=2569&area=75')).rows.filter((r) => String(r.code).length === 4);
	assert.deepEqual(byHand.map((r) => r.target), [1000, 1000, 1000]);
	await shots(page, 'targets');

	// The area from the tree, not a code typed by hand: a district shows its
	// own target; a change of the fiscal year shows that year's at once.
	assert.equal(await page.getByLabel('พื้นที่', { exact: true }).count(), 0);
	const amphawa = page.waitForResponse((r) => r.url().includes('/api/v1/targets?fy=2569&area=7503'));
	await page.getByLabel('อำเภอ').selectOption('7503');
	await amphawa;
	await page.locator('table.report tbody tr', { has: page.getByRole('rowheader', { name: '7503', exact: true }) }).getByText('1,000').first().waitFor();
	assert.equal(await page.locator('table.report').getByRole('rowheader', { name: '7501', exact: true }).count(), 0);
	const fy68 = page.waitForResponse((r) => r.url().includes('/api/v1/targets?fy=2568&area=7503'));
	await page.getByLabel('ปีงบประมาณ').fill('2568');
	assert.equal((await fy68).status(), 200);
	assert.equal(await page.getByTestId('no-target').textContent(), 'ยังไม่ได้กำหนดเป้าหมายของปีงบประมาณ 2568');
	await shots(page, 'targets-district');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('the progress statement, copied with one button', async () => {
	const page = await newPage(env);
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base });
	await login(env, page, 'officer75');
	await page.goto(env.base + '/#/statement?date=2019-10-31');
	const st = page.getByTestId('statement');
	await st.waitFor();
	const text = await st.textContent();
	assert.match(text, /จังหวัดสมุทรสงคราม/);
	assert.match(text, /17,093/);
	await page.getByRole('button', { name: 'คัดลอก' }).click();
	await page.getByText('คัดลอกแล้ว').waitFor();
	assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
	await shots(page, 'statement');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('the follow-up list in Thai, and a benefit check on a person', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	const lap = page.locator('.card', { has: page.locator('h2', { hasText: 'ผู้ประกันตนที่ต้องติดตาม' }) });
	await lap.locator('table.report').waitFor();
	const statuses = await lap.locator('td[data-key="status"]').allTextContents();
	assert.ok(statuses.length > 0);
	for (const s of statuses)
		assert.ok(['ค้างชำระ', 'ขาดส่ง'].includes(s), `status "${s}" in Thai`);
	await shots(page, 'dashboard-follow-up');
	// Sorted by name: by first name, then last name, in Thai order; the title
	// (นาย, นาง, นางสาว) that leads each name does not count.
	await lap.getByRole('button', { name: 'เรียงตาม ชื่อ-นามสกุล' }).click();
	const shown = await lap.locator('tbody th[data-key="name"]').allTextContents();
	const split = shown.map((n) => {
		const m = /^(นางสาว|นาง|นาย|เด็กชาย|เด็กหญิง|ด\.ช\.|ด\.ญ\.)(\S+) (.+)$/.exec(n);
		assert.ok(m, `"${n}" is a title, a first name and a last name`);
		return m;
	});
	assert.ok(new Set(split.map((m) => m[1])).size > 1, 'the list mixes titles');
	const th = new Intl.Collator('th');
	assert.deepEqual(split.map((m) => m[0]),
		[...split].sort((a, b) => th.compare(a[2], b[2]) || th.compare(a[3], b[3])).map((m) => m[0]));
	// The first and last names are there for programs, not shown.
	assert.equal(await lap.locator('[data-key="first_name"]').count(), 0);
	// The whole list to take to the village, and each name opens the person.
	const total = Number((await lap.locator('.big').textContent()).replace(/[^\d]/g, ''));
	const [c] = await Promise.all([page.waitForEvent('download'), lap.getByRole('button', { name: 'ดาวน์โหลด CSV' }).click()]);
	const lines = readFileSync(await c.path(), 'utf8').trimEnd().split('\r\n');
	assert.equal(lines.length, total + 1);
	assert.match(lines[0], /^\uFEFFเลขประจำตัวประชาชน,ชื่อ-นามสกุล,หมู่บ้าน,ชื่อหมู่บ้าน,สถานะ,ค้าง \(เดือน\)/);
	await lap.locator('tbody tr').first().locator('th a').click(); // the name (the phone is a tel: link)
	await page.getByTestId('standing').waitFor();
	assert.match(await page.getByTestId('standing').textContent(), /ค้างชำระ|ขาดส่ง/);

	// A member who paid August–November 2019: an in-patient stay of 3 days in
	// December 2019 is paid, 300 baht a day under the 2561 rules.
	await page.goto(env.base + '/#/person/1750180284462');
	await page.getByTestId('standing').waitFor();
	const ben = page.locator('.card', { has: page.locator('h2', { hasText: 'ตรวจสิทธิประโยชน์' }) });
	await ben.getByLabel('วันที่เกิดเหตุ').fill('15/12/2562');
	await ben.getByLabel('จำนวนวัน').fill('3');
	await ben.getByRole('button', { name: 'ตรวจสอบ', exact: true }).click();
	await ben.locator('table.report').waitFor();
	assert.match(await ben.locator('p.small').first().textContent(), /มีสิทธิ 900\.00 บาท/);
	const result = ben.locator('tbody tr', { hasText: 'ผลการตรวจสิทธิ' });
	assert.equal(await result.locator('td[data-key="holds"]').textContent(), 'ใช่');
	// The detail is in the reader's language only.
	assert.equal(await ben.locator('td[data-key="text_en"]').count(), 0);
	await shots(page, 'benefit-check');

	// Someone who is not a member: refused, and the page says why.
	await page.goto(env.base + '/#/person/1234545678781');
	await page.getByTestId('standing').waitFor();
	assert.match(await page.getByTestId('standing').textContent(), /ไม่เคยเป็นผู้ประกันตน/);
	await ben.getByLabel('วันที่เกิดเหตุ').fill('15/12/2568');
	await ben.getByRole('button', { name: 'ตรวจสอบ', exact: true }).click();
	await ben.locator('table.report').waitFor();
	assert.match(await ben.locator('p.small').first().textContent(), /ไม่คุ้มครองกรณีนี้/);
	assert.equal(await ben.locator('tbody tr', { hasText: 'ผลการตรวจสิทธิ' }).locator('td[data-key="holds"]').textContent(), 'ไม่ใช่');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});
