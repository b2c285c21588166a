// Types of shouhoubao/node as CommonJS (node.cjs): the mini-program build's,
// the module already loaded.
export = api;
import api = require('./miniprogram/index.js');
