import type { DataAdapter } from '@renling/core';

/**
 * Moves `listener` for `type` from the event target watched so far to the
 * adapter's own events (the read cache's `offline`: saved data stood in for
 * the network), if the adapter has any. Returns the target now watched, to
 * pass back on the next call; null unwatches.
 */
export function watchAdapterEvent(
  watched: EventTarget | null,
  adapter: DataAdapter | null,
  type: string,
  listener: EventListener,
): EventTarget | null {
  const events = adapter && 'events' in adapter && adapter.events instanceof EventTarget ? adapter.events : null;
  if (events === watched) return watched;
  watched?.removeEventListener(type, listener);
  events?.addEventListener(type, listener);
  return events;
}
