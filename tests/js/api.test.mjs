// The JS API of pkg/ (contract §7) in Node: every golden vector, and the same
// input through the native CLI, which must give the very same answer.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  checkOutcome,
  cliErrorText,
  cliOutcomes,
  glueUrl,
  loadCases,
  pkgDir,
  root,
  runCase,
  runCli,
  shapeProblems,
  wasmPath,
} from './lib/golden.mjs';

const api = await import(glueUrl);
api.initSync({ module: readFileSync(wasmPath) });
const { Engine, evaluate, defaultPolicy, version } = api;

const cases = loadCases();
const { outcomes: cli, processes } = await cliOutcomes(cases);

const DAY = 86_400_000;
// 2021-09-15T10:00:00+08:00
const NOW = 1631671200000;
const order = (id, extra = {}) => ({
  id,
  category: 'apparel',
  status: 'success',
  successAt: '2021-09-10T10:00:00+08:00',
  ...extra,
});

/** Asserts `fn` throws an Error with this code and path; returns it. */
function throwsEngineError(fn, code, path) {
  let thrown;
  assert.throws(fn, (e) => {
    thrown = e;
    return true;
  });
  assert.ok(thrown instanceof Error, `an Error, not ${thrown}`);
  assert.equal(thrown.code, code, thrown.message);
  if (path instanceof RegExp) assert.match(thrown.path, path);
  else assert.equal(thrown.path, path, `${thrown.code}: ${thrown.message}`);
  assert.equal(typeof thrown.message, 'string');
  assert.ok(thrown.message.length > 0);
  return thrown;
}

const messageDifferences = [];

describe('golden vectors through the JS API, and the same through the CLI', () => {
  test(`${cases.length} cases, ${processes} CLI runs`, () => {
    assert.ok(cases.length > 100, 'the vector files hold the cases');
    assert.ok(processes < cases.length, 'the CLI runs are batched');
  });

  for (const file of [...new Set(cases.map((c) => c.file))]) {
    describe(file, () => {
      for (const c of cases.filter((x) => x.file === file)) {
        test(c.name, (t) => {
          const outcome = runCase(api, c);
          const failure = checkOutcome(c, outcome);
          assert.equal(failure, null, `${c.name}: ${failure}`);

          const native = cli.get(c.name);
          assert.ok(native, 'the CLI answered this case');
          if ('answer' in outcome) {
            assert.ok('line' in native, `the CLI failed: ${JSON.stringify(native)}`);
            assert.deepStrictEqual(outcome.answer, native.line, 'the JS answer is the CLI answer');
            assert.equal(
              JSON.stringify(outcome.answer),
              JSON.stringify(native.line),
              'and its fields come in the same order',
            );
            return;
          }
          // Errors: the same code, path and slot. The messages come from two
          // readers of the input (serde_json's text in the CLI, the glue's
          // tape in wasm) and may word a type error differently: reported,
          // not failed.
          const e = outcome.thrown;
          let nativeMessage;
          if (e.code === 'INVALID_ORDER') {
            // The CLI prints the order's own slot, as evaluateMany fills it (without the index).
            const engine = new Engine(c.policy, c.locale === undefined ? undefined : { locale: c.locale });
            const [slot] = engine.evaluateMany([c.order], c.now);
            engine.free();
            assert.ok('line' in native, `the CLI failed: ${JSON.stringify(native)}`);
            const { orderId, error } = native.line;
            assert.deepStrictEqual(
              { orderId, code: error.code, path: error.path },
              { orderId: slot.orderId, code: e.code, path: e.path },
            );
            assert.deepStrictEqual(Object.keys(native.line).sort(), ['error', 'ok', 'orderId']);
            assert.equal(native.line.ok, false);
            nativeMessage = error.message;
          } else if (e.code === 'INVALID_POLICY' || (e.code === 'INVALID_ARGUMENT' && e.path === 'now')) {
            assert.ok('fatal' in native, `the CLI answered: ${JSON.stringify(native)}`);
            assert.equal(native.fatal.status, 2);
            const prefix =
              e.code === 'INVALID_POLICY'
                ? `shouhoubao: bad policy: ${cliErrorText({ ...e, message: '' })}`
                : 'shouhoubao: --now: ';
            assert.ok(
              native.fatal.stderr.startsWith(prefix),
              `stderr ${JSON.stringify(native.fatal.stderr)} starts with ${JSON.stringify(prefix)}`,
            );
            nativeMessage = native.fatal.stderr.slice(prefix.length).replace(/\n$/, '');
          } else {
            assert.fail(`no CLI counterpart for ${e.code} at ${e.path}`);
          }
          if (nativeMessage !== e.message) {
            messageDifferences.push(c.name);
            t.diagnostic(`message differs: JS ${JSON.stringify(e.message)}, CLI ${JSON.stringify(nativeMessage)}`);
          }
        });
      }
    });
  }
});

