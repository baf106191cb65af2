/**
 * The library must run outside Node (browsers, Deno, Bun, edge workers): nothing
 * under src/ or generated/ may import a Node built-in.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const builtins = new Set(builtinModules.map((name) => name.replace(/^node:/, "")));

/** Every module specifier in import/export-from statements and dynamic imports (not the word inside a string: `"from"`). */
function specifiers(code: string): string[] {
  return [...code.matchAll(/(?<![\w"'`])(?:from\s*|import\s*\(\s*|import\s+|require\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
}

describe("no Node built-ins in the library", () => {
  const files = [...sourceFiles(resolve(root, "src")), ...sourceFiles(resolve(root, "generated"))];

  it("finds the library's files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [file.slice(root.length + 1), file]))("%s", (_name, file) => {
    const offending = specifiers(readFileSync(file, "utf8")).filter((s) => s.startsWith("node:") || builtins.has(s.split("/")[0]!));
    expect(offending).toEqual([]);
  });

  it("the scanner does catch a Node import (the check can fail)", () => {
    expect(specifiers('import { x } from "node:crypto";\nconst y = await import("fs");')).toEqual(["node:crypto", "fs"]);
    expect(specifiers('const options = ["maxPages", "from"];\nthrow new InvalidParameterError("from", "bad");')).toEqual([]);
  });

  it("imports only openapi-fetch and relative modules", () => {
    const external = files.flatMap((file) => specifiers(readFileSync(file, "utf8"))).filter((s) => !s.startsWith("."));
    expect([...new Set(external)]).toEqual(["openapi-fetch"]);
  });
});
