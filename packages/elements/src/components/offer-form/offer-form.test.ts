import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import fc from 'fast-check';
import { AdapterError, type DataAdapter, type OfferDraft } from '@renling/core';
import './offer-form.js';
import type { RlOfferForm } from './offer-form.js';
import { THEMES } from '../../styles/tokens.js';
import { useLocale } from '../../localization/localization.js';
import {
  addArea,
  areaPicker,
  choose,
  chooseCategory,
  control,
  errorOf,
  freshStorage,
  hasField,
  recordingAdapter,
  submit,
  submitButton,
  text,
  typeInto,
} from '../../../test/form-helpers.js';
import { describeSubmitForm } from '../../../test/submit-form-suite.js';
import { checkOffer, emptyOfferValues, offerCandidate, type OfferFormValues } from './offer-form-model.js';

async function offerForm(options: { adapter?: DataAdapter; theme?: string; organization?: string } = {}): Promise<RlOfferForm> {
  const el = await fixture<RlOfferForm>(html`<rl-offer-form
    organization-id=${options.organization ?? 'org-1'}
    storage-name=${freshStorage('offer')}
    theme=${options.theme ?? 'light'}
    .adapter=${options.adapter ?? recordingAdapter()}
  ></rl-offer-form>`);
  await waitUntil(() => areaPicker(el).shadowRoot?.querySelector('select'), 'areas did not load', { timeout: 5000 });
  return el;
}

async function fillValid(el: RlOfferForm): Promise<void> {
  await chooseCategory(el, 'elderly.meals', '助餐');
  await typeInto(el, 'title', '助餐送餐上门');
  await typeInto(el, 'description', '为行动不便的老人每天中午送餐上门。');
  await choose(el, 'audiences', 'elderly');
  await choose(el, 'modes', 'home-visit');
  await addArea(areaPicker(el), '310105001001', el);
  await typeInto(el, 'capacity', '10');
  await typeInto(el, 'scheduleText', '每周一至周五 11:00–12:30');
  await choose(el, 'weekdays', '1');
  await typeInto(el, 'validFrom', '2026-01-01');
  await typeInto(el, 'validTo', '2026-12-31');
  await choose(el, 'costKind', 'subsidized');
  await typeInto(el, 'costAmount', '8');
  await typeInto(el, 'contactName', '李老师');
  await typeInto(el, 'contactPhone', '021-62345678');
}

const outcome = (el: RlOfferForm): string => el.shadowRoot?.querySelector('[part~="status"]')?.textContent?.replace(/\s+/gu, ' ') ?? '';

