/**
 * What the claim tracker reads, without the DOM: the claims a selection
 * names, page by page up to a cap, and the public records they point at
 * (need, offer, organization) for their titles and names.
 */
import {
  CLAIM_STATES,
  isAbortError,
  type Claim,
  type ClaimQuery,
  type ClaimState,
  type DataAdapter,
  type Organization,
  type PublicNeed,
  type ServiceOffer,
} from '@renling/core';

/** Which claims to show: one by id, or those matching every given filter. */
export interface ClaimSelection {
  claimId?: string | undefined;
  needId?: string | undefined;
  offerId?: string | undefined;
  organizationId?: string | undefined;
  states?: readonly ClaimState[];
}

export interface ClaimBatch {
  claims: Claim[];
  /** Where the next batch starts; null when every claim is loaded. */
  nextCursor: string | null;
  /** Claims matching the selection in all pages. */
  total: number;
}

/** The adapter's page size for claims; the contract allows up to 200. */
const PAGE_SIZE = 50;

/** `pending,accepted` → the states it names; unknown words are reported and ignored. */
export function parseStates(value: string | null | undefined): ClaimState[] {
  if (!value) return [];
  const words = value
    .split(/[,，\s]+/u)
    .map((w) => w.trim())
    .filter(Boolean);
  const unknown = words.filter((w) => !(CLAIM_STATES as readonly string[]).includes(w));
  if (unknown.length) console.warn(`Renling: state="${value}": ${unknown.join(', ')} is not a claim state (${CLAIM_STATES.join(', ')}); ignored.`);
  return [...new Set(words.filter((w): w is ClaimState => (CLAIM_STATES as readonly string[]).includes(w)))];
}

/**
 * Up to `count` claims from `cursor` on, in as many pages as that takes. A
 * single claim by id comes back alone, whatever the other filters say.
 */
export async function loadClaimBatch(
  adapter: DataAdapter,
  selection: ClaimSelection,
  cursor: string | null,
  count: number,
  signal: AbortSignal,
): Promise<ClaimBatch> {
  if (selection.claimId) {
    const claim = await adapter.getClaim(selection.claimId, { signal });
    return { claims: [claim], nextCursor: null, total: 1 };
  }
  const query: ClaimQuery = { signal };
  if (selection.needId) query.needId = selection.needId;
  if (selection.offerId) query.offerId = selection.offerId;
  if (selection.organizationId) query.organizationId = selection.organizationId;
  if (selection.states?.length) query.state = [...selection.states];
  const claims: Claim[] = [];
  let next = cursor;
  let total = 0;
  do {
    const page = await adapter.listClaims({ ...query, cursor: next, limit: Math.min(PAGE_SIZE, count - claims.length) });
    claims.push(...page.items);
    total = page.total;
    next = page.nextCursor;
  } while (next !== null && claims.length < count);
  return { claims, nextCursor: next, total };
}

/** Public records the claims point at; null where one could not be read (deleted, refused). */
export interface ClaimDetails {
  needs: ReadonlyMap<string, PublicNeed | null>;
  offers: ReadonlyMap<string, ServiceOffer | null>;
  organizations: ReadonlyMap<string, Organization | null>;
}

export const NO_DETAILS: ClaimDetails = { needs: new Map(), offers: new Map(), organizations: new Map() };

/** Reads at once: enough to fill a screen quickly without flooding a small server. */
const PARALLEL_READS = 6;

async function eachLimited(tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++];
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, tasks.length) }, worker));
}

/**
 * The needs, offers and organizations of `claims` not yet in `known`. A record
 * that fails to load is decoration lost, not an error of the list: it is
 * remembered as null and the claim shows without its title.
 */
export async function loadClaimDetails(
  adapter: DataAdapter,
  claims: readonly Claim[],
  known: ClaimDetails,
  signal: AbortSignal,
): Promise<ClaimDetails> {
  const needs = new Map(known.needs);
  const offers = new Map(known.offers);
  const organizations = new Map(known.organizations);
  const tasks: (() => Promise<void>)[] = [];
  const fetchInto = <T>(map: Map<string, T | null>, id: string | null, load: (id: string) => Promise<T>): void => {
    if (id === null || map.has(id)) return;
    map.set(id, null);
    tasks.push(async () => {
      try {
        map.set(id, await load(id));
      } catch (error) {
        if (isAbortError(error)) throw error;
      }
    });
  };
  for (const claim of claims) {
    fetchInto(needs, claim.needId, (id) => adapter.getNeed(id, { signal }));
    fetchInto(offers, claim.offerId, (id) => adapter.getOffer(id, { signal }));
    fetchInto(organizations, claim.organizationId, (id) => adapter.getOrganization(id, { signal }));
  }
  await eachLimited(tasks);
  return { needs, offers, organizations };
}

/** Makes a key per logical write, reused while the same write is retried. */
export class IdempotencyKeys {
  private readonly pending = new Map<string, { print: string; key: string }>();

  /**
   * The key for `payload` under `scope` (e.g. a claim and an event): the same
   * as last time if that write did not go through and is sent unchanged, a
   * new one otherwise (a changed reason is a different request).
   */
  keyFor(scope: string, payload: unknown): string {
    const print = JSON.stringify(payload);
    const previous = this.pending.get(scope);
    if (previous && previous.print === print) return previous.key;
    const key = crypto.randomUUID();
    this.pending.set(scope, { print, key });
    return key;
  }

  /** The write under `scope` is settled (done, or refused for good): the next press is a new write. */
  settle(scope: string): void {
    this.pending.delete(scope);
  }
}
