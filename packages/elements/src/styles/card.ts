import { css } from 'lit';
import { token } from './tokens.js';

/**
 * The pieces cards share: the bordered box, the header with its small
 * kicker line, a line of facts split by dots, and small badges.
 */

/** The host lays its content out by its own width (container queries), not the page's, and may shrink below it. */
export const containerHostStyles = css`
  :host {
    container-type: inline-size;
    min-inline-size: 0;
  }
`;

/** Declarations, not a rule: put inside a card's own selector (`.card { ${cardBox} box-shadow: … }`). */
export const cardBox = css`
  display: flex;
  flex-direction: column;
  gap: ${token('space-m')};
  padding: ${token('space-m')};
  background: ${token('color-surface')};
  border: ${token('border-width')} solid ${token('color-border')};
  border-radius: ${token('radius-m')};
`;

/** A card's header: the kicker line (status badge, dates) above the title. */
export const cardHeaderStyles = css`
  .header {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
  }
  .kicker {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-s')};
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
`;

/** Short facts in one muted line, a dot between them; it wraps on a phone. */
export const metaLineStyles = css`
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 ${token('space-s')};
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  .meta > span:not(:last-child)::after {
    content: '·';
    margin-inline-start: ${token('space-s')};
  }
`;

/** A small badge in a line of text; its tone (colour, border) is the component's. */
export const badgeStyles = css`
  .badge {
    display: inline-block;
    padding: 0 0.45em;
    border-radius: ${token('radius-s')};
    font-size: 0.8125em;
    line-height: 1.6;
    white-space: nowrap;
  }
`;

/** Declarations: text cut to `lines` lines, the last ending in an ellipsis. */
export const clampLines = (lines: number) => css`
  display: -webkit-box;
  -webkit-box-orient: vertical;
  -webkit-line-clamp: ${lines};
  overflow: hidden;
`;
