/**
 * One validation result shape for every entity, with field paths, stable
 * codes and messages in zh-CN, zh-TW and en. Forms key their inline errors
 * by `path`; servers return the same objects in their error bodies.
 */
import * as v from 'valibot';
import { isValidationCode, validationMessage, type ValidationCode } from './messages.js';
import {
  ClaimSchema,
  NeedSchema,
  OrganizationSchema,
  ProjectSchema,
  ServiceOfferSchema,
  type Claim,
  type Locale,
  type Need,
  type Organization,
  type Project,
  type ServiceOffer,
} from './model.js';

export { VALIDATION_CODES, validationMessage, type ValidationCode } from './messages.js';

export interface FieldError {
  /** Dotted path to the field, e.g. `contact.phone` or `audiences.0`; '' for the whole record. */
  path: string;
  code: ValidationCode;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  locale?: Locale;
}

type AnyIssue = v.BaseIssue<unknown>;

function issuePath(issue: AnyIssue): string {
  return (issue.path ?? []).map((item) => String(item.key)).join('.');
}

/** Turns a valibot issue into a code and its parameter (a limit, say). */
function classify(issue: AnyIssue): { code: ValidationCode; param: string } {
  const requirement = typeof issue.requirement === 'number' ? String(issue.requirement) : '';
  // Our own checks and regexes carry "code" or "code:param" as their message.
  if (issue.type === 'check' || issue.type === 'regex') {
    const [code = '', param = ''] = issue.message.split(':');
    return { code: isValidationCode(code) ? code : 'format', param };
  }
  if (issue.kind === 'schema' && issue.input === undefined) return { code: 'required', param: '' };
  switch (issue.type) {
    case 'min_length': {
      const empty =
        (typeof issue.input === 'string' || Array.isArray(issue.input)) && issue.input.length === 0;
      return empty ? { code: 'required', param: '' } : { code: 'too-short', param: requirement };
    }
    case 'max_length':
      return { code: 'too-long', param: requirement };
    case 'min_value':
      return { code: 'too-small', param: requirement };
    case 'max_value':
      return { code: 'too-large', param: requirement };
    case 'integer':
      return { code: 'integer', param: '' };
    case 'picklist':
      return { code: 'enum', param: '' };
    case 'literal':
      // the only literal in the model is the personal-information consent
      return { code: 'consent-required', param: '' };
    case 'email':
      return { code: 'email', param: '' };
    case 'iso_date':
    case 'iso_timestamp':
      return { code: 'date', param: '' };
    default:
      return { code: 'type', param: '' };
  }
}

/** Validates any input against a schema and reports every problem, each once per field. */
export function validateWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  options: ValidateOptions = {},
): ValidationResult<v.InferOutput<S>> {
  const locale = options.locale ?? 'zh-CN';
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of result.issues) {
    const path = issuePath(issue);
    // one message per field is what a person can act on; the first is the most basic
    if (seen.has(path)) continue;
    seen.add(path);
    const { code, param } = classify(issue);
    errors.push({ path, code, message: validationMessage(code, locale, param) });
  }
  return { ok: false, errors };
}

export const validateNeed = (input: unknown, options?: ValidateOptions): ValidationResult<Need> =>
  validateWith(NeedSchema, input, options);

export const validateOffer = (input: unknown, options?: ValidateOptions): ValidationResult<ServiceOffer> =>
  validateWith(ServiceOfferSchema, input, options);

export const validateOrganization = (input: unknown, options?: ValidateOptions): ValidationResult<Organization> =>
  validateWith(OrganizationSchema, input, options);

export const validateProject = (input: unknown, options?: ValidateOptions): ValidationResult<Project> =>
  validateWith(ProjectSchema, input, options);

export const validateClaim = (input: unknown, options?: ValidateOptions): ValidationResult<Claim> =>
  validateWith(ClaimSchema, input, options);
