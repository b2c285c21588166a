// pkg/miniprogram/ under an emulated mini-program: a node:vm context with no
// WebAssembly, fetch, TextEncoder or TextDecoder, a CommonJS require shim, and
// a fake WXWebAssembly.instantiate(path, imports) that takes only a path
// inside the package (as WeChat's does). Every golden vector runs through it.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import vm from 'node:vm';
import { brotliDecompressSync } from 'node:zlib';
import { checkOutcome, isError, loadCases, pkgDir, root, runCase } from './lib/golden.mjs';

const miniDir = join(pkgDir, 'miniprogram');
const WX_PREFIX = '/miniprogram_npm/shouhoubao/';
const NOW = 1631671200000; // 2021-09-15T10:00:00+08:00
/** Matches an error by its name (errors from the vm context have their own prototypes). */
const named = (name) => (e) => e?.name === name;

/**
 * A fresh mini-program-like context. `wx` adds WXWebAssembly (default true);
 * `alipay` adds MYWebAssembly, `douyin` TTWebAssembly. A `.wasm.br` path is
 * decompressed (brotli), as the platforms do. Returns { context, require, calls }.
 */
function miniProgram({ wx = true, alipay = false, douyin = false } = {}) {
  const calls = [];
  const hostInstantiate = (name) => (path, imports) => {
    calls.push({ api: name, path });
    if (typeof path !== 'string') {
      throw new TypeError(
        `${name}.instantiate: the first argument must be a path string, not ${Object.prototype.toString.call(path)}`,
      );
    }
    if (!path.startsWith(WX_PREFIX)) throw new Error(`${name}.instantiate: ${path} is not in the code package`);
    const file = resolve(miniDir, path.slice(WX_PREFIX.length));
    if (!file.startsWith(miniDir + sep) || !existsSync(file)) throw new Error(`${name}.instantiate: no file ${path}`);
    // The host side may use the real WebAssembly.
    const bytes = file.endsWith('.wasm.br') ? brotliDecompressSync(readFileSync(file)) : readFileSync(file);
    return WebAssembly.instantiate(bytes, imports);
  };
  const sandbox = { console };
  if (wx) sandbox.WXWebAssembly = { instantiate: hostInstantiate('WXWebAssembly') };
  if (alipay) sandbox.MYWebAssembly = { instantiate: hostInstantiate('MYWebAssembly') };
  if (douyin) sandbox.TTWebAssembly = { instantiate: hostInstantiate('TTWebAssembly') };
  const context = vm.createContext(sandbox);
  vm.runInContext('delete globalThis.WebAssembly;', context);

  const cache = new Map();
  const requireFrom = (fromDir) => (specifier) => {
    if (typeof specifier !== 'string' || !/^\.\.?\//.test(specifier)) {
      throw new Error(`require(${JSON.stringify(specifier)}): the mini-program build requires only its own files`);
    }
    let file = resolve(fromDir, specifier);
    if (!file.endsWith('.js')) file += '.js';
    if (!file.startsWith(miniDir + sep)) throw new Error(`require: ${file} is outside miniprogram/`);
    if (!cache.has(file)) {
      const module = { exports: {} };
      cache.set(file, module);
      const wrapper = vm.runInContext(
        `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`,
        context,
        { filename: file },
      );
      wrapper.call(module.exports, module.exports, requireFrom(dirname(file)), module, relative(miniDir, file), '.');
    }
    return cache.get(file).exports;
  };
  return { context, require: requireFrom(miniDir), calls };
}

describe('the emulated mini-program runtime', () => {
  test('has no WebAssembly, fetch, TextEncoder or TextDecoder', () => {
    const { context } = miniProgram();
    for (const name of [
      'WebAssembly',
      'fetch',
      'TextEncoder',
      'TextDecoder',
      'URL',
      'Response',
      'require',
      'process',
    ]) {
      assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', name);
    }
    assert.equal(vm.runInContext('typeof WXWebAssembly.instantiate', context), 'function');
  });

  test('the fake WXWebAssembly.instantiate takes only a path string', async () => {
    const { context } = miniProgram();
    const wx = vm.runInContext('WXWebAssembly', context);
    assert.throws(() => wx.instantiate(readFileSync(join(miniDir, 'shouhoubao_bg.wasm')), {}), TypeError);
    assert.throws(() => wx.instantiate('/elsewhere/x.wasm', {}), /not in the code package/);
  });
});

