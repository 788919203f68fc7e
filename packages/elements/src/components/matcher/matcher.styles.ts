import { css } from 'lit';
import { token } from '../../styles/tokens.js';
import { targetSize } from '../../styles/buttons.js';
import { cardBox, clampLines, containerHostStyles, metaLineStyles } from '../../styles/card.js';
import { focusedHeadingStyles, messageBoxStyles, skeletonPulseStyles, skeletonStyles } from '../../styles/states.js';

export const matcherStyles = css`
  ${containerHostStyles}
  .matcher {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
    min-inline-size: 0;
  }

  /* ---------------------------------------------------------------- filter bar */
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: ${token('space-s')} ${token('space-m')};
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9.5em, 1fr));
    align-items: end;
    gap: ${token('space-s')};
    flex: 1 1 32em;
    min-inline-size: 0;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
    min-inline-size: 0;
  }
  .field-label {
    font-size: 0.875em;
    font-weight: 600;
    color: ${token('color-text-muted')};
  }
  select {
    inline-size: 100%;
    min-block-size: ${token('target-size')};
    padding: 0.3em 0.5em;
    font: inherit;
    color: ${token('color-text')};
    background: ${token('color-surface')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-s')};
  }

  /* ---------------------------------------------------------------- buttons */
  .button {
    ${targetSize}
    padding: 0.4em 1em;
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
    font-weight: 600;
    cursor: pointer;
  }
  .button:hover {
    border-color: ${token('color-text')};
  }
  .button--primary {
    background: ${token('color-primary')};
    border-color: ${token('color-primary')};
    color: ${token('color-on-primary')};
  }
  .button--primary:hover {
    border-color: ${token('color-primary')};
    filter: brightness(1.1);
  }
  .button--current,
  .button[aria-pressed='true'] {
    border-color: ${token('color-primary')};
    box-shadow: inset 0 0 0 1px ${token('color-primary')};
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
    filter: none;
  }
  .button--danger {
    border-color: ${token('color-danger')};
    color: ${token('color-danger')};
  }
  .button--danger:hover {
    border-color: ${token('color-danger')};
    box-shadow: inset 0 0 0 1px ${token('color-danger')};
  }
  .decision--accept[aria-pressed='true'] {
    background: ${token('color-success')};
    border-color: ${token('color-success')};
    color: ${token('color-surface')};
  }
  .decision--reject[aria-pressed='true'] {
    background: ${token('color-surface-muted')};
    border-color: ${token('color-text')};
    text-decoration: line-through;
  }

  /* ---------------------------------------------------------------- desk */
  .desk {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: ${token('space-m')};
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    min-inline-size: 0;
  }
  .panel[hidden] {
    display: none;
  }
  .panel-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: ${token('space-s')};
  }
  .heading {
    font-size: 1.125em;
    font-weight: 700;
    line-height: 1.4;
  }
  .heading--1 {
    font-size: 1em;
  }
  ${focusedHeadingStyles}
  .count {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  rl-matcher-list {
    display: block;
  }

  /* two lists side by side, the suggestions below them; three columns when there is room */
  @container (min-width: 720px) {
    .desk {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    .panel--suggestions {
      grid-column: 1 / -1;
    }
  }
  @container (min-width: 1200px) {
    .desk {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(0, 1.15fr);
    }
    .panel--suggestions {
      grid-column: auto;
      max-block-size: calc(var(--rl-matcher-list-height, min(60vh, 560px)) + 4em);
      overflow-y: auto;
    }
  }

  .tabs {
    display: flex;
    border-block-end: ${token('border-width')} solid ${token('color-border')};
  }
  .tab {
    flex: 1 1 0;
    min-inline-size: 0;
    min-block-size: ${token('target-size')};
    padding: 0.3em 0.4em;
    border: none;
    border-block-end: 3px solid transparent;
    background: transparent;
    color: ${token('color-text-muted')};
    font-weight: 600;
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    color: ${token('color-text')};
    border-block-end-color: ${token('color-primary')};
  }

  /* ---------------------------------------------------------------- suggestions */
  .subject {
    font-weight: 600;
  }
  .hint,
  .explain {
    color: ${token('color-text-muted')};
  }
  .note {
    padding: ${token('space-xs')} ${token('space-s')};
    border-inline-start: 4px solid ${token('color-warning')};
    background: ${token('color-surface')};
  }
  .candidates,
  .pairs {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
  }
  .candidate {
    display: flex;
    gap: ${token('space-s')};
    padding: ${token('space-s')} ${token('space-m')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
    box-shadow: ${token('shadow')};
  }
  .pair--accept {
    border-color: ${token('color-success')};
    border-inline-start-width: 4px;
  }
  .pair--reject {
    background: ${token('color-surface-muted')};
  }
  .cand-rank {
    flex: none;
    inline-size: 1.75em;
    block-size: 1.75em;
    border-radius: 999px;
    display: grid;
    place-items: center;
    font-weight: 700;
    background: ${token('color-surface-muted')};
    color: ${token('color-text')};
  }
  .cand-body {
    flex: 1 1 auto;
    min-inline-size: 0;
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
  }
  .cand-title {
    font-weight: 700;
    line-height: 1.4;
    ${clampLines(3)}
  }
  ${metaLineStyles}
  .score {
    display: flex;
    align-items: center;
    gap: ${token('space-s')};
  }
  .meter {
    flex: 1 1 auto;
    block-size: 0.6em;
    min-block-size: 8px;
    border-radius: 999px;
    background: ${token('color-surface-muted')};
    border: ${token('border-width')} solid ${token('color-border')};
    overflow: hidden;
  }
  .meter-fill {
    block-size: 100%;
    border-radius: inherit;
    background: ${token('color-primary')};
  }
  .score-text {
    flex: none;
    min-inline-size: 3.5em;
    text-align: end;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .reasons {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-xs')};
  }
  .reason {
    padding: 0 0.6em;
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: 999px;
    background: ${token('color-surface-muted')};
    font-size: 0.8125em;
    line-height: 1.8;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-s')};
    margin-block-start: ${token('space-xs')};
  }
  .action {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
    flex: 1 1 12em;
    min-inline-size: 0;
  }
  .action-status {
    font-size: 0.875em;
    color: ${token('color-success')};
    font-weight: 600;
  }
  .action-status:not(.action-status--shown) {
    display: none;
  }
  .action-error {
    font-size: 0.875em;
    color: ${token('color-danger')};
    font-weight: 600;
  }

  /* ---------------------------------------------------------------- review of a submitted need */
  .review {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    padding: ${token('space-s')} ${token('space-m')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-inline-start: 4px solid ${token('color-primary')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  .review-description {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .review-close {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
  }
  .review-close[hidden] {
    display: none;
  }
  textarea {
    inline-size: 100%;
    min-block-size: calc(${token('target-size')} * 2);
    padding: 0.4em 0.5em;
    font: inherit;
    color: ${token('color-text')};
    background: ${token('color-surface')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    resize: vertical;
  }
  textarea[aria-invalid='true'] {
    border-color: ${token('color-danger')};
    border-width: 2px;
  }
  .field-error {
    font-size: 0.875em;
    font-weight: 600;
    color: ${token('color-danger')};
  }

  /* ---------------------------------------------------------------- allocation */
  .allocation,
  .gaps {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
    min-inline-size: 0;
  }
  .summary {
    font-weight: 600;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: ${token('space-s')};
  }
  progress {
    flex: 1 1 auto;
    accent-color: ${token('color-primary')};
    block-size: 0.75em;
  }
  .unmatched,
  .unmatched-list {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
  }
  .unmatched-item {
    padding: ${token('space-s')} ${token('space-m')};
    border: ${token('border-width')} dashed ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  .meta-label {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  .misses {
    list-style: disc;
    padding-inline-start: 1.25em;
    font-size: 0.875em;
  }

  /* ---------------------------------------------------------------- gap report */
  .table-scroll {
    /* holds the visually hidden cell texts, which would otherwise widen the page */
    position: relative;
    max-inline-size: 100%;
    overflow-x: auto;
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-size: 0.9375em;
  }
  caption {
    caption-side: top;
    text-align: start;
    padding: ${token('space-s')} ${token('space-m')};
    font-weight: 700;
  }
  th,
  td {
    padding: ${token('space-xs')} ${token('space-s')};
    border-block-start: ${token('border-width')} solid ${token('color-border')};
    text-align: start;
    vertical-align: middle;
  }
  th {
    font-weight: 600;
  }
  thead th {
    white-space: nowrap;
    color: ${token('color-text-muted')};
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .gap-value--short {
    color: ${token('color-danger')};
    font-weight: 700;
  }
  .gap-value--spare {
    color: ${token('color-success')};
    font-weight: 700;
  }
  .heatmap td {
    padding: 2px;
    text-align: center;
  }
  .heatmap th[scope='row'] {
    min-inline-size: 6em;
  }
  .heat-button {
    position: relative;
    inline-size: 100%;
    ${targetSize}
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    padding: 0.2em 0.4em;
    border: ${token('border-width')} solid transparent;
    border-radius: ${token('radius-s')};
    background: transparent;
    color: ${token('color-text')};
    cursor: pointer;
  }
  .heat-button:hover {
    border-color: ${token('color-text')};
  }
  .heat-gap {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .heat-detail {
    font-size: 0.75em;
    font-variant-numeric: tabular-nums;
  }
  /* shortage in the danger colour, surplus in the success colour, mixed light enough that text keeps its contrast */
  .heat--short-3 {
    background: color-mix(in srgb, ${token('color-danger')} 34%, ${token('color-surface')});
  }
  .heat--short-1 {
    background: color-mix(in srgb, ${token('color-danger')} 14%, ${token('color-surface')});
  }
  .heat--even {
    background: ${token('color-surface-muted')};
  }
  .heat--spare-1 {
    background: color-mix(in srgb, ${token('color-success')} 14%, ${token('color-surface')});
  }
  .heat--spare-3 {
    background: color-mix(in srgb, ${token('color-success')} 34%, ${token('color-surface')});
  }
  .heat--none {
    color: ${token('color-text-muted')};
  }
  .legend {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
    font-size: 0.875em;
  }
  .legend-items {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-xs')} ${token('space-m')};
  }
  .legend-items li {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-xs')};
  }
  .swatch {
    display: inline-block;
    inline-size: 1.25em;
    block-size: 1.25em;
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-s')};
  }

  /* ---------------------------------------------------------------- messages */
  ${messageBoxStyles}
  .empty-title {
    font-size: 1.125em;
    font-weight: 700;
  }
  .error {
    border-color: ${token('color-danger')};
  }
  .error > p:first-child {
    color: ${token('color-danger')};
    font-weight: 600;
  }
  /* .notice: styles/states.ts (noticeStyles) */

  .loading {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
  }
  ${skeletonStyles}
  ${skeletonPulseStyles}
  .skeleton--bar {
    block-size: ${token('target-size')};
    border-radius: ${token('radius-m')};
  }
  .skeleton-columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: ${token('space-m')};
  }
  @container (min-width: 720px) {
    .skeleton-columns {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
  }
  .skeleton-column {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
  }
  .skeleton-row {
    ${cardBox}
    gap: ${token('space-s')};
  }
  .skeleton--title {
    block-size: 1.25em;
    inline-size: 60%;
  }
  .skeleton--line {
    inline-size: 85%;
  }
`;
