import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { AdapterError, createCachedAdapter, createMemoryAdapter, createMemoryCacheStorage, type DataAdapter } from '@renling/core';
import {
  EMPTY_MATCHER_FILTERS,
  THEMES,
  type MatcherFilters,
  type MatcherSelection,
  type MatcherView,
  type RlClaimCreatedEvent,
  type Theme,
} from '@renling/elements';
import '@renling/elements/rl-matcher.js';
import { streetDataset } from '../packages/elements/test/directory.js';
import { loadMatcherData } from '../packages/elements/src/components/matcher/matcher-data.js';
import { failingAdapter, pendingAdapter, type RenlingParameters } from './support/data.js';
import { PAGE_BACKGROUND, PAGE_TEXT } from './support/page.js';

interface MatcherArgs {
  /** The staff's street or community code. */
  area: string;
  /** `role:id`, as on the element; empty for nobody signed in (read-only). */
  viewer: string;
  view: MatcherView;
  filters: MatcherFilters;
  /** `need:<id>` or `offer:<id>`; empty for nothing chosen. */
  selected: string;
  /** `inherit` leaves the attribute off, so the desk follows the toolbar's provider. */
  theme: 'inherit' | Theme;
  /** A width for the story's frame, e.g. 320 for a phone; 0 for the full width. */
  width: number;
}

const STREET = '310105001';
const logCreated = action('rl-claim-created');

/** The demo street (华阳路街道): one adapter for every story, so claims sent in one show in the next. */
let street: DataAdapter | null = null;
const streetAdapter = (): DataAdapter => (street ??= createMemoryAdapter(streetDataset()));

const data = streetDataset();
const firstOpenNeed = data.needs.find((n) => n.status === 'published')?.id ?? '';
const awaitingReview = data.needs.find((n) => n.status === 'submitted')?.id ?? '';
const busiestOffer = data.offers.find((o) => o.status === 'open' && o.categoryCode.startsWith('elderly.'))?.id ?? '';

/** Every need verified and claimed already: nothing left to match in the street. */
const noOpenNeeds = (): DataAdapter => createMemoryAdapter({ ...data, needs: data.needs.map((n) => ({ ...n, status: 'closed' as const })) });

const selection = (value: string): MatcherSelection | null => {
  const [kind, id] = value.split(':');
  return (kind === 'need' || kind === 'offer') && id ? { kind, id } : null;
};

/** One desk from the args; `adapter` (e.g. a loader's) overrides the provider's. */
function matcher(args: MatcherArgs, theme: MatcherArgs['theme'] = args.theme, adapter?: DataAdapter): TemplateResult {
  return html`<div style=${args.width ? `inline-size: ${args.width}px` : ''}>
    <rl-matcher
      no-history
      area=${args.area}
      viewer=${ifDefined(args.viewer || undefined)}
      view=${args.view}
      theme=${ifDefined(theme === 'inherit' ? undefined : theme)}
      .filters=${args.filters}
      .selected=${selection(args.selected)}
      .adapter=${adapter ?? null}
      @rl-claim-created=${(e: RlClaimCreatedEvent) => {
        logCreated(e.detail);
      }}
    ></rl-matcher>
  </div>`;
}

