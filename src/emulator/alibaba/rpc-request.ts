/**
 * Reads an Alibaba RPC request in every wire form the spec lists (`x-wire-forms` in
 * openapi/alibaba/ecs.yaml): POST with the parameters in the query (our client and
 * `@alicloud/ecs20140526`), GET with them in the query and POST with them in an
 * `application/x-www-form-urlencoded` body (`@alicloud/pop-core`). The action is where the
 * spec's wire styles (`x-rpc-protocol`) put it: the `x-acs-action` header (V3) or the
 * `Action` parameter (V1). Flat-indexed lists (`Disk.1.DiskId`, `InstanceId.1`, `Tag.1.Key`:
 * `flatIndexed` in the generated table) become the arrays of the client's flat parameters, and
 * every value is read as the type the spec gives it, for the generated parameter checks.
 */
import type { OperationSpec } from "../../core/operations/operation-table.ts";
import { type ParamCheck, rulesOf } from "../../core/operations/param-check.ts";
import type { EmulatorRequest } from "../http-server.ts";

export interface RpcWire {
  /** The action named by the request, if any. */
  action: string | undefined;
  /** Every parameter as received (query first, then a form body's), decoded. The V1 signature covers them all. */
  params: Array<[string, string]>;
}

const FORM = /^application\/x-www-form-urlencoded\b/i;

export function readWire(request: EmulatorRequest): RpcWire {
  const params: Array<[string, string]> = [...request.url.searchParams];
  if (request.method === "POST" && request.body.length > 0 && FORM.test(request.headers["content-type"] ?? ""))
    params.push(...new URLSearchParams(request.body.toString("utf8")));
  const header = request.headers["x-acs-action"];
  const action = header || params.find(([name]) => name === "Action")?.[1] || undefined;
  return { action, params };
}

/** The operation's parameters as the client's flat parameters; `problem` names what could not be read. */
export function flatParams(spec: OperationSpec, params: Array<[string, string]>): { flat: Record<string, unknown>; problem?: string } {
  const flat: Record<string, unknown> = {};
  const checks = spec.params?.pr ?? {};
  const last = new Map<string, string>();
  for (const [name, value] of params) last.set(name, value);
  for (const name of spec.queryParams) {
    const check = checks[name] ?? "s";
    const base = spec.flatIndexed?.[name];
    if (base === undefined) {
      const value = last.get(name);
      if (value !== undefined) flat[name] = typed(value, check);
      continue;
    }
    const items = new Map<number, unknown>();
    const itemCheck = rulesOf(check).it ?? "s";
    for (const [key, value] of last) {
      if (!key.startsWith(`${name}.`)) continue;
      const [index, ...rest] = key.slice(name.length + 1).split(".");
      if (!/^\d+$/.test(index!)) return { flat, problem: `${key} is not a valid indexed parameter` };
      const n = Number(index);
      if (rest.length === 0) {
        items.set(n, typed(value, itemCheck));
        continue;
      }
      const item = (items.get(n) as Record<string, unknown> | undefined) ?? {};
      if (typeof item !== "object") return { flat, problem: `${key} mixes a value and properties` };
      const property = rest.join(".");
      const propertyCheck = rulesOf(itemCheck).pr?.[property] ?? "s";
      item[property] = typed(value, propertyCheck);
      items.set(n, item);
    }
    if (items.size === 0) continue;
    const indexes = [...items.keys()].sort((a, b) => a - b);
    if (indexes.some((n, i) => n !== i + base)) return { flat, problem: `${name}.N indexes must start at ${base} and be contiguous` };
    flat[name] = indexes.map((n) => items.get(n));
  }
  return { flat };
}

/** A query string read as the check's type (`"5"` as 5, `true`/`false` as booleans); anything else stays text for the check to refuse. */
function typed(value: string, check: ParamCheck): unknown {
  const types = rulesOf(check).t ?? "s";
  if ((types.includes("i") || types.includes("n")) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.includes("b") && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  return value;
}
