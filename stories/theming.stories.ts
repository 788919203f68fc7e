/**
 * The stories behind the theming docs page (theming.mdx): the token table,
 * the CSS parts, and the live token editor. Each also opens on its own.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { THEMES, TOKENS, type Theme, type TokenDefinition } from '@renling/elements';
import '@renling/elements/rl-project-card.js';
import { cardParts, cardProperties } from './support/element-docs.js';
import { nearlyFullOffer, offerAreas, organization, project, projectAreas } from './support/data.js';
import { isColorToken } from './support/token-playground.js';
import './support/token-playground.js';

const THEME_VALUES = new Set<string>(THEMES);
const isTheme = (value: unknown): value is Theme => typeof value === 'string' && THEME_VALUES.has(value);
const usedByCard = new Set(cardProperties.map((p) => p.name));

// Shared by the tables below. A <style> in the story keeps them self-contained in docs and canvas alike.
const tableStyles = `
  .rl-doc-table {
    border-collapse: collapse;
    inline-size: 100%;
    font: 14px/1.5 system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif;
    color: inherit;
  }
  .rl-doc-table th,
  .rl-doc-table td {
    text-align: start;
    vertical-align: top;
    padding: 6px 10px;
    border-block-end: 1px solid #8885;
  }
  .rl-doc-table th {
    font-weight: 600;
    white-space: nowrap;
  }
  .rl-doc-table code {
    font: 13px ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    white-space: nowrap;
  }
  .rl-doc-table .value {
    display: flex;
    gap: 6px;
    align-items: center;
    font: 12px ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    overflow-wrap: anywhere;
  }
  .rl-doc-table .swatch {
    flex: none;
    inline-size: 22px;
    block-size: 22px;
    border-radius: 4px;
    border: 1px solid #8888;
  }
  .rl-doc-table .muted {
    opacity: 0.75;
    font-size: 12px;
  }
`;

/** JSDoc text with `code` spans rendered as <code>. */
function withCode(text: string): TemplateResult[] {
  return text.split('`').map((piece, i) => (i % 2 === 1 ? html`<code>${piece}</code>` : html`${piece}`));
}

function tokenValue(t: TokenDefinition, theme: Theme): TemplateResult {
  const value = t[theme];
  return html`<span class="value">
    ${isColorToken(t) ? html`<span class="swatch" style="background: ${value}" aria-hidden="true"></span>` : ''}
    <span>${value}</span>
  </span>`;
}

const tokenTable = (): TemplateResult => html`<style>
    ${tableStyles}
  </style>
  <table class="rl-doc-table">
    <caption style="caption-side: bottom; text-align: start; padding-block-start: 8px" class="muted">
      ${TOKENS.length} tokens from <code>TOKENS</code> (packages/elements/src/styles/tokens.ts). “Card” marks the ones
      <code>&lt;rl-project-card&gt;</code> documents with <code>@cssproperty</code>.
    </caption>
    <thead>
      <tr>
        <th scope="col">Token</th>
        <th scope="col">Description</th>
        ${THEMES.map((theme) => html`<th scope="col">${theme}</th>`)}
        <th scope="col">Card</th>
      </tr>
    </thead>
    <tbody>
      ${TOKENS.map(
        (t) => html`<tr>
          <th scope="row"><code>--rl-${t.name}</code></th>
          <td>${t.description}</td>
          ${THEMES.map((theme) => html`<td>${tokenValue(t, theme)}</td>`)}
          <td>${usedByCard.has(`--rl-${t.name}`) ? '✓' : ''}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;

const partsExample = `.my-portal rl-project-card::part(base) {
  border-inline-start: 6px solid var(--rl-color-primary);
}
.my-portal rl-project-card::part(title) {
  letter-spacing: 0.05em;
}
.my-portal rl-project-card::part(button) {
  border-radius: 999px;
}`;

const partsTable = (): TemplateResult => html`<style>
    ${tableStyles}
    ${partsExample.replaceAll('.my-portal', '.rl-parts-demo')}
  </style>
  <table class="rl-doc-table">
    <caption style="caption-side: bottom; text-align: start; padding-block-start: 8px" class="muted">
      Read at build time from the <code>@csspart</code> lines of project-card.ts.
    </caption>
    <thead>
      <tr>
        <th scope="col">Part</th>
        <th scope="col">What it is</th>
        <th scope="col">Selector</th>
      </tr>
    </thead>
    <tbody>
      ${cardParts.map(
        (p) => html`<tr>
          <th scope="row"><code>${p.name}</code></th>
          <td>${withCode(p.description)}</td>
          <td><code>rl-project-card::part(${p.name})</code></td>
        </tr>`,
      )}
    </tbody>
  </table>
  <div
    style="display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 16px; align-items: start; margin-block-start: 16px"
  >
    <pre
      style="margin: 0; padding: 12px; border-radius: 6px; background: #8882; font: 12px/1.5 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap"
    ><code>${partsExample}</code></pre>
    <div class="rl-parts-demo">
      <rl-project-card .offer=${nearlyFullOffer} .organization=${organization} .areas=${offerAreas}></rl-project-card>
    </div>
  </div>`;

const meta: Meta = {
  title: 'Theming',
  parameters: { layout: 'fullscreen' },
};

export default meta;
type Story = StoryObj;

export const Tokens: Story = {
  render: tokenTable,
};

export const Parts: Story = {
  name: 'CSS parts',
  render: partsTable,
};

export const Playground: Story = {
  name: 'Token playground',
  render: (_args, context) => {
    const theme = isTheme(context.globals['theme']) ? context.globals['theme'] : 'light';
    return html`<story-token-playground .base=${theme}>
      <rl-project-card .project=${project} .organization=${organization} .areas=${projectAreas}></rl-project-card>
      <rl-project-card .offer=${nearlyFullOffer} .organization=${organization} .areas=${offerAreas}></rl-project-card>
    </story-token-playground>`;
  },
};