test('error messages where JS and the CLI word them differently (diagnostic)', (t) => {
  t.diagnostic(
    `${messageDifferences.length} of ${cases.filter((c) => c.error).length} error cases: ${messageDifferences.join(', ')}`,
  );
});

describe('evaluateMany', () => {
  const engine = new Engine();
  const batch = [
    order('M0'),
    { ...order('M1'), id: 4137201234567890 }, // numeric id
    order('M2', { category: 'mobile_phone', invoiceAt: '2021-09-09', deliveredAt: '2021-09-09T18:00:00+08:00' }),
    order('M3', { deliveredAt: '2021-13-01T10:00:00+08:00' }),
    'not an order',
    order('M5', { merchantPromises: [{ service: 'return', days: 30, months: 1, from: 'success' }] }),
    order('M6', { status: 'pending', successAt: null }),
    order('M7', { successAt: null }),
    order('M8', { status: 'closed' }),
  ];
  const results = engine.evaluateMany(batch, NOW);

  test('one slot per order, in order', () => {
    assert.ok(Array.isArray(results));
    assert.equal(results.length, batch.length);
  });

  test('good orders are answered as evaluate answers them', () => {
    for (const i of [0, 2, 6, 8]) {
      assert.deepStrictEqual(results[i], engine.evaluate(batch[i], NOW), `slot ${i}`);
      assert.deepStrictEqual(results[i], evaluate(batch[i], undefined, NOW), `slot ${i} (top-level evaluate)`);
      assert.equal(results[i].orderId, batch[i].id);
    }
  });

  test('a bad order fills its slot with { orderId, error }, the path starting with its index', () => {
    const expected = {
      1: { orderId: null, path: '[1].id' },
      3: { orderId: 'M3', path: '[3].deliveredAt' },
      4: { orderId: null, path: '[4]' },
      5: { orderId: 'M5', path: '[5].merchantPromises[0]' },
      7: { orderId: 'M7', path: '[7].successAt' },
    };
    for (const [i, { orderId, path }] of Object.entries(expected)) {
      const slot = results[i];
      assert.deepStrictEqual(Object.keys(slot).sort(), ['error', 'ok', 'orderId'], `slot ${i}`);
      assert.equal(slot.ok, false, `slot ${i}: ok`);
      assert.equal(slot.orderId, orderId, `slot ${i}`);
      assert.deepStrictEqual(Object.keys(slot.error).sort(), ['code', 'message', 'path']);
      assert.equal(slot.error.code, 'INVALID_ORDER', `slot ${i}`);
      assert.equal(slot.error.path, path, `slot ${i}`);
      // The same error evaluate throws, with the index put before its path.
      const thrown = throwsEngineError(() => engine.evaluate(batch[i], NOW), 'INVALID_ORDER', /.*/);
      const prefixed =
        thrown.path === '' ? `[${i}]` : thrown.path.startsWith('[') ? `[${i}]${thrown.path}` : `[${i}].${thrown.path}`;
      assert.equal(slot.error.path, prefixed);
      assert.equal(slot.error.message, thrown.message);
    }
  });

  test('an empty batch, and the argument errors', () => {
    assert.deepStrictEqual(engine.evaluateMany([], NOW), []);
    throwsEngineError(() => engine.evaluateMany(order('X'), NOW), 'INVALID_ARGUMENT', 'orders');
    throwsEngineError(() => engine.evaluateMany([order('X')], NaN), 'INVALID_ARGUMENT', 'now');
  });
});

