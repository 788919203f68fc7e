import { css } from 'lit';
import { token } from '../../styles/tokens.js';
import { badgeStyles, clampLines, metaLineStyles } from '../../styles/card.js';

/** The list and its rows; the rows' content (rendered by the desk) uses the classes below. */
export const matcherListStyles = css`
  :host {
    min-inline-size: 0;
  }
  .list {
    /* the virtualizer sets display, position and contain on the list itself */
    block-size: var(--rl-matcher-list-height, min(60vh, 560px));
    min-block-size: 200px;
    overflow-y: auto;
    overscroll-behavior: contain;
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  .row {
    /* a row's layout and paint stay inside it */
    contain: content;
    inline-size: 100%;
    min-block-size: ${token('target-size')};
    display: flex;
    flex-direction: column;
    gap: 0.15em;
    padding: ${token('space-s')} ${token('space-m')};
    border-block-end: ${token('border-width')} solid ${token('color-border')};
    border-inline-start: 4px solid transparent;
    background: ${token('color-surface')};
    cursor: pointer;
  }
  .row:hover {
    background: ${token('color-surface-muted')};
  }
  .row:focus-visible {
    outline: 3px solid ${token('color-focus')};
    outline-offset: -3px;
  }
  .row--selected {
    border-inline-start-color: ${token('color-primary')};
    background: ${token('color-surface-muted')};
  }
  .row-head {
    display: flex;
    align-items: flex-start;
    gap: ${token('space-s')};
    min-inline-size: 0;
  }
  .title {
    flex: 1 1 auto;
    min-inline-size: 0;
    font-weight: 700;
    line-height: 1.4;
    /* long Chinese titles wrap to two lines, then end in an ellipsis */
    ${clampLines(2)}
  }
  ${metaLineStyles}
  ${badgeStyles}
  .badge {
    flex: none;
    border: ${token('border-width')} solid currentColor;
    font-weight: 600;
  }
  .urgency--critical,
  .places--full {
    color: ${token('color-danger')};
  }
  .urgency--high,
  .pending {
    color: ${token('color-warning')};
  }
  .urgency--normal,
  .urgency--low {
    color: ${token('color-text-muted')};
  }
  .status--submitted {
    color: ${token('color-primary')};
  }
  .places--open {
    color: ${token('color-success')};
  }
`;
