// Policies and orders at Taobao's scale, and broken ones, through
// `new Engine(policy)` and `evaluate`: how long the checks take, and that a
// limit answers with its error at once instead of freezing the page. Plain ES
// module, shared by Node (`node perf/policy-sizes.mjs`) and JavaScriptCore
// (`jsc [--useJIT=false] -m perf/policy-sizes.mjs`, through the
// mini-program build). Prints a Markdown table.

/* global print, read */

const BASE = { version: 'size', entryDays: 15 };
const NOW = Date.parse('2026-06-01T00:00:00+08:00');

/** A tree of `roots` roots, each with `fan` children per level, `levels` deep. */
function tree(roots, fan, levels) {
  const categories = {};
  const grow = (name, level) => {
    if (level === levels) return;
    for (let i = 0; i < fan[level]; i++) {
      const child = `${name}.${i}`;
      categories[child] =
        level === 1
          ? {
              parent: name,
              threeGuarantees: { returnDays: 7, exchangeDays: 15, warrantyMonths: 12, parts: { battery: 6 } },
            }
          : { parent: name };
      grow(child, level + 1);
    }
  };
  for (let r = 0; r < roots; r++) {
    categories[`r${r}`] = { entryDays: 180 };
    grow(`r${r}`, 1);
  }
  return { ...BASE, categories };
}

/** A line of `n` categories, each the parent of the next. */
function chain(n) {
  const categories = {};
  for (let i = 0; i < n; i++)
    categories[`c${String(i).padStart(6, '0')}`] = i === 0 ? {} : { parent: `c${String(i - 1).padStart(6, '0')}` };
  return { ...BASE, categories };
}

function days(n, from) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(new Date(from + i * 86_400_000).toISOString().slice(0, 10));
  return out;
}

/** The cases: a label, what to build, and the error path a limit must give (or null). */
export function sizeCases() {
  const big = tree(20, [null, 10, 10, 50], 4); // 20 × (1 + 10 + 100 + 5,000) = 102,220 categories
  const over = chain(1);
  for (let i = 0; i < 200_001; i++) over.categories[`x${i}`] = {};
  const promises = [];
  for (let i = 0; i < 100_000; i++) promises.push({ service: 'repair', days: 30, from: 'success' });
  return [
    {
      label: `a tree of ${Object.keys(big.categories).length.toLocaleString('en-US')} categories (20 roots, 4 levels)`,
      policy: big,
    },
    { label: 'a parent chain of 64 (the depth limit)', policy: chain(64) },
    { label: 'a parent chain of 300 (over the limit)', policy: chain(300), error: 'categories.c000064.parent' },
    { label: 'a parent chain of 1,000', policy: chain(1000), error: 'categories.c000064.parent' },
    { label: 'a parent chain of 10,000', policy: chain(10_000), error: 'categories.c000064.parent' },
    { label: '200,001 categories (over the limit of 200,000)', policy: over, error: 'categories' },
    {
      label: '100,000 holidays and 100,000 workdays (at the limits)',
      policy: { ...BASE, holidays: days(100_000, Date.UTC(1800, 0, 1)), workdays: days(100_000, Date.UTC(2100, 0, 1)) },
    },
    {
      label: '100,001 holidays (over the limit)',
      policy: { ...BASE, holidays: days(100_001, Date.UTC(1800, 0, 1)) },
      error: 'holidays',
    },
    {
      label: 'an order with 100,000 merchant promises (limit 100)',
      policy: BASE,
      order: {
        id: 'P',
        category: 'x',
        status: 'success',
        successAt: '2026-05-01T10:00:00+08:00',
        merchantPromises: promises,
      },
      error: 'merchantPromises',
    },
  ];
}

/** The median of `runs` timings of `fn`, and what it last gave. */
function timed(fn, clock, runs) {
  const times = [];
  let outcome = '';
  for (let r = 0; r < runs; r++) {
    const t0 = clock();
    outcome = fn();
    times.push(clock() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1], outcome };
}