describe('load()', async () => {
  const { require, calls } = miniProgram();
  const mp = require('./index.js');

  test('requiring the entry does not instantiate anything', () => {
    assert.equal(calls.length, 0);
    assert.deepStrictEqual(
      Object.keys(mp).sort(),
      [
        'DEFAULT_WASM_PATH',
        'Engine',
        'defaultPolicy',
        'evaluate',
        'formatRemaining',
        'initSync',
        'isEngineError',
        'load',
        'remaining',
        'version',
      ].sort(),
    );
    assert.equal(mp.DEFAULT_WASM_PATH, '/miniprogram_npm/shouhoubao/shouhoubao_bg.wasm');
  });

  test('load() uses WXWebAssembly with the default path, once', async () => {
    const p1 = mp.load();
    const p2 = mp.load({ path: '/ignored/once/loaded.wasm' });
    assert.equal(p1, p2, 'later calls return the same promise');
    const api = await p1;
    assert.equal(api, mp, 'resolves to the module');
    assert.deepStrictEqual(calls, [{ api: 'WXWebAssembly', path: mp.DEFAULT_WASM_PATH }]);
    const crate = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
    assert.equal(mp.version(), crate);
  });

  test('the CommonJS glue exports the API and the loader hooks', () => {
    const glue = require('./shouhoubao.js');
    for (const name of [
      'Engine',
      'evaluate',
      'defaultPolicy',
      'version',
      'initSync',
      'init',
      'default',
      '__wbg_get_imports',
      '__wbg_finalize_init',
    ]) {
      assert.equal(typeof glue[name], 'function', name);
    }
    // The entry's Engine is the generated one, extended (js/engine.js).
    assert.equal(Object.getPrototypeOf(mp.Engine), glue.Engine);
  });

  test('init() without a path fails clearly (no import.meta here)', async () => {
    const fresh = miniProgram().require('./shouhoubao.js');
    await assert.rejects(fresh.init(), /load\(\{ path \}\)/);
  });
});

