// Benchmark of the search index (@renling/core's createSearchIndex) on the built packages.
//
//   npm run bench:search   (builds @renling/core and @renling/mocks first)
//
// At 1,000, 10,000 and 35,000 organizations (seeded mocks plus the hand-made
// records of bench/search-queries.json) the index is built where the
// directory builds it: in a worker thread, from a structured clone of the
// records (what the page's worker receives), with nothing else in that
// thread's heap. It reports build time and retained memory (the worker's JS
// heap plus typed arrays), p50 / p95 per query over the labelled query set
// (every kind: Chinese substrings and words, pinyin, initials, mixed,
// traditional, sound-alike and mistyped, English, full-width, several
// words) run 7 times, the same queries over plain fuse.js on the same
// records in the main thread, and the ratio of the p95s. fuse.js takes
// seconds a query at 35,000, so it runs a subset there (printed).
//
// The repeated passes measure an index that has seen each query before. A
// resident types new text: "first time" figures are each query's first run
// (after the engine's code has been warmed up on unrelated queries, as the
// page's worker does), for the labelled set and for words typed letter by
// letter (every prefix of yanglaofuwu, xinlizixun, changning…).
//
// Then the top-5 hit rate of the labelled set at 35,000, and the gzip size of
// the search code and its table as bundled. The last line is one JSON object.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const PASSES = 7;
/** Words typed a letter (or, for Chinese, a character) at a time. */
const TYPED = ['yanglaofuwu', 'xinlizixun', 'changning', 'shequ', 'zhiyuanzhe', 'laonianren', 'ylfw', 'xlzx', '法律援助', '心里咨询', '社区居民'];

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const mb = (bytes) => bytes / 1048576;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

let core;
try {
  core = await import('@renling/core');
} catch (error) {
  console.error('Cannot import the built packages: run `npm run build -w @renling/core -w @renling/mocks` first.');
  console.error(String(error));
  process.exit(1);
}

/**
 * p50 and p95 over every timed call, and the p95 over each query's median of
 * the passes: on a machine shared with other work the second shows the
 * queries' own cost, the first includes whatever else ran.
 */
function timeQueries(run, list, passes) {
  const times = [];
  const perQuery = list.map(() => []);
  for (const q of list) run(q); // warm up
  for (let p = 0; p < passes; p++) {
    list.forEach((q, i) => {
      const t0 = performance.now();
      run(q);
      const dt = performance.now() - t0;
      times.push(dt);
      perQuery[i].push(dt);
    });
  }
  const medians = perQuery.map((ts) => quantile(ts, 0.5));
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), p95med: quantile(medians, 0.95), n: times.length };
}

/** The first run of each query, in order. */
function firstTimes(index, list) {
  return list.map((q) => {
    const t0 = performance.now();
    index.search(q, { limit: 20 });
    return performance.now() - t0;
  });
}

