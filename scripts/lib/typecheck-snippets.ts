/**
 * Type-checks code snippets (README blocks, docs samples) against the package's real
 * types: each snippet becomes its own module in `outDir`, and `cloud-disk-openapi/<subpath>`
 * resolves to the source entry point that package.json `exports` builds to dist/.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

export const projectRoot = resolve(import.meta.dirname, "..", "..");

/** Writes `files` (name -> code) to `outDir` and runs tsc over them; true when they compile. */
export function typecheckSnippets(outDir: string, files: Record<string, string>): boolean {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, code] of Object.entries(files)) writeFileSync(resolve(outDir, name), `${code}\nexport {};\n`);

  const exportsMap = JSON.parse(readFileSync(resolve(projectRoot, "package.json"), "utf8")).exports as Record<string, unknown>;
  const paths: Record<string, string[]> = {};
  for (const subpath of Object.keys(exportsMap).filter((key) => key !== "./package.json")) {
    paths[`cloud-disk-openapi${subpath.slice(1)}`] = [resolve(projectRoot, "src", subpath.slice(2), "index.ts")];
  }
  writeFileSync(
    resolve(outDir, "tsconfig.json"),
    JSON.stringify({ extends: resolve(projectRoot, "tsconfig.json"), compilerOptions: { paths, noUnusedLocals: false }, include: ["./*.ts"] }, null, 2),
  );
  const tsc = resolve(projectRoot, "node_modules", ".bin", "tsc");
  return spawnSync(tsc, ["-p", resolve(outDir, "tsconfig.json")], { stdio: "inherit" }).status === 0;
}
