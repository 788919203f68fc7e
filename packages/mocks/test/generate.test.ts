import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  AreaSchema,
  CLAIM_DIRECTIONS,
  CLAIM_STATES,
  ClaimSchema,
  FUNDING_SOURCES,
  LANDLINE_RE,
  MOBILE_RE,
  NeedSchema,
  ORGANIZATION_TYPES,
  OrganizationSchema,
  PROJECT_STATUSES,
  ProjectSchema,
  REAL_DISTRICTS,
  REGISTRATION_STATUSES,
  ServiceOfferSchema,
  areaLevel,
  createAreaTree,
  createClaim,
  isWithinArea,
  transitionClaim,
} from '@renling/core';
import type { Claim, ClaimEvent } from '@renling/core';
import { BASE_MS, DEMO_SEED, creditCode, generateDataset } from '@renling/mocks';
import type { Dataset } from '@renling/mocks';

const street = generateDataset({ seed: DEMO_SEED, organizations: 60 });
let city: Dataset | undefined;
const cityData = (): Dataset => (city ??= generateDataset({ seed: 4242, organizations: 2000 }));

/** Every `step`-th item, so large datasets are checked in a bounded time. */
const sample = <T>(list: readonly T[], max: number): T[] => {
  const step = Math.max(1, Math.floor(list.length / max));
  return list.filter((_, i) => i % step === 0);
};

function expectValid(schema: v.GenericSchema, records: readonly unknown[], what: string): void {
  for (const record of records) {
    const result = v.safeParse(schema, record);
    if (!result.success) {
      const issue = result.issues[0];
      const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      expect.fail(`${what} ${JSON.stringify(record).slice(0, 200)} fails at ${path}: ${issue.message}`);
    }
  }
}

/** Rebuilds a claim from its first moment and its history, through the real state machine. */
function replay(claim: Claim): Claim {
  let current = createClaim({
    id: claim.id,
    direction: claim.direction,
    needId: claim.needId,
    offerId: claim.offerId,
    organizationId: claim.organizationId,
    requestedBy: claim.requestedBy,
    at: claim.createdAt,
    expiresAt: claim.expiresAt,
  });
  for (const t of claim.history) {
    const base = { id: t.eventId, by: t.by, at: t.at, reason: t.reason };
    const event: ClaimEvent =
      t.event === 'complete'
        ? { ...base, type: 'complete', beneficiaries: claim.beneficiaries ?? 0 }
        : t.event === 'rate'
          ? { ...base, type: 'rate', rating: claim.rating ?? { score: 5, comment: '' } }
          : { ...base, type: t.event };
    const result = transitionClaim(current, event);
    if (!result.ok) throw new Error(`${claim.id}: ${result.error.message}`);
    current = result.claim;
  }
  return current;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const usccCheckOk = (code: string): boolean => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  return USCC_CHARS.charAt((31 - (sum % 31)) % 31) === code.charAt(17);
};

