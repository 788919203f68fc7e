import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import fc from 'fast-check';
import { AdapterError, createMemoryAdapter, type DataAdapter, type NeedDraft } from '@renling/core';
import { createMockWorker } from '@renling/mocks';
import '../provider/provider.js';
import './need-form.js';
import type { RlNeedForm } from './need-form.js';
import type { RlProvider } from '../provider/provider.js';
import { RlNeedSubmittedEvent } from '../../events/need-submitted.js';
import { THEMES } from '../../styles/tokens.js';
import { useLocale } from '../../localization/localization.js';
import {
  NEED_AREA,
  areaPicker,
  categoryPicker,
  choose,
  chooseArea,
  chooseCategory,
  control,
  emptyDataset,
  errorOf,
  freshStorage,
  hasField,
  recordingAdapter,
  submit,
  submitButton,
  text,
  tick,
  typeInto,
} from '../../../test/form-helpers.js';
import { describeSubmitForm } from '../../../test/submit-form-suite.js';
import {
  PRIVACY_NOTICE_VERSION,
  checkNeed,
  emptyNeedValues,
  needCandidate,
  sanitizeNeedValues,
  type NeedFormValues,
} from './need-form-model.js';

async function needForm(
  options: { adapter?: DataAdapter; theme?: string; attrs?: Record<string, string>; storage?: string } = {},
): Promise<RlNeedForm> {
  const el = await fixture<RlNeedForm>(html`<rl-need-form
    .adapter=${options.adapter ?? recordingAdapter()}
    storage-name=${options.storage ?? freshStorage('need')}
    theme=${options.theme ?? 'light'}
  ></rl-need-form>`);
  for (const [name, value] of Object.entries(options.attrs ?? {})) el.setAttribute(name, value);
  await el.updateComplete;
  await waitUntil(() => areaPicker(el).shadowRoot?.querySelector('select'), 'areas did not load', { timeout: 5000 });
  return el;
}

/** Fills every required field with valid values (and ticks the consent). */
async function fillValid(el: RlNeedForm): Promise<void> {
  await tick(el, 'consentPersonal');
  await chooseCategory(el, 'elderly.meals', '助餐');
  await typeInto(el, 'title', '独居老人需要每天送午饭');
  await typeInto(el, 'description', '老人行动不便，子女在外地。');
  await choose(el, 'audiences', 'elderly');
  await chooseArea(areaPicker(el), NEED_AREA, el);
  await typeInto(el, 'contactName', '王阿姨');
  await typeInto(el, 'contactPhone', '138 1234 5678');
  await typeInto(el, 'contactAddress', '华阳路 200 弄 3 号 101 室');
}

const outcome = (el: RlNeedForm): string => el.shadowRoot?.querySelector('[part~="status"]')?.textContent?.replace(/\s+/gu, ' ') ?? '';

