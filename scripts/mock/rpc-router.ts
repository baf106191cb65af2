/**
 * Prism components for RPC specs (one pseudo-path per action, `x-rpc-action`), so
 * Prism mocks and validates the real wire form:
 *  - `route` picks the operation by the action on the wire, wherever the spec's wire
 *    styles (`x-rpc-protocol`) put it: the `Action` query parameter (Alibaba V1), the
 *    `x-acs-action` header (Alibaba V3) or an `"Action"` JSON body field (UCloudStack);
 *    other requests fall back to Prism's own path router.
 *  - `validateInput` validates flat-indexed lists (`Disk.1.DiskId`, `SnapshotIDs.0`)
 *    against the array schemas the spec declares — the stock validator cannot — and
 *    leaves everything else to the stock validator;
 *  - every component first reads the request in the canonical form (`wire-forms.ts`): the
 *    other forms the spec's `x-wire-forms` lists (Alibaba GET, or POST with a form body;
 *    UCloudStack form body) are validated exactly like the form our client sends.
 * Relies on Prism internals (the replaceable components of `createInstance`, deep
 * imports below), hence the exact pin of Prism 5.16.0 and the contract tests over it.
 */
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import * as E from "fp-ts/lib/Either.js";
import { NO_PATH_MATCHED_ERROR, ProblemJsonError } from "@stoplight/prism-http";
// Deep imports: Prism 5.16.0 has no exports map, so they resolve (the pin keeps it that way).
import stockRouteModule from "@stoplight/prism-http/dist/router/index.js";
import {
  validateInput as typedStockValidateInput,
  validateSecurity as typedStockValidateSecurity,
} from "@stoplight/prism-http/dist/validator/index.js";
import type { WirePlace } from "../../src/core/operations/service-spec.ts";
import type { SpecModel } from "../lib/spec-reader.ts";
import { canonicalRequests, type Problem } from "./wire-forms.ts";

type Json = Record<string, any>;

interface FlatParam {
  name: string;
  base: 0 | 1;
  required: boolean;
  validate: ReturnType<Ajv2020["compile"]>;
}

interface RpcOperation {
  action: string;
  path: string;
  method: string;
  /** Flat-indexed query parameters. */
  flat: FlatParam[];
  /** Flat-indexed JSON body properties: name -> index base. */
  bodyFlat: Record<string, 0 | 1>;
  /** The JSON body schema, if any (a form body's strings are read by its types). */
  bodySchema?: Json;
}

const stockRoute = (stockRouteModule as { default?: unknown }).default ?? stockRouteModule;
// This file handles Prism's operation and request objects as plain JSON.
const stockValidateInput = typedStockValidateInput as unknown as (args: { resource: Json; element: Json }) => E.Either<unknown[], unknown>;
const stockValidateSecurity = typedStockValidateSecurity as unknown as (args: {
  resource: Json;
  element: Json;
}) => E.Either<unknown[], unknown>;

/** RPC operations of a spec (scripts/lib/spec-reader.ts); empty for REST specs. */
export function rpcOperationsOf(spec: SpecModel): RpcOperation[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: "array", validateFormats: false });
  const list: RpcOperation[] = [];
  for (const operation of spec.operations) {
    if (!operation.rpcAction) continue;
    const flat = operation.parameters
      .filter((p) => p.flatIndexBase !== undefined)
      .map((p) => ({ name: p.name, base: p.flatIndexBase!, required: p.required, validate: ajv.compile(p.schema ?? {}) }));
    const bodyFlat = Object.fromEntries(
      (operation.body?.properties ?? []).filter((p) => p.flatIndexBase !== undefined).map((p) => [p.name, p.flatIndexBase!]),
    );
    const op: RpcOperation = { action: operation.rpcAction, path: operation.path, method: operation.method, flat, bodyFlat };
    if (operation.body?.schema) op.bodySchema = operation.body.schema;
    list.push(op);
  }
  return list;
}

type Query = Record<string, string | string[]>;

function first(value: unknown): string | undefined {
  return Array.isArray(value) ? value[0] : typeof value === "string" ? value : undefined;
}

