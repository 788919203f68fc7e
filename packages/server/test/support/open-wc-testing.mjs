// In node, the contract suite's `@open-wc/testing` is plain chai: the suite
// uses only chai's own assertions, and @open-wc/testing itself needs a DOM.
export { expect, assert, should } from 'chai';
