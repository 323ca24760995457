// offline.test.mjs — the web application in the village, without a network
// (Playwright's context.setOffline): installable (manifest, icons, service
// worker controlling "/"); opened again with the network cut, as the
// volunteer last seen; a village read from the copy kept on the phone, with
// the time it was fetched; an enrolment and a payment typed offline, queued
// in IndexedDB across a reload, and applied once each when the network
// returns; a payment whose answer is lost on the way, sent again with the
// same Idempotency-Key and applied once; two phones offline enrolling the same
// person: one enrolment, one clear refusal on the other phone, nothing lost
// silently (the refused item stays until discarded, after a confirmation).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, login, shots, axeCheck, serverHas, pickVillage } from './harness.mjs';

let env;
before(async () => { env = await start('offline'); });
after(async () => { await env.stop(); });

// IDs with good check digits, not in the demo register.
const ID_A = '1509900004012';
const ID_B = '1509900004021';
const VILLAGE = '75030702'; // หมู่ 2 แควอ้อม, อัมพวา: in the volunteer's district 7503

/** Pick แควอ้อม → หมู่ 2 (the volunteer's picker starts at the subdistrict). */
async function pickInDistrict(page) {
	await page.getByLabel('ตำบล').locator('option', { hasText: 'แควอ้อม' }).waitFor({ state: 'attached' });
	await page.getByLabel('ตำบล').selectOption({ label: 'แควอ้อม' });
	await page.getByLabel('หมู่บ้าน', { exact: true }).locator('option', { hasText: 'หมู่ 2' }).waitFor({ state: 'attached' });
	await page.getByLabel('หมู่บ้าน', { exact: true }).selectOption({ label: 'หมู่ 2' });
}

/** Go to a hash route without loading the page again (no network needed). */
async function go(page, hash) {
	await page.evaluate((h) => { location.hash = h; }, hash);
}

/** Wait for the service worker to control the page. */
async function controlled(page) {
	await page.evaluate(() => navigator.serviceWorker.ready);
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller)))
		await page.waitForFunction(() => !!navigator.serviceWorker.controller);
}

async function enrolForm(page, id, first) {
	await go(page, '#/enrol');
	const idField = page.getByLabel('เลขประจำตัวประชาชน').first();
	await idField.waitFor();
	await idField.fill(id);
	await page.getByLabel('ชื่อ', { exact: true }).fill(first);
	await page.getByLabel('นามสกุล').fill('ออฟไลน์');
	await page.getByLabel('วันเกิด').fill('01/06/2533');
	await pickInDistrict(page);
	await page.getByLabel('ทางเลือก').selectOption('1');
	await page.getByRole('button', { name: 'บันทึกการสมัคร' }).click();
}

/** Wait for the queue to be empty (nothing waiting, nothing refused); else fail with what the outbox holds. */
async function queueEmpty(page) {
	try {
		await page.getByTestId('queue-count').filter({ hasText: /^รอส่ง 0$/ }).waitFor({ timeout: 20000 });
	} catch {
		const held = await page.evaluate(() => new Promise((resolve) => {
			const r = indexedDB.open('s40');
			r.onsuccess = () => {
				const q = r.result.transaction('queue').objectStore('queue').getAll();
				q.onsuccess = () => resolve(JSON.stringify(q.result.map((i) => ({ path: i.path, status: i.status, problem: i.problem }))));
			};
		}));
		throw new Error(`the queue is not empty: ${await page.getByTestId('queue-count').textContent()} ${held}`);
	}
}

/** The officer's view of a person (GET /persons/{id}) and their standing, from another context. */
async function officerView(id) {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	const r = await page.evaluate(async (pid) => {
		const p = await fetch(`/api/v1/persons/${pid}`).then((x) => x.json());
		const led = await fetch(`/api/v1/persons/${pid}/ledger`).then((x) => x.json());
		return { p, led };
	}, id);
	await page.context().close();
	return r;
}

/** The months paid in a ledger (GET /persons/{id}/ledger), each paid exactly what was due (once, not twice). */
function payments(led) {
	const paid = (led.rows || []).filter((r) => r.month && Number(r.paid) > 0);
	for (const r of paid)
		assert.equal(Number(r.paid), Number(r.due), `${r.month} paid ${r.paid}, due ${r.due}`);
	return paid;
}

