/**
 * The data contract every component depends on, whatever stands behind it
 * (a REST server, a static JSON file, the browser's IndexedDB, memory).
 *
 * Every call takes an AbortSignal so a component that is removed or
 * re-targeted stops waiting. Every write takes an idempotency key made by the
 * client: the same key always means the same write, so a retry after a lost
 * response never creates a second record. Failures are `AdapterError`s whose
 * `kind` tells the UI what to say (`userMessage(locale)`).
 */
import type { FieldError } from './validation.js';
import type {
  Area,
  Audience,
  Claim,
  ClaimRating,
  ClaimState,
  Locale,
  NeedPrivateView,
  NeedReview,
  NeedStatus,
  OfferStatus,
  Organization,
  OrganizationType,
  Project,
  ProjectStatus,
  PublicNeed,
  Rating,
  RegistrationStatus,
  ServiceOffer,
  Urgency,
} from './model.js';
import type { Actor, NeedDraft, OfferDraft, ProjectDraft } from './model.js';
import type { ClaimRequest } from './requests.js';

// ---------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface WriteOptions extends RequestOptions {
  /** Made by the client once per logical write and reused on every retry of it. */
  idempotencyKey: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
  /** Matching records in all pages. */
  total: number;
}

export interface ListQuery extends RequestOptions {
  cursor?: string | null;
  /** 1–200; adapters default to 50. */
  limit?: number;
  /** Free text, matched against names, titles and descriptions. */
  q?: string;
}

export interface OrganizationQuery extends ListQuery {
  type?: OrganizationType[];
  registration?: RegistrationStatus[];
  rating?: Rating[];
  /** Organizations serving this area or any area within it. */
  areaCode?: string;
  /** A top-level or second-level category code. */
  categoryCode?: string;
}

export interface OfferQuery extends ListQuery {
  organizationId?: string;
  categoryCode?: string;
  areaCode?: string;
  audience?: Audience[];
  status?: OfferStatus[];
  /** Only offers with places left in the current period. */
  hasCapacity?: boolean;
}

export interface NeedQuery extends ListQuery {
  categoryCode?: string;
  areaCode?: string;
  urgency?: Urgency[];
  status?: NeedStatus[];
}

export interface ProjectQuery extends ListQuery {
  organizationId?: string;
  categoryCode?: string;
  areaCode?: string;
  status?: ProjectStatus[];
}

export interface ClaimQuery extends ListQuery {
  needId?: string;
  offerId?: string;
  organizationId?: string;
  state?: ClaimState[];
}

// ---------------------------------------------------------------------------
// Writes: what a client sends; the server adds ids, numbers, status and times
// ---------------------------------------------------------------------------

/** What the submitter keeps: the public need with its tracking number. */
export interface NeedReceipt {
  need: PublicNeed;
  trackingNumber: string;
  /** The secret of the resident's follow link, where the server issues one (the reference server does). */
  followToken?: string;
}

export interface ClaimRequestInput extends ClaimRequest {
  requestedBy: Actor;
  /** Why, in the requester's words (shown to the other side). */
  note?: string;
}

// ---------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------

export interface DataAdapter {
  listOrganizations(query?: OrganizationQuery): Promise<Page<Organization>>;
  getOrganization(id: string, options?: RequestOptions): Promise<Organization>;

  listOffers(query?: OfferQuery): Promise<Page<ServiceOffer>>;
  getOffer(id: string, options?: RequestOptions): Promise<ServiceOffer>;
  createOffer(draft: OfferDraft, options: WriteOptions): Promise<ServiceOffer>;

