/**
 * The one reader of the specs: every script and test that needs a spec's facts (the
 * generator, the mock router, the docs build, the contract tests) gets them here, as one
 * typed model, with every extension parsed and checked once. Nothing else reads an
 * `x-...` key of a spec (test/spec-reader.test.ts greps for it).
 *
 * Extensions (see ARCHITECTURE.md "Adding things"):
 *  - operation: `x-rpc-action`, `x-retry-safe`, `x-pagination`, `x-client-token`; `x-wire-path` + `x-body-selector`
 *    (operations that share one method and real path, told apart by a body field: the path key is a pseudo-path
 *    such as `/v1/{project_id}/cloudservers/action#os-stop`, `x-wire-path` the real path template, and
 *    `x-body-selector: {property, value?}` the top-level body property the body has (holding `value`, if given));
 *  - parameter or JSON body property: `x-rpc-style: flat-indexed` + `x-rpc-index-base`, `x-client-param`;
 *  - server: `x-region-hosts`;
 *  - root: `x-rpc-protocol` (RPC specs), `x-wire-forms` (what else the provider's servers accept; the mocks read it);
 *  - operation: `x-waiters` (waiters polling it: acceptors over paths of its success body or its error's category).
 * A bad extension stops the build with a `SpecError` naming the spec and the operation or parameter.
 */
import { resolve } from "node:path";
import { bundle, loadConfig } from "@redocly/openapi-core";
import type { PaginationSpec } from "../../src/core/operations/operation-table.ts";
import type { ErrorCategory } from "../../src/core/common/errors.ts";
import { catalogOf, errorCategories } from "./error-codes.ts";
import { ERROR_CATEGORIES, categoryFromStatus } from "../../src/core/common/errors.ts";
import type { Acceptor, Comparator, WaiterSpec } from "../../src/waiters/waiter-spec.ts";
import type { ClientParamSpec, RpcProtocol, RpcStyle, WirePlace } from "../../src/core/operations/service-spec.ts";

export type Json = Record<string, any>;

export const projectRoot = resolve(import.meta.dirname, "..", "..");

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
const SAFE_METHODS = new Set<string>(["get", "head", "options"]);

/** A spec the build knows about: one entry of redocly.yaml `apis:`. */
export interface SpecEntry {
  /** The redocly.yaml API name (`huawei-evs`). */
  name: string;
  provider: string;
  /** `evs`; a provider with one spec and no suffix (`ucloudstack`) names its service after itself. */
  service: string;
  /** Absolute path of the root spec file. */
  root: string;
  /** Absolute path of the openapi-typescript output (`x-openapi-ts.output`), if declared. */
  output?: string;
}

export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  deprecated: boolean;
  schema: Json | undefined;
  /** The parameter object itself (description, examples). */
  raw: Json;
  /** `x-rpc-style: flat-indexed`: sent as `Name.<base>.Field`. */
  flatIndexBase?: 0 | 1;
  clientParam?: ClientParamSpec;
}

export interface SpecBodyProperty {
  name: string;
  schema: Json;
  flatIndexBase?: 0 | 1;
  clientParam?: ClientParamSpec;
}

export interface SpecBody {
  required: boolean;
  /** The `application/json` schema, if the body has one. */
  schema: Json | undefined;
  /** Its top-level properties. */
  properties: SpecBodyProperty[];
}

/** `x-body-selector`: the operation whose body has this top-level property (holding `value`, if given). */
export interface BodySelector {
  property: string;
  value?: string;
}

export interface SpecOperation {
  id: string;
  method: HttpMethod;
  /** The spec's path (a pseudo-path `/<Action>` for RPC actions, `<wire path>#<selector>` for body-selected ones). */
  path: string;
  /** The path the request is sent to: `x-wire-path`, or the spec's path. */
  wirePath: string;
  /** `x-body-selector`: which body picks this operation among those on the same method and wire path. */
  bodySelector?: BodySelector;
  /** Path-level and operation-level parameters (the operation's win on the same name and place). */
  parameters: SpecParameter[];
  body: SpecBody | undefined;
  deprecated: boolean;
  /** `x-retry-safe`, or by default whether the method is safe. */
  retrySafe: boolean;
  rpcAction?: string;
  pagination?: PaginationSpec;
  clientToken?: string;
  /** Flat-indexed parameters and body properties: name -> index base. */
  flatIndexed: Record<string, 0 | 1>;
  /** The operation object itself (summary, responses, examples). */
  raw: Json;
  /** The path item it belongs to. */
  pathItem: Json;
}

export interface SpecServer {
  url: string;
  /** The `{variables}` of the URL, in order. */
  variables: string[];
  /** `x-region-hosts`: host -> regions that use it instead of the template. */
  regionHosts?: Record<string, string[]>;
}

/** One request form of an RPC API: the method and where the parameters travel. */
export interface WireRequestForm {
  method: "get" | "post";
  params: "query" | "form" | "json";
}

/**
 * `x-wire-forms` at the spec root: the wire forms the provider's servers accept and its official
 * clients send besides the one our client sends. Read by the mocks only (never by the client).
 */
