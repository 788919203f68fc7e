import { createContext } from '@lit/context';
import type { DataAdapter, Locale } from '@renling/core';
import type { Theme } from '../styles/tokens.js';

/** What `<rl-provider>` gives its descendants. Components never import an adapter themselves. */
export interface RenlingServices {
  adapter: DataAdapter | null;
  locale: Locale;
  theme: Theme | null;
}

export const servicesContext = createContext<RenlingServices | undefined>(Symbol.for('renling.services'));
