import { createContext } from '@lit/context';
import type { Actor, DataAdapter, Locale, Outbox, RenlingDatabase, StorageState } from '@renling/core';
import type { Theme } from '../styles/tokens.js';

/** What `<rl-provider>` gives its descendants. Components never import an adapter themselves. */
export interface RenlingServices {
  /** Reads (cached where the source is remote) and claim actions. */
  adapter: DataAdapter | null;
  /** Where needs and offers are submitted: stored first, sent when the network allows. */
  outbox: Outbox | null;
  /** The kit's database (IndexedDB, or memory); forms keep their drafts in its 'meta' store. */
  database?: RenlingDatabase | null;
  /** `ok` (saved in the browser), `memory` (this session only), `unavailable` (another tab blocks it). */
  storageState: StorageState;
  locale: Locale;
  theme: Theme | null;
  /**
   * Who is using the page (community staff, an organization, a resident), so
   * components offer only the actions that person may take. The server's
   * session decides what is really allowed; a local adapter acts as this person.
   */
  viewer?: Actor | null;
}

// Symbol.for: a provider from one copy of the kit serves components of another
export const servicesContext = createContext<RenlingServices | undefined>(Symbol.for('renling.services'));
