import type { Claim, ClaimEventType } from '@renling/core';

export interface ClaimChangedDetail {
  /** The claim as the adapter returned it after the change. */
  claim: Claim;
  /** What happened to it: accept, decline, withdraw, start, complete or rate. */
  event: ClaimEventType;
}

/** A claim moved to its next state through a person's action (accepted, started, completed, rated…). */
export class RlClaimChangedEvent extends CustomEvent<ClaimChangedDetail> {
  static readonly eventName = 'rl-claim-changed';
  constructor(detail: ClaimChangedDetail) {
    super(RlClaimChangedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rl-claim-changed': RlClaimChangedEvent;
  }
}
