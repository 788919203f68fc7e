/**
 * What the need form and the offer form share around their fields: the
 * layout, headings at a page-chosen level, the draft and storage notices,
 * and the outcome panel that follows a submission through the outbox.
 */
import { msg } from '@lit/localize';
import { css, html, nothing, type TemplateResult } from 'lit';
import type { AdapterError, StorageState } from '@renling/core';
import type { DraftStatus } from '../controllers/draft-controller.js';
import type { SubmissionStatus } from '../controllers/submission-controller.js';
import { currentLocale } from '../localization/localization.js';
import { token } from '../styles/tokens.js';
import { focusedHeadingStyles, formMessageStyles } from '../styles/states.js';

/** A heading whose level the page chooses (2–6); focusable so focus can be moved to it. */
export function heading(level: number, id: string, text: string, size: 'main' | 'sub' = 'sub'): TemplateResult {
  const clamped = Math.min(Math.max(Math.trunc(level) || 2, 2), 6);
  return html`<div class="heading heading--${size}" id=${id} role="heading" aria-level=${clamped} tabindex="-1">
    ${text}
  </div>`;
}

export function renderDraftStatus(status: DraftStatus): TemplateResult | typeof nothing {
  switch (status) {
    case 'saving':
    case 'saved':
      return html`<p class="draft-status">${msg('草稿已自动保存在本机', { id: 'form.draft-saved' })}</p>`;
    case 'failed':
      return html`<p class="draft-status">${msg('草稿没能保存，请不要关闭页面', { id: 'form.draft-failed' })}</p>`;
    default:
      return nothing;
  }
}

/** Says so when nothing outlives the tab (private browsing, no IndexedDB) or another tab blocks storage. */
export function renderStorageNotice(state: StorageState | undefined): TemplateResult | typeof nothing {
  if (state === 'memory')
    return html`<p class="callout" role="status">
      ${msg('这个浏览器无法长期保存数据：草稿和未发送的内容只保留到关闭页面为止。', { id: 'form.storage-memory' })}
    </p>`;
  if (state === 'unavailable')
    return html`<p class="callout" role="status">
      ${msg('本站在另一个标签页中打开着，请关闭其他标签页后再继续。', { id: 'form.storage-unavailable' })}
    </p>`;
  return nothing;
}

export interface SubmitStatusView {
  level: number;
  status: SubmissionStatus;
  sentTitle: string;
  queuedTitle: string;
  refusedTitle: string;
  /** What was sent: a tracking number to keep, or a sentence. */
  trackingLabel?: string;
  trackingNumber?: string | undefined;
  trackingHint?: string;
  sentText?: string;
  queuedText: string;
  error: AdapterError | null;
}

/** The outcome panel; its status region announces the change from "will be sent" to "sent". */
export function renderSubmitStatus(view: SubmitStatusView): TemplateResult {
  const sent = view.status === 'sent';
  const refused = view.status === 'failed' || view.status === 'expired';
  const tone = sent ? 'sent' : refused ? 'refused' : 'waiting';
  const title = sent ? view.sentTitle : refused ? view.refusedTitle : view.queuedTitle;
  return html`<div part="status" class="status status--${tone}" role="status">
    <span class="status-icon" aria-hidden="true">${sent ? '✓' : refused ? '!' : '…'}</span>
    <div class="status-body">
      ${heading(view.level, 'outcome-title', title, 'main')}
      ${sent && view.trackingNumber
        ? html`<p class="tracking">
              <span>${view.trackingLabel}</span>
              <strong part="tracking-number" class="tracking-number">${view.trackingNumber}</strong>
            </p>
            ${view.trackingHint ? html`<p>${view.trackingHint}</p>` : nothing}`
        : nothing}
      ${sent && view.sentText ? html`<p>${view.sentText}</p>` : nothing}
      ${!sent && !refused
        ? html`<p>${view.queuedText}</p>
            <p class="status-line">
              ${view.status === 'retrying'
                ? msg('正在等待网络，稍后会自动重试…', { id: 'form.status-retrying' })
                : msg('等待发送…', { id: 'form.status-queued' })}
            </p>`
        : nothing}
      ${refused && view.error ? html`<p>${view.error.userMessage(currentLocale())}</p>` : nothing}
    </div>
  </div>`;
}