/** `new E(policy)` (and `evaluate` for the order): 'built', or the error's code and path. */
function build(E, c) {
  try {
    const engine = new E(c.policy);
    if (c.order) engine.evaluate(c.order, NOW);
    engine.free?.();
    return 'built';
  } catch (e) {
    return `${e.code} at \`${e.path}\``;
  }
}

/** Every own key and value under `v`, as any reader of the policy must visit them. */
function walk(v) {
  let n = 1;
  if (v !== null && typeof v === 'object') {
    for (const key of Object.keys(v)) n += walk(v[key]);
  }
  return n;
}

/**
 * Runs every case `runs` times, through the package's `Engine` and, when
 * given, `PlainEngine` (the same contract in plain JS): [{ label, ms,
 * plainMs, outcome, ok }], medians.
 */
export function runSizes(Engine, clock, runs = 3, PlainEngine = null) {
  const rows = [];
  for (const c of sizeCases()) {
    const { ms, outcome } = timed(() => build(Engine, c), clock, runs);
    const plainMs = PlainEngine ? timed(() => build(PlainEngine, c), clock, runs).ms : null;
    const expected = c.error ? `INVALID_${c.order ? 'ORDER' : 'POLICY'} at \`${c.error}\`` : 'built';
    rows.push({ label: c.label, ms, plainMs, outcome, ok: outcome === expected });
  }
  return rows;
}

/**
 * What reading the largest tree costs before any engine's work, in this
 * runtime: a walk of its objects (`Object.keys` and every value), and
 * `JSON.stringify` of it. No reader of a JS value can go below the first.
 */
export function floors(clock, runs = 3) {
  const big = sizeCases()[0].policy;
  return [
    { label: "a walk of the tree's objects (`Object.keys`, every value)", ms: timed(() => walk(big), clock, runs).ms },
    { label: '`JSON.stringify` of the tree', ms: timed(() => JSON.stringify(big).length, clock, runs).ms },
  ];
}

const ms = (x) => (x === null ? '—' : `${x.toFixed(x < 10 ? 2 : 0)} ms`);

export function sizeTable(title, rows, floorRows = []) {
  const lines = [
    `### ${title}`,
    '',
    '| policy | `new Engine(policy)` (median of 3) | `new PlainEngine(policy)` | outcome |',
    '|---|---:|---:|---|',
  ];
  for (const r of rows)
    lines.push(`| ${r.label} | ${ms(r.ms)} | ${ms(r.plainMs)} | ${r.ok ? '' : '**unexpected:** '}${r.outcome} |`);
  if (floorRows.length) {
    lines.push('', 'The floor under the first row, in this runtime:', '');
    for (const f of floorRows) lines.push(`- ${f.label}: ${ms(f.ms)}`);
  }
  return lines.join('\n');
}

// Run directly: in Node with pkg/, or in jsc with the mini-program build.
if (typeof print === 'function' && typeof read === 'function') {
  const { requireFile, now } = await import('../tests/jsc/wechat.mjs');
  const { PlainEngine } = await import('../tests/oracle/plain-engine.mjs');
  const shouhoubao = requireFile('pkg/miniprogram/index.js');
  await shouhoubao.load({ path: 'pkg/miniprogram/shouhoubao_bg.wasm' });
  const label = (typeof arguments !== 'undefined' && arguments[0]) || 'jsc'; // eslint-disable-line no-undef
  print(
    sizeTable(
      `Policy sizes — JavaScriptCore (${label})`,
      runSizes(shouhoubao.Engine, now, 3, PlainEngine),
      floors(now),
    ),
  );
} else if (typeof process !== 'undefined' && import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import('node:fs');
  const { PlainEngine } = await import('../tests/oracle/plain-engine.mjs');
  const api = await import(new URL('../pkg/shouhoubao.js', import.meta.url));
  api.initSync({ module: readFileSync(new URL('../pkg/shouhoubao_bg.wasm', import.meta.url)) });
  const clock = () => performance.now();
  console.log(
    sizeTable(`Policy sizes — Node ${process.version}`, runSizes(api.Engine, clock, 3, PlainEngine), floors(clock)),
  );
}
