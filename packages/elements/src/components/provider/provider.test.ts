import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ContextConsumer } from '@lit/context';
import { LitElement } from 'lit';
import { createMemoryAdapter } from '@renling/core';
import './provider.js';
import '../project-card/project-card.js';
import type { RlProvider } from './provider.js';
import type { RlProjectCard } from '../project-card/project-card.js';
import { servicesContext, type RenlingServices } from '../../context/services.js';
import { defineElement } from '../../base/define.js';
import { RlElement } from '../../base/rl-element.js';
import { VERSION } from '../../base/version.js';
import { TOKENS, themeDeclarations } from '../../styles/tokens.js';
import { currentLocale, resolveLocale, useLocale } from '../../localization/localization.js';

/** A bare consumer, to see exactly what the provider hands down. */
class ServicesProbe extends LitElement {
  consumer = new ContextConsumer(this, { context: servicesContext, subscribe: true });
  get services(): RenlingServices | undefined {
    return this.consumer.value;
  }
}
customElements.define('rl-test-services-probe', ServicesProbe);

const empty = { areas: [], organizations: [], offers: [], needs: [], projects: [] };

describe('rl-provider', () => {
  afterEach(async () => {
    await useLocale('zh-CN');
  });

  it('is accessible and renders no box of its own', async () => {
    const el = await fixture<RlProvider>(html`<rl-provider><p>内容</p></rl-provider>`);
    await expect(el).to.be.accessible();
    expect(getComputedStyle(el).display).to.equal('contents');
  });

  it('hands its adapter, locale and theme to descendants, and updates them', async () => {
    const adapter = createMemoryAdapter(empty);
    const el = await fixture<RlProvider>(html`<rl-provider .adapter=${adapter} locale="zh-TW" theme="elder">
      <div><rl-test-services-probe></rl-test-services-probe></div>
    </rl-provider>`);
    const probe = el.querySelector<ServicesProbe>('rl-test-services-probe')!;
    expect(probe.services?.adapter).to.equal(adapter);
    expect(probe.services?.locale).to.equal('zh-TW');
    expect(probe.services?.theme).to.equal('elder');
    el.theme = 'dark';
    el.locale = 'en';
    await el.updateComplete;
    expect(probe.services?.theme).to.equal('dark');
    expect(probe.services?.locale).to.equal('en');
    expect(currentLocale()).to.equal('en');
  });

  it('reads the viewer from its attribute, hands it down, and lets an actor-aware adapter act as that person', async () => {
    const asked: unknown[] = [];
    const base = createMemoryAdapter(empty);
    const view = createMemoryAdapter(empty);
    const adapter = Object.assign(Object.create(base) as typeof base, {
      withActor(actor: unknown) {
        asked.push(actor);
        return view;
      },
    });
    const el = await fixture<RlProvider>(html`<rl-provider .adapter=${adapter} viewer="organization:org-0007:阳光社工">
      <rl-test-services-probe></rl-test-services-probe>
    </rl-provider>`);
    const probe = el.querySelector<ServicesProbe>('rl-test-services-probe')!;
    expect(probe.services?.viewer).to.deep.equal({ role: 'organization', id: 'org-0007', name: '阳光社工' });
    expect(probe.services?.adapter).to.equal(view);
    expect(asked).to.deep.equal([{ role: 'organization', id: 'org-0007', name: '阳光社工' }]);
    el.viewer = null;
    await el.updateComplete;
    expect(probe.services?.viewer).to.equal(null);
    expect(probe.services?.adapter).to.equal(adapter);
  });

  it('ignores a viewer attribute that is not role:id, with a warning', async () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      const el = await fixture<RlProvider>(html`<rl-provider viewer="mayor:x y"><rl-test-services-probe></rl-test-services-probe></rl-provider>`);
      expect(el.viewer).to.equal(null);
      expect(String(warnings[0])).to.contain('viewer="mayor:x y"');
    } finally {
      console.warn = warn;
    }
  });

  it('sets every --rl-* token of its theme for what it holds', async () => {
    const el = await fixture<RlProvider>(html`<rl-provider theme="dark"><div id="inside"></div></rl-provider>`);
    const inside = el.querySelector('#inside')!;
    for (const t of TOKENS) {
      expect(getComputedStyle(inside).getPropertyValue(`--rl-${t.name}`).trim(), t.name).to.equal(t.dark);
    }
  });

  it('makes the elder theme at least 1.25 times larger with large targets', async () => {
    const el = await fixture<RlProvider>(html`<rl-provider theme="elder">
      <rl-project-card .offer=${null}></rl-project-card>
    </rl-provider>`);
    const card = el.querySelector<RlProjectCard>('rl-project-card')!;
    await card.updateComplete;
    expect(Number.parseFloat(getComputedStyle(card).fontSize)).to.be.at.least(16 * 1.25);
    expect(themeDeclarations('elder')).to.contain('--rl-target-size: 56px');
  });

  it('leaves the page’s own content in its own styles', async () => {
    const el = await fixture<RlProvider>(html`<div style="color: rgb(0, 128, 0); font-size: 13px">
      <rl-provider theme="elder"><p id="page-text">页面自己的文字</p></rl-provider>
    </div>`);
    const p = el.querySelector('#page-text')!;
    expect(getComputedStyle(p).color).to.equal('rgb(0, 128, 0)');
    expect(getComputedStyle(p).fontSize).to.equal('13px');
  });
});

