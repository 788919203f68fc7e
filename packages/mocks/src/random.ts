/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) and the helpers the
 * generator draws with. No Math.random anywhere: the same seed gives the same
 * dataset in Node and in browsers.
 */

/** Mixes a 32-bit seed into a well-spread 32-bit value (splitmix32). */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** Hashes a string to 32 bits (FNV-1a), to derive sub-seeds from labels. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed | 0;
    let out: number;
    [s, out] = splitmix32(s);
    this.a = out;
    [s, out] = splitmix32(s);
    this.b = out;
    [s, out] = splitmix32(s);
    this.c = out;
    [, out] = splitmix32(s);
    this.d = out;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A new, independent stream for one concern, so adding draws in one part does not shift the others. */
  fork(label: string): Rng {
    return new Rng((this.uint32() ^ hashString(label)) | 0);
  }

  /** Uniform 32-bit unsigned integer (sfc32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new RangeError('pick from an empty list');
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** Picks by weight; `weights[i]` belongs to `list[i]`. */
  weighted<T>(list: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < list.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return list[i] as T;
    }
    return list[list.length - 1] as T;
  }

  /** `n` distinct items in random order (all of them when n ≥ length). */
  sample<T>(list: readonly T[], n: number): T[] {
    const copy = list.slice();
    const k = Math.min(n, copy.length);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, k);
  }

  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = list[i] as T;
      list[i] = list[j] as T;
      list[j] = tmp;
    }
    return list;
  }

  /** Roughly normal (Irwin–Hall of 3), clamped to [min, max]. */
  around(mean: number, spread: number, min: number, max: number): number {
    const x = mean + ((this.next() + this.next() + this.next() - 1.5) / 1.5) * spread;
    return Math.min(max, Math.max(min, x));
  }

  /** `len` digits, the first one not zero unless `leadingZero`. */
  digits(len: number, leadingZero = false): string {
    let s = leadingZero ? '' : String(this.int(1, 9));
    while (s.length < len) s += String(this.int(0, 9));
    return s;
  }
}

/** One random item from a list with a given stream (for other packages' stories and tests). */
export const pick = <T>(rng: Rng, list: readonly T[]): T => rng.pick(list);