  /** Needs in their public form only: no contact, no health, area no finer than community. */
  listNeeds(query?: NeedQuery): Promise<Page<PublicNeed>>;
  getNeed(id: string, options?: RequestOptions): Promise<PublicNeed>;
  createNeed(draft: NeedDraft, options: WriteOptions): Promise<NeedReceipt>;
  /**
   * The private part of a need (contact, health if consented, minor, the text
   * as submitted): for staff, and for the organization whose claim on the need
   * is accepted or in progress; `forbidden` for anyone else. Never cached.
   */
  getNeedContact(needId: string, options?: RequestOptions): Promise<NeedPrivateView>;
  /**
   * Staff review a need (审核): verify it, publish it for claiming, or close
   * it (不予受理, with the reason). Moves follow NEED_REVIEWS; any other is
   * `conflict`. Community staff and street administrators only: anyone else
   * gets `forbidden`. Only verified and published needs are matched.
   */
  reviewNeed(id: string, input: NeedReview, options: WriteOptions): Promise<PublicNeed>;

  listProjects(query?: ProjectQuery): Promise<Page<Project>>;
  getProject(id: string, options?: RequestOptions): Promise<Project>;
  /**
   * Groups accepted (or later) claims of one organization into a project.
   * Claims that do not exist, are not yet accepted or belong to another
   * organization are refused with `validation` and a field error each.
   */
  createProject(draft: ProjectDraft, options: WriteOptions): Promise<Project>;

  listClaims(query?: ClaimQuery): Promise<Page<Claim>>;
  getClaim(id: string, options?: RequestOptions): Promise<Claim>;
  /** An organization claims a need, or a resident or community books an offer. */
  requestClaim(input: ClaimRequestInput, options: WriteOptions): Promise<Claim>;
  acceptClaim(id: string, input: { reason?: string }, options: WriteOptions): Promise<Claim>;
  declineClaim(id: string, input: { reason: string }, options: WriteOptions): Promise<Claim>;
  withdrawClaim(id: string, input: { reason: string }, options: WriteOptions): Promise<Claim>;
  startClaim(id: string, input: { reason?: string }, options: WriteOptions): Promise<Claim>;
  completeClaim(id: string, input: { beneficiaries: number; reason?: string }, options: WriteOptions): Promise<Claim>;
  rateClaim(id: string, input: ClaimRating, options: WriteOptions): Promise<Claim>;