/** The action of a request, wherever one of the spec's wire styles (`x-rpc-protocol`) puts it. */
function actionOf(input: Json, places: readonly WirePlace[]): string | undefined {
  const query = (input.url?.query ?? {}) as Query;
  const headers = (input.headers ?? {}) as Record<string, string>;
  const body = input.body && typeof input.body === "object" ? (input.body as Json) : undefined;
  for (const place of places) {
    const value =
      place.in === "query" ? first(query[place.name]) : place.in === "header" ? headers[place.name.toLowerCase()] : body?.[place.name];
    if (typeof value === "string" && value) return value;
  }
  return undefined;
}

/**
 * `Disk.1.DiskId=a&Disk.1.SnapshotId=b` -> `[{DiskId: "a", SnapshotId: "b"}]`.
 * Returns the value and the query keys it consumed; indexes must start at the base
 * and be contiguous (a gap is reported as a violation by the schema check below).
 */
export function unflatten(query: Query, name: string, base: 0 | 1): { value: unknown[] | undefined; keys: string[]; gap: boolean } {
  const prefix = `${name}.`;
  const keys = Object.keys(query).filter((key) => key.startsWith(prefix));
  if (keys.length === 0) return { value: undefined, keys, gap: false };
  const items = new Map<number, unknown>();
  for (const key of keys) {
    const [index, ...rest] = key.slice(prefix.length).split(".");
    const n = Number(index);
    if (!Number.isInteger(n)) continue;
    const entry: unknown = query[key];
    const raw = Array.isArray(entry) ? entry[0] : entry; // query values are strings; JSON body values keep their type
    if (rest.length === 0) {
      items.set(n, raw);
      continue;
    }
    const item = (items.get(n) as Json | undefined) ?? {};
    let target = item;
    for (const part of rest.slice(0, -1)) target = target[part] ??= {};
    target[rest.at(-1)!] = raw;
    items.set(n, item);
  }
  const indexes = [...items.keys()].sort((a, b) => a - b);
  const gap = indexes.some((n, i) => n !== i + base);
  return { value: indexes.map((n) => items.get(n)), keys, gap };
}

function diagnostic(path: string[], code: string, message: string): Problem {
  return { path, code, message, severity: 0 /* DiagnosticSeverity.Error */ };
}

function describe(name: string, error: ErrorObject): string {
  return `Request query parameter ${name}${error.instancePath.replace(/\//g, ".")} ${error.message ?? "is invalid"}`;
}

/**
 * A JSON body as the stock validator should see it: the protocol fields (action,
 * key, signature; `x-rpc-protocol.bodyProtocol` at the spec root) checked for presence and
 * removed, and flat keys (`"SnapshotIDs.0"`) folded back into arrays.
 */
function foldBody(body: Json, op: RpcOperation, protocol: string[]): { body: Json; problems: Problem[] } {
  const problems = protocol
    .filter((field) => body[field] === undefined || body[field] === "")
    .map((field) => diagnostic(["body", field], "required", `Request body must have the protocol field ${field}`));
  const folded: Json = {};
  for (const [key, value] of Object.entries(body)) if (!protocol.includes(key)) folded[key] = value;
  for (const [name, base] of Object.entries(op.bodyFlat)) {
    const { value, keys, gap } = unflatten(folded as Query, name, base);
    for (const key of keys) delete folded[key];
    if (value !== undefined) folded[name] = value;
    if (gap) problems.push(diagnostic(["body", name], "index", `Request body ${name} indexes must start at ${base} and be contiguous`));
  }
  return { body: folded, problems };
}

