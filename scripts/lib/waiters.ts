/**
 * `generated/<provider>/<service>.waiters.ts`: the spec's `x-waiters` (read and checked by spec-reader.ts) as one
 * `waiterTable` value that src/waiters/engine.ts runs, and the spec's `statusGroups` (the snapshot manager's). Descriptions and sources become comments (no bytes in a bundle).
 * Only the waiters entry (`cloud-disk-openapi/snapshots`) imports these modules, never a provider entry.
 */
import { dirname, relative, resolve } from "node:path";
import { projectRoot, type SpecEntry, type SpecModel } from "./spec-reader.ts";

/** The module text, or `undefined` when the spec defines no waiters. */
export function waitersModule(model: SpecModel, api: SpecEntry & { output: string }, header: string): string | undefined {
  if (!model.waiters.length) return undefined;
  const spec = JSON.stringify(relative(dirname(api.output), resolve(projectRoot, "src/waiters/waiter-spec.ts")));
  const operations = [...new Set(model.waiters.map((waiter) => waiter.operation))];
  const waiters = model.waiters.map(({ name, description, source, ...waiter }) => {
    const comment = `${description.replace(/\s+/g, " ")} Polls ${waiter.operation}. Source: ${source.replace(/\s+/g, " ")}`;
    return `    /** ${comment.replace(/\*\//g, "* /")} */\n    ${name}: ${JSON.stringify(waiter)},`;
  });
  return (
    `${header}\n` +
    `import type { WaiterTable } from ${spec};\n\n` +
    `/** The waiters of ${api.provider} ${api.service} (\`x-waiters\` in its spec), run by \`waitUntil\` (src/waiters/engine.ts). */\n` +
    `export const waiterTable = {\n` +
    `  provider: ${JSON.stringify(api.provider)},\n` +
    `  service: ${JSON.stringify(api.service)},\n` +
    `  /** Every operation the waiters poll: a client that has them all is a client of this service. */\n` +
    `  operations: ${JSON.stringify(operations)},\n` +
    `  waiters: {\n${waiters.join("\n")}\n  },\n` +
    `} as const satisfies WaiterTable;\n\n` +
    `export type Waiters = typeof waiterTable.waiters;\n` +
    statusGroups(model)
  );
}

/**
 * The spec's `x-status-groups` again (the operation module has them for the provider entry), for the snapshot manager
 * of the /snapshots entry, which imports only these modules: schema -> word -> the spellings, space-separated.
 */
function statusGroups(model: SpecModel): string {
  const schemas = Object.entries(model.statusGroups);
  if (!schemas.length) return "";
  const value = Object.fromEntries(
    schemas.map(([schema, groups]) => [schema, Object.fromEntries(Object.entries(groups).map(([word, list]) => [word, list.join(" ")]))]),
  );
  return `\n/** Status vocabularies (\`x-status-groups\`): schema -> word -> the provider's spellings, space-separated. */\nexport const statusGroups = ${JSON.stringify(value)} as const;\n`;
}
