// roles.test.mjs — each role logs in and sees what it may, and not what it may
// not: the menu, the pages, the dashboard's numbers; a wrong password is
// refused in Thai; the ไทย/EN switch persists across a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { start, newPage, login, shots, axeCheck } from './harness.mjs';

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
	await axeCheck(page, 'the login page');
	assert.equal(await page.getByTestId('user').count(), 0);
	await page.context().close();
});

test('a login refused for a while says the wait in minutes', async () => {
	const page = await newPage(env);
	await page.goto(env.base + '/');
	await page.getByLabel('ชื่อผู้ใช้').fill('viewer');
	await page.getByLabel('รหัสผ่าน').fill('wrong');
	await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
	await page.getByText('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง').waitFor();
	// Ten failures lock the name at this address for a quarter of an hour; the lock is made
	// by hand, as the doubling waits between ten failures would take minutes.
	execFileSync('sqlite3', [env.db, "UPDATE login_throttle SET failures = 10, locked_until = CAST(strftime('%s', 'now') AS INTEGER) + 900 WHERE key = 'user:viewer|127.0.0.1'"]);
	try {
		await page.getByLabel('รหัสผ่าน').fill('viewer-secret');
		await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
		const say = page.locator('form.login .notice', { hasText: 'นาที' });
		await say.waitFor();
		const text = await say.textContent();
		assert.match(text, /1[45] นาที/);
		assert.doesNotMatch(text, /วินาที|\b9\d\d\b/);
		assert.equal(await page.getByTestId('user').count(), 0);
		await shots(page, 'login-locked');
	} finally {
		execFileSync(process.env.S40, ['--db', env.db, 'user', 'unlock', 'viewer'], { stdio: 'ignore' });
	}
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
		// Pages outside the role are refused by the UI (and by the server), under the page's
		// name; a page that does not exist says so under a heading too.
		let checked = false;
		for (const [hash, page_] of [['#/import', 'นำเข้าไฟล์'], ['#/enrol', 'สมัครสมาชิก'], ['#/search', 'ค้นหาบุคคล']]) {
			if (sees.includes(page_))
				continue;
			await page.goto(env.base + '/' + hash);
			await page.getByText('บทบาทนี้ไม่มีสิทธิใช้ส่วนนี้').waitFor();
			if (!checked)
				await axeCheck(page, `${user}: ${hash} refused`);
			checked = true;
			assert.deepEqual(await page.locator('main h1').allTextContents(), [page_]);
		}
		if (user === 'admin') {
			await page.goto(env.base + '/#/no-such-page');
			await page.getByText('ไม่พบหน้านี้').waitFor();
			await axeCheck(page, 'a page that does not exist');
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

// Everything a form offers reads in English in English, and its dates are in the Common Era
// (docs/DECISIONS.md: one era per language); in Thai, in Thai and the Buddhist era.
test('in English the forms speak English and date fields are in the Common Era', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	await page.getByRole('button', { name: 'English' }).click();
	await page.getByRole('link', { name: 'Dashboard' }).waitFor();
	const thai = /[\u0E00-\u0E7F]/;
	// The words of each form's choices and its date fields' hints and placeholders.
	const words = async () => page.evaluate(() => [
		// (a title is kept as the register keeps it: นาย, นาง, นางสาว; so are the names of
		// the network members a member may be assigned to, options valued by their ID)
		...[...document.querySelectorAll('main select:not([name="title"]) option')]
			.filter((o) => !(o.parentElement.name === 'assignee' && /^\d{13}$/.test(o.value))).map((o) => o.textContent),
		...[...document.querySelectorAll('main input[placeholder]')].map((i) => i.placeholder),
		...[...document.querySelectorAll('main .hint, main label')].map((e) => e.textContent)]);
	for (const [href, ready] of [['#/enrol', 'select[name="option"]'], ['#/pay', 'select[name="channel"]'], ['#/survey', 'input[data-date]'], ['#/person/1750180284462', 'select[name="case"]']]) {
		await page.goto(env.base + '/' + href);
		await page.locator(`main ${ready}`).first().waitFor();
		const w = await words();
		assert.ok(w.length > 3, href);
		assert.deepEqual(w.filter((x) => thai.test(x)), [], `${href}: Thai words in the English page`);
	}
	await page.goto(env.base + '/#/enrol');
	await page.locator('select[name="option"] option[value="2"]').waitFor({ state: 'attached' });
	assert.equal(await page.locator('select[name="option"] option[value="2"]').textContent(), 'Option 2 (100 baht a month)');
	// A date typed in either era shows in the Common Era; the day it means is the same.
	const birth = page.locator('input[data-date]').first();
	assert.equal(await birth.getAttribute('placeholder'), 'dd/mm/yyyy');
	await birth.fill('31/10/2562');
	await birth.blur();
	await page.getByText('31 October 2019').first().waitFor();
	assert.equal(await birth.getAttribute('data-iso'), '2019-10-31');
	await page.locator('.cal-btn').first().click();
	await page.locator('.cal-title', { hasText: 'October 2019' }).waitFor();
	await page.locator('.calendar button.cal-day[data-iso="2019-10-30"]').click();
	assert.equal(await birth.inputValue(), '30/10/2019');
	await shots(page, 'enrol-english');
	// Back in Thai: the Buddhist era.
	await page.getByRole('button', { name: 'ไทย' }).click();
	await page.getByRole('link', { name: 'ภาพรวม' }).waitFor();
	await page.goto(env.base + '/#/enrol');
	const b2 = page.locator('input[data-date]').first();
	await b2.waitFor();
	assert.equal(await b2.getAttribute('placeholder'), 'วว/ดด/ปปปป');
	await b2.fill('2019-10-31');
	await b2.blur();
	await page.getByText('31 ตุลาคม 2562').first().waitFor();
	assert.equal(await page.locator('select[name="option"] option[value="2"]').textContent(), 'ทางเลือกที่ 2 (100 บาท/เดือน)');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

// The charts too: in English their labels are English, their months in the Common Era.
test('in English the charts speak English', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	await page.getByRole('button', { name: 'English' }).click();
	await page.getByRole('link', { name: 'Dashboard' }).waitFor();
	const thai = /[\u0E00-\u0E7F]/;
	const chartWords = () => page.evaluate(() => [...document.querySelectorAll('main svg.chart')].flatMap((svg) =>
		[svg.getAttribute('aria-label') || '', ...[...svg.querySelectorAll('text, title')].map((e) => e.textContent)]));
	// The dashboard: members by area, and the fiscal year's cumulative line by month
	// (FY 2562, which has a target).
	await page.goto(env.base + '/#/?date=2019-09-30');
	await page.locator('main svg.line-chart text.axis.x').first().waitFor();
	const months = await page.locator('main svg.line-chart text.axis.x').allTextContents();
	assert.ok(months.length > 1);
	for (const m of months)
		assert.match(m, /^[A-Z][a-z]{2} 20\d\d$/);
	let w = await chartWords();
	assert.deepEqual(w.filter((x) => thai.test(x)), [], 'the dashboard\'s charts');
	// A subdistrict: members by village, and each village's coverage.
	await page.goto(env.base + '/#/areas/750307?date=2019-10-31');
	await page.locator('main svg.bar-chart').nth(1).waitFor();
	w = await chartWords();
	assert.ok(w.includes('Moo 2'), w.join(' | '));
	assert.deepEqual(w.filter((x) => thai.test(x)), [], 'the subdistrict\'s charts');
	// FY 2563 has no target below the province: said so, not a chart of empty bars.
	await page.getByTestId('no-target').getByText('No target is set for fiscal year 2563').waitFor();
	assert.equal(await page.locator('main svg.bar-chart').count(), 2);
	await shots(page, 'subdistrict-english');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('the viewer\'s statement and village pages show what it may read, and no refusal', async () => {
	const page = await newPage(env);
	await login(env, page, 'viewer');
	// A viewer is of the whole country: the statement is of a province, at first the one
	// with the most members (the demo's only one), and the others can be picked.
	await page.goto(env.base + '/#/statement?date=2019-10-31');
	const st = page.getByTestId('statement');
	await st.waitFor();
	assert.match(await st.textContent(), /จังหวัดสมุทรสงคราม.*17,093/);
	assert.equal(await page.getByLabel('จังหวัด').inputValue(), '75');
	// The village page asks nothing the role may not read: no door-to-door list.
	await page.goto(env.base + '/#/village/75030702?date=2019-10-31');
	await page.getByTestId('village-status').waitFor();
	await page.waitForLoadState('networkidle');
	assert.equal(await page.getByRole('heading', { name: 'รายชื่อเป้าหมายเยี่ยมบ้าน' }).count(), 0);
	const text = await page.locator('main').textContent();
	assert.doesNotMatch(text, /ไม่มีสิทธิ|รหัสพื้นที่ต้องมี/);
	await shots(page, 'village-viewer');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('the login page on a phone has no menu button', async () => {
	const page = await newPage(env, { width: 360, height: 740 });
	await page.goto(env.base + '/');
	await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).waitFor();
	assert.equal(await page.locator('#menu-btn').isVisible(), false);
	await login(env, page, 'officer75');
	assert.equal(await page.locator('#menu-btn').isVisible(), true);
	await page.context().close();
});

test('breadcrumbs link only where the role may go, and every link opens without an error', async () => {
	for (const [user, hash, plain, linked] of [
		['officer75', '#/areas/7503', ['ทั้งประเทศ'], ['สมุทรสงคราม']],
		['volunteer', '#/areas/750307', ['ทั้งประเทศ', 'สมุทรสงคราม'], ['อัมพวา']],
		['admin', '#/areas/750307', [], ['ทั้งประเทศ', 'สมุทรสงคราม', 'อัมพวา']],
	]) {
		const page = await newPage(env);
		await login(env, page, user);
		await page.goto(`${env.base}/${hash}?date=2019-10-31`);
		const crumbs = page.locator('nav.crumbs');
		await crumbs.locator('[aria-current="page"]').waitFor();
		const links = await crumbs.locator('a').allTextContents();
		const all = await crumbs.textContent();
		for (const name of plain) {
			assert.ok(all.includes(name), `${user}: ${name} shown`);
			assert.ok(!links.includes(name), `${user}: ${name} is not a link`);
		}
		assert.deepEqual(links, linked, user);
		for (const name of links) {
			await page.goto(`${env.base}/${hash}?date=2019-10-31`);
			await crumbs.locator('[aria-current="page"]').waitFor();
			await crumbs.getByRole('link', { name, exact: true }).click();
			await page.locator('h1').filter({ hasNotText: '…' }).first().waitFor();
			await page.waitForLoadState('networkidle');
			assert.doesNotMatch(await page.locator('main').textContent(), /ระดับต้องเป็น|ไม่มีสิทธิ/, `${user}: ${name}`);
		}
		assert.deepEqual(page.errors, [], user);
		await page.context().close();
	}
});

test('the volunteer reads its own record, and a village says whom it lists by name', async () => {
	const page = await newPage(env);
	await login(env, page, 'volunteer');
	// Its own record (setup: อาสา ช่วยงาน), which it did not recruit.
	await page.goto(env.base + '/#/person/1234545678781');
	await page.getByTestId('person-id').waitFor();
	assert.match(await page.locator('main').textContent(), /นายอาสา ช่วยงาน/);
	// A village of its area: the figures count everyone, the list is its recruits, and
	// the page says so rather than "no results" under a heading of all residents.
	await page.goto(env.base + '/#/village/75030702?date=2019-10-31');
	await page.getByTestId('village-status').waitFor();
	await page.getByRole('heading', { name: 'ผู้ที่ท่านชักชวนในหมู่บ้านนี้' }).waitFor();
	assert.match(await page.getByTestId('volunteer-sees').textContent(), /เฉพาะผู้ที่ตนชักชวน/);
	assert.equal(await page.getByRole('heading', { name: 'ผู้อยู่อาศัยในทะเบียน' }).count(), 0);
	await shots(page, 'village-volunteer');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('each role opens every page its menu offers without an error shown or an accessibility fault at 1280 and 360 px', async () => {
	for (const user of Object.keys(SEES)) {
		const page = await newPage(env);
		await login(env, page, user);
		const links = await page.locator('#nav a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
		assert.equal(links.length, SEES[user].length);
		for (const [name, href] of links) {
			await page.goto(`${env.base}/${href}`);
			await page.locator('main h1').first().waitFor();
			await page.waitForLoadState('networkidle');
			await page.waitForTimeout(200);
			const shown = await page.locator('main .notice.err').allTextContents();
			assert.deepEqual(shown, [], `${user}: ${name} (${href})`);
			await axeCheck(page, `${user}: ${name} (${href})`, { widths: [1280, 360] });
		}
		assert.deepEqual(page.errors, [], user);
		await page.context().close();
	}
});

test('phone numbers are links to call them, in lists and on the person page', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	// The dashboard's follow-up list: each phone a tel: link.
	const cell = page.locator('main td[data-key="phone"]').filter({ hasText: /\d/ }).first();
	await cell.waitFor();
	const tel = cell.locator('a');
	assert.match(await tel.getAttribute('href'), /^tel:0\d{8,9}$/);
	assert.equal((await tel.getAttribute('href')).slice(4), (await tel.textContent()).replace(/\D/g, ''));
	// That member's page: the phone is a link too.
	await cell.locator('xpath=..').locator('th a').click();
	const dd = page.getByTestId('person-phone');
	await dd.waitFor();
	assert.match(await dd.locator('a').getAttribute('href'), /^tel:0\d{8,9}$/);
	assert.deepEqual(page.errors, []);
	await page.context().close();
});
