/**
 * Reviewing a submitted need from the desk: one idempotency key per press,
 * reused only when the same review is pressed again after a transient
 * failure, and never two requests for one need at once.
 */
import { toAdapterError, type AdapterError, type DataAdapter, type NeedReview, type PublicNeed } from '@renling/core';

export type ReviewState =
  | { status: 'running'; key: string; review: NeedReview }
  | { status: 'done'; key: string; review: NeedReview; need: PublicNeed }
  | { status: 'error'; key: string; review: NeedReview; error: AdapterError };
/** How a review sent ended. */
export type ReviewOutcome = Exclude<ReviewState, { status: 'running' }>;

const sameReview = (a: NeedReview, b: NeedReview): boolean => a.status === b.status && (a.reason ?? '') === (b.reason ?? '');

export class ReviewSender {
  private readonly states = new Map<string, ReviewState>();

  constructor(
    private readonly onChange: () => void,
    private readonly makeKey: () => string = () => crypto.randomUUID(),
  ) {}

  /** The last review sent for a need. */
  state(needId: string): ReviewState | undefined {
    return this.states.get(needId);
  }

  /** Forgets every review (a new set of data). */
  clear(): void {
    this.states.clear();
  }

  /**
   * Sends `review` for the need unless one is running. A transient failure
   * keeps its key for the same review pressed again, so the server cannot
   * record it twice; a different review (another status, another reason)
   * is a new write with a new key.
   */
  async send(needId: string, adapter: DataAdapter, review: NeedReview): Promise<ReviewOutcome | null> {
    const previous = this.states.get(needId);
    if (previous?.status === 'running') return null;
    const retry = previous?.status === 'error' && previous.error.transient && sameReview(previous.review, review);
    const key = retry ? previous.key : this.makeKey();
    this.states.set(needId, { status: 'running', key, review });
    this.onChange();
    let next: ReviewOutcome;
    try {
      const need = await adapter.reviewNeed(needId, review, { idempotencyKey: key });
      next = { status: 'done', key, review, need };
    } catch (error) {
      next = { status: 'error', key, review, error: toAdapterError(error) };
    }
    this.states.set(needId, next);
    this.onChange();
    return next;
  }
}
