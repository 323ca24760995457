// harness.mjs — what every browser test shares: a real `s40 serve` on
// 127.0.0.1 (a free port) over a fresh copy of the API tests' demo database
// (tests/api/setup.sh: the Samut Songkhram demo on 1 January 2026 and one user
// per role, password NAME-secret), Debian's chromium driven by playwright-core,
// logging in, and screenshots at desktop and 360-px phone width under
// test-output/browser/.
//
// Environment: S40 (the program, required), S40_BROWSER_WORK (a folder kept
// for the run: the template database is built there once), CHROMIUM
// (default /usr/bin/chromium).

import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core';

const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../..');
export const outDir = join(root, 'test-output', 'browser');
export const TODAY = '2026-01-01';

const s40 = process.env.S40 ? resolve(process.env.S40) : null;

/** Build (once per run) the database every test starts from; its path. */
function templateDb() {
	const work = process.env.S40_BROWSER_WORK || join(tmpdir(), 's40-browser-work');
	mkdirSync(work, { recursive: true });
	const db = join(work, 'template.db');
	if (!existsSync(db)) {
		execFileSync('bash', [join(root, 'tests/api/setup.sh'), s40, db + '.tmp'], { stdio: ['ignore', 'ignore', 'inherit'] });
		for (const ext of ['', '-wal', '-shm'])
			if (existsSync(db + '.tmp' + ext))
				copyFileSync(db + '.tmp' + ext, db + ext);
	}
	return db;
}

/**
 * Start a server on a fresh copy of the demo database and a browser.
 * Returns { base, browser, db, stop() }.
 */
export async function start(name) {
	if (!s40)
		throw new Error('S40 must name the s40 program');
	mkdirSync(outDir, { recursive: true });
	const dir = mkdtempSync(join(tmpdir(), `s40-browser-${name}-`));
	const db = join(dir, 'test.db');
	const tpl = templateDb();
	for (const ext of ['', '-wal', '-shm'])
		if (existsSync(tpl + ext))
			copyFileSync(tpl + ext, db + ext);
	const proc = spawn(s40, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--today', TODAY, '--threads', '2'],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	proc.stderr.on('data', (d) => { stderr += d; });
	proc.on('error', () => {});
	const port = await new Promise((ok, fail) => {
		let out = '';
		const timer = setTimeout(() => fail(new Error('s40 serve did not start: ' + stderr)), 20000);
		proc.stdout.on('data', (d) => {
			out += d;
			const m = /127\.0\.0\.1:(\d+)/.exec(out);
			if (m) {
				clearTimeout(timer);
				ok(Number(m[1]));
			}
		});
		proc.on('exit', (c) => fail(new Error(`s40 serve exited ${c}: ${stderr}`)));
	});
	// playwright-core starts chromium on a fresh temporary profile of its own
	// (--user-data-dir in a new temporary folder, removed at close): it refuses
	// the flag among args.
	let browser;
	try {
		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
				'--disable-sync', '--no-first-run'],
		});
	} catch (e) {
		proc.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	return {
		base: `http://127.0.0.1:${port}`,
		browser,
		db,
		async stop() {
			await browser.close().catch(() => {});
			const exited = new Promise((ok) => proc.once('exit', (code) => ok(code)));
			proc.kill('SIGTERM');
			const code = await Promise.race([exited, new Promise((ok) => setTimeout(() => ok('timeout'), 15000))]);
			if (code === 'timeout')
				proc.kill('SIGKILL');
			rmSync(dir, { recursive: true, force: true });
			if (code !== 0)
				throw new Error(`s40 serve exited with ${code} after SIGTERM: ${stderr}`);
		},
	};
}