export interface WireForms {
  /** RPC: every accepted request form; the first is the canonical one our client sends. Empty: only that. */
  requests: WireRequestForm[];
  /** JSON bodies: an optional property sent as `null` counts as absent (Cinder clients). */
  nullAsAbsent: boolean;
  /** Boolean query parameters: `True`/`False` in any case (Python-style) read as `true`/`false`. */
  booleansAnyCase: boolean;
}

export interface SpecModel {
  name: string;
  /** The title, version and (if any) summary of `info`. */
  info: { title: string; version: string; summary?: string };
  servers: SpecServer[];
  /** Parameters the client fills (`x-client-param`), by wire name, the same wherever the name occurs. */
  clientParams: Record<string, ClientParamSpec>;
  /** `x-rpc-protocol`, for RPC specs. */
  rpcProtocol?: RpcProtocol;
  /** `x-wire-forms` (defaults: no other request form, nulls and booleans as the spec says). */
  wireForms: WireForms;
  /** The generated `errorCategories`: category -> space-joined codes (scripts/lib/error-codes.ts reads and checks `x-error-codes`). */
  errorCategories: Partial<Record<ErrorCategory, string>>;
  /** Every catalogued error code -> its category (`components.x-error-codes*`). */
  errorCatalog: Map<string, ErrorCategory>;
  /**
   * `x-status-groups` on component schemas: schema name -> one vocabulary word (`creating`) -> the
   * provider's spellings of that state (`Createing`, `Creating`), which a program can switch on.
   */
  statusGroups: Record<string, Record<string, string[]>>;
  operations: SpecOperation[];
  /** `x-waiters` of every operation, checked (paths against the success body, spellings against the status schemas). */
  waiters: SpecWaiter[];
  /** The bundled, dereferenced document, for what the model does not carry (schemas, examples). */
  document: Json;
}

/** One waiter of `x-waiters`: the generated table's entry, with its name, description and source. */
export interface SpecWaiter extends WaiterSpec {
  name: string;
  description: string;
  source: string;
}

/** A spec that breaks a rule of the reader; the message names the spec and the operation or parameter. */
export class SpecError extends Error {
  override name = "SpecError";
}

// ---- listing and bundling ----------------------------------------------------------------------

async function redoclyConfig() {
  return loadConfig({ configPath: resolve(projectRoot, "redocly.yaml") });
}

/** Every API of redocly.yaml, in file order. */
export async function listSpecs(): Promise<SpecEntry[]> {
  const config = await redoclyConfig();
  const apis = config.apis as Record<string, { root: string; "x-openapi-ts"?: { output?: string } }>;
  return Object.entries(apis).map(([name, api]) => {
    const [provider, ...rest] = name.split("-");
    const output = api["x-openapi-ts"]?.output;
    return {
      name,
      provider: provider!,
      service: rest.length ? rest.join("-") : provider!,
      root: resolve(projectRoot, api.root),
      ...(output ? { output: resolve(projectRoot, output) } : {}),
    };
  });
}

/** A spec bundled into one document by Redocly: dereferenced (what the model reads), or with local `#/components` refs kept (for Redoc). */
export async function bundleSpec(root: string, options: { dereference: boolean }): Promise<Json> {
  const { bundle: document } = await bundle({ ref: root, config: await redoclyConfig(), dereference: options.dereference });
  return document.parsed as Json;
}

/** The model of one spec file (a redocly.yaml entry, or any root file). */
export async function readSpec(spec: SpecEntry | string): Promise<SpecModel> {
  const entry = typeof spec === "string" ? { name: spec, root: spec } : spec;
  return specModel(await bundleSpec(entry.root, { dereference: true }), entry.name);
}

/** The models of every redocly.yaml API (or those `filter` keeps), keyed by API name. */
export async function readSpecs(filter: (name: string) => boolean = () => true): Promise<Record<string, SpecModel>> {
  const out: Record<string, SpecModel> = {};
  for (const entry of await listSpecs()) if (filter(entry.name)) out[entry.name] = await readSpec(entry);
  return out;
}

// ---- the model -------------------------------------------------------------------------------

/** Reads and checks a bundled, dereferenced document. */
export function specModel(document: Json, name: string): SpecModel {
  const fail = (where: string, problem: string): never => {
    throw new SpecError(`${name}: ${where}: ${problem}`);
  };
  const info: Json = document.info ?? {};
  const operations: SpecOperation[] = [];
  const seen = new Set<string>();
  for (const [path, pathItem] of Object.entries<Json>(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation: Json | undefined = pathItem[method];
      if (!operation) continue;
      if (!operation.operationId) fail(`${method.toUpperCase()} ${path}`, "operationId missing");
      if (seen.has(operation.operationId)) fail(operation.operationId, "duplicate operationId");
      seen.add(operation.operationId);
      operations.push(operationModel(method, path, pathItem, operation, (problem) => fail(operation.operationId, problem)));
    }
  }
  checkSharedWirePaths(operations, fail);
  const rpcProtocol = document["x-rpc-protocol"] === undefined ? undefined : rpcProtocolOf(document["x-rpc-protocol"], fail);
  const rpc = operations.find((op) => op.rpcAction);
  if (rpc && !rpcProtocol) fail(rpc.id, "x-rpc-action needs x-rpc-protocol at the spec root (where the action travels)");
  const model: SpecModel = {
    name,
    info: { title: info.title, version: info.version, ...(info.summary ? { summary: info.summary } : {}) },
    servers: (document.servers ?? []).map((server: Json, index: number) =>
      serverOf(server, (problem) => fail(`servers[${index}]`, problem)),
    ),
    clientParams: clientParamsOf(operations, fail),
    errorCategories: errorCategories(document),
    errorCatalog: new Map([...catalogOf(document)].map(([code, entry]) => [code, entry.category])),
    statusGroups: statusGroupsOf(document.components?.schemas ?? {}, fail),
    wireForms: wireFormsOf(document["x-wire-forms"], rpcProtocol !== undefined, fail),
    operations,
    waiters: [],
    document,
  };
  model.waiters = waitersOf(model, fail);
  if (rpcProtocol) model.rpcProtocol = rpcProtocol;
  if (model.rpcProtocol?.bodyProtocol) {
    for (const op of operations) {
      const owned = [...op.parameters.map((p) => p.name), ...(op.body?.properties.map((p) => p.name) ?? [])].find((n) =>
        model.rpcProtocol!.bodyProtocol!.includes(n),
      );
      if (owned) fail(op.id, `'${owned}' is a protocol field (x-rpc-protocol.bodyProtocol) and cannot be a parameter`);
    }
  }
  return model;
}

