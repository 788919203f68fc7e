/**
 * Who may do what, as small checks the routes call before touching data.
 * The claim state machine (`transitionClaim`) decides which side may make
 * which transition; these add what only the server knows: accounts, roles,
 * areas and ownership.
 *
 * - anonymous: public reads, submit a need, book an offer.
 * - resident (follow token): their own needs and bookings: follow, withdraw, rate.
 * - organization member: their organization's offers and claims.
 * - community staff: needs, claims, contacts and matching in their areas.
 * - street admin: staff, areas and projects in their areas; acts on claims there.
 */
import type { Account, Principal, Role } from './auth.js';
import { problems } from './errors.js';
import { anyOverlap } from './util.js';

/** The account behind the request, if it has one of `roles`: 401 for nobody, 403 for anyone else. */
export function requireAccount(principal: Principal, roles: readonly Role[]): Account {
  if (principal.kind === 'anonymous') throw problems.unauthorized();
  if (principal.kind !== 'account' || !roles.includes(principal.account.role))
    throw problems.forbidden(`Only ${roles.join(' or ')} accounts may do this.`);
  return principal.account;
}

/** 401 for a request without a token. */
export function requireSignedIn(principal: Principal): void {
  if (principal.kind === 'anonymous') throw problems.unauthorized();
}

/** Staff or an admin whose areas overlap `codes`. */
export function inAreaOf(principal: Principal, codes: readonly string[]): boolean {
  return (
    principal.kind === 'account' &&
    (principal.account.role === 'staff' || principal.account.role === 'admin') &&
    anyOverlap(codes, principal.account.areaCodes)
  );
}

export function isStaffOrAdmin(principal: Principal): principal is Extract<Principal, { kind: 'account' }> {
  return principal.kind === 'account' && (principal.account.role === 'staff' || principal.account.role === 'admin');
}

/** The organization a member acts for, or null. */
export function memberOf(principal: Principal): string | null {
  return principal.kind === 'account' && principal.account.role === 'organization' ? principal.account.organizationId : null;
}

export function requireArea(principal: Principal, codes: readonly string[], what: string): void {
  if (!inAreaOf(principal, codes)) throw problems.forbidden(`${what} is outside your areas.`);
}
