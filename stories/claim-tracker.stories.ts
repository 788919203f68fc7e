import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  AdapterError,
  PROJECT_CLAIM_STATES,
  createCachedAdapter,
  createMemoryAdapter,
  createMemoryCacheStorage,
  type Claim,
  type DataAdapter,
  type MemoryAdapter,
} from '@renling/core';
import type { Dataset } from '@renling/mocks';
import { THEMES, type RlClaimChangedEvent, type RlProjectCreatedEvent, type Theme } from '@renling/elements';
import '@renling/elements/rl-claim-tracker.js';
import { streetDataset } from '../packages/elements/test/directory.js';
import { loadClaimBatch, loadClaimDetails, NO_DETAILS } from '../packages/elements/src/components/claim-tracker/claim-data.js';
import { failingAdapter, pendingAdapter } from './support/data.js';
import { PAGE_BACKGROUND, PAGE_TEXT } from './support/page.js';

interface TrackerArgs {
  /** `role:id`, as on the element; empty for nobody signed in. */
  viewer: string;
  claimId: string;
  needId: string;
  offerId: string;
  organizationId: string;
  state: string;
  limit: number;
  /** `inherit` leaves the attribute off, so the tracker follows the toolbar's provider. */
  theme: 'inherit' | Theme;
  headingLevel: number;
  /** A width for the story's frame, e.g. 320 for a phone; 0 for the full width. */
  width: number;
}

const logChanged = action('rl-claim-changed');
const logProject = action('rl-project-created');

/** One street for every story, so what a viewer does in one story shows in the next. */
let street: MemoryAdapter | null = null;
const streetAdapter = (): MemoryAdapter => (street ??= createMemoryAdapter(streetDataset()));

const data: Dataset = streetDataset();
const grouped = new Set(data.projects.flatMap((p) => p.claimIds));
const need = (claim: Claim) => data.needs.find((n) => n.id === claim.needId);

