import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import * as v from 'valibot';
import {
  AdapterError,
  OrganizationSchema,
  ProjectSchema,
  ServiceOfferSchema,
  createMemoryAdapter,
  type DataAdapter,
} from '@renling/core';
import '../provider/provider.js';
import './project-card.js';
import type { RlProjectCard } from './project-card.js';
import type { RlProvider } from '../provider/provider.js';
import { RlClaimRequestEvent } from '../../events/claim-request.js';
import { THEMES } from '../../styles/tokens.js';
import { useLocale } from '../../localization/localization.js';
import { XSS_CORPUS, area, fullOffer, offer, organization, pausedOffer, project } from '../../../test/fixtures.js';

const text = (el: RlProjectCard): string => el.shadowRoot?.textContent?.replace(/\s+/gu, ' ').trim() ?? '';
const part = (el: RlProjectCard, name: string): HTMLElement | null =>
  el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

async function settled(el: RlProjectCard): Promise<RlProjectCard> {
  // the data task runs after the first update; wait for the rendered outcome
  await waitUntil(() => !el.shadowRoot?.querySelector('[aria-busy="true"]'), 'card stayed loading', { timeout: 5000 });
  await el.updateComplete;
  return el;
}

async function projectCard(layout: 'full' | 'compact' = 'full', theme?: string): Promise<RlProjectCard> {
  const el = await fixture<RlProjectCard>(html`<rl-project-card
    .project=${project}
    .organization=${organization}
    .areas=${[area]}
    layout=${layout}
    theme=${theme ?? 'light'}
  ></rl-project-card>`);
  return settled(el);
}

async function offerCard(o = offer, theme = 'light'): Promise<RlProjectCard> {
  const el = await fixture<RlProjectCard>(html`<rl-project-card
    .offer=${o}
    .organization=${organization}
    .areas=${[area]}
    theme=${theme}
  ></rl-project-card>`);
  return settled(el);
}

/** An adapter whose calls never settle until released, to hold the loading state. */
function gatedAdapter(base: DataAdapter): { adapter: DataAdapter; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const adapter = new Proxy(base, {
    get(target, key) {
      // only the adapter's own methods are gated; Lit probes values for other keys
      if (typeof key !== 'string' || !(key in target)) return undefined;
      const fn = (target[key as keyof DataAdapter] as (...args: unknown[]) => Promise<unknown>).bind(target);
      return async (...args: unknown[]) => {
        await gate;
        return fn(...args);
      };
    },
  });
  return { adapter, release };
}

const dataset = { areas: [area], organizations: [organization], offers: [offer], needs: [], projects: [project] };

