// Times perf/ipint-calls.wat's two loops in the `jsc` shell (see its header):
// nanoseconds an iteration, each loop twice.
/* global readFile, preciseTime, print, arguments */
const wasmPath = arguments[0] ?? '/tmp/ipint-calls.wasm';
const iterations = 2_000_000;
const loops = new WebAssembly.Instance(new WebAssembly.Module(readFile(wasmPath, 'binary'))).exports;
for (const name of ['withCalls', 'inline', 'withCalls', 'inline']) {
  const start = preciseTime();
  loops[name](iterations);
  print(`${name}: ${(((preciseTime() - start) * 1e9) / iterations).toFixed(1)} ns an iteration`);
}
