/**
 * `allocate`: a whole list of needs to offers at once (a 供需对接会 or a
 * matching round), each need to at most one offer, no offer beyond its free
 * places, the total score as high as possible.
 *
 * This is a maximum-weight bipartite b-matching, solved exactly as a
 * minimum-cost flow: each need sends one unit either through an offer
 * (cost −score, in cents) or through a "stays unmatched" node (cost 0); offers
 * pass at most their free places on. Needs are added one at a time in
 * turn (those with the best candidates first, ties by id), each by one
 * shortest augmenting path (Dijkstra on costs reduced by node potentials,
 * stopped at the sink): after each step the flow is optimal for the needs
 * added so far, so after the last it is optimal for all.
 * Potentials left at the end certify it (no residual edge of negative
 * reduced cost), and `optimal` reports that check.
 *
 * Maximizing weight is not maximizing the number of pairs: a need stays
 * unmatched when giving it a place would cost more score elsewhere. With
 * scores ≥ 0 leaving a need out never raises the total by itself, but the
 * unmatched route keeps the model honest for any `minScore` and weights.
 * Edges come from the candidate index, so the graph holds only eligible
 * pairs, and everything runs in id order: the result does not depend on the
 * order of the input lists.
 */
import type { PublicNeed, ServiceOffer } from '../model.js';
import { CandidateIndex, byRank } from './candidates.js';
import type { Ranked } from './candidates.js';
import { checkList, prepareNeed, totalCents } from './prepare.js';
import type { PreparedNeed, PreparedOffer } from './prepare.js';
import { scorePrepared } from './scoring.js';
import type { Allocation, AllocationOptions, MissReason, UnmatchedNeed } from './types.js';

const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A growable residual graph in flat arrays; edge `e` and its reverse `e ^ 1` are stored side by side. */
class FlowGraph {
  head: Int32Array;
  next = new Int32Array(1024);
  to = new Int32Array(1024);
  cap = new Int32Array(1024);
  cost = new Float64Array(1024);
  edges = 0;

  constructor(nodes: number) {
    this.head = new Int32Array(nodes).fill(-1);
  }

  private grow(): void {
    const size = this.next.length * 2;
    const copy = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.next = copy(this.next, (n) => new Int32Array(n));
    this.to = copy(this.to, (n) => new Int32Array(n));
    this.cap = copy(this.cap, (n) => new Int32Array(n));
    this.cost = copy(this.cost, (n) => new Float64Array(n));
  }

  /** Adds a→b and its empty reverse; returns the forward edge. */
  add(a: number, b: number, capacity: number, cost: number): number {
    if (this.edges + 2 > this.next.length) this.grow();
    const e = this.edges;
    this.to[e] = b;
    this.cap[e] = capacity;
    this.cost[e] = cost;
    this.next[e] = this.head[a] as number;
    this.head[a] = e;
    this.to[e + 1] = a;
    this.cap[e + 1] = 0;
    this.cost[e + 1] = -cost;
    this.next[e + 1] = this.head[b] as number;
    this.head[b] = e + 1;
    this.edges += 2;
    return e;
  }
}

/** A binary min-heap of nodes by key; ties by node number so runs repeat exactly. */
class NodeHeap {
  private keys: number[] = [];
  private nodes: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  private less(i: number, j: number): boolean {
    const a = this.keys[i] as number;
    const b = this.keys[j] as number;
    return a < b || (a === b && (this.nodes[i] as number) < (this.nodes[j] as number));
  }

  private swap(i: number, j: number): void {
    const k = this.keys[i] as number;
    this.keys[i] = this.keys[j] as number;
    this.keys[j] = k;
    const n = this.nodes[i] as number;
    this.nodes[i] = this.nodes[j] as number;
    this.nodes[j] = n;
  }