const meta: Meta<MatcherArgs> = {
  title: 'Components/Matching desk',
  component: 'rl-matcher',
  tags: ['autodocs'],
  render: (args) => matcher(args),
  args: {
    area: STREET,
    viewer: 'staff:hy-staff-01',
    view: 'desk',
    filters: EMPTY_MATCHER_FILTERS,
    selected: '',
    theme: 'inherit',
    width: 0,
  },
  argTypes: {
    area: { control: 'text', description: 'The street (9 digits) or community (12 digits) the desk works for.', table: { category: 'Attributes' } },
    viewer: {
      control: 'text',
      description: 'Who sends claims, as `role:id`: `staff:…` for both directions, `organization:<id>` for its own need claims, empty for read-only.',
      table: { category: 'Attributes' },
    },
    view: { control: 'inline-radio', options: ['desk', 'allocation', 'gaps'], table: { category: 'Attributes' } },
    filters: { control: 'object', description: 'Community, top-level category, urgency and claim status.', table: { category: 'Properties' } },
    selected: { control: 'text', description: 'The chosen item as `need:<id>` or `offer:<id>` (the story turns it into the `selected` property).', table: { category: 'Properties' } },
    theme: {
      control: 'inline-radio',
      options: ['inherit', ...THEMES],
      description: "The desk's own `theme`; `inherit` follows the toolbar's `<rl-provider theme>`.",
      table: { category: 'Attributes' },
    },
    width: { control: { type: 'range', min: 0, max: 1400, step: 10 }, description: 'Story frame width (0: full).', table: { category: 'Story' } },
  },
  parameters: {
    renling: { adapter: streetAdapter() } satisfies RenlingParameters,
    docs: {
      description: {
        component:
          'The community staff\'s matching desk (供需对接): the open needs and the service offers of 华阳路街道 side by side, ranked suggestions with ' +
          'score bars and reason chips, claims in both directions, a whole-list allocation reviewed pair by pair, and the supply–demand gap. ' +
          'Every story follows the **Theme** and **Locale** toolbar (简体, 繁體, English); claims sent here go to an in-memory street shared by the stories ' +
          'and are logged as `rl-claim-created` in the Actions panel.',
      },
    },
  },
};

export default meta;
type Story = StoryObj<MatcherArgs>;

// ---------------------------------------------------------------- the desk

export const Street: Story = {
  name: 'Street: needs and offers',
  parameters: { docs: { description: { story: 'Choose a need or an offer (click, or ↑ ↓ and Enter in a list) to see its ranked candidates.' } } },
};

export const NeedSelected: Story = {
  name: 'A need chosen: ranked offers',
  args: { selected: `need:${firstOpenNeed}` },
  parameters: {
    docs: {
      description: {
        story: 'The ten best offers with their score as a bar (read out as “56 分”), one chip per reason, and both actions: claim for the organization, or book for the resident.',
      },
    },
  },
};

export const NeedAwaitingReview: Story = {
  name: 'A need awaiting review',
  args: { selected: `need:${awaitingReview}` },
  parameters: {
    docs: {
      description: {
        story:
          'A need just sent by a resident is listed as 待核实 and is never suggested: staff publish it (核实并发布) or decline it with a reason (不予受理) first.',
      },
    },
  },
};

export const OfferSelected: Story = {
  name: 'An offer chosen: ranked needs',
  args: { selected: `offer:${busiestOffer}` },
};

export const Filtered: Story = {
  name: 'Filtered: elderly care, urgent first',
  args: { filters: { area: null, category: 'elderly', urgency: 'high', status: 'free' } },
};

export const Allocation: Story = {
  name: 'Allocate all: review before sending',
  args: { view: 'allocation' },
  parameters: {
    docs: {
      description: {
        story:
          'The allocation with the highest total score within every offer\'s places. Nothing is sent until staff accept pairs and press the send button; ' +
          'the unmatched needs list their nearest offers and why they missed. 导出方案 CSV saves it for Excel.',
      },
    },
  },
};

export const Gaps: Story = {
  name: 'Supply–demand gap',
  args: { view: 'gaps' },
  parameters: {
    docs: {
      description: {
        story: 'Open needs against free places by category × community, as a heat map (numbers in every cell, a legend for the colours) and a table; a cell filters the desk.',
      },
    },
  },
};

export const ReadOnly: Story = {
  name: 'Read-only (no viewer)',
  args: { viewer: '', selected: `need:${firstOpenNeed}` },
  parameters: { docs: { description: { story: 'Without a signed-in staff member the suggestions show, the actions do not run.' } } },
};

export const Community: Story = {
  name: 'One community (飞乐居委会)',
  args: { area: '310105001001' },
  parameters: { docs: { description: { story: 'Scoped to a residents\' committee: the area filter offers its grids.' } } },
};

// ---------------------------------------------------------------- states

export const Loading: Story = {
  name: 'Loading',
  parameters: { renling: { adapter: pendingAdapter }, docs: { description: { story: 'An adapter that never answers: the skeleton stays.' } } },
};

export const LoadError: Story = {
  name: 'Error',
  parameters: { renling: { adapter: failingAdapter }, docs: { description: { story: 'Every call fails as a network error would; 重试 tries again.' } } },
};

