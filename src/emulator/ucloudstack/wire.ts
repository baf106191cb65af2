/**
 * Reads a UCloudStack request the way the gateway takes it, in the two forms the spec lists
 * (`x-wire-forms`): `POST` with a flat JSON object (what our client and ustack-sdk-java send)
 * and `POST` with an `application/x-www-form-urlencoded` body, every value a string (what
 * ucloud-sdk-python3 sends: ucloud/core/client/_client.py and ucloud/core/typesystem/encoder.py
 * @32d3c696). Either way the parameters are flat: lists as `Name.0`, `Name.1`, … (the spec's
 * `x-rpc-index-base: 0`, the generated table's `flatIndexed`), with `Action`, `PublicKey` and
 * `Signature` beside the business parameters.
 *
 * `readWire` gives the parameters exactly as they arrived (the signature covers them);
 * `businessParams` turns them into the client's flat parameters (lists as arrays, form text as
 * the spec's types) and checks them with the generated parameter checks.
 */
import type { OperationSpec } from "../../core/operations/operation-table.ts";
import { findFailure, rulesOf } from "../../core/operations/param-check.ts";
import type { EmulatorRequest } from "../http-server.ts";

/** The protocol fields every request carries besides its business parameters (the spec's `x-rpc-protocol.bodyProtocol`). */
export const PROTOCOL_FIELDS: readonly string[] = ["Action", "PublicKey", "Signature"];

export type WireParams = { params: Record<string, unknown>; form: boolean } | { problem: string };

const FORM = /^application\/x-www-form-urlencoded\b/i;
const JSON_TYPE = /^application\/([\w.+-]*\+)?json\b/i;

/** The parameters of a request as they arrived, or why it is not a form the gateway takes. */
export function readWire(request: EmulatorRequest): WireParams {
  if (request.method !== "POST") return { problem: `${request.method} is not a request form of this API (POST with a JSON or form body)` };
  const type = request.headers["content-type"] ?? "";
  const text = request.body.toString("utf8");
  if (FORM.test(type)) {
    const params: Record<string, unknown> = {};
    for (const [name, value] of new URLSearchParams(text)) params[name] = value;
    return { params, form: true };
  }
  if (JSON_TYPE.test(type) || (type === "" && text.trimStart().startsWith("{"))) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { problem: "the body is not valid JSON" };
    }
    if (!json || typeof json !== "object" || Array.isArray(json)) return { problem: "the body must be a JSON object" };
    return { params: json as Record<string, unknown>, form: false };
  }
  return { problem: "the body must be JSON (application/json) or a form (application/x-www-form-urlencoded)" };
}

export type Business = { params: Record<string, unknown> } | { problem: string; missing?: boolean };

/**
 * The business parameters as the client's flat parameters, checked against the operation's
 * compiled schema checks: flat-indexed names gathered into lists (numbered from the index
 * base without gaps), form text read as the spec types it (`"20"` as 20, `"true"` as true;
 * ustack-sdk-java also sends booleans as strings in JSON), names the spec does not list refused.
 */
export function businessParams(spec: OperationSpec, wire: Readonly<Record<string, unknown>>, form: boolean): Business {
  const rules = spec.params?.pr ?? {};
  const flat: Record<string, unknown> = {};
  const lists = new Map<string, Map<number, unknown>>();
  for (const [name, value] of Object.entries(wire)) {
    if (PROTOCOL_FIELDS.includes(name) || value === null) continue;
    const indexed = /^(.+)\.(\d+)$/.exec(name);
    const base = indexed ? spec.flatIndexed?.[indexed[1]!] : undefined;
    if (indexed && base !== undefined) {
      const items = lists.get(indexed[1]!) ?? new Map<number, unknown>();
      items.set(Number(indexed[2]) - base, value);
      lists.set(indexed[1]!, items);
      continue;
    }
    if (!Object.hasOwn(rules, name))
      return { problem: `${name.length > 40 ? `${name.slice(0, 40)}…` : name} is not a parameter of this action` };
    flat[name] = value;
  }
  for (const [name, items] of lists) {
    if (flat[name] !== undefined) return { problem: `${name} is given both as a list and as ${name}.N` };
    const list: unknown[] = [];
    for (let index = 0; index < items.size; index++) {
      if (!items.has(index)) return { problem: `${name}.N must be numbered from ${spec.flatIndexed![name]} without gaps` };
      list.push(items.get(index));
    }
    flat[name] = list;
  }
  for (const [name, value] of Object.entries(flat))
    if (typeof value === "string") flat[name] = typed(value, rulesOf(rules[name]!).t ?? "s", form);
  for (const name of spec.params?.rq ?? []) if (flat[name] === undefined) return { problem: `${name} is required`, missing: true };
  const failure = spec.params && findFailure(spec.params, flat, "");
  return failure ? { problem: `${failure[0] || "the request"} ${failure[1]}` } : { params: flat };
}

function typed(value: string, types: string, form: boolean): unknown {
  if (types.includes("s")) return value;
  if (form && (types.includes("i") || types.includes("n")) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.includes("b") && /^(true|false)$/.test(value)) return value === "true";
  return value;
}
