/**
 * A small world on top of the contract dataset for the authorization and
 * privacy tests: two communities A and B, an organization in each, an offer
 * of A's organization with plenty of places, a signed-in principal of every
 * kind, and helpers that make fresh needs and claims in a given state.
 */
import assert from 'node:assert/strict';
import type { Claim, NeedDraft, Organization, ServiceOffer } from '@renling/core';
import { draftFromNeed } from '../../../core/test/contract/contract-suite.js';
import { insertRows, offerRow, organizationRow } from '../../src/store.js';
import { bearer, call, contractDataset, loadContractData, signedIn, type Answer, type TestServer } from './harness.js';

export const PRINCIPALS = ['anonymous', 'invalid token', 'resident', 'organization', 'other organization', 'staff', 'other staff', 'admin'] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

export interface World {
  api: string;
  data: ReturnType<typeof contractDataset>;
  street: string;
  communityA: string;
  communityB: string;
  orgA: Organization;
  orgB: Organization;
  offerA: ServiceOffer;
  headers: Record<PrincipalName, Record<string, string>>;
  /** The resident's id (their follow token is in headers.resident) and their need in A. */
  residentNeedId: string;
  accountIds: Record<'organization' | 'other organization' | 'staff' | 'other staff' | 'admin', string>;
  needDraft(areaCode: string, title?: string): NeedDraft;
  offerDraft(): Omit<ServiceOffer, 'id' | 'updatedAt'>;
  /** POST with the given principal. */
  post(who: PrincipalName, path: string, body?: unknown): Promise<Answer>;
  get(who: PrincipalName, path: string): Promise<Answer>;
  /** A need submitted anonymously in `areaCode`; its follow token. */
  submitNeed(areaCode: string, title?: string): Promise<{ id: string; trackingNumber: string; followToken: string }>;
  /** A need-claim of organization A on `needId`, brought to `state` by staff and the organization. */
  needClaim(needId: string, state: 'pending' | 'accepted' | 'in-progress' | 'completed'): Promise<Claim>;
}

export async function buildWorld(server: TestServer): Promise<World> {
  const data = contractDataset();
  await loadContractData(server.db, data);
  const street = data.areas.find((a) => a.level === 'street')?.code ?? '';
  const communities = data.areas.filter((a) => a.level === 'community').map((a) => a.code);
  const [communityA = '', communityB = ''] = communities;
  const template = data.organizations[0];
  const offerTemplate = data.offers.find((o) => o.status === 'open');
  assert.ok(template && offerTemplate && communityA && communityB);

  const orgA: Organization = { ...template, id: 'org-matrix-a', name: '甲社区测试社工站', areaCode: communityA, serviceAreaCodes: [communityA] };
  const orgB: Organization = { ...template, id: 'org-matrix-b', name: '乙社区测试志愿队', areaCode: communityB, serviceAreaCodes: [communityB] };
  const offerA: ServiceOffer = {
    ...offerTemplate,
    id: 'off-matrix-a',
    organizationId: orgA.id,
    serviceAreaCodes: [communityA],
    status: 'open',
    capacity: { perPeriod: 100_000, period: 'month', used: 0 },
  };
  await insertRows(server.db, 'organizations', [organizationRow(orgA), organizationRow(orgB)]);
  await insertRows(server.db, 'offers', [offerRow(offerA)]);

  const org = await signedIn(server.auth, server.db, 'organization', { organizationId: orgA.id });
  const orgOther = await signedIn(server.auth, server.db, 'organization', { organizationId: orgB.id });
  const staff = await signedIn(server.auth, server.db, 'staff', { areaCodes: [communityA] });
  const staffOther = await signedIn(server.auth, server.db, 'staff', { areaCodes: [communityB] });
  const admin = await signedIn(server.auth, server.db, 'admin', { areaCodes: [street] });

  const sample = data.needs.find((n) => n.health === undefined && !n.minor) ?? data.needs[0];
  assert.ok(sample);
  const needDraft = (areaCode: string, title = '矩阵测试需求'): NeedDraft => ({ ...draftFromNeed(sample, title), areaCode });
  const offerDraft = (): Omit<ServiceOffer, 'id' | 'updatedAt'> => {
    const { id: _id, updatedAt: _u, ...draft } = offerA;
    return { ...draft, title: '矩阵测试服务' };
  };

  const headers: Record<PrincipalName, Record<string, string>> = {
    anonymous: {},
    'invalid token': bearer('st1.this-is-not-a-session'),
    resident: {},
    organization: org.headers,
    'other organization': orgOther.headers,
    staff: staff.headers,
    'other staff': staffOther.headers,
    admin: admin.headers,
  };
  const post = (who: PrincipalName, path: string, body: unknown = {}): Promise<Answer> => call(server.api, 'POST', path, { body, headers: headers[who] });
  const get = (who: PrincipalName, path: string): Promise<Answer> => call(server.api, 'GET', path, { headers: headers[who] });

  const submitNeed = async (areaCode: string, title?: string): Promise<{ id: string; trackingNumber: string; followToken: string }> => {
    const answer = await post('anonymous', '/needs', needDraft(areaCode, title));
    assert.equal(answer.status, 201, answer.text);
    const receipt = answer.body as { need: { id: string }; trackingNumber: string; followToken: string };
    return { id: receipt.need.id, trackingNumber: receipt.trackingNumber, followToken: receipt.followToken };
  };

  const mine = await submitNeed(communityA, '居民自己的需求');
  headers.resident = bearer(mine.followToken);

  const needClaim = async (needId: string, state: 'pending' | 'accepted' | 'in-progress' | 'completed'): Promise<Claim> => {
    const made = await post('organization', '/claims', {
      direction: 'need-claim',
      needId,
      offerId: null,
      organizationId: orgA.id,
      categoryCode: sample.categoryCode,
      requestedBy: { role: 'organization', id: orgA.id },
    });
    assert.equal(made.status, 201, made.text);
    let claim = made.body as Claim;
    const steps: [string, PrincipalName, unknown][] = [
      ['accept', 'staff', { reason: '核实通过' }],
      ['start', 'organization', {}],
      ['complete', 'organization', { beneficiaries: 1 }],
    ];
    const target = { pending: 0, accepted: 1, 'in-progress': 2, completed: 3 }[state];
    for (const [action, who, body] of steps.slice(0, target)) {
      const answer = await post(who, `/claims/${claim.id}/${action}`, body);
      assert.equal(answer.status, 200, `${action}: ${answer.text}`);
      claim = answer.body as Claim;
    }
    return claim;
  };

  return {
    api: server.api,
    data,
    street,
    communityA,
    communityB,
    orgA,
    orgB,
    offerA,
    headers,
    residentNeedId: mine.id,
    accountIds: {
      organization: org.account.id,
      'other organization': orgOther.account.id,
      staff: staff.account.id,
      'other staff': staffOther.account.id,
      admin: admin.account.id,
    },
    needDraft,
    offerDraft,
    post,
    get,
    submitNeed,
    needClaim,
  };
}
