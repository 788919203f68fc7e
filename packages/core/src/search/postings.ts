/** Sealed posting lists as plain typed arrays (see Postings.exportState). */
export interface PostingsState {
  bytes: Uint8Array<ArrayBuffer>;
  starts: Int32Array<ArrayBuffer>;
  lists: number;
  counts: Int32Array<ArrayBuffer>;
  lastDoc: Int32Array<ArrayBuffer>;
  lastAt: Int32Array<ArrayBuffer>;
}

/**
 * Posting lists: for each term, the documents holding it with a 5-bit mask of
 * the fields it occurs in. Sealed lists live in one byte array as varint
 * deltas (about 1.3 bytes a posting, against 8 for a JS array of numbers:
 * this is what keeps 35,000 organizations under 50 MB); postings added after
 * sealing stay in small arrays until the next compaction.
 */
export class Postings {
  private bytes = new Uint8Array(0);
  private starts = new Int32Array(1);
  private sealedLists = 0;
  private pending: (number[] | Int32Array | undefined)[] = [];
  private lastDoc = new Int32Array(1024).fill(-1);
  private counts = new Int32Array(1024);
  /** Postings not yet sealed. */
  pendingSize = 0;
  lists = 0;
  // While bulk building, postings go to one flat log (list, value) instead of
  // an array per list: hundreds of thousands of growing arrays are what the
  // garbage collector would spend the build on.
  private bulk = false;
  private logList = new Int32Array(0);
  private logValue = new Int32Array(0);
  private logSize = 0;
  private lastAt = new Int32Array(1024);

  /** Starts a bulk build: no decoding until seal(). */
  beginBulk(expected: number): void {
    this.bulk = true;
    this.logList = new Int32Array(Math.max(1024, expected));
    this.logValue = new Int32Array(Math.max(1024, expected));
    this.logSize = 0;
  }

  newList(): number {
    if (this.lists === this.counts.length) {
      const grow = (a: Int32Array, fill: number) => {
        const b = new Int32Array(a.length * 2).fill(fill);
        b.set(a);
        return b;
      };
      this.counts = grow(this.counts, 0);
      this.lastDoc = grow(this.lastDoc, -1);
      this.lastAt = grow(this.lastAt, 0);
    }
    return this.lists++;
  }

  /** Records that `doc` holds the term in the fields of `mask`; docs arrive in ascending order. */
  add(list: number, doc: number, mask: number): void {
    if (this.bulk) {
      if (this.lastDoc[list] === doc) {
        const at = this.lastAt[list] ?? 0;
        this.logValue[at] = (this.logValue[at] ?? 0) | mask;
        return;
      }
      if (this.logSize === this.logList.length) {
        const size = this.logSize * 2;
        const l = new Int32Array(size);
        l.set(this.logList);
        const v = new Int32Array(size);
        v.set(this.logValue);
        this.logList = l;
        this.logValue = v;
      }
      this.logList[this.logSize] = list;
      this.logValue[this.logSize] = doc * 32 + mask;
      this.lastAt[list] = this.logSize++;
      this.lastDoc[list] = doc;
      this.counts[list] = (this.counts[list] ?? 0) + 1;
      return;
    }
    let arr = this.pending[list];
    if (!(arr instanceof Array)) arr = this.pending[list] = [];
    if (this.lastDoc[list] === doc) {
      const last = arr.length - 1;
      if (last >= 0) {
        arr[last] = (arr[last] ?? 0) | mask;
        return;
      }
      // the doc's posting is already sealed: a second one merges at decode time
    }
    arr.push(doc * 32 + mask);
    this.lastDoc[list] = doc;
    this.counts[list] = (this.counts[list] ?? 0) + 1;
    this.pendingSize++;
  }

  /** Postings in a list (counting removed documents until compaction). */
  count(list: number): number {
    return this.counts[list] ?? 0;
  }

  /**
   * Writes the list's live postings into `docs` / `masks` (grown as needed)
   * and returns how many.
   */
  decode(list: number, out: Scratch, alive: Uint8Array): number {
    out.ensure(this.count(list));
    const { docs, masks } = out;
    let n = 0;
    if (list < this.sealedLists) {
      const bytes = this.bytes;
      const end = this.starts[list + 1] ?? 0;
      let doc = -1;
      for (let p = this.starts[list] ?? 0; p < end; ) {
        let v = 0;
        let shift = 1;
        let b = bytes[p++] ?? 0;
        while (b >= 128) {
          v += (b - 128) * shift;
          shift *= 128;
          b = bytes[p++] ?? 0;
        }
        v += b * shift;
        doc += v >>> 5;
        if (alive[doc]) {
          docs[n] = doc;
          masks[n++] = v & 31;
        }
      }
    }
    const arr = this.pending[list];
    if (arr) {
      for (const v of arr) {
        const doc = Math.floor(v / 32);
        if (!alive[doc]) continue;
        if (n > 0 && docs[n - 1] === doc) masks[n - 1] = (masks[n - 1] ?? 0) | (v & 31);
        else {
          docs[n] = doc;
          masks[n++] = v & 31;
        }
      }
    }
    return n;
  }

