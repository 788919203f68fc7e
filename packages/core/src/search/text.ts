/**
 * Text folding shared by indexing and querying: NFKC (full-width letters and
 * digits, compatibility ideographs), lower case, and traditional characters
 * to simplified, so 醫患, ＹＡＮＧＬＡＯ and Elderly meet their indexed forms.
 */
import type { ReadingTable } from './readings.js';

/** CJK ideographs, including extension A, compatibility and (by high surrogate) the astral planes. */
export const isHan = (c: number): boolean =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd840 && c <= 0xd8bf);

const OTHER_WORD = /[\p{L}\p{N}]/u;
// other scripts' answers, looked up once per code unit: indexing asks for every character
const otherWord = new Uint8Array(0x10000);
/** Letters and digits of other scripts: the parts of Latin words and numbers. */
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  if (isHan(c) || (c >= 0xdc00 && c <= 0xdfff)) return false;
  return (otherWord[c] ||= OTHER_WORD.test(String.fromCharCode(c)) ? 1 : 2) === 1;
}

function simplifyAll(text: string, readings: ReadingTable): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const s = readings.simplify(c);
    if (s !== c) {
      out += text.slice(from, i) + String.fromCharCode(s);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Characters folding leaves alone: ASCII other than capitals, simplified
 * ideographs, and punctuation (CJK, general and full-width but for letters
 * and digits), which only ever separates words; most stored text is nothing else.
 */
function stable(c: number, readings: ReadingTable): boolean {
  if (c < 0x80) return c < 65 || c > 90;
  if (c >= 0x4e00 && c <= 0x9fff) return readings.simplify(c) === c;
  if (c >= 0xff00 && c <= 0xffef) return !((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) || c > 0xff60);
  return (c >= 0x2000 && c <= 0x206f) || (c >= 0x3001 && c <= 0x303f);
}

/** The folded form of `text`; the same string object when nothing changes (most stored text). */
export function fold(text: string, readings: ReadingTable): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!stable(c, readings)) return simplifyAll(text.normalize('NFKC').toLowerCase(), readings);
  }
  return text;
}

/**
 * Folds `text` keeping, for each folded UTF-16 unit, where its source
 * character starts and ends in `text`, so ranges found in folded text can be
 * highlighted in the original.
 */
export function foldWithOrigins(text: string, readings: ReadingTable): { folded: string; start: number[]; end: number[] } {
  const folded = fold(text, readings);
  const start: number[] = [];
  const end: number[] = [];
  // folding rarely changes lengths (ﬁ, ㈱, İ): when it did not, positions carry over one to one
  if (folded.length === text.length) {
    for (let i = 0; i < text.length; i++) {
      start.push(i);
      end.push(i + 1);
    }
    return { folded, start, end };
  }
  let pieces = '';
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const piece = fold(text.slice(i, i + width), readings);
    pieces += piece;
    for (let k = 0; k < piece.length; k++) {
      start.push(i);
      end.push(i + width);
    }
    i += width;
  }
  if (pieces !== folded) {
    // composition joined characters across boundaries: fall back to positions scaled to the original
    start.length = 0;
    end.length = 0;
    const scale = text.length / Math.max(1, folded.length);
    for (let j = 0; j < folded.length; j++) {
      start.push(Math.floor(j * scale));
      end.push(Math.min(text.length, Math.ceil((j + 1) * scale)));
    }
  }
  return { folded, start, end };
}
