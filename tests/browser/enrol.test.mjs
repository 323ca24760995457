// enrol.test.mjs — the enrol form as an officer uses it: a bad ID is refused in
// Thai as it is typed; a refusal of the server (too young) appears next to the
// field it names and changes nothing; a good ID typed in Thai digits with
// dashes, a BE birth date and a village picked from the officer's area enrol
// the person, and the dashboard's count goes up by exactly one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, login, shots, pickVillage } from './harness.mjs';

let env;
before(async () => { env = await start('enrol'); });
after(async () => { await env.stop(); });

function count(text) {
	return Number(text.replace(/[^\d]/g, ''));
}

async function fillPerson(page, first, birthBE) {
	await page.getByLabel('ชื่อ', { exact: true }).fill(first);
	await page.getByLabel('นามสกุล').fill('ทดสอบระบบ');
	await page.getByLabel('วันเกิด').fill(birthBE);
	await pickVillage(page);
}

test('enrol: a bad ID, a refusal from the server, then a good one counted once', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	const before = count(await page.getByTestId('members-total').textContent());
	assert.equal(before, 17443);

	await page.getByRole('link', { name: 'สมัครสมาชิก' }).click();
	const id = page.getByLabel('เลขประจำตัวประชาชน').first();
	await id.fill('1234545678789');
	await page.getByText('เลขตรวจสอบ (หลักที่ 13) ไม่ถูกต้อง ควรเป็น 1').waitFor();
	assert.equal(await id.getAttribute('aria-invalid'), 'true');
	await page.getByRole('button', { name: 'บันทึกการสมัคร' }).click();
	await page.getByText('กรุณาแก้ไขช่องที่มีข้อความสีแดง').waitFor();
	await shots(page, 'enrol-bad-id');

	// A child of 9 on 1 Jan 2026: the server refuses, in Thai, next to the birth date.
	await id.fill('1100100000026');
	await page.getByText('ยังไม่มีในทะเบียน').waitFor();
	await fillPerson(page, 'เด็กน้อย', '01/01/2560');
	await page.getByRole('button', { name: 'บันทึกการสมัคร' }).click();
	const birthMsg = page.locator('[data-field="birth_date"] .msg.err');
	await birthMsg.waitFor();
	assert.match(await birthMsg.textContent(), /ยังไม่ถึง 15 ปี/);
	await shots(page, 'enrol-refused');
	// Nothing was written: the person is not in the register.
	const none = await page.evaluate(() => fetch('/api/v1/persons?q=1100100000026').then((r) => r.json()));
	assert.equal(none.total, 0);

	// A good ID typed with Thai digits and dashes.
	await page.reload();
	await page.getByLabel('เลขประจำตัวประชาชน').first().fill('๑-๕๐๙๙-๐๐๐๐๑-๒๓-๔');
	await page.getByText('ยังไม่มีในทะเบียน').waitFor();
	await fillPerson(page, 'สมหญิง', '12/05/2530');
	await page.getByText('12 พฤษภาคม 2530').waitFor();
	await page.getByLabel('ทางเลือก').selectOption('2');
	await page.getByRole('button', { name: 'บันทึกการสมัคร' }).click();
	await page.getByText('สมัครเรียบร้อย').waitFor();
	assert.match(await page.locator('.notice.ok').textContent(), /1-5099-00001-23-4.*ทางเลือกที่ 2.*1 มกราคม 2569/);
	await shots(page, 'enrol-done');

	// The same ID again: already a member, said as it is typed.
	await page.getByLabel('เลขประจำตัวประชาชน').first().fill('1509900001234');
	await page.getByText('เป็นผู้ประกันตนมาตรา 40 อยู่แล้ว').waitFor();

	await page.locator('#nav').getByRole('link', { name: 'ภาพรวม' }).click();
	await page.getByTestId('members-total').waitFor();
	const after_ = count(await page.getByTestId('members-total').textContent());
	assert.equal(after_, before + 1);

	// The person page shows the new membership.
	await page.goto(env.base + '/#/person/1509900001234');
	await page.getByTestId('person-id').waitFor();
	assert.equal(await page.getByTestId('person-id').textContent(), '1-5099-00001-23-4');
	await page.getByText('ทางเลือกที่ 2').first().waitFor();
	await shots(page, 'person');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});