describe('thrown errors', () => {
  test('a bad policy is INVALID_POLICY with its path, from the constructor and from evaluate()', () => {
    throwsEngineError(() => new Engine({ version: 'p' }), 'INVALID_POLICY', 'entryDays');
    throwsEngineError(() => new Engine({ entryDays: 15 }), 'INVALID_POLICY', 'version');
    throwsEngineError(
      () => new Engine({ version: 'p', entryDays: 15, categories: { phone: { parent: 'nowhere' } } }),
      'INVALID_POLICY',
      'categories.phone.parent',
    );
    throwsEngineError(
      () => evaluate(order('P1'), { version: 'p', entryDays: 15, holidays: ['2021-02-30'] }, NOW),
      'INVALID_POLICY',
      'holidays[0]',
    );
  });

  test('a bad order is INVALID_ORDER with its path', () => {
    const engine = new Engine();
    throwsEngineError(() => engine.evaluate({ ...order('O1'), id: 1 }, NOW), 'INVALID_ORDER', 'id');
    throwsEngineError(() => engine.evaluate(order('O2', { successAt: undefined }), NOW), 'INVALID_ORDER', 'successAt');
    throwsEngineError(() => engine.evaluate(order('O3', { repairDays: 1.5 }), NOW), 'INVALID_ORDER', 'repairDays');
    throwsEngineError(() => evaluate(order('O4', { status: 'refunded' }), undefined, NOW), 'INVALID_ORDER', 'status');
  });

  test('NaN, ±Infinity and out-of-range now are INVALID_ARGUMENT at "now"', () => {
    const engine = new Engine();
    for (const now of [NaN, Infinity, -Infinity, 1e300, -1e17]) {
      throwsEngineError(() => engine.evaluate(order('N1'), now), 'INVALID_ARGUMENT', 'now');
      throwsEngineError(() => evaluate(order('N1'), undefined, now), 'INVALID_ARGUMENT', 'now');
      throwsEngineError(() => engine.evaluateMany([order('N1')], now), 'INVALID_ARGUMENT', 'now');
    }
  });

  test('a bad locale is INVALID_ARGUMENT', () => {
    for (const locale of ['fr', 'zh_CN', 'EN', 42]) {
      throwsEngineError(() => new Engine(undefined, { locale }), 'INVALID_ARGUMENT', 'options.locale');
    }
    // A locale that cannot be read is an error too, not silently zh-CN.
    const throwing = {
      get locale() {
        throw new Error('no locale for you');
      },
    };
    throwsEngineError(() => new Engine(undefined, throwing), 'INVALID_ARGUMENT', 'options.locale');
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys: () => ['locale'],
        getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
      },
    );
    throwsEngineError(() => new Engine(undefined, proxy), 'INVALID_ARGUMENT', 'options.locale');
    assert.equal(new Engine(undefined, { locale: 'en' }).policyVersion, defaultPolicy().version);
    assert.equal(new Engine(undefined, {}).policyVersion, defaultPolicy().version);
  });

  /** The answer without the words the locale chooses: reason.text, each window's label and basis.text. */
  const withoutWords = (answer) => ({
    ...answer,
    reason: { ...answer.reason, text: '' },
    windows: answer.windows.map((w) => ({ ...w, label: '', basis: { ...w.basis, text: '' } })),
  });
  const HAN = /[\u4e00-\u9fff]/;

  test("the locale changes the words only: reason.text, each window's label and basis.text", () => {
    const zh = new Engine().evaluate(order('L1'), NOW);
    const en = new Engine(undefined, { locale: 'en' }).evaluate(order('L1'), NOW);
    assert.notEqual(zh.reason.text, en.reason.text);
    assert.match(zh.reason.text, HAN);
    assert.doesNotMatch(en.reason.text, HAN);
    assert.ok(zh.windows.length > 0);
    for (const [i, w] of zh.windows.entries()) {
      assert.match(w.label, HAN);
      assert.match(w.basis.text, HAN);
      assert.doesNotMatch(en.windows[i].label, HAN);
      assert.doesNotMatch(en.windows[i].basis.text, HAN);
    }
    assert.deepStrictEqual(withoutWords(en), withoutWords(zh));
  });

  test('setLocale changes the words of later answers and keeps the synced clock; a bad locale is INVALID_ARGUMENT at locale', () => {
    const engine = new Engine();
    const english = new Engine(undefined, { locale: 'en' });
    const chinese = new Engine();
    const serverNow = NOW + 3 * 3600_000;
    engine.syncClock(serverNow);
    const before = engine.evaluate(order('L2'));
    engine.setLocale('en');
    const after = engine.evaluate(order('L2'), NOW);
    assert.deepStrictEqual(after, english.evaluate(order('L2'), NOW));
    // The synced clock survives: calls without now still answer for the server's time.
    const unsynced = (answer) => ({ ...withoutWords(answer), remainingMs: 0 });
    assert.deepStrictEqual(unsynced(engine.evaluate(order('L2'))), unsynced(before));
    assert.ok(Math.abs(engine.now() - serverNow) < 60_000, `now() ${engine.now()} is the server's clock`);
    engine.setLocale('zh-CN');
    assert.deepStrictEqual(engine.evaluate(order('L2'), NOW), chinese.evaluate(order('L2'), NOW));
    for (const bad of ['fr', 'EN', '', null, undefined, 1, {}, { toString: () => 'en' }]) {
      throwsEngineError(() => engine.setLocale(bad), 'INVALID_ARGUMENT', 'locale');
    }
    // A refused locale changes nothing.
    assert.deepStrictEqual(engine.evaluate(order('L2'), NOW), chinese.evaluate(order('L2'), NOW));
  });

  test("now() is the clock calls without now use: the device clock until syncClock, then the server's", () => {
    const engine = new Engine();
    const device = Date.now();
    assert.ok(Math.abs(engine.now() - device) < 60_000);
    const serverNow = device - 5 * 86400_000;
    engine.syncClock(serverNow);
    assert.ok(Math.abs(engine.now() - serverNow) < 60_000, 'five days behind, as the server says');
    assert.equal(typeof engine.now(), 'number');
  });

  test('a bad serverNowMs is INVALID_ARGUMENT', () => {
    throwsEngineError(() => new Engine().syncClock(NaN), 'INVALID_ARGUMENT', 'serverNowMs');
  });
});

