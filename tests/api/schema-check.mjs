// schema-check.mjs — checks every exchange the API tests recorded against the OpenAPI
// document, so that the document and the server cannot drift apart.
//
//   node tests/api/schema-check.mjs docs/openapi.json RECORD.jsonl...
//
// RECORD.jsonl is what tests/api/runner.c writes with S40_API_RECORD=FILE: one JSON line
// per exchange {file, line, method, path, status, type, body}. Each request is matched to
// its operation (path template and method); the response must be declared there by its
// status (or "default"), its media type must be one of that response's, and a JSON body
// must hold to its schema (JSON Schema 2020-12, formats checked). A request to no route
// of the document must get a problem+json 404 or 405 (or 400, 414, 431: a path or headers
// refused at the server's door).
// Every operation of the document must be exercised by at least one recorded exchange.
// Prints each mismatch (the test file and line, the request, the status, the place in the
// body and what is wrong) and "schema-check: N exchanges, N operations, N mismatches";
// exits 1 on any mismatch or operation not exercised, 2 on bad arguments.

import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const [docPath, ...records] = process.argv.slice(2);
if (!docPath || records.length === 0) {
	console.error('usage: node tests/api/schema-check.mjs OPENAPI.json RECORD.jsonl...');
	process.exit(2);
}

const doc = JSON.parse(readFileSync(docPath, 'utf8'));
const base = 'https://s40.invalid/openapi.json';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
// OpenAPI's own formats of binary content, which a JSON body never holds.
ajv.addFormat('binary', true);
// The document's schemas under one base, so that "#/components/schemas/X" resolves.
ajv.addSchema({ $id: base, components: doc.components });

// A copy of a schema whose local references point into the document.
function anchored(schema)
{
	if (Array.isArray(schema))
		return schema.map(anchored);
	if (schema === null || typeof schema !== 'object')
		return schema;
	const out = {};
	for (const [k, v] of Object.entries(schema))
		out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? base + v
										    : anchored(v);
	return out;
}

const validators = new Map(); // "METHOD template status type" → compiled schema
function validator(key, schema)
{
	if (!validators.has(key))
		validators.set(key, ajv.compile(anchored(schema)));
	return validators.get(key);
}

// The operations, the templates with fewer parameters first (a literal segment wins).
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const operations = [];
for (const [template, item] of Object.entries(doc.paths)) {
	const pattern = new RegExp('^' + template.split('/').map((seg) =>
		/^\{[^}]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join('/') + '$');
	const params = (template.match(/\{/g) || []).length;
	for (const m of methods)
		if (item[m])
			operations.push({ template, method: m.toUpperCase(), op: item[m], pattern,
					  params, seen: 0 });
}
operations.sort((a, b) => a.params - b.params);

const problems = [];
let n = 0;
function fail(x, what)
{
	problems.push(`${x.file}:${x.line}: ${x.method} ${x.path.slice(0, 200)} → ${x.status}: ${what}`);
}

function check(x)
{
	const path = x.path.split('?')[0];
	const media = (x.type || '').split(';')[0].trim().toLowerCase();
	const onPath = operations.filter((o) => o.pattern.test(path));
	const o = onPath.find((o) => o.method === x.method);
	if (!o) {
		// No operation: the server's own answer to an unknown route or method.
		if (![400, 404, 405, 414, 431].includes(x.status) || media !== 'application/problem+json')
			return fail(x, `no operation in the document (${onPath.length ? 'method' :
									  'path'}), and not a problem+json 400, 404, 405, 414 or 431`);
		const v = validator('Problem', { $ref: '#/components/schemas/Problem' });
		if (!v(x.body))
			return fail(x, ajv.errorsText(v.errors, { dataVar: 'body' }));
		return;
	}
	o.seen++;
	const responses = o.op.responses || {};
	const status = String(x.status);
	const key = status in responses ? status
		: `${status[0]}XX` in responses ? `${status[0]}XX`
		: 'default' in responses ? 'default' : null;
	if (key === null)
		return fail(x, `status not declared for ${o.method} ${o.template} (declared: ${Object.keys(responses).join(', ')})`);
	const content = responses[key].content || {};
	if (Object.keys(content).length === 0) {
		if (media !== '' && x.body !== undefined)
			fail(x, `the document declares no content for ${key}, the answer is ${media}`);
		return;
	}
	if (!(media in content))
		return fail(x, `media type ${media || '(none)'} not declared for ${key} (declared: ${Object.keys(content).join(', ')})`);
	if (!media.endsWith('json'))
		return;
	const schema = content[media].schema;
	if (!schema)
		return;
	const v = validator(`${o.method} ${o.template} ${key} ${media}`, schema);
	if (!v(x.body))
		fail(x, v.errors.map((e) => `${e.instancePath || '(body)'} ${e.message}` +
			(e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''))
			.join('; '));
}

for (const file of records) {
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		if (line.trim() === '')
			continue;
		n++;
		check(JSON.parse(line));
	}
}

const unseen = operations.filter((o) => o.seen === 0);
for (const p of problems)
	console.log(`FAIL ${p}`);
for (const o of unseen)
	console.log(`FAIL not exercised by any API test: ${o.method} ${o.template}`);
console.log(`schema-check: ${n} exchanges, ${operations.length} operations ` +
	    `(${operations.length - unseen.length} exercised), ${problems.length} mismatches`);
process.exit(problems.length || unseen.length ? 1 : 0);
