// Unit and component tests in real Chromium (Debian's /usr/bin/chromium).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));
// msw's service worker, served at the root (its scope) straight from the installed package,
// so it always matches the library version that talks to it.
const mswWorker = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

export default {
  // the server's tests run in node (packages/server/test/run.mjs), not in the browser
  files: ['packages/*/test/**/*.test.ts', 'packages/elements/src/**/*.test.ts', '!packages/server/**'],
  // Workspace packages resolve to their sources through the "source" export condition.
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  middleware: [
    async function mockServiceWorker(context, next) {
      if (context.path !== '/mockServiceWorker.js') return next();
      context.type = 'application/javascript';
      context.set('Cache-Control', 'no-store');
      context.body = await readFile(mswWorker, 'utf8');
    },
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig, target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 180000,
  coverageConfig: {
    include: ['packages/*/src/**/*.ts'],
    exclude: ['**/*.test.ts', '**/generated/**'],
    report: true,
    reportDir: 'coverage',
  },
};
