/**
 * Services for a component that may stand alone: the surrounding
 * `<rl-provider>`'s, unless the component names its own source (`adapter`,
 * `api`, `src`), in which case it builds the provider's chain for itself
 * (controllers/data-chain.ts). With neither, it falls back to the
 * provider's default, the browser's own IndexedDB, as a provider would.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import type { DataAdapter } from '@renling/core';
import { servicesContext, type RenlingServices } from '../context/services.js';
import { currentLocale } from '../localization/localization.js';
import { buildDataChain, type DataChain } from './data-chain.js';

/** What a standalone-capable component exposes as attributes and properties. */
export interface ServicesHost extends ReactiveElement {
  adapter: DataAdapter | null;
  api: string | undefined;
  src: string | undefined;
  storageName: string;
}

export class ServicesController implements ReactiveController {
  private readonly consumer: ContextConsumer<typeof servicesContext, ServicesHost>;
  private own: { chain: DataChain; adapter: DataAdapter | null; api: string | undefined; src: string | undefined } | null = null;
  private connected = false;

  constructor(private readonly host: ServicesHost) {
    host.addController(this);
    this.consumer = new ContextConsumer(host, { context: servicesContext, subscribe: true });
  }

  /** The services in use; undefined until the host is connected. Usable in `willUpdate`, which runs before controllers update. */
  get services(): RenlingServices | undefined {
    if (this.connected) this.resolve();
    const provided = this.consumer.value;
    if (!this.own) return provided;
    const { database, adapter, outbox } = this.own.chain;
    return {
      adapter,
      outbox,
      database,
      storageState: database.state,
      locale: provided?.locale ?? currentLocale(),
      theme: provided?.theme ?? null,
      viewer: provided?.viewer ?? null,
    };
  }

  hostConnected(): void {
    this.connected = true;
    this.own?.chain.outbox.start();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.own?.chain.outbox.stop();
  }

  hostUpdate(): void {
    this.resolve();
  }

  private resolve(): void {
    const { adapter, api, src, storageName } = this.host;
    const explicit = Boolean(adapter || api || src);
    // a provider answers synchronously on connect, so by the first update we know whether there is one
    if (!explicit && this.consumer.value) {
      this.release();
      return;
    }
    const own = this.own;
    if (own && own.adapter === adapter && own.api === api && own.src === src && own.chain.database.name === storageName) return;
    own?.chain.outbox.stop();
    const chain = buildDataChain({ adapter, api, src, storageName }, own?.chain.database ?? null);
    if (own && chain.database !== own.chain.database) this.forget(own.chain);
    if (chain.database !== own?.chain.database) chain.database.addEventListener('statechange', this.onStorageState);
    this.own = { chain, adapter, api, src };
    if (this.connected) chain.outbox.start();
  }

  private readonly onStorageState = (): void => {
    this.host.requestUpdate();
  };

  private forget(chain: DataChain): void {
    chain.outbox.stop();
    chain.database.removeEventListener('statechange', this.onStorageState);
  }

  /** A provider appeared (or the host's own source was removed): drop the chain built for standing alone. */
  private release(): void {
    if (!this.own) return;
    this.forget(this.own.chain);
    this.own = null;
  }
}
