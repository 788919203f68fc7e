import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { DataAdapter, Locale } from '@renling/core';
import { rlElement } from '../../base/define.js';
import { VERSION } from '../../base/version.js';
import { servicesContext, type RenlingServices } from '../../context/services.js';
import { currentLocale, resolveLocale, useLocale } from '../../localization/localization.js';
import { themeStyles, type Theme } from '../../styles/tokens.js';

/**
 * @tagname rl-provider
 * @summary Gives the components inside it their data adapter, language and theme.
 *
 * @slot - The page content holding Renling components.
 *
 * It renders no box of its own (`display: contents`) and does not restyle the
 * page's own content: only the `--rl-*` tokens of its theme inherit down.
 */
@rlElement('rl-provider')
export class RlProvider extends LitElement {
  static readonly rlVersion = VERSION;

  static override styles = [
    themeStyles,
    css`
      :host {
        display: contents;
      }
    `,
  ];

  /** The data source every descendant uses. */
  @property({ attribute: false }) adapter: DataAdapter | null = null;

  /** `zh-CN`, `zh-TW` or `en`; without it the page's `lang` decides. */
  @property({ reflect: true }) locale: Locale | undefined;

  /** `light`, `dark` or `elder`, applied to every descendant. */
  @property({ reflect: true }) theme: Theme | undefined;

  private readonly provider = new ContextProvider(this, {
    context: servicesContext,
    initialValue: this.snapshot(),
  });

  private snapshot(): RenlingServices {
    return {
      adapter: this.adapter,
      locale: this.locale ? resolveLocale(this.locale) : currentLocale(),
      theme: this.theme ?? null,
    };
  }

  // the page's lang may change the locale under a provider without one
  private readonly onLocaleStatus = (event: Event): void => {
    if ((event as CustomEvent<{ status: string }>).detail.status === 'ready') this.provider.setValue(this.snapshot());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lit-localize-status', this.onLocaleStatus);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('lit-localize-status', this.onLocaleStatus);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) void useLocale(this.locale ? resolveLocale(this.locale) : null);
    // a new object, so consumers that compare by identity see the change
    this.provider.setValue(this.snapshot());
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rl-provider': RlProvider;
  }
}