test('installable: manifest, icons and a service worker for "/"', async () => {
	const page = await newPage(env);
	await page.goto(env.base + '/');
	const href = await page.locator('link[rel=manifest]').getAttribute('href');
	const res = await page.request.get(env.base + href);
	assert.equal(res.status(), 200);
	assert.match(res.headers()['content-type'], /^application\/manifest\+json/);
	const m = await res.json();
	assert.equal(m.name, 'ประกันสังคมมาตรา 40');
	assert.equal(m.theme_color, '#0b4f8a');
	assert.equal(m.start_url, '/');
	assert.equal(m.display, 'standalone');
	for (const size of ['192x192', '512x512']) {
		const icon = m.icons.find((i) => i.sizes === size);
		assert.ok(icon, size);
		const r = await page.request.get(env.base + icon.src);
		assert.equal(r.status(), 200);
		assert.equal(r.headers()['content-type'], 'image/png');
		assert.deepEqual([...(await r.body()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
	}
	const sw = await page.request.get(env.base + '/sw.js');
	assert.equal(sw.status(), 200);
	assert.match(sw.headers()['content-type'], /^text\/javascript/);
	assert.match(await sw.text(), /^const VERSION = '[0-9a-f]{12}';\nconst FILES = \['\/', /);
	await controlled(page);
	assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), env.base + '/sw.js');
	// Every file of the application is kept under this version's cache (the forms too, loaded later), and only that one.
	const version = /^const VERSION = '([0-9a-f]+)'/.exec(await sw.text())[1];
	const cached = await page.evaluate(async () => {
		const names = await caches.keys();
		const c = await caches.open(names[0]);
		return { names, urls: (await c.keys()).map((r) => new URL(r.url).pathname) };
	});
	assert.deepEqual(cached.names, [`s40-shell-${version}`]);
	for (const f of ['/', '/ui/js/forms.js', '/ui/js/outbox.js', '/ui/app.css', '/ui/fonts/sarabun-thai-400-normal.woff2', '/ui/icons/icon-192.png'])
		assert.ok(cached.urls.includes(f), f);
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('offline in the village: read, enrol and pay offline, reload, then online: each applied once', async () => {
	// Receipt blocks (POST /receipt-blocks): the phone numbers its receipts offline.
	const blocks = await serverHas(env, '/api/v1/receipt-blocks', 'post');
	const page = await newPage(env, { width: 360, height: 740 });
	// The block is reserved in the background at login; here its answer comes late, after
	// the outbox page is drawn, which must show it when it comes.
	await page.route('**/api/v1/receipt-blocks', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 3000));
		await route.continue();
	});
	await login(env, page, 'volunteer');
	await controlled(page);
	if (blocks) {
		await go(page, '#/outbox');
		await page.getByTestId('receipt-block').waitFor();
	}
	// The offline limit of the server, given with the user.
	assert.equal(await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()).then((u) => u.offline_days)), 7);
	await page.getByTestId('net-state').filter({ hasText: 'ออนไลน์' }).waitFor();
	// Online: the village read (kept on the phone) and the enrol form's village lists.
	await go(page, `#/village/${VILLAGE}`);
	await page.locator('h1', { hasText: 'หมู่ 2' }).waitFor();
	await page.getByTestId('village-status').waitFor();
	// The residents the volunteer may see, with their cover.
	const residentsCard = page.getByTestId('volunteer-sees').locator('xpath=..');
	await page.getByTestId('volunteer-sees').waitFor();
	const residents = await residentsCard.textContent();
	await go(page, '#/enrol');
	await pickInDistrict(page);

	// The network goes; the app opens again from the phone.
	await page.context().setOffline(true);
	await page.reload();
	await page.getByTestId('user').waitFor({ state: 'attached' });
	await page.getByTestId('net-state').filter({ hasText: 'ออฟไลน์' }).waitFor();
	assert.equal(await page.evaluate(() => navigator.onLine), false);

	// The village from the copy, with the day and time it was fetched.
	await go(page, `#/village/${VILLAGE}`);
	await page.locator('h1', { hasText: 'หมู่ 2' }).waitFor();
	await page.getByTestId('village-status').waitFor();
	const stale = page.getByTestId('stale');
	await stale.waitFor();
	assert.match(await stale.textContent(), /^ข้อมูล ณ \d{1,2} [ก-๙.]+ 25\d\d \d\d:\d\d/);
	await page.getByTestId('volunteer-sees').waitFor();
	assert.equal(await residentsCard.textContent(), residents);
	await shots(page, 'offline-village');

	// An enrolment offline: the checks of the browser as online (a bad check digit refused).
	await go(page, '#/enrol');
	await page.getByLabel('เลขประจำตัวประชาชน').first().fill('1509900004013');
	await page.getByText('เลขตรวจสอบ (หลักที่ 13) ไม่ถูกต้อง').waitFor();
	await enrolForm(page, ID_A, 'ทดสอบ');
	await page.getByTestId('queued').waitFor();
	await page.getByTestId('queue-count').filter({ hasText: 'รอส่ง 1' }).waitFor();
	await shots(page, 'offline-enrol-queued');

	// A payment offline for the person just enrolled: the amount due from their option.
	await go(page, `#/pay?id=${ID_A}`);
	await page.getByTestId('payer-name').waitFor();
	assert.equal(await page.getByLabel('จำนวนเงิน (บาท)').inputValue(), '70.00');
	if (blocks) {
		// The receipt number from the block the phone reserved when it was online.
		await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
		await page.getByTestId('queued').waitFor();
		assert.match(await page.getByTestId('queued').textContent(), /เลขที่ใบเสร็จ B\d+-0*1\b/);
	} else {
		// Without a block, a receipt number must be typed.
		await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
		await page.locator('[data-field="receipt"] .msg.err').waitFor();
		await page.getByLabel('เลขที่ใบเสร็จ').fill('OFF-1');
		await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
		await page.getByTestId('queued').waitFor();
	}
	await page.getByTestId('queue-count').filter({ hasText: 'รอส่ง 2' }).waitFor();

	// A reload while offline: the queue is still there, in order.
	await page.reload();
	await page.getByTestId('queue-count').filter({ hasText: 'รอส่ง 2' }).waitFor();
	await go(page, '#/outbox');
	await page.locator('h1', { hasText: 'รอส่ง / ส่งไม่สำเร็จ' }).waitFor();
	const items = page.getByTestId('queued-item');
	await items.nth(1).waitFor();
	assert.equal(await items.count(), 2);
	assert.match(await items.nth(0).locator('h2').textContent(), /สมัครสมาชิก/);
	assert.match(await items.nth(1).locator('h2').textContent(), /รับชำระเงินสมทบ/);
	await shots(page, 'offline-outbox');
	await axeCheck(page, 'outbox offline', { widths: [1280, 360] });

	// The network returns: both sent, in order, once each.
	await page.context().setOffline(false);
	await queueEmpty(page);
	await page.getByTestId('net-state').filter({ hasText: 'ออนไลน์' }).waitFor();
	await page.getByText('ไม่มีรายการค้างส่ง').waitFor();
	const { p, led } = await officerView(ID_A);
	assert.equal(p.memberships.length, 1);
	assert.equal(payments(led).length, 1);
	assert.deepEqual(page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)), []);
	await page.context().close();
});

