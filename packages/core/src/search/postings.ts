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
  private pending: (number[] | undefined)[] = [];
  private lastDoc = new Int32Array(1024).fill(-1);
  private counts = new Int32Array(1024);
  /** Postings not yet sealed. */
  pendingSize = 0;
  lists = 0;

  newList(): number {
    if (this.lists === this.counts.length) {
      const grow = (a: Int32Array, fill: number) => {
        const b = new Int32Array(a.length * 2).fill(fill);
        b.set(a);
        return b;
      };
      this.counts = grow(this.counts, 0);
      this.lastDoc = grow(this.lastDoc, -1);
    }
    return this.lists++;
  }

  /** Records that `doc` holds the term in the fields of `mask`; docs arrive in ascending order. */
  add(list: number, doc: number, mask: number): void {
    let arr = this.pending[list];
    if (!arr) arr = this.pending[list] = [];
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

  /** Bytes held by sealed postings. */
  get sealedBytes(): number {
    return this.bytes.length;
  }
}

/** Reusable decode buffers. */
export class Scratch {
  docs = new Int32Array(256);
  masks = new Uint8Array(256);
  ensure(n: number): void {
    if (n <= this.docs.length) return;
    const size = Math.max(n, this.docs.length * 2);
    this.docs = new Int32Array(size);
    this.masks = new Uint8Array(size);
  }
}
