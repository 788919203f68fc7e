/** Small pure helpers shared by the store, the routes and the seed. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { maskName, maskPhone, topLevelCode } from '@renling/core';

/** Case-, width- and script-insensitive, exactly as the memory engine folds free text. */
export const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** The words of a `q`, folded; every one must occur in the record's text. */
export const queryWords = (q: string | undefined): string[] => (q ? fold(q).split(/\s+/u).filter(Boolean) : []);

/** The text `q` is matched against, joined as the memory engine joins it. */
export const searchText = (...fields: (string | readonly string[])[]): string => fold(fields.flat().join('\n'));

/** `%word%` for LIKE, with LIKE's own wildcards in the word taken literally. */
export const likeContains = (word: string): string => `%${word.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;

const AREA_CODE_RE = /^\d{6}(?:\d{3}){0,3}$/u;
export const isAreaCode = (code: string): boolean => AREA_CODE_RE.test(code);

/** The code and every enclosing area's code: 310105001001 → 310105, 310105001, 310105001001. */
export function areaPrefixes(code: string): string[] {
  if (!isAreaCode(code)) return [];
  const out: string[] = [];
  for (let length = 6; length <= code.length; length += 3) out.push(code.slice(0, length));
  return out;
}

/** All prefixes of all codes, once each. */
export const areaKeys = (codes: readonly string[]): string[] => [...new Set(codes.flatMap(areaPrefixes))];

/** One area contains the other (either way): how staff areas meet records' areas. */
export const areasOverlap = (a: string, b: string): boolean =>
  isAreaCode(a) && isAreaCode(b) && (a.startsWith(b) || b.startsWith(a));

export const anyOverlap = (codes: readonly string[], areas: readonly string[]): boolean =>
  codes.some((c) => areas.some((a) => areasOverlap(c, a)));

/** Category codes with their top levels, so a top-level filter finds second-level codes. */
export const categoryKeys = (codes: readonly string[]): string[] => [...new Set(codes.flatMap((c) => [c, topLevelCode(c)]))];

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A short code from a hash of `text`, in the tracking numbers' alphabet (no I or O). */
export function hashCode(text: string, length: number): string {
  const digest = createHash('sha256').update(text).digest();
  let out = '';
  for (let i = 0; out.length < length; i++) out += ALPHABET[(digest[i % digest.length] ?? 0) % ALPHABET.length] ?? '0';
  return out;
}

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export const hmac = (secret: string, text: string): string => createHmac('sha256', secret).update(text).digest('base64url');

/** Compares secrets without leaking where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Stable text for "is this the same request?": object key order does not matter. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

// ---------------------------------------------------------------------------
// Masking free text: what residents and grid workers type into a need's title
// and description is public, so numbers and the contact's own name are masked
// there before anything is stored in the public record.
// ---------------------------------------------------------------------------

// 18-character resident ID numbers, then mainland mobiles (optionally +86) and landlines.
const ID_NUMBER_RE = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/gu;
const PHONE_RE = /(?<!\d)(?:(?:\+|00)?86[\s-]?)?(?:1[3-9]\d(?:[\s-]?\d){8}|0\d{2,3}[\s-]?\d{7,8})(?!\d)/gu;

export function maskText(text: string, names: readonly string[] = []): string {
  let out = text.replace(ID_NUMBER_RE, (id) => `${'*'.repeat(14)}${id.slice(-4)}`);
  out = out.replace(PHONE_RE, (phone) => maskPhone(phone.replace(/^(?:\+|00)?86[\s-]?/u, '')));
  for (const name of names) {
    const trimmed = name.trim();
    // one character would mask every occurrence of a common surname
    if ([...trimmed].length >= 2) out = out.split(trimmed).join(maskName(trimmed));
  }
  return out;
}

/** Opaque keyset cursors: what the last item of the page was sorted by. */
export function encodeCursor(position: string | number): string {
  return Buffer.from(JSON.stringify({ after: position }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string | number | null {
  try {
    if (!/^[\w-]{1,400}$/u.test(cursor)) return null;
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const after = (value as { after?: unknown }).after;
    return typeof after === 'string' || (typeof after === 'number' && Number.isSafeInteger(after)) ? after : null;
  } catch {
    return null;
  }
}