describe('syncClock', () => {
  // 2021-09-15T22:00:00+08:00: two hours from midnight, ten from the entry's
  // 10:00 deadline, so a few milliseconds of running time change no day count.
  const serverNow = 1631714400000;
  const subject = order('S1', {
    category: 'mobile_phone',
    deliveredAt: '2021-09-11T15:00:00+08:00',
    merchantPromises: [{ service: 'repair', months: 24, from: 'invoice' }],
  });

  test('after syncClock(serverNow), evaluate() without now answers as evaluate(order, serverNow)', () => {
    for (const engine of [new Engine(), new Engine(undefined, { locale: 'en' })]) {
      const started = Date.now();
      engine.syncClock(serverNow);
      const synced = engine.evaluate(subject);
      const many = engine.evaluateMany([subject]);
      const elapsed = Date.now() - started;
      const fixed = engine.evaluate(subject, serverNow);
      for (const answer of [synced, many[0]]) {
        const { remainingMs, ...rest } = answer;
        const { remainingMs: fixedMs, ...fixedRest } = fixed;
        assert.deepStrictEqual(rest, fixedRest);
        assert.ok(
          remainingMs <= fixedMs && remainingMs >= fixedMs - elapsed - 1,
          `remainingMs ${remainingMs}, expected ${fixedMs} minus at most ${elapsed} ms`,
        );
      }
    }
  });

  test('the correction is per engine, and a later syncClock replaces it', () => {
    const a = new Engine();
    const b = new Engine();
    const threeDaysLater = serverNow + 3 * DAY;
    a.syncClock(serverNow);
    b.syncClock(threeDaysLater);
    assert.equal(a.evaluate(subject).remainingDays, a.evaluate(subject, serverNow).remainingDays);
    assert.equal(b.evaluate(subject).remainingDays, b.evaluate(subject, threeDaysLater).remainingDays);
    assert.notEqual(a.evaluate(subject).remainingDays, b.evaluate(subject).remainingDays);
    const weekLater = serverNow + 7 * DAY;
    a.syncClock(weekLater);
    const { remainingMs, ...rest } = a.evaluate(subject);
    const { remainingMs: fixedMs, ...fixedRest } = a.evaluate(subject, weekLater);
    assert.deepStrictEqual(rest, fixedRest);
    assert.ok(Math.abs(remainingMs - fixedMs) < 5_000);
  });
});

