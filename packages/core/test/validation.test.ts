import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  LOCALES,
  VALIDATION_CODES,
  validateNeed,
  validateOffer,
  validateOrganization,
  validateProject,
  validationMessage,
  type Need,
  type ServiceOffer,
} from '../src/index.js';

const need: Need = {
  id: 'need-1',
  trackingNumber: 'RL-20261101-AB12',
  title: '独居老人希望每周有人上门陪聊',
  description: '老人 82 岁，子女在外地。',
  categoryCode: 'elderly.empty-nester',
  audiences: ['elderly'],
  areaCode: '310105001001001',
  urgency: 'normal',
  preferredTime: '工作日下午',
  channel: 'grid-worker',
  forWhom: 'resident',
  status: 'submitted',
  beneficiaries: 1,
  createdAt: '2026-11-01T09:00:00+08:00',
  updatedAt: '2026-11-01T09:00:00+08:00',
  contact: { name: '张桂英', phone: '13912345678', address: '华阳路 100 弄 5 号 302 室' },
  consent: { textVersion: '2026-11', givenAt: '2026-11-01T09:00:00+08:00', personalInfo: true, health: false, guardian: false },
  minor: false,
};

const offer: ServiceOffer = {
  id: 'off-1',
  organizationId: 'org-1',
  categoryCode: 'elderly.meals',
  title: '助餐送餐上门',
  description: '',
  audiences: ['elderly'],
  serviceAreaCodes: ['310105001001'],
  capacity: { perPeriod: 10, period: 'week', used: 2 },
  schedule: { text: '工作日中午', weekdays: [1, 2, 3, 4, 5] },
  modes: ['home-visit'],
  cost: { kind: 'free' },
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  status: 'open',
  contact: { name: '李老师', phone: '021-62345678' },
  updatedAt: '2026-10-01T09:00:00+08:00',
};

function errorsOf(result: { ok: boolean; errors?: { path: string; code: string }[] }): Record<string, string> {
  return Object.fromEntries((result.errors ?? []).map((e) => [e.path, e.code]));
}