  push(key: number, node: number): void {
    this.keys.push(key);
    this.nodes.push(node);
    for (let i = this.nodes.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the smallest; its key and node are in `key` and `node`. */
  key = 0;
  node = 0;
  pop(): void {
    this.key = this.keys[0] as number;
    this.node = this.nodes[0] as number;
    const lastKey = this.keys.pop() as number;
    const lastNode = this.nodes.pop() as number;
    if (this.nodes.length === 0) return;
    this.keys[0] = lastKey;
    this.nodes[0] = lastNode;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.nodes.length && this.less(l, m)) m = l;
      if (r < this.nodes.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  clear(): void {
    this.keys.length = 0;
    this.nodes.length = 0;
  }
}

function checkOptions(options: AllocationOptions): { minScore: number; nearestMisses: number } {
  if (typeof options !== 'object' || options === null) throw new TypeError('allocate needs options with at least `organizations`');
  const minScore = options.minScore ?? 0;
  if (typeof minScore !== 'number' || !Number.isFinite(minScore)) throw new RangeError(`minScore must be a finite number, got ${String(minScore)}`);
  const nearestMisses = options.nearestMisses ?? 3;
  if (!Number.isSafeInteger(nearestMisses) || nearestMisses < 0) throw new RangeError(`nearestMisses must be a non-negative integer, got ${String(nearestMisses)}`);
  return { minScore, nearestMisses };
}

/**
 * Assigns open needs to offers, at most one offer per need and never more
 * needs to an offer than its free places (`capacityLeft`), maximizing the
 * sum of scores over eligible pairs scoring at least `minScore`. A need
 * concerning several people (beneficiaries > 1) takes one place: one
 * booking serves a household, as a claim does. Needs that are not open are
 * left out; open needs without an offer are listed with their nearest misses.
 */
export function allocate(needs: readonly PublicNeed[], offers: readonly ServiceOffer[], options: AllocationOptions): Allocation {
  const { minScore, nearestMisses } = checkOptions(options);
  checkList(needs, 'allocate needs an array of needs');
  checkList(offers, 'allocate needs an array of offers');
  const index = new CandidateIndex([], offers, options);
  const prepared = needs.map((n) => prepareNeed(n)).sort(byId);
  for (let i = 1; i < prepared.length; i++) {
    if ((prepared[i] as PreparedNeed).id === (prepared[i - 1] as PreparedNeed).id) throw new RangeError(`Duplicate need id ${JSON.stringify((prepared[i] as PreparedNeed).id)}`);
  }
  const open = prepared.filter((pn) => pn.open);
  const available = [...index.allOffers()].filter((po) => po.unavailable === 0).sort(byId);

  // nodes: needs 0…n-1, offers n…n+m-1, then "unmatched" and the sink
  const n = open.length;
  const m = available.length;
  const UNMATCHED = n + m;
  const SINK = n + m + 1;
  const nodeCount = n + m + 2;
  const offerNode = new Map<string, number>(available.map((po, j) => [po.id, n + j]));
  const graph = new FlowGraph(nodeCount);
  for (let j = 0; j < m; j++) graph.add(n + j, SINK, (available[j] as PreparedOffer).left, 0);
  graph.add(UNMATCHED, SINK, n, 0);

  const candidates: Ranked<PreparedOffer>[][] = [];
  for (let i = 0; i < n; i++) {
    const pn = open[i] as PreparedNeed;
    const list = index.rankAllOffers(pn);
    candidates.push(list);
    // added worst first, so the adjacency list (newest first) starts with the best offers
    for (let c = list.length - 1; c >= 0; c--) {
      const entry = list[c] as Ranked<PreparedOffer>;
      if (entry.cents / 100 >= minScore) graph.add(i, offerNode.get(entry.id) as number, 1, -entry.cents);
    }
    graph.add(i, UNMATCHED, 1, 0);
  }

  // Node potentials; only their differences matter (reduced costs), so a
  // shift of all of them at once is never applied.
  const potential = new Float64Array(nodeCount);
  const dist = new Float64Array(nodeCount).fill(Infinity);
  const parentEdge = new Int32Array(nodeCount).fill(-1);
  const settled = new Uint8Array(nodeCount);
  const touched: number[] = [];
  const heap = new NodeHeap();
  const { head, next } = graph;

  // Any order of adding needs ends at an optimum; adding the needs with the
  // best candidates first lets them take their best offers directly and
  // leaves shorter reassignment searches for the rest.
  const bestCents = candidates.map((list) => list.find((entry) => entry.cents / 100 >= minScore)?.cents ?? 0);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (bestCents[b] as number) - (bestCents[a] as number) || a - b);
  for (const u of order) {
    const { to, cap, cost } = graph;
    // the new need's potential makes its own edges' reduced costs non-negative
    let pu = potential[UNMATCHED] as number;
    for (let e = head[u] as number; e >= 0; e = next[e] as number) {
      if ((cap[e] as number) > 0) pu = Math.max(pu, (potential[to[e] as number] as number) - (cost[e] as number));
    }
    potential[u] = pu;

    heap.clear();
    dist[u] = 0;
    touched.push(u);
    heap.push(0, u);
    let reached = Infinity;
    while (heap.size > 0) {
      heap.pop();
      const a = heap.node;
      const d = heap.key;
      if (settled[a] === 1 || d > (dist[a] as number)) continue;
      settled[a] = 1;
      if (a === SINK) {
        reached = d;
        break;
      }
      const pa = potential[a] as number;
      for (let e = head[a] as number; e >= 0; e = next[e] as number) {
        if ((cap[e] as number) <= 0) continue;
        const b = to[e] as number;
        if (settled[b] === 1) continue;
        const reduced = (cost[e] as number) + pa - (potential[b] as number);
        if (reduced < 0) throw new Error(`allocate: negative reduced cost ${reduced} on ${a}→${b}`);
        const nd = d + reduced;
        if (nd < (dist[b] as number)) {
          if (dist[b] === Infinity) touched.push(b);
          dist[b] = nd;
          parentEdge[b] = e;
          heap.push(nd, b);
        }
      }
    }
    // the sink is always reachable through "unmatched"
    if (reached === Infinity) throw new Error('allocate: sink not reached');

    for (let v = SINK; v !== u; ) {
      const e = parentEdge[v] as number;
      cap[e] = (cap[e] as number) - 1;
      cap[e ^ 1] = (cap[e ^ 1] as number) + 1;
      v = to[e ^ 1] as number;
    }
    // potential += min(dist, reached) for every node: settled nodes move by
    // their distance; the rest all move by `reached`, which changes no
    // difference, so they are left as they are and the settled ones move by
    // dist − reached instead
    for (const v of touched) {
      if (settled[v] === 1) potential[v] = (potential[v] as number) + (dist[v] as number) - reached;
      dist[v] = Infinity;
      settled[v] = 0;
      parentEdge[v] = -1;
    }
    touched.length = 0;
  }

  // -------------------------------------------------------------------------
  // Results
  // -------------------------------------------------------------------------
  const optimal = certify(graph, potential, nodeCount);
  const pairs: Allocation['pairs'] = [];
  const unmatched: UnmatchedNeed[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const pn = open[i] as PreparedNeed;
    let assigned: PreparedOffer | undefined;
    for (let e = head[i] as number; e >= 0; e = next[e] as number) {
      const b = graph.to[e] as number;
      if (e % 2 === 0 && b >= n && b < n + m && graph.cap[e] === 0) assigned = available[b - n];
    }
    if (assigned !== undefined) {
      const score = scorePrepared(pn, assigned, index.env);
      total += Math.round(score.total * 100);
      pairs.push({ needId: pn.id, offerId: assigned.id, score });
    } else {
      unmatched.push({ needId: pn.id, nearestMisses: nearMisses(pn, candidates[i] ?? [], index, minScore, nearestMisses) });
    }
  }
  return { pairs, totalScore: total / 100, unmatched, optimal };
}

/**
 * Checks the optimality certificate: every residual edge has a non-negative
 * reduced cost under the final potentials, so no cheaper flow exists.
 */
function certify(graph: FlowGraph, potential: Float64Array, nodeCount: number): boolean {
  for (let a = 0; a < nodeCount; a++) {
    for (let e = graph.head[a] as number; e >= 0; e = graph.next[e] as number) {
      if ((graph.cap[e] as number) <= 0) continue;
      const b = graph.to[e] as number;
      if ((graph.cost[e] as number) + (potential[a] as number) - (potential[b] as number) < 0) return false;
    }
  }
  return true;
}

function nearMisses(pn: PreparedNeed, eligible: readonly Ranked<PreparedOffer>[], index: CandidateIndex, minScore: number, count: number): UnmatchedNeed['nearestMisses'] {
  if (count === 0) return [];
  const entries: (Ranked<PreparedOffer> & { why: MissReason })[] = eligible.map((r) => ({ ...r, why: r.cents / 100 < minScore ? 'below-threshold' : 'taken' }));
  for (const po of index.unavailableOffersFor(pn)) {
    entries.push({ item: po, id: po.id, cents: totalCents(pn, po, index.env), why: CandidateIndex.onlyFull(po) ? 'full' : 'ineligible' });
  }
  return entries
    .sort(byRank)
    .slice(0, count)
    .map((r) => ({ offerId: r.id, score: scorePrepared(pn, r.item, index.env), why: r.why }));
}
