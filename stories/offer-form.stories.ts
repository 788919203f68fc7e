import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { OfferDraft } from '@renling/core';
import { THEMES, type RlOfferSubmittedEvent, type RlSubmitErrorEvent, type Theme } from '@renling/elements';
import '@renling/elements/rl-offer-form.js';
import { offer } from './support/data.js';
import { writesFail } from './support/forms.js';

interface OfferFormArgs {
  theme: 'inherit' | Theme;
  organizationId: string;
  category: string;
  prefill: Partial<OfferDraft> | null;
  draftKey: string;
}

const logSubmitted = action('rl-offer-submitted');
const logError = action('rl-submit-error');

function form(args: OfferFormArgs): TemplateResult {
  return html`<div style="max-inline-size: 640px">
    <rl-offer-form
      theme=${ifDefined(args.theme === 'inherit' ? undefined : args.theme)}
      organization-id=${args.organizationId}
      category=${ifDefined(args.category || undefined)}
      draft-key=${args.draftKey}
      .prefill=${args.prefill}
      @rl-offer-submitted=${(e: RlOfferSubmittedEvent) => void logSubmitted(e.detail)}
      @rl-submit-error=${(e: RlSubmitErrorEvent) => void logError({ kind: e.detail.kind, error: e.detail.error.kind })}
    ></rl-offer-form>
  </div>`;
}

const meta: Meta<OfferFormArgs> = {
  title: 'Components/Offer form',
  component: 'rl-offer-form',
  tags: ['autodocs'],
  render: form,
  args: { theme: 'inherit', organizationId: 'org-1', category: '', prefill: null, draftKey: 'story-offer' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['inherit', ...THEMES], table: { category: 'Attributes' } },
    organizationId: {
      name: 'organization-id',
      control: 'text',
      description: 'The publishing organization (`org-1`, `org-2`, `org-3` in the story data). Without it the form cannot submit.',
      table: { category: 'Attributes' },
    },
    category: { control: 'text', table: { category: 'Attributes' } },
    prefill: { control: 'object', table: { category: 'Properties' } },
    draftKey: { name: 'draft-key', control: 'text', table: { category: 'Attributes' } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'An organization publishes a service offer: category, audiences, service areas (several), places per period, schedule, modes, cost (with an amount unless free), ' +
          'validity and a public contact. Same drafts, messages and outbox as the need form.',
      },
    },
  },
};

export default meta;
type Story = StoryObj<OfferFormArgs>;

export const Empty: Story = { name: 'New offer' };

export const CopyLastYear: Story = {
  name: 'Prefilled from last year’s offer',
  args: {
    draftKey: 'story-offer-copy',
    prefill: { ...offer, validFrom: '2027-01-01', validTo: '2027-12-31' },
  },
};

export const Offline: Story = {
  name: 'Offline: saved, will be published',
  args: { draftKey: 'story-offer-offline', prefill: offer },
  parameters: { renling: { adapter: writesFail('network') } },
};

export const NoOrganization: Story = {
  name: 'Without organization-id',
  args: { organizationId: '', draftKey: 'story-offer-orphan' },
};

export const Narrow: Story = {
  name: 'Phone at 320px',
  args: { draftKey: 'story-offer-narrow' },
  render: (args) => html`<div style="inline-size: 320px">${form(args)}</div>`,
};
