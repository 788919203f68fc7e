import { css } from 'lit';
import { token } from './tokens.js';

/**
 * Declarations the components' buttons share (put inside their own
 * selectors: each component keeps its own padding and weight).
 */

/** At least the theme's target size both ways: 44px, 56px in the elder theme. */
export const targetSize = css`
  min-block-size: ${token('target-size')};
  min-inline-size: ${token('target-size')};
`;

/** A button that cannot be pressed now: greyed out, with the not-allowed cursor. */
export const disabledButton = css`
  cursor: not-allowed;
  background: ${token('color-surface-muted')};
  color: ${token('color-text-muted')};
  border-color: ${token('color-border')};
`;