function operationModel(
  method: HttpMethod,
  path: string,
  pathItem: Json,
  operation: Json,
  fail: (problem: string) => never,
): SpecOperation {
  const all: Json[] = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])];
  const parameters = all
    .filter((p, index) => !all.slice(index + 1).some((q) => q.name === p.name && q.in === p.in))
    .map((p) => parameterOf(p, fail));
  const body = bodyOf(operation.requestBody, fail);
  const names = new Set([...parameters.map((p) => p.name), ...(body?.properties.map((p) => p.name) ?? [])]);

  const flatIndexed: Record<string, 0 | 1> = {};
  for (const holder of [...parameters, ...(body?.properties ?? [])])
    if (holder.flatIndexBase !== undefined) flatIndexed[holder.name] = holder.flatIndexBase;

  const retrySafe = operation["x-retry-safe"];
  if (retrySafe !== undefined && typeof retrySafe !== "boolean") fail("x-retry-safe must be true or false");
  const rpcAction = operation["x-rpc-action"];
  if (rpcAction !== undefined && (typeof rpcAction !== "string" || !/^\w+$/.test(rpcAction)))
    fail("x-rpc-action must be an action name (letters, digits, _)");
  const clientToken = operation["x-client-token"];
  if (clientToken !== undefined && (typeof clientToken !== "string" || !names.has(clientToken)))
    fail(`x-client-token names '${clientToken}', which is not a parameter`);
  const pagination = paginationOf(operation["x-pagination"], fail);
  const wirePath = wirePathOf(operation["x-wire-path"], path, parameters, fail);
  const bodySelector = bodySelectorOf(operation["x-body-selector"], body, fail);
  if (wirePath !== path && !bodySelector) fail("x-wire-path needs x-body-selector (a pseudo-path exists only to share a wire path)");

  const model: SpecOperation = {
    id: operation.operationId,
    method,
    path,
    wirePath,
    parameters,
    body,
    deprecated: operation.deprecated === true,
    retrySafe: retrySafe ?? SAFE_METHODS.has(method),
    flatIndexed,
    raw: operation,
    pathItem,
  };
  if (rpcAction !== undefined) model.rpcAction = rpcAction;
  if (pagination) model.pagination = pagination;
  if (clientToken !== undefined) model.clientToken = clientToken;
  if (bodySelector) model.bodySelector = bodySelector;
  return model;
}

const placeholders = (template: string) => [...template.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!);

/** `x-wire-path`: a real path template with the same placeholders as the pseudo-path, each a path parameter. */
function wirePathOf(value: unknown, path: string, parameters: SpecParameter[], fail: (problem: string) => never): string {
  if (value === undefined) return path;
  if (typeof value !== "string" || !/^\/[^#?\s]*$/.test(value)) fail("x-wire-path must be a path template (starting with /, no # or ?)");
  if (value === path) fail("x-wire-path repeats the spec's path; leave it out");
  const wire = placeholders(value);
  if (wire.join() !== placeholders(path).join())
    fail(`x-wire-path ${value} must have the same placeholders as the path ${path}, in the same order`);
  const pathParams = parameters.filter((p) => p.in === "path").map((p) => p.name);
  if ([...wire].sort().join() !== [...pathParams].sort().join())
    fail(`x-wire-path ${value}: its placeholders (${wire.join(", ")}) must be exactly the path parameters (${pathParams.join(", ")})`);
  return value;
}

/** `x-body-selector: {property, value?}`: a property the JSON body requires (with `const: value`, if given). */
function bodySelectorOf(value: unknown, body: SpecBody | undefined, fail: (problem: string) => never): BodySelector | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== "object" || Array.isArray(value)) fail("x-body-selector must be an object {property, value?}");
  const { property, value: selected, ...rest } = value as Json;
  if (Object.keys(rest).length) fail(`x-body-selector has unknown keys: ${Object.keys(rest).join(", ")}`);
  if (typeof property !== "string" || !property) fail("x-body-selector.property must name a top-level body property");
  if (selected !== undefined && (typeof selected !== "string" || !selected)) fail("x-body-selector.value must be a non-empty string");
  if (!body?.required || !body.schema) fail("x-body-selector needs a required JSON request body");
  const schema = body!.schema!;
  if (!(schema.required ?? []).includes(property)) fail(`x-body-selector: the body must require '${property}'`);
  const propertySchema: Json | undefined = schema.properties?.[property];
  if (!propertySchema) fail(`x-body-selector: '${property}' is not a property of the body`);
  if (selected !== undefined && propertySchema!.const !== selected)
    fail(`x-body-selector: the body's '${property}' must be const: ${selected}`);
  return selected === undefined ? { property } : { property, value: selected };
}

