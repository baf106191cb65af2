/**
 * Install footprint: a production install (`npm install --omit=dev`) into an empty
 * folder, then the packages and bytes under its node_modules. Bytes are apparent
 * file sizes (what `du --apparent-size -b` adds up), npm's own `.package-lock.json`
 * left out.
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Footprint {
  packages: number;
  bytes: number;
  files: number;
  /** Top-level package names of the tree (for the report). */
  names: string[];
}

function walkBytes(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = walkBytes(path);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.name !== ".package-lock.json") {
      bytes += lstatSync(path).size;
      files++;
    }
  }
  return { bytes, files };
}

/** Package folders under a node_modules, nested ones included. */
function packagesIn(nodeModules: string, out: string[] = [], prefix = ""): string[] {
  if (!existsSync(nodeModules)) return out;
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const path = join(nodeModules, entry.name);
    if (entry.name.startsWith("@")) {
      for (const scoped of readdirSync(path, { withFileTypes: true })) {
        if (!scoped.isDirectory()) continue;
        out.push(`${prefix}${entry.name}/${scoped.name}`);
        packagesIn(join(path, scoped.name, "node_modules"), out, `${prefix}${entry.name}/${scoped.name}>`);
      }
    } else if (existsSync(join(path, "package.json"))) {
      out.push(`${prefix}${entry.name}`);
      packagesIn(join(path, "node_modules"), out, `${prefix}${entry.name}>`);
    }
  }
  return out;
}

export function measureTree(dir: string): Footprint {
  const nodeModules = join(dir, "node_modules");
  const names = packagesIn(nodeModules);
  const { bytes, files } = existsSync(nodeModules) ? walkBytes(nodeModules) : { bytes: 0, files: 0 };
  return { packages: names.length, bytes, files, names };
}

/** `npm install --omit=dev` of `specs` into `dir` (emptied first); throws with npm's output on failure. */
export function productionInstall(dir: string, specs: string[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "footprint-probe", version: "1.0.0", private: true }, null, 2)}\n`);
  const result = spawnSync(
    "npm",
    ["install", "--omit=dev", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...specs],
    { cwd: dir, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`npm install ${specs.join(" ")} failed in ${dir}:\n${result.stdout}\n${result.stderr}`);
}

/** A peer's install, kept in `cacheDir` between runs and redone only when its specs change. */
export function cachedProductionInstall(cacheDir: string, specs: string[]): { dir: string; reused: boolean } {
  const marker = join(cacheDir, ".specs");
  const wanted = specs.join("\n");
  if (existsSync(marker) && readFileSync(marker, "utf8") === wanted && existsSync(join(cacheDir, "node_modules")))
    return { dir: cacheDir, reused: true };
  productionInstall(cacheDir, specs);
  writeFileSync(marker, wanted);
  return { dir: cacheDir, reused: false };
}
