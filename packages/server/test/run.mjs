// The server's tests under node's test runner (TypeScript through tsx, workspace
// packages from their sources, the mocha-style contract suite through a small
// shim), one file at a time; ends with one plain "N passed, N failed" line.
//
//   node packages/server/test/run.mjs [file …]        PGlite in memory
//   RENLING_TEST_POSTGRES=1 DATABASE_URL=postgres://… node packages/server/test/run.mjs   PostgreSQL (a schema per file)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const here = fileURLToPath(new URL('.', import.meta.url));
const FLAGS = ['--conditions=source', '--import', 'tsx', '--import', fileURLToPath(new URL('./support/register.mjs', import.meta.url))];

if (!process.execArgv.includes('--conditions=source')) {
  // run again with the loaders; the test files' processes inherit them
  const child = spawnSync(process.execPath, [...FLAGS, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const files = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(here).filter((f) => f.endsWith('.test.ts')).sort().map((f) => `${here}${f}`);
let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 10 * 60 * 1000 });
// count tests, not the suites around them
stream.on('test:pass', (event) => {
  if (event.details?.type !== 'suite' && !event.skip && !event.todo) passed += 1;
});
stream.on('test:fail', (event) => {
  if (event.details?.type !== 'suite') failed += 1;
  // a suite failing on its own (a hook, a file that does not load), not just for its tests
  else if (event.details?.error?.failureType !== 'subtestsFailed') failed += 1;
});
const output = stream.compose(spec);
output.pipe(process.stdout, { end: false });
output.on('end', () => {
  const engine = process.env.RENLING_TEST_POSTGRES === '1' && process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  console.log(`\nserver tests (${engine}): ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
});
