// The memory engine's promise that a replayed write changes nothing: random
// sequences of claim requests, transitions and projects, run once as they
// are and once with successful writes sent again (same key, same body)
// between them, end in the same records, and every replay gets the first answer.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DEMO_SEED, generateDataset } from '@renling/mocks';
import { AdapterError, type DataAdapter } from '../../src/adapter.js';
import { createMemoryAdapter } from '../../src/memory-adapter.js';
import type { Claim, ProjectDraft } from '../../src/model.js';

const data = generateDataset({ seed: DEMO_SEED, organizations: 12 });
// after every record in the dataset, so histories stay in clock order
const NOW = (): Date => new Date('2026-12-01T08:00:00.000Z');

const offers = data.offers.filter((o) => o.status === 'open').slice(0, 3);
const needs = data.needs.slice(0, 3);
const { id: _id, updatedAt: _updatedAt, ...projectTemplate } = data.projects[0]!;

type Op =
  | { kind: 'request'; offer: number; need: number | null }
  | { kind: 'need-claim'; need: number; offer: number | null }
  | { kind: 'accept' | 'start' | 'withdraw' | 'decline'; claim: number }
  | { kind: 'complete'; claim: number; beneficiaries: number }
  | { kind: 'rate'; claim: number; score: number }
  | { kind: 'project'; claims: number[] };

const claimIndex = fc.nat({ max: 5 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('request' as const), offer: fc.nat({ max: offers.length - 1 }), need: fc.option(fc.nat({ max: needs.length - 1 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('need-claim' as const), need: fc.nat({ max: needs.length - 1 }), offer: fc.option(fc.nat({ max: offers.length - 1 })) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constantFrom('accept' as const, 'start' as const, 'withdraw' as const, 'decline' as const), claim: claimIndex }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('complete' as const), claim: claimIndex, beneficiaries: fc.nat({ max: 9 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rate' as const), claim: claimIndex, score: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('project' as const), claims: fc.uniqueArray(claimIndex, { minLength: 1, maxLength: 3 }) }) },
);

/** A step: an operation, and after it (with replays) which earlier successful write to send again, if any. */
const stepsArb = fc.array(fc.record({ op: opArb, replay: fc.option(fc.nat(), { freq: 2 }) }), { minLength: 1, maxLength: 30 });

interface Done {
  send: () => Promise<unknown>;
  answer: unknown;
}

/** The call an operation makes, with its own key; null when it has no claim to act on yet. */
function perform(adapter: DataAdapter, op: Op, key: string, claims: Claim[]): { send: () => Promise<unknown> } | null {
  const opts = { idempotencyKey: key };
  const claim = 'claim' in op ? claims[op.claim % Math.max(1, claims.length)] : undefined;
  switch (op.kind) {
    case 'request': {
      const offer = offers[op.offer]!;
      const input = {
        direction: 'offer-booking' as const,
        offerId: offer.id,
        needId: op.need === null ? null : needs[op.need]!.id,
        organizationId: offer.organizationId,
        categoryCode: offer.categoryCode,
        requestedBy: { role: 'resident' as const, id: 'resident-replay' },
      };
      return { send: () => adapter.requestClaim(input, opts) };
    }
    case 'need-claim': {
      const need = needs[op.need]!;
      const offer = op.offer === null ? null : offers[op.offer]!;
      const organizationId = offer?.organizationId ?? data.organizations[0]!.id;
      const input = {
        direction: 'need-claim' as const,
        needId: need.id,
        offerId: offer?.id ?? null,
        organizationId,
        categoryCode: need.categoryCode,
        requestedBy: { role: 'organization' as const, id: organizationId },
      };
      return { send: () => adapter.requestClaim(input, opts) };
    }
    case 'project': {
      const chosen = op.claims.map((i) => claims[i % Math.max(1, claims.length)]).filter((c): c is Claim => c !== undefined);
      const first = chosen[0];
      if (!first) return null;
      const draft: ProjectDraft = {
        ...projectTemplate,
        title: '重放测试项目',
        organizationId: first.organizationId,
        needIds: [],
        claimIds: [...new Set(chosen.map((c) => c.id))],
      };
      return { send: () => adapter.createProject(draft, opts) };
    }
    default:
      break;
  }
  if (!claim) return null;
  switch (op.kind) {
    case 'accept':
      return { send: () => adapter.acceptClaim(claim.id, {}, opts) };
    case 'start':
      return { send: () => adapter.startClaim(claim.id, {}, opts) };
    case 'withdraw':
      return { send: () => adapter.withdrawClaim(claim.id, { reason: '居民已另行安排' }, opts) };
    case 'decline':
      return { send: () => adapter.declineClaim(claim.id, { reason: '名额已满' }, opts) };
    case 'complete':
      return { send: () => adapter.completeClaim(claim.id, { beneficiaries: op.beneficiaries }, opts) };
    case 'rate':
      return { send: () => adapter.rateClaim(claim.id, { score: op.score, comment: '' }, opts) };
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; kind: string };

async function outcome(send: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await send() };
  } catch (error) {
    if (!(error instanceof AdapterError)) throw error;
    return { ok: false, kind: error.kind };
  }
}

async function everything(adapter: DataAdapter): Promise<unknown> {
  const lists = await Promise.all([
    adapter.listClaims({ limit: 200 }),
    adapter.listOffers({ limit: 200 }),
    adapter.listNeeds({ limit: 200 }),
    adapter.listProjects({ limit: 200 }),
    adapter.listOrganizations({ limit: 200 }),
  ]);
  return lists.map((page) => page.items);
}

/** Runs the steps; with `replays`, sends an earlier successful write again after each step that asks for it. */
async function run(steps: { op: Op; replay: number | null }[], replays: boolean): Promise<{ outcomes: Outcome[]; state: unknown }> {
  const adapter = createMemoryAdapter(data, { now: NOW });
  const claims: Claim[] = [];
  const done: Done[] = [];
  const outcomes: Outcome[] = [];
  for (const [n, step] of steps.entries()) {
    const call = perform(adapter, step.op, `replay-${n}`, claims);
    if (!call) {
      outcomes.push({ ok: false, kind: 'skipped' });
      continue;
    }
    const result = await outcome(call.send);
    outcomes.push(result);
    if (result.ok) {
      done.push({ send: call.send, answer: result.value });
      if (step.op.kind === 'request' || step.op.kind === 'need-claim') claims.push(result.value as Claim);
    }
    if (replays && step.replay !== null && done.length > 0) {
      const earlier = done[step.replay % done.length]!;
      const again = await outcome(earlier.send);
      expect(again, 'a replay gets the first answer').to.deep.equal({ ok: true, value: earlier.answer });
    }
  }
  return { outcomes, state: await everything(adapter) };
}

describe('memory engine: replayed writes change nothing', () => {
  it('ends random request/accept/start/complete/rate/project sequences in the same state with replays as without (100 runs)', async function () {
    this.timeout(120_000);
    expect(offers.length).to.equal(3);
    await fc.assert(
      fc.asyncProperty(stepsArb, async (steps) => {
        const plain = await run(steps, false);
        const replayed = await run(steps, true);
        expect(replayed.outcomes).to.deep.equal(plain.outcomes);
        expect(replayed.state).to.deep.equal(plain.state);
      }),
      { numRuns: 100 },
    );
  });
});
