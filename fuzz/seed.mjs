// Seeds the fuzz corpora from the golden vectors (tests/vectors/*.json), the
// embedded default policy and examples/orders.jsonl. Idempotent: a seed's
// file name is the SHA-1 of its bytes, so re-running adds nothing new and
// never touches what the fuzzer has found since.
//
//   node fuzz/seed.mjs            (from the repository root, or anywhere)
//
// corpus/policy/         every named and inline policy, and the default one
// corpus/order_default/  every vector's order, prefixed by its `now` as 8 bytes
//                        (i64 little endian; an f64's bits when `now` is not
//                        a whole number in i64 range — see split_now)
// corpus/json/           every order and policy text, and a few edge texts
// corpus/order_policy/   nothing: its inputs are structured (arbitrary), not JSON

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fuzzDir = dirname(fileURLToPath(import.meta.url));
const root = join(fuzzDir, '..');
const corpus = (target) => {
  const dir = join(fuzzDir, 'corpus', target);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const counts = {};
const write = (target, bytes) => {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
  const file = join(corpus(target), `seed-${createHash('sha1').update(buf).digest('hex')}`);
  counts[target] ??= { total: 0, added: 0 };
  counts[target].total += 1;
  if (!existsSync(file)) {
    writeFileSync(file, buf);
    counts[target].added += 1;
  }
};

const nowPrefix = (now) => {
  const buf = Buffer.alloc(8);
  if (Number.isInteger(now) && now >= -(2 ** 63) && now < 2 ** 63) {
    buf.writeBigInt64LE(BigInt(now));
  } else {
    buf.writeDoubleLE(now);
  }
  return buf;
};

const DEFAULT_NOW = 1631671200000; // 2021-09-15T10:00:00+08:00
const orders = [];
const policies = [readFileSync(join(root, 'src/policy/default.json'), 'utf8')];

const vectorDir = join(root, 'tests/vectors');
for (const name of readdirSync(vectorDir).filter((f) => f.endsWith('.json')).sort()) {
  const file = JSON.parse(readFileSync(join(vectorDir, name), 'utf8'));
  for (const policy of Object.values(file.policies ?? {})) policies.push(JSON.stringify(policy));
  for (const c of file.cases ?? []) {
    if (c.policy !== null && typeof c.policy === 'object') policies.push(JSON.stringify(c.policy));
    if ('order' in c) orders.push({ text: JSON.stringify(c.order), now: c.now ?? DEFAULT_NOW });
  }
}
const jsonl = join(root, 'examples/orders.jsonl');
if (existsSync(jsonl)) {
  for (const line of readFileSync(jsonl, 'utf8').split('\n')) {
    if (line.trim()) orders.push({ text: line, now: DEFAULT_NOW });
  }
}

for (const p of policies) {
  write('policy', p);
  write('json', p);
}
for (const { text, now } of orders) {
  write('order_default', Buffer.concat([nowPrefix(now), Buffer.from(text, 'utf8')]));
  write('json', text);
}
const nest = (n) => '['.repeat(n) + ']'.repeat(n);
for (const edge of [
  nest(64),
  nest(65),
  '{"a":1,"a":2}',
  '{"a":{"b":1,"b":1}}',
  '"\\ud83d\\ude00\\u0000"',
  '-0.0e-0',
  '1e999',
  '[1,]',
  ' {"k" : [true,false,null, 1.5E+3 ] } ',
]) {
  write('json', edge);
}
corpus('order_policy');

for (const [target, { total, added }] of Object.entries(counts)) {
  console.log(`seed: ${target}: ${total} seeds, ${added} new`);
}
