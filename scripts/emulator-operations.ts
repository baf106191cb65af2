/**
 * The README's list of what the emulator (`cloud-disk-openapi/emulator`, issue 13) does with
 * each operation, written from the emulator's own lists (`HUAWEI_STATEFUL_OPERATIONS`,
 * `ALIBABA_STATEFUL_OPERATIONS`, `UCLOUDSTACK_STATEFUL_OPERATIONS`) and the specs in
 * redocly.yaml: per provider and API, the operations that keep state, those that answer the
 * spec's documented example, and the APIs the emulator does not serve. The list goes between
 * `<!-- emulator-operations:start -->` and `<!-- emulator-operations:end -->`; `--check`
 * only verifies it (exit 1 when stale), which is how `npm test` keeps it true. A stateful
 * name that no spec has is an error too (a renamed operation must not vanish from the list).
 */
import { ALIBABA_STATEFUL_OPERATIONS, HUAWEI_STATEFUL_OPERATIONS, UCLOUDSTACK_STATEFUL_OPERATIONS } from "../src/emulator/index.ts";
import { readmeMarkers, syncReadmeBlock } from "./lib/readme-block.ts";
import { listSpecs, readSpec, type SpecModel } from "./lib/spec-reader.ts";

const { start: START, end: END } = readmeMarkers("emulator-operations");
const check = process.argv.includes("--check");

const PROVIDER_TITLES: Readonly<Record<string, string>> = { huawei: "Huawei Cloud", alibaba: "Alibaba Cloud", ucloudstack: "UCloudStack" };

/** The stateful operations of one API (redocly.yaml name), or undefined when the emulator does not serve that API. */
function statefulOf(provider: string, api: string): readonly string[] | undefined {
  switch (provider) {
    case "huawei":
      return (HUAWEI_STATEFUL_OPERATIONS as Readonly<Record<string, readonly string[]>>)[api];
    case "alibaba":
      return ALIBABA_STATEFUL_OPERATIONS;
    case "ucloudstack":
      return UCLOUDSTACK_STATEFUL_OPERATIONS;
    default:
      return undefined;
  }
}

const names = (ids: readonly string[]) => ids.map((id) => `\`${id}\``).join(", ");

const problems: string[] = [];
const byProvider = new Map<string, SpecModel[]>();
for (const entry of await listSpecs()) byProvider.set(entry.provider, [...(byProvider.get(entry.provider) ?? []), await readSpec(entry)]);

const sections: string[] = [];
for (const [provider, models] of byProvider) {
  const lines: string[] = [];
  let stateful = 0;
  let examples = 0;
  const seen = new Set<string>();
  for (const model of models) {
    const served = statefulOf(provider, model.name);
    const ids = model.operations.map((operation) => operation.id);
    if (!served) {
      lines.push(
        `- \`${model.name}\` (${ids.length} operation${ids.length === 1 ? "" : "s"}): not served by the emulator (the static mocks, \`npm run mock -- --static\`, answer it)`,
      );
      continue;
    }
    const keeps = ids.filter((id) => served.includes(id));
    const answers = ids.filter((id) => !served.includes(id));
    for (const id of keeps) seen.add(id);
    stateful += keeps.length;
    examples += answers.length;
    lines.push(`- \`${model.name}\`: **keeps state** (${keeps.length}): ${names(keeps)}`);
    lines.push(
      answers.length
        ? `  - answers the spec's documented example (${answers.length}): ${names(answers)}`
        : "  - every operation of this API keeps state",
    );
  }
  const lists = provider === "huawei" ? Object.values(HUAWEI_STATEFUL_OPERATIONS).flat() : [...(statefulOf(provider, provider) ?? [])];
  for (const id of lists) if (!seen.has(id)) problems.push(`${provider}: the emulator's stateful operation ${id} is in no served spec`);
  sections.push(
    `#### ${PROVIDER_TITLES[provider] ?? provider}: ${stateful} operations keep state, ${examples} answer the spec's example\n\n${lines.join("\n")}`,
  );
}

if (problems.length > 0) {
  console.error(`emulator-operations: ${problems.join("\n  ")}`);
  process.exit(1);
}

syncReadmeBlock("emulator-operations", `${START}\n${sections.join("\n\n")}\n${END}`, {
  check,
  label: "emulator-operations",
  stale: "README.md's emulator operation list differs from the emulator and the specs; run `node scripts/emulator-operations.ts`",
});
