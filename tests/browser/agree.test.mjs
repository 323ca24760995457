// agree.test.mjs — the figures a page shows are the API's for the same area and day,
// and a report's total row is never counted or drawn as one more area: the dashboard's
// members and fully covered villages and its count of subdistricts, a subdistrict's
// coverage chart (a bar per village) and a district's attainment chart (a bar per
// subdistrict once the district's target is allocated; before, a sentence saying so), for Samut Songkhram on 31/10/2562 and on 30/09/2562, and the country's
// 7,436 subdistricts for the viewer. The year's attainment reads clearly: a readable
// label, or without a target a sentence saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, login, shots } from './harness.mjs';

let env;
before(async () => { env = await start('agree'); });
after(async () => { await env.stop(); });

/** A report from the API as the page's user (its session cookie). */
async function report(page, path) {
	return page.evaluate(async (p) => {
		const r = await fetch('/api/v1' + p, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
		return r.json();
	}, path);
}

/** The number in a text such as "17,093 คน". */
const number = (s) => Number(String(s).replace(/[^0-9]/g, ''));

/** The labels of the bar chart in the card whose heading starts with title. */
async function barLabels(page, title) {
	const chart = page.locator('section.card').filter({ has: page.locator('h2', { hasText: title }) }).locator('svg.bar-chart').first();
	await chart.waitFor();
	return chart.locator('text.lbl').allTextContents();
}

for (const [date, be, fy] of [['2019-10-31', '31/10/2562', 2563], ['2019-09-30', '30/09/2562', 2562]]) {
	test(`Samut Songkhram on ${be}: the dashboard and the drill-down agree with the API`, async () => {
		const page = await newPage(env);
		await login(env, page, 'officer75');

		await page.goto(`${env.base}/#/?date=${date}`);
		const covered = page.getByTestId('fully-covered');
		await covered.waitFor();
		const tambons = await report(page, `/reports/tambons?area=75&date=${date}`);
		const total = tambons.rows[tambons.rows.length - 1];
		const subdistricts = tambons.rows.slice(0, -1);
		assert.equal(subdistricts.length, 36);
		assert.match(String(total.subdistrict), /^รวม/);
		assert.equal(number(await covered.textContent()), total.fully_covered);
		const achieved = subdistricts.filter((r) => r.achieved).length;
		assert.equal(await page.getByTestId('tambons-achieved').textContent(),
			`ตำบลที่มีหมู่บ้านถ้วนหน้า ${achieved} จาก 36 ตำบล`);
		const asof = await report(page, `/reports/asof?area=75&date=${date}&level=district`);
		assert.equal(number(await page.getByTestId('members-total').textContent()), asof.rows[asof.rows.length - 1].members);
		// The fiscal year's attainment: with a target (2562), a bar whose label is readable
		// (under the bar, at least 4.5:1 on its background); without one (2563), said so
		// with a link to set it, and no empty chart.
		const att0 = page.locator('section.card').filter({ has: page.locator('h2', { hasText: `ปีงบประมาณ ${fy}` }) });
		await att0.locator('p.big').waitFor();
		if (fy === 2563) {
			assert.equal(await att0.getByTestId('no-target').textContent(), 'ยังไม่ได้กำหนดเป้าหมายของปีงบประมาณ 2563');
			assert.equal(await att0.getByRole('link', { name: 'กำหนดเป้าหมาย →' }).getAttribute('href'), '#/targets?fy=2563&area=75');
			assert.equal(await att0.locator('svg, .progress').count(), 0);
		} else {
			const label = att0.locator('.progress-text');
			const [lb, tb] = [await label.boundingBox(), await att0.locator('.progress-track').boundingBox()];
			assert.ok(lb.y >= tb.y + tb.height, 'the label is under the bar');
			const ratio = await label.evaluate((el) => {
				const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
				const lum = ([r, g, b]) => {
					const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
					return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
				};
				let bg = el;
				while (bg && /rgba\(0, 0, 0, 0\)|transparent/.test(getComputedStyle(bg).backgroundColor))
					bg = bg.parentElement;
				const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(bg ? getComputedStyle(bg).backgroundColor : 'rgb(255, 255, 255)'))];
				return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
			});
			assert.ok(ratio >= 4.5, `contrast ${ratio.toFixed(2)}:1`);
		}
		await shots(page, `agree-dashboard-${date}`);

		// A subdistrict's coverage chart: a bar per village, none for the total.
		await page.goto(`${env.base}/#/areas/750307?date=${date}`);
		await page.locator('h1', { hasText: 'ตำบลแควอ้อม' }).waitFor();
		const villages = await report(page, `/reports/villages?area=750307&date=${date}`);
		const labels = await barLabels(page, 'ความครอบคลุม');
		assert.equal(labels.length, villages.rows.length - 1);
		assert.ok(labels.every((l) => !l.startsWith('รวม')), labels.join(' | '));

		// A district's attainment: with no target allocated to its subdistricts, said so
		// (FY 2563 has none; FY 2562's 994 of the district is not allocated below) ...
		await page.goto(`${env.base}/#/areas/7503?date=${date}`);
		await page.locator('h1', { hasText: 'อำเภออัมพวา' }).waitFor();
		await page.getByTestId('no-target').getByText(fy === 2563 ? 'ยังไม่ได้กำหนดเป้าหมายของปีงบประมาณ 2563'
			: 'เป้าหมาย 994 คนของปีงบประมาณ 2562 ยังไม่ได้แบ่งให้พื้นที่ย่อย').waitFor();
		if (fy === 2563) {
			assert.deepEqual(page.errors, []);
			await page.context().close();
			return;
		}
		// ... and once allocated (by share of the surveyed), a bar per subdistrict, none
		// for the total.
		const alloc = await page.evaluate(() => fetch('/api/v1/targets/allocate', { method: 'POST', headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ fy: 2562, area: 7503 }) }).then((r) => r.status));
		assert.equal(alloc, 200);
		await page.reload();
		const att = await report(page, `/reports/attainment?area=7503&date=${date}&fy=${fy}&level=subdistrict`);
		const bars = await barLabels(page, 'ผลงานเทียบเป้า');
		assert.equal(bars.length, att.rows.length - 1);
		assert.ok(bars.every((l) => !l.startsWith('รวม')), bars.join(' | '));
		assert.deepEqual(page.errors, []);
		await page.context().close();
	});
}

