// Benchmark of @renling/mocks' generateDataset on the built packages.
//
//   npm run build -w @renling/core -w @renling/mocks
//   node bench/mocks.bench.mjs
//
// For 60, 1,000, 10,000 and 35,000 organizations (the Shanghai city-wide
// directory) it prints generation time and retained heap with the count of
// each entity, beside a baseline measured in the same run: allocating the
// same number of plain objects (an id, a number, a one-item array each).
// The last line is one JSON object for CI and dashboards.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let mocks;
try {
  mocks = await import('@renling/mocks');
} catch (error) {
  console.error('Cannot import @renling/mocks from dist: run `npm run build -w @renling/core -w @renling/mocks` first.');
  console.error(String(error));
  process.exit(1);
}
const { generateDataset } = mocks;

// a way to collect garbage between runs without asking for node --expose-gc
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

const SIZES = [60, 1_000, 10_000, 35_000];
const RUNS = (orgs) => (orgs >= 35_000 ? 1 : 3);
const SEED = 20261101;
const ENTITIES = ['areas', 'organizations', 'offers', 'needs', 'claims', 'projects'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => (bytes / 1048576).toFixed(1);

/** The floor: the same number of small plain objects, kept alive like a dataset. */
function allocate(total) {
  const out = new Array(total);
  for (let i = 0; i < total; i++) out[i] = { id: `rec-${i}`, n: i, list: [i] };
  return out;
}

function measure(fn, runs) {
  const times = [];
  let heap = 0;
  let result;
  for (let r = 0; r < runs; r++) {
    result = undefined;
    gc();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
    gc();
    heap = process.memoryUsage().heapUsed - before;
  }
  return { ms: median(times), heap, result };
}

console.log(`node ${process.version}, ${SIZES.join(' / ')} organizations, median of 3 runs below 35,000`);
console.log('orgs    areas   offers   needs   claims  projects      ms   heap MB  baseline ms  ratio');
let last;
for (const orgs of SIZES) {
  const runs = RUNS(orgs);
  const gen = measure(() => generateDataset({ seed: SEED, organizations: orgs }), runs);
  const data = gen.result;
  const total = ENTITIES.reduce((sum, k) => sum + data[k].length, 0);
  const base = measure(() => allocate(total), runs);
  const ratio = gen.ms / Math.max(base.ms, 0.001);
  const row = [
    String(orgs).padStart(6),
    String(data.areas.length).padStart(7),
    String(data.offers.length).padStart(8),
    String(data.needs.length).padStart(7),
    String(data.claims.length).padStart(8),
    String(data.projects.length).padStart(9),
    gen.ms.toFixed(0).padStart(7),
    mb(gen.heap).padStart(9),
    base.ms.toFixed(1).padStart(12),
    ratio.toFixed(1).padStart(6),
  ];
  console.log(row.join(' '));
  last = { orgs, offers: data.offers.length, needs: data.needs.length, claims: data.claims.length, ms: gen.ms, heap: gen.heap, baseline_ms: base.ms, ratio };
}

console.log(
  JSON.stringify({
    bench: 'mocks',
    orgs: last.orgs,
    offers: last.offers,
    needs: last.needs,
    claims: last.claims,
    ms: Math.round(last.ms),
    heap_mb: Number(mb(last.heap)),
    baseline_ms: Math.round(last.baseline_ms * 10) / 10,
    ratio: Math.round(last.ratio * 10) / 10,
  }),
);