describe('the rest of the API', () => {
  test('defaultPolicy() is the policy `shouhoubao policy` prints', async () => {
    const { status, stdout } = await runCli(['policy']);
    assert.equal(status, 0);
    assert.deepStrictEqual(defaultPolicy(), JSON.parse(stdout));
    // A fresh object each call.
    const p = defaultPolicy();
    p.entryDays = 1;
    assert.notEqual(defaultPolicy().entryDays, 1);
  });

  test('version() is the crate version (Cargo.toml) and the package version', () => {
    const cargo = readFileSync(join(root, 'Cargo.toml'), 'utf8');
    const pkgSection = cargo.split(/^\[/m).find((s) => s.startsWith('package]'));
    const crateVersion = /^version\s*=\s*"([^"]+)"/m.exec(pkgSection)[1];
    assert.equal(version(), crateVersion);
    assert.equal(JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version, crateVersion);
  });

  test('policyVersion is the snapshot version, read-only', () => {
    assert.equal(new Engine().policyVersion, defaultPolicy().version);
    const engine = new Engine({ version: 'shop-7', entryDays: 15 });
    assert.equal(engine.policyVersion, 'shop-7');
    assert.equal(engine.evaluate(order('V1'), NOW).policyVersion, 'shop-7');
    assert.throws(() => {
      engine.policyVersion = 'x';
    }, TypeError);
    assert.equal(engine.policyVersion, 'shop-7');
  });

  test('an engine can be freed, and Symbol.dispose frees it where it exists', () => {
    const engine = new Engine();
    engine.free();
    assert.throws(() => engine.evaluate(order('F1'), NOW));
    if (Symbol.dispose) assert.equal(Engine.prototype[Symbol.dispose], Engine.prototype.free);
  });

  test('Engine answers are plain JSON data', () => {
    const answer = new Engine().evaluate(order('J1', { category: 'mobile_phone', invoiceAt: '2021-09-09' }), NOW);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(answer)), answer);
    assert.ok(answer.windows.length > 0);
    assert.deepStrictEqual(answer.windows.map((w) => shapeProblems({ ...answer, windows: [w] })).flat(), []);
    for (const o of [order('J2', { status: 'pending' }), order('J3', { status: 'closed' })]) {
      const other = new Engine().evaluate(o, NOW);
      assert.equal(other.provisional, false, `${other.status} answers carry provisional: false`);
      assert.deepStrictEqual(Object.keys(other), Object.keys(answer), 'every answer has the same keys');
    }
  });
});

