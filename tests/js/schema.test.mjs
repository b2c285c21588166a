// The published JSON Schema of the policy snapshot (pkg/policy.schema.json,
// generated from the Rust input types by schemars) against the golden
// vectors, through Ajv, a validator a server team in another language would
// use the like of: every policy the engine accepts validates, and every
// policy the engine refuses for its form (a type, a range, a date's syntax, a
// missing field) is refused by the schema too, at the same path. What only
// the engine can check — unknown parents, parent cycles, a date that is both
// a holiday and a workday — the schema must accept.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadCases, pkgDir, root } from './lib/golden.mjs';

const schema = JSON.parse(readFileSync(join(pkgDir, 'policy.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);
const DEFAULT_POLICY = JSON.parse(readFileSync(join(root, 'src', 'policy', 'default.json'), 'utf8'));

/**
 * The engine's path (`categories.tv.parent`, `holidays[2]`,
 * `categories["a.b"].parent`: contract 3, §7) for an Ajv error.
 */
function enginePath(error, data) {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'required') segments.push(error.params.missingProperty);
  let path = '';
  let value = data;
  for (const segment of segments) {
    const awkward = segment === '' || /[.[\]"]/.test(segment);
    if (Array.isArray(value)) path = `${path}[${segment}]`;
    else if (awkward) path = `${path}[${JSON.stringify(segment)}]`;
    else path = path === '' ? segment : `${path}.${segment}`;
    value = value?.[segment];
  }
  return path;
}

/** Faults that are relations between fields, which no schema states. */
function isRelational(c) {
  const path = c.error.path;
  // categories.NAME.parent, or categories["NAME"].parent for an awkward name.
  const parent = /^categories(?:\.(.*)|\[(".*")\])\.parent$/.exec(path);
  if (parent) {
    const name = parent[1] ?? JSON.parse(parent[2]);
    return typeof c.policy.categories?.[name]?.parent === 'string';
  }
  // holidaysPublishedFrom later than holidaysPublishedThrough.
  if (path === 'holidaysPublishedFrom') {
    const { holidaysPublishedFrom: from, holidaysPublishedThrough: through } = c.policy;
    return (
      typeof from === 'string' && typeof through === 'string' && from > through && /^\d{4}-\d{2}-\d{2}$/.test(from)
    );
  }
  const workday = /^workdays\[(\d+)\]$/.exec(path);
  if (workday) {
    const date = c.policy.workdays[Number(workday[1])];
    return (c.policy.holidays ?? []).includes(date);
  }
  return false;
}

const cases = loadCases();
const accepted = new Map([['default', DEFAULT_POLICY]]);
for (const c of cases) if (c.expect !== undefined && c.policy !== undefined) accepted.set(c.policyKey, c.policy);
const refused = cases.filter((c) => c.error?.code === 'INVALID_POLICY');

test('the package ships the schema docs/ publishes', () => {
  const docs = JSON.parse(readFileSync(join(root, 'docs', 'policy.schema.json'), 'utf8'));
  assert.deepStrictEqual(schema, docs);
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(manifest.exports['./policy.schema.json'], './policy.schema.json');
  assert.ok(manifest.files.includes('policy.schema.json'));
});

test('every policy the golden vectors answer with validates', () => {
  assert.ok(accepted.size >= 5, `only ${accepted.size} policies`);
  for (const [key, policy] of accepted) {
    assert.ok(validate(policy), `${key}: ${ajv.errorsText(validate.errors)}`);
  }
});

test('every policy refused for its form is refused by the schema at the same path', () => {
  let formFaults = 0;
  let relational = 0;
  for (const c of refused) {
    if (typeof c.policy !== 'object' || c.policy === null) continue;
    const valid = validate(c.policy);
    if (isRelational(c)) {
      // Not the schema's to see (the policy may still break it elsewhere).
      relational += 1;
      const paths = valid ? [] : validate.errors.map((e) => enginePath(e, c.policy));
      assert.ok(!paths.includes(c.error.path), `${c.name}: the schema reports the relational fault at ${c.error.path}`);
      continue;
    }
    formFaults += 1;
    assert.ok(!valid, `${c.name}: the schema accepts a policy the engine refuses at ${c.error.path}`);
    const paths = validate.errors.map((e) => enginePath(e, c.policy));
    assert.ok(
      paths.includes(c.error.path),
      `${c.name}: the engine says ${c.error.path}, the schema ${JSON.stringify(paths)}`,
    );
  }
  assert.ok(formFaults >= 15, `only ${formFaults} form faults among the vectors`);
  assert.ok(relational >= 3, `only ${relational} relational faults among the vectors`);
});

test('the schema states the v2 fields and the limits', () => {
  const base = { version: 'v', entryDays: 15 };
  const ok = (extra) => validate({ ...base, ...extra });
  assert.ok(ok({ weekends: false, workdays: ['2026-10-10'], holidaysPublishedThrough: '2026-12-31' }));
  assert.ok(ok({ weekends: null, workdays: null, holidaysPublishedThrough: null }), 'null counts as absent');
  assert.ok(!ok({ weekends: 'true' }));
  assert.ok(!ok({ workdays: '2026-10-10' }));
  assert.ok(!ok({ workdays: ['2026-02-30'] }), 'an impossible date');
  assert.ok(!ok({ holidaysPublishedThrough: '2026-12-31T00:00:00+08:00' }), 'an instant is not a date');
  assert.ok(!ok({ holidays: Array(100_001).fill('2026-10-01') }), 'the list limit');
  assert.ok(ok({ entryDays: 36_525 }) && !ok({ entryDays: 36_526 }) && !ok({ entryDays: 1.5 }));
  assert.ok(ok({ entryDays: 15.0, utcOffsetMinutes: -720 }) && !ok({ utcOffsetMinutes: 841 }));
  assert.ok(ok({ note: 'unknown fields are ignored' }));
});
