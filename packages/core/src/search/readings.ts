/**
 * Pinyin readings and traditional→simplified folding, from the compact table
 * that scripts/build-readings.mjs generates with pinyin-pro and OpenCC. No
 * pinyin library runs in the page: see that script for the encoding.
 */
import { EXTRA_CHARS, FINALS, LEVEL1_RUNS, SYLLABLE_GRID, T2S_SIMP, T2S_TRAD, WORDS } from './readings.generated.js';

/** What a reading table is made from; `ü` is written `v` (lv, nve). */
export interface ReadingData {
  /** A character's default toneless reading. */
  chars: Iterable<readonly [char: string, syllable: string]>;
  /** Words read otherwise in context, with one syllable per character: 长者 → [zhang, zhe]. */
  words?: Iterable<readonly [word: string, syllables: readonly string[]]>;
  /** Traditional → simplified characters. */
  traditional?: Iterable<readonly [traditional: string, simplified: string]>;
}

/**
 * Readings compiled into flat arrays: lookups run per character while
 * indexing 35,000 organizations, so they are array reads, not map lookups.
 */
export class ReadingTable {
  /** Syllable by id; id 0 means "no reading". */
  readonly syllables: string[] = [''];
  private readonly ids = new Map<string, number>();
  private readonly bmp = new Uint16Array(0x10000);
  private readonly astral = new Map<number, number>();
  private readonly t2s = new Uint16Array(0x10000);
  /** Words by first character; longest first. */
  private readonly wordsByFirst = new Map<number, { word: string; ids: number[] }[]>();
  /** Characters by syllable id, including readings only found inside words. */
  readonly charsBySyllable: number[][] = [[]];

  static from(data: ReadingData): ReadingTable {
    const table = new ReadingTable();
    for (const [char, syllable] of data.chars) table.setChar(char, syllable);
    for (const [trad, simp] of data.traditional ?? []) {
      const t = trad.charCodeAt(0);
      const s = simp.charCodeAt(0);
      if (trad.length === 1 && simp.length === 1 && t !== s) table.t2s[t] = s;
    }
    for (const [word, syllables] of data.words ?? []) table.addWord(word, syllables);
    return table;
  }

  /** The id of a syllable, created on first use. */
  syllableId(syllable: string): number {
    let id = this.ids.get(syllable);
    if (id === undefined) {
      id = this.syllables.length;
      this.syllables.push(syllable);
      this.ids.set(syllable, id);
      this.charsBySyllable.push([]);
    }
    return id;
  }

  /** The id of a known syllable, or 0. */
  knownSyllable(syllable: string): number {
    return this.ids.get(syllable) ?? 0;
  }

  private setChar(char: string, syllable: string): void {
    const cp = char.codePointAt(0);
    if (cp === undefined || syllable === '') return;
    const id = this.syllableId(syllable);
    if (cp < 0x10000) this.bmp[cp] = id;
    else this.astral.set(cp, id);
    this.charsBySyllable[id]?.push(cp);
  }

  /** Records a word read otherwise in context. */
  addWord(word: string, syllables: readonly string[]): void {
    const chars = [...word];
    if (chars.length < 2 || chars.length !== syllables.length) return;
    const ids = syllables.map((s, i) => {
      const id = this.syllableId(s);
      const cp = chars[i]?.codePointAt(0) ?? 0;
      const list = this.charsBySyllable[id];
      if (list && !list.includes(cp)) list.push(cp);
      return id;
    });
    const first = word.charCodeAt(0);
    const list = this.wordsByFirst.get(first) ?? [];
    list.push({ word, ids });
    list.sort((a, b) => b.word.length - a.word.length);
    this.wordsByFirst.set(first, list);
  }

  /** Default reading id of a code point (0 if unknown). */
  readingOf(cp: number): number {
    return cp < 0x10000 ? (this.bmp[cp] ?? 0) : (this.astral.get(cp) ?? 0);
  }

  /** Simplified code unit for a traditional one (itself otherwise). */
  simplify(code: number): number {
    return this.t2s[code] || code;
  }

  /** Each character's syllable in context (长者 → zhang, zhe), '' for a character without one. */
  syllablesOf(text: string): string[] {
    return [...this.read(text)].map((c) => this.syllables[c.charCodeAt(0)] ?? '');
  }

