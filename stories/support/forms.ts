/** Adapters for the form stories: writes that fail the way a phone without signal or a refusing server would. */
import { AdapterError, type DataAdapter } from '@renling/core';
import { storyAdapter } from './data.js';

/** Reads work; every submission fails with `kind`, as the outbox will then report it. */
export function writesFail(kind: 'network' | 'forbidden'): DataAdapter {
  const fail = (): Promise<never> => Promise.reject(new AdapterError(kind, `Simulated ${kind} failure (story).`));
  return { ...storyAdapter, createNeed: fail, createOffer: fail };
}