describe('generateDataset', () => {
  describe('determinism', () => {
    it('gives deep-equal datasets for the same seed', () => {
      const again = generateDataset({ seed: DEMO_SEED, organizations: 60 });
      expect(again).to.deep.equal(street);
    });

    it('gives different datasets for different seeds', () => {
      const other = generateDataset({ seed: DEMO_SEED + 1, organizations: 60 });
      expect(other).not.to.deep.equal(street);
      expect(other.organizations.map((o) => o.name)).not.to.deep.equal(street.organizations.map((o) => o.name));
      expect(other.needs.map((n) => n.trackingNumber)).not.to.deep.equal(street.needs.map((n) => n.trackingNumber));
    });

    it('is deterministic at city scale too', () => {
      const a = generateDataset({ seed: 9, organizations: 400 });
      const b = generateDataset({ seed: 9, organizations: 400 });
      expect(a).to.deep.equal(b);
    });

    it('rejects a negative or fractional organization count', () => {
      expect(() => generateDataset({ seed: 1, organizations: -1 })).to.throw(RangeError);
      expect(() => generateDataset({ seed: 1, organizations: 2.5 })).to.throw(RangeError);
    });
  });

  describe('a street dataset (60 organizations)', () => {
    it('has the expected scale', () => {
      expect(street.organizations).to.have.length(60);
      expect(street.offers.length).to.be.within(60, 300);
      expect(street.needs.length).to.be.at.least(30);
      expect(street.projects.length).to.be.at.least(6);
      expect(street.claims.length).to.be.at.least(16);
    });

    it('lives in the demo street 长宁区 > 华阳路街道', () => {
      expect(street.areas.find((a) => a.level === 'district')?.name).to.equal('长宁区');
      expect(street.areas.filter((a) => a.level === 'street').map((a) => a.name)).to.deep.equal(['华阳路街道']);
      expect(() => createAreaTree(street.areas)).not.to.throw();
    });

    it('passes every schema, record by record', () => {
      expectValid(AreaSchema, street.areas, 'area');
      expectValid(OrganizationSchema, street.organizations, 'organization');
      expectValid(ServiceOfferSchema, street.offers, 'offer');
      expectValid(NeedSchema, street.needs, 'need');
      expectValid(ClaimSchema, street.claims, 'claim');
      expectValid(ProjectSchema, street.projects, 'project');
    });

    it('shows every organization type, registration status, claim state, funding source and project status', () => {
      const types = new Set(street.organizations.map((o) => o.type));
      expect([...types].sort()).to.deep.equal([...ORGANIZATION_TYPES].sort());
      const registrations = new Set(street.organizations.map((o) => o.registration.status));
      expect([...registrations].sort()).to.deep.equal([...REGISTRATION_STATUSES].sort());
      for (const direction of CLAIM_DIRECTIONS) {
        const states = new Set(street.claims.filter((c) => c.direction === direction).map((c) => c.state));
        expect([...states].sort(), direction).to.deep.equal([...CLAIM_STATES].sort());
      }
      expect([...new Set(street.projects.map((p) => p.fundingSource))].sort()).to.deep.equal([...FUNDING_SOURCES].sort());
      expect([...new Set(street.projects.map((p) => p.status))].sort()).to.deep.equal([...PROJECT_STATUSES].sort());
    });

    it('keeps the seeds’ shares: teams outnumber registered organizations', () => {
      const { organizations } = cityData();
      const count = (t: string) => organizations.filter((o) => o.type === t).length;
      const registered = organizations.filter((o) => o.registration.status === 'registered').length;
      expect(count('community-team')).to.be.greaterThan(registered);
      expect(count('social-service-agency')).to.be.greaterThan(count('association'));
      expect(count('association')).to.be.greaterThan(count('foundation'));
    });
  });

  describe('a city dataset (2,000 organizations)', () => {
    it('passes the schemas on a sample of every entity', () => {
      const d = cityData();
      expectValid(AreaSchema, sample(d.areas, 400), 'area');
      expectValid(OrganizationSchema, sample(d.organizations, 400), 'organization');
      expectValid(ServiceOfferSchema, sample(d.offers, 400), 'offer');
      expectValid(NeedSchema, sample(d.needs, 400), 'need');
      expectValid(ClaimSchema, sample(d.claims, 400), 'claim');
      expectValid(ProjectSchema, sample(d.projects, 100), 'project');
    });

    it('builds a consistent area tree under real Shanghai district codes', () => {
      const d = cityData();
      const tree = createAreaTree(d.areas);
      const shanghai = new Set(REAL_DISTRICTS.filter((x) => x.city === '上海市').map((x) => x.code));
      const districts = d.areas.filter((a) => a.level === 'district');
      expect(districts.length).to.be.at.least(1);
      for (const a of districts) expect(shanghai.has(a.code), a.code).to.equal(true);
      for (const a of d.areas) {
        expect(areaLevel(a.code)).to.equal(a.level);
        if (a.parentCode !== null) expect(tree.get(a.parentCode), a.code).to.not.equal(undefined);
      }
      const streets = d.areas.filter((a) => a.level === 'street');
      for (const s of streets) {
        expect(s.name).to.match(/(街道|镇)$/u);
        expect(tree.children(s.code).length, s.name).to.be.within(2, 20);
      }
      // names are unique among siblings
      for (const parent of [...districts, ...streets]) {
        const names = tree.children(parent.code).map((a) => a.name);
        expect(new Set(names).size, parent.name).to.equal(names.length);
      }
    });
  });

  for (const [label, data] of [
    ['street', () => street],
    ['city', cityData],
  ] as const) {
    describe(`integrity (${label})`, () => {
      it('gives organizations unique names', () => {
        const names = data().organizations.map((o) => o.name);
        expect(new Set(names).size).to.equal(names.length);
      });

      it('registers only with a valid credit code, and rates only registered organizations', () => {
        for (const o of data().organizations) {
          if (o.registration.status === 'registered') {
            expect(o.registration.creditCode, o.name).to.match(/^[0-9A-HJ-NPQRTUWXY]{18}$/u);
            expect(usccCheckOk(o.registration.creditCode ?? ''), o.name).to.equal(true);
          } else {
            expect(o.rating, o.name).to.equal(null);
          }
        }
        const codes = data().organizations.flatMap((o) => (o.registration.creditCode ? [o.registration.creditCode] : []));
        expect(new Set(codes).size).to.equal(codes.length);
      });

      it('keeps every organization and offer inside the organization’s district', () => {
        const d = data();
        const byId = new Map(d.organizations.map((o) => [o.id, o]));
        const known = new Set(d.areas.map((a) => a.code));
        for (const o of d.organizations) {
          expect(['street', 'community']).to.include(areaLevel(o.areaCode));
          expect(known.has(o.areaCode)).to.equal(true);
          const district = o.areaCode.slice(0, 6);
          for (const code of o.serviceAreaCodes) expect(isWithinArea(code, district), `${o.name} ${code}`).to.equal(true);
        }
        for (const offer of d.offers) {
          const org = byId.get(offer.organizationId);
          expect(org, offer.id).to.not.equal(undefined);
          const district = (org?.areaCode ?? '').slice(0, 6);
          for (const code of offer.serviceAreaCodes) {
            expect(known.has(code), code).to.equal(true);
            expect(isWithinArea(code, district), `${offer.id} ${code}`).to.equal(true);
          }
          expect(org?.categoryCodes).to.include(offer.categoryCode);
        }
      });

      it('gives every organization 1–5 offers, about 2.9 on average', () => {
        const d = data();
        const perOrg = new Map<string, number>();
        for (const o of d.offers) perOrg.set(o.organizationId, (perOrg.get(o.organizationId) ?? 0) + 1);
        for (const o of d.organizations) expect(perOrg.get(o.id) ?? 0, o.name).to.be.within(1, 5);
        expect(d.offers.length / d.organizations.length).to.be.within(2.2, 3.4);
      });

      it('places needs at community or grid level only', () => {
        const d = data();
        const known = new Set(d.areas.map((a) => a.code));
        for (const n of d.needs) {
          expect(['community', 'grid']).to.include(areaLevel(n.areaCode));
          expect(known.has(n.areaCode), n.areaCode).to.equal(true);
        }
      });

      it('keeps health data only with health consent, and minors only with a guardian', () => {
        const d = data();
        for (const n of d.needs) {
          if (n.health !== undefined) expect(n.consent.health, n.id).to.equal(true);
          if (n.minor) expect(n.consent.guardian, n.id).to.equal(true);
          expect(n.consent.personalInfo).to.equal(true);
          expect(n.consent.givenAt).to.equal(n.createdAt);
        }
        expect(d.needs.some((n) => n.health !== undefined)).to.equal(true);
      });

      it('gives needs unique tracking numbers and private contacts with real-looking phones', () => {
        const d = data();
        const numbers = d.needs.map((n) => n.trackingNumber);
        expect(new Set(numbers).size).to.equal(numbers.length);
        for (const n of d.needs) {
          expect(n.trackingNumber).to.match(/^RL-\d{8}-[0-9A-Z]{4,8}$/u);
          expect(n.contact.phone).to.satisfy((p: string) => MOBILE_RE.test(p) || LANDLINE_RE.test(p));
          expect(n.contact.name).to.match(/^\p{Script=Han}{2,3}$/u);
        }
        for (const o of d.organizations) {
          expect(o.contact.phone).to.match(/^(?:1[3-9]\d{9}|021-\d{8})$/u);
        }
      });

      it('replays every claim history through transitionClaim from createClaim', () => {
        for (const claim of sample(data().claims, 600)) {
          expect(replay(claim), claim.id).to.deep.equal(claim);
        }
      });

      it('links claims and projects to records that exist, and needs follow their claims', () => {
        const d = data();
        const needs = new Map(d.needs.map((n) => [n.id, n]));
        const offers = new Map(d.offers.map((o) => [o.id, o]));
        const orgs = new Set(d.organizations.map((o) => o.id));
        const claims = new Map(d.claims.map((c) => [c.id, c]));
        for (const c of d.claims) {
          expect(orgs.has(c.organizationId)).to.equal(true);
          if (c.direction === 'need-claim') expect(needs.has(c.needId ?? ''), c.id).to.equal(true);
          else expect(offers.get(c.offerId ?? '')?.organizationId, c.id).to.equal(c.organizationId);
          expect(c.createdAt <= c.updatedAt).to.equal(true);
          expect(Date.parse(c.updatedAt)).to.be.at.most(BASE_MS);
        }
        for (const p of d.projects) {
          expect(orgs.has(p.organizationId)).to.equal(true);
          for (const id of p.needIds) expect(needs.has(id), id).to.equal(true);
          for (const id of p.claimIds) expect(claims.get(id)?.organizationId, id).to.equal(p.organizationId);
          expect(p.period.end >= p.period.start).to.equal(true);
        }
        const claimed = d.needs.filter((n) => n.status === 'claimed' || n.status === 'in-progress' || n.status === 'completed');
        for (const n of claimed) {
          expect(d.claims.some((c) => c.needId === n.id && c.state !== 'pending'), n.id).to.equal(true);
        }
      });
    });
  }

  describe('projects', () => {
    it('include some over plan, some just starting and some not yet surveyed', () => {
      const { projects } = cityData();
      expect(projects.some((p) => p.beneficiaries.served > p.beneficiaries.planned)).to.equal(true);
      expect(projects.some((p) => p.status === 'active' && p.beneficiaries.served < p.beneficiaries.planned * 0.1)).to.equal(true);
      expect(projects.some((p) => p.satisfaction === null)).to.equal(true);
      expect(projects.some((p) => p.needIds.length > 0 && p.claimIds.length > 0)).to.equal(true);
    });
  });

  describe('creditCode', () => {
    it('computes the GB 32100 check character', () => {
      // the form of a district-registered social-service agency's code
      const code = creditCode(2, '310105', 123456);
      expect(code).to.match(/^52310105MJ123456[0-9X]/u);
      expect(usccCheckOk(code)).to.equal(true);
    });
  });

  it('accepts a caller’s own area tree', () => {
    const base = generateDataset({ seed: 3, organizations: 10 });
    const d = generateDataset({ seed: 3, organizations: 30, areas: base.areas });
    expect(d.areas).to.deep.equal(base.areas);
    for (const o of d.organizations) expect(base.areas.some((a) => a.code === o.areaCode)).to.equal(true);
  });
});