describe('rl-project-card', () => {
  before(async () => {
    await useLocale('zh-CN');
  });

  it('has fixtures that are valid records', () => {
    expect(v.safeParse(ProjectSchema, project).success).to.equal(true);
    expect(v.safeParse(OrganizationSchema, organization).success).to.equal(true);
    expect(v.safeParse(ServiceOfferSchema, offer).success).to.equal(true);
  });

  describe('accessibility in every state and theme', () => {
    for (const theme of THEMES) {
      it(`project, full and compact (${theme})`, async () => {
        await expect(await projectCard('full', theme)).to.be.accessible();
        await expect(await projectCard('compact', theme)).to.be.accessible();
      });
      it(`offer: open, full and paused (${theme})`, async () => {
        for (const o of [offer, fullOffer, pausedOffer]) await expect(await offerCard(o, theme)).to.be.accessible();
      });
      it(`loading, error and empty (${theme})`, async () => {
        const { adapter } = gatedAdapter(createMemoryAdapter(dataset));
        const loading = await fixture<RlProjectCard>(
          html`<rl-project-card theme=${theme} project-id="prj-1" .adapter=${adapter}></rl-project-card>`,
        );
        await expect(loading).to.be.accessible();
        const failing = await fixture<RlProjectCard>(
          html`<rl-project-card theme=${theme} project-id="nope" .adapter=${createMemoryAdapter(dataset)}></rl-project-card>`,
        );
        await settled(failing);
        await expect(failing).to.be.accessible();
        const empty = await fixture<RlProjectCard>(html`<rl-project-card theme=${theme}></rl-project-card>`);
        await expect(empty).to.be.accessible();
      });
    }
  });

  describe('project', () => {
    it('shows title, organization, grade, registration, category, funding, budget, period, area and satisfaction', async () => {
      const el = await projectCard();
      const t = text(el);
      for (const expected of ['乐龄守护计划', '长宁区乐龄社工服务中心', '5A', '民政登记', '为老', '政府购买服务', '飞乐居委会', '96%', '实施中']) {
        expect(t).to.contain(expected);
      }
      expect(t).to.match(/12\.5万/u);
      expect(t).to.match(/2026年3月1日/u);
      expect(part(el, 'title')?.getAttribute('role')).to.equal('heading');
      expect(part(el, 'title')?.getAttribute('aria-level')).to.equal('3');
    });

    it('draws beneficiaries served against planned as a labelled progress bar', async () => {
      const el = await projectCard();
      const bar = part(el, 'progress');
      expect(bar?.getAttribute('role')).to.equal('progressbar');
      expect(bar?.getAttribute('aria-valuenow')).to.equal('1200');
      expect(bar?.getAttribute('aria-valuemax')).to.equal('1500');
      expect(bar?.getAttribute('aria-valuetext')).to.contain('80%');
      const fill = part(el, 'progress-indicator');
      expect(fill?.style.inlineSize).to.equal('80%');
    });

    it('caps the bar at full when more were served than planned, and says so in text', async () => {
      const el = await fixture<RlProjectCard>(html`<rl-project-card
        .project=${{ ...project, beneficiaries: { served: 1800, planned: 1500 } }}
      ></rl-project-card>`);
      await settled(el);
      expect(part(el, 'progress-indicator')?.style.inlineSize).to.equal('100%');
      expect(part(el, 'progress')?.getAttribute('aria-valuetext')).to.contain('120%');
    });

    it('says when satisfaction has not been surveyed', async () => {
      const el = await fixture<RlProjectCard>(html`<rl-project-card .project=${{ ...project, satisfaction: null }}></rl-project-card>`);
      await settled(el);
      expect(text(el)).to.contain('暂未评价');
    });

    it('leaves out the summary and facts in the compact layout', async () => {
      const el = await projectCard('compact');
      expect(text(el)).not.to.contain('助餐送餐、上门探访');
      expect(part(el, 'facts')).to.equal(null);
      expect(part(el, 'progress')).not.to.equal(null);
    });

    it('links the title when given an href, and honours heading-level', async () => {
      const el = await fixture<RlProjectCard>(
        html`<rl-project-card .project=${project} href="/projects/prj-1" heading-level="2"></rl-project-card>`,
      );
      await settled(el);
      expect(part(el, 'title')?.querySelector('a')?.getAttribute('href')).to.equal('/projects/prj-1');
      expect(part(el, 'title')?.getAttribute('aria-level')).to.equal('2');
    });
  });

  describe('offer variant', () => {
    it('shows capacity left for the period, cost, modes and a count of service areas', async () => {
      const el = await offerCard();
      const t = text(el);
      expect(t).to.contain('本周剩余 3 个名额');
      expect(t).to.contain('补贴后');
      expect(t).to.contain('上门服务');
      expect(t).to.contain('等 5 处');
      const meter = part(el, 'progress');
      expect(meter?.getAttribute('role')).to.equal('meter');
      expect(meter?.getAttribute('aria-valuenow')).to.equal('3');
    });

    it('fires rl-claim-request with a typed detail when the book button is clicked', async () => {
      const el = await offerCard();
      const button = part(el, 'button') as HTMLButtonElement;
      setTimeout(() => button.click());
      const event = await oneEvent(el, 'rl-claim-request');
      expect(event).to.be.instanceOf(RlClaimRequestEvent);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({
        direction: 'offer-booking',
        offerId: 'off-1',
        needId: null,
        organizationId: 'org-1',
        categoryCode: 'elderly.meals',
      });
    });

    it('can be booked from the keyboard alone', async () => {
      const el = await offerCard();
      const seen: RlClaimRequestEvent[] = [];
      el.addEventListener('rl-claim-request', (e) => seen.push(e));
      const before = document.createElement('button');
      before.textContent = 'before';
      el.before(before);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot?.activeElement).to.equal(part(el, 'button'));
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Space' });
      expect(seen.length).to.equal(2);
      before.remove();
    });

    it('disables booking with a reason when full or paused', async () => {
      for (const [o, reason] of [
        [fullOffer, '名额已满'],
        [pausedOffer, '当前不接受预约'],
      ] as const) {
        const el = await offerCard(o);
        const button = part(el, 'button') as HTMLButtonElement;
        expect(button.disabled).to.equal(true);
        expect(text(el)).to.contain(reason);
        let fired = false;
        el.addEventListener('rl-claim-request', () => (fired = true));
        button.click();
        expect(fired).to.equal(false);
      }
    });
  });

  describe('loading through an adapter', () => {
    it('shows a loading state, then the project, organization and area from the provider adapter', async () => {
      const { adapter, release } = gatedAdapter(createMemoryAdapter(dataset));
      const provider = await fixture<RlProvider>(html`<rl-provider .adapter=${adapter}>
        <rl-project-card project-id="prj-1"></rl-project-card>
      </rl-provider>`);
      const el = provider.querySelector('rl-project-card') as RlProjectCard;
      await el.updateComplete;
      expect(el.shadowRoot?.querySelector('[aria-busy="true"]')).not.to.equal(null);
      expect(el.shadowRoot?.querySelector('[role="status"]')?.textContent).to.contain('正在加载');
      release();
      await settled(el);
      const t = text(el);
      expect(t).to.contain('乐龄守护计划');
      expect(t).to.contain('长宁区乐龄社工服务中心');
      expect(t).to.contain('飞乐居委会');
    });

    it('loads an offer by offer-id', async () => {
      const el = await fixture<RlProjectCard>(
        html`<rl-project-card offer-id="off-1" .adapter=${createMemoryAdapter(dataset)}></rl-project-card>`,
      );
      await settled(el);
      expect(text(el)).to.contain('助餐送餐上门');
      expect(part(el, 'button')).not.to.equal(null);
    });

    it('shows an error with a retry that loads again', async () => {
      let failures = 1;
      const base = createMemoryAdapter(dataset);
      const flaky: DataAdapter = {
        ...base,
        getProject: (id, opts) =>
          failures-- > 0 ? Promise.reject(new AdapterError('network', 'offline')) : base.getProject(id, opts),
      };
      const el = await fixture<RlProjectCard>(html`<rl-project-card project-id="prj-1" .adapter=${flaky}></rl-project-card>`);
      await settled(el);
      expect(el.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain('加载失败');
      (part(el, 'button') as HTMLButtonElement).click();
      await waitUntil(() => text(el).includes('乐龄守护计划'), 'retry did not load');
    });

    it('says plainly when the record does not exist, without a pointless retry', async () => {
      const el = await fixture<RlProjectCard>(
        html`<rl-project-card project-id="missing" .adapter=${createMemoryAdapter(dataset)}></rl-project-card>`,
      );
      await settled(el);
      expect(text(el)).to.contain('没有找到');
      expect(part(el, 'button')).to.equal(null);
    });

    it('still shows the project when its organization cannot be loaded', async () => {
      const el = await fixture<RlProjectCard>(html`<rl-project-card
        project-id="prj-1"
        .adapter=${createMemoryAdapter({ ...dataset, organizations: [] })}
      ></rl-project-card>`);
      await settled(el);
      expect(text(el)).to.contain('乐龄守护计划');
      expect(part(el, 'organization')).to.equal(null);
    });
  });

  describe('localization', () => {
    afterEach(async () => {
      await useLocale('zh-CN');
    });

    it('follows the provider locale: en and zh-TW', async () => {
      const provider = await fixture<RlProvider>(html`<rl-provider locale="en">
        <rl-project-card .project=${project} .organization=${organization} .areas=${[area]}></rl-project-card>
      </rl-provider>`);
      const el = provider.querySelector('rl-project-card') as RlProjectCard;
      await waitUntil(() => text(el).includes('Government-purchased service'), 'not in English');
      expect(text(el)).to.contain('Feile Community');
      expect(text(el)).to.contain('Elderly');
      provider.locale = 'zh-TW';
      await waitUntil(() => text(el).includes('政府購買服務'), 'not in traditional Chinese');
      expect(text(el)).to.contain('群眾滿意度');
    });

    it('follows the page lang without a provider', async () => {
      await useLocale(null);
      const before = document.documentElement.lang;
      const el = await projectCard();
      document.documentElement.lang = 'en-GB';
      await waitUntil(() => text(el).includes('Budget'), 'did not follow lang');
      document.documentElement.lang = before;
    });
  });

  describe('untrusted text', () => {
    it('shows markup, script and control characters as plain text', async () => {
      for (const bad of XSS_CORPUS) {
        const el = await fixture<RlProjectCard>(html`<rl-project-card
          .project=${{ ...project, title: bad, summary: bad }}
          .organization=${{ ...organization, name: bad }}
        ></rl-project-card>`);
        await settled(el);
        expect(el.shadowRoot?.querySelector('img, script, svg')).to.equal(null);
        expect(part(el, 'title')?.textContent?.trim()).to.equal(bad);
        expect((window as { __xss?: number }).__xss).to.equal(undefined);
      }
    });

    it('keeps a 10,000-character title inside the card width', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 320px">
        <rl-project-card .project=${{ ...project, title: '长'.repeat(10000) }}></rl-project-card>
      </div>`);
      const el = wrapper.querySelector('rl-project-card') as RlProjectCard;
      await settled(el);
      expect(el.getBoundingClientRect().width).to.be.at.most(320);
      expect(part(el, 'base')?.scrollWidth).to.be.at.most(322);
    });
  });

  describe('host page CSS', () => {
    it('looks the same under hostile page styles', async () => {
      const measure = async () => {
        const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 360px">
          <rl-project-card .project=${project} .organization=${organization} .areas=${[area]}></rl-project-card>
        </div>`);
        const el = wrapper.querySelector('rl-project-card') as RlProjectCard;
        await settled(el);
        const title = part(el, 'title') as HTMLElement;
        const s = getComputedStyle(title);
        return {
          height: Math.round(el.getBoundingClientRect().height),
          color: s.color,
          lineHeight: s.lineHeight,
          letterSpacing: s.letterSpacing,
          fontSize: s.fontSize,
        };
      };
      const clean = await measure();
      const style = document.createElement('style');
      style.textContent = `html { font-size: 62.5% } * { color: red !important; line-height: 3; letter-spacing: 2px; font-family: serif; text-transform: uppercase }`;
      document.head.append(style);
      try {
        const hostile = await measure();
        expect(hostile).to.deep.equal(clean);
        expect(hostile.color).not.to.equal('rgb(255, 0, 0)');
      } finally {
        style.remove();
      }
    });
  });
});