  listAreas(options?: RequestOptions): Promise<Area[]>;
  getArea(code: string, options?: RequestOptions): Promise<Area>;
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

export const ADAPTER_ERROR_KINDS = [
  'network', // no answer: offline, DNS, connection refused
  'timeout', // no answer in time
  'aborted', // the caller cancelled
  'validation', // the server (or the adapter) refused the input; see fieldErrors
  'conflict', // the record changed or the transition no longer applies
  'duplicate', // this idempotency key was already used for this write: it is done
  'unauthorized', // sign in needed
  'forbidden', // signed in, not allowed
  'not-found',
  'rate-limited', // try again after retryAfter seconds
  'server', // 5xx
  'malformed', // the answer was not what the contract says
  'read-only', // this adapter cannot write
] as const;
export type AdapterErrorKind = (typeof ADAPTER_ERROR_KINDS)[number];

const ERROR_MESSAGES: Record<AdapterErrorKind, Record<Locale, string>> = {
  network: {
    'zh-CN': '网络连接不上，请检查网络后再试。',
    'zh-TW': '網路連不上，請檢查網路後再試。',
    en: 'Cannot reach the server. Check your connection and try again.',
  },
  timeout: {
    'zh-CN': '服务器响应太慢，请稍后再试。',
    'zh-TW': '伺服器回應太慢，請稍後再試。',
    en: 'The server took too long to answer. Try again shortly.',
  },
  aborted: { 'zh-CN': '操作已取消。', 'zh-TW': '操作已取消。', en: 'The request was cancelled.' },
  validation: {
    'zh-CN': '有些内容需要修改，请查看标出的地方。',
    'zh-TW': '有些內容需要修改，請查看標出的地方。',
    en: 'Some entries need changes; see the marked fields.',
  },
  conflict: {
    'zh-CN': '这条信息刚被别人更新过，请刷新后再试。',
    'zh-TW': '這筆資訊剛被別人更新過，請重新整理後再試。',
    en: 'Someone else changed this just now. Reload and try again.',
  },
  duplicate: {
    'zh-CN': '这次提交已经收到，不会重复记录。',
    'zh-TW': '這次提交已經收到，不會重複記錄。',
    en: 'This submission was already received; it will not be recorded twice.',
  },
  unauthorized: {
    'zh-CN': '请先登录后再操作。',
    'zh-TW': '請先登入後再操作。',
    en: 'Please sign in first.',
  },
  forbidden: {
    'zh-CN': '您没有进行此操作的权限。',
    'zh-TW': '您沒有進行此操作的權限。',
    en: 'You are not allowed to do this.',
  },
  'not-found': {
    'zh-CN': '没有找到这条信息，它可能已被删除。',
    'zh-TW': '沒有找到這筆資訊，可能已被刪除。',
    en: 'This item was not found; it may have been removed.',
  },
  'rate-limited': {
    'zh-CN': '操作太频繁，请稍等片刻再试。',
    'zh-TW': '操作太頻繁，請稍等片刻再試。',
    en: 'Too many requests. Wait a moment and try again.',
  },
  server: {
    'zh-CN': '服务器出了点问题，请稍后再试。',
    'zh-TW': '伺服器出了點問題，請稍後再試。',
    en: 'The server had a problem. Try again later.',
  },
  malformed: {
    'zh-CN': '收到的数据不完整，请稍后再试。',
    'zh-TW': '收到的資料不完整，請稍後再試。',
    en: 'The data received was incomplete. Try again later.',
  },
  'read-only': {
    'zh-CN': '此处只能查看，不能提交。',
    'zh-TW': '此處只能檢視，不能提交。',
    en: 'This source is read-only; nothing can be submitted here.',
  },
};

export interface AdapterErrorOptions {
  /** Field problems for `validation`. */
  fieldErrors?: FieldError[];
  /** Seconds to wait, for `rate-limited` (from Retry-After). */
  retryAfter?: number | null;
  /** HTTP status, when there was one. */
  status?: number | null;
  cause?: unknown;
}

/** A failure the UI can explain; `kind` picks the message. */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly fieldErrors: FieldError[];
  readonly retryAfter: number | null;
  readonly status: number | null;

  constructor(
    readonly kind: AdapterErrorKind,
    message: string,
    options: AdapterErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.fieldErrors = options.fieldErrors ?? [];
    this.retryAfter = options.retryAfter ?? null;
    this.status = options.status ?? null;
  }

  /** What to tell a person, in their language. */
  userMessage(locale: Locale = 'zh-CN'): string {
    return adapterErrorMessage(this.kind, locale);
  }

  /** Worth trying again later with the same idempotency key. */
  get transient(): boolean {
    return isTransientKind(this.kind);
  }
}

export function adapterErrorMessage(kind: AdapterErrorKind, locale: Locale): string {
  return ERROR_MESSAGES[kind][locale];
}

export const isTransientKind = (kind: AdapterErrorKind): boolean =>
  kind === 'network' || kind === 'timeout' || kind === 'rate-limited' || kind === 'server';

export const isAbortError = (error: unknown): boolean =>
  (error instanceof AdapterError && error.kind === 'aborted') ||
  (error instanceof DOMException && error.name === 'AbortError');

/** Any thrown value as an AdapterError, so nothing else escapes an adapter. */
export function toAdapterError(error: unknown): AdapterError {
  if (error instanceof AdapterError) return error;
  if (isAbortError(error)) return new AdapterError('aborted', 'The request was cancelled.', { cause: error });
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return new AdapterError('timeout', 'The request timed out.', { cause: error });
  if (error instanceof TypeError) return new AdapterError('network', error.message, { cause: error });
  return new AdapterError('malformed', error instanceof Error ? error.message : String(error), { cause: error });
}
