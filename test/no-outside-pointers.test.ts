/**
 * Nothing in the repository may point at files outside it: a reader who clones the
 * repository has no design notes and no local copies of provider documents. Facts
 * are cited by their public source (a documentation URL, an SDK or doc file at a
 * commit). This scans every tracked text file for the pointers that used to creep in:
 * local copies of provider pages (`NNN_<16 hex>.txt`), the folders they lived in, and
 * design notes kept beside the repository.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");

/** What a pointer outside the repository looks like, and why each one is refused. */
const OUTSIDE_POINTERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b\d{3}_[0-9a-f]{16}\b/, "a local copy of a provider document: cite the provider's page"],
  [/\bshared\/(?:seeds|notes|hooks)\b|\bseeds\/\d{3}_/, "a folder outside the repository"],
  [/\bnotes\/[\w-]+\.md\b/, "a design note outside the repository: cite its public source"],
  [/\bDESIGN\.md\b/, "a design document outside the repository"],
  [/(?:^|[\s`'"(])\/work\//, "an absolute path on the machine that wrote it"],
];

function trackedFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" });
  return out.split("\0").filter((path) => path !== "");
}

/** Text files only: a NUL byte in the first few kilobytes marks a binary. */
function readText(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(resolve(ROOT, path), "utf8");
  } catch {
    return undefined; // listed but absent (e.g. a symlink into another checkout)
  }
  return text.slice(0, 8192).includes("\0") ? undefined : text;
}

function findPointers(path: string, text: string): string[] {
  const hits: string[] = [];
  text.split("\n").forEach((line, index) => {
    for (const [pattern, why] of OUTSIDE_POINTERS) {
      const match = pattern.exec(line);
      if (match) hits.push(`${path}:${index + 1}: "${match[0].trim()}" is ${why}`);
    }
  });
  return hits;
}

describe("no pointers to files outside the repository", () => {
  it("recognises each kind of pointer it guards against", () => {
    // Built from parts, so this file holds no pointer itself and is scanned like every other.
    const copy = ["001", "aa163b09ba1ccc52"].join("_");
    const samples = [
      `x-source: ${copy}.txt §3`,
      `see \`${["shared", "seeds", copy].join("/")}.txt\``,
      `details in ${["notes", "auth-schemes.md"].join("/")} §5`,
      `(${["DESIGN", "md"].join(".")} "RPC APIs")`,
      `read ${["", "work", "shared", "README.md"].join("/")}`,
    ];
    for (const sample of samples) expect(findPointers("sample", sample).length, sample).toBeGreaterThan(0);
    const fine = [
      "seedCreateVolume: the provider's sample, fixed",
      "https://github.com/UCloudDoc-Team/UCloudStack/blob/0014c564/apiguide/snapshot.md",
      "400 seeded random requests",
      "src/core/common/util.ts",
    ];
    for (const sample of fine) expect(findPointers("sample", sample), sample).toEqual([]);
  });

  it("finds none in any tracked file", () => {
    const files = trackedFiles();
    expect(files.length).toBeGreaterThan(50);
    const hits = files.flatMap((path) => {
      const text = readText(path);
      return text === undefined ? [] : findPointers(path, text);
    });
    expect(hits).toEqual([]);
  });
});
