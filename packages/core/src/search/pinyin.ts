/**
 * Reading what residents type in Latin letters as pinyin: full syllables
 * (yanglao), initials (ylfw), a syllable still being typed (yangl), or a mix.
 * A parse is a list of units; each unit is the set of syllable ids it may
 * stand for, matched against the syllable strings that ReadingTable.read
 * produces (one UTF-16 unit per character) by findUnits.
 */
import type { ReadingTable } from './readings.js';

export interface Unit {
  /** Syllable ids this unit matches. */
  ids: number[];
  /** The first letter of every syllable in `ids` (they share it). */
  letter: string;
  /** A whole syllable, not an initial or a syllable being typed. */
  full: boolean;
  /** A whole syllable widened to the syllables it begins (the last one, still being typed): its own id. */
  exact?: number;
}

export interface Parse {
  units: Unit[];
  /** Units standing for initials only (y in ylao). */
  abbreviated: number;
}

// what a character's first letter can be when only first letters are typed (an → a, e → e)
const INITIALS = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w', 'a', 'o', 'e'];
const MAX_PARSES = 4;
/** ü after l and n, as people type it without a v: lushi is 律师 as well as 路十. */
const U_FOR_V: Record<string, string> = { lu: 'lv', nu: 'nv', lue: 'lve', nue: 'nve' };

/**
 * Pinyin as typed letters: tone marks dropped, ü as v (yǎnglǎo → yanglao,
 * lǜshī → lvshi), the way the index and an IME spell it.
 */
export function plainPinyin(text: string): string {
  return text.normalize('NFD').replace(/u\u0308/gu, 'v').replace(/[\u0300-\u036f]/gu, '');
}

/** The syllables `piece` spells whole: itself, and lü for lu (and the like); none when it is not a syllable. */
export function wholeSyllables(piece: string, readings: ReadingTable): number[] {
  const alias = U_FOR_V[piece];
  return [readings.knownSyllable(piece), alias ? readings.knownSyllable(alias) : 0].filter((id) => id > 0);
}

interface Inventory {
  byPrefix: Map<string, number[]>;
  sorted: string[];
}
const inventories = new WeakMap<ReadingTable, Inventory>();

function inventory(readings: ReadingTable): Inventory {
  let inv = inventories.get(readings);
  if (!inv || inv.sorted.length !== readings.syllables.length - 1) {
    inv = { byPrefix: new Map(), sorted: readings.syllables.slice(1).sort() };
    inventories.set(readings, inv);
  }
  return inv;
}

/** Ids of the syllables that start with `prefix`. */
export function syllablesWithPrefix(readings: ReadingTable, prefix: string): number[] {
  const inv = inventory(readings);
  let ids = inv.byPrefix.get(prefix);
  if (!ids) {
    ids = inv.sorted.filter((s) => s.startsWith(prefix)).map((s) => readings.knownSyllable(s));
    inv.byPrefix.set(prefix, ids);
  }
  return ids;
}

interface Partial {
  units: Unit[];
  cost: number;
  abbreviated: number;
  long: number;
}

/**
 * The likeliest parses of a run of letters, best first. Whole syllables cost
 * least, a syllable still being typed (only at the end) a little more, an
 * initial standing for a syllable most; parses costing a whole initial more than the best are
 * dropped, and so are ones mixing several initials with longer syllables
 * (how English words like "elderly" would otherwise parse), unless
 * `initialsFirst` lets initials lead whole syllables (ylfuwu: y l fu wu).
 */
