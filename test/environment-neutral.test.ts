/**
 * The library must run outside Node (browsers, Deno, Bun, edge workers): nothing
 * under src/ or generated/ may import a Node built-in, except the Node-only emulator
 * (`cloud-disk-openapi/emulator`, src/emulator/**, issue 13), which serves HTTP with
 * node:http. The provider entries and the core must not import the emulator either,
 * or a browser bundle of `cloud-disk-openapi/huawei` would pull node:http in.
 * (scripts/build.ts checks the same on the built bundles and chunks.)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isNodeOnlySource, NODE_ONLY_SOURCE_DIRS } from "../scripts/lib/package-entries.ts";

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

const rel = (file: string) => relative(root, file).split("\\").join("/");

/** The root-relative files `file` imports by relative specifier, that lie under src/emulator/. */
function emulatorImports(file: string, code: string): string[] {
  return specifiers(code)
    .filter((s) => s.startsWith("."))
    .map((s) => rel(resolve(dirname(file), s)))
    .filter((target) => isNodeOnlySource(target));
}

const all = [...sourceFiles(resolve(root, "src")), ...sourceFiles(resolve(root, "generated"))];
/** Everything but the Node-only emulator; the emulator's generated answer tables stay checked (they import nothing). */
const files = all.filter((file) => !isNodeOnlySource(rel(file)));
const providerEntries = ["src/huawei", "src/alibaba", "src/ucloudstack", "src/core"];

describe("no Node built-ins in the library", () => {
  it("finds the library's files, and exempts only src/emulator/", () => {
    expect(files.length).toBeGreaterThan(10);
    expect(NODE_ONLY_SOURCE_DIRS).toEqual(["src/emulator/"]);
    expect(all.length - files.length).toBeGreaterThan(10);
    expect(files.filter((file) => rel(file).includes("emulator/"))).toEqual([]);
    expect(files.some((file) => rel(file).endsWith(".answers.ts"))).toBe(true);
  });

  it.each(files.map((file) => [rel(file), file]))("%s", (_name, file) => {
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

describe("the provider entries and the core do not import the Node-only emulator", () => {
  const neutral = files.filter(
    (file) => providerEntries.some((dir) => rel(file).startsWith(`${dir}/`)) || rel(file).startsWith("generated/"),
  );

  it("finds the provider and core files", () => {
    for (const dir of providerEntries)
      expect(
        neutral.some((file) => rel(file).startsWith(`${dir}/`)),
        dir,
      ).toBe(true);
  });

  it.each(neutral.map((file) => [rel(file), file]))("%s", (_name, file) => {
    expect(emulatorImports(file, readFileSync(file, "utf8"))).toEqual([]);
  });

  it("the check does catch an import of the emulator (it can fail)", () => {
    const file = resolve(root, "src/huawei/index.ts");
    expect(emulatorImports(file, 'export { startEmulator } from "../emulator/index.ts";\nimport "../core/public.ts";')).toEqual([
      "src/emulator/index.ts",
    ]);
  });
});