/** The replacement `route`, `validateSecurity` and `validateInput` components for one spec. */
export function rpcComponents(spec: SpecModel) {
  const operations = rpcOperationsOf(spec);
  const protocol: string[] = [...(spec.rpcProtocol?.bodyProtocol ?? [])];
  const actionPlaces = Object.values(spec.rpcProtocol?.styles ?? {}).map((style) => style.action);
  const byAction = new Map(operations.map((op) => [op.action, op]));
  const byPath = new Map(operations.map((op) => [op.path, op]));
  const canonical = canonicalRequests(spec.wireForms.requests);
  // A form body's values are strings: read them by the body schema's types (as the provider's server does).
  const ajv = new Ajv2020({ strict: false, coerceTypes: "array", validateFormats: false });
  const coercers = new Map<RpcOperation, ReturnType<Ajv2020["compile"]>>();
  const coerce = (op: RpcOperation, body: Json) => {
    if (!op.bodySchema) return;
    if (!coercers.has(op)) coercers.set(op, ajv.compile(op.bodySchema));
    coercers.get(op)!(body); // coerces in place; the stock validator reports what is still wrong
  };

  const route = (args: { resources: Json[]; input: Json }) => {
    const { element: input } = canonical(args.input);
    const action = actionOf(input, actionPlaces);
    if (!action) return (stockRoute as (a: unknown) => unknown)({ ...args, input });
    const op = byAction.get(action);
    const method = String(input.method).toLowerCase();
    const resource = op && args.resources.find((r) => r.path === op.path && r.method === method);
    if (!resource)
      return E.left(
        ProblemJsonError.fromTemplate(NO_PATH_MATCHED_ERROR, `Action ${action} (${method.toUpperCase()}) is not in the specification`),
      );
    return E.right(resource);
  };

  const validateSecurity = (args: { resource: Json; element: Json }) =>
    stockValidateSecurity({ resource: args.resource, element: canonical(args.element).element });

  const validateInput = (args: { resource: Json; element: Json }) => {
    const { element, problems: formProblems, fromForm } = canonical(args.element);
    const result = validateCanonical({ resource: args.resource, element }, fromForm);
    const all = [...(E.isLeft(result) ? result.left : []), ...formProblems];
    return all.length ? E.left(all) : E.right(args.element);
  };

  const validateCanonical = (args: { resource: Json; element: Json }, fromForm: boolean) => {
    const op = byPath.get(args.resource.path);
    if (op && args.element.body && typeof args.element.body === "object" && !Array.isArray(args.element.body)) {
      const { body, problems } = foldBody(args.element.body, op, protocol);
      if (fromForm) coerce(op, body);
      const stock = stockValidateInput({ resource: args.resource, element: { ...args.element, body } });
      const all = [...(E.isLeft(stock) ? stock.left : []), ...problems];
      return all.length ? E.left(all) : E.right(args.element);
    }
    if (!op || op.flat.length === 0) return stockValidateInput(args);
    const query = { ...((args.element.url?.query ?? {}) as Query) };
    const problems: Problem[] = [];
    for (const param of op.flat) {
      const { value, keys, gap } = unflatten(query, param.name, param.base);
      for (const key of keys) delete query[key];
      if (value === undefined) {
        if (param.required)
          problems.push(
            diagnostic(["query", param.name], "required", `Request query parameter ${param.name}.${param.base}... is required`),
          );
        continue;
      }
      if (gap)
        problems.push(
          diagnostic(
            ["query", param.name],
            "index",
            `Request query parameter ${param.name} indexes must start at ${param.base} and be contiguous`,
          ),
        );
      if (!param.validate(value))
        for (const error of param.validate.errors ?? [])
          problems.push(
            diagnostic(["query", param.name, ...error.instancePath.split("/").filter(Boolean)], error.keyword, describe(param.name, error)),
          );
    }
    // The stock validator checks everything else, without the flat-indexed keys and params.
    const resource = {
      ...args.resource,
      request: {
        ...args.resource.request,
        query: (args.resource.request?.query ?? []).filter((q: Json) => !op.flat.some((f) => f.name === q.name)),
      },
    };
    const element = { ...args.element, url: { ...args.element.url, query } };
    const stock = stockValidateInput({ resource, element });
    const stockProblems = E.isLeft(stock) ? stock.left : [];
    const all = [...stockProblems, ...problems];
    return all.length ? E.left(all) : E.right(args.element);
  };

  return { route, validateSecurity, validateInput, isRpc: operations.length > 0 };
}