describe('rl-provider data services', () => {
  it('defaults to the local IndexedDB adapter with an outbox, and says storage is ok', async () => {
    const el = await fixture<RlProvider>(html`<rl-provider storage-name="renling-test-provider-${Date.now()}">
      <rl-test-services-probe></rl-test-services-probe>
    </rl-provider>`);
    const probe = el.querySelector<ServicesProbe>('rl-test-services-probe')!;
    expect(probe.services?.adapter).to.equal(el.dataAdapter);
    expect(probe.services?.outbox).to.equal(el.submissions);
    expect(probe.services?.storageState).to.equal('ok');
    expect((await el.dataAdapter!.listAreas()).length).to.equal(0);
  });

  it('shows memory mode when the browser has no IndexedDB, and still accepts submissions', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    try {
      const states: string[] = [];
      const holder = document.createElement('div');
      holder.addEventListener('rl-storage-state', (e) => states.push((e as CustomEvent<{ state: string }>).detail.state));
      const el = await fixture<RlProvider>(html`<rl-provider storage-name="renling-test-no-idb">
        <rl-test-services-probe></rl-test-services-probe>
      </rl-provider>`, { parentNode: holder });
      const probe = el.querySelector<ServicesProbe>('rl-test-services-probe')!;
      expect(probe.services?.storageState).to.equal('memory');
      expect(states).to.include('memory');
      expect(el.submissions).not.to.equal(null);
    } finally {
      if (original) Object.defineProperty(window, 'indexedDB', original);
      else Reflect.deleteProperty(window, 'indexedDB');
    }
    expect(window.indexedDB).not.to.equal(undefined);
  });
});

describe('locale resolution', () => {
  it('maps page language tags to the supported locales', () => {
    expect(resolveLocale('zh-CN')).to.equal('zh-CN');
    expect(resolveLocale('zh')).to.equal('zh-CN');
    expect(resolveLocale('zh-Hans-CN')).to.equal('zh-CN');
    expect(resolveLocale('zh-TW')).to.equal('zh-TW');
    expect(resolveLocale('zh-HK')).to.equal('zh-TW');
    expect(resolveLocale('zh-Hant')).to.equal('zh-TW');
    expect(resolveLocale('en-US')).to.equal('en');
    expect(resolveLocale('')).to.equal('zh-CN');
    expect(resolveLocale(null)).to.equal('zh-CN');
    expect(resolveLocale('fr')).to.equal('zh-CN');
  });
});

describe('defineElement', () => {
  it('skips a tag already defined, silently for the same version', () => {
    class First extends RlElement {}
    class Second extends RlElement {}
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      defineElement('rl-test-same', First);
      expect(() => defineElement('rl-test-same', Second)).not.to.throw();
      expect(customElements.get('rl-test-same')).to.equal(First);
      expect(warnings).to.have.length(0);
    } finally {
      console.warn = original;
    }
  });

  it('warns once when another version holds the tag', () => {
    class Old extends HTMLElement {
      static readonly rlVersion = '0.0.1';
    }
    class Ours extends RlElement {}
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    try {
      customElements.define('rl-test-other', Old);
      defineElement('rl-test-other', Ours);
      expect(customElements.get('rl-test-other')).to.equal(Old);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('0.0.1').and.contain(VERSION);
    } finally {
      console.warn = original;
    }
  });
});

describe('page language without a provider', () => {
  it('follows <html lang> changes', async () => {
    await useLocale(null);
    const before = document.documentElement.lang;
    document.documentElement.lang = 'zh-TW';
    await waitUntil(() => currentLocale() === 'zh-TW', 'locale did not follow lang');
    document.documentElement.lang = before;
    await waitUntil(() => currentLocale() === resolveLocale(before), 'locale did not return');
  });
});
