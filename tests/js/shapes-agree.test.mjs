// The fields the glue reads by name (src/input/shape.rs, reaching the glue as
// its configuration) and the fields the package's TypeScript declares for
// the same inputs (pkg/shouhoubao.d.ts, written in
// crates/shouhoubao-wasm/src/types.d.ts): one list each, and they must be
// the same list. A field added to the readers and
// not to the types, or the other way round, fails here. (The JSON Schema's
// agreement with the shapes is checked natively, src/input/shape.rs.)

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import ts from 'typescript';
import { glueUrl, pkgDir, wasmPath } from './lib/golden.mjs';

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

/** The property names TypeScript sees on each named type of pkg/shouhoubao.d.ts. */
function declaredProperties(names) {
  const file = join(pkgDir, 'shouhoubao.d.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const out = {};
  ts.forEachChild(source, (node) => {
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && names.includes(node.name.text)) {
      const type = checker.getTypeAtLocation(node.name);
      out[node.name.text] = checker
        .getPropertiesOfType(type)
        .map((p) => p.name)
        .sort();
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
