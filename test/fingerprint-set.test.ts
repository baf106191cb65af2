/**
 * The set pagination remembers cursors in (src/core/operations/fingerprint-set.ts): never a
 * false negative (a cursor added is always found, across table growth), and no
 * fingerprint collision among 200,000 cursor-like strings of the
 * shapes the providers hand out (the odds it states: n² / 2⁶⁵).
 */
import { describe, expect, it } from "vitest";
import { FingerprintSet, fingerprintPair } from "../src/core/operations/fingerprint-set.ts";

const shapes: Record<string, (i: number) => string> = {
  "Alibaba-like NextToken": (i) => `t-${i.toString(16)}`,
  "Cinder marker (UUID)": (i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
  "IMS href": (i) => `/v2/images?limit=100&marker=${i.toString(36).padStart(8, "0")}`,
  decimal: (i) => String(i),
};

describe("FingerprintSet", () => {
  it("finds every string it was given, and only those, while its table grows", () => {
    const set = new FingerprintSet();
    for (let i = 0; i < 20_000; i++) expect(set.add(`c${i}`)).toBe(true);
    expect(set.size).toBe(20_000);
    // add() answers "was it there?": false for every string given before, true for every new one.
    let missing = 0;
    let extra = 0;
    for (let i = 0; i < 20_000; i++) if (set.add(`c${i}`)) missing++;
    expect(set.size).toBe(20_000);
    for (let i = 20_000; i < 40_000; i++) if (!set.add(`c${i}`)) extra++;
    expect({ missing, extra }).toEqual({ missing: 0, extra: 0 });
    expect(set.size).toBe(40_000);
  });

  it("tells apart strings that differ in one place, in order, or in length", () => {
    const texts = ["", "a", "b", "ab", "ba", "aa", "a\u0000", "\u0000a", "abc", "acb", "abcd", "é", "e\u0301", "t-ff", "t-fe", "t-f"];
    expect(new Set(texts.map((t) => fingerprintPair(t).join(","))).size).toBe(texts.length);
  });

  it.each(Object.entries(shapes))("no 64-bit collision among 200,000 %s cursors", (_shape, make) => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(fingerprintPair(make(i)).join(","));
    // Expected collisions for a random 64-bit fingerprint: n² / 2⁶⁵ ≈ 1.1e-9.
    expect(seen.size).toBe(200_000);
  });
});