describe('rl-offer-form', () => {
  before(async () => {
    await useLocale('zh-CN');
  });

  describe('accessibility in every state and theme', () => {
    for (const theme of THEMES) {
      it(`empty, with errors, paid, without an organization (${theme})`, async () => {
        const el = await offerForm({ theme });
        await expect(el).to.be.accessible();
        await submit(el);
        await choose(el, 'costKind', 'paid');
        await expect(el).to.be.accessible();
        const orphan = await offerForm({ theme, organization: '' });
        await expect(orphan).to.be.accessible();
      });

      it(`published, waiting to be sent, refused (${theme})`, async () => {
        const sent = await offerForm({ theme });
        await fillValid(sent);
        await submit(sent);
        await waitUntil(() => outcome(sent).includes('已发布'), 'not published');
        await expect(sent).to.be.accessible();
        for (const [kind, words] of [
          ['network', '联网后'],
          ['forbidden', '没有发布成功'],
        ] as const) {
          const adapter = { ...recordingAdapter(), createOffer: () => Promise.reject(new AdapterError(kind, kind)) };
          const el = await offerForm({ theme, adapter });
          await fillValid(el);
          await submit(el);
          await waitUntil(() => outcome(el).includes(words), `no ${kind} outcome`);
          await expect(el).to.be.accessible();
        }
      });
    }
  });

  it('sends the offer as the organization described it', async () => {
    const adapter = recordingAdapter();
    const el = await offerForm({ adapter });
    await fillValid(el);
    await addArea(areaPicker(el), '310105001002', el);
    await submit(el);
    await waitUntil(() => adapter.offers.length === 1, 'not sent');
    const expected: OfferDraft = {
      organizationId: 'org-1',
      categoryCode: 'elderly.meals',
      title: '助餐送餐上门',
      description: '为行动不便的老人每天中午送餐上门。',
      audiences: ['elderly'],
      serviceAreaCodes: ['310105001001', '310105001002'],
      capacity: { perPeriod: 10, period: 'week', used: 0 },
      schedule: { text: '每周一至周五 11:00–12:30', weekdays: [1] },
      modes: ['home-visit'],
      cost: { kind: 'subsidized', amount: 8 },
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      status: 'open',
      contact: { name: '李老师', phone: '021-62345678' },
    };
    expect(adapter.offers[0]!.draft).to.deep.equal(expected);
    // the adapter has it; the outbox then clears its record and the form shows the outcome
    await waitUntil(() => text(el).includes('接下来会怎样'), 'no outcome after sending', { timeout: 5000 });
  });

  describe('validation of every field', () => {
    const cases: [field: string, value: string, message: RegExp][] = [
      ['title', '', /请填写/u],
      ['title', '餐', /至少需要 2 个字/u],
      ['title', '长'.repeat(61), /最多 60 个字/u],
      ['description', '长'.repeat(2001), /最多 2000 个字/u],
      ['capacity', '', /整数/u],
      ['capacity', '十个', /整数/u],
      ['capacity', '0', /不能小于 1/u],
      ['scheduleText', '', /请填写/u],
      ['scheduleText', '长'.repeat(121), /最多 120 个字/u],
      ['costAmount', '', /请填写金额/u],
      ['costAmount', '八元', /格式不正确/u],
      ['validFrom', '', /日期/u],
      ['validTo', '2025-12-31', /结束日期不能早于开始日期/u],
      ['contactName', '', /请填写/u],
      ['contactName', '李'.repeat(31), /最多 30 个字/u],
      ['contactPhone', '12345', /11 位手机号/u],
    ];
    for (const [field, value, message] of cases) {
      it(`${field} = ${JSON.stringify(value.length > 20 ? `${value.slice(0, 2)}…(${value.length})` : value)}`, async () => {
        const el = await offerForm();
        await fillValid(el);
        await typeInto(el, field, value);
        expect(errorOf(el, field)).to.match(message);
        expect(control(el, field).getAttribute('aria-invalid')).to.equal('true');
        expect(control(el, field).getAttribute('aria-describedby')).to.contain(`field-${field}-error`);
      });
    }

    it('requires a category, audiences, modes and at least one service area, and focuses the first problem', async () => {
      const el = await offerForm();
      await submit(el);
      expect(errorOf(el, 'categoryCode')).to.contain('请选择服务类别');
      expect(errorOf(el, 'audiences')).to.contain('请填写');
      expect(errorOf(el, 'modes')).to.contain('请填写');
      expect(errorOf(el, 'serviceAreaCodes')).to.match(/请填写|地区/u);
      expect(el.shadowRoot!.activeElement?.localName).to.equal('rl-category-picker');
    });

    it('asks for an amount only when the service is not free, and sends none when free', async () => {
      const adapter = recordingAdapter();
      const el = await offerForm({ adapter });
      expect(hasField(el, 'costAmount')).to.equal(false);
      await choose(el, 'costKind', 'paid');
      expect(text(el.shadowRoot!.querySelector('label[for="field-costAmount"]')!)).to.contain('每次收费');
      await fillValid(el);
      await choose(el, 'costKind', 'free');
      expect(hasField(el, 'costAmount')).to.equal(false);
      await submit(el);
      await waitUntil(() => adapter.offers.length === 1, 'not sent');
      expect(adapter.offers[0]!.draft.cost).to.deep.equal({ kind: 'free' });
    });

    it('accepts amounts in yuan with fen, with or without ¥', () => {
      const values: OfferFormValues = { ...emptyOfferValues('2026-01-01'), costKind: 'paid' };
      for (const [typed, amount] of [
        ['12.5', 12.5],
        ['¥30', 30],
        ['0', 0],
      ] as const) {
        const candidate = offerCandidate({ ...values, costAmount: typed }, { organizationId: 'org-1', status: 'open' });
        expect(candidate['cost']).to.deep.equal({ kind: 'paid', amount });
      }
    });

    it('cannot be submitted without an organization, and says so', async () => {
      const el = await offerForm({ organization: '' });
      await fillValid(el);
      expect(submitButton(el).disabled).to.equal(true);
      expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.contain('organization-id');
    });
  });

  it('presets the category by attribute and prefills by property', async () => {
    const el = await fixture<RlOfferForm>(html`<rl-offer-form
      organization-id="org-1"
      category="legal-aid.consultation"
      storage-name=${freshStorage('offer-prefill')}
      .adapter=${recordingAdapter()}
      .prefill=${{ title: '社区法律咨询', serviceAreaCodes: ['310105001'], capacity: { perPeriod: 8, period: 'month', used: 0 } }}
    ></rl-offer-form>`);
    await el.updateComplete;
    expect(el.values.categoryCode).to.equal('legal-aid.consultation');
    expect(control<HTMLInputElement>(el, 'title').value).to.equal('社区法律咨询');
    expect(control<HTMLInputElement>(el, 'capacity').value).to.equal('8');
    expect(control<HTMLSelectElement>(el, 'period').value).to.equal('month');
    await waitUntil(() => areaPicker(el).shadowRoot?.querySelector('.chip'), 'prefilled area not shown');
    expect(areaPicker(el).shadowRoot!.querySelector('.chip')?.textContent).to.contain('华阳路街道');
  });

  it('can be completed and submitted with the keyboard alone', async () => {
    const adapter = recordingAdapter();
    const el = await offerForm({ adapter });
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    const focused = (): Element | null => {
      let active: Element | null = el.shadowRoot!.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active;
    };
    const tabTo = async (predicate: (a: Element | null) => boolean, what: string): Promise<void> => {
      for (let i = 0; i < 60 && !predicate(focused()); i++) await sendKeys({ press: 'Tab' });
      expect(predicate(focused()), `Tab never reached ${what}`).to.equal(true);
    };
    const byId = (id: string) => (a: Element | null) => a?.id === id;
    const byName = (name: string) => (a: Element | null) => a?.getAttribute('name') === name;

    await tabTo((a) => a?.getAttribute('role') === 'combobox', 'the category');
    await sendKeys({ type: '送饭' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await tabTo(byId('field-title'), 'the title');
    await sendKeys({ type: 'Meals at home' });
    await tabTo(byName('audiences'), 'the audiences');
    await sendKeys({ press: 'Space' });
    await tabTo(byName('modes'), 'the modes');
    await sendKeys({ press: 'Space' });
    await tabTo(byId('level-0'), 'the area');
    await sendKeys({ press: 'ArrowDown' });
    await tabTo((a) => a?.classList.contains('add') === true, 'the add button');
    await sendKeys({ press: 'Enter' });
    await tabTo(byId('field-capacity'), 'the capacity');
    await sendKeys({ type: '12' });
    await tabTo(byId('field-scheduleText'), 'the schedule');
    await sendKeys({ type: 'Weekdays 11:00' });
    await tabTo(byId('field-validTo'), 'the end date');
    await sendKeys({ type: '12312030' });
    await tabTo(byId('field-contactName'), 'the contact');
    await sendKeys({ type: 'Li' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '13812345678' });
    await tabTo((a) => a?.getAttribute('type') === 'submit', 'the submit button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => adapter.offers.length === 1, `not submitted by keyboard: ${JSON.stringify([...el.shadowRoot!.querySelectorAll('.error')].map((e) => e.textContent))}`);
    const sent = adapter.offers[0]!.draft;
    expect(sent.categoryCode).to.equal('elderly.meals');
    expect(sent.serviceAreaCodes).to.have.length(1);
    expect(sent.capacity.perPeriod).to.equal(12);
    expect(sent.validTo).to.equal('2030-12-31');
    before.remove();
  });

  describe('properties (fast-check)', () => {
    const values = fc.record<OfferFormValues>({
      categoryCode: fc.oneof(fc.constant('elderly.meals'), fc.string({ unit: 'binary' })),
      title: fc.string({ unit: 'binary', maxLength: 80 }),
      description: fc.string({ unit: 'binary' }),
      audiences: fc.subarray(['elderly', 'youth'] as const).map((a) => [...a]),
      serviceAreaCodes: fc.array(fc.oneof(fc.constant('310105001001'), fc.string({ unit: 'binary' })), { maxLength: 3 }),
      capacity: fc.oneof(fc.constant('10'), fc.string({ unit: 'binary' })),
      period: fc.constantFrom('day', 'week', 'month', 'year', 'once'),
      scheduleText: fc.string({ unit: 'binary' }),
      weekdays: fc.subarray(['1', '3', '7']).map((d) => [...d]),
      modes: fc.subarray(['on-site', 'online'] as const).map((m) => [...m]),
      costKind: fc.constantFrom('free', 'subsidized', 'paid'),
      costAmount: fc.oneof(fc.constant('8'), fc.string({ unit: 'binary' })),
      validFrom: fc.oneof(fc.constant('2026-01-01'), fc.string({ unit: 'binary' })),
      validTo: fc.oneof(fc.constant('2026-12-31'), fc.string({ unit: 'binary' })),
      contactName: fc.string({ unit: 'binary', maxLength: 40 }),
      contactPhone: fc.oneof(fc.constant('13812345678'), fc.string({ unit: 'binary' })),
    });

    it('arbitrary Unicode in any field never throws, and a free offer never carries an amount', () => {
      fc.assert(
        fc.property(values, fc.constantFrom('zh-CN', 'zh-TW', 'en'), (v, locale) => {
          const result = checkOffer(v, { organizationId: 'org-1', status: 'open', locale });
          if (result.ok) {
            expect(result.draft.cost.kind !== 'free' || result.draft.cost.amount === undefined).to.equal(true);
            expect(result.draft.organizationId).to.equal('org-1');
          } else expect(result.problems.size).to.be.greaterThan(0);
        }),
        { numRuns: 500 },
      );
    });
  });
});

describeSubmitForm<RlOfferForm>({
  tag: 'rl-offer-form',
  kind: 'offer',
  event: 'rl-offer-submitted',
  attributes: { 'organization-id': 'org-1' },
  fillValid,
  title: '助餐送餐上门',
  textFields: {
    title: { max: 60, read: (d) => d.title },
    description: { max: 2000, read: (d) => d.description },
    scheduleText: { max: 120, read: (d) => ('schedule' in d ? d.schedule.text : undefined) },
    contactName: { max: 30, read: (d) => d.contact.name },
  },
  sentWords: '服务已发布',
  queuedWords: '联网后自动发布',
  refusedWords: '没有发布成功',
});
