// i18n.test.mjs — the web application's words (web/js/i18n.js), without a browser: each key
// is defined once (a second definition would silently replace the first, as an option's
// "ทางเลือกที่ %s" once became "ทางเลือกที่ %s (%s บาท/เดือน)" on the residents' list), and
// its Thai and English take the same number of %s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { t } from '../../web/js/i18n.js';

const src = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../web/js/i18n.js'), 'utf8');
const keys = [...src.matchAll(/^\t([a-z_0-9]+): \[/gm)].map((m) => m[1]);

test('each word is defined once, with as many %s in Thai as in English', () => {
	assert.ok(keys.length > 100, `${keys.length} words found`);
	const seen = new Set();
	const twice = keys.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
	assert.deepEqual(twice, []);
	const line = (k) => src.split('\n').find((l) => l.startsWith(`\t${k}: [`));
	for (const k of keys) {
		const m = /^\t[a-z_0-9]+: \[(['"`])(.*?)\1, (['"`])(.*?)\3\],/.exec(line(k));
		if (!m)
			continue; // a word written over several lines
		const count = (s) => (s.match(/%s/g) || []).length;
		assert.equal(count(m[2]), count(m[4]), `${k}: ${m[2]} / ${m[4]}`);
		assert.notEqual(t(k), k, `${k} is found`);
	}
});
