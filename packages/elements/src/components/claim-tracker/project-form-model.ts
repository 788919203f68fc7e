/**
 * The "group into a project" form without the DOM: which claims may be
 * grouped, what the form prefills from them, and the ProjectDraft its values
 * make, with each problem on its field.
 */
import {
  PROJECT_CLAIM_STATES,
  ProjectDraftSchema,
  projectFigures,
  topLevelCode,
  validateWith,
  type Claim,
  type FundingSource,
  type Locale,
  type ProjectDraft,
} from '@renling/core';
import type { FieldProblems } from '../../controllers/form-controller.js';
import { chinaDate } from '../offer-form/offer-form-model.js';
import type { ClaimDetails } from './claim-data.js';

export interface ProjectFormValues {
  claimIds: string[];
  title: string;
  summary: string;
  categoryCode: string;
  areaCode: string;
  fundingSource: FundingSource | '';
  /** Yuan, as typed. */
  budget: string;
  start: string;
  end: string;
  /** Planned beneficiary person-times, as typed. */
  planned: string;
}

export type ProjectField = keyof ProjectFormValues;

/** The fields the form fills in from the chosen claims until the person edits them. */
export const PREFILLED_FIELDS = ['categoryCode', 'areaCode', 'planned'] as const satisfies readonly ProjectField[];

export function emptyProjectValues(today = chinaDate(new Date())): ProjectFormValues {
  return {
    claimIds: [],
    title: '',
    summary: '',
    categoryCode: '',
    areaCode: '',
    fundingSource: '',
    budget: '',
    start: today,
    end: '',
    planned: '',
  };
}

/** Accepted or later: work that will happen (or did), so it can be planned and funded. */
export const isGroupable = (claim: Claim): boolean => PROJECT_CLAIM_STATES.includes(claim.state);

/** The category of the work a claim is about: its need's, else its offer's. */
const claimCategory = (claim: Claim, details: ClaimDetails): string | null =>
  (claim.needId ? details.needs.get(claim.needId)?.categoryCode : undefined) ??
  (claim.offerId ? details.offers.get(claim.offerId)?.categoryCode : undefined) ??
  null;

/** Where the work happens: the need's community or grid, else the offer's first service area. */
const claimArea = (claim: Claim, details: ClaimDetails): string | null =>
  (claim.needId ? details.needs.get(claim.needId)?.areaCode : undefined) ??
  (claim.offerId ? details.offers.get(claim.offerId)?.serviceAreaCodes[0] : undefined) ??
  null;

/** One shared category, else their shared top level, else the most frequent one. */
export function prefillCategory(claims: readonly Claim[], details: ClaimDetails): string {
  const codes = claims.map((c) => claimCategory(c, details)).filter((c): c is string => c !== null);
  const [first] = codes;
  if (first === undefined) return '';
  if (codes.every((c) => c === first)) return first;
  const top = topLevelCode(first);
  if (codes.every((c) => topLevelCode(c) === top)) return top;
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? first;
}

/** Area codes nest by prefix (6, 9, 12, 15 digits), so the smallest area holding all is their common prefix at a level. */
export function prefillArea(claims: readonly Claim[], details: ClaimDetails): string {
  const codes = claims.map((c) => claimArea(c, details)).filter((c): c is string => c !== null);
  const [first] = codes;
  if (first === undefined) return '';
  let length = first.length;
  for (const code of codes) {
    let same = 0;
    while (same < Math.min(length, code.length) && code[same] === first[same]) same++;
    length = same;
  }
  const level = [15, 12, 9, 6].find((l) => l <= length);
  return level === undefined ? '' : first.slice(0, level);
}

/** Person-times reported on completion where there is one, else the people the need concerns. */
export function prefillPlanned(claims: readonly Claim[], details: ClaimDetails): string {
  if (claims.length === 0) return '';
  const sum = claims.reduce(
    (total, c) => total + (c.beneficiaries ?? (c.needId ? details.needs.get(c.needId)?.beneficiaries : undefined) ?? 0),
    0,
  );
  return String(Math.max(1, sum));
}

/** Fills the prefilled fields the person has not edited from the claims now chosen. */
export function withPrefill(
  values: ProjectFormValues,
  chosen: readonly Claim[],
  details: ClaimDetails,
  edited: ReadonlySet<ProjectField>,
): ProjectFormValues {
  const next = { ...values };
  if (!edited.has('categoryCode')) next.categoryCode = prefillCategory(chosen, details);
  if (!edited.has('areaCode')) next.areaCode = prefillArea(chosen, details);
  if (!edited.has('planned')) next.planned = prefillPlanned(chosen, details);
  return next;
}

