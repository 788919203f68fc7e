import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Actor, DataAdapter, Locale, Outbox, RenlingDatabase, StorageState } from '@renling/core';
import { actorAttribute, canActAs } from '../../base/actor-attribute.js';
import { rlElement } from '../../base/define.js';
import { VERSION } from '../../base/version.js';
import { servicesContext, type RenlingServices } from '../../context/services.js';
import { buildDataChain } from '../../controllers/data-chain.js';
import { currentLocale, resolveLocale, useLocale } from '../../localization/localization.js';
import { themeStyles, type Theme } from '../../styles/tokens.js';

/**
 * @tagname rl-provider
 * @summary Gives the components inside it their data adapter, language and theme.
 *
 * @slot - The page content holding Renling components.
 *
 * Where the data comes from, first match wins: the `adapter` property; the
 * `api` attribute (a server speaking the REST contract, cached in the browser);
 * the `src` attribute (one read-only JSON file beside the page); otherwise the
 * browser's own IndexedDB (`createLocalAdapter`), for kiosks and single-computer
 * offices. Submissions always go through an outbox kept in IndexedDB.
 *
 * @event rl-storage-state - The browser storage changed state; `detail.state` is `ok`, `memory` or `unavailable`.
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

  /** The data source every descendant uses; overrides `api` and `src`. */
  @property({ attribute: false }) adapter: DataAdapter | null = null;

  /** Base URL of a server speaking the Renling REST contract. */
  @property() api: string | undefined;

  /** URL of a static JSON dataset (read-only). */
  @property() src: string | undefined;

  /** Name of the IndexedDB database for the cache, the outbox and local data. */
  @property({ attribute: 'storage-name' }) storageName = 'renling';

  /** `zh-CN`, `zh-TW` or `en`; without it the page's `lang` decides. */
  @property({ reflect: true }) locale: Locale | undefined;

  /** `light`, `dark` or `elder`, applied to every descendant. */
  @property({ reflect: true }) theme: Theme | undefined;

  /**
   * Who uses the page, as `role:id` (`staff:sq-01`, `organization:org-0001`,
   * `resident:r-7`); components then offer that person's actions only. With
   * the browser's own data (no `api`), the adapter also acts as this person.
   */
  @property({ converter: actorAttribute }) viewer: Actor | null = null;

  private readonly provider = new ContextProvider(this, {
    context: servicesContext,
    initialValue: this.snapshot(),
  });

  private database: RenlingDatabase | null = null;
  private outbox: Outbox | null = null;
  private effectiveAdapter: DataAdapter | null = null;
  /** The chain's adapter before it was told who the viewer is. */
  private chainAdapter: DataAdapter | null = null;
  private storageState: StorageState = 'ok';

  /** The adapter in use (after `api`, `src` or the local default was applied). */
  get dataAdapter(): DataAdapter | null {
    return this.effectiveAdapter;
  }

  /** The outbox needs and offers are submitted through. */
  get submissions(): Outbox | null {
    return this.outbox;
  }

  private snapshot(): RenlingServices {
    return {
      adapter: this.effectiveAdapter,
      outbox: this.outbox,
      database: this.database,
      storageState: this.storageState,
      locale: this.locale ? resolveLocale(this.locale) : currentLocale(),
      theme: this.theme ?? null,
      viewer: this.viewer,
    };
  }

  // the page's lang may change the locale under a provider without one
  private readonly onLocaleStatus = (event: Event): void => {
    if ((event as CustomEvent<{ status: string }>).detail.status === 'ready') this.provider.setValue(this.snapshot());
  };

  private readonly onStorageState = (): void => {
    const state = this.database?.state ?? 'ok';
    if (state === this.storageState) return;
    this.storageState = state;
    this.provider.setValue(this.snapshot());
    this.dispatchEvent(new CustomEvent('rl-storage-state', { detail: { state }, bubbles: true, composed: true }));
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('lit-localize-status', this.onLocaleStatus);
    this.outbox?.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('lit-localize-status', this.onLocaleStatus);
    this.outbox?.stop();
  }

  /** Builds the data chain: source adapter, read cache, outbox, over one database (see controllers/data-chain.ts). */
  private connectData(): void {
    this.outbox?.stop();
    const chain = buildDataChain({ adapter: this.adapter, api: this.api, src: this.src, storageName: this.storageName }, this.database);
    if (chain.database !== this.database) {
      this.database?.removeEventListener('statechange', this.onStorageState);
      this.database = chain.database;
      this.database.addEventListener('statechange', this.onStorageState);
      this.onStorageState();
    }
    this.chainAdapter = chain.adapter;
    this.outbox = chain.outbox;
    if (this.isConnected) this.outbox.start();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) void useLocale(this.locale ? resolveLocale(this.locale) : null);
    if (changed.has('adapter') || changed.has('api') || changed.has('src') || changed.has('storageName')) this.connectData();
    if (changed.has('adapter') || changed.has('api') || changed.has('src') || changed.has('storageName') || changed.has('viewer')) {
      // a view over the same data, so switching who acts keeps one picture of it
      const base = this.chainAdapter;
      this.effectiveAdapter = base && this.viewer && canActAs(base) ? (base.withActor(this.viewer) as DataAdapter) : base;
    }
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
