import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createMemoryAdapter, demoStreetAreas, type Area, type DataAdapter } from '@renling/core';
import '../provider/provider.js';
import './area-picker.js';
import type { RlAreaPicker } from './area-picker.js';
import type { RlProvider } from '../provider/provider.js';
import { THEMES } from '../../styles/tokens.js';
import { useLocale } from '../../localization/localization.js';
import { XSS_CORPUS } from '../../../test/fixtures.js';
import { chooseArea, emptyDataset, surface } from '../../../test/form-helpers.js';

const areas = demoStreetAreas();
const select = (el: RlAreaPicker, depth: number): HTMLSelectElement | null => el.shadowRoot!.querySelector(`#level-${depth}`);
const loaded = (el: RlAreaPicker): Promise<unknown> =>
  waitUntil(() => select(el, 0), 'areas did not load', { timeout: 5000 });

async function picker(attrs = '', value = ''): Promise<RlAreaPicker> {
  const el = await fixture<RlAreaPicker>(html`<rl-area-picker label="所在地区" .areas=${areas} value=${value}></rl-area-picker>`);
  for (const attr of attrs.split(' ').filter(Boolean)) {
    const [name = '', v = ''] = attr.split('=');
    el.setAttribute(name, v);
  }
  await el.updateComplete;
  await loaded(el);
  return el;
}

/** Never answers: the loading state, held. */
const pending: DataAdapter = { ...createMemoryAdapter(emptyDataset()), listAreas: () => new Promise<Area[]>(() => undefined) };