  /**
   * One syllable id per UTF-16 unit of `text` (0 where there is none), with
   * words read in context, as a string so it can be searched with indexOf
   * and regular expressions.
   */
  read(text: string): string {
    const out: number[] = new Array<number>(text.length).fill(0);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const words = this.wordsByFirst.get(code);
      if (words) {
        const hit = words.find((w) => text.startsWith(w.word, i));
        if (hit) {
          let j = i;
          for (const id of hit.ids) {
            out[j] = id;
            j += (text.codePointAt(j) ?? 0) > 0xffff ? 2 : 1;
          }
          i = j - 1;
          continue;
        }
      }
      const cp = text.codePointAt(i) ?? 0;
      out[i] = this.readingOf(cp);
      if (cp > 0xffff) i++;
    }
    let s = '';
    // chunks keep the spread below engines' argument limits
    for (let i = 0; i < out.length; i += 4096) s += String.fromCharCode(...out.slice(i, i + 4096));
    return s;
  }
}

// base-32 varint digits: the first 32 end a number, the next 32 continue it
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';

function* varints(text: string): Generator<number, void> {
  let n = 0;
  for (const ch of text) {
    const d = DIGITS.indexOf(ch);
    if (d >= 32) n = n * 32 + (d - 32);
    else {
      n = n * 32 + d;
      yield n % 2 ? -(n + 1) / 2 : n / 2;
      n = 0;
    }
  }
}

/** The 3,755 GB2312 level-1 characters in code order, which is pinyin order; '' if the platform has no GBK decoder. */
function level1Characters(): string {
  try {
    const bytes: number[] = [];
    for (let hi = 0xb0; hi <= 0xd7; hi++) {
      for (let lo = 0xa1; lo <= 0xfe && !(hi === 0xd7 && lo > 0xf9); lo++) bytes.push(hi, lo);
    }
    return new TextDecoder('gbk').decode(new Uint8Array(bytes));
  } catch {
    return '';
  }
}

/** Every syllable the table uses, alphabetically: the grid has a bit for each initial (or none) and final. */
function syllableInventory(): string[] {
  const finals = FINALS.split(' ');
  const out: string[] = [];
  ' b p m f d t n l g k h j q x zh ch sh r z c s y w'.split(' ').forEach((initial, i) =>
    finals.forEach((final, f) => {
      const bit = i * finals.length + f;
      if ((DIGITS.indexOf(SYLLABLE_GRID.charAt(Math.floor(bit / 6))) >> bit % 6) & 1) out.push(initial + final);
    }),
  );
  return out.sort();
}

function* defaultChars(syllables: string[]): Generator<[string, string]> {
  const level1 = level1Characters();
  const numbers = varints(LEVEL1_RUNS);
  let at = 0;
  let syllable = 0;
  for (const delta of numbers) {
    syllable += delta;
    const count = numbers.next().value ?? 0;
    for (let k = 0; k < count; k++) yield [level1[at + k] ?? '', syllables[syllable] ?? ''];
    at += count;
  }
  // other characters: a syllable's index, then the characters that read so
  for (const m of EXTRA_CHARS.matchAll(/([\w$]+)([^\w$]+)/gu)) {
    const syllable = syllables[varints(m[1] ?? '').next().value ?? -1] ?? '';
    for (const c of m[2] ?? '') yield [c, syllable];
  }
}

function* defaultTraditional(): Generator<[string, string]> {
  const trad = varints(T2S_TRAD);
  let t = 0x4e00;
  let s = 0x4e00;
  for (const ds of varints(T2S_SIMP)) {
    t += trad.next().value ?? 0;
    s += ds;
    yield [String.fromCharCode(t), String.fromCharCode(s)];
  }
}

let cached: ReadingTable | undefined;

/** The table generated from pinyin-pro and OpenCC, decoded once. */
export function defaultReadings(): ReadingTable {
  if (cached) return cached;
  const inventory = syllableInventory();
  const table = ReadingTable.from({ chars: defaultChars(inventory), traditional: defaultTraditional() });
  // words: the characters, then (position, syllable index) for each one read otherwise
  for (const entry of WORDS.split('|')) {
    const m = /^([^\w$]+)([\w$]+)$/u.exec(entry);
    if (!m?.[1] || !m[2]) continue;
    const chars = [...m[1]];
    const syllables = chars.map((c) => table.syllables[table.readingOf(c.codePointAt(0) ?? 0)] ?? '');
    const numbers = varints(m[2]);
    for (const pos of numbers) syllables[pos] = inventory[numbers.next().value ?? -1] ?? '';
    if (syllables.every(Boolean)) table.addWord(m[1], syllables);
  }
  cached = table;
  return table;
}
