// roles.test.mjs — each role logs in and sees what it may, and not what it may
// not: the menu, the pages, the dashboard's numbers; a wrong password is
// refused in Thai; the ไทย/EN switch persists across a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, login, shots } from './harness.mjs';

let env;
before(async () => { env = await start('roles'); });
after(async () => { await env.stop(); });

const MENU = ['ภาพรวม', 'พื้นที่', 'ค้นหาบุคคล', 'สมัครสมาชิก', 'รับชำระเงินสมทบ', 'สำรวจหมู่บ้าน', 'เป้าหมาย', 'นำเข้าไฟล์', 'แถลงผลงาน'];
const SEES = {
	admin: MENU,
	officer75: ['ภาพรวม', 'พื้นที่', 'ค้นหาบุคคล', 'สมัครสมาชิก', 'รับชำระเงินสมทบ', 'สำรวจหมู่บ้าน', 'เป้าหมาย', 'แถลงผลงาน'],
	volunteer: ['ภาพรวม', 'พื้นที่', 'ค้นหาบุคคล', 'สมัครสมาชิก', 'รับชำระเงินสมทบ'],
	viewer: ['ภาพรวม', 'พื้นที่', 'แถลงผลงาน'],
};

async function menu(page) {
	return page.locator('#nav a').allTextContents();
}

test('a wrong password is refused in Thai', async () => {
	const page = await newPage(env);
	await page.goto(env.base + '/');
	await page.getByLabel('ชื่อผู้ใช้').fill('officer75');
	await page.getByLabel('รหัสผ่าน').fill('wrong');
	await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
	await page.getByText('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง').waitFor();
	await shots(page, 'login-refused');
	assert.equal(await page.getByTestId('user').count(), 0);
	await page.context().close();
});

for (const [user, sees] of Object.entries(SEES)) {
	test(`${user}: the menu and pages of its role`, async () => {
		const page = await newPage(env);
		await login(env, page, user);
		assert.deepEqual(await menu(page), sees);
		// The dashboard's member count for the user's area (the demo on 1 Jan 2026).
		const total = await page.getByTestId('members-total').textContent();
		assert.match(total, /^\d{1,3}(,\d{3})*/);
		if (user === 'officer75' || user === 'admin')
			assert.match(total, /^17,443/);
		if (user === 'volunteer')
			assert.match(await page.locator('h1').first().textContent(), /อัมพวา/);
		await shots(page, `dashboard-${user}`);
		// Pages outside the role are refused by the UI (and by the server).
		for (const [hash, page_] of [['#/import', 'นำเข้าไฟล์'], ['#/enrol', 'สมัครสมาชิก'], ['#/search', 'ค้นหาบุคคล']]) {
			if (sees.includes(page_))
				continue;
			await page.goto(env.base + '/' + hash);
			await page.getByText('บทบาทนี้ไม่มีสิทธิใช้ส่วนนี้').waitFor();
		}
		if (user === 'viewer') {
			// No personal data: the server answers 403 to a person search, the UI has no way in.
			const r = await page.evaluate(() => fetch('/api/v1/persons?q=1234545678781').then((x) => x.status));
			assert.equal(r, 403);
		}
		if (user === 'volunteer') {
			// The volunteer sees national IDs masked.
			const r = await page.evaluate(() => fetch('/api/v1/persons?q=%E0%B8%AD%E0%B8%B2%E0%B8%AA%E0%B8%B2').then((x) => x.json()));
			for (const p of r.items)
				assert.match(p.id, /x/);
		}
		await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
		await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).waitFor();
		await page.context().close();
	});
}

test('the language switch persists', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	await page.getByRole('button', { name: 'English' }).click();
	await page.getByRole('link', { name: 'Dashboard' }).waitFor();
	await page.reload();
	await page.getByRole('link', { name: 'Dashboard' }).waitFor();
	assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
	await shots(page, 'dashboard-english');
	await page.getByRole('button', { name: 'ไทย' }).click();
	await page.getByRole('link', { name: 'ภาพรวม' }).waitFor();
	assert.deepEqual(page.errors, []);
	await page.context().close();
});