test('the viewer\'s dashboard counts the country\'s 7,436 subdistricts', async () => {
	const page = await newPage(env);
	await login(env, page, 'viewer');
	const line = page.getByTestId('tambons-achieved');
	await line.waitFor();
	assert.match(await line.textContent(), / จาก 7,436 ตำบล$/);
	assert.deepEqual(page.errors, []);
	await page.context().close();
});

test('the fiscal year\'s chart on a phone: month labels apart and inside it, a whole y-axis', async () => {
	const page = await newPage(env, { width: 360, height: 740 });
	await login(env, page, 'officer75');
	await page.goto(`${env.base}/#/?date=2019-09-30`);
	const chart = page.locator('svg.line-chart').first();
	await chart.waitFor();
	const box = await chart.boundingBox();
	const xs = await chart.locator('text.x').evaluateAll((ts) => ts.map((t) => { const r = t.getBoundingClientRect(); return [r.left, r.right, t.textContent]; }));
	assert.ok(xs.length >= 3, `${xs.length} month labels`);
	for (let i = 0; i < xs.length; i++) {
		assert.ok(xs[i][0] >= box.x - 0.5 && xs[i][1] <= box.x + box.width + 0.5, `${xs[i][2]} inside the chart`);
		if (i > 0)
			assert.ok(xs[i][0] >= xs[i - 1][1], `${xs[i - 1][2]} and ${xs[i][2]} apart`);
	}
	const ys = (await chart.locator('text.y').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
	assert.equal(ys.length, 5);
	assert.ok(ys.every((v, i) => Number.isInteger(v) && (i === 0 || v - ys[i - 1] === ys[1] - ys[0]) && (i === 0 || v > ys[i - 1])), ys.join(','));
	await shots(page, 'agree-trend-phone');
	assert.deepEqual(page.errors, []);
	await page.context().close();
});
