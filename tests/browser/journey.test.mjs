// journey.test.mjs — what a newcomer does on the first day, on a 360-px phone
// and on a desktop: log in, find หมู่ 2 แควอ้อม by drilling down, enrol someone,
// record their first payment (a wrong amount is refused next to the field with
// the amount due), see it in their ledger and standing, and download the
// district's table as Excel. On the phone no page is wider than the screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, newPage, login, shots, pickVillage } from './harness.mjs';

let env;
before(async () => { env = await start('journey'); });
after(async () => { await env.stop(); });

/** The page fits the screen: nothing to scroll sideways. */
async function fits(page, where) {
	const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
	assert.ok(sw <= iw, `${where}: the page is ${sw} px wide on a ${iw}-px screen`);
}

/** Follow a menu entry; on a phone the menu opens first. */
async function menu(page, name, phone) {
	if (phone)
		await page.getByRole('button', { name: 'เมนู' }).click();
	await page.locator('#nav').getByRole('link', { name, exact: true }).click();
}

for (const [kind, size, id] of [
	['desktop', { width: 1280, height: 900 }, '1509900002010'],
	['phone', { width: 360, height: 740 }, '1509900002028'],
]) {
	test(`a first day on a ${kind}: find หมู่ 2 แควอ้อม, enrol, record a payment, download Excel`, async () => {
		const phone = kind === 'phone';
		const page = await newPage(env, size);
		await login(env, page, 'officer75');
		await page.getByTestId('members-total').waitFor();
		if (phone)
			await fits(page, 'dashboard');

		// Find the village: province → district → subdistrict → village.
		await menu(page, 'พื้นที่', phone);
		await page.locator('h1', { hasText: 'จังหวัดสมุทรสงคราม' }).waitFor();
		await page.getByRole('link', { name: '7503', exact: true }).click();
		await page.locator('h1', { hasText: 'อำเภออัมพวา' }).waitFor();
		await page.getByRole('link', { name: '750307', exact: true }).click();
		await page.locator('h1', { hasText: 'ตำบลแควอ้อม' }).waitFor();
		await page.getByRole('link', { name: '75030702', exact: true }).first().click();
		await page.locator('h1', { hasText: 'หมู่ 2' }).waitFor();
		await page.getByTestId('village-status').waitFor();
		if (phone)
			await fits(page, 'village');
		await shots(page, `journey-${kind}-village`);

		// Enrol someone of that village.
		await menu(page, 'สมัครสมาชิก', phone);
		await page.getByLabel('เลขประจำตัวประชาชน').first().fill(id);
		await page.getByText('ยังไม่มีในทะเบียน').waitFor();
		await page.getByLabel('ชื่อ', { exact: true }).fill('วันแรก');
		await page.getByLabel('นามสกุล').fill(kind === 'phone' ? 'มือถือ' : 'โต๊ะทำงาน');
		await page.getByLabel('วันเกิด').fill('01/06/2533');
		await pickVillage(page);
		await page.getByLabel('ทางเลือก').selectOption('1');
		if (phone)
			await fits(page, 'enrol');
		await page.getByRole('button', { name: 'บันทึกการสมัคร' }).click();
		await page.getByText('สมัครเรียบร้อย').waitFor();

		// The first payment, from the link beside the confirmation.
		await page.locator('.notice.ok').getByRole('link', { name: 'รับชำระเงินสมทบ' }).click();
		await page.locator('h1', { hasText: 'รับชำระเงินสมทบ' }).waitFor();
		assert.equal(await page.getByLabel('เลขประจำตัวประชาชน').inputValue(), id);
		// The server's day is 1 January 2026: the months offered start from it.
		assert.equal(await page.getByLabel('งวดเดือนแรก').inputValue(), '2026-01');
		assert.match(await page.getByLabel('งวดเดือนแรก').locator('option:checked').textContent(), /มกราคม 2569/);
		// Who pays, once the ID is whole: name, option with its rate, the month due,
		// and the amount of the months chosen suggested.
		const payer = page.getByTestId('payer');
		await payer.getByTestId('payer-name').waitFor();
		assert.match(await payer.getByTestId('payer-name').textContent(), new RegExp(`วันแรก ${phone ? 'มือถือ' : 'โต๊ะทำงาน'}$`));
		assert.match(await payer.getByTestId('payer-option').textContent(), /ทางเลือกที่ 1 \(70 บาท\/เดือน\)/);
		assert.match(await payer.getByTestId('payer-due').textContent(), /มกราคม 2569: 70\.00 บาท/);
		assert.equal(await page.getByLabel('จำนวนเงิน (บาท)').inputValue(), '70.00');
		await page.getByLabel('งวดเดือนสุดท้าย').selectOption('2026-03');
		assert.equal(await page.getByLabel('จำนวนเงิน (บาท)').inputValue(), '210.00');
		await page.getByLabel('จำนวนเงิน (บาท)').fill('200');
		await page.getByLabel('เลขที่ใบเสร็จ').fill(`R-${kind}-1`);
		await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
		// Three months of option 1 are 210 baht: refused next to the amount.
		const amountMsg = page.locator('[data-field="amount"] .msg.err');
		await amountMsg.waitFor();
		assert.match(await amountMsg.textContent(), /210/);
		if (phone)
			await fits(page, 'payment refused');
		await shots(page, `journey-${kind}-pay-refused`);
		const none = await page.evaluate((pid) => fetch(`/api/v1/persons/${pid}/standing`).then((r) => r.json()), id);
		assert.equal(none.months_paid, 0);

		await page.getByLabel('จำนวนเงิน (บาท)').fill('210');
		await page.getByRole('button', { name: 'บันทึก', exact: true }).click();
		await page.locator('.notice.ok', { hasText: 'บันทึกแล้ว' }).waitFor();
		assert.equal(await amountMsg.count(), 0);
		// The receipt, ready to print, and the form cleared for the next person.
		const receipt = page.getByTestId('receipt');
		assert.match(await receipt.textContent(), new RegExp(`R-${kind}-1`));
		assert.match(await receipt.textContent(), /มกราคม 2569 – มีนาคม 2569/);
		assert.equal(await receipt.getByTestId('receipt-amount').textContent(), '210.00');
		assert.equal(await page.getByLabel('เลขประจำตัวประชาชน').inputValue(), '');
		assert.equal(await page.getByLabel('จำนวนเงิน (บาท)').inputValue(), '');
		assert.equal(await page.getByTestId('payer').textContent(), '');
		await receipt.getByRole('button', { name: 'พิมพ์ใบเสร็จ' }).waitFor();
		// Printed, the receipt is alone on the paper: no menu, no form.
		await page.evaluate(() => document.body.classList.add('print-receipt'));
		await page.emulateMedia({ media: 'print' });
		assert.equal(await page.locator('#nav').evaluate((el) => getComputedStyle(el).visibility), 'hidden');
		assert.equal(await page.locator('form').evaluate((el) => getComputedStyle(el).visibility), 'hidden');
		assert.equal(await receipt.evaluate((el) => getComputedStyle(el).visibility), 'visible');
		await shots(page, `journey-${kind}-receipt-print`);
		await page.emulateMedia({ media: 'screen' });
		await page.evaluate(() => document.body.classList.remove('print-receipt'));
		await shots(page, `journey-${kind}-receipt`);

		// The person's page: standing and the ledger month by month.
		await page.locator('.notice.ok').getByRole('link', { name: 'เปิด' }).click();
		const standing = page.getByTestId('standing');
		await standing.waitFor();
		assert.match(await standing.textContent(), /ชำระปกติ/);
		const ledger = page.locator('.card', { has: page.locator('h2', { hasText: 'เงินสมทบรายเดือน' }) });
		await ledger.getByText(`R-${kind}-1`).first().waitFor();
		assert.equal(await ledger.locator('table').getByText(`R-${kind}-1`).count(), 3);
		// … and its receipt, once, to print.
		assert.equal(await ledger.locator(`button[data-receipt="R-${kind}-1"]`).count(), 1);
		assert.ok(await ledger.getByText('ม.ค. 2569').count() >= 1);
		if (phone)
			await fits(page, 'person');
		await shots(page, `journey-${kind}-person`);

		// The subdistrict's villages as Excel.
		await page.goto(env.base + '/#/areas/750307');
		const xbtn = page.getByRole('button', { name: 'ดาวน์โหลด Excel' }).first();
		await xbtn.waitFor();
		const [x] = await Promise.all([page.waitForEvent('download'), xbtn.click()]);
		assert.match(x.suggestedFilename(), /\.xlsx$/);
		const xlsx = readFileSync(await x.path());
		assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK');
		assert.ok(xlsx.includes(Buffer.from('xl/worksheets/sheet1.xml')));
		if (phone)
			await fits(page, 'subdistrict');
		assert.deepEqual(page.errors, []);
		await page.context().close();
	});
}
