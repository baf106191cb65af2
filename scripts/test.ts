/**
 * `npm test`: every check CI runs, in order, each one reported; ends with the plain
 * `N passed, N failed` line CI reads. Vitest tests count one each; every other check
 * (spec lint, generated-code drift, type check, build) counts as one.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const report = resolve(root, "test-artifacts", "vitest.json");
mkdirSync(resolve(root, "test-artifacts"), { recursive: true });

let passed = 0;
let failed = 0;

function step(label: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  const ok = result.status === 0;
  console.log(`=== ${label}: ${ok ? "ok" : `FAILED (exit ${result.status ?? result.signal})`}`);
  return ok;
}

const npx = (bin: string) => resolve(root, "node_modules", ".bin", bin);

for (const [label, command, args] of [
  ["format and lint (biome: formatted as biome.json says, zero diagnostics)", npx("biome"), ["ci", "--error-on-warnings", "."]],
  ["spec lint (redocly, zero problems)", npx("redocly"), ["lint"]],
  ["generated/ matches the specs", process.execPath, ["scripts/generate.ts", "--check"]],
  ["type check (library, scripts, tests)", npx("tsc"), ["-p", "tsconfig.json"]],
  ["README TypeScript blocks type-check", process.execPath, ["scripts/check-readme.ts"]],
  ["docs code samples type-check", process.execPath, ["scripts/check-doc-samples.ts"]],
  ["library build (clean dist/)", process.execPath, ["scripts/build.ts"]],
  ["package as users get it (pack, publint, attw, Node 20 and 24)", process.execPath, ["scripts/check-package.ts"]],
  ["README sizes are current", process.execPath, ["scripts/size-report.ts", "--check"]],
  ["README operation tables match the specs", process.execPath, ["scripts/readme-operations.ts", "--check"]],
  ["README emulator operation list matches the emulator and the specs", process.execPath, ["scripts/emulator-operations.ts", "--check"]],
] as const) {
  if (step(label, command, [...args])) passed++;
  else failed++;
}

const vitestOk = step("unit and contract tests (vitest)", npx("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
]);
try {
  const results = JSON.parse(readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numTotalTests: number };
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  if (!vitestOk && results.numFailedTests === 0) failed++; // a suite that failed to load, or an unhandled error
  if (results.numTotalTests === 0) failed++; // running no test is a failure, not a pass
} catch {
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
