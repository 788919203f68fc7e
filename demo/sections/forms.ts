/**
 * The portal's forms section: residents (or grid workers on their behalf)
 * submit a need, an organization publishes a service. Both forms sit under
 * the page's provider, so they use its local adapter and outbox; the
 * section's own texts follow the page's `lang`, the forms translate
 * themselves.
 */
import type { Locale, Organization } from '@renling/core';
import type { RlNeedForm, RlOfferForm } from '@renling/elements';

const TEXT: Record<Locale, { title: string; intro: string; as: (name: string) => string }> = {
  'zh-CN': {
    title: '我要提需求 · 我要发布服务',
    intro: '居民可以为自己或家人提出需求，网格员可以代居民登记；社会组织在这里发布服务。演示数据只保存在本浏览器中。',
    as: (name) => `演示：以“${name}”的身份发布。`,
  },
  'zh-TW': {
    title: '我要提需求 · 我要發布服務',
    intro: '居民可以為自己或家人提出需求，網格員可以代居民登記；社會組織在這裡發布服務。示範資料只保存在本瀏覽器中。',
    as: (name) => `示範：以「${name}」的身分發布。`,
  },
  en: {
    title: 'Ask for help · Offer a service',
    intro:
      'Residents ask for help for themselves or their family, and grid workers record requests for residents; organizations publish their services here. Demo data stays in this browser.',
    as: (name) => `Demo: publishing as “${name}”.`,
  },
};

const STYLE = `
  #forms .forms-intro { color: var(--page-muted, inherit); margin: -0.5rem 0 1rem; max-width: 48rem; }
  #forms .forms-grid { display: grid; gap: 1.5rem; align-items: start;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 32rem), 1fr)); }
  #forms .forms-note { margin: 0 0 0.5rem; font-size: 0.9rem; }
`;

const localeOf = (lang: string): Locale => (lang.startsWith('en') ? 'en' : /^zh-(?:tw|hk|mo|hant)/iu.test(lang) ? 'zh-TW' : 'zh-CN');

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

/** Fills `section` (an empty `<section id="forms">`) with the two forms. */
export function mountForms(section: HTMLElement, organization: Organization | undefined): { needForm: RlNeedForm; offerForm: RlOfferForm } {
  const style = element('style');
  style.textContent = STYLE;
  const title = element('h2', { id: 'forms-title' });
  const intro = element('p', { class: 'forms-intro' });
  const note = element('p', { class: 'forms-note' });
  const needForm = element('rl-need-form', { 'heading-level': '3', 'draft-key': 'portal' });
  const offerForm = element('rl-offer-form', { 'heading-level': '3', 'draft-key': 'portal', 'organization-id': organization?.id ?? '' });
  const needColumn = element('div');
  needColumn.append(needForm);
  const offerColumn = element('div');
  offerColumn.append(note, offerForm);
  const grid = element('div', { class: 'forms-grid' });
  grid.append(needColumn, offerColumn);
  section.setAttribute('aria-labelledby', 'forms-title');
  section.replaceChildren(style, title, intro, grid);

  const render = (): void => {
    const text = TEXT[localeOf(document.documentElement.lang)];
    title.textContent = text.title;
    intro.textContent = text.intro;
    note.textContent = organization ? text.as(organization.name) : '';
  };
  // the portal switches language by setting <html lang>; follow it without another hook in main.ts
  new MutationObserver(render).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  render();
  return { needForm, offerForm };
}