export const Empty: Story = {
  name: 'Empty: no open needs',
  render: (args) => matcher(args, args.theme, noOpenNeeds()),
};

export const ClaimConflict: Story = {
  name: 'A claim refused: the offer is full',
  args: { selected: `need:${firstOpenNeed}` },
  render: (args) => {
    const base = createMemoryAdapter(streetDataset());
    const full: DataAdapter = {
      ...base,
      requestClaim: () => Promise.reject(new AdapterError('conflict', 'The offer has no places left.', { status: 409 })),
    };
    return matcher(args, args.theme, full);
  },
  parameters: { docs: { description: { story: 'Every claim is refused as full: the message shows beside the button and the offer is read again.' } } },
};

export const Offline: Story = {
  name: 'Offline, from the cache',
  loaders: [
    async () => {
      let online = true;
      let clock = 0;
      const base = createMemoryAdapter(streetDataset());
      const source = new Proxy(base, {
        get(target, key) {
          const method = Reflect.get(target, key) as unknown;
          if (typeof method !== 'function') return method;
          return (...args: unknown[]) =>
            online ? (method as (...a: unknown[]) => unknown).apply(target, args) : Promise.reject(new AdapterError('network', 'offline'));
        },
      });
      const cached = createCachedAdapter(source, { storage: createMemoryCacheStorage(), now: () => clock });
      // the desk's own reads, once online, so the cache holds them
      await loadMatcherData(cached, STREET, new AbortController().signal);
      online = false;
      clock = 1e12;
      return { adapter: cached };
    },
  ],
  render: (args, { loaded }) => matcher(args, args.theme, loaded['adapter'] as DataAdapter),
  parameters: { docs: { description: { story: 'The read cache answers with the lists saved while online, and the desk says so.' } } },
};

// ---------------------------------------------------------------- layouts, themes, long text

export const Phone: Story = {
  name: 'Phone (320px)',
  args: { width: 288 },
  parameters: { docs: { description: { story: 'Tabs for needs, offers and suggestions; choosing a need opens its suggestions. Try the elder theme.' } } },
};

export const LongTitles: Story = {
  name: 'Long Chinese titles',
  args: { width: 760 },
  render: (args) => {
    const long = '华阳路街道飞乐居委会独居高龄老人希望每天中午有人送餐上门并顺便测量血压血糖，子女在外地无法照顾';
    const needs = data.needs.map((n) => (n.status === 'published' ? { ...n, title: [...`${long}${n.title}`].slice(0, 60).join('') } : n));
    return matcher(args, args.theme, createMemoryAdapter({ ...data, needs }));
  },
  parameters: { docs: { description: { story: 'Titles of 60 characters wrap to two lines and end in an ellipsis; rows keep their height.' } } },
};

export const StatesByTheme: Story = {
  name: 'States × themes',
  argTypes: { theme: { table: { disable: true } } },
  render: (args) => {
    const states: [string, Partial<MatcherArgs>, DataAdapter][] = [
      ['loading', {}, pendingAdapter],
      ['need chosen', { selected: `need:${firstOpenNeed}` }, streetAdapter()],
      ['allocation', { view: 'allocation' }, streetAdapter()],
      ['gap report', { view: 'gaps' }, streetAdapter()],
      ['empty', {}, noOpenNeeds()],
      ['error', {}, failingAdapter],
    ];
    return html`${THEMES.map(
      (theme) => html`<section style="background: ${PAGE_BACKGROUND[theme]}; color: ${PAGE_TEXT[theme]}; padding: 16px; margin-block-end: 16px">
        <h2 style="margin: 0 0 12px; font: 600 16px/1.4 system-ui, sans-serif">theme="${theme}"</h2>
        <div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(720px, 1fr)); gap: 16px; align-items: start">
          ${states.map(
            ([label, state, adapter]) => html`<div>
              <p style="margin: 0 0 8px; font: 14px/1.4 system-ui, sans-serif">${label}</p>
              ${matcher({ ...args, ...state, width: 0 }, theme, adapter)}
            </div>`,
          )}
        </div>
      </section>`,
    )}`;
  },
  parameters: { docs: { description: { story: 'Every state in every theme, on the page background the theme is meant for.' } } },
};