/** The organization with the most claims not yet in a project: its list shows most states. */
const busiestOrganization = ((): string => {
  const counts = new Map<string, number>();
  for (const c of data.claims) if (!grouped.has(c.id)) counts.set(c.organizationId, (counts.get(c.organizationId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
})();

const firstClaim = (test: (c: Claim) => boolean): Claim | undefined => data.claims.find((c) => !grouped.has(c.id) && test(c));

const pendingOnOwnNeed = firstClaim((c) => c.direction === 'need-claim' && c.state === 'pending' && need(c)?.channel === 'self');
const completedOnOwnNeed = firstClaim((c) => c.direction === 'need-claim' && c.state === 'completed' && need(c)?.channel === 'self');
const acceptedNeedClaim = firstClaim((c) => c.direction === 'need-claim' && (c.state === 'accepted' || c.state === 'in-progress'));
const declinedClaim = firstClaim((c) => c.state === 'declined');
const groupable = data.claims.filter((c) => PROJECT_CLAIM_STATES.includes(c.state) && !grouped.has(c.id));
const quietNeed = data.needs.find((n) => !data.claims.some((c) => c.needId === n.id));

function tracker(args: TrackerArgs, theme: TrackerArgs['theme'] = args.theme, adapter: DataAdapter = streetAdapter()): TemplateResult {
  return html`<div style=${args.width ? `inline-size: ${args.width}px` : ''}>
    <rl-claim-tracker
      theme=${ifDefined(theme === 'inherit' ? undefined : theme)}
      viewer=${ifDefined(args.viewer || undefined)}
      claim-id=${ifDefined(args.claimId || undefined)}
      need-id=${ifDefined(args.needId || undefined)}
      offer-id=${ifDefined(args.offerId || undefined)}
      organization-id=${ifDefined(args.organizationId || undefined)}
      state=${ifDefined(args.state || undefined)}
      limit=${args.limit}
      heading-level=${args.headingLevel}
      .adapter=${adapter}
      @rl-claim-changed=${(e: RlClaimChangedEvent) => {
        logChanged(e.detail);
      }}
      @rl-project-created=${(e: RlProjectCreatedEvent) => {
        logProject(e.detail);
      }}
    ></rl-claim-tracker>
  </div>`;
}

/** The read cache after the network went: it answers with what the tracker read while online. */
async function offlineAdapter(args: TrackerArgs): Promise<DataAdapter> {
  const base = createMemoryAdapter(streetDataset());
  let online = true;
  let clock = 0;
  const source = new Proxy(base, {
    get(target, key) {
      if (typeof key !== 'string' || key === 'withActor' || !(key in target)) return undefined;
      const method = (target[key as keyof DataAdapter] as (...a: unknown[]) => Promise<unknown>).bind(target);
      return (...a: unknown[]) => (online ? method(...a) : Promise.reject(new AdapterError('network', 'Simulated network failure (story).')));
    },
  });
  const cached = createCachedAdapter(source, { storage: createMemoryCacheStorage(), now: () => clock });
  // the tracker's own reads, so the cache holds the same keys
  const signal = new AbortController().signal;
  const batch = await loadClaimBatch(cached, { organizationId: args.organizationId }, null, args.limit, signal);
  await loadClaimDetails(cached, batch.claims, NO_DETAILS, signal);
  online = false;
  clock = 1e12;
  return cached;
}

const STAFF = 'staff:staff-huayang:王芳';

const meta: Meta<TrackerArgs> = {
  title: 'Components/Claim tracker',
  component: 'rl-claim-tracker',
  tags: ['autodocs'],
  render: (args) => tracker(args),
  args: {
    viewer: STAFF,
    claimId: '',
    needId: '',
    offerId: '',
    organizationId: busiestOrganization,
    state: '',
    limit: 100,
    theme: 'inherit',
    headingLevel: 3,
    width: 0,
  },
  argTypes: {
    viewer: {
      control: 'text',
      description: 'Who is looking, `role:id[:name]`: `staff:…`, `organization:org-…`, `resident:…`; empty for nobody.',
      table: { category: 'Attributes' },
    },
    claimId: { name: 'claim-id', control: 'text', description: 'One claim.', table: { category: 'Attributes' } },
    needId: { name: 'need-id', control: 'text', description: 'Claims on a need.', table: { category: 'Attributes' } },
    offerId: { name: 'offer-id', control: 'text', description: 'Bookings of an offer.', table: { category: 'Attributes' } },
    organizationId: { name: 'organization-id', control: 'text', description: 'Claims of an organization.', table: { category: 'Attributes' } },
    state: { control: 'text', description: 'Only these states, comma separated (`pending,accepted`).', table: { category: 'Attributes' } },
    limit: { control: 'number', description: 'Claims loaded at first and with each 加载更多.', table: { category: 'Attributes' } },
    theme: {
      control: 'inline-radio',
      options: ['inherit', ...THEMES],
      description: "The tracker's own `theme`; `inherit` follows the toolbar's `<rl-provider theme>`.",
      table: { category: 'Attributes' },
    },
    headingLevel: { name: 'heading-level', control: 'select', options: [2, 3, 4], table: { category: 'Attributes' } },
    width: { control: { type: 'range', min: 0, max: 1200, step: 10 }, description: 'Story frame width (0: full).', table: { category: 'Story' } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'The claim lifecycle: steps, history, the actions the viewer may take, the resident\'s contact for those allowed to see it, ' +
          'and grouping accepted claims into a project. The stories share one street (华阳路街道, 60 organizations) in memory, so ' +
          'an action taken as staff shows when the story is switched to the organization or the resident. Actions log ' +
          '`rl-claim-changed` and `rl-project-created`. Every story follows the **Theme** and **Locale** toolbar.',
      },
    },
  },
};

export default meta;
type Story = StoryObj<TrackerArgs>;

// ---------------------------------------------------------------- viewers

export const Staff: Story = {
  name: 'Staff: an organization’s claims',
  parameters: {
    docs: {
      description: {
        story: 'Community staff answer claims, may start, complete and rate on a resident’s behalf, read contacts, and group accepted claims into a project (组建服务项目).',
      },
    },
  },
};

export const Organization: Story = {
  name: 'Organization: its own claims',
  args: { viewer: `organization:${busiestOrganization}` },
  parameters: {
    docs: {
      description: {
        story: 'The organization starts and completes its accepted work and sees a resident’s contact, on a press, only while its claim is accepted or in progress.',
      },
    },
  },
};

export const Resident: Story = {
  name: 'Resident: rating a completed service',
  args: {
    organizationId: '',
    claimId: completedOnOwnNeed?.id ?? '',
    viewer: completedOnOwnNeed ? `resident:resident-${completedOnOwnNeed.needId}` : 'resident:r-1',
  },
  parameters: { docs: { description: { story: 'The resident rates with 1–5 stars (arrow keys move between them) and a comment of up to 500 characters.' } } },
};

export const Nobody: Story = {
  name: 'Nobody signed in',
  args: { viewer: '' },
  parameters: { docs: { description: { story: 'Read only: steps and history, no actions, no contact.' } } },
};

// ---------------------------------------------------------------- one claim through its life

export const Pending: Story = {
  name: 'One claim: pending (staff)',
  args: { organizationId: '', claimId: pendingOnOwnNeed?.id ?? '' },
  parameters: { docs: { description: { story: 'Accept, or decline with a reason; switch the viewer to follow it through.' } } },
};

export const ContactShown: Story = {
  name: 'One claim: accepted, contact for its organization',
  args: {
    organizationId: '',
    claimId: acceptedNeedClaim?.id ?? '',
    viewer: acceptedNeedClaim ? `organization:${acceptedNeedClaim.organizationId}` : '',
  },
  parameters: { docs: { description: { story: 'Press 显示联系方式: the read is audited, never stored, and forgotten when the viewer or claim changes.' } } },
};

export const Declined: Story = {
  name: 'One claim: declined',
  args: { organizationId: '', claimId: declinedClaim?.id ?? '' },
  parameters: { docs: { description: { story: 'An end state: the steps stop where the claim ended, the history says why.' } } },
};

export const ProjectBuilder: Story = {
  name: 'Group into a project',
  args: { organizationId: '', state: 'accepted,in-progress,completed,rated' },
  parameters: {
    docs: {
      description: {
        story: `Every claim a project may group (${groupable.length} here). Choosing one disables the other organizations’ claims, with the reason; the form prefills category, area and planned beneficiaries.`,
      },
    },
  },
};

// ---------------------------------------------------------------- states

export const Loading: Story = {
  name: 'Loading',
  render: (args) => tracker(args, args.theme, pendingAdapter),
};

export const Empty: Story = {
  name: 'Empty',
  args: { organizationId: '', needId: quietNeed?.id ?? 'need-none' },
};

export const LoadError: Story = {
  name: 'Error',
  render: (args) => tracker(args, args.theme, failingAdapter),
  parameters: { docs: { description: { story: 'Every call fails as a network error would; 重试 tries again.' } } },
};

export const Offline: Story = {
  name: 'Offline, from the cache',
  loaders: [async ({ args }) => ({ adapter: await offlineAdapter(args) })],
  render: (args, { loaded }) => tracker(args, args.theme, loaded['adapter'] as DataAdapter),
  parameters: { docs: { description: { story: 'Saved claims are shown with a notice; every action waits for the network.' } } },
};

// ---------------------------------------------------------------- layouts and themes

export const Phone: Story = {
  name: 'Phone (320px), elder theme',
  args: { width: 288, theme: 'elder', organizationId: '', claimId: pendingOnOwnNeed?.id ?? '' },
  parameters: { docs: { description: { story: 'Steps stack, buttons take the full width, stars list one per line with their words.' } } },
};

export const LongText: Story = {
  name: 'Long Chinese text',
  args: { organizationId: '' },
  render: (args) => {
    const long = structuredClone(streetDataset());
    const claim = long.claims.find((c) => c.direction === 'need-claim' && c.state === 'accepted') ?? long.claims[0]!;
    const longNeed = long.needs.find((n) => n.id === claim.needId);
    if (longNeed) longNeed.title = '独居高龄老人因腿脚不便无法自行下楼购买日常生活用品需要志愿者每周两次上门代购并陪同就医';
    const org = long.organizations.find((o) => o.id === claim.organizationId);
    if (org) org.name = '上海市长宁区华阳路街道社区综合为老服务与邻里互助志愿者工作室（筹）';
    return tracker({ ...args, claimId: claim.id }, args.theme, createMemoryAdapter(long));
  },
};

export const AllThemes: Story = {
  name: 'All themes',
  args: { organizationId: '', claimId: pendingOnOwnNeed?.id ?? '' },
  argTypes: { theme: { table: { disable: true } } },
  render: (args) =>
    html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px; align-items: start">
      ${THEMES.map(
        (theme) =>
          html`<section style="background: ${PAGE_BACKGROUND[theme]}; color: ${PAGE_TEXT[theme]}; padding: 16px; border-radius: 8px">
            <p style="margin: 0 0 12px; font: 600 14px/1.4 system-ui, sans-serif">theme="${theme}"</p>
            ${tracker({ ...args, width: 0 }, theme)}
          </section>`,
      )}
    </div>`,
};
