// Benchmark of the reference server with a city-scale directory (35,000
// organizations, ~100,000 offers, 35,000 needs, 40,000 claims) on its embedded
// PGlite, over loopback only:
//
//   npm run bench:server
//
// 1. Loads the data once into .renling-data/bench-35k (git-ignored; about a
//    minute the first time, reused after) with the server's seed command.
// 2. Starts the server in its own process on 127.0.0.1 (rate limits off: one
//    address sends everything), so the load generator does not share its event loop.
// 3. For directory search (GET /organizations with free text and filters) and
//    need submission (anonymous POST /needs, one Idempotency-Key each): an
//    open-loop run at a fixed 200 requests/s, then a closed-loop run with 8
//    connections to find the ceiling. Every phase is bounded in time and count.
// The last line is one JSON object: {"bench":"server",…}.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const ORGANIZATIONS = 35_000;
const DATA_DIR = resolve(root, process.env.RENLING_BENCH_DIR ?? '.renling-data/bench-35k');
const MARKER = resolve(DATA_DIR, 'bench-ready.json');
const DATA_VERSION = 1;
const RATE = Number(process.env.RENLING_BENCH_RATE ?? 200);
const SECONDS = Number(process.env.RENLING_BENCH_SECONDS ?? 10);
const MAX_SECONDS = 5;
const CONNECTIONS = 8;
const GOAL_P95_MS = 50;
const NODE_FLAGS = ['--conditions=source', '--import', 'tsx'];

/** Runs a child to completion within `timeoutMs`, echoing its output. */
function runChild(args, env, timeoutMs) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${args.join(' ')} took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise();
      else reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
}

async function ensureData() {
  if (existsSync(MARKER)) {
    const marker = JSON.parse(readFileSync(MARKER, 'utf8'));
    if (marker.organizations === ORGANIZATIONS && marker.version === DATA_VERSION) return false;
  }
  console.log(`Loading ${ORGANIZATIONS} organizations into ${DATA_DIR} (once; reused by later runs)…`);
  await runChild(['packages/server/src/seed-cli.ts', '--organizations', String(ORGANIZATIONS), '--reset'], { RENLING_DATA_DIR: DATA_DIR }, 10 * 60_000);
  writeFileSync(MARKER, JSON.stringify({ organizations: ORGANIZATIONS, version: DATA_VERSION }));
  return true;
}

