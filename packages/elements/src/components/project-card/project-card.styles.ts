import { css } from 'lit';
import { token } from '../../styles/tokens.js';
import { disabledButton, targetSize } from '../../styles/buttons.js';
import { badgeStyles, cardBox, cardHeaderStyles, clampLines, containerHostStyles } from '../../styles/card.js';
import { skeletonPulseStyles, skeletonStyles } from '../../styles/states.js';

export const projectCardStyles = css`
  ${containerHostStyles}

  .card {
    ${cardBox}
    box-shadow: ${token('shadow')};
    block-size: 100%;
  }

  ${cardHeaderStyles}

  .status {
    display: inline-block;
    padding: 0.1em 0.6em;
    border-radius: ${token('radius-s')};
    border: ${token('border-width')} solid currentColor;
    font-weight: 600;
    white-space: nowrap;
  }
  .status--active,
  .status--offer-open {
    color: ${token('color-success')};
  }
  .status--planned {
    color: ${token('color-focus')};
  }
  .status--completed,
  .status--offer-muted {
    color: ${token('color-text-muted')};
  }
  .status--suspended {
    color: ${token('color-warning')};
  }

  .title {
    font-size: 1.25em;
    font-weight: 700;
    line-height: 1.35;
    color: ${token('color-text')};
  }
  .title a {
    color: inherit;
    text-decoration: underline;
    text-decoration-thickness: 1px;
    text-underline-offset: 0.2em;
  }
  .title a:hover {
    color: ${token('color-primary')};
  }
  .compact .title {
    font-size: 1.125em;
    ${clampLines(2)}
  }

  .organization {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-xs')} ${token('space-s')};
    color: ${token('color-text-muted')};
  }
  .org-name {
    color: ${token('color-text')};
    font-weight: 500;
  }
  .org-type {
    font-size: 0.875em;
  }
  ${badgeStyles}
  .rating {
    background: ${token('color-badge')};
    color: ${token('color-badge-text')};
    font-weight: 700;
    letter-spacing: 0.02em;
  }
  .registration {
    border: ${token('border-width')} solid ${token('color-border')};
    color: ${token('color-text-muted')};
  }

  .body {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
    flex: 1;
  }
  .summary {
    color: ${token('color-text')};
  }

  .facts {
    display: grid;
    /* as many columns as fit: one on a phone, two or three on a wide card */
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 8.5em), 1fr));
    gap: ${token('space-s')} ${token('space-m')};
  }
  .fact {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }
  dt {
    font-size: 0.8125em;
    color: ${token('color-text-muted')};
  }
  dd {
    margin: 0;
    color: ${token('color-text')};
  }
  .compact .facts {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-xs')} ${token('space-m')};
  }
  .compact .fact {
    flex-direction: row;
    gap: ${token('space-xs')};
    align-items: baseline;
  }

  .bar-block {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
    margin-block-start: auto;
  }
  .bar-caption {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: ${token('space-s')};
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  .bar-value strong {
    color: ${token('color-text')};
    font-weight: 700;
  }
  .bar {
    block-size: 0.5em;
    min-block-size: 6px;
    border-radius: 999px;
    background: ${token('color-surface-muted')};
    border: ${token('border-width')} solid ${token('color-border')};
    overflow: hidden;
  }
  .bar-fill {
    block-size: 100%;
    border-radius: inherit;
    background: ${token('color-success')};
    transition: inline-size 300ms ease;
  }
  .bar--warning .bar-fill {
    background: ${token('color-warning')};
  }
  .bar--danger .bar-fill {
    background: ${token('color-danger')};
  }

  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-s')} ${token('space-m')};
  }
  .button {
    ${targetSize}
    padding: 0.5em 1.25em;
    border-radius: ${token('radius-m')};
    font-weight: 600;
    cursor: pointer;
  }
  .button--primary {
    background: ${token('color-primary')};
    color: ${token('color-on-primary')};
    border: ${token('border-width')} solid ${token('color-primary')};
  }
  .button--primary:hover:not(:disabled) {
    filter: brightness(1.1);
  }
  .button--secondary {
    background: ${token('color-surface')};
    color: ${token('color-text')};
    border: ${token('border-width')} solid ${token('color-border')};
  }
  .button:disabled {
    ${disabledButton}
  }
  .unavailable {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }

  .message {
    color: ${token('color-text-muted')};
    align-items: flex-start;
  }
  .error {
    color: ${token('color-danger')};
    border-color: ${token('color-danger')};
  }

  ${skeletonStyles}
  ${skeletonPulseStyles}
  .skeleton--short {
    inline-size: 40%;
  }
  .skeleton--title {
    block-size: 1.5em;
    inline-size: 75%;
  }
  .skeleton--bar {
    block-size: 0.5em;
    margin-block-start: ${token('space-m')};
  }
`;