test('a payment whose answer is lost is sent again with the same key and applied once', async () => {
	const page = await newPage(env);
	await login(env, page, 'volunteer');
	const keys = [];
	const replayed = [];
	let dropped = false;
	await page.route('**/api/v1/payments', async (route) => {
		keys.push(route.request().headers()['idempotency-key']);
		if (!dropped) {
			dropped = true;
			await route.fetch(); // the server applies it…
			await route.abort('connectionreset'); // …and its answer never arrives
			return;
		}
		const res = await route.fetch();
		replayed.push(res.headers()['idempotency-replayed'] || null);
		await route.fulfill({ response: res });
	});
	await go(page, `#/pay?id=${ID_A}`);
	await page.getByTestId('payer-name').waitFor();
	await page.getByLabel('งวดเดือนแรก').selectOption('2026-02');
	await page.getByLabel('งวดเดือนสุดท้าย').selectOption('2026-02');
	await page.getByLabel('จำนวนเงิน (บาท)').fill('70');
	await page.getByLabel('เลขที่ใบเสร็จ').fill('LOST-1');
	await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
	await page.getByTestId('queued').waitFor();
	// Sent again by itself a moment later.
	await queueEmpty(page);
	assert.equal(keys.length, 2);
	assert.ok(keys[0] && keys[0] === keys[1], `one key twice: ${keys}`);
	// The server knew the key: its first answer given again, not a second payment.
	assert.deepEqual(replayed, ['true']);
	assert.equal(await page.getByTestId('queue-count').textContent(), 'รอส่ง 0');
	const { led } = await officerView(ID_A);
	assert.equal(payments(led).length, 2); // January (the first test) and February, once
	await page.context().close();
});