if (!isMainThread) {
  // ---- the worker: build, memory, our queries, hit rate
  const { records, queries, labelled, withHitRate } = workerData;
  const { createSearchIndex } = core;
  const settle = async () => {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
    gc();
  };
  // this thread's JS heap, plus typed arrays' backing stores (where the posting lists live)
  const used = () => getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers;
  await settle();
  const before = used();
  const t0 = performance.now();
  const index = createSearchIndex(records);
  const buildMs = performance.now() - t0;
  await settle();
  const heap = mb(used() - before);
  // the queries the page's worker warms its engine with, none of them labelled or typed below
  const { warmUp } = await import('../packages/core/dist/search/warm-up.js');
  warmUp(index);
  const first = firstTimes(index, queries);
  const typed = TYPED.flatMap((word) => [...word].map((_, i) => [...word].slice(0, i + 1).join('')));
  const typing = firstTimes(index, typed);
  const ours = timeQueries((q) => index.search(q, { limit: 20 }), queries, PASSES);
  let hits = null;
  if (withHitRate) {
    hits = labelled.map(({ q, ids }) => {
      const top5 = index.search(q, { limit: 5 }).hits.map((h) => h.id);
      return { hit: ids.some((id) => top5.includes(id)), top5 };
    });
  }
  parentPort.postMessage({ buildMs, heap, ours, first, typing, typed, hits });
} else {
  // ---- the main thread: data, fuse.js, the report
  let mocks;
  try {
    mocks = await import('@renling/mocks');
  } catch (error) {
    console.error('Cannot import @renling/mocks: run `npm run build -w @renling/core -w @renling/mocks` first.');
    console.error(String(error));
    process.exit(1);
  }
  const { groupForSearch } = core;
  const { generateDataset } = mocks;
  const { default: Fuse } = await import('fuse.js');
  const { build } = await import('esbuild');

  const labelled = JSON.parse(readFileSync(new URL('./search-queries.json', import.meta.url), 'utf8'));
  const SIZES = [1_000, 10_000, 35_000];
  /** fuse.js queries per size: all of them while it is fast enough, a spread subset at 35,000. */
  const FUSE_QUERIES = { 1000: Infinity, 10000: 24, 35000: 8 };
  const queries = labelled.queries.map((q) => q.q);
  const spread = (n) => (n >= queries.length ? queries : Array.from({ length: n }, (_, i) => queries[Math.floor((i * queries.length) / n)]));

  const inWorker = (data) =>
    new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: data });
      worker.once('message', (message) => {
        resolve(message);
        void worker.terminate();
      });
      worker.once('error', reject);
    });

  console.log(
    `node ${process.version}, ${queries.length} labelled queries × ${PASSES} passes; ${labelled.records.length} hand-made records injected; load average ${loadavg()[0].toFixed(1)}`,
  );
  console.log('index in a worker thread: build, memory, queries; fuse.js in the main thread');
  console.log('   orgs   offers  build ms  heap MB   p50 ms   p95 ms  p95 of medians  first-time p95 | fuse: queries  build ms    p50 ms    p95 ms |  ratio (p95)');
  const rows = [];
  let big;
  for (const orgs of SIZES) {
    const data = generateDataset({ seed: labelled.seed, organizations: orgs });
    const records = [...groupForSearch(data.organizations, data.offers), ...labelled.records];
    const result = await inWorker({ records, queries, labelled: labelled.queries, withHitRate: orgs === 35_000 });
    const { buildMs, heap, ours } = result;
    const firstP95 = quantile(result.first, 0.95);

    const f0 = performance.now();
    const fuse = new Fuse(records, {
      keys: [
        { name: 'organization.name', weight: 4 },
        { name: 'offers.title', weight: 3 },
        { name: 'organization.tags', weight: 2 },
        { name: 'organization.description', weight: 1 },
        { name: 'offers.description', weight: 1 },
      ],
      ignoreLocation: true,
      threshold: 0.4,
    });
    const fuseBuild = performance.now() - f0;
    const fuseList = spread(FUSE_QUERIES[orgs] ?? 8);
    const theirs = timeQueries((q) => fuse.search(q, { limit: 20 }), fuseList, 1);
    const ratio = theirs.p95 / Math.max(ours.p95, 1e-6);
    rows.push({ orgs, buildMs, heap, ours, firstP95, theirs, ratio, fuseQueries: fuseList.length });
    console.log(
      [
        String(orgs).padStart(7),
        String(data.offers.length).padStart(8),
        buildMs.toFixed(0).padStart(9),
        heap.toFixed(1).padStart(8),
        ours.p50.toFixed(3).padStart(8),
        ours.p95.toFixed(3).padStart(8),
        ours.p95med.toFixed(3).padStart(15),
        firstP95.toFixed(3).padStart(15),
        ' |',
        String(fuseList.length).padStart(13),
        fuseBuild.toFixed(0).padStart(9),
        theirs.p50.toFixed(1).padStart(9),
        theirs.p95.toFixed(1).padStart(9),
        ' |',
        ratio.toFixed(0).padStart(8),
      ].join(' '),
    );
    if (orgs === 35_000) big = result;
    gc();
  }

  // letter by letter at 35,000
  const typing = big.typing;
  const slowest = big.typed
    .map((q, i) => [q, typing[i]])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6);
  console.log(
    `\nwords typed letter by letter at 35,000 (${typing.length} searches, each seen for the first time): p50 ${quantile(typing, 0.5).toFixed(3)} ms, p95 ${quantile(typing, 0.95).toFixed(3)} ms, max ${Math.max(...typing).toFixed(1)} ms`,
  );
  console.log(`  slowest: ${slowest.map(([q, t]) => `${q} ${t.toFixed(1)}`).join(', ')}`);

  // top-5 hit rate at 35,000
  const misses = [];
  const byKind = {};
  labelled.queries.forEach(({ q, kind }, i) => {
    const { hit, top5 } = big.hits[i];
    byKind[kind] ??= { hit: 0, all: 0 };
    byKind[kind].all++;
    if (hit) byKind[kind].hit++;
    else misses.push(`${kind}: ${q} → ${top5.join(',') || '(none)'}`);
  });
  const hitRate = (labelled.queries.length - misses.length) / labelled.queries.length;
  console.log(`\ntop-5 hit rate at 35,000: ${(hitRate * 100).toFixed(1)}% (${labelled.queries.length - misses.length}/${labelled.queries.length})`);
  console.log(`  by kind: ${Object.entries(byKind).map(([k, v]) => `${k} ${v.hit}/${v.all}`).join(', ')}`);
  for (const m of misses) console.log(`  miss ${m}`);

  // gzip size of the search code and table as a bundler would ship them
  const entry = fileURLToPath(new URL('../packages/core/src/search/index.ts', import.meta.url));
  async function bundleSize(external) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      outfile: 'search.js',
      logLevel: 'silent',
      plugins: [
        {
          name: 'external',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => (external.some((re) => re.test(args.path)) ? { path: args.path, external: true } : undefined));
          },
        },
      ],
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.js'))?.contents ?? new Uint8Array();
    return gzipSync(code, { level: 9 }).length / 1024;
  }
  const shared = [/^fuse\.js$/u, /taxonomy\.js$/u];
  const searchKb = await bundleSize(shared);
  const totalKb = await bundleSize([]);
  console.log(`\nbundle (esbuild, minified, gzip -9): search code + reading table ${searchKb.toFixed(1)} KB;`);
  console.log(`  with fuse.js and the taxonomy it shares with the rest of the kit: ${totalKb.toFixed(1)} KB`);

  const last = rows.at(-1);
  console.log(
    JSON.stringify({
      bench: 'search',
      orgs: last.orgs,
      p95_ms: Number(last.ours.p95.toFixed(3)),
      fuse_p95_ms: Number(last.theirs.p95.toFixed(1)),
      ratio: Math.round(last.ratio),
      hit_rate: Number(hitRate.toFixed(3)),
      build_ms: Math.round(last.buildMs),
      heap_mb: Number(last.heap.toFixed(1)),
      bundle_kb_gz: Number(searchKb.toFixed(1)),
      p50_ms: Number(last.ours.p50.toFixed(3)),
      p95_of_query_medians_ms: Number(last.ours.p95med.toFixed(3)),
      first_time_p95_ms: Number(last.firstP95.toFixed(3)),
      typing_p50_ms: Number(quantile(typing, 0.5).toFixed(3)),
      typing_p95_ms: Number(quantile(typing, 0.95).toFixed(3)),
      load_avg: Number(loadavg()[0].toFixed(1)),
      fuse_queries: last.fuseQueries,
      bundle_with_shared_kb_gz: Number(totalKb.toFixed(1)),
    }),
  );
}
