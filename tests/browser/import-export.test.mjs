// import-export.test.mjs — an administrator uploads a CSV with a bad row
// (wrong check digit): the progress, the result (2 accepted, 1 rejected) and
// the reject file, downloaded; then a report table exported to Excel (a real
// XLSX: a zip with a worksheet) and to CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, newPage, login, shots } from './harness.mjs';

let env;
before(async () => { env = await start('import'); });
// The folders of the files the tests upload, removed at the end.
const dirs = [];
after(async () => {
	await env.stop();
	for (const d of dirs)
		rmSync(d, { recursive: true, force: true });
});

test('import a CSV with bad rows and download the reject file', async () => {
	const dir = mkdtempSync(join(tmpdir(), 's40-import-'));
	dirs.push(dir);
	const csv = join(dir, 'persons.csv');
	writeFileSync(csv, 'id,first_name,last_name,birth_date,village,thai\n'
		+ '1100100000018,หนึ่ง,ดีมาก,1990-01-01,75030702,yes\n'
		+ '1234545678789,สอง,ผิดเลข,1990-01-01,75030702,yes\n'
		+ '1112034563562,สมชาย,ใจดี,1987-05-12,75030702,yes\n');
	const page = await newPage(env);
	await login(env, page, 'admin');
	await page.getByRole('link', { name: 'นำเข้าไฟล์' }).click();
	await page.getByLabel('ชนิดข้อมูล').selectOption('persons');
	await page.getByLabel('ไฟล์ CSV').setInputFiles(csv);
	await page.getByLabel('นำเข้าแถวที่ถูกต้อง แม้มีบางแถวผิด').check();
	await page.getByRole('button', { name: 'เริ่มนำเข้า' }).click();
	const result = page.getByTestId('import-result');
	await result.waitFor();
	assert.equal(await result.textContent(), 'นำเข้าเสร็จ: รับ 2 แถว ปฏิเสธ 1 แถว');
	await shots(page, 'import-result');
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rejects').click()]);
	const rejects = readFileSync(await dl.path(), 'utf8');
	assert.match(rejects, /1234545678789/);
	assert.match(rejects, /id_check/);
	assert.doesNotMatch(rejects, /1100100000018/);

	// Without "partial", the same file changes nothing.
	await page.getByLabel('นำเข้าแถวที่ถูกต้อง แม้มีบางแถวผิด').uncheck();
	await page.getByRole('button', { name: 'เริ่มนำเข้า' }).click();
	await page.getByText('ไม่ได้บันทึกอะไรเลย').waitFor();
	await page.context().close();
});

test('import a bank file of payments through a column map of its Thai headers', async () => {
	const page = await newPage(env);
	await login(env, page, 'admin');
	// หนึ่ง (imported above) joins on 1 December 2025, option 1 (70 baht a month).
	const enrolled = await page.evaluate(() => fetch('/api/v1/enrolments', {
		method: 'POST', headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ id: '1100100000018', option: 1, date: '2025-12-01' }),
	}).then((r) => r.status));
	assert.equal(enrolled, 201);
	const dir = mkdtempSync(join(tmpdir(), 's40-import-'));
	dirs.push(dir);
	const csv = join(dir, 'bank.csv');
	writeFileSync(csv, 'บัตร,อ้างอิง,วันโอน,งวด,บาท\n'
		+ '1100100000018,BANK-1,2025-12-10,2025-12,70\n'
		+ '1100100000018,BANK-2,2026-01-01,2026-01..2026-02,100\n');
	await page.getByRole('link', { name: 'นำเข้าไฟล์' }).click();
	await page.getByLabel('ชนิดข้อมูล').selectOption('payments');
	await page.getByLabel('ไฟล์ CSV').setInputFiles(csv);
	await page.getByLabel('การจับคู่คอลัมน์ (ถ้าหัวตารางของไฟล์ไม่ตรง)').fill('id=บัตร,receipt=อ้างอิง,paid_date=วันโอน,from_month=งวด,amount=บาท');
	await page.getByLabel('นำเข้าแถวที่ถูกต้อง แม้มีบางแถวผิด').check();
	await page.getByRole('button', { name: 'เริ่มนำเข้า' }).click();
	const result = page.getByTestId('import-result');
	await result.waitFor();
	assert.equal(await result.textContent(), 'นำเข้าเสร็จ: รับ 1 แถว ปฏิเสธ 1 แถว');
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('rejects').click()]);
	const rejects = readFileSync(await dl.path(), 'utf8');
	assert.match(rejects, /BANK-2/);
	assert.match(rejects, /pay_amount/);
	assert.match(rejects, /140/);
	await shots(page, 'import-payments');
	const ledger = await page.evaluate(() => fetch('/api/v1/persons/1100100000018/ledger?format=csv').then((r) => r.text()));
	assert.match(ledger, /BANK-1/);
	assert.doesNotMatch(ledger, /BANK-2/);
	// The person page offers the payment's receipt as a PDF to print.
	await page.goto(env.base + '/#/person/1100100000018');
	const button = page.locator('button[data-receipt="BANK-1"]');
	await button.waitFor();
	const [rc] = await Promise.all([page.waitForEvent('download'), button.click()]);
	assert.equal(rc.suggestedFilename(), 's40-receipt-BANK-1.pdf');
	assert.equal(readFileSync(await rc.path()).subarray(0, 5).toString('latin1'), '%PDF-');
	const [fm] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-form').click()]);
	assert.equal(fm.suggestedFilename(), 's40-form-1100100000018.pdf');
	assert.equal(readFileSync(await fm.path()).subarray(0, 5).toString('latin1'), '%PDF-');
	await shots(page, 'person-receipt');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('export a report table to Excel, CSV and PDF', async () => {
	const page = await newPage(env);
	await login(env, page, 'officer75');
	await page.goto(env.base + '/#/areas/7503?date=2019-10-31');
	await page.getByRole('button', { name: 'ดาวน์โหลด Excel' }).first().waitFor();
	const [x] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ดาวน์โหลด Excel' }).first().click()]);
	assert.match(x.suggestedFilename(), /\.xlsx$/);
	const xlsx = readFileSync(await x.path());
	assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK');
	assert.ok(xlsx.includes(Buffer.from('xl/worksheets/sheet1.xml')));
	const [c] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ดาวน์โหลด CSV' }).first().click()]);
	// The CSV for Excel: a BOM (Excel on Windows then reads the Thai as UTF-8), CRLF, the
	// labels in the page's language.
	const text = readFileSync(await c.path(), 'utf8');
	assert.equal(text.split('\r\n')[0], '\uFEFFรหัส,พื้นที่,ชื่อภาษาอังกฤษ,ผู้ประกันตน');
	assert.match(text, /\r\n750307,แควอ้อม,Khwae Om,\d+\r\n/);
	assert.doesNotMatch(text, /[^\r]\n/);
	const [p] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ดาวน์โหลด PDF' }).first().click()]);
	assert.match(p.suggestedFilename(), /\.pdf$/);
	assert.equal(readFileSync(await p.path()).subarray(0, 5).toString('latin1'), '%PDF-');
	await shots(page, 'export');
	// On paper (the print stylesheet): no menu, no buttons, the table still there.
	await page.emulateMedia({ media: 'print' });
	assert.equal(await page.locator('header.top').isVisible(), false);
	assert.equal(await page.getByRole('button', { name: 'ดาวน์โหลด PDF' }).first().isVisible(), false);
	assert.ok(await page.locator('table.report').first().isVisible());
	await shots(page, 'export-print');
	await page.emulateMedia({ media: 'screen' });
	assert.deepEqual(page.errors, []);
	await page.context().close();
});
