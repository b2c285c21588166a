// The hostile cases of reading by name and calls inside calls
// (tests/js/lib/hostile-cases.mjs) inside the `jsc` shell, through the
// mini-program build as WeChat loads it (tests/jsc/wechat.mjs). JavaScriptCore
// runs out of stack at another depth than V8, and without JIT (iOS) at
// another again, so the cases run here as well as in Node.
// tests/js/hostile-cases.test.mjs runs it with JIT and with --useJIT=false:
// every case that is not destructive in one process, and each destructive
// one (it may break the instance when it fails) in a process of its own.
// From the repository root:
//
//   jsc [--useJIT=false] -m tests/jsc/hostile.mjs -- [--case N]
//
// Prints `FAIL #index name`, then `FAIL #index   problem` per problem
// (`TODO …` for a todo case), and a last line
// `JSC-HOSTILE {json}`; exits non-zero (an uncaught exception) when a case
// failed.

/* global print, arguments */
import { requireFile } from './wechat.mjs';
import { CASES } from '../js/lib/hostile-cases.mjs';

const args = typeof arguments === 'undefined' ? [] : [...arguments];
const caseArg = args.indexOf('--case');
const selected =
  caseArg >= 0 ? [Number(args[caseArg + 1])] : CASES.map((c, i) => i).filter((i) => !CASES[i].destructive);

const WASM = 'pkg/miniprogram/shouhoubao_bg.wasm';
const shouhoubao = requireFile('pkg/miniprogram/index.js');
await shouhoubao.load({ path: WASM });
const api = { Engine: shouhoubao.Engine, evaluate: shouhoubao.evaluate };

const failed = [];
const todo = [];
for (const index of selected) {
  const c = CASES[index];
  if (c === undefined) throw new Error(`no case ${index}`);
  let problems;
  try {
    problems = c.run(api);
  } catch (e) {
    problems = [`the case itself threw ${e?.name}: ${e?.message}`];
  }
  // A `todo` case (a reading the contract has yet to settle) is reported, not failed.
  const mark = c.todo ? 'TODO' : 'FAIL';
  if (problems.length) print(`${mark} #${index} ${c.name}`);
  for (const p of problems) print(`${mark} #${index}   ${p}`);
  if (problems.length) (c.todo ? todo : failed).push(c.name);
}
print(`JSC-HOSTILE ${JSON.stringify({ cases: selected.length, failed, todo })}`);
if (failed.length) throw new Error(`${failed.length} case(s) failed`);
