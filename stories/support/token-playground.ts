/**
 * <story-token-playground>: a live editor for the `--rl-*` tokens, for the
 * theming docs page. It lists every token of TOKENS with an input (a colour
 * picker for colours, text otherwise), applies the values to the cards
 * slotted into it, and writes the CSS a site would paste to get the same
 * look. Stories only: it is not part of the kit.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { live } from 'lit/directives/live.js';
import { THEMES, TOKENS, type Theme, type TokenDefinition } from '@renling/elements';
import { PAGE_BACKGROUND } from './page.js';

const HEX_COLOR = /^#[0-9a-f]{6}$/iu;

/** A token is a colour when every theme gives it a #rrggbb value: those get a picker. */
export function isColorToken(t: TokenDefinition): boolean {
  return THEMES.every((theme) => HEX_COLOR.test(t[theme]));
}

const COLOR_TOKENS = TOKENS.filter(isColorToken);
const OTHER_TOKENS = TOKENS.filter((t) => !isColorToken(t));

export class StoryTokenPlayground extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color: var(--rl-color-text, #1f2329);
      font-family: var(--rl-font-family, system-ui, sans-serif);
      font-size: 14px;
      line-height: 1.5;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(300px, 1fr) minmax(300px, 1.1fr);
      gap: 24px;
      align-items: start;
    }
    @media (max-width: 760px) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
      margin-block-end: 12px;
    }
    fieldset {
      border: 1px solid var(--rl-color-border, #d5d9df);
      border-radius: 8px;
      margin: 0 0 16px;
      padding: 8px 12px 12px;
    }
    legend {
      font-weight: 600;
      padding-inline: 4px;
    }
    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 2px 8px;
      padding-block: 6px;
      border-block-end: 1px solid var(--rl-color-surface-muted, #f5f6f8);
    }
    .row:last-child {
      border-block-end: none;
    }
    .row label {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 13px;
    }
    .row.changed label::after {
      content: ' ●';
      color: var(--rl-color-primary, #b4262a);
    }
    .description {
      grid-column: 1 / -1;
      color: var(--rl-color-text-muted, #5b6470);
      font-size: 12px;
    }
    .inputs {
      display: flex;
      gap: 6px;
      align-items: center;
    }
    input[type='text'] {
      inline-size: 11em;
      font: 13px ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      padding: 4px 6px;
      border: 1px solid var(--rl-color-border, #d5d9df);
      border-radius: 4px;
      background: var(--rl-color-surface, #fff);
      color: inherit;
    }
    .wide input[type='text'] {
      inline-size: 16em;
    }
    input[type='color'] {
      inline-size: 36px;
      block-size: 28px;
      padding: 0;
      border: 1px solid var(--rl-color-border, #d5d9df);
      border-radius: 4px;
      background: none;
    }
    button,
    select {
      font: inherit;
      padding: 4px 10px;
      border: 1px solid var(--rl-color-border, #d5d9df);
      border-radius: 4px;
      background: var(--rl-color-surface, #fff);
      color: inherit;
      cursor: pointer;
    }
    button.icon {
      padding: 2px 6px;
    }
    button:disabled {
      cursor: default;
      opacity: 0.5;
    }
    :focus-visible {
      outline: 2px solid var(--rl-color-focus, #1a5fd0);
      outline-offset: 2px;
    }
    .sticky {
      position: sticky;
      inset-block-start: 8px;
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .preview {
      display: grid;
      gap: 16px;
      padding: 16px;
      border-radius: 8px;
      border: 1px dashed var(--rl-color-border, #d5d9df);
    }
    textarea {
      box-sizing: border-box;
      inline-size: 100%;
      min-block-size: 10em;
      font: 12px/1.5 ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      padding: 8px;
      border: 1px solid var(--rl-color-border, #d5d9df);
      border-radius: 4px;
      background: var(--rl-color-surface-muted, #f5f6f8);
      color: inherit;
      resize: vertical;
    }
    .snippet-head {
      display: flex;
      gap: 8px;
      align-items: center;
      justify-content: space-between;
      flex-wrap: wrap;
    }
    h3 {
      margin: 0;
      font-size: 14px;
    }
    .status {
      color: var(--rl-color-success, #1d6b3a);
      font-size: 12px;
    }
  `;

  /** The theme the edits start from; the story passes the toolbar's theme. */
  @property() base: Theme = 'light';

  @state() private theme: Theme = 'light';
  @state() private overrides: Partial<Record<string, string>> = {};
  @state() private includeAll = false;
  @state() private copyStatus = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('base')) this.theme = this.base;
  }

  /** The value a token has now: the edit, else the theme's. */
  private tokenValue(t: TokenDefinition): string {
    return this.overrides[t.name] ?? t[this.theme];
  }

  private setToken(name: string, value: string): void {
    const def = TOKENS.find((t) => t.name === name);
    const next = { ...this.overrides };
    // an edit back to the theme's own value is no edit
    if (!def || value.trim() === '' || value.trim() === def[this.theme]) delete next[name];
    else next[name] = value.trim();
    this.overrides = next;
    this.copyStatus = '';
  }

  /** Clears every edit. */
  reset(): void {
    this.overrides = {};
    this.copyStatus = '';
  }

  /** The CSS for the current edits (or the whole theme with them). */
  get cssSnippet(): string {
    const tokens = TOKENS.filter((t) => this.includeAll || this.overrides[t.name] !== undefined);
    if (tokens.length === 0) return `/* No changes yet: edit a token to generate CSS. */\n`;
    const lines = tokens.map((t) => `  --rl-${t.name}: ${this.tokenValue(t)};`);
    const use =
      this.theme === 'light'
        ? '<rl-provider> (or any ancestor of the components)'
        : `<rl-provider theme="${this.theme}">`;
    return `/* Renling tokens over the ${this.theme} theme; use with ${use} */\nrl-provider {\n${lines.join('\n')}\n}\n`;
  }

  private async copy(): Promise<void> {
    const text = this.cssSnippet;
    try {
      await navigator.clipboard.writeText(text);
      this.copyStatus = 'Copied to the clipboard.';
    } catch {
      // no clipboard permission (e.g. inside an iframe): select it for Ctrl+C
      const area = this.renderRoot.querySelector('textarea');
      area?.focus();
      area?.select();
      this.copyStatus = 'Selected: press Ctrl+C (⌘C) to copy.';
    }
  }

  private renderRow(t: TokenDefinition, color: boolean) {
    const value = this.tokenValue(t);
    const changed = this.overrides[t.name] !== undefined;
    const id = `token-${t.name}`;
    return html`<div class="row ${changed ? 'changed' : ''} ${color ? '' : 'wide'}">
      <label for=${id}>--rl-${t.name}</label>
      <span class="inputs">
        ${color
          ? html`<input
              type="color"
              aria-label=${`--rl-${t.name} colour picker`}
              .value=${live(HEX_COLOR.test(value) ? value.toLowerCase() : t[this.theme])}
              @input=${(e: Event) => this.setToken(t.name, (e.target as HTMLInputElement).value)}
            />`
          : nothing}
        <input
          id=${id}
          type="text"
          spellcheck="false"
          .value=${live(value)}
          @change=${(e: Event) => this.setToken(t.name, (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') this.setToken(t.name, (e.target as HTMLInputElement).value);
          }}
        />
        <button
          class="icon"
          type="button"
          title="Reset this token"
          aria-label=${`Reset --rl-${t.name}`}
          ?disabled=${!changed}
          @click=${() => this.setToken(t.name, t[this.theme])}
        >
          ↺
        </button>
      </span>
      <span class="description">${t.description}</span>
    </div>`;
  }

  protected override render() {
    const vars: Record<string, string> = {
      background: PAGE_BACKGROUND[this.theme],
      'color-scheme': this.theme === 'dark' ? 'dark' : 'light',
    };
    for (const t of TOKENS) vars[`--rl-${t.name}`] = this.tokenValue(t);
    const count = Object.keys(this.overrides).length;
    return html`<div class="toolbar">
        <label
          >Start from theme
          <select
            @change=${(e: Event) => {
              this.theme = (e.target as HTMLSelectElement).value as Theme;
            }}
          >
            ${THEMES.map((theme) => html`<option value=${theme} ?selected=${theme === this.theme}>${theme}</option>`)}
          </select></label
        >
        <button type="button" ?disabled=${count === 0} @click=${() => this.reset()}>Reset all (${count} changed)</button>
      </div>
      <div class="layout">
        <div>
          <fieldset>
            <legend>Colours</legend>
            ${COLOR_TOKENS.map((t) => this.renderRow(t, true))}
          </fieldset>
          <fieldset>
            <legend>Type, space and shape</legend>
            ${OTHER_TOKENS.map((t) => this.renderRow(t, false))}
          </fieldset>
        </div>
        <div class="sticky">
          <div class="preview" style=${styleMap(vars)} data-testid="preview">
            <slot></slot>
          </div>
          <div class="snippet-head">
            <h3 id="snippet-title">CSS</h3>
            <label><input type="checkbox" .checked=${this.includeAll} @change=${(e: Event) => {
              this.includeAll = (e.target as HTMLInputElement).checked;
            }} /> include unchanged tokens</label>
            <button type="button" @click=${() => void this.copy()}>Copy CSS</button>
          </div>
          <textarea readonly aria-labelledby="snippet-title" .value=${this.cssSnippet}></textarea>
          <span class="status" role="status">${this.copyStatus}</span>
        </div>
      </div>`;
  }
}

if (!customElements.get('story-token-playground')) customElements.define('story-token-playground', StoryTokenPlayground);

declare global {
  interface HTMLElementTagNameMap {
    'story-token-playground': StoryTokenPlayground;
  }
}
