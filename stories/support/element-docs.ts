/**
 * The card's CSS parts and custom properties, read from the JSDoc of its
 * source at build time (a `?raw` import), so the theming page cannot drift
 * from the element. Once custom-elements.json is generated it is the better
 * source; the JSDoc is what feeds it.
 */
import cardSource from '../../packages/elements/src/components/project-card/project-card.ts?raw';

export interface DocEntry {
  name: string;
  description: string;
}

/** `@tag name - description` lines of the first JSDoc block that has them. */
export function readJsDocTag(source: string, tag: 'csspart' | 'cssproperty' | 'slot' | 'event'): DocEntry[] {
  const pattern = new RegExp(`^\\s*\\*\\s*@${tag}\\s+(?:\\{[^}]*\\}\\s+)?(\\S+)\\s+-\\s+(.+?)\\s*$`, 'gmu');
  return [...source.matchAll(pattern)].map((m) => ({ name: m[1] ?? '', description: m[2] ?? '' }));
}

export const cardParts: DocEntry[] = readJsDocTag(cardSource, 'csspart');
export const cardProperties: DocEntry[] = readJsDocTag(cardSource, 'cssproperty');