describe('load() options and failures', () => {
  test('a custom path and instantiate (Alipay: MYWebAssembly in a Worker)', async () => {
    const { require, calls, context } = miniProgram({ wx: false, alipay: true });
    assert.equal(vm.runInContext('typeof WXWebAssembly', context), 'undefined');
    const mp = require('./index.js');
    const MY = vm.runInContext('MYWebAssembly', context);
    const path = '/miniprogram_npm/shouhoubao/shouhoubao_bg.wasm';
    await mp.load({ path, instantiate: (p, imports) => MY.instantiate(p, imports) });
    assert.deepStrictEqual(calls, [{ api: 'MYWebAssembly', path }]);
    assert.equal(new mp.Engine().evaluate({ id: 'A1', category: 'apparel', status: 'pending' }, NOW).status, 'pending');
  });

  // Each platform's own WebAssembly, picked without options; WeChat first
  // (unchanged for existing users), where a runtime had several.
  for (const [platforms, expected] of [
    [{ wx: false, alipay: true }, 'MYWebAssembly'],
    [{ wx: false, douyin: true }, 'TTWebAssembly'],
    [{ wx: true, alipay: true, douyin: true }, 'WXWebAssembly'],
    [{ wx: false, alipay: true, douyin: true }, 'MYWebAssembly'],
  ]) {
    test(`load() without options picks ${expected} (${Object.keys(platforms)
      .filter((k) => platforms[k])
      .join(', ')} present)`, async () => {
      const { require, calls } = miniProgram(platforms);
      const mp = require('./index.js');
      await mp.load();
      assert.deepStrictEqual(calls, [{ api: expected, path: mp.DEFAULT_WASM_PATH }]);
      const order = { id: 'P1', category: 'apparel', status: 'success', successAt: '2021-09-10T12:00:00+08:00' };
      assert.equal(new mp.Engine().evaluate(order, NOW).reason.code, 'ENTRY_DEFAULT');
    });
  }

  test('the brotli-compressed .wasm.br decompresses to the .wasm, and loads', async () => {
    const br = readFileSync(join(miniDir, 'shouhoubao_bg.wasm.br'));
    const wasm = readFileSync(join(miniDir, 'shouhoubao_bg.wasm'));
    assert.ok(br.length < wasm.length * 0.5, `${br.length} B of brotli for ${wasm.length} B`);
    assert.ok(brotliDecompressSync(br).equals(wasm));
    const { require, calls } = miniProgram({ wx: false, douyin: true });
    const mp = require('./index.js');
    await mp.load({ path: `${WX_PREFIX}shouhoubao_bg.wasm.br` });
    assert.deepStrictEqual(calls, [{ api: 'TTWebAssembly', path: `${WX_PREFIX}shouhoubao_bg.wasm.br` }]);
    assert.equal(new mp.Engine().policyVersion, mp.defaultPolicy().version);
  });

  test('an instantiate that resolves to the bare instance is accepted', async () => {
    const { require } = miniProgram({ wx: false });
    const mp = require('./index.js');
    const bytes = readFileSync(join(miniDir, 'shouhoubao_bg.wasm'));
    await mp.load({ instantiate: async (p, imports) => (await WebAssembly.instantiate(bytes, imports)).instance });
    assert.equal(typeof mp.defaultPolicy().version, 'string');
  });

  test('without WXWebAssembly, a bad path or a failing instantiate, load() rejects and can be retried', async () => {
    const { require } = miniProgram({ wx: false });
    const mp = require('./index.js');
    await assert.rejects(mp.load(), /WXWebAssembly, MYWebAssembly and TTWebAssembly are not available/);
    await assert.rejects(
      mp.load({ path: 42, instantiate: () => assert.fail('not called') }),
      (e) => e.name === 'TypeError',
    );
    await assert.rejects(mp.load({ instantiate: () => Promise.reject(new Error('no such file')) }), /no such file/);
    await assert.rejects(mp.load({ instantiate: () => ({ exports: {} }) }), /no shouhoubao instance/);
    const bytes = readFileSync(join(miniDir, 'shouhoubao_bg.wasm'));
    await mp.load({ instantiate: (p, imports) => WebAssembly.instantiate(bytes, imports) });
    assert.equal(typeof mp.version(), 'string');
  });

  test('Node can require the CommonJS entry too (miniprogram/package.json: commonjs)', async () => {
    const mp = createRequire(import.meta.url)(join(miniDir, 'index.js'));
    const bytes = readFileSync(join(miniDir, 'shouhoubao_bg.wasm'));
    await mp.load({ instantiate: (p, imports) => WebAssembly.instantiate(bytes, imports) });
    assert.equal(new mp.Engine().policyVersion, mp.defaultPolicy().version);
  });
});

describe('golden vectors in the mini-program', async () => {
  const { require, context } = miniProgram();
  const mp = require('./index.js');
  await mp.load();
  const cases = loadCases();

  test(`all ${cases.length} cases`, () => {
    const failures = [];
    for (const c of cases) {
      const failure = checkOutcome(c, runCase(mp, c));
      if (failure) failures.push(`${c.file} ${c.name}: ${failure}`);
    }
    assert.deepStrictEqual(failures, []);
  });

  test('errors are Error objects of the mini-program realm, with code, path and message', () => {
    let thrown;
    try {
      new mp.Engine().evaluate({ id: 7, category: 'apparel', status: 'pending' }, NOW);
    } catch (e) {
      thrown = e;
    }
    assert.ok(isError(thrown));
    assert.ok(vm.runInContext('(e) => e instanceof Error', context)(thrown));
    assert.equal(thrown.code, 'INVALID_ORDER');
    assert.equal(thrown.path, 'id');
  });

  test('the same answers as the ES module build (text included)', async () => {
    const { glueUrl, wasmPath } = await import('./lib/golden.mjs');
    const es = await import(glueUrl);
    es.initSync({ module: readFileSync(wasmPath) });
    const order = {
      id: '订单-😀-1',
      category: 'mobile_phone',
      status: 'success',
      successAt: '2021-07-30T11:43:30+08:00',
      invoiceAt: '2021-07-27',
      merchantPromises: [{ service: 'repair', months: 24, from: 'invoice' }],
    };
    for (const locale of ['zh-CN', 'en']) {
      const a = JSON.parse(JSON.stringify(new mp.Engine(undefined, { locale }).evaluate(order, NOW)));
      const b = new es.Engine(undefined, { locale }).evaluate(order, NOW);
      assert.deepStrictEqual(a, b);
    }
    const batch = [order, { ...order, id: 3 }, { ...order, id: 'ü', deliveredAt: 'not a date' }];
    assert.deepStrictEqual(
      JSON.parse(JSON.stringify(new mp.Engine().evaluateMany(batch, NOW))),
      new es.Engine().evaluateMany(batch, NOW),
    );
    assert.deepStrictEqual(JSON.parse(JSON.stringify(mp.defaultPolicy())), es.defaultPolicy());
  });
});