test('two phones offline enrol the same person: one enrolment, one clear refusal, nothing lost', async () => {
	const phones = [await newPage(env, { width: 360, height: 740 }), await newPage(env, { width: 360, height: 740 })];
	for (const page of phones) {
		await login(env, page, 'volunteer');
		await controlled(page);
		await go(page, '#/enrol');
		await pickInDistrict(page);
		await page.context().setOffline(true);
	}
	await enrolForm(phones[0], ID_B, 'คนแรก');
	await enrolForm(phones[1], ID_B, 'คนที่สอง');
	for (const page of phones)
		await page.getByTestId('queue-count').filter({ hasText: 'รอส่ง 1' }).waitFor();

	await phones[0].context().setOffline(false);
	await queueEmpty(phones[0]);
	await phones[1].context().setOffline(false);
	const other = phones[1];
	await other.getByTestId('queue-count').filter({ hasText: 'ไม่สำเร็จ 1' }).waitFor({ timeout: 20000 });
	await go(other, '#/outbox');
	const item = other.locator('[data-testid=queued-item][data-status=refused]');
	await item.waitFor();
	// The server's refusal, in Thai, on the item (next to the field it names, or above).
	const said = (await item.textContent()).replace(/\s+/g, ' ');
	assert.match(said, /ส่งไม่สำเร็จ/);
	assert.ok(await item.locator('.msg.err, [data-testid=refusal]').count() > 0);
	// The village by its name under its code, the option by its rate.
	await item.locator('[data-field$="-person.village"] .hint', { hasText: 'ตำบล' }).waitFor();
	assert.match(await item.locator('select[name$="-option"] option:checked').textContent(), /70 บาท/);
	await shots(other, 'offline-refused');
	await axeCheck(other, 'outbox refused', { widths: [360] });

	const { p } = await officerView(ID_B);
	assert.equal(p.memberships.length, 1);
	assert.equal(p.first_th, 'คนแรก');

	// Discarded only after a confirmation.
	await item.getByRole('button', { name: 'ลบทิ้ง' }).click();
	await item.getByRole('button', { name: 'ยืนยันลบ' }).click();
	await other.getByText('ไม่มีรายการค้างส่ง').waitFor();
	await other.getByTestId('queue-count').filter({ hasText: /^รอส่ง 0$/ }).waitFor();
	for (const page of phones)
		await page.context().close();
});

test('logging out removes the personal data kept on the phone', async () => {
	const page = await newPage(env);
	await login(env, page, 'volunteer');
	await go(page, `#/village/${VILLAGE}`);
	await page.getByTestId('village-status').waitFor();
	const kept = () => page.evaluate(() => new Promise((resolve) => {
		const r = indexedDB.open('s40');
		r.onsuccess = () => {
			const q = r.result.transaction('reads').objectStore('reads').getAll();
			q.onsuccess = () => resolve(q.result.filter((x) => x.user !== '*').length);
		};
	}));
	assert.ok(await kept() > 0);
	await page.locator('#logout').click();
	await page.getByLabel('ชื่อผู้ใช้').waitFor();
	assert.equal(await kept(), 0);
	// Without a network, a logged-out phone does not open as the user.
	await page.context().setOffline(true);
	await page.reload();
	await page.getByLabel('ชื่อผู้ใช้').waitFor();
	await page.context().close();
});