/** Texts for the problems the schema cannot name, from the element (msg() needs a render). */
export interface ProjectMessages {
  chooseClaims: string;
  oneOrganization: string;
  notGroupable: string;
  budget: string;
  planned: string;
  required: string;
}

export interface ProjectCheckContext {
  /** Every claim the form may choose from, by id. */
  claims: ReadonlyMap<string, Claim>;
  locale: Locale;
  messages: ProjectMessages;
}

export type ProjectCheck = { ok: true; draft: ProjectDraft; problems: FieldProblems } | { ok: false; problems: FieldProblems };

/** Yuan with at most two decimals; '' is NaN, so the schema's number check names it. */
const money = (typed: string): number => {
  const t = typed.trim().replace(/^[¥￥]/u, '').replaceAll(',', '');
  return /^\d{1,10}(?:\.\d{1,2})?$/u.test(t) ? Number(t) : Number.NaN;
};
const wholeNumber = (typed: string): number => (/^\s*\d{1,9}\s*$/u.test(typed) ? Number(typed) : Number.NaN);

/** Where a schema path's problem is shown. */
export function projectFieldForPath(path: string): ProjectField | null {
  const [head = '', sub = ''] = path.split('.');
  switch (head) {
    case 'period':
      return sub === 'end' ? 'end' : 'start';
    case 'beneficiaries':
      return 'planned';
    case 'organizationId':
    case 'needIds':
      return 'claimIds';
    case 'title':
    case 'summary':
    case 'categoryCode':
    case 'areaCode':
    case 'fundingSource':
    case 'budget':
    case 'claimIds':
      return head;
    default:
      return null;
  }
}

/**
 * The draft the values make, checked against ProjectDraftSchema; served,
 * satisfaction and status come from the chosen claims as the server will
 * work them out (projectFigures), so what the form shows is what is stored.
 */
export function checkProject(values: ProjectFormValues, context: ProjectCheckContext): ProjectCheck {
  const problems: FieldProblems = new Map();
  const chosen = values.claimIds.map((id) => context.claims.get(id)).filter((c): c is Claim => c !== undefined);
  const organizations = new Set(chosen.map((c) => c.organizationId));
  if (chosen.length === 0) problems.set('claimIds', context.messages.chooseClaims);
  else if (organizations.size > 1) problems.set('claimIds', context.messages.oneOrganization);
  else if (!chosen.every(isGroupable) || chosen.length !== values.claimIds.length) problems.set('claimIds', context.messages.notGroupable);

  const planned = wholeNumber(values.planned);
  const claimIds = chosen.map((c) => c.id);
  const figures = projectFigures(
    { beneficiaries: { served: 0, planned: Number.isFinite(planned) ? planned : 1 }, satisfaction: null, status: 'planned', claimIds },
    chosen,
  );
  const candidate = {
    title: values.title,
    summary: values.summary,
    organizationId: chosen[0]?.organizationId ?? '',
    categoryCode: values.categoryCode,
    areaCode: values.areaCode,
    fundingSource: values.fundingSource,
    budget: money(values.budget),
    period: { start: values.start, end: values.end },
    beneficiaries: { served: figures.beneficiaries.served, planned },
    satisfaction: figures.satisfaction,
    status: figures.status,
    needIds: [...new Set(chosen.flatMap((c) => (c.needId ? [c.needId] : [])))],
    claimIds,
  };
  const result = validateWith(ProjectDraftSchema, candidate, { locale: context.locale });
  if (!result.ok) {
    for (const error of result.errors) {
      const field = projectFieldForPath(error.path) ?? '';
      if (problems.has(field)) continue;
      // the organization follows the claims: with none chosen, "choose claims" already says why
      if (field === 'claimIds' && chosen.length === 0) continue;
      const typed = field === '' ? undefined : values[field];
      const empty = typeof typed === 'string' && typed.trim() === '' && field !== 'summary';
      const unreadable = (field === 'budget' || field === 'planned') && error.code === 'type';
      problems.set(
        field,
        empty
          ? context.messages.required
          : unreadable
            ? field === 'budget'
              ? context.messages.budget
              : context.messages.planned
            : field === 'planned' && error.code !== 'required'
              ? context.messages.planned
              : error.message,
      );
    }
  }
  if (result.ok && problems.size === 0) return { ok: true, draft: result.value, problems };
  return { ok: false, problems };
}
