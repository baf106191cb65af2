/**
 * The specs as the tests see them: bundled and dereferenced by the one spec reader
 * (scripts/lib/spec-reader.ts) from the redocly.yaml map, so tests iterate over what
 * the spec declares instead of restating it. Extensions are read from the reader's
 * model (`readSpecs`), never from the documents.
 */
import { catalogOf } from "../scripts/lib/error-codes.ts";
import { projectRoot, readSpecs, type Json } from "../scripts/lib/spec-reader.ts";

export { projectRoot };

export interface SpecOperation {
  api: string;
  operationId: string;
  method: string;
  path: string;
  operation: Json;
}

export async function loadSpecs(filter: (api: string) => boolean = () => true): Promise<Record<string, Json>> {
  const models = await readSpecs(filter);
  return Object.fromEntries(Object.entries(models).map(([name, model]) => [name, model.document]));
}

export function operationsOf(specs: Record<string, Json>): SpecOperation[] {
  const list: SpecOperation[] = [];
  for (const [api, spec] of Object.entries(specs)) {
    for (const [path, item] of Object.entries<Json>(spec.paths ?? {})) {
      for (const method of ["get", "put", "post", "delete", "patch"]) {
        if (item[method]) list.push({ api, operationId: item[method].operationId, method, path, operation: item[method] });
      }
    }
  }
  return list;
}

/**
 * A spec's error-code catalog (`components.x-error-codes`, and its parts `x-error-codes-<part>`)
 * as code -> category: what the client must answer a documented code with.
 */
export function errorCatalogOf(spec: Json): Map<string, string> {
  return new Map([...catalogOf(spec)].map(([code, entry]) => [code, entry.category]));
}
