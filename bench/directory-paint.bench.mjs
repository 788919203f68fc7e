// Keystroke → results painted in Chromium, with 35,000 organizations in <rl-org-directory>.
//
//   npm run build            (this script builds nothing)
//   node bench/directory-paint.bench.mjs          (add --main to index on the page's thread,
//                                                  --pauses to type like a person: see PAUSES)
//
// It generates the city-scale dataset with the built @renling/mocks, writes it as a static
// data file (the read-only `src` source a street site without a backend uses) beside a page
// that loads the built one-file bundle, and drives Debian's Chromium with playwright-core.
// Each keystroke's time runs from the keydown (or, for a typed Chinese character, the
// beforeinput) event's timestamp to the requestAnimationFrame callback after the directory
// says its results are rendered (`rl-search-completed`); "painted" adds the task that runs
// once that frame has been produced. It also splits out the index's share (the event's
// searchMs: the search itself, in the page once the worker has built the index) and the time to the rendered DOM. The last line is one
// JSON object.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../scripts/static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ORGS = 35_000;
// `--main` keeps the index on the page's thread (for comparison); by default it is in a worker
const MAIN_THREAD = process.argv.includes('--main');
const SEED = 20261101;

for (const built of ['packages/elements/dist/renling.js', 'packages/mocks/dist/index.js', 'packages/core/dist/index.js']) {
  if (!existsSync(root + built)) {
    console.error(`Missing ${built}: run "npm run build" first.`);
    process.exit(1);
  }
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// What residents type: pinyin, initials, Chinese words (one character at a time, as an IME
// commits them), a same-sound typo; each is typed and then erased with Backspace.
const QUERIES = [
  { text: 'yanglao', kind: 'keys' },
  { text: '养老', kind: 'chars' },
  { text: 'ylfw', kind: 'keys' },
  { text: '法律援助', kind: 'chars' },
  { text: 'xinli', kind: 'keys' },
  { text: '心里咨询', kind: 'chars' },
  { text: 'shequ', kind: 'keys' },
];
const WARM_UP = { text: 'abc', kind: 'keys' };
// Each query is typed and erased this many times: about 190 keystrokes, so that the p95 is
// not one or two unlucky keys (`--rounds N` to change it).
const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
// A resident reads the page before typing: the directory's idle warm-up has run by then.
const SETTLE_MS = 2000;
// By default each key is pressed as soon as the previous one's results are painted, so keys land
// a few ms into a frame and the page never idles. `--pauses` waits 60–150 ms between keys: the
// page goes idle between keys, as when a person types, and keys land anywhere in the display's
// frame.
const PAUSES = process.argv.includes('--pauses');

const out = `${root}bench/dist/directory-paint/`;
mkdirSync(out, { recursive: true });

const { generateDataset } = await import('@renling/mocks');
let started = performance.now();
const data = generateDataset({ seed: SEED, organizations: ORGS });
const generateMs = performance.now() - started;
writeFileSync(
  `${out}dataset.json`,
  JSON.stringify({
    version: 1,
    generatedAt: new Date().toISOString(),
    areas: data.areas,
    organizations: data.organizations,
    offers: data.offers,
    // the directory reads organizations, offers and areas only
    needs: [],
    projects: [],
  }),
);
writeFileSync(
  `${out}index.html`,
  `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>directory-paint</title>
  </head>
  <body style="margin: 0; padding: 16px">
    <rl-provider src="./dataset.json" storage-name="renling-bench-${Date.now()}">
      <rl-org-directory no-history${MAIN_THREAD ? ' worker-threshold="1000000"' : ''}></rl-org-directory>
    </rl-provider>
    <script type="module">
      const loadStarted = performance.now();
      await import('/packages/elements/dist/renling.js');
      const directory = document.querySelector('rl-org-directory');
      const bench = (window.__bench = {
        samples: [],
        loadMs: null,
        pending: null,
        // the driver's wait for the next sample, set up before its keystroke (see keystroke())
        waiter: null,
        next() {
          return new Promise((resolve) => (bench.waiter = resolve));
        },
      });
      const stamp = (event) => {
        if (bench.pending === null) bench.pending = event.timeStamp;
      };
      // capture on window: both events are composed and reach it before the shadow tree
      window.addEventListener('keydown', stamp, true);
      window.addEventListener('beforeinput', stamp, true);
      directory.addEventListener('rl-search-completed', (event) => {
        if (bench.loadMs === null) bench.loadMs = performance.now() - loadStarted;
        const renderedAt = performance.now();
        const start = bench.pending;
        if (start === null) return;
        bench.pending = null;
        requestAnimationFrame(() => {
          const raf = performance.now() - start;
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const sample = {
              query: event.detail.query,
              total: event.detail.total,
              index: event.detail.searchMs,
              rendered: renderedAt - start,
              raf,
              painted: performance.now() - start,
            };
            bench.samples.push(sample);
            bench.waiter?.(sample);
            bench.waiter = null;
          };
          channel.port2.postMessage(null);
        });
      });
    </script>
  </body>
</html>
`,
);

const server = await startStaticServer({ root });
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  started = performance.now();
  await page.goto(`${server.url}/bench/dist/directory-paint/index.html`);
  await page.waitForFunction(() => window.__bench?.loadMs !== null && window.__bench?.loadMs !== undefined, null, { timeout: 180_000 });
  const loadMs = await page.evaluate(() => window.__bench.loadMs);
  const mode = await page.evaluate(() => document.querySelector('rl-org-directory').indexMode);
  const rows = await page.evaluate(
    () => document.querySelector('rl-org-directory').shadowRoot.querySelector('rl-org-results')?.shadowRoot.querySelectorAll('li[data-index]').length,
  );
  const input = page.locator('rl-org-directory rl-search-combobox input');
  await input.focus();

  /**
   * One keystroke, then wait until its results are painted; returns the sample. The wait is set
   * up in the page before the key is pressed: a waitForFunction issued after the press injected
   * its poller (a task of a millisecond or more) between the frame and the task that ends the
   * sample, and so measured the driver instead of the page.
   */
  const keystroke = async (press) => {
    if (PAUSES) await new Promise((resolve) => setTimeout(resolve, 60 + Math.random() * 90));
    const next = page.evaluate(() => window.__bench.next());
    // the page runs the driver's evaluations in order: once this one answers, the wait is set up
    await page.evaluate(() => window.__bench.waiter !== null);
    await press();
    let timer;
    try {
      return await Promise.race([
        next,
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no results painted within 10 s of a keystroke')), 10_000))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  const typeQuery = async ({ text, kind }) => {
    const samples = [];
    for (const ch of text) samples.push(await keystroke(() => (kind === 'chars' ? page.keyboard.insertText(ch) : page.keyboard.press(ch))));
    for (let i = 0; i < [...text].length; i++) samples.push(await keystroke(() => page.keyboard.press('Backspace')));
    return samples;
  };

  await page.waitForTimeout(SETTLE_MS);
  await typeQuery(WARM_UP);
  const perQuery = QUERIES.map((q) => ({ q, samples: [] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const p of perQuery) p.samples.push(...(await typeQuery(p.q)));
  }
  const samples = perQuery.flatMap((p) => p.samples);
  if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`);

  const quantile = (xs, q) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  };
  const fmt = (ms) => ms.toFixed(1).padStart(6);
  const raf = samples.map((s) => s.raf);
  const painted = samples.map((s) => s.painted);
  console.log(`Chromium ${browser.version()}, ${ORGS.toLocaleString('en')} organizations, ${data.offers.length.toLocaleString('en')} offers`);
  console.log(`dataset generated in ${Math.round(generateMs)} ms; page ready (download, validate, index) in ${Math.round(loadMs)} ms; index in ${mode}; ${rows} rows in the DOM`);
  console.log('');
  for (const { q, samples: mine } of perQuery) {
    const found = mine.find((s) => s.query === q.text)?.total ?? 0;
    const ms = mine.map((s) => s.raf);
    console.log(`  ${q.text.padEnd(8)} ${String(mine.length).padStart(3)} keystrokes (typed and erased), ${String(found).padStart(6)} results   p50 ${fmt(quantile(ms, 0.5))} ms   max ${fmt(Math.max(...ms))} ms`);
  }
  console.log('');
  console.log(`keystroke → results rendered, next frame (rAF)   p50 ${fmt(quantile(raf, 0.5))} ms   p95 ${fmt(quantile(raf, 0.95))} ms   max ${fmt(Math.max(...raf))} ms`);
  console.log(`keystroke → frame produced (rAF + task)         p50 ${fmt(quantile(painted, 0.5))} ms   p95 ${fmt(quantile(painted, 0.95))} ms   max ${fmt(Math.max(...painted))} ms`);
  const index = samples.map((s) => s.index);
  const rendered = samples.map((s) => s.rendered);
  console.log(`  of which: the index answering (in the page)     p50 ${fmt(quantile(index, 0.5))} ms   p95 ${fmt(quantile(index, 0.95))} ms`);
  console.log(`            results rendered (DOM updated)       p50 ${fmt(quantile(rendered, 0.5))} ms   p95 ${fmt(quantile(rendered, 0.95))} ms`);
  // the frame's own work: style, layout, paint and commit after its requestAnimationFrame callbacks
  const frameWork = samples.map((s) => s.painted - s.raf);
  console.log(`            the frame's own work (rAF → produced) p50 ${fmt(quantile(frameWork, 0.5))} ms   p95 ${fmt(quantile(frameWork, 0.95))} ms`);
  console.log(`over ${samples.length} keystrokes (goal: p95 ≤ 16 ms)`);
  console.log('slowest keystrokes to the frame (query, results, index, rendered, rAF, painted in ms):');
  for (const s of [...samples].sort((a, b) => b.painted - a.painted).slice(0, 6)) {
    console.log(`  ${JSON.stringify(s.query).padEnd(10)} ${String(s.total).padStart(6)} ${fmt(s.index)} ${fmt(s.rendered)} ${fmt(s.raf)} ${fmt(s.painted)}`);
  }
  console.log(
    JSON.stringify({
      bench: 'directory-paint',
      orgs: ORGS,
      keystrokes: samples.length,
      p50_ms: Number(quantile(raf, 0.5).toFixed(2)),
      p95_ms: Number(quantile(raf, 0.95).toFixed(2)),
      painted_p95_ms: Number(quantile(painted, 0.95).toFixed(2)),
      index_p95_ms: Number(quantile(index, 0.95).toFixed(2)),
      rendered_p95_ms: Number(quantile(rendered, 0.95).toFixed(2)),
      frame_work_p50_ms: Number(quantile(frameWork, 0.5).toFixed(2)),
      frame_work_p95_ms: Number(quantile(frameWork, 0.95).toFixed(2)),
      index: mode,
      typing: PAUSES ? 'pauses' : 'back-to-back',
      dom_rows: rows,
      load_ms: Math.round(loadMs),
    }),
  );
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
