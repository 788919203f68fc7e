import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface UrlStateOptions {
  /** Prepended to every parameter name, so two widgets (or the host page) never share one; read at each use. */
  prefix: () => string;
  /** False turns the controller into a no-op (stories, several widgets on one page). */
  enabled: () => boolean;
  /** Back or forward moved to another entry: here are its values (unprefixed names). */
  onNavigate: (values: Map<string, string>) => void;
  /** How long a `replace` waits for the next one, in ms. */
  delay?: number;
}

type Values = Readonly<Record<string, string | null | undefined>>;

const STATE_KEY = 'renling:url-state';

function stateRecord(): Record<string, unknown> {
  const state: unknown = history.state;
  return state !== null && typeof state === 'object' ? { ...(state as Record<string, unknown>) } : {};
}

/**
 * Keeps a component's state in the page URL's query string: links can be
 * shared, reloads keep the view, and the back button works.
 *
 * Typing calls `replace` on every keystroke; the writes are coalesced
 * (browsers throttle the History API, and a URL per letter helps nobody).
 * `push` makes a new history entry, for a step the back button should undo,
 * and can tag it so the component knows later that it made that entry.
 * Parameters of the host page and of other prefixes are left alone.
 */
export class UrlStateController implements ReactiveController {
  private pending: Values | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: UrlStateOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
    this.flush();
  }

  /** This prefix's parameters in the current URL, without the prefix. */
  read(): Map<string, string> {
    const out = new Map<string, string>();
    if (!this.options.enabled()) return out;
    const prefix = this.options.prefix();
    for (const [name, value] of new URL(location.href).searchParams) {
      if (name.startsWith(prefix) && name.length > prefix.length) out.set(name.slice(prefix.length), value);
    }
    return out;
  }

  /** The tag given to `push` for the current history entry, if this controller made it. */
  get entryTag(): string | null {
    const tags = stateRecord()[STATE_KEY];
    const tag = tags !== null && typeof tags === 'object' ? (tags as Record<string, unknown>)[this.options.prefix()] : undefined;
    return typeof tag === 'string' ? tag : null;
  }

  /** Replaces the current entry's values soon; later calls before then win. Empty or null removes a parameter. */
  replace(values: Values, { now = false } = {}): void {
    if (!this.options.enabled()) return;
    this.pending = { ...this.pending, ...values };
    clearTimeout(this.timer);
    if (now) this.flush();
    else this.timer = setTimeout(() => this.flush(), this.options.delay ?? 250);
  }

  /** Writes any waiting `replace` now. */
  flush(): void {
    clearTimeout(this.timer);
    const pending = this.pending;
    this.pending = null;
    if (!pending || !this.options.enabled()) return;
    const url = this.urlWith(pending);
    if (url.href !== location.href) history.replaceState(history.state, '', url);
  }

  /** A new history entry with these values; `tag` marks it as this controller's. */
  push(values: Values, tag: string | null = null): void {
    if (!this.options.enabled()) return;
    this.flush();
    const state = stateRecord();
    const tags = state[STATE_KEY];
    state[STATE_KEY] = { ...(tags !== null && typeof tags === 'object' ? tags : {}), [this.options.prefix()]: tag };
    history.pushState(state, '', this.urlWith(values));
  }

  private urlWith(values: Values): URL {
    const url = new URL(location.href);
    const prefix = this.options.prefix();
    for (const [name, value] of Object.entries(values)) {
      if (value === null || value === undefined || value === '') url.searchParams.delete(prefix + name);
      else url.searchParams.set(prefix + name, value);
    }
    return url;
  }

  private readonly onPopState = (): void => {
    if (!this.options.enabled()) return;
    // a write still waiting belongs to the entry we just left
    clearTimeout(this.timer);
    this.pending = null;
    this.options.onNavigate(this.read());
  };
}