  /** Moves every list into the sealed byte array, dropping postings of removed documents. */
  seal(alive: Uint8Array): void {
    if (this.bulk) {
      // group the log by list (a counting sort keeps each list's documents in order), each list's part standing as its pending postings
      this.bulk = false;
      const start = new Int32Array(this.lists + 1);
      for (let i = 0; i < this.logSize; i++) {
        const l = (this.logList[i] ?? 0) + 1;
        start[l] = (start[l] ?? 0) + 1;
      }
      for (let l = 0; l < this.lists; l++) start[l + 1] = (start[l + 1] ?? 0) + (start[l] ?? 0);
      const fill = start.slice(0, this.lists);
      const grouped = new Int32Array(this.logSize);
      for (let i = 0; i < this.logSize; i++) {
        const l = this.logList[i] ?? 0;
        const at = fill[l] ?? 0;
        grouped[at] = this.logValue[i] ?? 0;
        fill[l] = at + 1;
      }
      this.logList = new Int32Array(0);
      this.logValue = new Int32Array(0);
      this.logSize = 0;
      for (let l = 0; l < this.lists; l++) this.pending[l] = grouped.subarray(start[l] ?? 0, start[l + 1] ?? 0);
    }
    const scratch = new Scratch();
    const starts = new Int32Array(this.lists + 1);
    let bytes = new Uint8Array(1 << 16);
    let p = 0;
    for (let list = 0; list < this.lists; list++) {
      const n = this.decode(list, scratch, alive);
      if (p + n * 5 > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, p + n * 5));
        grown.set(bytes.subarray(0, p));
        bytes = grown;
      }
      let prev = -1;
      for (let i = 0; i < n; i++) {
        const doc = scratch.docs[i] ?? 0;
        let v = (doc - prev) * 32 + (scratch.masks[i] ?? 0);
        prev = doc;
        while (v >= 128) {
          bytes[p++] = 128 + (v % 128);
          v = Math.floor(v / 128);
        }
        bytes[p++] = v;
      }
      starts[list + 1] = p;
      this.counts[list] = n;
    }
    this.bytes = bytes.slice(0, p);
    this.starts = starts;
    this.sealedLists = this.lists;
    this.pending = [];
    this.pendingSize = 0;
  }

  /**
   * The lists as typed arrays, sealed first, for moving the index to another
   * thread (the arrays are transferred there and unusable here afterwards).
   */
  exportState(alive: Uint8Array): PostingsState {
    if (this.bulk || this.pendingSize > 0 || this.sealedLists < this.lists) this.seal(alive);
    return { bytes: this.bytes, starts: this.starts, lists: this.lists, counts: this.counts, lastDoc: this.lastDoc, lastAt: this.lastAt };
  }

  /** Takes over lists exported by `exportState`. */
  adopt(state: PostingsState): void {
    this.bytes = state.bytes;
    this.starts = state.starts;
    this.lists = this.sealedLists = state.lists;
    this.counts = state.counts;
    this.lastDoc = state.lastDoc;
    this.lastAt = state.lastAt;
    this.pending = [];
    this.pendingSize = 0;
    this.bulk = false;
  }

  /** Bytes held by sealed postings. */
  get sealedBytes(): number {
    return this.bytes.length;
  }
}

/** Reusable decode buffers. */
export class Scratch {
  docs = new Int32Array(256);
  masks = new Uint8Array(256);
  /** Room for `n` entries, keeping the first `keep` (growing must not lose what was gathered). */
  ensure(n: number, keep = 0): void {
    if (n <= this.docs.length) return;
    const size = Math.max(n, this.docs.length * 2);
    const docs = new Int32Array(size);
    const masks = new Uint8Array(size);
    docs.set(this.docs.subarray(0, keep));
    masks.set(this.masks.subarray(0, keep));
    this.docs = docs;
    this.masks = masks;
  }
}

/** An IntMap's table as plain typed arrays. */
export interface IntMapState {
  keys: Int32Array<ArrayBuffer>;
  values: Int32Array<ArrayBuffer>;
  shift: number;
  size: number;
}

/**
 * A map from non-negative 31-bit integers to integers in two typed arrays
 * (open addressing): the index looks up a term per character while
 * building, where a Map's per-entry objects cost time and memory.
 */
export class IntMap {
  private keys = new Int32Array(1024).fill(-1);
  private values = new Int32Array(1024);
  private shift = 22; // 32 - log2(capacity)
  size = 0;

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[i] ?? -1;
      if (k === key || k === -1) return i;
      i = (i + 1) & mask;
    }
  }

  get(key: number): number | undefined {
    const i = this.slot(key);
    return this.keys[i] === key ? this.values[i] : undefined;
  }

  set(key: number, value: number): void {
    const i = this.slot(key);
    if (this.keys[i] !== key) {
      this.keys[i] = key;
      if (++this.size * 2 > this.keys.length) {
        this.values[i] = value;
        this.rehash();
        return;
      }
    }
    this.values[i] = value;
  }

  /** The table as typed arrays, for moving it to another thread. */
  exportState(): IntMapState {
    return { keys: this.keys, values: this.values, shift: this.shift, size: this.size };
  }

  /** Takes over a table exported by `exportState`. */
  adopt(state: IntMapState): void {
    this.keys = state.keys;
    this.values = state.values;
    this.shift = state.shift;
    this.size = state.size;
  }

  private rehash(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    this.shift--;
    keys.forEach((k, i) => {
      if (k === -1) return;
      const j = this.slot(k);
      this.keys[j] = k;
      this.values[j] = values[i] ?? 0;
    });
  }
}
