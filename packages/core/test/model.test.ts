import { expect } from '@open-wc/testing';
import { normalizePhone, capacityLeft } from '../src/model.js';

describe('model helpers', () => {
  it('normalizes what people type around a phone number', () => {
    expect(normalizePhone('+86 138-1234-5678')).to.equal('13812345678');
    expect(normalizePhone('（021）62345678')).to.equal('02162345678');
    expect(normalizePhone('021-62345678')).to.equal('021-62345678');
    expect(normalizePhone('１３８１２３４５６７８')).to.equal('13812345678');
  });
  it('never reports negative capacity', () => {
    expect(capacityLeft({ capacity: { perPeriod: 5, used: 7, period: 'week' } })).to.equal(0);
    expect(capacityLeft({ capacity: { perPeriod: 5, used: 2, period: 'week' } })).to.equal(3);
  });
});
