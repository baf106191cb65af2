/**
 * A set of strings that keeps only a 64-bit fingerprint of each: 8 bytes a slot in
 * one typed array instead of a JS string per entry. Pagination uses it to remember
 * every cursor (and every page's first item) of a walk, so a repeat is seen before
 * the repeated page is fetched or yielded.
 *
 * The trade-off: a string that was added is always found again (no false negatives,
 * so a real repeat is never missed); a new string is taken for a seen one only if its
 * fingerprint collides with one of the n already stored, which for a well-mixed 64-bit
 * fingerprint happens with probability about n² / 2⁶⁵ over a whole walk: 2.7e-14 for
 * the default 1,000 pages, 2.7e-8 for 1,000,000. Such a collision ends a walk with an
 * error, never with a silent skip. Memory: the table doubles when half full, so
 * 16 to 32 bytes per entry (32 KB at 2,000 entries), against about 180 bytes a page
 * for a Set of cursor strings (Cinder markers).
 *
 * The fingerprint is two 32-bit lanes over the UTF-16 code units, each a
 * multiply-xor recurrence with its own constants, then a bijective finalizer per
 * lane. Because the finalizers are bijections, two strings share a fingerprint only
 * if both lanes' states collide. It is not cryptographic: a server could craft two
 * cursors with one fingerprint, and the walk would stop with an error.
 */

/** A 32-bit bijection that spreads every input bit over the output (MurmurHash3's fmix32 constants). */
function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Written by `fingerprint`, read right after: saves an allocation per call. */
let high = 0;
let low = 0;

function fingerprint(text: string): void {
  // Lane A: FNV-1a's recurrence (offset basis 0x811c9dc5, prime 0x01000193). Lane B: a
  // multiply by another odd constant followed by an xor-shift, so the two lanes do not
  // collide on the same inputs. Both start from the length.
  let a = 0x811c9dc5 ^ text.length;
  let b = Math.imul(0x9e3779b9 ^ text.length, 0x27d4eb2f);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 15;
  }
  high = finalize(a);
  // Mixing lane A into B keeps the pair a bijection of (a, b) while decorrelating the halves.
  low = finalize(b ^ high);
  // (0, 0) marks an empty slot; moving that one fingerprint to (1, 0) merges it with one other value.
  if (high === 0 && low === 0) high = 1;
}

export class FingerprintSet {
  /** Slot i is (slots[2i], slots[2i + 1]) = (high, low); (0, 0) is empty. Open addressing, linear probing. */
  #slots = new Uint32Array(2 * 64);
  /** Strings added (distinct fingerprints). */
  size = 0;

  /** Adds `text`; false if it (or a string with its fingerprint) was there already. */
  add(text: string): boolean {
    fingerprint(text);
    if (!this.#put(high, low)) return false;
    // Doubling once more than half full keeps probes short and the cost at 16 to 32 bytes an entry.
    if (++this.size * 4 > this.#slots.length) {
      const old = this.#slots;
      this.#slots = new Uint32Array(old.length * 2);
      for (let j = 0; j < old.length; j += 2) if (old[j] || old[j + 1]) this.#put(old[j]!, old[j + 1]!);
    }
    return true;
  }

  /** Stores (h, l) unless it is there already (then false): one probe for both the lookup and the insert. */
  #put(h: number, l: number): boolean {
    const slots = this.#slots;
    const mask = slots.length - 1;
    // j walks the even indices: the first of each slot's two numbers.
    for (let j = (h << 1) & mask; ; j = (j + 2) & mask) {
      if (slots[j] === h && slots[j + 1] === l) return false;
      if (!slots[j] && !slots[j + 1]) {
        slots[j] = h;
        slots[j + 1] = l;
        return true;
      }
    }
  }
}

/** The fingerprint as `[high, low]` (tests and measurements; the set itself never allocates one). */
export function fingerprintPair(text: string): [number, number] {
  fingerprint(text);
  return [high, low];
}
