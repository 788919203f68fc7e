/**
 * Mocha's globals over node:test, for the contract suite written for mocha
 * in the browser: describe, it and the four hooks mean the same in both
 * (tests in a describe run one after another; hooks run around each).
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';

const globals = globalThis as unknown as Record<string, unknown>;
globals['describe'] = describe;
globals['it'] = it;
globals['before'] = before;
globals['after'] = after;
globals['beforeEach'] = beforeEach;
globals['afterEach'] = afterEach;
