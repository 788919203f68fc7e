/**
 * Submitting through the outbox and following what happens after: sent at
 * once (a tracking number), or stored to send later ("saved, will be
 * sent"), which becomes "sent" when the outbox reports it, even minutes
 * later, or "refused" if the server turns it down for good.
 *
 * Also counts what this kind of form left unsent earlier (a grid worker's
 * morning round without signal), so the form can say so after a reload.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  AdapterError,
  toAdapterError,
  type NeedDraft,
  type OfferDraft,
  type Outbox,
  type OutboxEventDetail,
  type OutboxEventType,
  type OutboxKind,
  type OutboxResult,
  type SubmitResult,
} from '@renling/core';

export type SubmissionStatus = 'sent' | 'queued' | 'retrying' | 'failed' | 'expired';

/** One state union, so "sent with an error" or "done without an id" cannot be written down. */
export type Submission<R> =
  | { type: 'editing' }
  | { type: 'submitting' }
  | { type: 'done'; id: string; status: SubmissionStatus; result: R | null; error: AdapterError | null };

/** What a form of this kind submits. */
export type PayloadOf<K extends OutboxKind> = K extends 'need' ? NeedDraft : OfferDraft;

export interface SubmissionControllerOptions<K extends OutboxKind> {
  kind: K;
  outbox: () => Outbox | null;
  /** A submitted record was refused for good or expired. */
  onRecordError?: (id: string, error: AdapterError) => void;
  /** A record that was waiting was sent (after a retry, or from an earlier page). */
  onRecordSent?: (id: string, result: OutboxResult) => void;
}

const EVENTS: readonly OutboxEventType[] = ['queued', 'sent', 'retrying', 'failed', 'expired'];

export class SubmissionController<K extends OutboxKind, R extends OutboxResult> implements ReactiveController {
  state: Submission<R> = { type: 'editing' };
  /** Records of this kind in the outbox that are not sent yet. */
  pending = 0;
  private bound: Outbox | null = null;
  /** What the outbox said about records while a submit was under way (its id is known only at the end). */
  private readonly seen = new Map<string, { status: SubmissionStatus; error: AdapterError | null; result: OutboxResult }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SubmissionControllerOptions<K>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.bind(this.options.outbox());
  }

  hostUpdate(): void {
    const outbox = this.options.outbox();
    if (outbox !== this.bound) this.bind(outbox);
  }

  hostDisconnected(): void {
    this.bind(null);
  }

  private bind(outbox: Outbox | null): void {
    if (this.bound) for (const type of EVENTS) this.bound.removeEventListener(type, this.onEvent);
    this.bound = outbox;
    if (outbox) for (const type of EVENTS) outbox.addEventListener(type, this.onEvent);
    void this.countPending();
  }

  private async countPending(): Promise<void> {
    const outbox = this.bound;
    const count = outbox
      ? (await outbox.pending().catch(() => [])).filter((r) => r.kind === this.options.kind && r.status === 'queued').length
      : 0;
    if (outbox === this.bound && count !== this.pending) {
      this.pending = count;
      this.host.requestUpdate();
    }
  }

  private readonly onEvent = (event: Event): void => {
    const { record, result, error } = (event as CustomEvent<OutboxEventDetail>).detail;
    if (record.kind !== this.options.kind) return;
    void this.countPending();
    const type = event.type as OutboxEventType;
    if (type === 'queued') return;
    const status: SubmissionStatus = type;
    const adapterError = error ?? (type === 'expired' ? new AdapterError('timeout', 'The submission waited too long to be sent.') : null);
    if (this.state.type === 'submitting') {
      this.seen.set(record.id, { status, error: adapterError, result: result ?? null });
      return;
    }
    if (this.state.type === 'done' && this.state.id === record.id) {
      this.state = {
        ...this.state,
        status,
        result: type === 'sent' ? ((result ?? null) as R | null) : this.state.result,
        error: type === 'sent' ? null : adapterError,
      };
      this.host.requestUpdate();
      if ((type === 'failed' || type === 'expired') && adapterError) this.options.onRecordError?.(record.id, adapterError);
    }
    if (type === 'sent') this.options.onRecordSent?.(record.id, result ?? null);
  };

  /**
   * Hands the payload to the outbox. Resolves once it is stored (and sent,
   * if the network allowed); rejects with an AdapterError when it could be
   * neither stored nor sent, or the outbox refused it as invalid.
   */
  async submit(payload: PayloadOf<K>): Promise<SubmitResult> {
    const outbox = this.bound ?? this.options.outbox();
    if (!outbox) throw new AdapterError('network', 'No outbox to submit through.');
    this.state = { type: 'submitting' };
    this.seen.clear();
    this.host.requestUpdate();
    try {
      const submitted =
        this.options.kind === 'need'
          ? await outbox.submit('need', payload as NeedDraft)
          : await outbox.submit('offer', payload as OfferDraft);
      const seen = this.seen.get(submitted.id);
      this.seen.clear();
      const status: SubmissionStatus = submitted.queued ? (seen?.status === 'sent' ? 'sent' : (seen?.status ?? 'queued')) : 'sent';
      this.state = {
        type: 'done',
        id: submitted.id,
        status,
        result: (submitted.result ?? seen?.result ?? null) as R | null,
        error: status === 'failed' || status === 'expired' ? (seen?.error ?? null) : null,
      };
      this.host.requestUpdate();
      if (this.state.error) this.options.onRecordError?.(submitted.id, this.state.error);
      return submitted;
    } catch (thrown) {
      this.state = { type: 'editing' };
      this.host.requestUpdate();
      throw toAdapterError(thrown);
    }
  }

  /** Back to an empty form (after "submit another"). */
  reset(): void {
    this.state = { type: 'editing' };
    this.host.requestUpdate();
  }
}
