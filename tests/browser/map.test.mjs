// map.test.mjs — the maps of the area pages (web/js/map.js, charts.js symbolMap) on
// 31/10/2562: Samut Songkhram's 3 districts sized by their members (5,358 / 5,657 /
// 6,078: อัมพวา the largest, the radii as the square roots), the same values in the
// map's table; อัมพวา's 12 subdistricts with แควอ้อม ringed for its fully covered
// village; a click and the keyboard (Enter) drill down; the zoom buttons at 360 px; the
// measures; the country's 77 provinces for an administrator. Screenshots of each map in
// test-output/browser/ (map-*.png); axe-core on the map pages at 1280 and 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, newPage, login, shots, axeCheck, outDir } from './harness.mjs';

let env;
before(async () => { env = await start('map'); });
after(async () => { await env.stop(); });

const DAY = '2019-10-31';

/** The page's screenshots (shots) and one of the map card alone, as it is shown now. */
async function mapShots(page, name) {
	await page.mouse.move(0, 0); // no tooltip left over from a click
	await shots(page, name);
	await page.getByTestId('map').screenshot({ path: join(outDir, `${name}-card.png`) });
}

/** The radius of each circle of the map, by area code. */
async function radii(page) {
	return page.locator('[data-testid=map] .symbol-map .area').evaluateAll((gs) =>
		Object.fromEntries(gs.map((g) => [g.dataset.code, Number(g.querySelector('.dot').getAttribute('r'))])));
}

