// The warm benchmark, shared by perf/node.mjs and the page perf/chromium.mjs
// opens: the same orders through the wasm engine (evaluateMany, and a loop of
// evaluate) and through PlainEngine.evaluateMany, warm-up first, then several
// interleaved repetitions; medians. Plain ES module: runs in Node and in a page.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * { api (the wasm package, initialised), PlainEngine, policy, orders,
 *   pageOrders (the same orders as a page holds them, optional), now,
 *   warmup, reps, clock } → { orders, reps, samples: { name: [ms, ...] } }
 */
export function runSuite({
  api,
  PlainEngine,
  policy,
  orders,
  pageOrders,
  now,
  warmup = 3,
  reps = 9,
  clock = () => performance.now(),
}) {
  const wasm = new api.Engine(policy);
  const plain = new PlainEngine(policy);
  let sink = 0;
  const cases = {
    wasmMany: () => {
      sink += wasm.evaluateMany(orders, now).length;
    },
    wasmLoop: () => {
      for (let i = 0; i < orders.length; i++) sink += wasm.evaluate(orders[i], now).remainingMs ?? 0;
    },
    plainMany: () => {
      sink += plain.evaluateMany(orders, now).length;
    },
  };
  if (pageOrders !== undefined) {
    // Orders as a page holds them (tests/js/lib/page-order.js): both
    // engines read only the contract's fields, so the extra data should cost
    // neither anything.
    cases.wasmManyPage = () => {
      sink += wasm.evaluateMany(pageOrders, now).length;
    };
    cases.plainManyPage = () => {
      sink += plain.evaluateMany(pageOrders, now).length;
    };
  }
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let r = 0; r < warmup + reps; r++) {
    // Interleaved, so drift (thermal, GC) spreads over all three.
    for (const [name, fn] of Object.entries(cases)) {
      const t0 = clock();
      fn();
      const t1 = clock();
      if (r >= warmup) samples[name].push(t1 - t0);
    }
  }
  wasm.free();
  return { orders: orders.length, reps, samples, sink };
}

/**
 * The line perf/run.sh collects into its summary: the evaluateMany ratio
 * against PlainEngine and the first `new Engine()` time, in one runtime.
 */
export function summaryLine(runtime, result, firstEngineMs) {
  const ratio = median(result.samples.wasmMany) / median(result.samples.plainMany);
  const us = (median(result.samples.wasmMany) * 1000) / result.orders;
  const page = result.samples.wasmManyPage;
  const pageRatio = page ? Number((median(page) / median(result.samples.plainManyPage)).toFixed(2)) : null;
  return `\nSUMMARY ${JSON.stringify({ runtime, ratio: Number(ratio.toFixed(2)), pageRatio, usPerOrder: Number(us.toFixed(2)), firstEngineMs: Number(firstEngineMs.toFixed(3)) })}`;
}

/** A Markdown table of a suite's result plus cold-start rows. */
export function table({ title, result, cold }) {
  const n = result.orders;
  const m = Object.fromEntries(Object.entries(result.samples).map(([k, v]) => [k, median(v)]));
  const us = (ms) => ((ms * 1000) / n).toFixed(2);
  const ratio = (ms) => (ms / m.plainMany).toFixed(2);
  const lines = [
    `### ${title}`,
    '',
    `${n.toLocaleString('en-US')} orders, median of ${result.reps} runs after warm-up.`,
    '',
    '| measure | µs per order | ms per batch | wasm / plain |',
    '|---|---:|---:|---:|',
    `| wasm \`engine.evaluateMany(orders, now)\` | ${us(m.wasmMany)} | ${m.wasmMany.toFixed(1)} | ${ratio(m.wasmMany)} |`,
    `| wasm loop of \`engine.evaluate(order, now)\` | ${us(m.wasmLoop)} | ${m.wasmLoop.toFixed(1)} | ${ratio(m.wasmLoop)} |`,
    `| PlainEngine \`evaluateMany(orders, now)\` | ${us(m.plainMany)} | ${m.plainMany.toFixed(1)} | 1.00 |`,
  ];
  if (m.wasmManyPage !== undefined) {
    const pageRatio = (ms) => (ms / m.plainManyPage).toFixed(2);
    lines.push(
      `| wasm \`evaluateMany\`, the orders as a page holds them (items, shop, logistics, back-references) | ${us(m.wasmManyPage)} | ${m.wasmManyPage.toFixed(1)} | ${pageRatio(m.wasmManyPage)} (against the plain engine on the same) |`,
      `| PlainEngine \`evaluateMany\`, the orders as a page holds them | ${us(m.plainManyPage)} | ${m.plainManyPage.toFixed(1)} | 1.00 |`,
      // PlainEngine itself slows down on a page's orders (objects of many
      // shapes), which flatters the ratio above: the same wasm figure against
      // PlainEngine on the lean orders, and what a page's data costs each engine.
      `| wasm \`evaluateMany\` on the orders as a page holds them, against PlainEngine on the lean orders | ${us(m.wasmManyPage)} | ${m.wasmManyPage.toFixed(1)} | ${ratio(m.wasmManyPage)} (page's data: wasm ×${(m.wasmManyPage / m.wasmMany).toFixed(2)}, PlainEngine ×${(m.plainManyPage / m.plainMany).toFixed(2)}) |`,
    );
  }
  if (cold && cold.length) {
    lines.push('', '| cold start (fresh each run) | median ms | min ms | runs |', '|---|---:|---:|---:|');
    for (const row of cold) {
      lines.push(
        `| ${row.label} | ${median(row.samples).toFixed(2)} | ${Math.min(...row.samples).toFixed(2)} | ${row.samples.length} |`,
      );
    }
  }
  return lines.join('\n');
}
