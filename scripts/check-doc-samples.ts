/**
 * Type-checks the TypeScript sample the docs site shows for every operation
 * (x-codeSamples), against the package's real types, so the API reference can
 * never show code that does not compile. The samples are regenerated from the
 * specs listed in redocly.yaml by the same code the docs build uses (no site build
 * needed); each becomes its own module under test-artifacts/doc-samples/, where
 * `cloud-disk-openapi/<provider>` resolves to the package's source entry points
 * (as scripts/check-readme.ts does for the README).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { listDocApis } from "./docs/apis.ts";
import { docSamples } from "./docs/samples.ts";

const root = resolve(import.meta.dirname, "..");
const outDir = resolve(root, "test-artifacts", "doc-samples");

const samples = (await Promise.all((await listDocApis()).map((api) => docSamples(api)))).flat();
if (samples.length === 0) {
  console.error("doc samples: no operations found in the specs of redocly.yaml");
  process.exit(1);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
for (const sample of samples) writeFileSync(resolve(outDir, `${sample.api}.${sample.operationId}.ts`), `${sample.source}\nexport {};\n`);

const exportsMap = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")).exports as Record<string, unknown>;
const paths: Record<string, string[]> = {};
for (const subpath of Object.keys(exportsMap).filter((key) => key !== "./package.json")) {
  paths[`cloud-disk-openapi${subpath.slice(1)}`] = [resolve(root, "src", subpath.slice(2), "index.ts")];
}
writeFileSync(
  resolve(outDir, "tsconfig.json"),
  JSON.stringify({ extends: resolve(root, "tsconfig.json"), compilerOptions: { paths, noUnusedLocals: false }, include: ["./*.ts"] }, null, 2),
);

const tsc = resolve(root, "node_modules", ".bin", "tsc");
const result = spawnSync(tsc, ["-p", resolve(outDir, "tsconfig.json")], { stdio: "inherit" });
const apis = new Set(samples.map((sample) => sample.api)).size;
console.log(`doc samples: ${samples.length} operation samples from ${apis} APIs ${result.status === 0 ? "type-check" : "FAIL the type check"}`);
process.exit(result.status === 0 ? 0 : 1);
