// The device's time zone never changes an answer (contract §1). The Node
// suites pass under Asia/Shanghai, UTC, America/Los_Angeles and
// Pacific/Kiritimati (UTC+14); every golden vector gives byte-identical
// output in each zone, in Node and in Chromium; and the demo page's e2e test
// passes under two far-apart zones.
//
//   node --test tests/js/tz.test.mjs       (pkg/ built: scripts/build-pkg.sh)

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { glueUrl, loadCases, pkgDir, root, wasmPath } from './lib/golden.mjs';
import { chromiumOptions } from './lib/chromium.mjs';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'];
const BROWSER_ZONES = ['America/Los_Angeles', 'Pacific/Kiritimati'];
const SUITES = ['tests/js/api.test.mjs', 'tests/js/miniprogram.test.mjs', 'tests/js/oracle.test.mjs'].filter((f) =>
  existsSync(join(root, f)),
);

// A child must not believe it is one of this runner's test files.
const childEnv = (zone) => {
  const env = { ...process.env, TZ: zone };
  delete env.NODE_TEST_CONTEXT;
  return env;
};

/** Runs a command to its end: { code, signal, stdout, stderr, ms }. */
function run(command, args, { env, timeout = 180_000 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** One after the other: a lane of jobs. */
function lane() {
  let tail = Promise.resolve();
  return (job) => {
    const result = tail.then(job, job);
    tail = result.catch(() => {});
    return result;
  };
}

/** The summary lines and the failing tests of a `node --test` run, for a failure message. */
function summary(result) {
  const lines = result.stdout.split('\n');
  const failing = lines.filter((l) => /^\s*not ok /.test(l)).slice(0, 20);
  const totals = lines.filter((l) => /^# (tests|pass|fail|cancelled) /.test(l));
  return [
    `exit ${result.code}${result.signal ? ` (${result.signal})` : ''} after ${result.ms} ms`,
    ...totals,
    ...failing,
    result.stderr.slice(-2000),
  ].join('\n');
}

// Started at once; the tests below wait for them. Three lanes: two for the
// suites, one for the e2e runs (which write the same screenshots, so they
// never overlap each other).
const suiteLanes = [lane(), lane()];
const e2eLane = lane();
const suiteRuns = new Map(
  ZONES.map((zone, i) => [
    zone,
    suiteLanes[i % 2](() => run(process.execPath, ['--test', ...SUITES], { env: childEnv(zone) })),
  ]),
);
const e2eRuns = new Map(
  BROWSER_ZONES.map((zone) => [
    zone,
    e2eLane(() => run(process.execPath, ['--test', 'tests/e2e/'], { env: childEnv(zone) })),
  ]),
);

// ------------------------------------------------------------------ golden outcomes

/** The outcome of every golden case as one JSON text per case (answer, or the error's fields). */
const OUTCOMES_SOURCE = `
  globalThis.goldenOutcomes = (api, cases) => cases.map((c) => {
    try {
      const engine = new api.Engine(c.policy, c.locale === undefined ? undefined : { locale: c.locale });
      try {
        const one = engine.evaluate(c.order, c.now);
        const many = engine.evaluateMany([c.order, c.order], c.now);
        return JSON.stringify({ name: c.name, answer: one, many, top: c.locale === undefined ? api.evaluate(c.order, c.policy, c.now) : null });
      } finally {
        engine.free();
      }
    } catch (e) {
      return JSON.stringify({ name: c.name, error: { name: e?.name, code: e?.code, path: e?.path, message: e?.message, isError: e instanceof Error } });
    }
  });
`;
new Function(OUTCOMES_SOURCE)();

const cases = loadCases();
const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });
const reference = globalThis.goldenOutcomes(api, cases);

/** The zone a child or page reports, and its offset on two dates (so the zone is really in force). */
const ZONE_PROBE =
  '[Intl.DateTimeFormat().resolvedOptions().timeZone, new Date(Date.UTC(2021, 0, 1)).getTimezoneOffset(), new Date(Date.UTC(2021, 6, 1)).getTimezoneOffset()]';
const EXPECTED_OFFSETS = {
  'Asia/Shanghai': [-480, -480],
  UTC: [0, 0],
  'America/Los_Angeles': [480, 420],
  'Pacific/Kiritimati': [-840, -840],
};
const sameZone = (reported, zone) =>
  reported === zone || (zone === 'UTC' && ['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT'].includes(reported));

const goldenChild = `
  import { readFileSync } from 'node:fs';
  const { loadCases, glueUrl, wasmPath } = await import(${JSON.stringify(new URL('./lib/golden.mjs', import.meta.url).href)});
  ${OUTCOMES_SOURCE}
  const api = await import(glueUrl);
  api.initSync({ module: readFileSync(wasmPath) });
  process.stdout.write(JSON.stringify({ zone: ${ZONE_PROBE}, outcomes: globalThis.goldenOutcomes(api, loadCases()) }));
`;

describe('Node: every golden vector, byte-identical in every zone', () => {
  const children = new Map(
    ZONES.map((zone) => [
      zone,
      run(process.execPath, ['--input-type=module', '-e', goldenChild], { env: childEnv(zone), timeout: 120_000 }),
    ]),
  );

  test(`${cases.length} golden cases in this process`, () => {
    assert.ok(cases.length > 100);
    assert.equal(reference.length, cases.length);
  });

  for (const zone of ZONES) {
    test(`TZ=${zone}`, async () => {
      const r = await children.get(zone);
      assert.equal(r.code, 0, r.stderr);
      const {
        zone: [reported, january, july],
        outcomes,
      } = JSON.parse(r.stdout);
      assert.ok(sameZone(reported, zone), `the child runs in ${reported}, not ${zone}`);
      assert.deepStrictEqual([january, july], EXPECTED_OFFSETS[zone], `the child's offsets in ${zone}`);
      assert.equal(outcomes.length, reference.length);
      const differing = outcomes
        .map((o, i) =>
          o === reference[i]
            ? null
            : `${cases[i].name}:\n  ${zone}: ${o.slice(0, 300)}\n  here: ${reference[i].slice(0, 300)}`,
        )
        .filter(Boolean);
      assert.deepStrictEqual(differing, [], `${differing.length} case(s) differ under TZ=${zone}`);
    });
  }
});

// ------------------------------------------------------------------ Chromium

describe('Chromium: the golden vectors in a page, identical to Node, under two zones', () => {
  let server;
  let origin;
  const TYPES = {
    '.js': 'text/javascript; charset=utf-8',
    '.wasm': 'application/wasm',
    '.html': 'text/html; charset=utf-8',
    '.json': 'application/json',
  };

  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': TYPES['.html'] });
        res.end('<!doctype html><meta charset="utf-8"><title>tz</title><p>tz</p>');
        return;
      }
      const rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
      if (!rel.startsWith(`pkg${sep}`) || rel.includes('..')) {
        res.writeHead(404).end();
        return;
      }
      const file = join(pkgDir, rel.slice(4));
      if (!existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${server.address().port}`;
  });

  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  for (const zone of BROWSER_ZONES) {
    test(`TZ=${zone}`, async () => {
      const browser = await chromium.launch(chromiumOptions({ env: childEnv(zone) }));
      try {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${origin}/`);
        const [reported, january, july] = await page.evaluate(ZONE_PROBE);
        assert.ok(sameZone(reported, zone), `the page runs in ${reported}, not ${zone}`);
        assert.deepStrictEqual([january, july], EXPECTED_OFFSETS[zone]);
        const outcomes = await page.evaluate(
          async ({ source, cases: all }) => {
            new Function(source)();
            const api = await import('/pkg/shouhoubao.js');
            await api.default();
            return globalThis.goldenOutcomes(api, all);
          },
          { source: OUTCOMES_SOURCE, cases },
        );
        assert.deepStrictEqual(errors, []);
        assert.equal(outcomes.length, reference.length);
        const differing = outcomes
          .map((o, i) =>
            o === reference[i]
              ? null
              : `${cases[i].name}:\n  Chromium: ${o.slice(0, 300)}\n  Node:     ${reference[i].slice(0, 300)}`,
          )
          .filter(Boolean);
        assert.deepStrictEqual(differing, [], `${differing.length} case(s) differ in Chromium under TZ=${zone}`);
      } finally {
        await browser.close();
      }
    });
  }
});

