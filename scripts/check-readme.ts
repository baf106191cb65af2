/**
 * Type-checks every ```ts block of README.md against the package's real types, so
 * the README can never show code that does not compile. Each block becomes its own
 * module under test-artifacts/readme/; `cloud-disk-openapi/<provider>` resolves to
 * the package's source entry points (the same files `exports` builds to dist/).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const outDir = resolve(root, "test-artifacts", "readme");
const readme = readFileSync(resolve(root, "README.md"), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
if (blocks.length === 0) {
  console.error("README.md has no ```ts blocks to check");
  process.exit(1);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
blocks.forEach((code, index) => writeFileSync(resolve(outDir, `snippet-${index + 1}.ts`), `${code}\nexport {};\n`));

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
console.log(`README: ${blocks.length} TypeScript blocks ${result.status === 0 ? "type-check" : "FAIL the type check"}`);
process.exit(result.status ?? 1);
