/**
 * Reads a bundled spec's error-code data into the generated `errorCategories` table.
 *
 * The data (openapi/<provider>/…): a catalog, `components.x-error-codes`, code ->
 * `{category, summary, x-source}`, possibly in parts (`components.x-error-codes-<part>`, each
 * usually a `$ref` to a shared file: Huawei services take the API gateway's part and their
 * own; the parts are merged); `x-error-codes` at the spec root (codes any call can return)
 * and on each operation (codes its documentation ties to it): lists of catalog codes.
 *
 * The table leaves out a code whose every documented answer (a response example carrying it)
 * has a status that already gives its category (`EVS.5404` in a 404, `InvalidTagCount` in a
 * 400): the client's status rule says the same, and the bundle stays small. A code with no
 * example, or with one whose status says otherwise (`IncorrectDiskStatus` in a 403), stays.
 *
 * The build fails, naming the code, when a listed code is not in the catalog, a catalog code
 * is listed nowhere (only codes a covered operation can return are kept), a category is not
 * one of src/core's `ErrorCategory` names, or an entry cites no public https source.
 */
import { ERROR_CATEGORIES, categoryFromStatus, type ErrorCategory } from "../../src/core/common/errors.ts";

type Json = Record<string, any>;

interface CatalogEntry {
  category: ErrorCategory;
  summary: string;
  "x-source": string;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;

export function catalogOf(spec: Json): Map<string, CatalogEntry> {
  const parts = Object.entries<unknown>(spec.components ?? {}).filter(([key]) => /^x-error-codes(-[a-z0-9-]+)?$/.test(key));
  const catalog = new Map<string, CatalogEntry>();
  for (const [key, part] of parts) {
    if (!part || typeof part !== "object" || Array.isArray(part))
      throw new Error(`components.${key}: expected a map of code -> {category, summary, x-source}`);
    for (const [code, entry] of Object.entries<Json>(part as Json)) {
      if (catalog.has(code)) throw new Error(`error code ${code}: in the catalog twice`);
      if (!/^\S+$/.test(code)) throw new Error(`error code '${code}': codes are joined with spaces in the table, so they cannot hold one`);
      // "unknown" is what an uncatalogued code already gets from the status rule; a catalog entry must say more.
      if (!ERROR_CATEGORIES.includes(entry?.category) || entry.category === "unknown")
        throw new Error(
          `error code ${code}: category '${entry?.category}' is not one of ${ERROR_CATEGORIES.filter((c) => c !== "unknown").join(", ")}`,
        );
      if (typeof entry.summary !== "string" || !entry.summary.trim()) throw new Error(`error code ${code}: no summary`);
      if (typeof entry["x-source"] !== "string" || !/^https:\/\/\S+$/.test(entry["x-source"]))
        throw new Error(`error code ${code}: x-source must be the public https page that documents it`);
      catalog.set(code, entry as CatalogEntry);
    }
  }
  return catalog;
}

/** Every `x-error-codes` list of the spec (root and operations), named for error messages. */
function listsOf(spec: Json): Array<[where: string, codes: unknown]> {
  const lists: Array<[string, unknown]> = [];
  if (spec["x-error-codes"] !== undefined) lists.push(["the spec root", spec["x-error-codes"]]);
  for (const [path, pathItem] of Object.entries<Json>(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation?.["x-error-codes"] !== undefined)
        lists.push([operation.operationId ?? `${method.toUpperCase()} ${path}`, operation["x-error-codes"]]);
    }
  }
  return lists;
}

/** Values of an example body and of the objects directly inside it: where error envelopes put their code. */
function shallowValues(value: unknown): string[] {
  if (!value || typeof value !== "object") return [];
  const out: string[] = [];
  for (const inner of Object.values(value)) {
    if (typeof inner === "string" || typeof inner === "number") out.push(String(inner));
    else if (inner && typeof inner === "object" && !Array.isArray(inner))
      for (const leaf of Object.values(inner)) if (typeof leaf === "string" || typeof leaf === "number") out.push(String(leaf));
  }
  return out;
}

/** code -> the HTTP statuses of the response examples that carry it. */
function documentedStatuses(spec: Json, catalog: Map<string, CatalogEntry>): Map<string, Set<number>> {
  const statuses = new Map<string, Set<number>>();
  for (const pathItem of Object.values<Json>(spec.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      for (const [status, response] of Object.entries<Json>(pathItem[method]?.responses ?? {})) {
        for (const media of Object.values<Json>(response.content ?? {})) {
          for (const example of Object.values<Json>(media.examples ?? {})) {
            for (const value of shallowValues(example?.value))
              if (catalog.has(value)) statuses.get(value)?.add(Number(status)) ?? statuses.set(value, new Set([Number(status)]));
          }
        }
      }
    }
  }
  return statuses;
}

/**
 * The checked `errorCategories` of one bundled spec: category -> its codes, space-joined and
 * sorted (compact, stable output); categories without codes are left out.
 */
export function errorCategories(spec: Json): Partial<Record<ErrorCategory, string>> {
  const catalog = catalogOf(spec);
  const listed = new Set<string>();
  for (const [where, codes] of listsOf(spec)) {
    if (!Array.isArray(codes)) throw new Error(`${where}: x-error-codes must be a list of error codes`);
    for (const code of codes) {
      const name = String(code);
      if (!catalog.has(name)) throw new Error(`${where}: error code ${name} is not in the catalog (components.x-error-codes*)`);
      if (codes.filter((other) => String(other) === name).length > 1) throw new Error(`${where}: error code ${name} listed twice`);
      listed.add(name);
    }
  }
  const unused = [...catalog.keys()].filter((code) => !listed.has(code));
  if (unused.length)
    throw new Error(
      `error code${unused.length > 1 ? "s" : ""} ${unused.join(", ")}: in the catalog but listed by no operation and not at the root`,
    );
  const statuses = documentedStatuses(spec, catalog);
  const byCategory: Partial<Record<ErrorCategory, string[]>> = {};
  for (const [code, entry] of catalog) {
    const seen = [...(statuses.get(code) ?? [])];
    if (seen.length && seen.every((status) => categoryFromStatus(status) === entry.category)) continue;
    (byCategory[entry.category] ??= []).push(code);
  }
  const table: Partial<Record<ErrorCategory, string>> = {};
  for (const category of ERROR_CATEGORIES) {
    const codes = byCategory[category];
    if (codes) table[category] = codes.sort().join(" ");
  }
  return table;
}
