import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './search-combobox.js';
import type { RlSearchCombobox } from './search-combobox.js';
import { THEMES } from '../../styles/tokens.js';
import { useLocale } from '../../localization/localization.js';

const SUGGESTIONS = ['养老服务中心', '养老院', '居家养老', '养老顾问'];

interface Recorded {
  el: RlSearchCombobox;
  input: HTMLInputElement;
  inputs: string[];
  changes: string[];
}

/** The page behind the field: a dark theme is meant for a dark page. */
const PAGE: Record<string, string> = { light: '#ffffff', dark: '#1c1f24', elder: '#ffffff' };

async function combobox(suggestions: readonly string[] = SUGGESTIONS, theme = 'light'): Promise<Recorded> {
  const page = await fixture<HTMLDivElement>(
    html`<div style="background: ${PAGE[theme]}; padding: 8px">
      <rl-search-combobox label="搜索社会组织" hint="可以输入拼音" theme=${theme} .suggestions=${suggestions}></rl-search-combobox>
    </div>`,
  );
  const el = page.querySelector('rl-search-combobox')!;
  await el.updateComplete;
  const input = el.shadowRoot!.querySelector('input')!;
  const rec: Recorded = { el, input, inputs: [], changes: [] };
  el.addEventListener('input', () => rec.inputs.push(el.value));
  el.addEventListener('change', () => rec.changes.push(el.value));
  return rec;
}

const listbox = (el: RlSearchCombobox): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!;
const options = (el: RlSearchCombobox): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const activeText = (r: Recorded): string | null => {
  const id = r.input.getAttribute('aria-activedescendant');
  return id ? (r.el.shadowRoot!.getElementById(id)?.textContent?.trim() ?? null) : null;
};

/** Types into the real field and waits for the element to render. */
async function type(r: Recorded, text: string): Promise<void> {
  r.input.focus();
  await sendKeys({ type: text });
  await r.el.updateComplete;
}

async function press(r: Recorded, key: string): Promise<void> {
  await sendKeys({ press: key });
  await r.el.updateComplete;
}