export const formShellStyles = css`
  :host {
    container-type: inline-size;
    min-inline-size: 0;
  }
  .shell {
    background: ${token('color-surface')};
    border: ${token('border-width')} solid ${token('color-border')};
    border-radius: ${token('radius-m')};
    padding: ${token('space-m')};
  }
  @container (min-width: 40em) {
    .shell {
      padding: ${token('space-l')};
    }
  }
  .form {
    display: flex;
    flex-direction: column;
    gap: ${token('space-l')};
  }
  .heading {
    font-weight: 700;
    line-height: 1.35;
    color: ${token('color-text')};
  }
  .heading--main {
    font-size: 1.375em;
  }
  .heading--sub {
    font-size: 1.125em;
  }
  ${focusedHeadingStyles}
  .intro {
    margin-block-start: calc(-1 * ${token('space-m')});
    color: ${token('color-text-muted')};
  }
  .section {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
    padding-block-start: ${token('space-m')};
    border-block-start: ${token('border-width')} solid ${token('color-border')};
  }
  .callout {
    padding: ${token('space-s')} ${token('space-m')};
    border-inline-start: 4px solid ${token('color-warning')};
    background: ${token('color-surface-muted')};
    color: ${token('color-text')};
  }
  .actions {
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: ${token('space-s')};
  }
  .actions--row {
    flex-direction: row;
    flex-wrap: wrap;
    margin-block-start: ${token('space-m')};
  }
  .actions--row .button {
    flex: 1 1 12em;
  }
  @container (min-width: 36em) {
    .actions .submit {
      align-self: flex-start;
      min-inline-size: 12em;
    }
  }
  ${formMessageStyles}
  .secondary-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${token('space-s')};
  }
  .draft-status {
    font-size: 0.875em;
    color: ${token('color-text-muted')};
  }
  .link-button {
    min-block-size: ${token('target-size')};
    padding: 0 0.2em;
    border: 0;
    background: none;
    color: ${token('color-primary')};
    text-decoration: underline;
    text-underline-offset: 0.2em;
    cursor: pointer;
    margin-inline-start: auto;
  }
  .status {
    display: flex;
    gap: ${token('space-m')};
    padding: ${token('space-m')};
    border-radius: ${token('radius-m')};
    background: ${token('color-surface-muted')};
    border-inline-start: 6px solid currentColor;
  }
  .status--sent {
    color: ${token('color-success')};
  }
  .status--waiting {
    color: ${token('color-warning')};
  }
  .status--refused {
    color: ${token('color-danger')};
  }
  .status-icon {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: 2em;
    block-size: 2em;
    border-radius: 50%;
    background: currentColor;
    font-weight: 700;
  }
  .status-icon {
    color: ${token('color-surface')};
  }
  .status--sent .status-icon {
    background: ${token('color-success')};
  }
  .status--waiting .status-icon {
    background: ${token('color-warning')};
  }
  .status--refused .status-icon {
    background: ${token('color-danger')};
  }
  .status-body {
    display: flex;
    flex-direction: column;
    gap: ${token('space-s')};
    min-inline-size: 0;
    color: ${token('color-text')};
  }
  .tracking {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5em;
  }
  .tracking-number {
    font-size: 1.4em;
    font-weight: 700;
    letter-spacing: 0.02em;
    font-variant-numeric: tabular-nums;
    /* break only at its hyphens: a number split mid-group is misread when copied down */
    overflow-wrap: normal;
  }
  @container (max-width: 22em) {
    .status {
      flex-direction: column;
      gap: ${token('space-s')};
    }
    .tracking-number {
      font-size: 1.2em;
    }
  }
  .status-line {
    font-weight: 700;
  }
  .steps {
    list-style: decimal;
    padding-inline-start: 1.5em;
    display: flex;
    flex-direction: column;
    gap: ${token('space-xs')};
  }
  .outcome {
    display: flex;
    flex-direction: column;
    gap: ${token('space-m')};
  }
`;
