/**
 * The specs as the tests see them: bundled and dereferenced by Redocly from the
 * redocly.yaml map, so tests iterate over what the spec declares instead of
 * restating it.
 */
import { resolve } from "node:path";
import { bundle, loadConfig } from "@redocly/openapi-core";

export const projectRoot = resolve(import.meta.dirname, "..");

type Json = Record<string, any>;

export interface SpecOperation {
  api: string;
  operationId: string;
  method: string;
  path: string;
  operation: Json;
}

export async function loadSpecs(filter: (api: string) => boolean = () => true): Promise<Record<string, Json>> {
  const config = await loadConfig({ configPath: resolve(projectRoot, "redocly.yaml") });
  const apis = config.apis as Record<string, { root: string }>;
  const out: Record<string, Json> = {};
  for (const [name, api] of Object.entries(apis)) {
    if (!filter(name)) continue;
    const { bundle: document } = await bundle({ ref: resolve(projectRoot, api.root), config, dereference: true });
    out[name] = document.parsed as Json;
  }
  return out;
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
  const catalog = new Map<string, string>();
  for (const [key, part] of Object.entries<Json>(spec.components ?? {}))
    if (/^x-error-codes(-|$)/.test(key)) for (const [code, entry] of Object.entries<Json>(part)) catalog.set(code, entry.category);
  return catalog;
}
