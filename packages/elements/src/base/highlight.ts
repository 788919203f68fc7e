/**
 * Search-match highlighting as Lit templates: the matched ranges become
 * `<mark>` elements and everything else stays text, so a name holding markup
 * is shown, never parsed.
 */
import { html, type TemplateResult } from 'lit';

/** Half-open `[start, end)` offsets into a string, in UTF-16 code units (as `String.slice`). */
export type MatchRange = readonly [number, number];

/**
 * Sorted, clamped, merged ranges. Engines may report overlapping or touching
 * ranges (a pinyin hit and a character hit on the same word) or ranges past
 * the end of a text that was trimmed; none of that may break the rendering.
 */
export function normalizeRanges(ranges: readonly MatchRange[], length: number): [number, number][] {
  const clean = ranges
    .map(([a, b]): [number, number] => [Math.max(0, Math.min(a, length)), Math.max(0, Math.min(b, length))])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of clean) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * `text` with each range wrapped in `<mark part="mark">`. The template has
 * one shape whatever the ranges: each mark with the text before it, then the
 * rest. A list re-rendering its rows for every keystroke then updates their
 * text in place instead of replacing text with marks and marks with text.
 */
export function highlight(text: string, ranges: readonly MatchRange[]): TemplateResult {
  const marks: TemplateResult[] = [];
  let at = 0;
  for (const [a, b] of normalizeRanges(ranges, text.length)) {
    marks.push(html`${text.slice(at, a)}<mark part="mark">${text.slice(a, b)}</mark>`);
    at = b;
  }
  return html`${marks}${text.slice(at)}`;
}

export interface Snippet {
  text: string;
  ranges: [number, number][];
  /** Text was cut before / after the window. */
  before: boolean;
  after: boolean;
}

/**
 * A window of about `size` characters around the first match of a long text
 * (a description), with the ranges moved into it. Cuts never split a
 * surrogate pair, so an emoji or a rare CJK character is never halved.
 */
export function snippet(text: string, ranges: readonly MatchRange[], size = 48): Snippet {
  const merged = normalizeRanges(ranges, text.length);
  if (text.length <= size) return { text, ranges: merged, before: false, after: false };
  const first = merged[0] ?? [0, 0];
  let start = Math.max(0, Math.min(first[0] - Math.floor(size / 3), text.length - size));
  let end = Math.min(text.length, start + size);
  const isLow = (i: number): boolean => {
    const c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  };
  if (start > 0 && isLow(start)) start--;
  if (end < text.length && isLow(end)) end++;
  const moved = merged
    .map(([a, b]): [number, number] => [Math.max(a, start) - start, Math.min(b, end) - start])
    .filter(([a, b]) => b > a);
  return { text: text.slice(start, end), ranges: moved, before: start > 0, after: end < text.length };
}
