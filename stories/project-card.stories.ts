import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Area, Organization, Project, ServiceOffer } from '@renling/core';
import { THEMES, type ProjectCardLayout, type RlClaimRequestEvent, type Theme } from '@renling/elements';
import '@renling/elements/rl-project-card.js';
import {
  failingAdapter,
  fullOffer,
  longOrganization,
  longProject,
  nearlyFullOffer,
  offer,
  offerAreas,
  openOffer,
  organization,
  pausedOffer,
  pendingAdapter,
  project,
  projectAreas,
  projectOverPlan,
  projectWithoutSatisfaction,
  slowAdapter,
  type RenlingParameters,
} from './support/data.js';
import { PAGE_BACKGROUND, PAGE_TEXT } from './support/page.js';

interface CardArgs {
  layout: ProjectCardLayout;
  /** `inherit` leaves the attribute off, so the card follows the toolbar's provider. */
  theme: 'inherit' | Theme;
  headingLevel: number;
  href: string;
  projectId: string;
  offerId: string;
  project: Project | null;
  offer: ServiceOffer | null;
  organization: Organization | null;
  areas: Area[] | null;
}

const logClaimRequest = action('rl-claim-request');
const onClaimRequest = (event: RlClaimRequestEvent): void => {
  logClaimRequest(event.detail);
};

/** One `<rl-project-card>` from the args; the theme argument overrides the toolbar's. */
function card(args: CardArgs, theme: CardArgs['theme'] = args.theme): TemplateResult {
  return html`<rl-project-card
    layout=${args.layout}
    theme=${ifDefined(theme === 'inherit' ? undefined : theme)}
    heading-level=${args.headingLevel}
    href=${ifDefined(args.href || undefined)}
    project-id=${ifDefined(args.projectId || undefined)}
    offer-id=${ifDefined(args.offerId || undefined)}
    .project=${args.project}
    .offer=${args.offer}
    .organization=${args.organization}
    .areas=${args.areas}
    @rl-claim-request=${onClaimRequest}
  ></rl-project-card>`;
}

const single = (args: CardArgs): TemplateResult => html`<div style="max-inline-size: 560px">${card(args)}</div>`;

const adapterParameters = (renling: RenlingParameters): { renling: RenlingParameters } => ({ renling });

const meta: Meta<CardArgs> = {
  title: 'Components/Project card',
  component: 'rl-project-card',
  tags: ['autodocs'],
  render: single,
  args: {
    layout: 'full',
    theme: 'inherit',
    headingLevel: 3,
    href: '',
    projectId: '',
    offerId: '',
    project: null,
    offer: null,
    organization: null,
    areas: null,
  },
  argTypes: {
    layout: {
      control: 'inline-radio',
      options: ['full', 'compact'],
      description: '`full` or `compact` (no summary or facts list).',
      table: { category: 'Attributes' },
    },
    theme: {
      control: 'inline-radio',
      options: ['inherit', ...THEMES],
      description: 'The card\'s own `theme` attribute; `inherit` follows the toolbar\'s `<rl-provider theme>`.',
      table: { category: 'Attributes' },
    },
    headingLevel: {
      name: 'heading-level',
      control: 'select',
      options: [2, 3, 4, 5, 6],
      description: 'The title\'s heading level within the page.',
      table: { category: 'Attributes' },
    },
    href: { control: 'text', description: 'A link for the title.', table: { category: 'Attributes' } },
    projectId: {
      name: 'project-id',
      control: 'text',
      description: 'Load a project through the adapter (e.g. `prj-1`…`prj-4`).',
      table: { category: 'Attributes' },
    },
    offerId: {
      name: 'offer-id',
      control: 'text',
      description: 'Load an offer through the adapter (e.g. `off-1`…`off-5`).',
      table: { category: 'Attributes' },
    },
    project: { control: 'object', description: 'A project record.', table: { category: 'Properties' } },
    offer: { control: 'object', description: 'An offer record (the booking variant).', table: { category: 'Properties' } },
    organization: { control: 'object', description: 'The organization; loaded by id when absent.', table: { category: 'Properties' } },
    areas: { control: 'object', description: 'The areas to name; loaded by code when absent.', table: { category: 'Properties' } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A community service project (公益项目) or, as its offer variant, a service offer with capacity left and a booking button. ' +
          'Every story follows the **Theme** and **Locale** toolbar (an `<rl-provider>` wraps each one); the book button logs `rl-claim-request` in the Actions panel.',
      },
    },
  },
};

export default meta;
type Story = StoryObj<CardArgs>;

// ---------------------------------------------------------------- projects

export const ProjectFull: Story = {
  name: 'Project: full',
  args: { project, organization, areas: projectAreas, href: '#prj-1' },
};

