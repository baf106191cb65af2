/**
 * Type-checks code snippets (README blocks, docs samples) against the package's real
 * types: each snippet becomes its own module in `outDir`, and `cloud-disk-openapi/<subpath>`
 * resolves to the source entry point that package.json `exports` builds to dist/
 * (scripts/lib/package-entries.ts).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { packageEntries, readPackageJson, root } from "./package-entries.ts";

export const projectRoot = root;

/** Writes `files` (name -> code) to `outDir` and runs tsc over them; true when they compile. */
export function typecheckSnippets(outDir: string, files: Record<string, string>): boolean {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, code] of Object.entries(files)) writeFileSync(resolve(outDir, name), `${code}\nexport {};\n`);

  const pkg = readPackageJson();
  const paths: Record<string, string[]> = {};
  for (const entry of packageEntries(pkg)) paths[`${pkg.name}${entry.subpath.slice(1)}`] = [resolve(projectRoot, entry.source)];
  writeFileSync(
    resolve(outDir, "tsconfig.json"),
    JSON.stringify(
      { extends: resolve(projectRoot, "tsconfig.json"), compilerOptions: { paths, noUnusedLocals: false }, include: ["./*.ts"] },
      null,
      2,
    ),
  );
  const tsc = resolve(projectRoot, "node_modules", ".bin", "tsc");
  return spawnSync(tsc, ["-p", resolve(outDir, "tsconfig.json")], { stdio: "inherit" }).status === 0;
}
