import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const orgViewStyles = css`
  :host {
    container-type: inline-size;
  }
  .view {
    display: flex;
    flex-direction: column;
    gap: ${token('space-l')};
    margin-block-start: ${token('space-m')};
  }
  .back,
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
  .back:hover,
  .button:hover {
    border-color: ${token('color-text')};
  }
  .button.link {
    align-self: flex-start;
    margin-block-start: ${token('space-s')};
  }
  .header {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
  }
  .name {
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1.35;
  }
  .name:focus {
    outline: none;
  }
  .name:focus-visible {
    outline: 3px solid ${token('color-focus')};
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-s')};
  }
  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border-radius: ${token('radius-s')};
    font-size: 0.875em;
    white-space: nowrap;
  }
  .rating {
    background: ${token('color-badge')};
    color: ${token('color-badge-text')};
    font-weight: 700;
  }
  .plain {
    border: ${token('border-width')} solid ${token('color-border')};
    color: ${token('color-text-muted')};
  }
  .description {
    font-size: 1.0625em;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-xs')} ${token('space-s')};
  }
  .tag {
    padding: 0 0.6em;
    border-radius: 999px;
    background: ${token('color-surface-muted')};
    color: ${token('color-text')};
    font-size: 0.875em;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
    gap: ${token('space-s')} ${token('space-l')};
    margin: 0;
  }
  .fact {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }
  dt {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  dd {
    margin: 0;
  }
  .phone {
    display: inline-flex;
    align-items: center;
    min-block-size: ${token('target-size')};
    font-size: 1.25em;
    font-weight: 700;
    letter-spacing: 0.02em;
    color: ${token('color-primary')};
  }
  a {
    color: ${token('color-primary')};
  }
  .section {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    padding-block-start: ${token('space-m')};
    border-block-start: ${token('border-width')} solid ${token('color-border')};
  }
  .section-title {
    font-size: 1.25em;
    font-weight: 700;
  }
  .areas {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
  }
  .summary {
    color: ${token('color-text-muted')};
  }
  .offers {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20em), 1fr));
    gap: ${token('space-m')};
  }
  .message {
    margin-block-start: ${token('space-m')};
    padding: ${token('space-m')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: ${token('space-s')};
  }
  .error {
    color: ${token('color-danger')};
    border-color: ${token('color-danger')};
  }
  .loading {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    margin-block-start: ${token('space-m')};
  }
  .skeleton {
    block-size: 1em;
    border-radius: ${token('radius-s')};
    background: ${token('color-surface-muted')};
  }
  .skeleton--title {
    block-size: 1.75em;
    inline-size: 60%;
  }
  .skeleton--short {
    inline-size: 40%;
  }
`;
