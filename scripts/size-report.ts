/**
 * `node scripts/size-report.ts [--check]`: what each provider entry point costs a
 * browser bundle. Every code subpath in package.json `exports` (scripts/lib/package-entries.ts:
 * `./huawei` <- `src/huawei/index.ts`) is bundled from its source entry by esbuild
 * (platform browser, ESM, minified, openapi-fetch included) twice: the whole entry
 * point, and only its client factories (what `import { createEvsClient }` keeps after
 * tree-shaking). Each is gzipped at level 9. The table goes into README.md between
 * `<!-- sizes:start -->` and `<!-- sizes:end -->`; `--check` only verifies that the
 * README's table is current (exit 1 if stale or the markers are missing).
 *
 * Only the browser entries are measured: the Node-only `cloud-disk-openapi/emulator`
 * (scripts/lib/package-entries.ts `nodeOnly`) serves HTTP with node:http, no browser
 * bundle can hold it, and it has no budget; the report says so under its table.
 *
 * Budget: every whole entry must stay within 20 kB min+gz (issue 10, item 9: the budget holds
 * once the specs cover the whole snapshot domain, so the code leaves room for the tables to
 * grow). Over budget is exit 1, with or without `--check`. `--budget <kB>` sets another limit
 * for one run (to see the guard fail: `--budget 10`).
 *
 * Room to grow: each whole entry is bundled once more with its operation tables emptied
 * (rows and their compiled checks gone); the difference, divided by the number of operations,
 * is what one operation costs today, on average, min+gz. The report prints it and how many
 * more such operations the budget leaves room for.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { NODE_CHUNK, packageEntries, readPackageJson, root } from "./lib/package-entries.ts";
import { readmeMarkers, syncReadmeBlock } from "./lib/readme-block.ts";

const { start: START, end: END } = readmeMarkers("sizes");
const checkOnly = process.argv.includes("--check");
const budgetArgument = process.argv.indexOf("--budget");
const budgetKb = budgetArgument < 0 ? 20 : Number(process.argv[budgetArgument + 1]);
if (!(budgetKb > 0)) {
  console.error("size-report: --budget needs a positive number of kB");
  process.exit(2);
}
/** The budget in bytes (1 kB = 1,024 bytes, as the table counts). */
const budgetBytes = budgetKb * 1024;

const pkg = readPackageJson();

interface Size {
  minified: number;
  gzipped: number;
}

/** Generated tables are `export const operationTable = expandOperationTable({ ...rows } as const);` (scripts/generate.ts); the exports around it stay. */
const TABLE_FILE = /generated[\\/].+\.operations\.ts$/;
const withoutTables: Plugin = {
  name: "without-operation-tables",
  setup(plugin) {
    plugin.onLoad({ filter: TABLE_FILE }, ({ path }) => {
      const source = readFileSync(path, "utf8");
      const start = source.indexOf("expandOperationTable({");
      if (start < 0) throw new Error(`${path}: no expandOperationTable({ ... }) call`);
      const end = source.indexOf(" as const);", start);
      if (end < 0) throw new Error(`${path}: expandOperationTable({ ... } as const) is not closed`);
      return { contents: `${source.slice(0, start)}expandOperationTable({});${source.slice(end + " as const);".length)}`, loader: "ts" };
    });
  },
};

/**
 * The Node transport stays out, as in the published layout (scripts/build.ts): the core imports it
 * dynamically, on Node only, so a browser bundler makes it a chunk that is never fetched. Its own size
 * is reported under the table.
 */
const nodeChunkSource = resolve(root, NODE_CHUNK.source);
const nodeChunkOutside: Plugin = {
  name: "node-chunk-outside",
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir }) =>
      resolve(resolveDir, path) === nodeChunkSource ? { path: "./node-exchange.js", external: true } : undefined,
    );
  },
};

async function bundle(
  entry: { path: string } | { contents: string },
  plugins: Plugin[] = [],
): Promise<{ size: Size; exports: string[]; inputs: string[] }> {
  const result = await build({
    plugins: [nodeChunkOutside, ...plugins],
    ...("path" in entry
      ? { entryPoints: [entry.path] }
      : { stdin: { contents: entry.contents, resolveDir: root, loader: "ts", sourcefile: "factories.ts" } }),
    absWorkingDir: root,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    legalComments: "none",
    logLevel: "silent",
  });
  const output = result.outputFiles[0]!.contents;
  const exports = Object.values(result.metafile.outputs)[0]?.exports ?? [];
  const inputs = Object.keys(Object.values(result.metafile.outputs)[0]?.inputs ?? {});
  return { size: { minified: output.byteLength, gzipped: gzipSync(output, { level: 9 }).byteLength }, exports, inputs };
}

