/**
 * Type-checks every ```ts block of README.md against the package's real types, so
 * the README can never show code that does not compile. Each block becomes its own
 * module under test-artifacts/readme/; `cloud-disk-openapi/<provider>` resolves to
 * the package's source entry points (the same files `exports` builds to dist/).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { typecheckSnippets } from "./lib/typecheck-snippets.ts";

const root = resolve(import.meta.dirname, "..");
const outDir = resolve(root, "test-artifacts", "readme");
const readme = readFileSync(resolve(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
if (blocks.length === 0) {
  console.error("README.md has no ```ts blocks to check");
  process.exit(1);
}

const ok = typecheckSnippets(outDir, Object.fromEntries(blocks.map((code, index) => [`snippet-${index + 1}.ts`, code])));
console.log(`README: ${blocks.length} TypeScript blocks ${ok ? "type-check" : "FAIL the type check"}`);
process.exit(ok ? 0 : 1);