/**
 * Operations on one method and wire path: if there are several, each has an `x-body-selector`,
 * and no body can satisfy two of them (different properties, or the same property with different values).
 */
function checkSharedWirePaths(operations: SpecOperation[], fail: (where: string, problem: string) => never): void {
  const groups = new Map<string, SpecOperation[]>();
  for (const op of operations) {
    const key = `${op.method} ${op.wirePath.replace(/\{[^}]*\}/g, "{}")}`;
    groups.set(key, [...(groups.get(key) ?? []), op]);
  }
  for (const [key, group] of groups) {
    if (group.length < 2) {
      if (group[0]!.bodySelector) fail(group[0]!.id, `x-body-selector, but no other operation is on ${key.toUpperCase()}`);
      continue;
    }
    const bare = group.find((op) => !op.bodySelector);
    if (bare)
      fail(
        bare.id,
        `${group.map((op) => op.id).join(", ")} share ${key.replace(/^\w+/, (m) => m.toUpperCase())}: each needs an x-body-selector`,
      );
    for (const [index, op] of group.entries())
      for (const other of group.slice(index + 1)) {
        const a = op.bodySelector!;
        const b = other.bodySelector!;
        if (a.property === b.property && (a.value === undefined || b.value === undefined || a.value === b.value))
          fail(other.id, `x-body-selector ${JSON.stringify(b)} does not tell it from ${op.id} (${JSON.stringify(a)})`);
        // Told apart by which property the body has: a body holding both must fit neither.
        if (a.property !== b.property)
          for (const closed of [op, other])
            if (closed.body!.schema!.additionalProperties !== false)
              fail(closed.id, "x-body-selector by property: the body must be closed (additionalProperties: false)");
      }
  }
}

function parameterOf(p: Json, fail: (problem: string) => never): SpecParameter {
  const where = (problem: string) => fail(`parameter '${p.name}': ${problem}`);
  const parameter: SpecParameter = {
    name: p.name,
    in: p.in,
    required: p.required === true,
    deprecated: p.deprecated === true,
    schema: p.schema,
    raw: p,
  };
  const base = flatIndexBaseOf(p, where);
  if (base !== undefined) parameter.flatIndexBase = base;
  const clientParam = clientParamOf(p["x-client-param"], where);
  if (clientParam) parameter.clientParam = clientParam;
  return parameter;
}

function bodyOf(requestBody: Json | undefined, fail: (problem: string) => never): SpecBody | undefined {
  if (!requestBody) return undefined;
  const schema: Json | undefined = requestBody.content?.["application/json"]?.schema;
  const properties = Object.entries<Json>(schema?.properties ?? {}).map(([name, propertySchema]) => {
    const where = (problem: string) => fail(`body property '${name}': ${problem}`);
    const property: SpecBodyProperty = { name, schema: propertySchema };
    const base = flatIndexBaseOf(propertySchema, where);
    if (base !== undefined) property.flatIndexBase = base;
    const clientParam = clientParamOf(propertySchema["x-client-param"], where);
    if (clientParam) property.clientParam = clientParam;
    return property;
  });
  return { required: requestBody.required === true, schema, properties };
}

/** `x-rpc-style: flat-indexed` with `x-rpc-index-base: 0 | 1`. */
function flatIndexBaseOf(holder: Json, fail: (problem: string) => never): 0 | 1 | undefined {
  const style = holder["x-rpc-style"];
  const base = holder["x-rpc-index-base"];
  if (style === undefined) {
    if (base !== undefined) fail("x-rpc-index-base without x-rpc-style: flat-indexed");
    return undefined;
  }
  if (style !== "flat-indexed") fail(`x-rpc-style '${style}' is not supported (only flat-indexed)`);
  if (base !== 0 && base !== 1) fail("needs x-rpc-index-base 0 or 1");
  return base;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `x-client-param: {option, fill}`. */
function clientParamOf(value: unknown, fail: (problem: string) => never): ClientParamSpec | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== "object") fail("x-client-param must be an object {option, fill}");
  const { option, fill, ...rest } = value as Json;
  if (Object.keys(rest).length) fail(`x-client-param has unknown keys: ${Object.keys(rest).join(", ")}`);
  if (typeof option !== "string" || !IDENTIFIER.test(option))
    fail("x-client-param.option must be a non-empty identifier (a client option)");
  if (fill !== "always" && fill !== "default") fail("x-client-param.fill must be 'always' or 'default'");
  return { option, fill };
}

