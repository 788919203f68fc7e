import type { OfferDraft, ServiceOffer } from '@renling/core';

export interface OfferSubmittedDetail {
  /** The outbox record id, also the idempotency key the offer is sent with. */
  id: string;
  /** True when the offer is stored in the browser and will be sent when the network allows. */
  queued: boolean;
  /** What was submitted (validated). */
  draft: OfferDraft;
  /** The published offer as the server recorded it; null while queued. */
  offer: ServiceOffer | null;
}

/** A service offer was handed to the outbox: published (`queued: false`) or stored to send later. */
export class RlOfferSubmittedEvent extends CustomEvent<OfferSubmittedDetail> {
  static readonly eventName = 'rl-offer-submitted';
  constructor(detail: OfferSubmittedDetail) {
    super(RlOfferSubmittedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rl-offer-submitted': RlOfferSubmittedEvent;
  }
}
