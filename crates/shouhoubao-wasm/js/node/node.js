// shouhoubao/node as an ES module (`import { Engine } from 'shouhoubao/node'`,
// and what `import … from 'shouhoubao'` gives in Node): the package's ES
// entry with its `.wasm` loaded synchronously on import, so that a script
// needs no init call. Copied into the package as node.js by
// shouhoubao-wasm/finish-pkg.mjs.

import { readFileSync } from 'node:fs';
import { initSync } from './index.js';

initSync({ module: readFileSync(new URL('./shouhoubao_bg.wasm', import.meta.url)) });

export * from './index.js';

/** Already done on import: kept so that code written for the browser (`await init()`) runs unchanged. */
export default async function init() {}
