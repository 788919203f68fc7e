import { css } from 'lit';
import { token } from '../../styles/tokens.js';

export const needFormStyles = css`
  .notice {
    padding: ${token('space-m')};
    border-radius: ${token('radius-s')};
    background: ${token('color-surface-muted')};
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
  }
  .notice-list {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
  }
  .notice-list dt {
    font-weight: 700;
  }
  .notice-version {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  .field--consentPersonal .option-text,
  .field--consentHealth .option-text,
  .field--consentGuardian .option-text {
    font-weight: 700;
  }
  /* a count needs a few digits, not the full width */
  .field--beneficiaries input {
    max-inline-size: 8em;
  }
`;
