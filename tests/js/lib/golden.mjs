// Shared by the JS tests: the golden vectors (tests/vectors/*.json, format in
// tests/vectors/README.md), running one case through a loaded API, the subset
// comparison, and the native CLI run over the same cases in batches.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { casesFrom } from './cases.mjs';

export {
  BASIS_KEYS,
  casesFrom,
  checkOutcome,
  isError,
  pageShapedProblem,
  runCase,
  runCaseAsPageHolds,
  shapeProblems,
  subsetDiff,
} from './cases.mjs';

const run = promisify(execFile);

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const pkgDir = join(root, 'pkg');
export const glueUrl = pathToFileURL(join(pkgDir, 'shouhoubao.js')).href;
export const wasmPath = join(pkgDir, 'shouhoubao_bg.wasm');
export const vectorDir = join(root, 'tests', 'vectors');

/** Every case of every tests/vectors/*.json, its policy resolved. */
export function loadCases() {
  const files = readdirSync(vectorDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return casesFrom(files.map((file) => [file, readFileSync(join(vectorDir, file), 'utf8')]));
}

/** The CLI's text for an EngineError (its Display). */
export function cliErrorText(e) {
  return e.path === '' ? `${e.code}: ${e.message}` : `${e.code} at ${e.path}: ${e.message}`;
}

let binary;
/** Builds the native CLI once (cargo build --quiet -p shouhoubao-cli, crates/shouhoubao-cli); its path. */
export async function cliBinary() {
  if (!binary) {
    binary = (async () => {
      await run('cargo', ['build', '--quiet', '-p', 'shouhoubao-cli'], {
        cwd: root,
        maxBuffer: 1 << 26,
      });
      return join(root, 'target', 'debug', process.platform === 'win32' ? 'shouhoubao.exe' : 'shouhoubao');
    })();
  }
  return binary;
}

/** Runs the CLI: { status, stdout, stderr }. */
export async function runCli(args, options = {}) {
  const bin = await cliBinary();
  try {
    const { stdout, stderr } = await run(bin, args, { cwd: root, maxBuffer: 1 << 26, ...options });
    return { status: 0, stdout, stderr };
  } catch (e) {
    if (typeof e.code !== 'number') throw e;
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// A first line that makes the input unambiguous JSON Lines (the CLI reads a
// lone JSON value as one order, and an input starting with `[` as an array).
const SENTINEL = { id: '__batch_sentinel__', category: '-', status: 'pending' };

/**
 * Runs every case through the native CLI, one process per group of cases
 * sharing policy, locale and now (the CLI takes one --now per run), with the
 * orders as JSON Lines. Returns Map(case name → { line } | { fatal: { status, stderr } }).
 */
export async function cliOutcomes(cases, { concurrency = 8 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'shouhoubao-cli-'));
  try {
    const groups = new Map();
    for (const c of cases) {
      const key = JSON.stringify([c.policyKey, c.locale ?? '', String(c.now)]);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(c);
    }
    const policyFiles = new Map();
    const jobs = [...groups.values()].map((group, index) => async () => {
      const first = group[0];
      const args = ['eval'];
      if (first.policy !== undefined) {
        if (!policyFiles.has(first.policyKey)) {
          const file = join(dir, `policy-${policyFiles.size}.json`);
          writeFileSync(file, JSON.stringify(first.policy));
          policyFiles.set(first.policyKey, file);
        }
        args.push('--policy', policyFiles.get(first.policyKey));
      }
      args.push('--now', String(first.now));
      if (first.locale !== undefined) args.push('--locale', first.locale);
      const input = join(dir, `orders-${index}.jsonl`);
      writeFileSync(input, [SENTINEL, ...group.map((c) => c.order)].map((o) => JSON.stringify(o)).join('\n') + '\n');
      args.push(input);
      const result = await runCli(args);
      const out = [];
      if (result.status === 2) {
        for (const c of group) out.push([c.name, { fatal: { status: 2, stderr: result.stderr } }]);
        return out;
      }
      const lines = result.stdout.split('\n').filter((l) => l.trim() !== '');
      if (lines.length !== group.length + 1) {
        throw new Error(
          `shouhoubao ${args.join(' ')}: ${lines.length} lines for ${group.length + 1} orders\n${result.stderr}`,
        );
      }
      const sentinel = JSON.parse(lines[0]);
      if (sentinel.orderId !== SENTINEL.id || sentinel.status !== 'pending') {
        throw new Error(`the CLI's first answer is not the sentinel's: ${lines[0]}`);
      }
      group.forEach((c, i) => out.push([c.name, { line: JSON.parse(lines[i + 1]) }]));
      return out;
    });
    const results = new Map();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          for (const [name, outcome] of await job()) results.set(name, outcome);
        }
      }),
    );
    return { outcomes: results, processes: jobs.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