describe('text-codec.js', () => {
  const { require, context } = miniProgram();
  const codec = require('./text-codec.js');
  const { TextEncoder: Enc, TextDecoder: Dec } = codec;
  const bytes = (u8) => Array.from(u8);

  test('without native classes it exports its own; with them, the native ones', () => {
    assert.equal(Enc, codec.Utf8TextEncoder);
    assert.equal(Dec, codec.Utf8TextDecoder);
    const host = createRequire(import.meta.url)(join(miniDir, 'text-codec.js'));
    assert.equal(host.TextEncoder, globalThis.TextEncoder);
    assert.equal(host.TextDecoder, globalThis.TextDecoder);
  });

  const strings = [
    '',
    'a',
    'hello, world',
    '售后保',
    '交易成功后15天内可自助申请售后',
    '😀',
    'a😀b',
    '👩‍👩‍👧‍👦',
    '𠮷野家',
    '\u0000',
    '\u007f\u0080\u07ff\u0800\uffff',
    '\ud800',
    '\udc00',
    'x\ud83dy',
    '\ude00\ud83d',
    '\ud83d\ude00\ud83d',
    '\ufeffBOM',
    'é',
    'e\u0301',
    'ß'.repeat(5000) + '😀'.repeat(5000),
  ];

  test('encode() matches Node on tricky strings (emoji, CJK, lone surrogates, empty)', () => {
    const enc = new Enc();
    const native = new TextEncoder();
    assert.equal(enc.encoding, 'utf-8');
    for (const s of strings)
      assert.deepStrictEqual(bytes(enc.encode(s)), bytes(native.encode(s)), JSON.stringify(s.slice(0, 20)));
    assert.deepStrictEqual(bytes(enc.encode()), []);
    assert.deepStrictEqual(bytes(enc.encode(12.5)), bytes(native.encode(12.5)));
    assert.equal(Object.prototype.toString.call(enc.encode('x')), '[object Uint8Array]');
  });

  test('encodeInto() matches Node, including a destination too small for a code point', () => {
    const enc = new Enc();
    const native = new TextEncoder();
    const U8 = vm.runInContext('Uint8Array', context);
    for (const s of strings) {
      for (const size of [0, 1, 2, 3, 4, 5, 7, 16, s.length * 3 + 4]) {
        const mine = new U8(size);
        const theirs = new Uint8Array(size);
        const r1 = enc.encodeInto(s, mine);
        const r2 = native.encodeInto(s, theirs);
        assert.deepStrictEqual(
          { read: r1.read, written: r1.written },
          r2,
          `${JSON.stringify(s.slice(0, 20))} into ${size}`,
        );
        assert.deepStrictEqual(bytes(mine), bytes(theirs));
      }
    }
    // A host Uint8Array and a view at an offset work too.
    const buffer = new Uint8Array(8);
    assert.deepStrictEqual({ ...enc.encodeInto('é😀', buffer.subarray(2)) }, { read: 3, written: 6 });
    assert.deepStrictEqual(bytes(buffer), [0, 0, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
    assert.throws(() => enc.encodeInto('x', [0, 0]), named('TypeError'));
  });

  const sequences = [
    [],
    [0x61],
    [0xe5, 0x94, 0xae],
    [0xf0, 0x9f, 0x98, 0x80],
    [0xef, 0xbb, 0xbf],
    [0xef, 0xbb, 0xbf, 0x61],
    [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
    [0x61, 0xef, 0xbb, 0xbf],
    [0x80],
    [0xbf, 0x80],
    [0xc0, 0x80],
    [0xc1, 0xbf],
    [0xc2],
    [0xc2, 0x41],
    [0xe0, 0x80, 0x80],
    [0xe0, 0xa0],
    [0xed, 0xa0, 0x80],
    [0xed, 0xbf, 0xbf],
    [0xed, 0x9f, 0xbf],
    [0xf0, 0x80, 0x80, 0x80],
    [0xf0, 0x90, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xf4, 0x8f, 0xbf, 0xbf],
    [0xf5, 0x80],
    [0xfe],
    [0xff, 0x61],
    [0xe5, 0x94],
    [0xf0, 0x9f, 0x98],
    [0x61, 0xf0, 0x9f, 0x41, 0x98, 0x80],
    [0xe2, 0x82, 0xac, 0xe2, 0x82],
    [0x00, 0x7f],
  ];

  test('decode() matches Node on valid and invalid byte sequences (U+FFFD), BOM and ignoreBOM', () => {
    for (const options of [undefined, { ignoreBOM: true }, { ignoreBOM: false }]) {
      const dec = new Dec('utf-8', options);
      const native = new TextDecoder('utf-8', options);
      for (const seq of sequences) {
        assert.equal(
          dec.decode(new Uint8Array(seq)),
          native.decode(new Uint8Array(seq)),
          `${JSON.stringify(options)} [${seq.map((b) => b.toString(16))}]`,
        );
      }
      for (const s of strings) {
        const encoded = new TextEncoder().encode(s);
        assert.equal(dec.decode(encoded), native.decode(encoded));
      }
      assert.equal(dec.ignoreBOM, !!options?.ignoreBOM);
    }
  });

  test('decode(): no argument, ArrayBuffer, DataView, subarrays, other realms, stream, fatal, labels', () => {
    const dec = new Dec('utf-8', { ignoreBOM: true });
    assert.equal(dec.decode(), '');
    const encoded = new TextEncoder().encode('ab售后😀');
    assert.equal(
      dec.decode(encoded.buffer.slice(encoded.byteOffset, encoded.byteOffset + encoded.byteLength)),
      'ab售后😀',
    );
    assert.equal(dec.decode(new DataView(encoded.buffer, encoded.byteOffset + 2, 6)), '售后');
    assert.equal(dec.decode(encoded.subarray(4)), '\ufffd后😀');
    assert.equal(dec.decode(encoded.subarray(4)), new TextDecoder().decode(encoded.subarray(4)));
    const ctxBytes = vm.runInContext('new Uint8Array([0xe5, 0x94, 0xae])', context);
    assert.equal(dec.decode(ctxBytes), '售');
    // Streaming keeps a code point split across calls.
    const streaming = new Dec();
    const native = new TextDecoder();
    const chunks = [[0xef, 0xbb], [0xbf, 0xf0, 0x9f], [0x98], [0x80, 0xe5], []];
    assert.equal(
      chunks.map((c, i) => streaming.decode(new Uint8Array(c), { stream: i < chunks.length - 1 })).join(''),
      chunks.map((c, i) => native.decode(new Uint8Array(c), { stream: i < chunks.length - 1 })).join(''),
    );
    // fatal
    const fatal = new Dec('utf-8', { fatal: true });
    assert.equal(fatal.fatal, true);
    assert.throws(() => fatal.decode(new Uint8Array([0xc3])), named('TypeError'));
    assert.equal(fatal.decode(new Uint8Array([0xc3, 0xa9])), 'é');
    assert.throws(() => dec.decode('not bytes'), named('TypeError'));
    // labels
    for (const label of ['utf-8', 'UTF-8', ' utf8 ', 'unicode-1-1-utf-8'])
      assert.equal(new Dec(label).encoding, 'utf-8');
    assert.throws(() => new Dec('latin1'), named('RangeError'));
  });

  test('decode() and encode() round-trip random strings like Node', () => {
    let seed = 20210730;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const dec = new Dec('utf-8', { ignoreBOM: true });
    const enc = new Enc();
    for (let n = 0; n < 300; n++) {
      const units = Array.from({ length: Math.floor(random() * 40) }, () => {
        const r = random();
        return r < 0.4
          ? Math.floor(random() * 0x80)
          : r < 0.7
            ? Math.floor(random() * 0x10000)
            : 0xd800 + Math.floor(random() * 0x800);
      });
      const s = String.fromCharCode(...units);
      const mine = enc.encode(s);
      assert.deepStrictEqual(bytes(mine), bytes(new TextEncoder().encode(s)));
      assert.equal(dec.decode(mine), new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(mine)));
      const junk = new Uint8Array(Array.from({ length: Math.floor(random() * 24) }, () => Math.floor(random() * 256)));
      assert.equal(dec.decode(junk), new TextDecoder('utf-8', { ignoreBOM: true }).decode(junk));
    }
  });
});

test('miniprogram/index.d.ts type-checks a mini-program consumer (moduleResolution node16 and node10)', async () => {
  const ts = createRequire(import.meta.url)('typescript');
  const { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'shouhoubao-mp-types-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(pkgDir, join(dir, 'node_modules', 'shouhoubao'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}');
    const file = join(dir, 'app.ts');
    writeFileSync(
      file,
      `
      import { load, Engine, type Eligibility, type LoadOptions, type Order } from 'shouhoubao/miniprogram';
      declare const MYWebAssembly: { instantiate(path: string, imports: object): Promise<{ instance: { exports: object } }> };
      export async function answer(order: Order): Promise<Eligibility> {
        const options: LoadOptions = { path: '/miniprogram_npm/shouhoubao/shouhoubao_bg.wasm', instantiate: (p, i) => MYWebAssembly.instantiate(p, i) };
        const api = await load(options);
        const engine: Engine = new api.Engine(undefined, { locale: 'en' });
        return engine.evaluate(order, Date.now());
      }
      // @ts-expect-error path is a string
      load({ path: 42 });
      // shouhoubao/worker, the CommonJS build: serve() takes load()'s options.
      import { serve, connect, type EngineClient, type WorkerError } from 'shouhoubao/miniprogram/worker';
      declare const worker: { postMessage(m: object): void; onMessage(l: (m: any) => void): void };
      declare const my: { createWorker(path: string): { postMessage(m: object): void; onMessage(l: (m: any) => void): void } };
      serve(worker, { path: '/workers/shouhoubao/shouhoubao_bg.wasm' });
      export async function fromPage(orders: Order[]): Promise<string | undefined> {
        const client: EngineClient = connect(my.createWorker('workers/index.js'));
        const answers = await client.evaluateMany(orders).catch((e: WorkerError) => { throw new Error(e.code + e.path); });
        return answers[0]?.orderId ?? undefined;
      }
      // @ts-expect-error serve() takes load()'s options in a mini-program, not init()'s
      serve(worker, { wasm: new Uint8Array(0) });
    `,
    );
    for (const [module, moduleResolution] of [
      ['Node16', 'Node16'],
      ['CommonJS', 'Node10'],
    ]) {
      const program = ts.createProgram([file], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2020,
        lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts', 'lib.dom.d.ts'],
        module: ts.ModuleKind[module],
        moduleResolution: ts.ModuleResolutionKind[moduleResolution],
        types: [],
      });
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      assert.deepStrictEqual(diagnostics, [], moduleResolution);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the module WeChat loads on iOS', () => {
  // WXWebAssembly on iOS refuses exports of kind Global: the mini-program
  // .wasm (and the package's, the same file) exports functions, memory and
  // tables only.
  for (const file of [join(miniDir, 'shouhoubao_bg.wasm'), join(pkgDir, 'shouhoubao_bg.wasm')]) {
    test(`${relative(root, file)} exports no Global`, () => {
      const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file)));
      assert.ok(
        exports.some((e) => e.kind === 'function'),
        'it exports functions',
      );
      const others = exports.filter((e) => !['function', 'memory', 'table'].includes(e.kind));
      assert.deepStrictEqual(others, [], `exports of another kind: ${JSON.stringify(others)}`);
    });
  }
});
