/**
 * The package's entry points, read from package.json `exports` (the one place they
 * are declared). Each provider subpath names its bundle (`import`) and its types
 * (`types`); the source entry follows from the types path:
 *   "./huawei": { types: "./dist/types/src/huawei/index.d.ts", import: "./dist/huawei.js" }
 *   -> source src/huawei/index.ts, bundle name "huawei".
 * Used by the build, the package check and the size report.
 *
 * Node-only entries: an entry whose source lies under one of NODE_ONLY_SOURCE_DIRS may
 * import `node:` modules (the emulator serves HTTP with node:http). It is not a browser
 * entry: the size report skips it, and the build proves that no runtime-neutral entry's
 * bundle or chunk imports a `node:` module (scripts/build.ts).
 */
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

export const root = resolve(import.meta.dirname, "..", "..");

export interface PackageJson {
  name: string;
  type?: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
}

export interface Entry {
  /** `./huawei` */
  subpath: string;
  /** `huawei`: the bundle is dist/huawei.js */
  bundleName: string;
  /** `src/huawei/index.ts`, relative to the project root */
  source: string;
  /** `dist/huawei.js` */
  bundle: string;
  /** `dist/types/src/huawei/index.d.ts` */
  types: string;
  /** true for an entry that runs on Node only (`./emulator`): not bundled for browsers, may import `node:` modules */
  nodeOnly: boolean;
}

/** Sources of Node-only entries (and every module under them): `src/emulator/` (issue 13). */
export const NODE_ONLY_SOURCE_DIRS: readonly string[] = ["src/emulator/"];

export const isNodeOnlySource = (source: string): boolean => NODE_ONLY_SOURCE_DIRS.some((dir) => source.startsWith(dir));

export const TYPES_DIR = "dist/types";
/** The one module holding src/core, which every entry bundle imports (scripts/build.ts). */
export const CORE_BUNDLE = "dist/chunks/core.js";
/**
 * The Node transport: a module of src/core that the core imports dynamically, on Node only, so it is
 * its own chunk next to the core, outside every entry's bundle (scripts/build.ts, scripts/size-report.ts).
 */
export const NODE_CHUNK = { source: "src/core/http/node-exchange.ts", bundle: "dist/chunks/node-exchange.js" } as const;

export function readPackageJson(): PackageJson {
  return JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as PackageJson;
}

/** Every exports subpath that is a code entry; throws if one does not follow the layout above. */
export function packageEntries(pkg: PackageJson = readPackageJson()): Entry[] {
  const entries: Entry[] = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === "string") {
      if (target.endsWith(".json")) continue;
      throw new Error(`package.json exports["${subpath}"] must be { types, import }`);
    }
    const bundle = /^\.\/dist\/([\w-]+)\.js$/.exec(target.import ?? "");
    const types = new RegExp(`^\\./${TYPES_DIR}/(src/.+)\\.d\\.ts$`).exec(target.types ?? "");
    if (!bundle || !types)
      throw new Error(
        `package.json exports["${subpath}"]: expected { types: "./${TYPES_DIR}/src/…/index.d.ts", import: "./dist/<name>.js" }`,
      );
    entries.push({
      subpath,
      bundleName: bundle[1]!,
      source: `${types[1]}.ts`,
      bundle: `dist/${bundle[1]}.js`,
      types: `${TYPES_DIR}/${types[1]}.d.ts`,
      nodeOnly: isNodeOnlySource(`${types[1]}.ts`),
    });
  }
  return entries;
}

/**
 * The module specifiers a built file imports (static `from "…"`, bare `import "…"`, dynamic `import("…")`):
 * `local` are the root-relative built files reached through relative specifiers, transitively (not
 * `files` themselves); `external` every other specifier met on the way (`openapi-fetch`, `node:http`).
 */
export function builtImports(files: readonly string[]): { local: Set<string>; external: Set<string> } {
  const local = new Set<string>();
  const external = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop()!;
    // Statements at a line's start (esbuild's output: `import { a } from "./chunks/x.js";`, possibly over several
    // lines), bare `import "x";`, and `import("x")`; not the words inside string literals.
    const statements = /^\s*(?:import|export)\b[^;"'`]*?\bfrom\s*"([^"\n]+)"|^\s*import\s*"([^"\n]+)"|\bimport\(\s*"([^"\n]+)"\s*\)/gm;
    for (const match of readFileSync(resolve(root, file), "utf8").matchAll(statements)) {
      const specifier = (match[1] ?? match[2] ?? match[3])!;
      if (!/^\.\.?\//.test(specifier)) {
        external.add(specifier);
        continue;
      }
      const target = relative(root, resolve(root, file, "..", specifier));
      if (!local.has(target) && !files.includes(target)) {
        local.add(target);
        queue.push(target);
      }
    }
  }
  return { local, external };
}
