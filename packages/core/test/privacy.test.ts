import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as v from 'valibot';
import { PublicNeedSchema, maskName, maskPhone, toPublicNeed, type Need } from '../src/index.js';

const need: Need = {
  id: 'need-1',
  trackingNumber: 'RL-20261101-AB12',
  title: '楼道堆物清理',
  description: '三楼楼道堆满杂物，老人进出不便。',
  categoryCode: 'housing-property.stairwell-cleaning',
  audiences: ['elderly', 'all-residents'],
  areaCode: '310105001001002',
  urgency: 'high',
  preferredTime: '',
  channel: 'self',
  forWhom: 'self',
  status: 'published',
  beneficiaries: 6,
  createdAt: '2026-11-01T09:00:00+08:00',
  updatedAt: '2026-11-02T09:00:00+08:00',
  contact: { name: '王小明', phone: '13812341234', address: '华阳路 100 弄 5 号 302 室' },
  consent: { textVersion: '2026-11', givenAt: '2026-11-01T09:00:00+08:00', personalInfo: true, health: true, guardian: false },
  health: { conditions: '腿脚不便', mobility: 'assisted' },
  minor: false,
};

describe('privacy', () => {
  it('masks names: 王** and A****', () => {
    expect(maskName('王小明')).to.equal('王**');
    expect(maskName('王五')).to.equal('王*');
    expect(maskName('Alice')).to.equal('A****');
    expect(maskName('Alice Wang')).to.equal('A**** ****');
    expect(maskName('王')).to.equal('王*');
    expect(maskName('  ')).to.equal('');
    expect(maskName('𠀋小明')).to.equal('𠀋**');
  });

  it('masks phones: 138****1234 and landlines', () => {
    expect(maskPhone('13812341234')).to.equal('138****1234');
    expect(maskPhone('021-62345678')).to.equal('021-****5678');
    expect(maskPhone('0512-6234567')).to.equal('0512-***4567');
    expect(maskPhone('123')).to.equal('****');
  });

  it('never shows more than seven digits of a phone (1,000 runs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789- '), minLength: 0, maxLength: 20 }), (phone) => {
        const shown = maskPhone(phone).replace(/\D/gu, '');
        expect(shown.length).to.be.at.most(7);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives a public need without contact, consent or health, at community level', () => {
    const pub = toPublicNeed(need);
    const json = JSON.stringify(pub);
    for (const secret of ['王小明', '13812341234', '华阳路 100 弄', '腿脚不便', 'consent', 'health', 'contact']) {
      expect(json).not.to.contain(secret);
    }
    expect(pub.areaCode).to.equal('310105001001');
    expect(v.safeParse(PublicNeedSchema, pub).success).to.equal(true);
  });

  it('leaves no field of a need beyond the public ones, whatever extra keys it carries', () => {
    const withExtra = { ...need, secretNote: '门锁密码 1234' } as Need;
    expect(Object.keys(toPublicNeed(withExtra)).sort()).to.deep.equal(Object.keys(PublicNeedSchema.entries).sort());
  });
});
