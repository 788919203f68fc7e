// Preloaded with --import: lets the browser contract suite run under node's test runner.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
