import { css } from 'lit';
import { token } from '../../styles/tokens.js';
import { cardBox, cardHeaderStyles, containerHostStyles } from '../../styles/card.js';
import { focusedHeadingStyles, formMessageStyles, messageBoxStyles, skeletonStyles } from '../../styles/states.js';

/** The tracker's own frame: toolbar, messages, the list and the created projects. */
export const claimTrackerStyles = css`
  ${containerHostStyles}
  .tracker {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${token('space-s')};
  }
  .count {
    color: ${token('color-text-muted')};
  }
  .claims {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
  }
  ${messageBoxStyles}
  .message.error {
    border-inline-start: 4px solid ${token('color-danger')};
  }
  .notice {
    padding: ${token('space-s')} ${token('space-m')};
    border-inline-start: 4px solid ${token('color-warning')};
    background: ${token('color-surface-muted')};
    color: ${token('color-text')};
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space-s')};
  }
  .notice p {
    flex: 1 1 16em;
  }
  .skeleton-card {
    ${cardBox}
    gap: ${token('space-s')};
  }
  ${skeletonStyles}
  .skeleton--title {
    block-size: 1.4em;
    inline-size: 70%;
  }
  .skeleton--short {
    inline-size: 35%;
  }
  .skeleton--steps {
    block-size: 2.2em;
  }
  .more {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: ${token('space-xs')};
  }
  .projects {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
  }
`;

/** Shared by a claim, the project builder and the tracker: headings, button rows, notes (errors are the field styles' \`.error\`). */
export const claimCommonStyles = css`
  .heading {
    font-weight: 700;
    line-height: 1.35;
    color: ${token('color-text')};
  }
  ${focusedHeadingStyles}
  .heading--main {
    font-size: 1.25em;
  }
  .heading--sub {
    font-size: 1em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-s')};
    align-items: center;
  }
  .row .button {
    flex: 0 1 auto;
  }
  @container (max-width: 24em) {
    .row .button {
      flex: 1 1 100%;
    }
  }
  .note {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  .link {
    color: ${token('color-primary')};
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
`;

/** One claim: header, steps, contact, actions, history. */
export const claimEntryStyles = css`
  ${containerHostStyles}
  .claim {
    ${cardBox}
    box-shadow: ${token('shadow')};
  }
  ${cardHeaderStyles}
  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border-radius: ${token('radius-s')};
    border: ${token('border-width')} solid currentColor;
    font-weight: 700;
    white-space: nowrap;
  }
  .badge--open {
    color: ${token('color-focus')};
  }
  .badge--done {
    color: ${token('color-success')};
  }
  .badge--ended {
    color: ${token('color-text-muted')};
  }
  .facts {
    display: grid;
    gap: ${token('space-xs')};
  }
  .fact {
    display: grid;
    grid-template-columns: minmax(4.5em, max-content) 1fr;
    gap: ${token('space-s')};
  }
  .fact dt {
    color: ${token('color-text-muted')};
  }
  .fact dd {
    min-inline-size: 0;
  }
  @container (max-width: 22em) {
    .fact {
      grid-template-columns: 1fr;
      gap: 0;
    }
  }

  /* the step indicator: a row of steps on wide cards, a column on a phone */
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space-xs')};
    counter-reset: step;
  }
  .step {
    flex: 1 1 6em;
    display: flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.35em 0.6em;
    border-radius: ${token('radius-s')};
    background: ${token('color-surface-muted')};
    color: ${token('color-text-muted')};
    border: ${token('border-width')} solid transparent;
  }
  .step-mark {
    flex: none;
    display: inline-grid;
    place-items: center;
    inline-size: 1.5em;
    block-size: 1.5em;
    border-radius: 50%;
    border: 2px solid currentColor;
    font-size: 0.8em;
    font-weight: 700;
  }
  .step--done {
    color: ${token('color-success')};
  }
  /* the step the claim stands at, and the one it ended on, stand out from the rest */
  .step--current,
  .step--ended {
    color: ${token('color-text')};
    background: ${token('color-surface')};
    font-weight: 700;
  }
  .step--current {
    border-color: ${token('color-primary')};
  }
  .step--current .step-mark {
    background: ${token('color-primary')};
    border-color: ${token('color-primary')};
    color: ${token('color-on-primary')};
  }
  .step--ended {
    border-color: ${token('color-text-muted')};
  }
  .step--ended .step-mark {
    color: ${token('color-text-muted')};
  }
  @container (max-width: 30em) {
    .steps {
      flex-direction: column;
    }
    .step {
      flex: none;
    }
  }

  .panel {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    padding: ${token('space-s')} ${token('space-m')};
    border-radius: ${token('radius-s')};
    background: ${token('color-surface-muted')};
  }
  .phone {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
  }
  .actions {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
  }
  .inline-form {
    ${cardBox}
  }
  .counter {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
    font-variant-numeric: tabular-nums;
  }
  .counter--over {
    color: ${token('color-danger')};
    font-weight: 700;
  }

  /* stars: native radios (arrow keys move and choose), drawn as stars with their words */
  .stars {
    display: grid;
    grid-template-columns: repeat(5, minmax(0, 1fr));
    gap: ${token('space-xs')};
    margin-block-start: ${token('space-xs')};
  }
  .star {
    position: relative;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.1em;
    min-block-size: ${token('target-size')};
    padding: 0.2em;
    border-radius: ${token('radius-s')};
    cursor: pointer;
    text-align: center;
  }
  .star input {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .star:has(input:focus-visible) {
    outline: 3px solid ${token('color-focus')};
    outline-offset: 1px;
  }
  .star-glyph {
    font-size: 1.8em;
    line-height: 1;
    color: ${token('color-text-muted')};
  }
  .star--on .star-glyph {
    color: ${token('color-warning')};
  }
  .star-text {
    font-size: 0.8em;
    line-height: 1.3;
  }
  .star--chosen .star-text {
    font-weight: 700;
  }
  @container (max-width: 26em) {
    .stars {
      grid-template-columns: 1fr;
    }
    .star {
      flex-direction: row;
      gap: 0.6em;
    }
    .star-text {
      font-size: 1em;
    }
  }

  .history {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    padding-inline-start: 1em;
    border-inline-start: 2px solid ${token('color-border')};
  }
  .history-entry {
    display: flex;
    flex-direction: column;
  }
  .history-what {
    color: ${token('color-text')};
  }
  .history-when {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  .history-why {
    font-size: 0.875em;
    color: ${token('color-text')};
  }
  details > summary {
    cursor: pointer;
    min-block-size: ${token('target-size')};
    display: flex;
    align-items: center;
    font-weight: 700;
    color: ${token('color-text')};
  }
`;

/** The project builder's frame around its form. */
export const projectBuilderStyles = css`
  ${containerHostStyles}
  .builder {
    ${cardBox}
  }
  .form {
    display: flex;
    flex-direction: column;
    gap: ${token('space-l')};
  }
  .pair {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12em), 1fr));
    gap: ${token('space-m')};
  }
  .claim-option {
    display: flex;
    flex-direction: column;
  }
  .claim-option .hint {
    padding-inline-start: 1.85em;
  }
  ${formMessageStyles}
`;
