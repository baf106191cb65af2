/**
 * Type-checks the TypeScript sample the docs site shows for every operation
 * (x-codeSamples), against the package's real types, so the API reference can
 * never show code that does not compile. The samples are regenerated from the
 * specs listed in redocly.yaml by the same code the docs build uses (no site build
 * needed); each becomes its own module under test-artifacts/doc-samples/, where
 * `cloud-disk-openapi/<provider>` resolves to the package's source entry points
 * (as scripts/check-readme.ts does for the README).
 */
import { resolve } from "node:path";
import { typecheckSnippets } from "./lib/typecheck-snippets.ts";
import { listDocApis } from "./docs/apis.ts";
import { docSamples } from "./docs/samples.ts";

const root = resolve(import.meta.dirname, "..");
const outDir = resolve(root, "test-artifacts", "doc-samples");

const samples = (await Promise.all((await listDocApis()).map((api) => docSamples(api)))).flat();
if (samples.length === 0) {
  console.error("doc samples: no operations found in the specs of redocly.yaml");
  process.exit(1);
}

const ok = typecheckSnippets(
  outDir,
  Object.fromEntries(samples.map((sample) => [`${sample.api}.${sample.operationId}.ts`, sample.source])),
);
const apis = new Set(samples.map((sample) => sample.api)).size;
console.log(`doc samples: ${samples.length} operation samples from ${apis} APIs ${ok ? "type-check" : "FAIL the type check"}`);
process.exit(ok ? 0 : 1);
