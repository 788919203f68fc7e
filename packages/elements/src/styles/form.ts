import { css } from 'lit';
import { disabledButton } from './buttons.js';
import { token } from './tokens.js';

/**
 * Field styles shared by the forms and the form controls: labels above
 * inputs, help and error text tied to them, large targets (the elder
 * theme's target size), and input borders dark enough to see (3:1 against
 * the surface, WCAG 1.4.11), which the light border token is not.
 */
export const fieldStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
    min-inline-size: 0;
  }
  .label,
  legend {
    /* 700, not 600: CJK system fonts often have no 600 and Chrome then draws regular */
    font-weight: 700;
    color: ${token('color-text')};
    padding: 0;
  }
  .optional {
    font-weight: 400;
    color: ${token('color-text-muted')};
  }
  .hint {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  .error {
    display: flex;
    gap: 0.3em;
    font-weight: 700;
    color: ${token('color-danger')};
  }
  .error::before {
    content: '!';
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 1.2em;
    block-size: 1.2em;
    margin-block-start: 0.2em;
    border-radius: 50%;
    background: ${token('color-danger')};
    color: ${token('color-surface')};
    font-size: 0.85em;
    line-height: 1;
  }
  input:not([type='checkbox'], [type='radio']),
  textarea,
  select {
    font: inherit;
    color: ${token('color-text')};
    background: ${token('color-surface')};
    border: max(${token('border-width')}, 1px) solid ${token('color-text-muted')};
    border-radius: ${token('radius-s')};
    min-block-size: ${token('target-size')};
    padding: 0.4em 0.6em;
    inline-size: 100%;
    max-inline-size: 100%;
    letter-spacing: normal;
    line-height: 1.4;
  }
  textarea {
    resize: vertical;
    min-block-size: 5em;
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: ${token('color-danger')};
    border-width: 2px;
  }
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible {
    outline: 3px solid ${token('color-focus')};
    outline-offset: 1px;
  }
  input:disabled,
  textarea:disabled,
  select:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4em;
    min-block-size: ${token('target-size')};
    padding: 0.4em 1.2em;
    border-radius: ${token('radius-m')};
    border: ${token('border-width')} solid ${token('color-primary')};
    font-weight: 700;
    cursor: pointer;
    text-align: center;
  }
  .button--primary {
    background: ${token('color-primary')};
    color: ${token('color-on-primary')};
  }
  .button--secondary {
    background: ${token('color-surface')};
    color: ${token('color-primary')};
  }
  .button:disabled {
    ${disabledButton}
  }

  .options {
    display: grid;
    gap: ${token('space-xs')};
    margin-block-start: ${token('space-xs')};
  }
  .options--inline {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 8em), 1fr));
  }
  .option {
    display: flex;
    align-items: flex-start;
    gap: 0.6em;
    min-block-size: ${token('target-size')};
    padding-block: 0.35em;
    cursor: pointer;
  }
  .option input {
    /* form controls do not inherit the font: without this 1.25em is of the browser's 13px */
    font-size: inherit;
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0.2em 0 0;
    accent-color: ${token('color-primary')};
    cursor: pointer;
  }
  .option-text {
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
  }
  .option-hint {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  .hint--indented {
    padding-inline-start: 1.85em;
  }
`;