/** Starts the server on a free loopback port; resolves with its API root and a stop function. */
function startServer() {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, 'packages/server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, RENLING_DATA_DIR: DATA_DIR, HOST: '127.0.0.1', PORT: '0', RENLING_RATE_LIMITS: 'off', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('The server did not start within 120 s.'));
    }, 120_000);
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /Renling API: (http:\/\/127\.0\.0\.1:\d+)(\/api)/u.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolvePromise({
          api: `${match[1]}${match[2]}`,
          pid: child.pid,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
            }),
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code} before it started.`));
    });
  });
}

// -- the two workloads ----------------------------------------------------------

const WORDS = ['养老', '助餐', '社区', '志愿', '心理', '法律', '调解', '助残', '青少年', '就业', '文体', '书法', '康复', '家政', '垃圾分类', '服务中心', '社工', '关爱', '老年', '儿童'];
const CATEGORIES = ['elderly', 'disability', 'children-youth', 'health', 'legal', 'mediation', 'culture-sports', 'convenience'];
const DISTRICTS = ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310113', '310114', '310115'];
const TYPES = ['association', 'social-service-agency', 'community-team', 'volunteer-studio'];

let counter = 0;
const pick = (list) => list[(counter * 7919 + list.length * 31 + Math.floor(counter / list.length)) % list.length];

/** A directory search as a resident or a webmaster's widget would send it. */
function searchPath() {
  counter += 1;
  const kind = counter % 4;
  const q = encodeURIComponent(pick(WORDS));
  if (kind === 0 || kind === 1) return `/organizations?q=${q}&limit=20`;
  if (kind === 2) return `/organizations?q=${q}&categoryCode=${pick(CATEGORIES)}&limit=20`;
  return `/organizations?areaCode=${pick(DISTRICTS)}&type=${pick(TYPES)}&limit=20`;
}

const RUN_ID = Date.now().toString(36);

/** A resident's need, new each time (own key, own title). */
function needRequest() {
  counter += 1;
  const n = counter;
  return {
    key: `bench-${RUN_ID}-${n}`,
    body: JSON.stringify({
      title: `压测需求 ${RUN_ID} ${n}`,
      description: '独居老人希望每周有人上门陪伴聊天，顺便帮忙买菜。',
      categoryCode: 'elderly',
      audiences: ['elderly'],
      areaCode: '310105001001001',
      urgency: 'normal',
      preferredTime: '工作日上午',
      channel: 'self',
      forWhom: 'family',
      beneficiaries: 1,
      contact: { name: '陈桂兰', phone: '13912345678', address: '华阳路 1 号' },
      consent: { textVersion: '2026-11', givenAt: new Date().toISOString(), personalInfo: true, health: false, guardian: false },
      minor: false,
    }),
  };
}

/** CPU seconds the server process has used (Linux /proc), or null elsewhere. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks (100 a second on Linux)
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

let firstError = null;

async function send(api, workload) {
  const started = performance.now();
  let ok = false;
  try {
    let response;
    if (workload === 'search') {
      response = await fetch(`${api}${searchPath()}`, { headers: { Accept: 'application/json' } });
    } else {
      const { key, body } = needRequest();
      response = await fetch(`${api}/needs`, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body,
      });
    }
    const text = await response.text();
    ok = workload === 'search' ? response.status === 200 : response.status === 201;
    if (!ok) firstError ??= `${workload}: HTTP ${response.status} ${text.slice(0, 200)}`;
  } catch (error) {
    ok = false;
    firstError ??= `${workload}: ${error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)}`;
  }
  return { ms: performance.now() - started, ok };
}

function summarize(results, seconds) {
  const times = results.map((r) => r.ms).sort((a, b) => a - b);
  const at = (p) => times[Math.min(times.length - 1, Math.max(0, Math.ceil((p / 100) * times.length) - 1))] ?? 0;
  const round = (x) => Math.round(x * 10) / 10;
  return {
    requests: results.length,
    errors: results.filter((r) => !r.ok).length,
    rps: round(results.length / seconds),
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(times.at(-1) ?? 0),
  };
}

/** Open loop: a request every 1/rate s, whether or not earlier ones have answered. */
async function fixedRate(api, workload, rate, seconds) {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(api, workload));
  }
  const results = await Promise.all(pending);
  return summarize(results, (performance.now() - started) / 1000);
}

/** Closed loop: `connections` clients each sending the next request when the last answers. */
async function ceiling(api, workload, seconds, connections) {
  const results = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  const cap = 20_000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end && results.length < cap) results.push(await send(api, workload));
    }),
  );
  return summarize(results, (performance.now() - started) / 1000);
}

const line = (name, s) =>
  `${name.padEnd(34)} ${String(s.rps).padStart(7)} req/s   p50 ${String(s.p50).padStart(6)} ms   p95 ${String(s.p95).padStart(6)} ms   p99 ${String(s.p99).padStart(6)} ms   errors ${s.errors}/${s.requests}` +
  (s.serverCpuMsPerRequest === null ? '' : `   server CPU ${s.serverCpuMsPerRequest} ms/request`);

/** Runs a phase and adds the server's CPU milliseconds per request to its summary. */
async function phase(server, run) {
  const before = cpuSeconds(server.pid);
  const summary = await run();
  const after = cpuSeconds(server.pid);
  return { ...summary, serverCpuMsPerRequest: before === null || after === null ? null : Math.round(((after - before) * 1000 * 10) / summary.requests) / 10 };
}

const loadedNow = await ensureData();
const server = await startServer();
try {
  // warm up: the directory copy loads, PGlite's caches fill, connections open
  await ceiling(server.api, 'search', 2, 4);
  await ceiling(server.api, 'submit', 1, 2);
  const load = loadavg().map((x) => Math.round(x * 100) / 100);
  console.log(`\nReference server on PGlite, ${ORGANIZATIONS} organizations, loopback, ${cpus().length} cores, load average ${load.join(' ')}, node ${process.version}`);
  const search = await phase(server, () => fixedRate(server.api, 'search', RATE, SECONDS));
  console.log(line(`directory search @ ${RATE}/s`, search));
  const submit = await phase(server, () => fixedRate(server.api, 'submit', RATE, SECONDS));
  console.log(line(`need submission @ ${RATE}/s`, submit));
  const searchMax = await phase(server, () => ceiling(server.api, 'search', MAX_SECONDS, CONNECTIONS));
  console.log(line(`directory search, ${CONNECTIONS} connections`, searchMax));
  const submitMax = await phase(server, () => ceiling(server.api, 'submit', MAX_SECONDS, CONNECTIONS));
  console.log(line(`need submission, ${CONNECTIONS} connections`, submitMax));
  const goal = search.p95 <= GOAL_P95_MS && submit.p95 <= GOAL_P95_MS && search.errors === 0 && submit.errors === 0;
  console.log(`goal (p95 ≤ ${GOAL_P95_MS} ms at ${RATE} requests/s, no errors): ${goal ? 'met' : 'NOT met'}`);
  if (firstError) console.log(`first error: ${firstError}`);
  console.log(
    JSON.stringify({
      bench: 'server',
      database: 'pglite',
      organizations: ORGANIZATIONS,
      rate: RATE,
      seconds: SECONDS,
      loadedNow,
      cores: cpus().length,
      loadAverage: load,
      search,
      submit,
      searchMax,
      submitMax,
      goalP95Ms: GOAL_P95_MS,
      goalMet: goal,
    }),
  );
} finally {
  await server.stop();
}
