import type { ClaimDirection } from './model.js';

/**
 * What a person asks for when they press "claim" or "book": the detail of
 * `rl-claim-request`. A claim is created from it by whoever handles the
 * event (the matcher, the portal, a server).
 */
export interface ClaimRequest {
  direction: ClaimDirection;
  /** Set for an offer booking. */
  offerId: string | null;
  /** Set for a need claim. */
  needId: string | null;
  organizationId: string;
  categoryCode: string;
}