describe('validation', () => {
  it('accepts a complete need and normalizes its phone', () => {
    const result = validateNeed({ ...need, contact: { ...need.contact, phone: '+86 139-1234-5678' } });
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.value.contact.phone).to.equal('13912345678');
  });

  it('reports each bad field once, with its path, code and a zh-CN message by default', () => {
    const result = validateNeed({
      ...need,
      title: '',
      categoryCode: 'elderly.no-such-item',
      areaCode: '310105',
      contact: { ...need.contact, phone: '12345' },
      urgency: 'whenever',
    });
    expect(result.ok).to.equal(false);
    expect(errorsOf(result)).to.deep.equal({
      title: 'required',
      categoryCode: 'unknown-category',
      areaCode: 'area-too-coarse',
      'contact.phone': 'phone',
      urgency: 'enum',
    });
    if (!result.ok) expect(result.errors.find((e) => e.path === 'title')?.message).to.equal('请填写此项');
  });

  it('speaks zh-TW and en', () => {
    const tw = validateNeed({ ...need, contact: { ...need.contact, phone: '5551234' } }, { locale: 'zh-TW' });
    const en = validateNeed({ ...need, contact: { ...need.contact, phone: '5551234' } }, { locale: 'en' });
    expect(tw.ok || tw.errors[0]?.message).to.contain('手機號碼');
    expect(en.ok || en.errors[0]?.message).to.contain('mobile number');
  });

  it('says how long a text may be, counting characters not bytes', () => {
    const result = validateNeed({ ...need, title: '长'.repeat(61) }, { locale: 'en' });
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.errors[0]).to.include({ path: 'title', code: 'too-long', message: 'Use at most 60 characters.' });
    expect(validateNeed({ ...need, title: '😀'.repeat(60) }).ok).to.equal(true);
  });

  it('accepts mainland mobiles and landlines and refuses the rest', () => {
    for (const phone of ['13812345678', '19912345678', '021-62345678', '0512-6234567', '(021) 62345678', '021-62345678-801']) {
      expect(validateNeed({ ...need, contact: { ...need.contact, phone } }).ok, phone).to.equal(true);
    }
    for (const phone of ['12812345678', '1381234567', '62345678', 'abc', '', '+1 415 555 0100']) {
      expect(errorsOf(validateNeed({ ...need, contact: { ...need.contact, phone } }))['contact.phone'], phone).to.be.oneOf([
        'phone',
        'required',
      ]);
    }
  });

  it('requires the personal-information consent', () => {
    const result = validateNeed({ ...need, consent: { ...need.consent, personalInfo: false } });
    expect(errorsOf(result)['consent.personalInfo']).to.equal('consent-required');
  });

  it('refuses health data without its separate consent, and a minor without a guardian', () => {
    const health = { conditions: '高血压', mobility: 'assisted' as const };
    expect(errorsOf(validateNeed({ ...need, health }))['health']).to.equal('health-consent-required');
    expect(validateNeed({ ...need, health, consent: { ...need.consent, health: true } }).ok).to.equal(true);
    expect(errorsOf(validateNeed({ ...need, minor: true }))['consent.guardian']).to.equal('guardian-required');
  });

  it('refuses control characters but keeps newlines', () => {
    expect(errorsOf(validateNeed({ ...need, description: 'a\u0000b' }))['description']).to.equal('control-chars');
    expect(validateNeed({ ...need, description: '第一行\n第二行' }).ok).to.equal(true);
  });

  it('checks offers: amount for paid services, capacity, dates, duplicates', () => {
    expect(validateOffer(offer).ok).to.equal(true);
    expect(errorsOf(validateOffer({ ...offer, cost: { kind: 'paid' } }))['cost.amount']).to.equal('amount-required');
    expect(errorsOf(validateOffer({ ...offer, capacity: { ...offer.capacity, used: 11 } }))['capacity.used']).to.equal(
      'capacity-exceeded',
    );
    expect(errorsOf(validateOffer({ ...offer, validTo: '2025-12-31' }))['validTo']).to.equal('date-order');
    expect(errorsOf(validateOffer({ ...offer, modes: ['online', 'online'] }))['modes']).to.equal('duplicate');
    expect(errorsOf(validateOffer({ ...offer, audiences: [] }))['audiences']).to.equal('required');
  });

  it('checks organizations: a registered one needs its credit code', () => {
    const org = {
      id: 'org-1',
      name: '长宁区乐龄社工服务中心',
      type: 'social-service-agency',
      registration: { status: 'registered' },
      rating: '5A',
      areaCode: '310105001',
      serviceAreaCodes: ['310105001'],
      categoryCodes: ['elderly.meals'],
      description: '',
      tags: [],
      socialWorkers: 3,
      satisfaction: null,
      contact: {},
      updatedAt: '2026-10-01T09:00:00+08:00',
    };
    expect(errorsOf(validateOrganization(org))['registration.creditCode']).to.equal('credit-code-required');
    expect(validateOrganization({ ...org, registration: { status: 'registered', creditCode: '52310105MJ4960123X' } }).ok).to.equal(
      true,
    );
    expect(errorsOf(validateOrganization({ ...org, rating: '6A' }))['rating']).to.equal('enum');
  });

  it('checks projects: period order and planned beneficiaries', () => {
    const project = {
      id: 'prj-1',
      title: '乐龄守护计划',
      organizationId: 'org-1',
      categoryCode: 'elderly',
      areaCode: '310105001',
      fundingSource: 'gov-purchase',
      budget: 100000,
      period: { start: '2026-03-01', end: '2026-02-01' },
      beneficiaries: { served: 0, planned: 0 },
      satisfaction: null,
      status: 'planned',
      needIds: [],
      claimIds: [],
      updatedAt: '2026-10-01T09:00:00+08:00',
    };
    expect(errorsOf(validateProject(project))).to.deep.equal({ 'period.end': 'date-order', 'beneficiaries.planned': 'too-small' });
  });

  it('has a message for every code in every locale', () => {
    for (const code of VALIDATION_CODES) {
      for (const locale of LOCALES) expect(validationMessage(code, locale, '5').length, `${code} ${locale}`).to.be.above(0);
    }
  });

  it('never throws on arbitrary input, and every error has a known code and a message (1,000 runs)', () => {
    const validators = [validateNeed, validateOffer, validateOrganization, validateProject];
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), fc.constantFrom(...LOCALES), (input, locale) => {
        for (const validate of validators) {
          const result = validate(input, { locale });
          if (!result.ok) {
            for (const e of result.errors) {
              expect(VALIDATION_CODES).to.include(e.code);
              expect(e.message).to.be.a('string').and.not.equal('');
            }
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary Unicode in any text field of a need (1,000 runs)', () => {
    const textFields = ['title', 'description', 'preferredTime'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...textFields), fc.string({ unit: 'binary', maxLength: 300 }), (field, value) => {
        const result = validateNeed({ ...need, [field]: value, contact: { ...need.contact, name: value } });
        if (result.ok) {
          // what passes is trimmed and free of control characters
          expect(result.value[field]).to.equal(result.value[field].trim());
          // eslint-disable-next-line no-control-regex -- matching control characters is the point
          expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u.test(result.value[field])).to.equal(false);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