/** Every name the client fills, checked to mean the same wherever it occurs in the spec. */
function clientParamsOf(operations: SpecOperation[], fail: (where: string, problem: string) => never): Record<string, ClientParamSpec> {
  const params: Record<string, ClientParamSpec> = {};
  const holders = operations.flatMap((op) => [...op.parameters, ...(op.body?.properties ?? [])].map((holder) => ({ op, holder })));
  for (const { op, holder } of holders) {
    if (!holder.clientParam) continue;
    const known = params[holder.name];
    if (known && (known.option !== holder.clientParam.option || known.fill !== holder.clientParam.fill))
      fail(op.id, `'${holder.name}' has x-client-param ${JSON.stringify(holder.clientParam)} here but ${JSON.stringify(known)} elsewhere`);
    params[holder.name] = holder.clientParam;
    if (op.clientToken === holder.name) fail(op.id, `'${holder.name}' cannot be both x-client-token and x-client-param`);
  }
  for (const { op, holder } of holders)
    if (params[holder.name] && !holder.clientParam)
      fail(
        op.id,
        `'${holder.name}' has no x-client-param here but has one elsewhere: the same name must be filled the same way everywhere`,
      );
  return params;
}

/** `x-pagination`, checked: link/token styles follow a cursor, the offset and page styles count. */
function paginationOf(p: Json | undefined, fail: (problem: string) => never): PaginationSpec | undefined {
  if (p === undefined) return undefined;
  const style = p.style ?? "link";
  const needs: Record<string, string[]> = {
    link: ["items", "next", "cursor"],
    token: ["items", "next", "cursor"],
    offset: ["items", "total", "offset", "limit"],
    page: ["items", "total", "page", "size"],
  };
  const need = Object.hasOwn(needs, style) ? needs[style]! : fail("x-pagination.style must be link, token, offset or page");
  const missing = need.filter((key) => !p[key]);
  if (missing.length) fail(`x-pagination (${style}) needs ${missing.join(", ")}`);
  return Object.fromEntries([["style", style], ...need.map((key) => [key, p[key]])]) as unknown as PaginationSpec;
}

/** A server with its URL variables (each declared, each used) and `x-region-hosts`. */
function serverOf(server: Json, fail: (problem: string) => never): SpecServer {
  const url: string = server.url;
  if (typeof url !== "string" || !url) fail("url missing");
  const variables = [...url.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]!);
  const declared = Object.keys(server.variables ?? {});
  const undeclared = variables.filter((name) => !declared.includes(name));
  if (undeclared.length) fail(`${url}: variable(s) ${undeclared.join(", ")} in the URL are not declared under variables`);
  const unused = declared.filter((name) => !variables.includes(name));
  if (unused.length) fail(`${url}: variable(s) ${unused.join(", ")} are declared but not in the URL`);
  const out: SpecServer = { url, variables };
  const hosts = server["x-region-hosts"];
  if (hosts !== undefined) {
    if (!hosts || typeof hosts !== "object" || Array.isArray(hosts) || !Object.keys(hosts).length)
      fail("x-region-hosts must map at least one host to its regions");
    const regionHosts: Record<string, string[]> = {};
    const hostOf = new Map<string, string>();
    for (const [host, regions] of Object.entries<unknown>(hosts)) {
      if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(host)) fail(`x-region-hosts: '${host}' is not a host name`);
      if (!Array.isArray(regions) || !regions.length) fail(`x-region-hosts: ${host} needs a non-empty list of regions`);
      for (const region of regions) {
        if (typeof region !== "string" || !/^[a-z0-9-]+$/.test(region)) fail(`x-region-hosts: ${host}: '${region}' is not a region id`);
        if (hostOf.has(region)) fail(`x-region-hosts: region ${region} is listed under ${hostOf.get(region)} and ${host}`);
        hostOf.set(region, host);
      }
      regionHosts[host] = regions;
    }
    out.regionHosts = regionHosts;
  }
  return out;
}

/** `x-rpc-protocol: {styles: {<style>: {action: {in, name}, version?: {in, name}}}, bodyProtocol?: [...]}`. */
function rpcProtocolOf(value: unknown, fail: (where: string, problem: string) => never): RpcProtocol {
  const where = "x-rpc-protocol";
  if (!value || typeof value !== "object") fail(where, "must be an object {styles, bodyProtocol?}");
  const { styles, bodyProtocol, ...rest } = value as Json;
  if (Object.keys(rest).length) fail(where, `unknown keys: ${Object.keys(rest).join(", ")}`);
  if (!styles || typeof styles !== "object" || !Object.keys(styles).length) fail(where, "styles must name at least one wire style");
  const place = (style: string, key: string, place: unknown): WirePlace => {
    const p = place as Json;
    if (!p || !["query", "header", "body"].includes(p.in) || typeof p.name !== "string" || !p.name)
      fail(where, `styles.${style}.${key} must be {in: query | header | body, name}`);
    return { in: p.in, name: p.name };
  };
  const parsed: Record<string, RpcStyle> = {};
  for (const [style, definition] of Object.entries<Json>(styles)) {
    const { action, version, ...extra } = definition ?? {};
    if (Object.keys(extra).length) fail(where, `styles.${style} has unknown keys: ${Object.keys(extra).join(", ")}`);
    parsed[style] = {
      action: place(style, "action", action),
      ...(version === undefined ? {} : { version: place(style, "version", version) }),
    };
  }
  const protocol: RpcProtocol = { styles: parsed };
  if (bodyProtocol !== undefined) {
    if (!Array.isArray(bodyProtocol) || !bodyProtocol.length || bodyProtocol.some((field) => typeof field !== "string" || !field))
      fail(where, "bodyProtocol must be a non-empty list of field names");
    return { ...protocol, bodyProtocol };
  }
  return protocol;
}

