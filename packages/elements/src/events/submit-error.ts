import type { AdapterError, FieldError, OutboxKind } from '@renling/core';

export interface SubmitErrorDetail {
  kind: OutboxKind;
  /** Why; `error.userMessage(locale)` says it in the person's language. */
  error: AdapterError;
  /** Field problems the server or the outbox reported (also shown inline). */
  fieldErrors: FieldError[];
  /** The outbox record, when the submission was stored and later refused (`failed`) or ran out of time (`expired`). */
  id: string | null;
}

/**
 * A submission could not be handed over or was refused for good. Transient
 * network trouble is not an error: the outbox keeps the record and retries.
 */
export class RlSubmitErrorEvent extends CustomEvent<SubmitErrorDetail> {
  static readonly eventName = 'rl-submit-error';
  constructor(detail: SubmitErrorDetail) {
    super(RlSubmitErrorEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'rl-submit-error': RlSubmitErrorEvent;
  }
}