test('Samut Songkhram: 3 district circles sized by members, the values in the table; a click drills down', async () => {
	const page = await newPage(env);
	await login(env, page, 'admin');
	await page.goto(`${env.base}/#/areas/75?date=${DAY}`);
	await page.locator('h1', { hasText: 'จังหวัดสมุทรสงคราม' }).waitFor();
	const map = page.getByTestId('map');
	await map.locator('.symbol-map').waitFor();
	assert.equal(await map.locator('.symbol-map .area').count(), 3);
	const r = await radii(page);
	assert.deepEqual(Object.keys(r).sort(), ['7501', '7502', '7503']);
	// อัมพวา the largest, then บางคนที, then เมืองสมุทรสงคราม; area ∝ members.
	assert.ok(r[7503] > r[7502] && r[7502] > r[7501], JSON.stringify(r));
	assert.ok(Math.abs((r[7501] / r[7503]) ** 2 - 5358 / 6078) < 0.005, JSON.stringify(r));
	assert.ok(Math.abs((r[7502] / r[7503]) ** 2 - 5657 / 6078) < 0.005, JSON.stringify(r));
	// Each circle is named, in Thai, with its members; the names are drawn beside the circles.
	const label = await map.locator('.area[data-code="7503"]').getAttribute('aria-label');
	assert.match(label, /^อัมพวา: ผู้ประกันตน 6,078 คน · /);
	assert.equal(await map.locator('.symbol-map .lbl').count(), 3);
	// The table beside the map: the same values.
	const table = map.getByTestId('map-table');
	await table.locator('caption').waitFor();
	assert.match(await table.locator('tr[data-code="7501"]').textContent(), /เมืองสมุทรสงคราม.*5,358/);
	assert.match(await table.locator('tr[data-code="7502"]').textContent(), /บางคนที.*5,657/);
	assert.match(await table.locator('tr[data-code="7503"]').textContent(), /อัมพวา.*6,078/);
	// The legend of the measure and the size.
	await map.getByText('ขนาดวงกลมตามจำนวนผู้ประกันตน ณ วันที่ 31 ตุลาคม 2562 (มากที่สุด 6,078 คน)').waitFor();
	assert.equal(await map.locator('.map-legend li').count() >= 6, true);
	await mapShots(page, 'map-province');
	await axeCheck(page, 'the province map', { widths: [1280, 360] });

	// The other measures: each fills the table's third column and colours the circles.
	await map.getByLabel('สีของวงกลมตาม').selectOption('lapsed');
	await table.locator('caption', { hasText: 'ผู้ประกันตนที่ขาดส่ง' }).waitFor();
	const lapsed = await table.locator('tbody td:nth-child(3)').allTextContents();
	assert.ok(lapsed.every((x) => /^[\d,]+$/.test(x)), lapsed.join(' | '));
	await map.getByLabel('สีของวงกลมตาม').selectOption('attainment');
	await table.locator('caption', { hasText: 'ผลงานเทียบเป้าหมายปีงบประมาณ 2563' }).waitFor();
	await map.getByLabel('สีของวงกลมตาม').selectOption('coverage');
	await table.locator('caption', { hasText: 'ความครอบคลุม (ผู้มีสิทธิที่สำรวจ)' }).waitFor();
	assert.match(await table.locator('tr[data-code="7503"] td:nth-child(3)').textContent(), /^\d+\.\d\d%$/);

	// Clicking บางคนที's circle opens its page.
	await map.locator('.area[data-code="7502"] .dot').click();
	await page.waitForURL(/#\/areas\/7502\?date=2019-10-31$/);
	await page.locator('h1', { hasText: 'อำเภอบางคนที' }).waitFor();
	// Its own map: its 13 subdistricts (docs/img/map.png is this card at 1280 px).
	await page.getByTestId('map').locator('.symbol-map').waitFor();
	assert.equal(await page.locator('[data-testid=map] .symbol-map .area').count(), 13);
	await mapShots(page, 'map-district-bangkhonthi');
	assert.deepEqual(page.errors, []);
});

test('อัมพวา: 12 subdistrict circles, แควอ้อม ringed for its fully covered village; the keyboard and the zoom at 360 px', async () => {
	const page = await newPage(env, { width: 360, height: 740 });
	await login(env, page, 'officer75');
	await page.goto(`${env.base}/#/areas/7503?date=${DAY}`);
	await page.locator('h1', { hasText: 'อำเภออัมพวา' }).waitFor();
	const map = page.getByTestId('map');
	await map.locator('.symbol-map').waitFor();
	assert.equal(await map.locator('.symbol-map .area').count(), 12);
	assert.equal(await map.locator('.area[data-code="750307"]').getAttribute('data-full'), 'true');
	assert.match(await map.locator('.area[data-code="750307"]').getAttribute('aria-label'), /^แควอ้อม: .*มีหมู่บ้านถ้วนหน้า$/);
	const ringed = await map.locator('.area[data-full="true"]').evaluateAll((gs) => gs.map((g) => g.dataset.code));
	assert.ok(ringed.includes('750307') && ringed.length < 12, ringed.join(' '));
	assert.equal(await map.locator('.area[data-code="750307"] .ring').count(), 1);
	await mapShots(page, 'map-district');
	await axeCheck(page, 'the district map', { widths: [360, 1280] });

	// Zoom in, out, back: the circles keep their size, their places spread.
	const before = await map.locator('.area[data-code="750307"] .dot').getAttribute('cx');
	await map.getByRole('button', { name: 'ขยายแผนที่' }).click();
	assert.equal(await map.locator('.symbol-map').getAttribute('data-zoom'), '2');
	assert.notEqual(await map.locator('.area[data-code="750307"] .dot').getAttribute('cx'), before);
	await mapShots(page, 'map-district-zoomed');
	await map.getByRole('button', { name: 'ย่อแผนที่' }).click();
	assert.equal(await map.locator('.area[data-code="750307"] .dot').getAttribute('cx'), before);
	await map.getByRole('button', { name: 'ขยายแผนที่' }).click();
	await map.getByRole('button', { name: 'แสดงทั้งแผนที่' }).click();
	assert.equal(await map.locator('.area[data-code="750307"] .dot').getAttribute('cx'), before);

	// The keyboard: a circle takes the focus, shows its tooltip, and Enter opens its page.
	await map.locator('.area[data-code="750307"]').focus();
	const tip = map.locator('.map-tip');
	await tip.waitFor();
	assert.match(await tip.textContent(), /^แควอ้อม: /);
	await page.keyboard.press('Enter');
	await page.waitForURL(/#\/areas\/750307\?date=2019-10-31$/);
	await page.locator('h1', { hasText: 'ตำบลแควอ้อม' }).waitFor();
	// A subdistrict's page has no map: its villages share its point.
	await page.locator('.card h2', { hasText: 'ความครอบคลุม' }).first().waitFor();
	assert.equal(await page.getByTestId('map').count(), 0);
	assert.deepEqual(page.errors, []);
});

test('the country: a circle for each of the 77 provinces for an administrator, in English too', async () => {
	const page = await newPage(env);
	await login(env, page, 'admin');
	await page.goto(`${env.base}/#/areas/0?date=${DAY}`);
	const map = page.getByTestId('map');
	await map.locator('.symbol-map').waitFor();
	assert.equal(await map.locator('.symbol-map .area').count(), 77);
	const r = await radii(page);
	assert.equal(Object.keys(r).length, 77);
	// Samut Songkhram has the demo's members: the largest circle; every other is still there.
	assert.equal(Math.max(...Object.values(r)), r[75]);
	assert.ok(Object.values(r).every((x) => x >= 3));
	// Every province has a point: nothing is listed as without one.
	assert.equal(await page.getByTestId('map-no-point').count(), 0);
	// Coloured at first by attainment (the page's own report), then by what is picked:
	// Samut Songkhram's 10 fully covered villages, its coverage from its village report.
	assert.equal(await map.getByLabel('สีของวงกลมตาม').inputValue(), 'attainment');
	await mapShots(page, 'map-country');
	await axeCheck(page, 'the country map', { widths: [1280] });
	// The 77 rows are folded under the map: opened, they stay open from measure to measure.
	const table = map.getByTestId('map-table');
	assert.equal(await table.isVisible(), false);
	await map.locator('summary', { hasText: 'ค่าบนแผนที่' }).click();
	await table.locator('caption').waitFor();
	await map.getByLabel('สีของวงกลมตาม').selectOption('fully');
	await table.locator('caption', { hasText: 'จำนวนหมู่บ้านถ้วนหน้า' }).waitFor();
	assert.equal(await table.locator('tr[data-code="75"] td:nth-child(3)').textContent(), '10');
	assert.equal(await table.locator('tr[data-code="10"] td:nth-child(3)').textContent(), '0');
	assert.equal(await map.locator('.area[data-full="true"]').count(), 1);
	await map.getByLabel('สีของวงกลมตาม').selectOption('coverage');
	await table.locator('caption', { hasText: 'ความครอบคลุม (ผู้มีสิทธิที่สำรวจ)' }).waitFor();
	// The province's coverage is its village report's total (the old way of the map).
	const villages = await page.evaluate(async (d) => {
		const r = await fetch(`/api/v1/reports/villages?area=75&date=${d}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
		return r.json();
	}, DAY);
	const cov75 = villages.rows[villages.rows.length - 1].coverage;
	assert.equal(await table.locator('tr[data-code="75"] td:nth-child(3)').textContent(), `${(cov75 / 100).toFixed(2)}%`);
	assert.equal(await table.locator('tr[data-code="10"] td:nth-child(3)').textContent(), '–');
	await mapShots(page, 'map-country-coverage');

	// In English: the labels, the legend and the table.
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await map.getByText('Colour the circles by').waitFor();
	await map.locator('.symbol-map .lbl', { hasText: 'Samut Songkhram' }).waitFor();
	assert.match(await map.locator('.area[data-code="75"]').getAttribute('aria-label'), /^Samut Songkhram: 17,093 members · /);
	await mapShots(page, 'map-country-en');
	assert.deepEqual(page.errors, []);

	// Drawn on a phone: 77 circles still, the names that fit, the zoom to see more.
	const phone = await newPage(env, { width: 360, height: 740 });
	await login(env, phone, 'admin');
	await phone.goto(`${env.base}/#/areas/0?date=${DAY}`);
	await phone.getByTestId('map').locator('.symbol-map').waitFor();
	assert.equal(await phone.locator('[data-testid=map] .symbol-map .area').count(), 77);
	await phone.getByTestId('map').screenshot({ path: join(outDir, 'map-country-360-card.png') });
	const shown = await phone.locator('[data-testid=map] .symbol-map .lbl').count();
	await phone.getByRole('button', { name: 'ขยายแผนที่' }).click();
	await phone.getByTestId('map').screenshot({ path: join(outDir, 'map-country-360-zoomed-card.png') });
	assert.ok(shown > 10, `${shown} names on the phone`);
	assert.deepEqual(phone.errors, []);
});

test('a district with subdistricts without a point lists them under the map', async () => {
	const page = await newPage(env);
	await login(env, page, 'admin');
	// บางนา (1047): neither of its 2 khwaeng has a point in the source.
	await page.goto(`${env.base}/#/areas/1047?date=${DAY}`);
	const none = page.getByTestId('map-no-point');
	await none.waitFor();
	assert.match(await none.textContent(), /^ไม่มีพิกัด: บางนาเหนือ, บางนาใต้$/);
	assert.equal(await page.locator('[data-testid=map] .symbol-map').count(), 0);
	// กรุงเทพมหานคร: the province map leaves บางนา and บางบอน (1050) out of the circles, and says so.
	await page.goto(`${env.base}/#/areas/10?date=${DAY}`);
	await page.locator('[data-testid=map] .symbol-map').waitFor();
	assert.equal(await page.locator('[data-testid=map] .symbol-map .area').count(), 48);
	assert.match(await page.getByTestId('map-no-point').textContent(), /^ไม่มีพิกัด: บางนา, บางบอน$/);
	await mapShots(page, 'map-bangkok');
	assert.deepEqual(page.errors, []);
});
