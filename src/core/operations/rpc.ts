/**
 * RPC APIs (Alibaba ECS, UCloudStack) in the spec are one pseudo-path per action
 * (`POST /ResetDisks`, tagged `x-rpc-action`), so every tool can route them. The
 * operation client sends them to the endpoint itself, and two pieces make the wire form:
 *  - `flatQuerySerializer` / `flatBodyObject`: arrays become flat-indexed parameters
 *    (`Disk.1.DiskId=d-1`, 1-based for Alibaba; `SnapshotIDs.0=s-1`, 0-based for UCloudStack),
 *    RFC 3986-encoded (a space is `%20`, never `+`);
 *  - `placeActionFor`: the action (and version) where the spec's wire style says
 *    (a query parameter, a header, or a JSON body field).
 */
import { percentEncode } from "../common/encoding.ts";
import { InvalidParameterError } from "../common/errors.ts";
import { bodyJson, withHeaders, withJsonBody, type WireRequest } from "../http/wire.ts";
import type { RpcStyle, WirePlace } from "./service-spec.ts";

type Pairs = Array<[string, string]>;

function scalar(name: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  throw new InvalidParameterError(
    name,
    `cannot be sent in a query string: it is a ${typeof value} (strings, numbers, booleans, lists and objects of those can)`,
  );
}

/** `Disk: [{DiskId, SnapshotId}]` -> `Disk.1.DiskId`, `Disk.1.SnapshotId`, ...; nested objects use dots too. Scalars keep their type. */
function flatten(name: string, value: unknown, indexBase: 0 | 1, out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  if (value === undefined || value === null) return out;
  if (Array.isArray(value)) value.forEach((item, index) => void flatten(`${name}.${index + indexBase}`, item, indexBase, out));
  else if (typeof value === "object") for (const [key, item] of Object.entries(value)) flatten(`${name}.${key}`, item, indexBase, out);
  else out.push([name, value]);
  return out;
}

/** The flat pairs of one query parameter, as text. */
export function flattenParam(name: string, value: unknown, indexBase: 0 | 1, out: Pairs = []): Pairs {
  for (const [key, item] of flatten(name, value, indexBase)) out.push([key, scalar(key, item)]);
  return out;
}

/** Query serializer for one operation: flat-indexed where the spec says so, plain elsewhere. */
export function flatQuerySerializer(flatIndexed: Readonly<Record<string, 0 | 1>> = {}, defaultBase: 0 | 1 = 1) {
  return (query: Record<string, unknown>): string => {
    const pairs: Pairs = [];
    for (const [name, value] of Object.entries(query ?? {})) flattenParam(name, value, flatIndexed[name] ?? defaultBase, pairs);
    return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join("&");
  };
}

/**
 * A JSON body for one operation as a flat object: flat-indexed properties become flat
 * keys (`"SnapshotIDs.0": "a"`), everything else keeps its JSON type.
 */
export function flatBodyObject(flatIndexed: Readonly<Record<string, 0 | 1>> = {}) {
  return (body: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const source = body ?? {};
    for (const name of Object.keys(source)) {
      const value = source[name];
      if (name in flatIndexed && value !== null && typeof value === "object") {
        for (const [key, item] of flatten(name, value, flatIndexed[name]!)) out[key] = item;
      } else if (value !== undefined) {
        out[name] = value;
      }
    }
    return out;
  };
}

/** Returns a new request with the action where the provider expects it (`wire` itself is never changed). */
export type PlaceAction = (wire: WireRequest, action: string) => WireRequest;

/**
 * The spec's wire style (`x-rpc-protocol`) as a `PlaceAction`: the action, and the API
 * version where the style says, in a header (Alibaba V3: `x-acs-action`), the query
 * (Alibaba V1: `Action`, `Version`) or first in the JSON body (UCloudStack: `Action`).
 * A value already there under the same name (a raw request's) is replaced, never kept:
 * it must not turn one action into another.
 */
export function placeActionFor(style: RpcStyle, version: string): PlaceAction {
  return (wire, action) => {
    const placed = place(wire, style.action, action);
    return style.version ? place(placed, style.version, version) : placed;
  };
}

function place(wire: WireRequest, { in: where, name }: WirePlace, value: string): WireRequest {
  if (where === "header") return withHeaders(wire, { [name.toLowerCase()]: value });
  if (where === "body") {
    const { [name]: _replaced, ...rest } = bodyJson(wire);
    return withJsonBody(wire, { [name]: value, ...rest });
  }
  const url = new URL(wire.url);
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((pair) => pair && queryName(pair) !== name);
  url.search = [...kept, `${percentEncode(name)}=${percentEncode(value)}`].join("&");
  return { ...wire, url: url.toString() };
}

/** A query pair's name as the server reads it (`%41ction` is `Action`); a malformed escape is kept as written. */
function queryName(pair: string): string {
  const raw = pair.split("=")[0]!;
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}
