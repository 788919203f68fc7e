import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const orgDirectoryStyles = css`
  :host {
    container-type: inline-size;
    min-inline-size: 0;
  }
  .directory {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-s')} ${token('space-m')};
  }
  .sort {
    display: flex;
    align-items: center;
    gap: ${token('space-s')};
  }
  .sort span {
    white-space: nowrap;
  }
  select {
    min-block-size: ${token('target-size')};
    max-inline-size: 100%;
    padding: 0.3em 0.5em;
    font: inherit;
    color: ${token('color-text')};
    background: ${token('color-surface')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
  }
  .count {
    margin-inline-start: auto;
    color: ${token('color-text-muted')};
    white-space: nowrap;
  }

  .button {
    min-block-size: ${token('target-size')};
    min-inline-size: ${token('target-size')};
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

  .caret {
    display: inline-block;
    margin-inline-start: ${token('space-xs')};
    transition: transform 150ms ease;
  }
  [aria-expanded='true'] > .caret {
    transform: rotate(180deg);
  }

  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-s')};
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: ${token('space-s')};
    min-block-size: ${token('target-size')};
    padding: 0.2em 0.9em;
    border: ${token('border-width')} solid ${token('color-primary')};
    border-radius: 999px;
    background: ${token('color-surface')};
    color: ${token('color-text')};
    cursor: pointer;
  }
  .chip span {
    font-size: 1.25em;
    line-height: 1;
    color: ${token('color-primary')};
  }

  .body {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
  }
  .filters {
    display: none;
    flex-direction: column;
    gap: ${token('space-m')};
    padding: ${token('space-m')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  .filters--open {
    display: flex;
  }
  .results {
    min-inline-size: 0;
    flex: 1;
  }

  /* a sidebar that is always open on a wide container; the toggle and "show results" only help on a phone */
  @container (min-width: 800px) {
    .body {
      flex-direction: row;
      align-items: flex-start;
    }
    .filters {
      display: flex;
      flex: none;
      inline-size: 18em;
      max-block-size: var(--rl-org-directory-list-height, min(70vh, 720px));
      overflow-y: auto;
    }
    .filters-toggle,
    .show-results {
      display: none;
    }
  }

  /* .message: styles/states.ts (messageBoxStyles) */
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
  .note {
    color: ${token('color-text-muted')};
  }
  /* .notice: styles/states.ts (noticeStyles); a partial match's note sits above the list */
  .partial {
    margin-block-end: ${token('space-s')};
  }

  .loading {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
  }
  .progress {
    color: ${token('color-text-muted')};
  }
  .skeleton {
    border-radius: ${token('radius-s')};
    background: ${token('color-surface-muted')};
    block-size: 1em;
    animation: pulse 1.4s ease-in-out infinite;
  }
  .skeleton--search {
    block-size: ${token('target-size')};
    border-radius: ${token('radius-m')};
  }
  .skeleton-row {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    padding: ${token('space-m')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
  }
  .skeleton--name {
    block-size: 1.25em;
    inline-size: 55%;
  }
  .skeleton--line {
    inline-size: 80%;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
`;
