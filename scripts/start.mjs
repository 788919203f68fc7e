// npm start: builds the kit and the reference server, then runs the server on its
// embedded PGlite (in .renling-data/, seeded with the demo street on the first run)
// serving the demo portal at / and the REST API at /api, on one origin.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensureDependencies();

console.log('Building Renling, the demo portal and the reference server…');
for (const args of [
  ['run', 'build', '--silent'],
  ['run', 'build', '-w', '@renling/server', '--silent'],
]) {
  const build = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const host = process.env.HOST ?? '127.0.0.1';
const preferred = Number.parseInt(process.env.PORT ?? '8080', 10);

/** The preferred port if it is free, else 0 (any free one). */
function freePort(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(0));
    probe.listen(port, host, () => probe.close(() => resolve(port)));
  });
}

const port = await freePort(preferred);
const server = spawn(process.execPath, ['packages/server/dist/main.js', '--seed-demo'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    HOST: host,
    PORT: String(port),
    RENLING_DATA_DIR: process.env.RENLING_DATA_DIR ?? `${root}.renling-data`,
    RENLING_STATIC_DIR: `${root}demo/dist`,
  },
});
console.log(`\nRenling demo street portal with its server (Ctrl+C to stop). Demo accounts: .renling-data/demo-accounts.txt`);
// the server closes its database on SIGINT/SIGTERM; wait for it
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