/**
 * `x-wire-forms: {requests?: [{method: GET | POST, params: query | form | json}], nullAsAbsent?, booleansAnyCase?, source}`.
 * `requests` is for RPC specs only; `source` (URLs) says where the provider documents the forms.
 */
function wireFormsOf(value: unknown, rpc: boolean, fail: (where: string, problem: string) => never): WireForms {
  const forms: WireForms = { requests: [], nullAsAbsent: false, booleansAnyCase: false };
  if (value === undefined) return forms;
  const where = "x-wire-forms";
  if (!value || typeof value !== "object" || Array.isArray(value))
    fail(where, "must be an object {requests?, nullAsAbsent?, booleansAnyCase?, source}");
  const { requests, nullAsAbsent, booleansAnyCase, source, ...rest } = value as Json;
  if (Object.keys(rest).length) fail(where, `unknown keys: ${Object.keys(rest).join(", ")}`);
  if (!Array.isArray(source) || !source.length || source.some((url) => typeof url !== "string" || !/^https:\/\//.test(url)))
    fail(where, "source must list the https URLs that document these wire forms");
  for (const [key, flag] of Object.entries({ nullAsAbsent, booleansAnyCase }))
    if (flag !== undefined && typeof flag !== "boolean") fail(where, `${key} must be true or false`);
  forms.nullAsAbsent = nullAsAbsent === true;
  forms.booleansAnyCase = booleansAnyCase === true;
  if (requests === undefined) return forms;
  if (!rpc) fail(where, "requests is for RPC specs (with x-rpc-protocol)");
  if (!Array.isArray(requests) || !requests.length) fail(where, "requests must be a non-empty list of {method, params}");
  const seen = new Set<string>();
  for (const [index, form] of (requests as Json[]).entries()) {
    const { method, params, ...extra } = form ?? {};
    if (Object.keys(extra).length) fail(where, `requests[${index}] has unknown keys: ${Object.keys(extra).join(", ")}`);
    if (!["GET", "POST"].includes(method) || !["query", "form", "json"].includes(params))
      fail(where, `requests[${index}] must be {method: GET | POST, params: query | form | json}`);
    if (method === "GET" && params !== "query") fail(where, `requests[${index}]: a GET carries its parameters in the query`);
    const key = `${method} ${params}`;
    if (seen.has(key)) fail(where, `requests[${index}]: ${key} is listed twice`);
    seen.add(key);
    forms.requests.push({ method: method.toLowerCase(), params });
  }
  if (forms.requests[0]!.params === "form") fail(where, "requests[0] is what the client sends: query or json, not form");
  return forms;
}

// ---- x-waiters ---------------------------------------------------------------------------------

const COMPARATORS: readonly Comparator[] = ["stringEquals", "anyStringEquals", "allStringEquals", "booleanEquals", "countEquals"];
const LIST_COMPARATORS: readonly Comparator[] = ["anyStringEquals", "allStringEquals", "countEquals"];
const PATH = /^[\w:-]+(\[\])?(\.[\w:-]+(\[\])?)*$/;

/**
 * `x-waiters: {<Name>: {description, x-source, minDelayMs, maxDelayMs, progress?, acceptors: [{state, matcher}]}}`
 * on the operation a waiter polls. A matcher is `{path, comparator, expected}` (a dot path into the success body,
 * `[]` projecting over a list; `expected` a spelling, a list of them, `{group: <word>}` of the status schema's
 * `x-status-groups`, a boolean or a count) or `{errorCategory}` (a category the operation's documented errors have).
 */
function waitersOf(model: SpecModel, fail: (where: string, problem: string) => never): SpecWaiter[] {
  const out: SpecWaiter[] = [];
  const catalog = model.errorCatalog;
  for (const op of model.operations) {
    const value = op.raw["x-waiters"];
    if (value === undefined) continue;
    if (!value || typeof value !== "object" || Array.isArray(value) || !Object.keys(value).length)
      fail(op.id, "x-waiters must map waiter names to waiters");
    for (const [name, definition] of Object.entries<Json>(value)) {
      const where = (problem: string): never => fail(op.id, `x-waiters.${name}: ${problem}`);
      if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) where("a waiter name is UpperCamelCase letters and digits");
      if (out.some((waiter) => waiter.name === name))
        where(`the name is taken by a waiter of ${out.find((w) => w.name === name)!.operation}`);
      if (!definition || typeof definition !== "object" || Array.isArray(definition)) where("must be an object");
      const { description, "x-source": source, minDelayMs, maxDelayMs, progress, acceptors, ...rest } = definition as Json;
      if (Object.keys(rest).length) where(`unknown keys: ${Object.keys(rest).join(", ")}`);
      if (typeof description !== "string" || !description.trim()) where("description must say what it waits for");
      if (typeof source !== "string" || !source.trim()) where("x-source must cite where the states come from");
      for (const [key, ms] of Object.entries({ minDelayMs, maxDelayMs }))
        if (!Number.isInteger(ms) || ms < 1 || ms > 3_600_000) where(`${key} must be a whole number of milliseconds, 1 to 3600000`);
      if (minDelayMs > maxDelayMs) where("minDelayMs must not exceed maxDelayMs");
      const success = successSchemas(op);
      if (!success.length) where(`${op.id} documents no JSON success body to read`);
      if (progress !== undefined) {
        if (typeof progress !== "string") where("progress must be a path");
        leafSchemas(success, progress, (problem) => where(`progress: ${problem}`));
      }
      if (!Array.isArray(acceptors) || !acceptors.length) where("acceptors must be a non-empty list");
      const parsed = (acceptors as Json[]).map((acceptor, index) =>
        acceptorOf(acceptor, op, success, catalog, (problem) => where(`acceptors[${index}]: ${problem}`)),
      );
      if (!parsed.some((acceptor) => acceptor.state === "success")) where("needs an acceptor whose state is success");
      out.push({
        name,
        operation: op.id,
        description: description.trim(),
        source: source.trim(),
        minDelayMs,
        maxDelayMs,
        acceptors: parsed,
        ...(progress === undefined ? {} : { progress }),
      });
    }
  }
  return out;
}

function acceptorOf(
  acceptor: Json,
  op: SpecOperation,
  success: Json[],
  catalog: Map<string, ErrorCategory>,
  fail: (problem: string) => never,
): Acceptor {
  if (!acceptor || typeof acceptor !== "object") fail("must be {state, matcher}");
  const { state, matcher, ...rest } = acceptor;
  if (Object.keys(rest).length) fail(`unknown keys: ${Object.keys(rest).join(", ")}`);
  if (!["success", "failure", "retry"].includes(state)) fail("state must be success, failure or retry");
  if (!matcher || typeof matcher !== "object" || Array.isArray(matcher))
    fail("matcher must be {path, comparator, expected} or {errorCategory}");
  if ("errorCategory" in matcher) {
    const { errorCategory, ...other } = matcher;
    if (Object.keys(other).length) fail(`matcher: unknown keys beside errorCategory: ${Object.keys(other).join(", ")}`);
    if (!ERROR_CATEGORIES.includes(errorCategory)) fail(`errorCategory must be one of ${ERROR_CATEGORIES.join(", ")}`);
    const statuses = Object.keys(op.raw.responses ?? {}).filter((status) => /^[45]\d\d$/.test(status));
    const codes: unknown[] = Array.isArray(op.raw["x-error-codes"]) ? op.raw["x-error-codes"] : [];
    const documented =
      statuses.some((status) => categoryFromStatus(Number(status)) === errorCategory) ||
      codes.some((code) => catalog.get(String(code)) === errorCategory);
    if (!documented) fail(`${op.id} documents no error of category ${errorCategory} (a response status or an x-error-codes code)`);
    return { state, matcher: { errorCategory } };
  }
  const { path, comparator, expected, ...other } = matcher;
  if (Object.keys(other).length) fail(`matcher: unknown keys: ${Object.keys(other).join(", ")}`);
  if (!COMPARATORS.includes(comparator)) fail(`comparator must be one of ${COMPARATORS.join(", ")}`);
  if (typeof path !== "string") fail("matcher.path must be a dot path");
  const leaves = leafSchemas(success, path, (problem) => fail(`path ${problem}`));
  const list = path.includes("[]");
  if (LIST_COMPARATORS.includes(comparator) && !list) fail(`${comparator} needs a list path (a name ending in [])`);
  if (comparator === "stringEquals" && list)
    fail("stringEquals needs a single value: use anyStringEquals or allStringEquals over a list path");
  const typed = (type: string) => leaves.some((leaf) => [leaf.type].flat().includes(type));
  if (comparator === "countEquals") {
    if (!Number.isInteger(expected) || expected < 0) fail("countEquals expects a whole number ≥ 0");
    if (!path.endsWith("[]")) fail("countEquals counts a list: the path ends in []");
    return { state, matcher: { path, comparator, expected } };
  }
  if (comparator === "booleanEquals") {
    if (typeof expected !== "boolean") fail("booleanEquals expects true or false");
    if (!typed("boolean")) fail(`${path} is not a boolean in the response schema`);
    return { state, matcher: { path, comparator, expected } };
  }
  if (!typed("string")) fail(`${path} is not a string in the response schema`);
  const spellings = spellingsOf(expected, leaves, path, fail);
  return { state, matcher: { path, comparator, expected: spellings.length === 1 ? spellings[0]! : spellings } };
}

/** A string comparator's `expected`: a spelling, a list, or `{group}`; each one the status schema documents. */
function spellingsOf(expected: unknown, leaves: Json[], path: string, fail: (problem: string) => never): string[] {
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    const { group, ...rest } = expected as Json;
    if (Object.keys(rest).length || typeof group !== "string") fail("expected as an object is {group: <word of x-status-groups>}");
    const groups: Json | undefined = leaves.find((leaf) => leaf["x-status-groups"])?.["x-status-groups"];
    if (!groups) fail(`expected {group: ${group}}: the schema at ${path} has no x-status-groups`);
    if (!Object.hasOwn(groups, group)) fail(`expected {group: ${group}}: not a group of ${path} (${Object.keys(groups).join(", ")})`);
    return groups[group];
  }
  const list = [expected].flat();
  if (!list.length || list.some((item) => typeof item !== "string" || !item))
    fail("expected must be a spelling, a list of them or {group}");
  const closed = leaves.flatMap((leaf) => leaf.enum ?? []);
  const documented = new Set<unknown>([
    ...closed,
    ...leaves.flatMap((leaf) => [...(leaf.examples ?? []), ...(leaf.const === undefined ? [] : [leaf.const])]),
    ...leaves.flatMap((leaf) => [...String(leaf.description ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1])),
  ]);
  for (const spelling of list as string[]) {
    if (closed.length && !closed.includes(spelling)) fail(`'${spelling}' is not in the enum of ${path}`);
    if (!documented.has(spelling))
      fail(`'${spelling}' is not a value the schema at ${path} documents (enum, examples or \`value\` in its description)`);
  }
  return list as string[];
}

