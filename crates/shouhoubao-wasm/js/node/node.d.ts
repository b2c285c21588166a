// Types of shouhoubao/node as an ES module (node.js): the ES entry's, the
// module already loaded.
export * from './index.js';
export { default } from './index.js';