describe('rl-area-picker', () => {
  before(async () => {
    await useLocale('zh-CN');
  });

  describe('accessibility', () => {
    for (const theme of THEMES) {
      it(`loading, chosen, with an error, several chosen (${theme})`, async () => {
        const page = await fixture<HTMLDivElement>(html`<div style="background: ${surface(theme)}; padding: 8px">
          <rl-area-picker label="所在地区" theme=${theme} .adapter=${pending}></rl-area-picker>
          <rl-area-picker label="需要服务的社区" theme=${theme} min-level="community" .areas=${areas} value="310105001003"></rl-area-picker>
          <rl-area-picker label="服务地区" theme=${theme} multiple .areas=${areas} value="310105001001 310105001002"></rl-area-picker>
        </div>`);
        const [loading, single, multiple] = [...page.querySelectorAll<RlAreaPicker>('rl-area-picker')] as [RlAreaPicker, RlAreaPicker, RlAreaPicker];
        expect(loading.shadowRoot!.textContent).to.contain('正在加载');
        await loaded(single);
        await loaded(multiple);
        await expect(page).to.be.accessible();
        single.error = '请选到社区或网格';
        await single.updateComplete;
        await expect(page).to.be.accessible();
      });
    }
  });

  it('shows single-choice levels as text and asks from the first real choice down', async () => {
    const el = await picker();
    expect(el.shadowRoot!.querySelector('.fixed')?.textContent).to.contain('长宁区 华阳路街道');
    expect(select(el, 0)?.labels[0]?.textContent).to.contain('社区');
    expect(select(el, 1)).to.equal(null);
    await chooseArea(el, '310105001002001');
    expect(el.value).to.equal('310105001002001');
    expect(select(el, 1)?.labels[0]?.textContent).to.contain('网格');
    // back up a level: the finer choice goes with it
    select(el, 0)!.value = '310105001004';
    select(el, 0)!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.value).to.equal('310105001004');
    expect(select(el, 1)!.value).to.equal('');
  });

  it('fires input and change when a person chooses, with the new value', async () => {
    const el = await picker();
    const seen: string[] = [];
    el.addEventListener('input', () => seen.push(`input:${el.value}`));
    el.addEventListener('change', () => seen.push(`change:${el.value}`));
    await chooseArea(el, '310105001001');
    expect(seen).to.deep.equal(['input:310105001001', 'change:310105001001']);
  });

  it('can be used with the keyboard alone', async () => {
    const el = await picker('min-level=community');
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(select(el, 0));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.value).to.equal('310105001002');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(select(el, 1));
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.value).to.equal('310105001002001');
  });

  it('loads the areas through the provider’s adapter', async () => {
    const provider = await fixture<RlProvider>(html`<rl-provider .adapter=${createMemoryAdapter(emptyDataset())}>
      <rl-area-picker label="地区"></rl-area-picker>
    </rl-provider>`);
    const el = provider.querySelector('rl-area-picker')!;
    await loaded(el);
    expect(select(el, 0)!.options.length).to.equal(12);
  });

  it('shows area names from the data as text', async () => {
    const hostile: Area[] = [
      ...areas.slice(0, 2),
      ...XSS_CORPUS.map((name, i) => ({ code: `310105001${String(i + 1).padStart(3, '0')}`, level: 'community' as const, name: name.slice(0, 40), parentCode: '310105001' })),
    ];
    const el = await fixture<RlAreaPicker>(html`<rl-area-picker label="地区" .areas=${hostile}></rl-area-picker>`);
    await loaded(el);
    expect(el.shadowRoot!.querySelector('img, script, svg')).to.equal(null);
    expect([...select(el, 0)!.options].map((o) => o.textContent?.trim()).slice(2)).to.deep.equal(XSS_CORPUS.map((n) => n.slice(0, 40)));
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
  });

  describe('validity', () => {
    it('requires a value when required, and one fine enough for min-level', async () => {
      const el = await picker('required min-level=community');
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.contain('请选择所在地区');
      el.value = '310105001';
      await el.updateComplete;
      expect(el.validity.customError).to.equal(true);
      expect(el.validationMessage).to.contain('请选到社区或网格');
      await chooseArea(el, '310105001003');
      expect(el.checkValidity()).to.equal(true);
    });

    it('refuses a code the area list does not have', async () => {
      const el = await picker('', '310105001099');
      expect(el.validity.customError).to.equal(true);
    });
  });

  it('offers the whole fixed street as an answer when min-level allows it', async () => {
    const el = await picker('min-level=street');
    const options = [...select(el, 0)!.options];
    expect(options[1]?.value).to.equal('310105001');
    expect(options[1]?.textContent).to.contain('整个华阳路街道');
    select(el, 0)!.value = '310105001';
    select(el, 0)!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.value).to.equal('310105001');
    expect(el.checkValidity()).to.equal(true);
    expect(select(el, 1)).to.equal(null);
    const community = await picker('min-level=community');
    expect([...select(community, 0)!.options].some((o) => o.value === '310105001')).to.equal(false);
  });

  describe('several areas (multiple)', () => {
    it('adds the chosen area (or the whole street when nothing finer is chosen) and removes them', async () => {
      const el = await picker('multiple');
      const add = (): HTMLButtonElement => el.shadowRoot!.querySelector<HTMLButtonElement>('.add')!;
      expect(add().disabled).to.equal(true);
      await chooseArea(el, '310105001001');
      expect(add().textContent).to.contain('飞乐居委会');
      add().click();
      await el.updateComplete;
      await chooseArea(el, '310105001002');
      add().click();
      await el.updateComplete;
      expect(el.values).to.deep.equal(['310105001001', '310105001002']);
      expect(select(el, 0)!.value).to.equal('');
      const remove = el.shadowRoot!.querySelector<HTMLButtonElement>('.chip .button')!;
      expect(remove.getAttribute('aria-label')).to.contain('飞乐居委会');
      remove.click();
      await el.updateComplete;
      expect(el.values).to.deep.equal(['310105001002']);
    });
  });

  describe('in a plain HTML form', () => {
    it('submits its value, blocks an empty required submit, and resets to the value attribute', async () => {
      const form = await fixture<HTMLFormElement>(html`<form>
        <rl-area-picker name="area" label="所在地区" required min-level="community" .areas=${areas} value="310105001001"></rl-area-picker>
        <rl-area-picker name="served" label="服务地区" multiple .areas=${areas} value="310105001001 310105001005"></rl-area-picker>
        <button>提交</button>
      </form>`);
      const [single, multiple] = [...form.querySelectorAll<RlAreaPicker>('rl-area-picker')] as [RlAreaPicker, RlAreaPicker];
      await loaded(single);
      await loaded(multiple);
      const submits: FormData[] = [];
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submits.push(new FormData(form));
      });
      await chooseArea(single, '310105001007002');
      form.requestSubmit();
      expect(submits).to.have.length(1);
      expect(submits[0]!.get('area')).to.equal('310105001007002');
      expect(submits[0]!.getAll('served')).to.deep.equal(['310105001001', '310105001005']);

      single.value = '';
      await single.updateComplete;
      form.requestSubmit();
      expect(submits).to.have.length(1);
      await single.updateComplete;
      expect(single.shadowRoot!.querySelector('#error')?.textContent).to.contain('请选择所在地区');

      form.reset();
      await single.updateComplete;
      expect(single.value).to.equal('310105001001');
      expect(select(single, 0)!.value).to.equal('310105001001');
      expect(multiple.values).to.deep.equal(['310105001001', '310105001005']);
      form.requestSubmit();
      expect(submits).to.have.length(2);
    });

    it('restores a state the browser hands back, one code or several', async () => {
      const form = await fixture<HTMLFormElement>(html`<form>
        <rl-area-picker name="served" label="服务地区" multiple .areas=${areas}></rl-area-picker>
      </form>`);
      const el = form.querySelector<RlAreaPicker>('rl-area-picker')!;
      const state = new FormData();
      state.append('served', '310105001002');
      state.append('served', '310105001003');
      el.formStateRestoreCallback(state);
      await el.updateComplete;
      expect(new FormData(form).getAll('served')).to.deep.equal(['310105001002', '310105001003']);
    });
  });

  it('names areas in English for en', async () => {
    const el = await picker('', '310105001001');
    try {
      await useLocale('en');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('.fixed')?.textContent).to.contain('Changning District, Huayanglu Subdistrict');
      expect(select(el, 0)!.selectedOptions[0]?.textContent).to.contain('Feile');
    } finally {
      await useLocale('zh-CN');
    }
  });
});