export const ProjectCompact: Story = {
  name: 'Project: compact',
  args: { project, organization, areas: projectAreas, layout: 'compact' },
};

export const ProjectWithoutSatisfaction: Story = {
  name: 'Project: not yet rated',
  args: { project: projectWithoutSatisfaction, organization, areas: projectAreas },
  parameters: { docs: { description: { story: '`satisfaction: null`: 暂未评价 instead of a percentage.' } } },
};

export const ProjectOverPlan: Story = {
  name: 'Project: over plan',
  args: { project: projectOverPlan, organization, areas: projectAreas },
  parameters: {
    docs: { description: { story: 'Served 2,150 of 1,500 planned: the bar stops at full, the text says 143%.' } },
  },
};

export const LongChineseText: Story = {
  name: 'Project: long Chinese title and text',
  args: { project: longProject, organization: longOrganization, areas: projectAreas },
  parameters: {
    docs: { description: { story: 'A 60-character title, a long organization name and a 200-character summary wrap without overflow.' } },
  },
};

// ---------------------------------------------------------------- offers

export const OfferOpen: Story = {
  name: 'Offer: open',
  args: { offer: openOffer, organization, areas: offerAreas },
  parameters: { docs: { description: { story: 'Press 预约此服务: the Actions panel shows the `rl-claim-request` detail.' } } },
};

export const OfferNearlyFull: Story = {
  name: 'Offer: nearly full',
  args: { offer: nearlyFullOffer, organization, areas: offerAreas },
  parameters: { docs: { description: { story: '1 of 20 places left this month: the bar turns to the warning colour.' } } },
};

export const OfferFull: Story = {
  name: 'Offer: full',
  args: { offer: fullOffer, organization, areas: offerAreas },
  parameters: { docs: { description: { story: 'No places left: the button is disabled and says why.' } } },
};

export const OfferPaused: Story = {
  name: 'Offer: paused',
  args: { offer: pausedOffer, organization, areas: offerAreas },
};

// ---------------------------------------------------------------- remote states

export const Loading: Story = {
  name: 'Loading',
  args: { projectId: 'prj-1' },
  parameters: {
    ...adapterParameters({ adapter: pendingAdapter }),
    docs: { description: { story: 'An adapter that never answers: the skeleton stays.' } },
  },
};

export const LoadedById: Story = {
  name: 'Loaded by id (3 s latency)',
  args: { offerId: 'off-1' },
  parameters: {
    ...adapterParameters({ adapter: slowAdapter(3000) }),
    docs: {
      description: {
        story: '`offer-id="off-1"` through the provider\'s adapter, each call taking 3 s: the skeleton, then the card with its organization and areas.',
      },
    },
  },
};

export const LoadError: Story = {
  name: 'Error',
  args: { projectId: 'prj-1' },
  parameters: {
    ...adapterParameters({ adapter: failingAdapter }),
    docs: { description: { story: 'An adapter that rejects with a network error; 重试 tries again (and fails again).' } },
  },
};

export const NotFound: Story = {
  name: 'Not found',
  args: { projectId: 'prj-deleted' },
  parameters: { docs: { description: { story: 'The adapter answers `not-found`: no retry button.' } } },
};

export const Empty: Story = {
  name: 'Empty',
  parameters: { docs: { description: { story: 'Neither a record nor an id.' } } },
};

// ---------------------------------------------------------------- layouts

export const NarrowGrid: Story = {
  name: 'Grid at 320px',
  render: (args) =>
    html`<div style="inline-size: 320px; display: grid; grid-template-columns: 1fr; gap: 12px">
      ${card({ ...args, project, organization, areas: projectAreas })}
      ${card({ ...args, project: longProject, organization: longOrganization, areas: projectAreas })}
      ${card({ ...args, offer: nearlyFullOffer, organization, areas: offerAreas })}
      ${card({ ...args, offer: fullOffer, organization, areas: offerAreas })}
    </div>`,
  parameters: { docs: { description: { story: 'A phone-width column of cards; try the compact layout and the elder theme.' } } },
};

export const AllThemes: Story = {
  name: 'All themes',
  args: { offer, organization, areas: offerAreas },
  argTypes: { theme: { table: { disable: true } } },
  render: (args) =>
    html`<div style="display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; align-items: start">
      ${THEMES.map(
        (theme) =>
          html`<section
            style="background: ${PAGE_BACKGROUND[theme]}; color: ${PAGE_TEXT[theme]}; padding: 16px; border-radius: 8px; border: 1px solid #8884"
          >
            <p style="margin: 0 0 12px; font: 600 14px/1.4 system-ui, sans-serif">theme="${theme}"</p>
            ${card(args, theme)}
          </section>`,
      )}
    </div>`,
  parameters: {
    docs: { description: { story: 'The same card with `theme` set on the card itself; the locale still follows the toolbar.' } },
  },
};
