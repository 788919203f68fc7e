import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createMemoryAdapter, type DataAdapter, type SearchSort } from '@renling/core';
import { generateDataset } from '@renling/mocks';
import {
  THEMES,
  type DirectoryFilters,
  type RlClaimRequestEvent,
  type RlSearchCompletedEvent,
  type Theme,
} from '@renling/elements';
import '@renling/elements/rl-org-directory.js';
import { offlineCachedAdapter, streetDataset } from '../packages/elements/test/directory.js';
import { failingAdapter, pendingAdapter, type RenlingParameters } from './support/data.js';
import { PAGE_BACKGROUND, PAGE_TEXT } from './support/page.js';

interface DirectoryArgs {
  query: string;
  sort: SearchSort;
  organizationId: string;
  filters: DirectoryFilters;
  /** `inherit` leaves the attribute off, so the directory follows the toolbar's provider. */
  theme: 'inherit' | Theme;
  urlPrefix: string;
  noHistory: boolean;
  headingLevel: number;
  workerThreshold: number;
  /** A width for the story's frame, e.g. 320 for a phone; 0 for the full width. */
  width: number;
}

const NO_FILTERS: DirectoryFilters = {
  category: null,
  area: null,
  type: [],
  registration: [],
  minRating: null,
  audience: [],
  hasCapacity: false,
};

const logClaim = action('rl-claim-request');
const logSearch = action('rl-search-completed');

/** One directory from the args; `adapter` (e.g. a loader's) overrides the provider's. */
function directory(args: DirectoryArgs, theme: DirectoryArgs['theme'] = args.theme, adapter?: DataAdapter): TemplateResult {
  return html`<div style=${args.width ? `inline-size: ${args.width}px` : ''}>
    <rl-org-directory
      theme=${ifDefined(theme === 'inherit' ? undefined : theme)}
      query=${args.query}
      sort=${args.sort}
      organization-id=${ifDefined(args.organizationId || undefined)}
      .filters=${args.filters}
      url-prefix=${args.urlPrefix}
      ?no-history=${args.noHistory}
      heading-level=${args.headingLevel}
      worker-threshold=${args.workerThreshold}
      .adapter=${adapter ?? null}
      @rl-claim-request=${(e: RlClaimRequestEvent) => {
        logClaim(e.detail);
      }}
      @rl-search-completed=${(e: RlSearchCompletedEvent) => {
        logSearch(e.detail);
      }}
    ></rl-org-directory>
  </div>`;
}

/** The demo street (华阳路街道, 60 organizations) behind the toolbar's provider. */
const street = (): { renling: RenlingParameters } => ({ renling: { adapter: createMemoryAdapter(streetDataset()) } });

const meta: Meta<DirectoryArgs> = {
  title: 'Components/Organization directory',
  component: 'rl-org-directory',
  tags: ['autodocs'],
  render: (args) => directory(args),
  args: {
    query: '',
    sort: 'relevance',
    organizationId: '',
    filters: NO_FILTERS,
    theme: 'inherit',
    urlPrefix: 'rl-',
    noHistory: true,
    headingLevel: 2,
    workerThreshold: 2000,
    width: 0,
  },
  argTypes: {
    query: { control: 'text', description: 'The search text (汉字, pinyin, initials).', table: { category: 'Attributes' } },
    sort: {
      control: 'inline-radio',
      options: ['relevance', 'rating', 'name', 'updated'],
      description: 'Best match, grade, name in pinyin order or last update.',
      table: { category: 'Attributes' },
    },
    organizationId: {
      name: 'organization-id',
      control: 'text',
      description: 'The organization open in the detail view (e.g. `org-00007`).',
      table: { category: 'Attributes' },
    },
    filters: { control: 'object', description: 'Category, area, type, registration, grade, audience, free places.', table: { category: 'Properties' } },
    theme: {
      control: 'inline-radio',
      options: ['inherit', ...THEMES],
      description: "The directory's own `theme`; `inherit` follows the toolbar's `<rl-provider theme>`.",
      table: { category: 'Attributes' },
    },
    urlPrefix: { name: 'url-prefix', control: 'text', description: 'Prefix of its URL parameters.', table: { category: 'Attributes' } },
    noHistory: {
      name: 'no-history',
      control: 'boolean',
      description: 'Leave the URL alone (on in these stories, since the docs page shows many directories).',
      table: { category: 'Attributes' },
    },
    headingLevel: { name: 'heading-level', control: 'select', options: [2, 3, 4], table: { category: 'Attributes' } },
    workerThreshold: { name: 'worker-threshold', control: 'number', table: { category: 'Attributes' } },
    width: { control: { type: 'range', min: 0, max: 1200, step: 10 }, description: 'Story frame width (0: full).', table: { category: 'Story' } },
  },
  parameters: {
    ...street(),
    docs: {
      description: {
        component:
          'The directory of social organizations: search in Chinese, pinyin or initials with suggestions, filter, sort and scroll the whole list, ' +
          'open an organization and book its services. Every story follows the **Theme** and **Locale** toolbar; ' +
          'booking logs `rl-claim-request` and each search logs `rl-search-completed` in the Actions panel.',
      },
    },
  },
};

