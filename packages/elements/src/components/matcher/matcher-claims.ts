/**
 * Sending claims from the desk: one idempotency key per press, reused when
 * the same press is retried after a transient failure, and never two
 * requests for one action at once.
 */
import {
  toAdapterError,
  type Actor,
  type AdapterError,
  type Claim,
  type ClaimDirection,
  type ClaimRequestInput,
  type DataAdapter,
  type PublicNeed,
  type ServiceOffer,
} from '@renling/core';

export type ActionState =
  | { status: 'running'; key: string }
  | { status: 'done'; key: string; claim: Claim }
  | { status: 'error'; key: string; error: AdapterError };

/** One action of the desk: a direction for a need–offer pair. */
export const actionKey = (direction: ClaimDirection, needId: string, offerId: string): string => `${direction}|${needId}|${offerId}`;

/**
 * What the desk sends for a pair. Staff act for both sides: a need claim is
 * entered for the offer's organization (with the offer it would use), a
 * booking is made for the resident behind the need.
 */
export function claimRequest(direction: ClaimDirection, need: PublicNeed, offer: ServiceOffer, requestedBy: Actor): ClaimRequestInput {
  return {
    direction,
    needId: need.id,
    offerId: offer.id,
    organizationId: offer.organizationId,
    categoryCode: direction === 'need-claim' ? need.categoryCode : offer.categoryCode,
    requestedBy,
  };
}

/** Which actions a viewer may take here, by the claim rules: staff both, an organization only its own need claims. */
export function mayRequest(viewer: Actor | null, direction: ClaimDirection, offer: ServiceOffer): boolean {
  if (!viewer) return false;
  if (viewer.role === 'staff' || viewer.role === 'admin') return true;
  return direction === 'need-claim' && viewer.role === 'organization' && viewer.id === offer.organizationId;
}

export class ClaimSender {
  private readonly states = new Map<string, ActionState>();

  constructor(
    private readonly onChange: () => void,
    private readonly makeKey: () => string = () => crypto.randomUUID(),
  ) {}

  state(action: string): ActionState | undefined {
    return this.states.get(action);
  }

  /** Forgets every action (a new set of data). */
  clear(): void {
    this.states.clear();
  }

  /**
   * Sends the request for `action` unless one is running. A transient
   * failure keeps its key, so pressing again retries the same write and the
   * server cannot record it twice; anything else starts a new write.
   */
  async send(action: string, adapter: DataAdapter, request: ClaimRequestInput): Promise<ActionState | null> {
    const previous = this.states.get(action);
    if (previous?.status === 'running') return null;
    const key = previous?.status === 'error' && previous.error.transient ? previous.key : this.makeKey();
    this.states.set(action, { status: 'running', key });
    this.onChange();
    let next: ActionState;
    try {
      const claim = await adapter.requestClaim(request, { idempotencyKey: key });
      next = { status: 'done', key, claim };
    } catch (error) {
      next = { status: 'error', key, error: toAdapterError(error) };
    }
    this.states.set(action, next);
    this.onChange();
    return next;
  }
}