/** The JSON schemas of the operation's 2xx answers. */
function successSchemas(op: SpecOperation): Json[] {
  return Object.entries<Json>(op.raw.responses ?? {})
    .filter(([status]) => /^2/.test(status))
    .map(([, response]) => response.content?.["application/json"]?.schema)
    .filter((schema): schema is Json => schema !== undefined);
}

/** Every schema a dot path leads to, through `oneOf`/`anyOf`/`allOf` members; fails naming the first part no schema has. */
function leafSchemas(roots: Json[], path: string, fail: (problem: string) => never): Json[] {
  if (!PATH.test(path)) fail(`'${path}' is not a dot path (names of letters, digits, _ : -, each optionally ending in [])`);
  const members = (schema: Json): Json[] => [
    schema,
    ...[...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])].flatMap(members),
  ];
  let current = roots;
  for (const part of path.split(".")) {
    const project = part.endsWith("[]");
    const key = project ? part.slice(0, -2) : part;
    const next = current.flatMap(members).flatMap((schema) => (schema.properties?.[key] ? [schema.properties[key]] : []));
    if (!next.length) fail(`'${path}': '${key}' is not a property of the success body there`);
    current = project ? next.flatMap(members).flatMap((schema) => (schema.items ? [schema.items] : [])) : next;
    if (!current.length) fail(`'${path}': '${key}' is not a list`);
  }
  return current.flatMap(members);
}

