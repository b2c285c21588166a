// The worker script of the mini-program tests (tests/jsc/worker-suite.mjs):
// what an app puts in its worker directory, with the .wasm's path in this
// checkout instead of the code package's.
/* global worker */
const { serve } = require('../../pkg/miniprogram/worker.js');

serve(worker, { path: 'pkg/miniprogram/shouhoubao_bg.wasm' });