test('copies older than the server\'s limit are not used: the phone opens at the login', async () => {
	const page = await newPage(env);
	await login(env, page, 'volunteer');
	await go(page, `#/village/${VILLAGE}`);
	await page.getByTestId('village-status').waitFor();
	await controlled(page);
	// Eight days pass (the limit is 7): every copy and the user kept are older than it.
	await page.evaluate(() => new Promise((resolve) => {
		const r = indexedDB.open('s40');
		r.onsuccess = () => {
			const tx = r.result.transaction(['reads', 'meta'], 'readwrite');
			const old = Date.now() - 8 * 86400000;
			const reads = tx.objectStore('reads');
			reads.getAll().onsuccess = (e) => { for (const x of e.target.result) reads.put({ ...x, at: old }); };
			const meta = tx.objectStore('meta');
			meta.get('me').onsuccess = (e) => meta.put({ ...e.target.result, v: { ...e.target.result.v, at: old } });
			tx.oncomplete = () => resolve();
		};
	}));
	await page.context().setOffline(true);
	await page.reload();
	await page.getByLabel('ชื่อผู้ใช้').waitFor();
	await page.context().setOffline(false);
	// Online again, the login removes them.
	await page.getByLabel('ชื่อผู้ใช้').fill('volunteer');
	await page.getByLabel('รหัสผ่าน').fill('volunteer-secret');
	await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
	await page.getByTestId('user').waitFor({ state: 'attached' });
	const old = await page.evaluate(() => new Promise((resolve) => {
		const r = indexedDB.open('s40');
		r.onsuccess = () => {
			const q = r.result.transaction('reads').objectStore('reads').getAll();
			q.onsuccess = () => resolve(q.result.filter((x) => x.user !== '*' && x.at < Date.now() - 7 * 86400000).length);
		};
	}));
	assert.equal(old, 0);
	await page.context().close();
});

test('what another phone sent meanwhile reaches the village kept on this one (GET /changes)', async () => {
	const ID_C = '1509900004055';
	const page = await newPage(env);
	await login(env, page, 'volunteer');
	await go(page, `#/village/${VILLAGE}`);
	await page.getByTestId('volunteer-sees').waitFor();
	const held = (k) => page.evaluate((key) => new Promise((resolve) => {
		const r = indexedDB.open('s40');
		r.onsuccess = () => {
			const q = r.result.transaction('meta').objectStore('meta').get(key);
			q.onsuccess = () => resolve(q.result ? q.result.v : null);
		};
	}), k);
	const until = async (fn) => {
		for (let i = 0; i < 200 && !(await fn()); i++)
			await page.waitForTimeout(100);
		assert.ok(await fn(), String(fn));
	};
	// The phone's cursor in the journal, taken at login.
	await until(async () => (await held('cursor:volunteer')) !== null);
	const cursor = await held('cursor:volunteer');
	// Another phone enrols someone of the village.
	const other = await newPage(env);
	await login(env, other, 'volunteer');
	const status = await other.evaluate((id) => fetch('/api/v1/enrolments', {
		method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
		body: JSON.stringify({ option: 1, person: { id, title: 'นาง', first_th: 'อีกเครื่อง', last_th: 'ส่งมา', birth_date: '1990-03-01', sex: 'F', thai: true, village: '75030702' } }),
	}).then((r) => r.status), ID_C);
	assert.equal(status, 201);
	await other.context().close();
	// This phone loses the network and finds it again: its queue is sent, then the village is read again.
	await page.context().setOffline(true);
	await page.context().setOffline(false);
	await until(async () => (await held('cursor:volunteer')) > cursor);
	// Offline, the kept village shows them.
	await page.context().setOffline(true);
	await page.reload();
	await go(page, `#/village/${VILLAGE}`);
	await page.getByTestId('stale').waitFor();
	await page.getByText('อีกเครื่อง ส่งมา').waitFor();
	await page.context().close();
});

