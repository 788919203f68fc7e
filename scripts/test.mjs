// npm test: lint, type-check, unit and component tests (Chromium, with coverage), the server's tests, build,
// manifest check, stories build and end-to-end tests; ends with one "N passed, N failed" line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensureDependencies();

/** Runs a command, echoing its output, and returns its exit code and output. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let output = '';
    const echo = (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The last "N passed, N failed" a runner printed, if any. */
function counts(output, pattern = /(\d+) passed, (\d+) failed/gu) {
  // runners color their summaries whatever FORCE_COLOR says
  // eslint-disable-next-line no-control-regex -- stripping ANSI escapes is the point
  const plain = output.replace(/\u001b\[[0-9;]*m/gu, '');
  const all = [...plain.matchAll(pattern)];
  const last = all.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : null;
}

const stages = [
  { name: 'translations complete', cmd: ['node', ['scripts/localize.mjs']] },
  { name: 'lint', cmd: ['npx', ['eslint', '.', '--max-warnings=0']] },
  { name: 'type-check', cmd: ['npx', ['tsc', '-p', 'tsconfig.json']] },
  { name: 'type-check (Storybook config)', cmd: ['npx', ['tsc', '-p', '.storybook/tsconfig.json']] },
  { name: 'unit and component tests', cmd: ['npx', ['wtr', '--coverage']], counted: true },
  // the reference server on PGlite: the contract suite, authorization matrix, idempotency, hostile input, privacy, restarts
  { name: 'server tests', cmd: ['node', ['packages/server/test/run.mjs']], counted: true, pattern: /server tests \(PGlite\): (\d+) passed, (\d+) failed/gu },
  { name: 'build', cmd: ['npm', ['run', 'build', '--silent']] },
  { name: 'custom-elements.json', cmd: ['node', ['scripts/check-manifest.mjs']] },
  { name: 'stories build', cmd: ['npm', ['run', 'build-storybook', '--silent']] },
  { name: 'end-to-end', cmd: ['node', ['test/e2e.mjs']], counted: true, pattern: /e2e: (\d+) passed, (\d+) failed/gu },
  // the built portal on the reference server: <rl-need-form> over REST, claim, accept, contact
  { name: 'server end-to-end', cmd: ['node', ['packages/server/test/run.mjs', 'packages/server/test/e2e/need-form.test.ts']], counted: true, pattern: /server tests \(PGlite\): (\d+) passed, (\d+) failed/gu },
];

let passed = 0;
let failed = 0;
const summary = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`);
  const started = performance.now();
  const { code, output } = await run(...stage.cmd);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const found = stage.counted ? counts(output, stage.pattern) : null;
  if (found) {
    passed += found.passed;
    failed += found.failed;
    // a runner that crashed after counting still fails the run
    if (code !== 0 && found.failed === 0) failed += 1;
  } else if (code === 0) passed += 1;
  else failed += 1;
  summary.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${stage.name}${found ? ` (${found.passed} passed, ${found.failed} failed)` : ''} ${seconds}s`);
}
console.log(`\n${summary.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
