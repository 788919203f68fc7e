import { css } from 'lit';
import { token } from './tokens.js';

/**
 * A reset that survives hostile host CSS.
 *
 * `all: initial` drops whatever the page's selectors put on the host, and
 * leaves custom properties alone, so `--rl-*` tokens still inherit. The
 * inherited text properties are marked !important: for important rules the
 * shadow tree's `:host` beats the page (CSS Scoping, cascade by context), so
 * `* { color: red !important; line-height: 3 }` on the page cannot reach in.
 * Layout properties (display, margin, width) stay overridable by the page.
 * Sizes are px or em, never rem: pages change the root font size.
 */
export const resetStyles = css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    color: ${token('color-text')} !important;
    font-family: ${token('font-family')} !important;
    font-size: ${token('font-size')} !important;
    font-style: normal !important;
    font-weight: 400 !important;
    font-variant: normal !important;
    line-height: ${token('line-height')} !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    white-space: normal !important;
    word-break: normal !important;
    overflow-wrap: anywhere !important;
    -webkit-text-size-adjust: 100%;
    text-size-adjust: 100%;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h1,
  h2,
  h3,
  h4,
  p,
  ul,
  ol,
  dl,
  dd,
  figure {
    margin: 0;
    padding: 0;
  }
  ul,
  ol {
    list-style: none;
  }
  button {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
    line-height: 1.2;
  }
  :focus-visible {
    outline: 3px solid ${token('color-focus')};
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 1ms !important;
      transition-duration: 1ms !important;
    }
  }
`;
