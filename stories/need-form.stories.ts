import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { action } from 'storybook/actions';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { NeedDraft, NeedSubject } from '@renling/core';
import { THEMES, type RlNeedSubmittedEvent, type RlSubmitErrorEvent, type Theme } from '@renling/elements';
import '@renling/elements/rl-need-form.js';
import '@renling/elements/rl-category-picker.js';
import '@renling/elements/rl-area-picker.js';
import { allAreas } from './support/data.js';
import { writesFail } from './support/forms.js';

interface NeedFormArgs {
  theme: 'inherit' | Theme;
  forWhom: '' | NeedSubject;
  category: string;
  hiddenFields: string;
  requiredFields: string;
  noticeVersion: string;
  headingLevel: number;
  prefill: Partial<NeedDraft> | null;
  /** Each story keeps its own draft. */
  draftKey: string;
}

const logSubmitted = action('rl-need-submitted');
const logError = action('rl-submit-error');

function form(args: NeedFormArgs): TemplateResult {
  return html`<div style="max-inline-size: 640px">
    <rl-need-form
      theme=${ifDefined(args.theme === 'inherit' ? undefined : args.theme)}
      for-whom=${ifDefined(args.forWhom || undefined)}
      category=${ifDefined(args.category || undefined)}
      hidden-fields=${ifDefined(args.hiddenFields || undefined)}
      required-fields=${ifDefined(args.requiredFields || undefined)}
      notice-version=${ifDefined(args.noticeVersion || undefined)}
      heading-level=${args.headingLevel}
      draft-key=${args.draftKey}
      .prefill=${args.prefill}
      @rl-need-submitted=${(e: RlNeedSubmittedEvent) => void logSubmitted(e.detail)}
      @rl-submit-error=${(e: RlSubmitErrorEvent) => void logError({ kind: e.detail.kind, error: e.detail.error.kind, fieldErrors: e.detail.fieldErrors })}
    ></rl-need-form>
  </div>`;
}

const meta: Meta<NeedFormArgs> = {
  title: 'Components/Need form',
  component: 'rl-need-form',
  tags: ['autodocs'],
  render: form,
  args: {
    theme: 'inherit',
    forWhom: '',
    category: '',
    hiddenFields: '',
    requiredFields: '',
    noticeVersion: '',
    headingLevel: 2,
    prefill: null,
    draftKey: 'story-default',
  },
  argTypes: {
    theme: { control: 'inline-radio', options: ['inherit', ...THEMES], table: { category: 'Attributes' } },
    forWhom: {
      name: 'for-whom',
      control: 'inline-radio',
      options: ['', 'self', 'family', 'resident'],
      description: 'Who the need is for to start with; `resident` is the grid-worker mode, which asks for the intake channel.',
      table: { category: 'Attributes' },
    },
    category: { control: 'text', description: 'A category code to preset, e.g. `elderly.meals`.', table: { category: 'Attributes' } },
    hiddenFields: {
      name: 'hidden-fields',
      control: 'text',
      description: 'Space-separated: description, audiences, urgency, preferred-time, beneficiaries, for-whom, health.',
      table: { category: 'Attributes' },
    },
    requiredFields: {
      name: 'required-fields',
      control: 'text',
      description: 'Space-separated optional fields to require: description, preferred-time.',
      table: { category: 'Attributes' },
    },
    noticeVersion: {
      name: 'notice-version',
      control: 'text',
      description: 'The privacy notice version; a draft whose consent was to another version asks again.',
      table: { category: 'Attributes' },
    },
    headingLevel: { name: 'heading-level', control: 'select', options: [2, 3, 4], table: { category: 'Attributes' } },
    prefill: { control: 'object', description: 'Values to start with (never the consents).', table: { category: 'Properties' } },
    draftKey: { name: 'draft-key', control: 'text', table: { category: 'Attributes' } },
  },
  parameters: {
    docs: {
      description: {
        component:
          'A resident, a family member or a grid worker on a resident’s behalf submits a need. The privacy notice and an unticked consent box come first; ' +
          'submit stays disabled until it is ticked. Health details need their own consent, a child under 14 a guardian’s. The draft is saved as you type ' +
          '(contact and health only with consent); submitting goes through the provider’s outbox: online a tracking number, offline “saved, will be sent”. ' +
          'Submissions log `rl-need-submitted` and `rl-submit-error` in the Actions panel.',
      },
    },
  },
};

export default meta;
type Story = StoryObj<NeedFormArgs>;

export const Resident: Story = {
  name: 'A resident, for themselves',
};

export const GridWorker: Story = {
  name: 'Grid worker, door to door',
  args: { forWhom: 'resident', draftKey: 'story-grid-worker', prefill: { areaCode: '310105001003' } },
  parameters: {
    docs: {
      description: {
        story: 'On behalf of a resident: the form asks how the need was collected, turns off autofill (the worker’s own details must not fill in), and after submitting offers “the next resident” in the same mode.',
      },
    },
  },
};

export const FromCategoryPage: Story = {
  name: 'Preset category, fields hidden and required',
  args: {
    category: 'elderly.meals',
    hiddenFields: 'audiences beneficiaries',
    requiredFields: 'preferred-time',
    draftKey: 'story-category',
  },
  parameters: { docs: { description: { story: 'As embedded on an elderly-care page: category preset, two fields hidden, the preferred time required.' } } },
};

export const Offline: Story = {
  name: 'Offline: saved, will be sent',
  args: { draftKey: 'story-offline' },
  parameters: {
    renling: { adapter: writesFail('network') },
    docs: { description: { story: 'Every send fails as without signal: after submitting, the need is kept in the outbox and the form says it will be sent.' } },
  },
};

export const Refused: Story = {
  name: 'Refused by the server',
  args: { draftKey: 'story-refused' },
  parameters: {
    renling: { adapter: writesFail('forbidden') },
    docs: { description: { story: 'The server refuses for good: the form says why, fires `rl-submit-error`, and 返回修改 goes back to the values.' } },
  },
};

export const Narrow: Story = {
  name: 'Phone at 320px',
  render: (args) => html`<div style="inline-size: 320px">${form(args)}</div>`,
  parameters: { docs: { description: { story: 'A 320px phone; try the elder theme from the toolbar.' } } },
};

export const PickersInAPlainForm: Story = {
  name: 'The pickers in a plain HTML form',
  render: () => {
    const submitted = action('submit (FormData)');
    return html`<form
      style="display: grid; gap: 16px; max-inline-size: 480px"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        submitted([...new FormData(e.target as HTMLFormElement).entries()]);
      }}
    >
      <rl-category-picker name="category" label="服务类别" value="legal-aid" required></rl-category-picker>
      <rl-area-picker name="area" label="所在社区" min-level="community" required .areas=${allAreas}></rl-area-picker>
      <rl-area-picker name="served" label="服务地区" multiple .areas=${allAreas} value="310105001001"></rl-area-picker>
      <div style="display: flex; gap: 8px">
        <button>提交</button>
        <button type="reset">重置</button>
      </div>
    </form>`;
  },
  parameters: {
    docs: {
      description: {
        story: '`<rl-category-picker>` and `<rl-area-picker>` are form-associated: the plain form submits their values (see Actions), `required` blocks it, reset restores the `value` attributes.',
      },
    },
  },
};
