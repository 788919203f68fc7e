import type { ClaimRequest } from '@renling/core';

/**
 * A person asked to claim a need or book an offer. Handle it by creating a
 * claim through the adapter; call `preventDefault()` to tell the component
 * the request was taken.
 */
export class RlClaimRequestEvent extends CustomEvent<ClaimRequest> {
  static readonly eventName = 'rl-claim-request';
  constructor(detail: ClaimRequest) {
    super(RlClaimRequestEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rl-claim-request': RlClaimRequestEvent;
  }
}