test('a payment refused by the server is corrected on the outbox page and sent again', async () => {
	const page = await newPage(env, { width: 360, height: 740 });
	await login(env, page, 'volunteer');
	await controlled(page);
	await go(page, '#/outbox');
	await page.locator('h1', { hasText: 'รอส่ง / ส่งไม่สำเร็จ' }).waitFor();
	await page.context().setOffline(true);
	// March for the member of the first test, with a wrong amount: the server alone knows what is due.
	await go(page, `#/pay?id=${ID_A}`);
	await page.getByLabel('งวดเดือนแรก').selectOption('2026-03');
	await page.getByLabel('งวดเดือนสุดท้าย').selectOption('2026-03');
	await page.getByLabel('จำนวนเงิน (บาท)').fill('50');
	await page.getByLabel('เลขที่ใบเสร็จ').fill('FIX-1');
	await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
	await page.getByTestId('queued').waitFor();
	await page.context().setOffline(false);
	await page.getByTestId('queue-count').filter({ hasText: 'ไม่สำเร็จ 1' }).waitFor({ timeout: 20000 });
	await go(page, '#/outbox');
	const item = page.locator('[data-testid=queued-item][data-status=refused]');
	await item.waitFor();
	// The server's message next to the amount.
	const amount = item.locator('[data-field$="-amount"]');
	assert.match(await amount.locator('.msg.err').textContent(), /70/);
	// What is sent reads as the payment form reads: the months and the channel by their
	// names, not the keys the API takes.
	assert.equal((await item.locator('select[name$="-months-from"] option:checked').textContent()).trim(), 'มีนาคม 2569');
	assert.equal((await item.locator('select[name$="-months-to"] option:checked').textContent()).trim(), 'มีนาคม 2569');
	assert.equal((await item.locator('select[name$="-channel"] option:checked').textContent()).trim(), 'สำนักงานประกันสังคม');
	await shots(page, 'offline-refused-amount');
	await amount.locator('input').fill('70');
	await item.getByRole('button', { name: 'แก้ไขแล้วส่งใหม่' }).click();
	await queueEmpty(page);
	const { led } = await officerView(ID_A);
	assert.deepEqual(payments(led).map((r) => r.month).slice(-1), ['2026-03']);
	await page.context().close();
});

test('a follow-up call recorded offline is sent when the network returns', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	await go(page, `#/person/${ID_A}`);
	const form = page.getByTestId('call-form');
	await form.waitFor();
	await page.context().setOffline(true);
	await page.reload();
	await go(page, `#/person/${ID_A}`);
	await page.getByTestId('stale').waitFor();
	await form.getByLabel('ผลการติดตาม').selectOption('reached');
	await form.getByRole('button', { name: 'บันทึกผลการติดตาม' }).click();
	await page.getByTestId('queued').waitFor();
	await page.context().setOffline(false);
	await queueEmpty(page);
	const calls = await page.evaluate((id) => fetch(`/api/v1/persons/${id}/followup`).then((r) => r.json()).then((f) => f.calls.map((c) => c.outcome)), ID_A);
	assert.deepEqual(calls, ['reached']);
	await page.context().close();
});

test('the whole area kept before going out: a village never opened reads offline', async () => {
	const page = await newPage(env);
	await login(env, page, 'volunteer');
	await go(page, '#/outbox');
	await page.getByTestId('keep-area').click();
	await page.getByTestId('keep-progress').filter({ hasText: /^เก็บข้อมูล \d+ หมู่บ้านแล้ว$/ }).waitFor({ timeout: 120000 });
	assert.ok(Number((await page.getByTestId('keep-progress').textContent()).replace(/\D/g, '')) > 50);
	await page.context().setOffline(true);
	await page.reload();
	await go(page, '#/village/75031201'); // never opened on this phone
	await page.getByTestId('stale').waitFor();
	await page.getByTestId('village-status').waitFor();
	await page.getByTestId('volunteer-sees').waitFor();
	await page.context().close();
});

test('a village survey typed offline is sent when the network returns', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	await controlled(page);
	await go(page, '#/survey');
	await pickVillage(page);
	await page.getByLabel('วันที่สำรวจ').fill('15/12/2568');
	await page.getByLabel('วันที่สำรวจ').dispatchEvent('change');
	// The village's residents are read while online, then the network goes.
	const checklist = page.getByTestId('checklist');
	await checklist.locator('.check-row').first().waitFor();
	const rows = await checklist.locator('.check-row').count();
	assert.ok(rows > 10);
	await page.context().setOffline(true);
	await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
	await page.getByTestId('queued').waitFor();
	await page.getByTestId('queue-count').filter({ hasText: 'รอส่ง 1' }).waitFor();
	const before = await page.evaluate(async () => (await fetch('/api/v1/reports/villages?date=2025-12-31&area=75030702').catch(() => null)) === null);
	assert.equal(before, true); // no network: nothing reached the server yet
	await page.context().setOffline(false);
	await queueEmpty(page);
	const rep = await page.evaluate(async () => (await fetch('/api/v1/reports/villages?date=2025-12-31&area=75030702')).json());
	const row = rep.rows.find((r) => r.code === 75030702);
	assert.equal(row.survey_date, '2025-12-15');
	assert.equal(row.surveyed, rows);
	await page.context().close();
});