export function parsePinyin(letters: string, readings: ReadingTable, initialsFirst = false): Parse[] {
  const n = letters.length;
  if (n < 2 || n > 40 || !/^[a-z]+$/u.test(letters)) return [];
  // best[i]: the cheapest parses of letters.slice(i)
  const best: Partial[][] = Array.from({ length: n + 1 }, () => []);
  best[n] = [{ units: [], cost: 0, abbreviated: 0, long: 0 }];
  for (let i = n - 1; i >= 0; i--) {
    const options: { unit: Unit; next: number; cost: number; abbr: number; long: number }[] = [];
    for (let len = Math.min(6, n - i); len >= 1; len--) {
      const piece = letters.slice(i, i + len);
      const ids = wholeSyllables(piece, readings);
      // a one-letter syllable (n, m, e) is as likely an initial: no cheaper than one
      if (ids.length) options.push({ unit: { ids, letter: piece.charAt(0), full: true }, next: i + len, cost: len > 1 ? 0.05 : 1, abbr: 0, long: len > 1 ? 1 : 0 });
      else if (i + len === n) {
        const ids = syllablesWithPrefix(readings, piece);
        if (ids.length) options.push({ unit: { ids, letter: piece.charAt(0), full: false }, next: n, cost: 0.5, abbr: 0, long: 0 });
      }
    }
    for (const initial of INITIALS) {
      if (!letters.startsWith(initial, i)) continue;
      const ids = syllablesWithPrefix(readings, initial);
      // zh ch sh as one initial cost more than z+h: initials are usually typed one letter a character
      if (ids.length) options.push({ unit: { ids, letter: initial.charAt(0), full: false }, next: i + initial.length, cost: initial.length > 1 ? 2.05 : 1, abbr: 1, long: 0 });
    }
    const here: Partial[] = [];
    for (const o of options) {
      for (const rest of best[o.next] ?? []) {
        here.push({ units: [o.unit, ...rest.units], cost: o.cost + rest.cost, abbreviated: o.abbr + rest.abbreviated, long: o.long + rest.long });
      }
    }
    here.sort((a, b) => a.cost - b.cost);
    best[i] = here.slice(0, MAX_PARSES * 2);
  }
  const all = best[0] ?? [];
  const top = all[0]?.cost ?? 0;
  // letters read with initials may all be initials, a letter a character: xch is x c h (萱草花) as well as x ch… (小吃)
  const initialsRead = (all[0]?.abbreviated ?? 0) > 0;
  return all
    .filter((p) => (p.cost < top + 1 || (initialsRead && p.units.length === n)) && (!(p.abbreviated >= 2 && p.long > 0) || (initialsFirst && initialsLead(p.units))))
    .slice(0, MAX_PARSES)
    .map((p) => ({ units: p.units, abbreviated: p.abbreviated }));
}

/** Initials, then whole syllables (the last may be begun): y l fu wu, s q fu wu. */
function initialsLead(units: readonly Unit[]): boolean {
  const first = units.findIndex((u) => u.full);
  return first > 0 && units.slice(first, -1).every((u) => u.full) && units.length - first >= 2;
}

/** Units for Han text read in context: one whole syllable per character, or null if one has no reading. */
export function unitsOfHan(syllables: string, readings: ReadingTable): Unit[] | null {
  const units: Unit[] = [];
  for (let i = 0; i < syllables.length; i++) {
    const id = syllables.charCodeAt(i);
    if (!id) {
      // the low half of an astral character carries no reading of its own
      if (i > 0 && syllables.charCodeAt(i - 1)) continue;
      return null;
    }
    units.push({ ids: [id], letter: (readings.syllables[id] ?? '').charAt(0), full: true });
  }
  return units;
}

/**
 * The last unit of a parse read as still being typed: a whole syllable also
 * stands for every longer one it begins (la → la, lai, lan, lang, lao), so
 * "yangla" finds 养老 on its way to "yanglao".
 */
export function widenLast(units: Unit[], readings: ReadingTable): Unit[] {
  const last = units[units.length - 1];
  if (!last?.full) return units;
  const id = last.ids[0] ?? 0;
  // lu also widens as lv: lüe is on its way (lu → lve)
  const ids = [...new Set(last.ids.flatMap((own) => syllablesWithPrefix(readings, readings.syllables[own] ?? '')))];
  return ids.length > 1 ? [...units.slice(0, -1), { ids, letter: last.letter, full: false, exact: id }] : units;
}

// each unit's syllables as a lookup table: scanning a text tests every position
const tables = new WeakMap<Unit, Uint8Array>();
function tableOf(unit: Unit): Uint8Array {
  let table = tables.get(unit);
  if (!table) {
    table = new Uint8Array(1024);
    for (const id of unit.ids) if (id < 1024) table[id] = 1;
    tables.set(unit, table);
  }
  return table;
}

/** Whether `syl` reads `units` one after another from position `at`. */
export function unitsAt(syl: string, units: readonly Unit[], at: number): boolean {
  if (at < 0 || at + units.length > syl.length) return false;
  for (let k = 0; k < units.length; k++) {
    const unit = units[k];
    if (!unit || tableOf(unit)[syl.charCodeAt(at + k)] !== 1) return false;
  }
  return true;
}

/** The first position at or after `from` where `syl` reads `units` one after another, or -1. */
export function findUnits(syl: string, units: readonly Unit[], from = 0): number {
  const first = units[0];
  if (!first) return -1;
  const table = tableOf(first);
  for (let i = from, end = syl.length - units.length; i <= end; i++) if (table[syl.charCodeAt(i)] === 1 && unitsAt(syl, units, i)) return i;
  return -1;
}
