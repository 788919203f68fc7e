import type { NeedDraft, NeedReceipt } from '@renling/core';

export interface NeedSubmittedDetail {
  /** The outbox record id, also the idempotency key the need is sent with. */
  id: string;
  /** True when the need is stored in the browser and will be sent when the network allows. */
  queued: boolean;
  /** What was submitted (validated, phone normalized). Holds private contact data: keep it on the page. */
  draft: NeedDraft;
  /** The server's receipt with the tracking number; null while queued. */
  receipt: NeedReceipt | null;
}

/** A need was handed to the outbox: sent (`queued: false`, with its receipt) or stored to send later. */
export class RlNeedSubmittedEvent extends CustomEvent<NeedSubmittedDetail> {
  static readonly eventName = 'rl-need-submitted';
  constructor(detail: NeedSubmittedDetail) {
    super(RlNeedSubmittedEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rl-need-submitted': RlNeedSubmittedEvent;
  }
}
