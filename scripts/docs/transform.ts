/**
 * The docs-only view of a bundled spec (redocly.yaml and the specs stay as they
 * are, so openapi-typescript and the mocks see the pseudo-paths):
 *  1. RPC actions (`x-rpc-action`) move from their pseudo-path `/ResetDisks` to the
 *     wire form `/?Action=ResetDisks`, and their description starts with how the
 *     action really travels (query `Action=`, a header such as `x-acs-action`, or
 *     the JSON body's `"Action"`);
 *  2. operations told apart by their body (`x-wire-path`, `x-body-selector`) keep their
 *     pseudo-path (`/v1/{project_id}/cloudservers/action#os-stop`: Redoc needs one path per
 *     method), and their description starts with the real method and path and the body field
 *     that selects them;
 *  3. every operation gets `x-codeSamples` with a TypeScript call through our client.
 */
import { operationById, rpcStyleWithActionIn, type SpecModel, type SpecOperation } from "../lib/spec-reader.ts";
import { operationsOf, PROVIDERS, type DocApi, type Json } from "./apis.ts";
import { codeSample } from "./samples.ts";

/** `/?Action=ResetDisks`: the path (relative to the server URL) an RPC action really has. */
export function wirePath(action: string): string {
  return `/?Action=${action}`;
}

/** The body that selects a body-selected operation, as a short JSON sketch: `{"os-stop": …}`, `{"action": "create", …}`. */
export function selectingBody(operation: SpecOperation): string | undefined {
  const selector = operation.bodySelector;
  if (!selector) return undefined;
  return selector.value === undefined
    ? `{${JSON.stringify(selector.property)}: …}`
    : `{${JSON.stringify(selector.property)}: ${JSON.stringify(selector.value)}, …}`;
}

/**
 * Where every operation goes on the wire: `{operationId: {method, path}}` (`/?Action=…` for RPC
 * actions; the real path for body-selected operations, with `selectedBy`, the body that selects them).
 */
export function wirePaths(model: SpecModel): Record<string, { method: string; path: string; rpcAction?: string; selectedBy?: string }> {
  const out: Record<string, { method: string; path: string; rpcAction?: string; selectedBy?: string }> = {};
  for (const operation of model.operations) {
    const { id, method, rpcAction, wirePath: path } = operation;
    const selectedBy = selectingBody(operation);
    out[id] = rpcAction ? { method, path: wirePath(rpcAction), rpcAction } : selectedBy ? { method, path, selectedBy } : { method, path };
  }
  return out;
}

/** One Markdown paragraph saying how a body-selected operation travels, and which others share its path. */
export function bodySelectorNote(model: SpecModel, operation: SpecOperation): string {
  const selector = operation.bodySelector!;
  const verb = operation.method.toUpperCase();
  const field =
    selector.value === undefined ? `has the property \`${selector.property}\`` : `has \`"${selector.property}": "${selector.value}"\``;
  const others = model.operations
    .filter((other) => other !== operation && other.method === operation.method && other.wirePath === operation.wirePath)
    .map((other) => `\`${other.id}\` (body \`${selectingBody(other)}\`)`);
  return (
    `**Wire form:** \`${verb} ${operation.wirePath}\`, the call whose JSON body ${field}. ` +
    `The same method and path also serve ${others.join(" and ")}; the body field tells them apart. ` +
    `The path shown here, \`${operation.path}\`, is the spec's pseudo-path: the part from \`#\` never goes on the wire.`
  );
}

/** The other request forms the provider's servers take (`x-wire-forms`), as one sentence, or "". */
function otherWireForms(model: SpecModel): string {
  const where = { query: "in the query", form: "in an `application/x-www-form-urlencoded` body", json: "in a JSON body" } as const;
  const others = model.wireForms.requests
    .slice(1)
    .map((form) => `\`${form.method.toUpperCase()}\` with the parameters ${where[form.params]}`);
  return others.length
    ? ` The servers also take ${others.join(" and ")} (what some official clients send); the client sends the form above.`
    : "";
}