describe('the package', () => {
  test('shouhoubao.d.ts has no `any` in its public API part', () => {
    const dts = readFileSync(join(pkgDir, 'shouhoubao.d.ts'), 'utf8');
    const cut = dts.indexOf('export type InitInput');
    assert.ok(cut > 0, 'the d.ts has `export type InitInput`');
    const code = dts
      .slice(0, cut)
      .replace(/\/\*[\s\S]*?\*\//g, ' ')
      .replace(/\/\/.*$/gm, ' ')
      .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
    const anys = code.split('\n').filter((line) => /\bany\b/.test(line));
    assert.deepStrictEqual(anys, [], 'no `any` in the public declarations');
    for (const name of [
      'Engine',
      'Order',
      'PolicySnapshot',
      'Eligibility',
      'EvaluationResult',
      'EvaluationFailure',
      'EngineError',
      'Status',
      'ReasonCode',
      'EligibilityWindow',
      'WindowBasis',
      'EngineOptions',
    ]) {
      assert.match(code, new RegExp(`export (class|interface|type) ${name}\\b`), name);
    }
    for (const name of ['defaultPolicy', 'evaluate', 'version']) {
      assert.match(code, new RegExp(`export function ${name}\\(`), name);
    }
    // No declaration shadows a DOM global a page's TypeScript knows.
    for (const dom of ['Window', 'Document', 'Event', 'Location', 'Response']) {
      assert.doesNotMatch(
        code,
        new RegExp(`export (class|interface|type) ${dom}\\b`),
        `a type named ${dom} shadows the DOM's`,
      );
    }
  });

  test("DefaultCategory in the declarations is the default policy's categories, and Order.category takes any string too", () => {
    const dts = readFileSync(join(pkgDir, 'shouhoubao.d.ts'), 'utf8');
    const union = /^export type DefaultCategory = (.*);$/m.exec(dts);
    assert.ok(union, 'DefaultCategory is declared');
    const names = [...union[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(names.sort(), Object.keys(defaultPolicy().categories).sort());
    assert.match(dts, /readonly category: DefaultCategory \| \(string & \{\}\);/);
  });

  test('package.json is fit to publish', () => {
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
    assert.equal(manifest.name, 'shouhoubao');
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.license, 'MIT OR Apache-2.0');
    assert.equal(manifest.main, 'index.js');
    assert.equal(manifest.module, 'index.js');
    assert.equal(manifest.types, 'index.d.ts');
    assert.deepStrictEqual(manifest.sideEffects, ['./index.js', './node.js', './node.cjs', './miniprogram/index.js']);
    assert.deepStrictEqual(manifest.engines, { node: '>=20' });
    assert.equal(manifest.miniprogram, 'miniprogram');
    // Node (import and require) gets the entry that loads its own .wasm; everything else index.js.
    assert.deepStrictEqual(manifest.exports['.'], {
      node: {
        import: { types: './node.d.ts', default: './node.js' },
        require: { types: './node.d.cts', default: './node.cjs' },
      },
      types: './index.d.ts',
      import: './index.js',
      default: './index.js',
    });
    assert.deepStrictEqual(manifest.exports['./node'], manifest.exports['.'].node);
    assert.equal(manifest.exports['./shouhoubao_bg.wasm'], './shouhoubao_bg.wasm');
    assert.equal(manifest.exports['./package.json'], './package.json');
    assert.equal(manifest.exports['./miniprogram'].require, './miniprogram/index.js');
    assert.ok(manifest.files.includes('miniprogram/'));
    assert.ok(typeof manifest.description === 'string' && manifest.repository && manifest.keywords.length);
  });

  test('npm pack ships the ES module, the wasm, the types and miniprogram/', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: pkgDir,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    const files = JSON.parse(stdout)[0]
      .files.map((f) => f.path)
      .sort();
    for (const f of [
      'package.json',
      'LICENSE-MIT',
      'LICENSE-APACHE',
      'index.js',
      'index.d.ts',
      'engine.js',
      'engine.d.ts',
      'countdown.js',
      'countdown.d.ts',
      'node.js',
      'node.cjs',
      'node.d.ts',
      'node.d.cts',
      'shouhoubao.js',
      'shouhoubao.d.ts',
      'shouhoubao_bg.wasm',
      'miniprogram/index.js',
      'miniprogram/index.d.ts',
      'miniprogram/shouhoubao.js',
      'miniprogram/shouhoubao.d.ts',
      'miniprogram/text-codec.js',
      'miniprogram/shouhoubao_bg.wasm',
      'miniprogram/package.json',
    ]) {
      assert.ok(files.includes(f), `${f} is packed (packed: ${files.join(', ')})`);
    }
  });

  test('the exports map resolves from a consumer', async () => {
    const { createRequire } = await import('node:module');
    const { mkdtempSync, mkdirSync, symlinkSync, rmSync, realpathSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'shouhoubao-consumer-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(pkgDir, join(dir, 'node_modules', 'shouhoubao'), 'dir');
      const require = createRequire(join(dir, 'index.js'));
      assert.equal(realpathSync(require.resolve('shouhoubao/shouhoubao_bg.wasm')), realpathSync(wasmPath));
      assert.equal(realpathSync(require.resolve('shouhoubao/miniprogram')), join(pkgDir, 'miniprogram', 'index.js'));
      const mini = require('shouhoubao/miniprogram');
      assert.equal(typeof mini.load, 'function');
      assert.equal(typeof mini.Engine, 'function');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('in Node, import and require of shouhoubao (and shouhoubao/node) need no init call', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, mkdirSync, symlinkSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'shouhoubao-node-entry-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(pkgDir, join(dir, 'node_modules', 'shouhoubao'), 'dir');
      const order = JSON.stringify({
        id: 'N1',
        category: 'apparel',
        status: 'success',
        successAt: '2021-09-10T10:00:00+08:00',
      });
      // Each prints what a script gets: an answer at NOW, the same from shouhoubao/node, a typed error.
      const body = (lib) => `
        const engine = new ${lib}.Engine();
        const answer = engine.evaluate(${order}, ${NOW});
        let error = null;
        try { engine.evaluate(null, ${NOW}); } catch (e) { error = { guard: ${lib}.isEngineError(e), code: e.code }; }
        console.log(JSON.stringify({ answer, error, text: ${lib}.formatRemaining(answer, ${NOW}) }));`;
      writeFileSync(
        join(dir, 'esm.mjs'),
        `import * as lib from 'shouhoubao'; import * as node from 'shouhoubao/node';
        if (lib.Engine !== node.Engine) throw new Error('shouhoubao and shouhoubao/node differ in Node');
        await lib.default(); ${body('lib')}`,
      );
      writeFileSync(
        join(dir, 'cjs.cjs'),
        `const lib = require('shouhoubao');
        if (lib !== require('shouhoubao/node')) throw new Error('shouhoubao and shouhoubao/node differ in Node');
        ${body('lib')}`,
      );
      const want = {
        answer: new Engine().evaluate(JSON.parse(order), NOW),
        error: { guard: true, code: 'INVALID_ORDER' },
        text: '剩余 10 天', // successAt + 15 days = 09-25 10:00, ten days after NOW (09-15 10:00)
      };
      for (const script of ['esm.mjs', 'cjs.cjs']) {
        const printed = JSON.parse(execFileSync(process.execPath, [join(dir, script)], { cwd: dir, encoding: 'utf8' }));
        assert.deepStrictEqual(printed, JSON.parse(JSON.stringify(want)), script);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the package entry (pkg/index.js): compact answers and misuse errors', async () => {
  const entry = await import('../../pkg/index.js');
  entry.initSync({ module: readFileSync(new URL('../../pkg/shouhoubao_bg.wasm', import.meta.url)) });
  const orders = [
    {
      id: 'C1',
      category: 'mobile_phone',
      status: 'success',
      successAt: '2021-07-30T11:43:30+08:00',
      invoiceAt: '2021-07-27',
    },
    { id: 'C2', category: 'apparel', status: 'pending' },
    { id: 3, category: 'apparel', status: 'success' },
  ];
  /** The answer with its window list left out, the other keys in order. */
  const withoutWindows = (answer) => Object.fromEntries(Object.entries(answer).filter(([key]) => key !== 'windows'));

  test('{ windows: false }: every field but the window list, in the same order; evaluateMany too', () => {
    const engine = new entry.Engine();
    const full = engine.evaluateMany(orders, NOW);
    const compact = engine.evaluateMany(orders, NOW, { windows: false });
    assert.equal(compact.length, full.length);
    full.forEach((answer, i) => {
      assert.deepStrictEqual(
        Object.keys(compact[i]),
        Object.keys(withoutWindows(answer)),
        `slot ${i}: keys and their order`,
      );
      assert.deepStrictEqual(compact[i], withoutWindows(answer), `slot ${i}`);
    });
    assert.deepStrictEqual(engine.evaluate(orders[0], NOW, { windows: false }), withoutWindows(full[0]));
    // The option is per call: the next call without it has its windows again.
    assert.deepStrictEqual(engine.evaluate(orders[0], NOW), full[0]);
    assert.deepStrictEqual(engine.evaluate(orders[0], NOW, { windows: true }), full[0]);
    for (const [bad, path] of [
      [1, 'options'],
      ['compact', 'options'],
      [{ windows: 0 }, 'options.windows'],
      [{ windows: 'false' }, 'options.windows'],
    ]) {
      throwsEngineError(() => engine.evaluate(orders[0], NOW, bad), 'INVALID_ARGUMENT', path);
    }
    engine.free();
  });

  test('free(): a later call, and a second free, throw ENGINE_FREED; `using` frees once', () => {
    const engine = new entry.Engine();
    engine.free();
    for (const call of [
      () => engine.evaluate(orders[0], NOW),
      () => engine.evaluateMany(orders, NOW),
      () => engine.syncClock(NOW),
      () => engine.setLocale('en'),
      () => engine.now(),
      () => engine.policyVersion,
      () => engine.watch(orders, () => {}),
      () => engine.free(),
    ]) {
      throwsEngineError(call, 'ENGINE_FREED', '');
    }
    const disposed = new entry.Engine();
    disposed[Symbol.dispose]();
    disposed[Symbol.dispose]();
    throwsEngineError(() => disposed.evaluate(orders[0], NOW), 'ENGINE_FREED', '');
  });

  test("isEngineError tells the package's errors from others", () => {
    const engine = new entry.Engine();
    let caught = null;
    try {
      engine.evaluate(null, NOW);
    } catch (e) {
      caught = e;
    }
    assert.equal(entry.isEngineError(caught), true);
    assert.equal(entry.isEngineError(new Error('x')), false);
    assert.equal(entry.isEngineError({ code: 'INVALID_ORDER', path: '' }), false, 'not an Error');
    assert.equal(
      entry.isEngineError(Object.assign(new Error('x'), { code: 'ENOENT', path: '/x' })),
      false,
      'another code',
    );
    engine.free();
  });
});

test('before init(): new Engine(), evaluate, defaultPolicy and version throw NOT_INITIALISED naming the fix', async () => {
  // A fresh process: this one has loaded the module.
  const { execFileSync } = await import('node:child_process');
  const script = `
    const entry = await import(${JSON.stringify(new URL('../../pkg/index.js', import.meta.url).href)});
    const out = [];
    for (const call of [() => new entry.Engine(), () => entry.evaluate({}), () => entry.defaultPolicy(), () => entry.version()]) {
      try { call(); out.push('no error'); } catch (e) { out.push([e.code, e.path, e.name, /init\\(\\)/.test(e.message)]); }
    }
    console.log(JSON.stringify(out));`;
  const printed = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
  assert.deepStrictEqual(printed, Array(4).fill(['NOT_INITIALISED', '', 'EngineError', true]));
});
