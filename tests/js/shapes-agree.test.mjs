// The fields the glue reads by name (src/input/shape.rs, reaching the glue as
// its configuration) and the fields the package's TypeScript declares for
// the same inputs (pkg/shouhoubao.d.ts, written in
// crates/shouhoubao-wasm/src/types.d.ts): one list each, and they must be
// the same list. A field added to the readers and
// not to the types, or the other way round, fails here. (The JSON Schema's
// agreement with the shapes is checked natively, src/input/shape.rs.) The
// answers the other way: every golden vector's answer, as the decoder built
// it from the record (crates/shouhoubao-wasm/src/slots.rs), has exactly the
// fields its declared type names, the optional ones only where the type
// allows them.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import ts from 'typescript';
import { glueUrl, loadCases, pkgDir, wasmPath } from './lib/golden.mjs';
import { runCase } from './lib/cases.mjs';

/** The glue's configuration, as the module gave it (after initSync). */
async function glueConfiguration() {
  const api = await import(glueUrl);
  api.initSync({ module: readFileSync(wasmPath) });
  new api.Engine(null, { locale: 'en' }).free(); // the module configures the glue when it first reads an input
  const snippets = join(pkgDir, 'snippets');
  const [snippet] = readdirSync(snippets);
  const boundary = await import(pathToFileURL(join(snippets, snippet, 'js', 'boundary.js')).href);
  return JSON.parse(boundary.configurationForPost());
}

/** The field names of a record shape (`{ record: [[name, shape], …] }`). */
const recordNames = (shape) => shape.record.map(([name]) => name).sort();
/** The shape of field `name` of a record shape. */
const fieldShape = (shape, name) => shape.record.find(([field]) => field === name)[1];

/**
 * The property names TypeScript sees on each named type of
 * pkg/shouhoubao.d.ts; with `{ optional: true }`, `{ all, optional }`: every
 * name, and the names of the optional ones.
 */
function declaredProperties(names, { optional = false } = {}) {
  const file = join(pkgDir, 'shouhoubao.d.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const out = {};
  ts.forEachChild(source, (node) => {
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && names.includes(node.name.text)) {
      const properties = checker.getPropertiesOfType(checker.getTypeAtLocation(node.name));
      const all = properties.map((p) => p.name).sort();
      const optionalOnes = properties
        .filter((p) => (p.flags & ts.SymbolFlags.Optional) !== 0)
        .map((p) => p.name)
        .sort();
      out[node.name.text] = optional ? { all, optional: optionalOnes } : all;
    }
  });
  return out;
}

test('the TypeScript input types declare exactly the fields the glue reads by name', async () => {
  const { shapes } = await glueConfiguration();
  const order = shapes.order;
  const policy = shapes.policy;
  const category = fieldShape(policy, 'categories').value;
  const expected = {
    Order: recordNames(order),
    MerchantPromise: recordNames(fieldShape(order, 'merchantPromises').item),
    PolicySnapshot: recordNames(policy),
    CategorySettings: recordNames(category),
    ThreeGuarantees: recordNames(fieldShape(category, 'threeGuarantees')),
    EngineOptions: recordNames(shapes.options),
  };
  const declared = declaredProperties(Object.keys(expected));
  for (const [type, fields] of Object.entries(expected)) {
    assert.ok(fields.length > 0, `${type}: the shape names no field`);
    assert.deepEqual(declared[type], fields, `${type}: declared in TypeScript vs read by the glue`);
  }
});

/** The declared type of an answer, by its status and reason (the union `Eligibility`). */
function answerType(answer) {
  if (answer.status === 'open' || answer.status === 'support') return 'OpenEligibility';
  if (answer.status === 'pending') return 'PendingEligibility';
  return answer.reason.code === 'EXPIRED' ? 'ExpiredEligibility' : 'OrderClosedEligibility';
}

/** Problems of `value`'s own keys against a declared type: a key it lacks, or one it has not. */
function keyProblems(value, declared, where) {
  const keys = Object.keys(value);
  const missing = declared.all.filter((k) => !declared.optional.includes(k) && !keys.includes(k));
  const extra = keys.filter((k) => !declared.all.includes(k));
  return [...missing.map((k) => `${where}: no \`${k}\``), ...extra.map((k) => `${where}: \`${k}\` is not declared`)];
}

test('every answer has exactly the fields its TypeScript type declares', async () => {
  const api = await import(glueUrl);
  api.initSync({ module: readFileSync(wasmPath) });
  const types = [
    'OpenEligibility',
    'PendingEligibility',
    'OrderClosedEligibility',
    'ExpiredEligibility',
    'Reason',
    'EligibilityWindow',
    'WindowBasis',
  ];
  const declared = declaredProperties(types, { optional: true });
  const problems = [];
  const seen = new Set();
  for (const c of loadCases()) {
    const { answer } = runCase(api, c);
    if (!answer) continue;
    const type = answerType(answer);
    seen.add(type);
    problems.push(...keyProblems(answer, declared[type], `${c.name} (${type})`));
    problems.push(...keyProblems(answer.reason, declared.Reason, `${c.name}: reason`));
    for (const [i, w] of answer.windows.entries()) {
      seen.add(w.part === undefined ? 'window' : 'window with a part');
      if (w.promise !== undefined) seen.add('window with a promise');
      problems.push(...keyProblems(w, declared.EligibilityWindow, `${c.name}: windows[${i}]`));
      problems.push(...keyProblems(w.basis, declared.WindowBasis, `${c.name}: windows[${i}].basis`));
    }
  }
  assert.deepEqual(problems, []);
  // The vectors reach every kind of answer and window, so every type was held to something.
  assert.deepEqual(
    [...seen].sort(),
    [...types.slice(0, 4), 'window', 'window with a part', 'window with a promise'].sort(),
  );
});