describe('rl-search-combobox', () => {
  before(async () => {
    await useLocale('zh-CN');
  });

  describe('accessibility', () => {
    for (const theme of THEMES) {
      it(`is accessible closed and open (${theme})`, async () => {
        const r = await combobox(SUGGESTIONS, theme);
        await expect(r.el).to.be.accessible();
        await type(r, 'yl');
        await press(r, 'ArrowDown');
        expect(listbox(r.el).hidden).to.equal(false);
        await expect(r.el).to.be.accessible();
      });
    }

    it('has the ARIA 1.2 combobox wiring: a labelled combobox controlling a listbox', async () => {
      const r = await combobox();
      expect(r.input.getAttribute('role')).to.equal('combobox');
      expect(r.input.getAttribute('aria-autocomplete')).to.equal('list');
      expect(r.input.getAttribute('aria-expanded')).to.equal('false');
      expect(r.input.getAttribute('aria-controls')).to.equal(listbox(r.el).id);
      expect(r.input.labels?.[0]?.textContent).to.contain('搜索社会组织');
      expect(r.el.shadowRoot!.getElementById(r.input.getAttribute('aria-describedby')!)?.textContent).to.contain('拼音');
    });
  });

  describe('keyboard', () => {
    it('opens on typing and moves through the suggestions with ↓ and ↑, wrapping', async () => {
      const r = await combobox();
      await type(r, 'yl');
      expect(r.input.getAttribute('aria-expanded')).to.equal('true');
      expect(r.input.hasAttribute('aria-activedescendant')).to.equal(false);
      await press(r, 'ArrowDown');
      expect(activeText(r)).to.equal('养老服务中心');
      await press(r, 'ArrowDown');
      expect(activeText(r)).to.equal('养老院');
      await press(r, 'ArrowUp');
      await press(r, 'ArrowUp');
      expect(activeText(r)).to.equal('养老顾问');
      await press(r, 'ArrowDown');
      expect(activeText(r)).to.equal('养老服务中心');
      expect(options(r.el).filter((o) => o.getAttribute('aria-selected') === 'true').length).to.equal(1);
      // focus never leaves the field
      expect(r.el.shadowRoot!.activeElement).to.equal(r.input);
    });

    it('opens a closed list with ↓ on the first and ↑ on the last suggestion; Alt+↓ opens without choosing', async () => {
      const r = await combobox();
      r.input.focus();
      await press(r, 'ArrowDown');
      expect(activeText(r)).to.equal('养老服务中心');
      await press(r, 'Escape');
      await press(r, 'ArrowUp');
      expect(activeText(r)).to.equal('养老顾问');
      await press(r, 'Escape');
      await sendKeys({ down: 'Alt' });
      await press(r, 'ArrowDown');
      await sendKeys({ up: 'Alt' });
      expect(r.input.getAttribute('aria-expanded')).to.equal('true');
      expect(activeText(r)).to.equal(null);
    });

    it('Enter takes the active suggestion: the field shows it, the list closes, input and change fire', async () => {
      const r = await combobox();
      await type(r, 'yl');
      await press(r, 'ArrowDown');
      await press(r, 'ArrowDown');
      await press(r, 'Enter');
      expect(r.el.value).to.equal('养老院');
      expect(r.input.value).to.equal('养老院');
      expect(r.input.getAttribute('aria-expanded')).to.equal('false');
      expect(r.inputs.at(-1)).to.equal('养老院');
      expect(r.changes).to.deep.equal(['养老院']);
    });

    it('Enter with no active suggestion submits the text as typed', async () => {
      const r = await combobox();
      await type(r, 'yanglao');
      await press(r, 'Enter');
      expect(r.changes).to.deep.equal(['yanglao']);
      expect(r.input.getAttribute('aria-expanded')).to.equal('false');
    });

    it('Home and End return to the text (caret to the start or end) and leave the suggestion unchosen', async () => {
      const r = await combobox();
      await type(r, 'yl');
      await press(r, 'ArrowDown');
      await press(r, 'Home');
      expect(activeText(r)).to.equal(null);
      expect(r.input.selectionStart).to.equal(0);
      await press(r, 'End');
      expect(r.input.selectionStart).to.equal(2);
      expect(r.el.value).to.equal('yl');
      expect(r.changes).to.deep.equal([]);
    });

    it('Esc closes the list first, then clears the text', async () => {
      const r = await combobox();
      await type(r, 'yl');
      await press(r, 'ArrowDown');
      await press(r, 'Escape');
      expect(r.input.getAttribute('aria-expanded')).to.equal('false');
      expect(r.el.value).to.equal('yl');
      await press(r, 'Escape');
      expect(r.el.value).to.equal('');
      expect(r.changes).to.deep.equal(['']);
    });

    it('Tab takes the active suggestion and moves focus on', async () => {
      const r = await combobox();
      await type(r, 'yl');
      await press(r, 'ArrowDown');
      await press(r, 'Tab');
      expect(r.el.value).to.equal('养老服务中心');
      expect(r.changes).to.deep.equal(['养老服务中心']);
      expect(r.input.getAttribute('aria-expanded')).to.equal('false');
      // the next stop is the clear button
      expect(r.el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('clear-button');
    });

    it('Tab with no active suggestion just closes the list', async () => {
      const r = await combobox();
      await type(r, 'yl');
      await press(r, 'Tab');
      expect(r.el.value).to.equal('yl');
      expect(r.changes).to.deep.equal([]);
      expect(r.input.getAttribute('aria-expanded')).to.equal('false');
    });

    it('a click on a suggestion takes it and keeps focus in the field', async () => {
      const r = await combobox();
      await type(r, 'yl');
      options(r.el)[2]!.click();
      await r.el.updateComplete;
      expect(r.el.value).to.equal('居家养老');
      expect(r.el.shadowRoot!.activeElement).to.equal(r.input);
    });

    it('the clear button empties the field and says so', async () => {
      const r = await combobox();
      await type(r, 'yl');
      const clear = r.el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="clear-button"]')!;
      expect(clear.getAttribute('aria-label')).to.contain('清除');
      clear.click();
      await r.el.updateComplete;
      expect(r.el.value).to.equal('');
      expect(r.changes).to.deep.equal(['']);
    });

    it('new suggestions reset the active one', async () => {
      const r = await combobox();
      await type(r, 'yl');
      await press(r, 'ArrowDown');
      r.el.suggestions = ['法律援助'];
      await r.el.updateComplete;
      expect(activeText(r)).to.equal(null);
    });
  });

  describe('input methods (IME)', () => {
    /** A keydown as an IME sends it while composing. */
    const composingKey = (key: string): KeyboardEvent =>
      new KeyboardEvent('keydown', { key, isComposing: true, keyCode: 229, bubbles: true, composed: true, cancelable: true });

    it('Enter while composing selects nothing and submits nothing', async () => {
      const r = await combobox();
      await type(r, 'yl');
      await press(r, 'ArrowDown');
      r.input.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
      const enter = composingKey('Enter');
      r.input.dispatchEvent(enter);
      r.input.dispatchEvent(composingKey('ArrowDown'));
      r.input.dispatchEvent(composingKey('Escape'));
      await r.el.updateComplete;
      expect(enter.defaultPrevented).to.equal(false);
      expect(r.el.value).to.equal('yl');
      expect(r.changes).to.deep.equal([]);
      expect(activeText(r)).to.equal('养老服务中心');
    });

    it('text being composed (yang lao) is not searched; the committed 养老 is, once', async () => {
      const r = await combobox();
      r.input.focus();
      r.input.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
      for (const step of ['y', 'yang', 'yang l', 'yang lao']) {
        r.input.value = step;
        r.input.dispatchEvent(new InputEvent('input', { data: step, isComposing: true, inputType: 'insertCompositionText', bubbles: true, composed: true }));
      }
      await r.el.updateComplete;
      expect(r.inputs).to.deep.equal([]);
      // a re-render while composing must not write over the IME's text
      r.el.suggestions = ['阳光'];
      await r.el.updateComplete;
      expect(r.input.value).to.equal('yang lao');
      r.input.value = '养老';
      r.input.dispatchEvent(new InputEvent('input', { data: '养老', isComposing: true, inputType: 'insertCompositionText', bubbles: true, composed: true }));
      r.input.dispatchEvent(new CompositionEvent('compositionend', { data: '养老' }));
      await r.el.updateComplete;
      expect(r.inputs).to.deep.equal(['养老']);
      expect(r.el.value).to.equal('养老');
      // after composition, Enter works again
      await press(r, 'Enter');
      expect(r.changes).to.deep.equal(['养老']);
    });

    it('ignores the keyCode 229 Enter Safari sends after compositionend', async () => {
      const r = await combobox();
      await type(r, 'yl');
      const enter = new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, composed: true, cancelable: true });
      r.input.dispatchEvent(enter);
      await r.el.updateComplete;
      expect(r.changes).to.deep.equal([]);
    });

    it('the field\'s own input events do not leak out while composing', async () => {
      const r = await combobox();
      let outside = 0;
      const listener = (): void => void outside++;
      document.addEventListener('input', listener);
      r.input.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
      r.input.value = 'ya';
      r.input.dispatchEvent(new InputEvent('input', { data: 'ya', isComposing: true, bubbles: true, composed: true }));
      document.removeEventListener('input', listener);
      expect(outside).to.equal(0);
    });
  });

  describe('untrusted text', () => {
    it('shows suggestions holding markup as text', async () => {
      const r = await combobox(['<img src=x onerror="window.__xss=1">', '<b>养老</b>']);
      await type(r, '<');
      expect(r.el.shadowRoot!.querySelector('img, b')).to.equal(null);
      expect(options(r.el)[0]!.textContent?.trim()).to.equal('<img src=x onerror="window.__xss=1">');
      expect((window as { __xss?: number }).__xss).to.equal(undefined);
    });
  });
});
