import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './category-picker.js';
import type { RlCategoryPicker } from './category-picker.js';
import { filterCategories } from './category-search.js';
import { THEMES } from '../../styles/tokens.js';
import { useLocale } from '../../localization/localization.js';
import { XSS_CORPUS } from '../../../test/fixtures.js';
import { surface } from '../../../test/form-helpers.js';

const input = (el: RlCategoryPicker): HTMLInputElement => el.shadowRoot!.querySelector('input')!;
const listbox = (el: RlCategoryPicker): HTMLElement => el.shadowRoot!.querySelector('[role="listbox"]')!;
const options = (el: RlCategoryPicker): string[] =>
  [...el.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.id.replace(/^option-/u, '').replaceAll('--', '.'));

async function search(el: RlCategoryPicker, query: string): Promise<void> {
  input(el).focus();
  input(el).value = query;
  input(el).dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: query }));
  await el.updateComplete;
}

describe('rl-category-picker', () => {
  before(async () => {
    await useLocale('zh-CN');
  });

  describe('accessibility', () => {
    for (const theme of THEMES) {
      it(`closed, open, with an error, nothing found (${theme})`, async () => {
        const page = await fixture<HTMLDivElement>(html`<div style="background: ${surface(theme)}; padding: 8px">
          <rl-category-picker label="服务类别" theme=${theme}></rl-category-picker>
        </div>`);
        const el = page.querySelector<RlCategoryPicker>('rl-category-picker')!;
        await expect(el).to.be.accessible();
        await search(el, '助餐');
        expect(listbox(el).hidden).to.equal(false);
        await expect(el).to.be.accessible();
        await search(el, '');
        await expect(el).to.be.accessible();
        el.error = '请选择服务类别';
        await search(el, '没有这种服务xyz');
        expect(el.shadowRoot!.textContent).to.contain('没有找到');
        await expect(el).to.be.accessible();
      });
    }

    it('follows the combobox pattern', async () => {
      const el = await fixture<RlCategoryPicker>(html`<rl-category-picker label="服务类别"></rl-category-picker>`);
      const box = input(el);
      expect(box.getAttribute('role')).to.equal('combobox');
      expect(box.getAttribute('aria-expanded')).to.equal('false');
      expect(box.getAttribute('aria-controls')).to.equal('listbox');
      await search(el, '法律');
      expect(box.getAttribute('aria-expanded')).to.equal('true');
      await sendKeys({ press: 'ArrowDown' });
      await el.updateComplete;
      const active = box.getAttribute('aria-activedescendant');
      expect(active).to.match(/^option-/u);
      expect(el.shadowRoot!.getElementById(active!)?.getAttribute('role')).to.equal('option');
    });
  });

  describe('searching', () => {
    it('matches labels in three locales, synonyms, codes, across width and case', () => {
      const codes = (q: string): string[] => filterCategories(q).flatMap((g) => g.items.map((i) => i.code));
      expect(codes('送饭')).to.include('elderly.meals');
      expect(codes('長照')).to.include('elderly.long-term-care');
      expect(codes('meals on wheels')).to.include('elderly.meals');
      expect(codes('ＭＥＡＬＳ')).to.include('elderly.meals');
      expect(codes('elderly.meals')).to.deep.equal(['elderly.meals']);
      // a top-level word keeps its whole group
      const group = filterCategories('为老').find((g) => g.top.code === 'elderly');
      expect(group?.topMatches).to.equal(true);
      expect(group?.items.length).to.be.greaterThan(3);
      expect(filterCategories('没有这种服务xyz')).to.deep.equal([]);
    });

    it('falls back to pinyin, initials and typos when nothing matches exactly', () => {
      const codes = (q: string): string[] => filterCategories(q).flatMap((g) => [...(g.topMatches ? [g.top.code] : []), ...g.items.map((i) => i.code)]);
      expect(codes('zhucan')).to.include('elderly.meals');
      expect(codes('yiliao')).to.satisfy((list: string[]) => list.some((c) => c.startsWith('health')));
      expect(codes('falv')).to.satisfy((list: string[]) => list.some((c) => c.startsWith('legal-aid')));
      // an exact match keeps the fuzzy picker out
      expect(codes('送饭')).to.deep.equal(['elderly.meals']);
    });

    it('shows both levels: the top category as its own choice, then its items', async () => {
      const el = await fixture<RlCategoryPicker>(html`<rl-category-picker label="服务类别"></rl-category-picker>`);
      await search(el, '为老');
      expect(options(el).slice(0, 3)).to.deep.equal(['elderly', 'elderly.home-care', 'elderly.day-care']);
      el.leafOnly = true;
      await el.updateComplete;
      expect(options(el)[0]).to.equal('elderly.home-care');
    });
  });

  describe('choosing', () => {
    it('by keyboard: type, arrow down, Enter; fires input and change once, not for keystrokes', async () => {
      const el = await fixture<RlCategoryPicker>(html`<rl-category-picker label="服务类别"></rl-category-picker>`);
      const seen: string[] = [];
      el.addEventListener('input', () => seen.push(`input:${el.value}`));
      el.addEventListener('change', () => seen.push(`change:${el.value}`));
      input(el).focus();
      await sendKeys({ type: '送饭' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.value).to.equal('elderly.meals');
      expect(seen).to.deep.equal(['input:elderly.meals', 'change:elderly.meals']);
      expect(input(el).value).to.equal('为老服务 · 老年助餐');
      expect(listbox(el).hidden).to.equal(true);
    });

    it('Escape closes the list, then gives back the chosen label', async () => {
      const el = await fixture<RlCategoryPicker>(html`<rl-category-picker label="服务类别" value="legal-aid"></rl-category-picker>`);
      await search(el, '助');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(listbox(el).hidden).to.equal(true);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(input(el).value).to.contain('法律');
      expect(el.value).to.equal('legal-aid');
    });

    it('leaving the box takes an exact label, clears on empty, and otherwise keeps the choice', async () => {
      const el = await fixture<RlCategoryPicker>(html`<rl-category-picker label="服务类别"></rl-category-picker>`);
      await search(el, '老年助餐');
      input(el).blur();
      await el.updateComplete;
      expect(el.value).to.equal('elderly.meals');
      await search(el, '助');
      input(el).blur();
      await el.updateComplete;
      expect(el.value).to.equal('elderly.meals');
      await search(el, '');
      input(el).blur();
      await el.updateComplete;
      expect(el.value).to.equal('');
    });

    it('can be chosen with the mouse, keeping focus in the box', async () => {
      const el = await fixture<RlCategoryPicker>(html`<rl-category-picker label="服务类别"></rl-category-picker>`);
      await search(el, '调解');
      const option = el.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!;
      setTimeout(() => option.click());
      await oneEvent(el, 'change');
      expect(el.value).to.match(/^mediation/u);
    });

    it('shows typed markup as text', async () => {
      const el = await fixture<RlCategoryPicker>(html`<rl-category-picker label="服务类别"></rl-category-picker>`);
      for (const bad of XSS_CORPUS) {
        await search(el, bad);
        expect(el.shadowRoot!.querySelector('img, script, svg')).to.equal(null);
        expect(input(el).value).to.equal(bad);
      }
      expect((window as { __xss?: number }).__xss).to.equal(undefined);
    });
  });

  describe('in a plain HTML form', () => {
    async function plainForm(): Promise<{ form: HTMLFormElement; picker: RlCategoryPicker; submits: FormData[] }> {
      const form = await fixture<HTMLFormElement>(html`<form>
        <label for="cat">需要的服务</label>
        <rl-category-picker id="cat" name="category" value="legal-aid" required></rl-category-picker>
        <button>提交</button>
      </form>`);
      const submits: FormData[] = [];
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submits.push(new FormData(form));
      });
      const picker = form.querySelector<RlCategoryPicker>('rl-category-picker')!;
      await picker.updateComplete;
      return { form, picker, submits };
    }

    it('is named by the page’s <label for>, submits its value and resets to the value attribute', async () => {
      const { form, picker, submits } = await plainForm();
      expect(input(picker).getAttribute('aria-label')).to.equal('需要的服务');
      await expect(form).to.be.accessible();
      expect(new FormData(form).get('category')).to.equal('legal-aid');
      await search(picker, '送饭');
      picker.shadowRoot!.querySelector<HTMLElement>('[role="option"]')!.click();
      await picker.updateComplete;
      form.requestSubmit();
      expect(submits.at(-1)?.get('category')).to.equal('elderly.meals');
      form.reset();
      await picker.updateComplete;
      expect(picker.value).to.equal('legal-aid');
      expect(new FormData(form).get('category')).to.equal('legal-aid');
      expect(input(picker).value).to.contain('法律');
    });

    it('blocks submission while required and empty, and says why', async () => {
      const { form, picker, submits } = await plainForm();
      picker.value = '';
      await picker.updateComplete;
      expect(picker.checkValidity()).to.equal(false);
      expect(picker.validity.valueMissing).to.equal(true);
      expect(picker.validationMessage).to.contain('请选择服务类别');
      form.requestSubmit();
      expect(submits).to.have.length(0);
      await picker.updateComplete;
      // the browser reported it invalid: its message shows inline too
      expect(picker.shadowRoot!.querySelector('#error')?.textContent).to.contain('请选择服务类别');
      expect(input(picker).getAttribute('aria-invalid')).to.equal('true');
    });

    it('refuses a code that is not in the taxonomy', async () => {
      const { picker } = await plainForm();
      picker.value = 'elderly.nonsense';
      await picker.updateComplete;
      expect(picker.validity.customError).to.equal(true);
      expect(picker.validationMessage).to.contain('没有这个服务类别');
    });

    it('is disabled by a disabled fieldset, and restores a state the browser hands back', async () => {
      const wrapper = await fixture<HTMLFormElement>(html`<form>
        <fieldset disabled><rl-category-picker name="c" label="类别"></rl-category-picker></fieldset>
      </form>`);
      const picker = wrapper.querySelector<RlCategoryPicker>('rl-category-picker')!;
      await picker.updateComplete;
      expect(input(picker).disabled).to.equal(true);
      expect(new FormData(wrapper).has('c')).to.equal(false);
      picker.formStateRestoreCallback('children-youth.after-school');
      await picker.updateComplete;
      expect(picker.value).to.equal('children-youth.after-school');
    });

    it('focuses its search box when focused or its label is clicked (delegatesFocus)', async () => {
      const { form, picker } = await plainForm();
      form.querySelector('label')!.click();
      expect(picker.shadowRoot!.activeElement).to.equal(input(picker));
      (document.activeElement as HTMLElement | null)?.blur();
      picker.focus();
      expect(picker.shadowRoot!.activeElement).to.equal(input(picker));
    });
  });

  it('speaks zh-TW and en', async () => {
    const el = await fixture<RlCategoryPicker>(html`<rl-category-picker value="elderly.meals" label="x"></rl-category-picker>`);
    try {
      await useLocale('en');
      await el.updateComplete;
      expect(input(el).value).to.equal('Elderly care · Meals for elders');
      await useLocale('zh-TW');
      await el.updateComplete;
      expect(input(el).value).to.equal('為老服務 · 長者送餐與共餐');
    } finally {
      await useLocale('zh-CN');
    }
  });
});
