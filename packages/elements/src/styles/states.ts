import { css } from 'lit';
import { token } from './tokens.js';

/**
 * What a component shows in place of its content: the bordered message box
 * (no source, nothing yet, a failure) and the grey skeleton blocks while it
 * loads. Components add their own tone (`.message.error`) and sizes
 * (`.skeleton--title`) after these.
 */
export const messageBoxStyles = css`
  .message {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: ${token('space-s')};
    padding: ${token('space-m')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
  }
`;

/** One line of text's height; modifiers set other sizes. */
export const skeletonStyles = css`
  .skeleton {
    block-size: 1em;
    border-radius: ${token('radius-s')};
    background: ${token('color-surface-muted')};
  }
`;

/** The skeleton's slow pulse; reduced motion stops it (the reset's media rule). */
export const skeletonPulseStyles = css`
  .skeleton {
    animation: pulse 1.4s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
`;

/** A form's own message above its submit button (a refusal, a failure), focused when it appears. */
export const formMessageStyles = css`
  .form-message {
    padding: ${token('space-s')} ${token('space-m')};
    border-inline-start: 4px solid ${token('color-danger')};
    background: ${token('color-surface-muted')};
    color: ${token('color-danger')};
    font-weight: 700;
  }
  .form-message:focus {
    outline: 3px solid ${token('color-focus')};
  }
`;

/** A heading that takes focus when its content changes: no ring for a click or a script, the ring for the keyboard. */
export const focusedHeadingStyles = css`
  .heading:focus {
    outline: none;
  }
  .heading:focus-visible {
    outline: 3px solid ${token('color-focus')};
    outline-offset: 2px;
  }
`;

/** The offline notice above cached data: a warning edge, its text, then a reload button. */
export const noticeStyles = css`
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${token('space-s')} ${token('space-m')};
    padding: ${token('space-s')} ${token('space-m')};
    border: ${token('border-width')} solid ${token('color-warning')};
    border-inline-start-width: 6px;
    border-radius: ${token('radius-m')};
    background: ${token('color-surface')};
    color: ${token('color-text')};
  }
  .notice p {
    flex: 1 1 14em;
  }
`;
