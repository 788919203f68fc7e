import type { Claim } from '@renling/core';

export interface ClaimCreatedDetail {
  /** The pending claim as the adapter recorded it. */
  claim: Claim;
}

/** A claim was created through the adapter: an organization's claim on a need, or a booking of an offer. */
export class RlClaimCreatedEvent extends CustomEvent<ClaimCreatedDetail> {
  static readonly eventName = 'rl-claim-created';
  constructor(detail: ClaimCreatedDetail) {
    super(RlClaimCreatedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rl-claim-created': RlClaimCreatedEvent;
  }
}
