/**
 * The docs-only view of a bundled spec (redocly.yaml and the specs stay as they
 * are, so openapi-typescript and the mocks see the pseudo-paths):
 *  1. RPC actions (`x-rpc-action`) move from their pseudo-path `/ResetDisks` to the
 *     wire form `/?Action=ResetDisks`, and their description starts with how the
 *     action really travels (query `Action=`, a header such as `x-acs-action`, or
 *     the JSON body's `"Action"`);
 *  2. every operation gets `x-codeSamples` with a TypeScript call through our client.
 */
import { operationById, rpcStyleWithActionIn, type SpecModel, type SpecOperation } from "../lib/spec-reader.ts";
import { operationsOf, PROVIDERS, type DocApi, type Json } from "./apis.ts";
import { codeSample } from "./samples.ts";

/** `/?Action=ResetDisks`: the path (relative to the server URL) an RPC action really has. */
export function wirePath(action: string): string {
  return `/?Action=${action}`;
}

/** The display path of every operation: `{operationId: path}` (wire form for RPC actions). */
export function wirePaths(model: SpecModel): Record<string, { method: string; path: string; rpcAction?: string }> {
  const out: Record<string, { method: string; path: string; rpcAction?: string }> = {};
  for (const { id, path, method, rpcAction } of model.operations)
    out[id] = rpcAction ? { method, path: wirePath(rpcAction), rpcAction } : { method, path };
  return out;
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

/** The document Redoc renders: wire paths for RPC actions, a TypeScript sample on every operation. */
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
      }
    }
    if (paths[target]) throw new Error(`docs: two pseudo-paths map to ${target}`);
    paths[target] = pathItem;
  }
  document.paths = paths;
  linkErrata(document);
  return document;
}