/** One Markdown paragraph saying how an RPC action travels (`x-rpc-protocol`, `x-wire-forms`). */
export function rpcWireNote(model: SpecModel, api: DocApi, operation: SpecOperation): string {
  return rpcWireForm(model, api, operation) + otherWireForms(model);
}

function rpcWireForm(model: SpecModel, api: DocApi, operation: SpecOperation): string {
  const action = operation.rpcAction!;
  const version = model.info.version ?? "";
  const verb = operation.method.toUpperCase();
  const bodyStyle = rpcStyleWithActionIn(model, "body");
  if (operation.body && bodyStyle) {
    const name = bodyStyle.action.name;
    const fields = (model.rpcProtocol?.bodyProtocol ?? []).filter((field) => field !== name).map((field) => `"${field}": "…"`);
    return (
      `**Wire form:** \`${verb}\` to the endpoint itself, with the action in the JSON body: ` +
      `\`{"${name}": "${action}", …parameters${fields.length ? `, ${fields.join(", ")}` : ""}}\`. ` +
      `The path \`${wirePath(action)}\` shown here is the same call with the action in the query string, which the gateway also accepts. ` +
      `The spec's pseudo-path \`/${action}\` never goes on the wire; the client puts the action in the body.`
    );
  }
  const header = rpcStyleWithActionIn(model, "header");
  const note = PROVIDERS[api.provider]!.headerStyleNote ?? "signature that puts the action in a header";
  const query = `\`${verb} /?Action=${action}${version ? `&Version=${version}` : ""}\``;
  const versionHeader = header?.version?.in === "header" ? header.version.name : undefined;
  return (
    `**Wire form:** ${query}` +
    (header
      ? `; with the ${note}, \`${verb} /\` with the headers \`${header.action.name}: ${action}\`${version && versionHeader ? ` and \`${versionHeader}: ${version}\`` : ""}. `
      : ". ") +
    `The spec's pseudo-path \`/${action}\` never goes on the wire; the client rewrites it.`
  );
}

/** Markdown links to the ERRATA (`../ERRATA.md`, `openapi/ERRATA.md`) point at the site's errata page. */
function linkErrata(node: unknown): void {
  if (Array.isArray(node)) node.forEach(linkErrata);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === "description" && typeof value === "string")
        (node as Json)[key] = value.replace(/\]\((?:\.{1,2}\/)*(?:openapi\/)?ERRATA\.md(#[^)]*)?\)/g, "](errata.html$1)");
      else linkErrata(value);
    }
  }
}

/** The document Redoc renders: wire paths for RPC actions, the wire form of body-selected ones, a TypeScript sample on every operation. */
export function docsDocument(source: Json, model: SpecModel, api: DocApi): Json {
  const document: Json = structuredClone(source);
  const samples = new Map(operationsOf(source).map((ref) => [`${ref.method} ${ref.path}`, codeSample(source, model, api, ref)]));
  const paths: Json = {};
  for (const [path, pathItem] of Object.entries<Json>(document.paths ?? {})) {
    let target = path;
    for (const [method, operation] of Object.entries<Json>(pathItem)) {
      const sample = samples.get(`${method} ${path}`);
      if (sample === undefined) continue;
      operation["x-codeSamples"] = [{ lang: "TypeScript", label: "cloud-disk-openapi", source: sample }];
      const spec = operationById(model, operation.operationId);
      if (spec.rpcAction) {
        const wire = wirePath(spec.rpcAction);
        if (target !== path && target !== wire) throw new Error(`docs: ${path} holds two RPC actions; one pseudo-path per action`);
        target = wire;
        operation.description = `${rpcWireNote(model, api, spec)}\n\n${operation.description ?? ""}`.trimEnd();
      } else if (spec.bodySelector) operation.description = `${bodySelectorNote(model, spec)}\n\n${operation.description ?? ""}`.trimEnd();
    }
    if (paths[target]) throw new Error(`docs: two pseudo-paths map to ${target}`);
    paths[target] = pathItem;
  }
  document.paths = paths;
  linkErrata(document);
  return document;
}
