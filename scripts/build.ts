/**
 * `npm run build`: a clean dist/ (no stale files from earlier layouts or options), then
 *  1. the types: tsc with tsconfig.build.json, declarations only, to dist/types/;
 *  2. the code: one ES module per provider entry (dist/huawei.js, …) bundled by esbuild
 *     from src/, with the code the entries share split into dist/chunks/ so every
 *     entry uses the same core modules (one error hierarchy across providers).
 *
 * Why bundles: an entry built file-by-file is ~24 ES modules, and Node resolves, reads
 * and links each one at import; two or three modules import in about a third of the
 * time and take less memory (bench/RESULTS.md, cold import). Dependencies
 * (openapi-fetch) stay external: users get them from npm, deduplicated and updatable.
 * Not minified: stack traces and the code in node_modules stay readable.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "esbuild";
import { CHUNKS_DIR, packageEntries, readPackageJson, root } from "./lib/package-entries.ts";

rmSync(resolve(root, "dist"), { recursive: true, force: true });

const types = spawnSync(resolve(root, "node_modules", ".bin", "tsc"), ["-p", resolve(root, "tsconfig.build.json")], { stdio: "inherit" });
if (types.status !== 0) process.exit(types.status ?? 1);

const pkg = readPackageJson();
const result = await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(packageEntries(pkg).map((entry) => [entry.bundleName, entry.source])),
  outdir: "dist",
  chunkNames: `${CHUNKS_DIR.slice("dist/".length)}/[name]-[hash]`,
  bundle: true,
  splitting: true,
  format: "esm",
  // No Node or browser built-ins are used (test/environment-neutral.test.ts).
  platform: "neutral",
  target: "es2022",
  external: Object.keys(pkg.dependencies ?? {}),
  legalComments: "inline",
  logLevel: "warning",
});
if (result.errors.length > 0) process.exit(1);