export default meta;
type Story = StoryObj<DirectoryArgs>;

// ---------------------------------------------------------------- results

export const Street: Story = {
  name: 'Street: all organizations',
  parameters: { docs: { description: { story: '华阳路街道 with 60 organizations, indexed in the page (below the worker threshold).' } } },
};

export const SearchChinese: Story = {
  name: 'Search: 养老',
  args: { query: '养老' },
  parameters: { docs: { description: { story: 'Matches in names, offers, tags and category synonyms are marked.' } } },
};

export const SearchPinyin: Story = {
  name: 'Search: yanglao and initials',
  args: { query: 'ylfw' },
  parameters: { docs: { description: { story: 'Pinyin initials (ylfw → 养老服务); try yanglao, yang老 or 醫患 in the search box.' } } },
};

export const SearchSentence: Story = {
  name: 'Search: a sentence, partly matched',
  args: { query: '我想给家里老人找个助餐的地方' },
  parameters: {
    docs: {
      description: {
        story:
          'A sentence typed as it is said: no organization holds it whole, so the directory shows those holding most of its words (老人, 助餐) and says so above the list. Try 儿童托管 (words run together, all found), lüshi or yang lao.',
      },
    },
  },
};

export const SearchMistyped: Story = {
  name: 'Search: pinyin with a slip of the keys',
  args: { query: 'yanglai' },
  parameters: {
    docs: {
      description: {
        story:
          'Nothing matches yanglai as typed, so the directory reads it as the likeliest pinyin one slip away (yanglao, 养老) and says so above the list. Try yangloa (two letters swapped), zhiyuanze (a letter left out) or laonianrne.',
      },
    },
  },
};

export const Filtered: Story = {
  name: 'Filtered: elderly care with free places',
  args: { filters: { ...NO_FILTERS, category: 'elderly', hasCapacity: true } },
  parameters: { docs: { description: { story: 'Active filters show as chips above the list; × removes one.' } } },
};

export const SortedByName: Story = {
  name: 'Sorted by name (pinyin)',
  args: { sort: 'name' },
};

export const Empty: Story = {
  name: 'Empty, with a hint to widen',
  args: { filters: { ...NO_FILTERS, type: ['community-team'], minRating: '3A' } },
  parameters: {
    docs: { description: { story: 'Community teams are never graded: nothing matches, and each filter has a button to drop it.' } },
  },
};

export const GovernmentMatter: Story = {
  name: 'Empty, for a government matter',
  args: { query: '医保' },
  parameters: {
    docs: {
      description: {
        story: 'No social organization does 医保, 户口 or 身份证: the empty state says where such matters are done, then how to widen the search.',
      },
    },
  },
};

export const OrganizationView: Story = {
  name: 'Organization view',
  args: { organizationId: 'org-00007' },
  parameters: {
    docs: {
      description: {
        story: 'Profile, grade, registration, service areas, public contact (the person masked) and the offers as bookable cards.',
      },
    },
  },
};

// ---------------------------------------------------------------- states

export const Loading: Story = {
  name: 'Loading',
  parameters: {
    renling: { adapter: pendingAdapter },
    docs: { description: { story: 'An adapter that never answers: the skeleton and the progress line stay.' } },
  },
};

export const LoadError: Story = {
  name: 'Error',
  parameters: {
    renling: { adapter: failingAdapter },
    docs: { description: { story: 'Every call fails as a network error would; 重试 tries again.' } },
  },
};