// ------------------------------------------------------------------ the suites

describe(`the Node suites (${SUITES.join(', ')}) under every zone`, () => {
  for (const zone of ZONES) {
    test(`TZ=${zone}`, async () => {
      const r = await suiteRuns.get(zone);
      assert.equal(r.code, 0, summary(r));
      assert.match(r.stdout, /^# fail 0$/m, summary(r));
    });
  }
});

/** The names of the tests a `node --test` run reports as not ok (its own failures, todo included). */
const notOk = (result) =>
  result.stdout
    .split('\n')
    .map((l) => /^\s*not ok \d+ - (.*)$/.exec(l)?.[1])
    .filter(Boolean)
    .sort();

test('the same tests fail (if any) in every zone: no failure depends on the zone', async () => {
  const byZone = await Promise.all(ZONES.map(async (zone) => [zone, notOk(await suiteRuns.get(zone))]));
  const [, first] = byZone[0];
  for (const [zone, names] of byZone.slice(1)) {
    assert.deepStrictEqual(names, first, `not ok under ${zone} vs ${byZone[0][0]}`);
  }
});

describe('the demo page end to end (tests/e2e/) under two zones', () => {
  for (const zone of BROWSER_ZONES) {
    test(`TZ=${zone}`, async () => {
      const r = await e2eRuns.get(zone);
      assert.equal(r.code, 0, summary(r));
      assert.match(r.stdout, /^# fail 0$/m, summary(r));
    });
  }
});
