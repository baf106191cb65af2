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
 *
 * The Node-only entry `./emulator` (issue 13; scripts/lib/package-entries.ts) is bundled in
 * the same pass, so it shares the core chunks with the provider entries: a
 * `ConfigurationError` thrown by `startEmulator` is the very class `cloud-disk-openapi/huawei`
 * exports. Its `node:` imports stay external (Node resolves them). That layout is checked
 * after the build: no runtime-neutral entry's bundle, nor any chunk it imports (directly or
 * through other chunks), may import a `node:` module or anything but the dependencies;
 * the build fails otherwise. Types: the runtime-neutral declarations are emitted without
 * Node's types (tsconfig.build.json), the Node-only entry's with them (tsconfig.build-node.json).
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { build } from "esbuild";
import { builtImports, CHUNKS_DIR, packageEntries, readPackageJson, root } from "./lib/package-entries.ts";

rmSync(resolve(root, "dist"), { recursive: true, force: true });

for (const config of ["tsconfig.build.json", "tsconfig.build-node.json"]) {
  const types = spawnSync(resolve(root, "node_modules", ".bin", "tsc"), ["-p", resolve(root, config)], { stdio: "inherit" });
  if (types.status !== 0) process.exit(types.status ?? 1);
}

const pkg = readPackageJson();
const result = await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(packageEntries(pkg).map((entry) => [entry.bundleName, entry.source])),
  outdir: "dist",
  chunkNames: `${CHUNKS_DIR.slice("dist/".length)}/[name]-[hash]`,
  bundle: true,
  splitting: true,
  format: "esm",
  // No Node or browser built-ins are used (test/environment-neutral.test.ts), except by the
  // Node-only entry, whose `node:` imports stay imports (checked below).
  platform: "neutral",
  target: "es2022",
  external: [...Object.keys(pkg.dependencies ?? {}), "node:*"],
  legalComments: "inline",
  logLevel: "warning",
});
if (result.errors.length > 0) process.exit(1);

// The runtime-neutral entries reach no `node:` module, through any chunk.
const dependencies = new Set(Object.keys(pkg.dependencies ?? {}));
for (const entry of packageEntries(pkg).filter((e) => !e.nodeOnly)) {
  const { external } = builtImports([entry.bundle]);
  const foreign = [...external].filter((specifier) => !dependencies.has(specifier));
  if (foreign.length > 0) {
    console.error(
      `build: ${entry.bundle} (runtime-neutral) imports ${foreign.join(", ")}, directly or through its chunks; only ${[...dependencies].join(", ")} are allowed`,
    );
    process.exit(1);
  }
}