export const Offline: Story = {
  name: 'Offline, from the cache',
  loaders: [async () => ({ adapter: await offlineCachedAdapter(streetDataset()) })],
  render: (args, { loaded }) => directory(args, args.theme, loaded['adapter'] as DataAdapter),
  parameters: {
    docs: {
      description: {
        story: 'The read cache answers from what it saved while the network is gone, and says so; 重新加载 tries the network again.',
      },
    },
  },
};

// ---------------------------------------------------------------- layouts and themes

export const Phone: Story = {
  name: 'Phone (320px)',
  args: { width: 288, query: '养老' },
  parameters: {
    docs: {
      description: { story: 'A 320px screen less the page margins: filters fold behind a large 筛选 button; try the elder theme.' },
    },
  },
};

export const AllThemes: Story = {
  name: 'All themes',
  args: { query: '养老' },
  argTypes: { theme: { table: { disable: true } } },
  render: (args) =>
    html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; align-items: start">
      ${THEMES.map(
        (theme) =>
          html`<section style="background: ${PAGE_BACKGROUND[theme]}; color: ${PAGE_TEXT[theme]}; padding: 16px; border-radius: 8px">
            <p style="margin: 0 0 12px; font: 600 14px/1.4 system-ui, sans-serif">theme="${theme}"</p>
            ${directory({ ...args, width: 0 }, theme)}
          </section>`,
      )}
    </div>`,
};

export const StatesByTheme: Story = {
  name: 'States × themes',
  argTypes: { theme: { table: { disable: true } } },
  loaders: [async () => ({ offline: await offlineCachedAdapter(streetDataset()) })],
  render: (args, { loaded }) => {
    const data = createMemoryAdapter(streetDataset());
    const states: [string, Partial<DirectoryArgs>, DataAdapter][] = [
      ['loading', {}, pendingAdapter],
      ['results', { query: '合唱' }, data],
      ['a few results: the list as tall as its rows', { query: 'xinli' }, data],
      ['partly matched', { query: '我想给家里老人找个助餐的地方' }, data],
      ['pinyin slip read', { query: 'yanglai' }, data],
      ['empty', { filters: { ...NO_FILTERS, type: ['community-team'], minRating: '3A' } }, data],
      ['empty, a government matter', { query: '医保' }, data],
      ['error', {}, failingAdapter],
      ['offline', {}, loaded['offline'] as DataAdapter],
      ['organization', { organizationId: 'org-00007' }, data],
    ];
    return html`${THEMES.map(
      (theme) => html`<section style="background: ${PAGE_BACKGROUND[theme]}; color: ${PAGE_TEXT[theme]}; padding: 16px; margin-block-end: 16px">
        <h2 style="margin: 0 0 12px; font: 600 16px/1.4 system-ui, sans-serif">theme="${theme}"</h2>
        <div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; align-items: start">
          ${states.map(
            ([label, state, adapter]) => html`<div>
              <p style="margin: 0 0 8px; font: 14px/1.4 system-ui, sans-serif">${label}</p>
              ${directory({ ...args, ...state, width: 0 }, theme, adapter)}
            </div>`,
          )}
        </div>
      </section>`,
    )}`;
  },
  parameters: { docs: { description: { story: 'Every state in every theme, on the page background the theme is meant for.' } } },
};

// ---------------------------------------------------------------- scale and URL

export const City: Story = {
  name: 'City: 35,000 organizations',
  args: { query: 'yanglao' },
  loaders: [
    () => {
      // about three seconds to generate, then the worker indexes it
      const data = generateDataset({ seed: 20261101, organizations: 35_000 });
      return Promise.resolve({ adapter: createMemoryAdapter(data) });
    },
  ],
  render: (args, { loaded }) => directory(args, args.theme, loaded['adapter'] as DataAdapter),
  parameters: {
    docs: {
      description: {
        story:
          'All of Shanghai as the seed reports count it (about 35,000 organizations, 100,000 offers): read through the adapter\'s pages, ' +
          'indexed in a Web Worker, and scrolled in a virtualized list that keeps a few dozen rows in the DOM (try End in the list).',
      },
    },
  },
};

export const InTheUrl: Story = {
  name: 'Kept in the URL',
  args: { noHistory: false, urlPrefix: 'sb-' },
  parameters: {
    docs: {
      description: {
        story:
          'With `no-history` off, search and filters go into the URL (`sb-q`, `sb-cat`…) and opening an organization adds a history entry: ' +
          'open this story in its own tab, search, open an organization and press the browser\'s Back.',
      },
    },
  },
};
