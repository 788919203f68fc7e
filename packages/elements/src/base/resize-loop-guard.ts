/**
 * The virtualizer measures rows with a ResizeObserver and renders the rows a
 * measurement shows are needed within the same frame, so Chromium reports
 * "ResizeObserver loop completed with undelivered notifications". Nothing is
 * lost (the rest are delivered next frame; w3c/csswg-drafts#5488), but the
 * page's error handlers and monitoring would count an error that is not one.
 * Only that message is stopped, and only while a virtualized list is on the page.
 */
let holders = 0;
const swallowResizeLoop = (event: ErrorEvent): void => {
  if (typeof event.message === 'string' && event.message.startsWith('ResizeObserver loop')) {
    event.stopImmediatePropagation();
    event.preventDefault();
  }
};

/** Call from a virtualized list's connectedCallback. */
export function holdResizeLoopGuard(): void {
  // capture, so it runs before handlers set as window.onerror
  if (holders++ === 0) window.addEventListener('error', swallowResizeLoop, true);
}

/** Call from the same list's disconnectedCallback. */
export function releaseResizeLoopGuard(): void {
  if (--holders === 0) window.removeEventListener('error', swallowResizeLoop, true);
}
