'use strict';
// shouhoubao/node as CommonJS (`require('shouhoubao/node')`, and what
// `require('shouhoubao')` gives in Node): the mini-program build (CommonJS)
// with its `.wasm` loaded synchronously on require, so that a script needs
// no load call. Copied into the package as node.cjs by shouhoubao-wasm/finish-pkg.mjs.

const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const api = require('./miniprogram/index.js');

api.initSync(readFileSync(join(__dirname, 'shouhoubao_bg.wasm')));

module.exports = api;