/** A new page (its own cookies) at desktop size, with console errors collected. */
export async function newPage(env, { width = 1280, height = 900, downloads = true } = {}) {
	const ctx = await env.browser.newContext({ viewport: { width, height }, acceptDownloads: downloads, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
	const page = await ctx.newPage();
	page.errors = [];
	page.on('pageerror', (e) => page.errors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error' && !/status of 4[0-9][0-9]/.test(m.text()))
			page.errors.push(m.text());
	});
	return page;
}

/** Open the UI and log in as user (password user-secret); waits for the dashboard. */
export async function login(env, page, user) {
	await page.goto(env.base + '/');
	await page.getByLabel('ชื่อผู้ใช้').fill(user);
	await page.getByLabel('รหัสผ่าน').fill(`${user}-secret`);
	await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
	await page.getByTestId('user').waitFor({ state: 'attached' });
}

/** Pick a village in the cascading selects of a form (อำเภอ → ตำบล → หมู่บ้าน). */
export async function pickVillage(page, district = 'อัมพวา', subdistrict = 'แควอ้อม', village = 'หมู่ 2') {
	await page.getByLabel('อำเภอ').selectOption({ label: district });
	await page.getByLabel('ตำบล').locator('option', { hasText: subdistrict }).waitFor({ state: 'attached' });
	await page.getByLabel('ตำบล').selectOption({ label: subdistrict });
	await page.getByLabel('หมู่บ้าน', { exact: true }).locator('option', { hasText: village }).waitFor({ state: 'attached' });
	await page.getByLabel('หมู่บ้าน', { exact: true }).selectOption({ label: village });
}

/** Screenshots of the page as it is, at desktop width and at 360 px. */
export async function shots(page, name) {
	const size = page.viewportSize();
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.waitForTimeout(150);
	await page.screenshot({ path: join(outDir, `${name}-desktop.png`), fullPage: true });
	await page.setViewportSize({ width: 360, height: 740 });
	await page.waitForTimeout(150);
	await page.screenshot({ path: join(outDir, `${name}-phone.png`), fullPage: true });
	await page.setViewportSize(size);
}

/** The rules of WCAG 2.1 levels A and AA that axe-core checks. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Rules outside those tags that are held as strictly: every page, a refusal too, has a top heading. */
const AXE_ALSO = ['page-has-heading-one'];

/**
 * Check the page as it is shown with axe-core against WCAG 2.1 A and AA (and AXE_ALSO);
 * throw, listing each serious or critical violation (and any of AXE_ALSO) with its rule, what
 * it asks and the selectors of the elements at fault, naming label, the width and the page's
 * address. Minor and moderate violations of the WCAG rules pass. With widths (e.g. [1280,
 * 360]), the page is checked at each width in turn, sized as shots() sizes it, then given back
 * its size; it is not drawn again (what CSS lays out follows the width, a chart keeps its shape).
 */
export async function axeCheck(page, label, { widths = null } = {}) {
	const size = page.viewportSize();
	for (const width of widths || [size.width]) {
		if (width !== page.viewportSize().width)
			await page.setViewportSize({ width, height: width < 720 ? 740 : 900 });
		// axe-core goes into the page once, and stays while the page only changes its hash
		// route: AxeBuilder would evaluate its half a megabyte twice at every check, about a
		// second each time. The page has no frames, so axe.run (legacy mode) sees it whole.
		if (!(await page.evaluate(() => typeof window.axe === 'object')))
			await page.evaluate(axe.source);
		const rules = Object.fromEntries(AXE_ALSO.map((r) => [r, { enabled: true }]));
		const res = await new AxeBuilder({ page, axeSource: ';' }).setLegacyMode(true)
			.options({ rules, resultTypes: ['violations'] }).withTags(AXE_TAGS).analyze();
		const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || AXE_ALSO.includes(v.id));
		if (bad.length === 0)
			continue;
		const lines = bad.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n` +
			v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n'));
		throw new Error(`${label}: ${bad.length} accessibility violation(s) at ${width} px on ${page.url()}\n${lines.join('\n')}`);
	}
	if (page.viewportSize().width !== size.width)
		await page.setViewportSize(size);
}

/** Whether the server offers a route (GET /api/v1/openapi.json). */
export async function serverHas(env, path, method = 'get') {
	const res = await fetch(env.base + '/api/v1/openapi.json');
	const doc = await res.json();
	return !!(doc.paths[path] && doc.paths[path][method]);
}
