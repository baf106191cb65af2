/**
 * src/core is split by layer, and the folders are only true if imports go one way:
 * common utilities <- the HTTP pipeline <- spec-driven operations <- the client
 * assembly (provider definition, configuration). A file may import its own layer and
 * the layers below it, never one above. Provider folders use the core and their own
 * files, never another provider's.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const LAYERS = ["common", "http", "operations", "client"] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** Every relative import of a file, resolved to a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((match) =>
    relative(root, resolve(dirname(file), match[1]!)),
  );
}

function layerOf(path: string): number {
  const match = /^src\/core\/([^/]+)\//.exec(path);
  return match ? LAYERS.indexOf(match[1] as (typeof LAYERS)[number]) : -1;
}

describe("src/core layers", () => {
  const coreFiles = filesUnder(resolve(root, "src/core")).map((file) => relative(root, file));

  it("every core file except the two barrels sits in one of the layer folders", () => {
    // public.ts: what every provider entry re-exports; index.ts: every module, the build's entry of dist/chunks/core.js.
    const outside = coreFiles.filter((file) => file !== "src/core/public.ts" && file !== "src/core/index.ts" && layerOf(file) < 0);
    expect(outside).toEqual([]);
    for (const layer of LAYERS) expect(coreFiles.some((file) => file.startsWith(`src/core/${layer}/`))).toBe(true);
  });

  it("nothing imports src/core/index.ts: it is the build's entry of the one core module, not a barrel to use", () => {
    const importers = ["src", "generated", "scripts", "test"]
      .flatMap((dir) => filesUnder(resolve(root, dir)))
      .filter((file) => importsOf(file).includes("src/core/index.ts"))
      .map((file) => relative(root, file));
    expect(importers).toEqual([]);
  });

  it("imports go from a layer to itself or the layers below, never up and never out of src", () => {
    const upward: string[] = [];
    for (const file of coreFiles.filter((path) => layerOf(path) >= 0)) {
      for (const target of importsOf(resolve(root, file))) {
        const from = layerOf(file);
        const to = layerOf(target);
        if (target.startsWith("src/core/") && to > from) upward.push(`${file} -> ${target}`);
        if (!target.startsWith("src/core/")) upward.push(`${file} -> ${target} (outside the core)`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("a provider folder imports the core and its own files, never another provider's", () => {
    const crossing: string[] = [];
    for (const provider of ["huawei", "alibaba", "ucloudstack"]) {
      for (const file of filesUnder(resolve(root, "src", provider))) {
        for (const target of importsOf(file)) {
          const allowed =
            target.startsWith("src/core/") || target.startsWith(`src/${provider}/`) || target.startsWith(`generated/${provider}/`);
          if (!allowed) crossing.push(`${relative(root, file)} -> ${target}`);
        }
      }
    }
    expect(crossing).toEqual([]);
  });
});

describe("the waiters, a layer above the client", () => {
  const waiterFiles = ["src/waiters", "src/snapshots"].flatMap((dir) => filesUnder(resolve(root, dir)));

  it("src/waiters and src/snapshots import the core, the generated waiter tables and each other, never a provider folder or the emulator", () => {
    expect(waiterFiles.length).toBeGreaterThan(0);
    const outside = waiterFiles.flatMap((file) => {
      // Types only (erased from the bundle) may come from the provider services (the client types) and the generated schema types.
      const erased = (target: string) => /^(src\/(huawei|alibaba|ucloudstack)\/services\.ts|generated\/[^/]+\/[^/.]+\.ts)$/.test(target);
      const text = readFileSync(file, "utf8").replace(/import\s+type\s+[^;]*?from\s*"(\.{1,2}\/[^"]+)"/g, (statement, target: string) =>
        erased(relative(root, resolve(dirname(file), target))) ? "" : statement,
      );
      return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)]
        .map((match) => relative(root, resolve(dirname(file), match[1]!)))
        .filter((target) => !/^(src\/core\/|src\/waiters\/|src\/snapshots\/|generated\/[^/]+\/[^/]+\.waiters\.ts$)/.test(target))
        .map((target) => `${relative(root, file)} -> ${target}`);
    });
    expect(outside).toEqual([]);
  });

  it("nothing in src/core, a provider folder or the emulator imports them (the provider entries stay as they are)", () => {
    const importers = ["core", "huawei", "alibaba", "ucloudstack", "emulator"]
      .flatMap((dir) => filesUnder(resolve(root, "src", dir)))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => /^src\/(waiters|snapshots)\/|\.waiters\.ts$/.test(target))
          .map((target) => `${relative(root, file)} -> ${target}`),
      );
    expect(importers).toEqual([]);
  });
});

describe("provider folders", () => {
  /** The files every provider has, each with the same role (ARCHITECTURE.md, "Provider folders"). */
  const ROLES = ["index.ts", "provider.ts", "services.ts", "config.ts", "credentials.ts", "auth.ts", "errors.ts"];

  it.each(["huawei", "alibaba", "ucloudstack"])("%s has the same role files as the others, and a signer", (provider) => {
    const files = readdirSync(resolve(root, "src", provider));
    expect(ROLES.filter((role) => !files.includes(role))).toEqual([]);
    expect(files.some((file) => /^signer(-v\d+)?\.ts$/.test(file))).toBe(true);
  });
});