/** Operations in the tables an entry bundles. */
async function operationCount(inputs: string[]): Promise<number> {
  let count = 0;
  for (const input of inputs.filter((file) => TABLE_FILE.test(file))) {
    const table = ((await import(pathToFileURL(resolve(root, input)).href)) as { operationTable: object }).operationTable;
    count += Object.keys(table).length;
  }
  return count;
}

/** Binary kilobytes, as esbuild and bench/RESULTS.md report sizes (1 kB = 1,024 bytes). */
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

const rows: string[] = [];
const printed: string[] = [];
const overBudget: string[] = [];
const growth: string[] = [];
const nodeOnly = packageEntries(pkg).filter((entry) => entry.nodeOnly);
for (const { subpath, source: sourcePath } of packageEntries(pkg).filter((entry) => !entry.nodeOnly)) {
  const source = `./${sourcePath}`;
  const whole = await bundle({ path: source });
  const factories = whole.exports.filter((name) => /^create\w+Client$/.test(name)).sort();
  const tableless = await bundle({ path: source }, [withoutTables]);
  const operations = await operationCount(whole.inputs);
  const perOperation = Math.round((whole.size.gzipped - tableless.size.gzipped) / operations);
  const room = Math.floor((budgetBytes - whole.size.gzipped) / perOperation);
  const only = await bundle({ contents: `export { ${factories.join(", ")} } from ${JSON.stringify(source)};` });
  const name = `${pkg.name}${subpath.slice(1)}`;
  // An entry without client factories (`/snapshots`: workflows over the provider clients) has no factories-only size.
  const factoriesCell = factories.length
    ? `${factories.map((f) => `\`${f}\``).join(", ")}: ${kB(only.size.gzipped)}`
    : "no client factories";
  rows.push(`| \`${name}\` | ${kB(whole.size.minified)} | **${kB(whole.size.gzipped)}** | ${factoriesCell} |`);
  if (whole.size.gzipped > budgetBytes)
    overBudget.push(
      `${name}: ${whole.size.gzipped} B min+gz (${kB(whole.size.gzipped)}) is over the budget of ${budgetBytes} B (${budgetKb} kB)`,
    );
  if (operations)
    growth.push(
      `${name.padEnd(32)} ${operations} operations: tables ${whole.size.gzipped - tableless.size.gzipped} B gzip, ${perOperation} B per operation; the budget has room for ${room} more`,
    );
  printed.push(
    `${name.padEnd(32)} whole entry ${String(whole.size.minified).padStart(7)} B min ${String(whole.size.gzipped).padStart(6)} B gzip   factories only ${String(only.size.minified).padStart(7)} B min ${String(only.size.gzipped).padStart(6)} B gzip`,
  );
}

const nodeChunk = await bundle({ path: nodeChunkSource });
printed.push(
  `Node transport chunk (${NODE_CHUNK.bundle}) ${nodeChunk.size.minified} B min ${nodeChunk.size.gzipped} B gzip: loaded on Node only, in no entry's bundle`,
);

const table = [
  "| entry point | minified | minified + gzip | only the factories, minified + gzip |",
  "| --- | ---: | ---: | --- |",
  ...rows,
  ...(nodeOnly.length
    ? [
        "",
        `The Node transport (\`${NODE_CHUNK.bundle}\`, ${kB(nodeChunk.size.gzipped)} min+gz with the core functions it uses) is in no entry's size: the core imports it dynamically, on Node only, so a browser bundle keeps it in a chunk it never loads.`,
        "",
        `Not measured: ${nodeOnly.map((entry) => `\`${pkg.name}${entry.subpath.slice(1)}\``).join(", ")}, Node only (it serves HTTP with \`node:http\`), not a browser entry.`,
      ]
    : []),
].join("\n");
const block = `${START}\n${table}\n${END}`;

for (const line of [...printed, ...growth]) console.log(line);
for (const entry of nodeOnly)
  console.log(`${`${pkg.name}${entry.subpath.slice(1)}`.padEnd(32)} not measured: Node only, not a browser entry`);
if (overBudget.length) {
  console.error(
    `size-report: over the browser bundle budget (whole entry, min+gz):\n  ${overBudget.join("\n  ")}\nCut code or table bytes before adding more (README "Size").`,
  );
  process.exit(1);
}
console.log(`size-report: every entry is within the budget of ${budgetKb} kB min+gz`);

syncReadmeBlock("sizes", block, {
  check: checkOnly,
  label: "size-report",
  stale: "README.md sizes are stale; run `node scripts/size-report.ts`",
});