describe('rl-need-form', () => {
  before(async () => {
    await useLocale('zh-CN');
  });

  describe('accessibility in every state and theme', () => {
    for (const theme of THEMES) {
      it(`empty, with errors, every section open (${theme})`, async () => {
        const el = await needForm({ theme });
        await expect(el).to.be.accessible();
        await tick(el, 'consentPersonal');
        await submit(el);
        await expect(el).to.be.accessible();
        await choose(el, 'forWhom', 'resident');
        await tick(el, 'minor');
        await tick(el, 'consentHealth');
        await submit(el);
        expect(hasField(el, 'channel') && hasField(el, 'consentGuardian') && hasField(el, 'healthConditions')).to.equal(true);
        await expect(el).to.be.accessible();
      });

      it(`sent, waiting to be sent, refused (${theme})`, async () => {
        const sent = await needForm({ theme });
        await fillValid(sent);
        await submit(sent);
        await waitUntil(() => outcome(sent).includes('RL-'), 'no tracking number');
        await expect(sent).to.be.accessible();

        const offline = recordingAdapter();
        const queued = await needForm({
          theme,
          adapter: { ...offline, createNeed: () => Promise.reject(new AdapterError('network', 'offline')) },
        });
        await fillValid(queued);
        await submit(queued);
        await waitUntil(() => outcome(queued).includes('联网后'), 'not queued');
        await expect(queued).to.be.accessible();

        const refused = await needForm({
          theme,
          adapter: { ...offline, createNeed: () => Promise.reject(new AdapterError('forbidden', 'no')) },
        });
        await fillValid(refused);
        await submit(refused);
        await waitUntil(() => outcome(refused).includes('没有被受理'), 'not refused');
        await expect(refused).to.be.accessible();
      });
    }
  });

  describe('consent', () => {
    it('shows the privacy notice (purpose, recipients, retention, withdrawal, version) before any field', async () => {
      const el = await needForm();
      const notice = el.shadowRoot!.querySelector('#notice')!;
      const t = text(notice);
      for (const expected of ['用途', '谁会看到', '保存多久', '如何撤回', PRIVACY_NOTICE_VERSION]) expect(t).to.contain(expected);
      const first = el.shadowRoot!.querySelector('input, textarea, select, rl-category-picker')!;
      expect(notice.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
      expect(control(el, 'consentPersonal').getAttribute('aria-describedby')).to.contain('notice');
    });

    it('keeps submit disabled until the unticked consent box is ticked', async () => {
      const el = await needForm();
      await fillValid(el);
      await tick(el, 'consentPersonal', false);
      expect(control(el, 'consentPersonal').checked).to.equal(false);
      expect(submitButton(el).disabled).to.equal(true);
      expect(submitButton(el).getAttribute('aria-describedby')).to.equal('submit-hint');
      await tick(el, 'consentPersonal');
      expect(submitButton(el).disabled).to.equal(false);
      await tick(el, 'consentPersonal', false);
      expect(submitButton(el).disabled).to.equal(true);
    });

    it('stores the consent record (text version, time ticked) with the need', async () => {
      const adapter = recordingAdapter();
      const el = await needForm({ adapter });
      const before = new Date().toISOString();
      await fillValid(el);
      await submit(el);
      await waitUntil(() => adapter.needs.length === 1, 'not sent');
      const { consent } = adapter.needs[0]!.draft;
      expect(consent.textVersion).to.equal(PRIVACY_NOTICE_VERSION);
      expect(consent.personalInfo).to.equal(true);
      expect(consent.health).to.equal(false);
      expect(consent.givenAt >= before && consent.givenAt <= new Date().toISOString()).to.equal(true);
    });

    it('hides the health fields until their separate consent is given, and sends them only with it', async () => {
      const adapter = recordingAdapter();
      const el = await needForm({ adapter });
      expect(hasField(el, 'healthConditions')).to.equal(false);
      await tick(el, 'consentHealth');
      expect(hasField(el, 'healthConditions')).to.equal(true);
      await typeInto(el, 'healthConditions', '高血压，术后康复');
      await choose(el, 'healthMobility', 'assisted');
      await fillValid(el);
      await submit(el);
      await waitUntil(() => adapter.needs.length === 1, 'not sent');
      expect(adapter.needs[0]!.draft.health).to.deep.equal({ conditions: '高血压，术后康复', mobility: 'assisted' });
      expect(adapter.needs[0]!.draft.consent.health).to.equal(true);
    });

    it('drops health details typed before the consent was withdrawn', async () => {
      const adapter = recordingAdapter();
      const el = await needForm({ adapter });
      await tick(el, 'consentHealth');
      await typeInto(el, 'healthConditions', '糖尿病');
      await choose(el, 'healthMobility', 'independent');
      await tick(el, 'consentHealth', false);
      expect(hasField(el, 'healthConditions')).to.equal(false);
      await fillValid(el);
      await submit(el);
      await waitUntil(() => adapter.needs.length === 1, 'not sent');
      expect(adapter.needs[0]!.draft).not.to.have.property('health');
      expect(adapter.needs[0]!.draft.consent.health).to.equal(false);
    });

    it('asks a guardian to confirm for a child under 14', async () => {
      const adapter = recordingAdapter();
      const el = await needForm({ adapter });
      await fillValid(el);
      expect(hasField(el, 'consentGuardian')).to.equal(false);
      await tick(el, 'minor');
      expect(hasField(el, 'consentGuardian')).to.equal(true);
      await submit(el);
      expect(errorOf(el, 'consentGuardian')).to.contain('监护人');
      expect(el.shadowRoot!.activeElement).to.equal(control(el, 'consentGuardian'));
      await tick(el, 'consentGuardian');
      await submit(el);
      await waitUntil(() => adapter.needs.length === 1, 'not sent');
      expect(adapter.needs[0]!.draft.minor).to.equal(true);
      expect(adapter.needs[0]!.draft.consent.guardian).to.equal(true);
    });
  });

  describe('validation of every field', () => {
    const cases: [field: string, value: string, message: RegExp][] = [
      ['title', '', /请填写/u],
      ['title', '饭', /至少需要 2 个字/u],
      ['title', '长'.repeat(61), /最多 60 个字/u],
      ['title', '需要\u0007帮助', /控制字符/u],
      ['description', '长'.repeat(2001), /最多 2000 个字/u],
      ['preferredTime', '长'.repeat(61), /最多 60 个字/u],
      ['beneficiaries', '两个', /整数/u],
      ['beneficiaries', '0', /不能小于 1/u],
      ['contactName', '', /请填写/u],
      ['contactName', '王'.repeat(31), /最多 30 个字/u],
      ['contactPhone', '', /手机号|请填写/u],
      ['contactPhone', '1381234567', /11 位手机号/u],
      ['contactPhone', '12812345678', /11 位手机号/u],
      ['contactPhone', '62345678', /区号/u],
      ['contactAddress', '', /请填写/u],
      ['contactAddress', '长'.repeat(121), /最多 120 个字/u],
    ];
    for (const [field, value, message] of cases) {
      it(`${field} = ${JSON.stringify(value.length > 20 ? `${value.slice(0, 3)}…(${value.length})` : value)}`, async () => {
        const el = await needForm();
        await fillValid(el);
        await typeInto(el, field, value);
        expect(errorOf(el, field)).to.match(message);
        const input = control(el, field);
        expect(input.getAttribute('aria-invalid')).to.equal('true');
        expect(input.getAttribute('aria-describedby')).to.contain(`field-${field}-error`);
        expect(el.shadowRoot!.getElementById(`field-${field}-error`)).not.to.equal(null);
      });
    }

    it('accepts mainland mobiles and landlines as people write them, normalized', async () => {
      for (const [typed, stored] of [
        ['+86 138-1234-5678', '13812345678'],
        ['（021）62345678', '02162345678'],
        ['021-62345678-123', '021-62345678-123'],
        ['0512 6523 4567', '051265234567'],
      ]) {
        const adapter = recordingAdapter();
        const el = await needForm({ adapter });
        await fillValid(el);
        await typeInto(el, 'contactPhone', typed!);
        expect(errorOf(el, 'contactPhone'), typed).to.equal('');
        await submit(el);
        await waitUntil(() => adapter.needs.length === 1, 'not sent');
        expect(adapter.needs[0]!.draft.contact.phone).to.equal(stored);
      }
    });

    it('requires a category, an audience and an area down to the community', async () => {
      const el = await needForm();
      await tick(el, 'consentPersonal');
      await submit(el);
      expect(errorOf(el, 'categoryCode')).to.contain('请选择服务类别');
      expect(errorOf(el, 'audiences')).to.contain('请填写');
      expect(errorOf(el, 'areaCode')).to.match(/请填写|地区/u);
      await chooseArea(areaPicker(el), '310105001001', el);
      expect(errorOf(el, 'areaCode')).to.equal('');
    });

    it('asks for health conditions once health details are started', async () => {
      const el = await needForm();
      await fillValid(el);
      await tick(el, 'consentHealth');
      await choose(el, 'healthMobility', 'bedridden');
      await submit(el);
      expect(errorOf(el, 'healthConditions')).to.contain('请填写');
    });

    it('shows messages only after a field is left or the form is submitted, then focuses the first', async () => {
      const el = await needForm();
      await tick(el, 'consentPersonal');
      expect(errorOf(el, 'title')).to.equal('');
      await submit(el);
      expect(el.shadowRoot!.querySelector('[role="alert"]')?.textContent).to.match(/处需要修改/u);
      // the category picker comes first in the form
      expect(el.shadowRoot!.activeElement).to.equal(categoryPicker(el));
      expect(categoryPicker(el).shadowRoot!.activeElement?.getAttribute('aria-invalid')).to.equal('true');
      await chooseCategory(el, 'elderly.meals', '助餐');
      await submit(el);
      expect(el.shadowRoot!.activeElement).to.equal(control(el, 'title'));
    });

    it('gives messages in zh-TW and en', async () => {
      const el = await needForm();
      await tick(el, 'consentPersonal');
      await submit(el);
      try {
        await useLocale('en');
        await waitUntil(() => errorOf(el, 'title').includes('required'), 'not in English');
        expect(text(el)).to.contain('Submit');
        expect(text(el)).to.contain('How long it is kept');
        await useLocale('zh-TW');
        await waitUntil(() => errorOf(el, 'title').includes('請填寫'), 'not in traditional Chinese');
        expect(text(el)).to.contain('個人資料');
      } finally {
        await useLocale('zh-CN');
      }
    });
  });

  describe('submitting', () => {
    it('online: shows the tracking number and what happens next, and fires rl-need-submitted', async () => {
      const adapter = recordingAdapter();
      const el = await needForm({ adapter });
      await fillValid(el);
      setTimeout(() => submitButton(el).click());
      const event = await oneEvent<RlNeedSubmittedEvent>(el, 'rl-need-submitted');
      expect(event).to.be.instanceOf(RlNeedSubmittedEvent);
      expect(event.detail.queued).to.equal(false);
      expect(event.detail.receipt?.trackingNumber).to.match(/^RL-\d{8}-/u);
      expect(event.detail.draft.title).to.equal('独居老人需要每天送午饭');
      await el.updateComplete;
      expect(outcome(el)).to.contain(event.detail.receipt!.trackingNumber);
      expect(text(el)).to.contain('接下来会怎样');
      expect(el.shadowRoot!.activeElement?.id).to.equal('outcome-title');
      expect(adapter.needs[0]!.options.idempotencyKey).to.equal(event.detail.id);
    });

    it('a grid worker records the intake channel, then goes on to the next resident in the same mode', async () => {
      const adapter = recordingAdapter();
      const el = await needForm({ adapter });
      await choose(el, 'forWhom', 'resident');
      await choose(el, 'channel', 'hotline');
      expect(control(el, 'contactName').getAttribute('autocomplete')).to.equal('off');
      await fillValid(el);
      await submit(el);
      await waitUntil(() => adapter.needs.length === 1, 'not sent');
      expect(adapter.needs[0]!.draft.forWhom).to.equal('resident');
      expect(adapter.needs[0]!.draft.channel).to.equal('hotline');
      await el.updateComplete;
      const next = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.outcome button')].find((b) => b.textContent?.includes('下一位'));
      next!.click();
      await waitUntil(() => hasField(el, 'title'), 'no new form');
      expect(control<HTMLInputElement>(el, 'title').value).to.equal('');
      expect(control<HTMLInputElement>(el, 'consentPersonal').checked).to.equal(false);
      expect(el.values.forWhom).to.equal('resident');
      expect(el.values.channel).to.equal('hotline');
    });

    it('a self-submitted need is recorded with the self channel', async () => {
      const adapter = recordingAdapter();
      const el = await needForm({ adapter });
      await choose(el, 'forWhom', 'family');
      await fillValid(el);
      await submit(el);
      await waitUntil(() => adapter.needs.length === 1, 'not sent');
      expect(adapter.needs[0]!.draft.channel).to.equal('self');
      expect(adapter.needs[0]!.draft.forWhom).to.equal('family');
    });

    it('uses the outbox of the surrounding rl-provider', async () => {
      const adapter = recordingAdapter();
      const provider = await fixture<RlProvider>(html`<rl-provider .adapter=${adapter} storage-name=${freshStorage('need-provider')}>
        <rl-need-form></rl-need-form>
      </rl-provider>`);
      const el = provider.querySelector('rl-need-form')!;
      await waitUntil(() => areaPicker(el).shadowRoot?.querySelector('select'), 'areas did not load');
      const queued: string[] = [];
      provider.submissions!.addEventListener('queued', (e) => queued.push((e as CustomEvent<{ record: { id: string } }>).detail.record.id));
      await fillValid(el);
      await submit(el);
      await waitUntil(() => adapter.needs.length === 1, 'not sent');
      expect(queued).to.deep.equal([adapter.needs[0]!.options.idempotencyKey]);
    });
  });

  describe('attributes and properties', () => {
    it('hides fields by attribute and still submits', async () => {
      const adapter = recordingAdapter();
      const el = await needForm({ adapter, attrs: { 'hidden-fields': 'description audiences urgency preferred-time beneficiaries for-whom health' } });
      for (const field of ['description', 'audiences', 'urgency', 'preferredTime', 'beneficiaries', 'forWhom', 'consentHealth'])
        expect(hasField(el, field), field).to.equal(false);
      await tick(el, 'consentPersonal');
      await chooseCategory(el, 'elderly.meals', '助餐');
      await typeInto(el, 'title', '需要送餐');
      await chooseArea(areaPicker(el), NEED_AREA, el);
      await typeInto(el, 'contactName', '王阿姨');
      await typeInto(el, 'contactPhone', '13812345678');
      await typeInto(el, 'contactAddress', '华阳路 1 号');
      await submit(el);
      await waitUntil(() => adapter.needs.length === 1, 'not sent');
      expect(adapter.needs[0]!.draft.audiences).to.deep.equal(['all-residents']);
    });

    it('requires optional fields by attribute', async () => {
      const el = await needForm({ attrs: { 'required-fields': 'description preferred-time' } });
      await fillValid(el);
      await typeInto(el, 'description', '');
      await submit(el);
      expect(errorOf(el, 'description')).to.contain('请填写');
      expect(errorOf(el, 'preferredTime')).to.contain('请填写');
      expect(text(el.shadowRoot!.querySelector('label[for="field-description"]')!)).not.to.contain('选填');
    });

    it('presets the category by attribute and prefills by property', async () => {
      const el = await fixture<RlNeedForm>(html`<rl-need-form
        category="legal-aid.consultation"
        for-whom="resident"
        storage-name=${freshStorage('need-prefill')}
        .adapter=${recordingAdapter()}
        .prefill=${{ areaCode: NEED_AREA, title: '邻里纠纷需要调解', contact: { name: '李先生', phone: '', address: '' } }}
      ></rl-need-form>`);
      await el.updateComplete;
      expect(categoryPicker(el).value).to.equal('legal-aid.consultation');
      expect(control<HTMLInputElement>(el, 'title').value).to.equal('邻里纠纷需要调解');
      expect(control<HTMLInputElement>(el, 'contactName').value).to.equal('李先生');
      expect(el.values.forWhom).to.equal('resident');
      expect(el.values.consentPersonal).to.equal(false);
      await waitUntil(() => areaPicker(el).shadowRoot?.querySelector('#level-1'), 'area path not shown');
      expect(areaPicker(el).value).to.equal(NEED_AREA);
    });
  });

  describe('drafts', () => {
    it('survive a reload (the element re-created), contact details only with consent', async () => {
      const storage = freshStorage('need-draft');
      const first = await needForm({ storage });
      await chooseCategory(first, 'elderly.meals', '助餐');
      await typeInto(first, 'title', '草稿里的标题');
      await typeInto(first, 'contactPhone', '13812345678');
      await first.updateComplete;
      await waitUntil(() => text(first).includes('草稿已自动保存'), 'draft not saved', { timeout: 3000 });
      first.remove();
      const second = await needForm({ storage });
      await waitUntil(() => control<HTMLInputElement>(second, 'title').value === '草稿里的标题', 'draft not restored');
      expect(categoryPicker(second).value).to.equal('elderly.meals');
      // no consent, so the phone was never stored
      expect(control<HTMLInputElement>(second, 'contactPhone').value).to.equal('');
      await tick(second, 'consentPersonal');
      await typeInto(second, 'contactPhone', '13812345678');
      await tick(second, 'consentHealth');
      await typeInto(second, 'healthConditions', '高血压');
      await waitUntil(() => second.values.healthConditions === '高血压', 'not typed');
      await new Promise((r) => setTimeout(r, 600));
      second.remove();
      const third = await needForm({ storage });
      await waitUntil(() => control<HTMLInputElement>(third, 'contactPhone').value === '13812345678', 'contact not restored');
      expect(control<HTMLInputElement>(third, 'consentPersonal').checked).to.equal(true);
      expect(control<HTMLTextAreaElement>(third, 'healthConditions').value).to.equal('高血压');
    });

    it('asks again when the notice text has a new version, and drops what the old consent covered', async () => {
      const storage = freshStorage('need-version');
      const first = await needForm({ storage });
      await tick(first, 'consentPersonal');
      await typeInto(first, 'title', '旧版本同意');
      await typeInto(first, 'contactName', '王阿姨');
      await new Promise((r) => setTimeout(r, 600));
      first.remove();
      const second = await needForm({ storage, attrs: { 'notice-version': '2027-03' } });
      await waitUntil(() => control<HTMLInputElement>(second, 'title').value === '旧版本同意', 'draft not restored');
      expect(control<HTMLInputElement>(second, 'consentPersonal').checked).to.equal(false);
      expect(control<HTMLInputElement>(second, 'contactName').value).to.equal('');
      expect(text(second)).to.contain('说明已更新');
      expect(text(second)).to.contain('2027-03');
      expect(submitButton(second).disabled).to.equal(true);
    });

    it('is removed once the need is submitted', async () => {
      const storage = freshStorage('need-draft-clear');
      const first = await needForm({ storage });
      await fillValid(first);
      await submit(first);
      await waitUntil(() => outcome(first).includes('RL-'), 'not sent');
      first.remove();
      const second = await needForm({ storage });
      await new Promise((r) => setTimeout(r, 200));
      expect(control<HTMLInputElement>(second, 'title').value).to.equal('');
    });
  });

  describe('Chinese input methods', () => {
    it('commits nothing while composing, and the composed text once chosen', async () => {
      const storage = freshStorage('need-ime');
      const el = await needForm({ storage });
      const input = control<HTMLInputElement>(el, 'title');
      input.focus();
      input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, composed: true, data: '' }));
      for (const partial of ['d', 'du', 'duj', 'dujulaoren']) {
        input.value = partial;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, isComposing: true, inputType: 'insertCompositionText', data: partial }));
        await el.updateComplete;
        // a re-render while composing must not wipe what the IME shows
        el.requestUpdate();
        await el.updateComplete;
        expect(input.value).to.equal(partial);
      }
      expect(el.values.title).to.equal('');
      input.value = '独居老人';
      input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, composed: true, data: '独居老人' }));
      await el.updateComplete;
      expect(el.values.title).to.equal('独居老人');
      await new Promise((r) => setTimeout(r, 600));
      el.remove();
      const again = await needForm({ storage });
      await waitUntil(() => control<HTMLInputElement>(again, 'title').value === '独居老人', 'composed text not in the draft');
    });

    it('filters categories only with the composed word, not the pinyin', async () => {
      const el = await needForm();
      const picker = categoryPicker(el);
      const input = picker.shadowRoot!.querySelector('input')!;
      input.focus();
      input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, composed: true }));
      input.value = 'zhucan';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, isComposing: true, data: 'zhucan' }));
      await picker.updateComplete;
      expect(picker.shadowRoot!.querySelector('[role="listbox"]')!.hasAttribute('hidden')).to.equal(true);
      input.value = '助餐';
      input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, composed: true, data: '助餐' }));
      await picker.updateComplete;
      expect(picker.shadowRoot!.getElementById('option-elderly--meals')).not.to.equal(null);
    });
  });

  describe('keyboard only', () => {
    it('can be completed and submitted with the keyboard alone', async () => {
      const adapter = recordingAdapter();
      const el = await needForm({ adapter });
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
      const isField = (id: string) => (a: Element | null) => a?.id === `field-${id}`;

      await tabTo(isField('consentPersonal'), 'the consent box');
      await sendKeys({ press: 'Space' });
      await tabTo((a) => a?.getAttribute('name') === 'forWhom', 'for whom');
      await tabTo((a) => a?.getAttribute('role') === 'combobox', 'the category');
      await sendKeys({ type: '助餐' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await tabTo(isField('title'), 'the title');
      await sendKeys({ type: '需要送餐上门' });
      await tabTo((a) => a?.getAttribute('name') === 'audiences', 'the audiences');
      await sendKeys({ press: 'Space' });
      await tabTo((a) => a?.id === 'level-0', 'the community select');
      await sendKeys({ press: 'ArrowDown' });
      await tabTo(isField('contactName'), 'the name');
      await sendKeys({ type: 'Wang' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '13812345678' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: 'Huayang Road 1' });
      await tabTo((a) => a?.getAttribute('type') === 'submit', 'the submit button');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => adapter.needs.length === 1, 'not submitted by keyboard');
      const sent = adapter.needs[0]!.draft;
      expect(sent.categoryCode).to.match(/^elderly/u);
      expect(sent.title).to.equal('需要送餐上门');
      expect(sent.audiences).to.deep.equal(['elderly']);
      expect(sent.areaCode).to.equal('310105001001');
      expect(sent.contact).to.deep.equal({ name: 'Wang', phone: '13812345678', address: 'Huayang Road 1' });
      before.remove();
    });
  });

  describe('properties of the payload (fast-check)', () => {
    const values = fc.record<NeedFormValues>({
      forWhom: fc.constantFrom('self', 'family', 'resident'),
      channel: fc.constantFrom('grid-worker', 'hotline', 'committee'),
      minor: fc.boolean(),
      categoryCode: fc.oneof(fc.constantFrom('elderly.meals', 'legal', ''), fc.string({ unit: 'binary' })),
      title: fc.string({ unit: 'binary', maxLength: 80 }),
      description: fc.string({ unit: 'binary' }),
      audiences: fc.subarray(['elderly', 'disabled', 'children'] as const).map((a) => [...a]),
      areaCode: fc.oneof(fc.constantFrom(NEED_AREA, '310105001', ''), fc.string({ unit: 'binary' })),
      urgency: fc.constantFrom('low', 'normal', 'high', 'critical'),
      preferredTime: fc.string({ unit: 'binary' }),
      beneficiaries: fc.oneof(fc.constantFrom('1', '3'), fc.string({ unit: 'binary' })),
      contactName: fc.string({ unit: 'binary', maxLength: 40 }),
      contactPhone: fc.oneof(fc.constantFrom('13812345678', '021-62345678'), fc.string({ unit: 'binary' })),
      contactAddress: fc.string({ unit: 'binary', maxLength: 40 }),
      healthConditions: fc.string({ unit: 'binary' }),
      healthMobility: fc.constantFrom('', 'independent', 'assisted', 'bedridden'),
      consentPersonal: fc.boolean(),
      consentPersonalAt: fc.constantFrom('', '2026-11-20T09:00:00.000Z'),
      consentHealth: fc.boolean(),
      consentGuardian: fc.boolean(),
    });
    const context = { textVersion: PRIVACY_NOTICE_VERSION, locale: 'zh-CN' as const, now: () => new Date(), required: new Set<never>() };

    it('arbitrary Unicode in any field never throws', () => {
      fc.assert(
        fc.property(values, fc.constantFrom('zh-CN', 'zh-TW', 'en'), (v, locale) => {
          const result = checkNeed(v, { ...context, locale });
          expect(result.ok || result.problems.size > 0).to.equal(true);
          sanitizeNeedValues(v, v.consentPersonal ? PRIVACY_NOTICE_VERSION : null);
        }),
        { numRuns: 500 },
      );
    });

    it('a payload never holds health fields without health consent', () => {
      fc.assert(
        fc.property(values, (v) => {
          const candidate = needCandidate(v, context);
          if (!v.consentHealth || !v.consentPersonal) expect(candidate).not.to.have.property('health');
          const result = checkNeed(v, context);
          if (result.ok) {
            const draft: NeedDraft = result.draft;
            expect(draft.health === undefined || draft.consent.health).to.equal(true);
            expect(draft.consent.personalInfo).to.equal(true);
          }
          const kept = sanitizeNeedValues(v, v.consentPersonal ? PRIVACY_NOTICE_VERSION : null);
          if (!v.consentHealth || !v.consentPersonal) expect(kept.healthConditions + kept.healthMobility).to.equal('');
          if (!v.consentPersonal) expect(kept.contactName + kept.contactPhone + kept.contactAddress).to.equal('');
        }),
        { numRuns: 1000 },
      );
    });

    it('arbitrary Unicode typed into the rendered form never throws or renders markup', async () => {
      const el = await needForm();
      await tick(el, 'consentHealth');
      const errors: unknown[] = [];
      const onError = (e: ErrorEvent): void => void errors.push(e.error);
      window.addEventListener('error', onError);
      try {
        await fc.assert(
          fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('title', 'description', 'contactPhone', 'beneficiaries', 'healthConditions'), async (s, field) => {
            await typeInto(el, field, s);
            await submit(el);
            expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
          }),
          { numRuns: 60 },
        );
      } finally {
        window.removeEventListener('error', onError);
      }
      expect(errors).to.deep.equal([]);
    });

    it('valid values always produce a payload the outbox accepts', () => {
      const base: NeedFormValues = {
        ...emptyNeedValues(),
        consentPersonal: true,
        categoryCode: 'elderly.meals',
        audiences: ['elderly'],
        areaCode: NEED_AREA,
        contactPhone: '13812345678',
      };
      const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c));
      const printable = fc
        .string({ unit: fc.oneof(cjk, fc.constantFrom('a', 'Z', ' ', '·', '路', '号', '😀')), minLength: 2, maxLength: 25 })
        .filter((s) => [...s.trim()].length >= 2);
      fc.assert(
        fc.property(printable, printable, printable, (title, name, address) => {
          const result = checkNeed({ ...base, title, contactName: name, contactAddress: address }, context);
          expect(result.ok, JSON.stringify(result.ok ? null : [...result.problems])).to.equal(true);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('standing alone over the REST API (msw mock server)', () => {
    const BASE = '/need-form-api';
    const mock = createMockWorker({ baseUrl: BASE, dataset: emptyDataset() });
    before(() => mock.start());
    after(() => mock.stop());
    beforeEach(() => {
      mock.reset(emptyDataset());
    });

    const standalone = async (storage: string): Promise<RlNeedForm> => {
      const el = await fixture<RlNeedForm>(html`<rl-need-form api=${BASE} storage-name=${storage}></rl-need-form>`);
      await waitUntil(() => areaPicker(el).shadowRoot?.querySelector('select'), 'areas did not load', { timeout: 5000 });
      return el;
    };
    const serverNeeds = async (): Promise<string[]> => (await mock.engine.listNeeds({ limit: 200 })).items.map((n) => n.title);

    it('after a reload offline, says how many needs wait; online, sends exactly one', async () => {
      const storage = freshStorage('need-offline-reload');
      // the page was loaded with signal (areas cached); then the grid worker walks into a stairwell
      const first = await standalone(storage);
      mock.faults.offline = true;
      await fillValid(first);
      setTimeout(() => submitButton(first).click());
      const queued = await oneEvent<RlNeedSubmittedEvent>(first, 'rl-need-submitted');
      expect(queued.detail.queued).to.equal(true);
      await first.updateComplete;
      expect(outcome(first)).to.contain('联网后自动发送');
      first.remove();

      // reload, still offline: the areas come from the cache and the unsent need is announced
      const second = await standalone(storage);
      await waitUntil(() => text(second).includes('有 1 条需求已保存在本机'), 'pending need not shown after reload');
      expect(await serverNeeds()).to.deep.equal([]);

      mock.faults.offline = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(async () => (await serverNeeds()).length === 1, 'not sent after coming online', { timeout: 8000 });
      await waitUntil(() => !text(second).includes('尚未发送'), 'pending notice stayed');
      window.dispatchEvent(new Event('online'));
      await new Promise((r) => setTimeout(r, 300));
      expect(await serverNeeds()).to.deep.equal(['独居老人需要每天送午饭']);
      const committed = mock.requests.filter((r) => r.method === 'POST' && r.path === '/needs' && r.outcome === 'ok');
      expect(committed).to.have.length(1);
      expect(committed[0]!.idempotencyKey).to.equal(queued.detail.id);
    });
  });

  it('says so when there are no areas to choose from', async () => {
    const el = await fixture<RlNeedForm>(html`<rl-need-form
      storage-name=${freshStorage('need-empty')}
      .adapter=${createMemoryAdapter({ ...emptyDataset(), areas: [] })}
    ></rl-need-form>`);
    await waitUntil(() => text(areaPicker(el)).includes('暂无'), 'no empty message');
    await expect(el).to.be.accessible();
  });
});

describeSubmitForm<RlNeedForm>({
  tag: 'rl-need-form',
  kind: 'need',
  event: 'rl-need-submitted',
  fillValid: async (el) => {
    await fillValid(el);
    // the health fields are text fields too: open them, with their consent
    await tick(el, 'consentHealth');
    await typeInto(el, 'healthConditions', '高血压');
    await choose(el, 'healthMobility', 'assisted');
  },
  title: '独居老人需要每天送午饭',
  textFields: {
    title: { max: 60, read: (d) => d.title },
    description: { max: 2000, read: (d) => d.description },
    preferredTime: { max: 60, read: (d) => ('preferredTime' in d ? d.preferredTime : undefined) },
    contactName: { max: 30, read: (d) => d.contact.name },
    contactAddress: { max: 120, read: (d) => ('address' in d.contact ? d.contact.address : undefined) },
    healthConditions: { max: 500, read: (d) => ('health' in d ? d.health?.conditions : undefined) },
  },
  sentWords: '需求已提交',
  queuedWords: '联网后自动发送',
  refusedWords: '没有被受理',
});
