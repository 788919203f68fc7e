// npm start: builds the kit and serves the demo street portal on its embedded defaults.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';
import { startStaticServer } from './static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensureDependencies();

console.log('Building Renling and the demo portal…');
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const preferred = Number.parseInt(process.env.PORT ?? '8080', 10);
const options = { root: `${root}demo/dist`, host: process.env.HOST ?? '127.0.0.1', fallback: 'index.html' };
let server;
try {
  server = await startStaticServer({ ...options, port: preferred });
} catch {
  // the usual port is taken: any free one will do
  server = await startStaticServer({ ...options, port: 0 });
}
console.log(`\nRenling demo street portal: ${server.url}/\n(Ctrl+C to stop)`);
