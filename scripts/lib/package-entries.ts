/**
 * The package's entry points, read from package.json `exports` (the one place they
 * are declared). Each provider subpath names its bundle (`import`) and its types
 * (`types`); the source entry follows from the types path:
 *   "./huawei": { types: "./dist/types/src/huawei/index.d.ts", import: "./dist/huawei.js" }
 *   -> source src/huawei/index.ts, bundle name "huawei".
 * Used by the build, the package check and the size report.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

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
}

export const TYPES_DIR = "dist/types";
export const CHUNKS_DIR = "dist/chunks";

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
    });
  }
  return entries;
}
