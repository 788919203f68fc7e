import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const orgResultsStyles = css`
  .list {
    /* the virtualizer sets display, position and contain on the list itself */
    block-size: var(--rl-org-directory-list-height, min(70vh, 720px));
    min-block-size: 240px;
    margin: 0;
    padding: 0;
    list-style: none;
    overflow-y: auto;
    overscroll-behavior: contain;
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  .row {
    position: relative;
    /* a row's layout and paint stay inside it: a new search re-lays out only the rows */
    contain: content;
    inline-size: 100%;
    display: flex;
    flex-direction: column;
    gap: 0.2em;
    padding: ${token('space-s')} ${token('space-m')};
    border-block-end: ${token('border-width')} solid ${token('color-border')};
    background: ${token('color-surface')};
  }
  .row:hover {
    background: ${token('color-surface-muted')};
  }
  .row:focus-within {
    background: ${token('color-surface-muted')};
  }
  .row-head {
    display: flex;
    align-items: baseline;
    gap: ${token('space-s')};
    min-inline-size: 0;
  }
  .name {
    font-size: 1.125em;
    font-weight: 700;
    line-height: 1.4;
    color: ${token('color-text')};
    text-decoration: none;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    min-inline-size: 0;
  }
  /* the whole row is the name link's target: a big area for a finger, one short link name for a screen reader */
  .name::after {
    content: '';
    position: absolute;
    inset: 0;
  }
  .name:hover {
    color: ${token('color-primary')};
    text-decoration: underline;
  }
  .name:focus-visible {
    outline: none;
  }
  .name:focus-visible::after {
    outline: 3px solid ${token('color-focus')};
    outline-offset: -3px;
  }
  .badge {
    flex: none;
    display: inline-block;
    padding: 0 0.45em;
    border-radius: ${token('radius-s')};
    font-size: 0.8125em;
    /* within the name's line: at 1.6 the badge, aligned on the name's baseline, made a row with a
       rating a fraction of a pixel taller than one without (see .match-label) */
    line-height: 1.4;
    white-space: nowrap;
  }
  .rating {
    background: ${token('color-badge')};
    color: ${token('color-badge-text')};
    font-weight: 700;
  }
  .open {
    color: ${token('color-success')};
    font-weight: 600;
  }
  .line {
    font-size: 0.9375em;
    color: ${token('color-text')};
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .match-label {
    display: inline-block;
    /* inside the line's own height: hanging below its baseline, the label's border made rows with
       one a pixel taller than rows without, and every search then had the virtualizer measure and
       move its rows again within the frame */
    line-height: 1.3;
    vertical-align: middle;
    margin-inline-end: ${token('space-xs')};
    padding: 0 0.35em;
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-s')};
    font-size: 0.8125em;
    color: ${token('color-text-muted')};
  }
  mark {
    background: ${token('color-badge')};
    color: ${token('color-badge-text')};
    font-weight: 700;
    border-radius: 2px;
  }
  .row--loading {
    gap: ${token('space-s')};
    min-block-size: 5.5em;
  }
  .skeleton {
    display: block;
    border-radius: ${token('radius-s')};
    background: ${token('color-surface-muted')};
    block-size: 1em;
  }
  .skeleton--name {
    inline-size: 55%;
    block-size: 1.25em;
  }
  .skeleton--line {
    inline-size: 80%;
  }
`;
