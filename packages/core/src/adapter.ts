/**
 * The read side of the data contract that components depend on. Every call
 * takes an AbortSignal so a component that is removed or re-targeted stops
 * waiting. The write side (needs, offers, claims) and the REST, static and
 * local adapters build on this interface.
 */
import type { Area, Organization, Project, PublicNeed, ServiceOffer } from './model.js';

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Null on the last page. */
  nextCursor: string | null;
  total: number;
}

export interface ListOptions extends RequestOptions {
  cursor?: string | null;
  limit?: number;
}

export interface DataAdapter {
  getOrganization(id: string, options?: RequestOptions): Promise<Organization>;
  listOrganizations(options?: ListOptions): Promise<Page<Organization>>;
  getOffer(id: string, options?: RequestOptions): Promise<ServiceOffer>;
  listOffers(options?: ListOptions & { organizationId?: string }): Promise<Page<ServiceOffer>>;
  getProject(id: string, options?: RequestOptions): Promise<Project>;
  listProjects(options?: ListOptions): Promise<Page<Project>>;
  listNeeds(options?: ListOptions): Promise<Page<PublicNeed>>;
  getArea(code: string, options?: RequestOptions): Promise<Area>;
  listAreas(options?: RequestOptions): Promise<Area[]>;
}

export type AdapterErrorKind = 'not-found' | 'aborted' | 'network';

/** A failure the UI can explain; `kind` picks the message. */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  constructor(
    readonly kind: AdapterErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const isAbortError = (error: unknown): boolean =>
  (error instanceof AdapterError && error.kind === 'aborted') ||
  (error instanceof DOMException && error.name === 'AbortError');
