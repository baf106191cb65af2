/**
 * The README's operation tables, written from the specs: one table per provider, one row
 * per operation of every spec in redocly.yaml, with the provider's own operation name,
 * the client method that calls it, where it goes on the wire, and whether the client
 * pages it and may resend it. The tables go between `<!-- operations:start -->` and
 * `<!-- operations:end -->`; `--check` only verifies them (exit 1 when stale), which is
 * how `npm test` keeps the README's list of operations equal to the specs'.
 */
import { readmeMarkers, syncReadmeBlock } from "./lib/readme-block.ts";
import { listSpecs, readSpec, type SpecModel, type SpecOperation } from "./lib/spec-reader.ts";

const { start: START, end: END } = readmeMarkers("operations");
const check = process.argv.includes("--check");

/** How the provider is named in prose (its entry point is `cloud-disk-openapi/<provider>`). */
const PROVIDER_TITLES: Readonly<Record<string, string>> = { huawei: "Huawei Cloud", alibaba: "Alibaba Cloud", ucloudstack: "UCloudStack" };

/** Where a call goes: `GET /v2/{project_id}/cloudsnapshots/detail` (with the selecting body field, if any), or the RPC action. */
function wire(operation: SpecOperation): string {
  if (operation.rpcAction) return `action \`${operation.rpcAction}\``;
  const selector = operation.bodySelector;
  const body = !selector
    ? ""
    : selector.value === undefined
      ? ` with \`${selector.property}\``
      : ` with \`${selector.property}: ${selector.value}\``;
  return `\`${operation.method.toUpperCase()} ${operation.wirePath}\`${body}`;
}

function row(model: SpecModel, operation: SpecOperation): string {
  const method = `${operation.id.charAt(0).toLowerCase()}${operation.id.slice(1)}`;
  const summary = String(operation.raw.summary ?? "").replace(/\|/g, "\\|");
  const notes = [
    operation.pagination ? "paged" : "",
    operation.retrySafe ? "resent on failure" : "",
    operation.deprecated ? "deprecated" : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `| ${model.name.split("-").slice(1).join("-") || model.name} | \`${operation.id}\` | \`${method}\` | ${wire(operation)} | ${summary} | ${notes} |`;
}

async function tables(): Promise<string> {
  const byProvider = new Map<string, SpecModel[]>();
  for (const entry of await listSpecs()) byProvider.set(entry.provider, [...(byProvider.get(entry.provider) ?? []), await readSpec(entry)]);
  const sections: string[] = [];
  for (const [provider, models] of byProvider) {
    const count = models.reduce((sum, model) => sum + model.operations.length, 0);
    sections.push(
      `#### ${PROVIDER_TITLES[provider] ?? provider} (\`cloud-disk-openapi/${provider}\`, ${count} operations)\n\n` +
        "| service | operation | method | wire | what it does | client |\n| --- | --- | --- | --- | --- | --- |\n" +
        models.flatMap((model) => model.operations.map((operation) => row(model, operation))).join("\n"),
    );
  }
  return `${START}\n${sections.join("\n\n")}\n${END}`;
}

syncReadmeBlock("operations", await tables(), {
  check,
  label: "readme-operations",
  stale: "README.md's operation tables differ from the specs; run `node scripts/readme-operations.ts`",
});