// ---- helpers for the readers of the model -------------------------------------------------------

/** The operation with this id. */
/**
 * `x-status-groups` on a string schema: `{ <word>: [spellings] }`. Words are lower-case
 * (`rolling-back`); a spelling is matched ignoring case and anything but letters, so no two
 * spellings of a schema may read the same that way; each spelling must be one the schema
 * documents (`enum` or `examples`), so the docs and the data cannot drift apart.
 */
function statusGroupsOf(schemas: Json, fail: (where: string, problem: string) => never): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [name, schema] of Object.entries<Json>(schemas)) {
    const groups = schema["x-status-groups"];
    if (groups === undefined) continue;
    const where = `components.schemas.${name}`;
    if (!groups || typeof groups !== "object" || Array.isArray(groups)) fail(where, "x-status-groups must map words to lists of spellings");
    const documented: unknown[] = [...(schema.enum ?? []), ...(schema.examples ?? [])];
    const seen = new Map<string, string>();
    out[name] = {};
    for (const [word, spellings] of Object.entries<unknown>(groups)) {
      if (!/^[a-z]+(-[a-z]+)*$/.test(word)) fail(where, `x-status-groups: '${word}' must be a lower-case word (hyphens between parts)`);
      if (!Array.isArray(spellings) || !spellings.length) fail(where, `x-status-groups.${word} must be a non-empty list of spellings`);
      for (const spelling of spellings as unknown[]) {
        if (typeof spelling !== "string" || !/[A-Za-z]/.test(spelling))
          fail(where, `x-status-groups.${word}: ${JSON.stringify(spelling)} is not a spelling`);
        if (!documented.includes(spelling))
          fail(where, `x-status-groups.${word}: '${spelling}' is not among the schema's enum or examples`);
        const key = statusKey(spelling as string);
        const other = seen.get(key);
        if (other && other !== word) fail(where, `x-status-groups: '${spelling}' (${word}) reads the same as a spelling of ${other}`);
        seen.set(key, word);
      }
      out[name][word] = spellings as string[];
    }
  }
  return out;
}

/** How a status spelling is compared: letters only, lower case (`RollBacking`, `rollbacking`). */
export function statusKey(spelling: string): string {
  return spelling.toLowerCase().replace(/[^a-z]/g, "");
}

export function operationById(model: SpecModel, id: string): SpecOperation {
  const op = model.operations.find((candidate) => candidate.id === id);
  if (!op) throw new SpecError(`${model.name}: no operation ${id}`);
  return op;
}

/** The wire style whose action travels in `place` (Alibaba V3: header; UCloudStack: body), if any. */
export function rpcStyleWithActionIn(model: SpecModel, place: WirePlace["in"]): RpcStyle | undefined {
  return Object.values(model.rpcProtocol?.styles ?? {}).find((style) => style.action.in === place);
}
