/**
 * `npm run build`: a clean dist/ (no stale files from earlier layouts or options), then
 *  1. the types: tsc with tsconfig.build.json, declarations only, to dist/types/;
 *  2. the shared core: every module of src/core (src/core/index.ts re-exports them all) in one
 *     ES module, dist/chunks/core.js, except the Node transport, which the core imports dynamically
 *     on Node only: its own chunk, dist/chunks/node-exchange.js, importing the core from core.js;
 *  3. the entries: one ES module per package entry (dist/huawei.js, …, dist/emulator.js),
 *     each bundling its own code and importing src/core from dist/chunks/core.js.
 *
 * Why this layout: Node resolves, reads, compiles and links every module an import reaches,
 * so a provider entry should be two modules (its bundle and the core) plus openapi-fetch. An
 * esbuild pass with `splitting` cuts chunks by which entries reach each piece of code; once the
 * snapshots and emulator entries joined that pass, a provider entry imported four or five chunks
 * and its cold import grew by 3–4 ms (bench/RESULTS.md §1). Here the cut is ours: src/core is
 * one module, and an import of a src/core file from outside src/core becomes an import of
 * ./chunks/core.js (the plugin below), so every entry still uses the same core classes (one error
 * hierarchy: a `ConfigurationError` thrown by `startEmulator` is the one
 * `cloud-disk-openapi/huawei` exports). What else two entries share (the generated operation
 * tables: a provider's entry and the emulator) is data, bundled into each.
 *
 * Dependencies (openapi-fetch) stay external: users get them from npm, deduplicated and
 * updatable. Not minified: stack traces and the code in node_modules stay readable (minifying
 * did not make the import measurably faster). The Node-only entry `./emulator`
 * (scripts/lib/package-entries.ts) keeps its `node:` imports as imports. Checked after the build:
 * every bundle links in Node (each name an entry imports from the core exists there), and no
 * runtime-neutral entry reaches a `node:` module or anything but the dependencies, through any
 * module it imports; the build fails otherwise. Types: the runtime-neutral declarations are
 * emitted without Node's types (tsconfig.build.json), the Node-only entry's with them
 * (tsconfig.build-node.json).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { builtImports, CORE_BUNDLE, NODE_CHUNK, packageEntries, readPackageJson, root } from "./lib/package-entries.ts";

rmSync(resolve(root, "dist"), { recursive: true, force: true });

for (const config of ["tsconfig.build.json", "tsconfig.build-node.json"]) {
  const types = spawnSync(resolve(root, "node_modules", ".bin", "tsc"), ["-p", resolve(root, config)], { stdio: "inherit" });
  if (types.status !== 0) process.exit(types.status ?? 1);
}

const pkg = readPackageJson();
const common: BuildOptions = {
  absWorkingDir: root,
  bundle: true,
  format: "esm",
  // No Node or browser built-ins are used (test/environment-neutral.test.ts), except by the
  // Node-only entry, whose `node:` imports stay imports (checked below).
  platform: "neutral",
  target: "es2022",
  external: [...Object.keys(pkg.dependencies ?? {}), "node:*"],
  legalComments: "inline",
  logLevel: "warning",
};

// 2. The core: src/core/index.ts re-exports every module of src/core, bundled into one file.
const coreDir = resolve(root, "src", "core") + sep;
const coreIndex = resolve(coreDir, "index.ts");
const corePublic = resolve(coreDir, "public.ts");
const nodeChunkSource = resolve(root, NODE_CHUNK.source);
const listed = new Set([...readFileSync(coreIndex, "utf8").matchAll(/^export \* from "\.\/(.+)";$/gm)].map((match) => match[1]!));
const unlisted = readdirSync(coreDir, { recursive: true, encoding: "utf8" })
  .map((file) => file.split(sep).join("/"))
  .filter((file) => file.endsWith(".ts") && file !== "index.ts" && resolve(coreDir, file) !== nodeChunkSource && !listed.has(file));
if (unlisted.length > 0) {
  console.error(
    `build: src/core/index.ts must re-export every module of src/core; add: ${unlisted.map((f) => `export * from "./${f}";`).join(" ")}`,
  );
  process.exit(1);
}
if (listed.has(relative(coreDir, nodeChunkSource).split(sep).join("/"))) {
  console.error(`build: ${NODE_CHUNK.source} is imported dynamically, on Node only; src/core/index.ts must not re-export it`);
  process.exit(1);
}
/** The core's dynamic import of the Node transport stays an import, of the chunk built next to it. */
const nodeChunkAsImport: Plugin = {
  name: "node-chunk-as-import",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\// }, ({ path, importer }) =>
      resolve(dirname(importer), path) === nodeChunkSource ? { path: `./${basename(NODE_CHUNK.bundle)}`, external: true } : undefined,
    );
  },
};
const core = await build({ ...common, entryPoints: [coreIndex], outfile: resolve(root, CORE_BUNDLE), plugins: [nodeChunkAsImport] });
if (core.errors.length > 0) process.exit(1);
/** The Node transport's own imports of the core go to core.js, its neighbour. */
const coreAsNeighbour: Plugin = {
  name: "core-as-neighbour",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\// }, ({ importer }) =>
      importer === nodeChunkSource ? { path: `./${basename(CORE_BUNDLE)}`, external: true } : undefined,
    );
  },
};
const nodeChunk = await build({
  ...common,
  entryPoints: [nodeChunkSource],
  outfile: resolve(root, NODE_CHUNK.bundle),
  plugins: [coreAsNeighbour],
});
if (nodeChunk.errors.length > 0) process.exit(1);

// 3. The entries, each importing the core from the one module built above.
const coreFromEntries = `./${CORE_BUNDLE.slice("dist/".length)}`;
const coreAsImport: Plugin = {
  name: "core-as-import",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\// }, ({ path, importer }) => {
      const target = resolve(dirname(importer), path);
      const inCore = (file: string) => file.startsWith(coreDir);
      // src/core/public.ts only re-exports: bundled into each entry, it keeps an entry's `export *`
      // to the public names (check-package compares them), each re-exported from the core module.
      const outsideTheBundle = !inCore(importer) || importer === corePublic;
      const redirect = inCore(target) && target !== corePublic && outsideTheBundle;
      return redirect ? { path: coreFromEntries, external: true } : undefined;
    });
  },
};
const entries = await build({
  ...common,
  entryPoints: Object.fromEntries(packageEntries(pkg).map((entry) => [entry.bundleName, entry.source])),
  outdir: "dist",
  plugins: [coreAsImport],
});
if (entries.errors.length > 0) process.exit(1);

// Every bundle links: a name an entry imports from the core that the core does not export (the type
// check already refuses two core modules exporting one name: TS2308 in src/core/index.ts) fails here, not at a user's.
for (const entry of [...packageEntries(pkg), { bundle: NODE_CHUNK.bundle }]) {
  const load = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", `await import(${JSON.stringify(pathToFileURL(resolve(root, entry.bundle)).href)});`],
    {
      encoding: "utf8",
    },
  );
  if (load.status !== 0) {
    console.error(`build: ${entry.bundle} does not load in Node:\n${load.stderr.trim()}`);
    process.exit(1);
  }
}

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
