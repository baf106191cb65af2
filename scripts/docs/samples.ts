/**
 * One TypeScript sample per operation, calling it through the package's client:
 * the import, the factory with a config, and `client.<lowerCamel(operationId)>(params)`
 * with params taken from the spec (path parameters, required query/header
 * parameters, the first request-body example; for list calls a couple of
 * optional filters), minus what the client fills itself (the spec's `x-client-param`s:
 * project_id, RegionId, Region/Zone) and the idempotency token (`x-client-token`).
 * Paginated operations also show `client.paginate(...)`.
 * The same function feeds the docs build (x-codeSamples) and
 * scripts/check-doc-samples.ts (which type-checks every sample).
 */
import { operationById, type SpecModel } from "../lib/spec-reader.ts";
import { bundleApi, deref, operationsOf, PROVIDERS, readApi, type DocApi, type Json, type OperationRef } from "./apis.ts";

export interface CodeSample {
  api: string;
  operationId: string;
  method: string;
  /** The spec's own path (pseudo-path for RPC actions). */
  path: string;
  source: string;
}

/** `CreateSnapshot` -> `createSnapshot` (the client's method name). */
export function lowerCamel(operationId: string): string {
  return operationId.charAt(0).toLowerCase() + operationId.slice(1);
}

/** The first example a parameter or schema documents, or a placeholder of the right type. */
function exampleOf(document: Json, holder: Json | undefined, fallbackName: string): unknown {
  if (!holder) return `<${fallbackName}>`;
  if (holder.example !== undefined) return holder.example;
  if (holder.examples && !Array.isArray(holder.examples)) {
    const first = Object.values<Json>(holder.examples)[0];
    if (first) return deref(document, first).value;
  }
  const schema = holder.schema ? deref(document, holder.schema) : holder;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== "null") : schema.type;
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return false;
  if (type === "array") return [exampleOf(document, schema.items ? deref(document, schema.items) : undefined, fallbackName)];
  if (type === "object" || schema.properties) {
    const out: Json = {};
    for (const key of schema.required ?? []) out[key] = exampleOf(document, deref(document, schema.properties?.[key] ?? {}), key);
    return out;
  }
  return `<${fallbackName}>`;
}

/** Has a documented example (on the parameter or its schema). */
function hasExample(document: Json, parameter: Json): boolean {
  const schema = parameter.schema ? deref(document, parameter.schema) : {};
  return (
    parameter.example !== undefined ||
    (parameter.examples && Object.keys(parameter.examples).length > 0) ||
    schema.example !== undefined ||
    (schema.examples?.length ?? 0) > 0
  );
}

function requestBodyExample(document: Json, operation: Json): Json | undefined {
  if (!operation.requestBody) return undefined;
  const media = deref(document, operation.requestBody).content?.["application/json"];
  if (!media) return undefined;
  const value = exampleOf(document, media, "body");
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}

function parametersOf(document: Json, ref: OperationRef): Json[] {
  const all = [...(ref.pathItem.parameters ?? []), ...(ref.operation.parameters ?? [])].map((p) => deref<Json>(document, p));
  // An operation-level parameter overrides a path-level one of the same name and location.
  return all.filter((p, index) => !all.slice(index + 1).some((q) => q.name === p.name && q.in === p.in));
}

/** The flat parameter object a user passes, and the subset that makes sense for `paginate`. */
export function sampleParams(document: Json, model: SpecModel, ref: OperationRef): { params: Json; paginateParams: Json | undefined } {
  const { operation } = ref;
  const spec = operationById(model, operation.operationId);
  const pagination = spec.pagination;
  const pagingNames = new Set<string>(
    !pagination
      ? []
      : pagination.style === "offset"
        ? [pagination.offset, pagination.limit]
        : pagination.style === "page"
          ? [pagination.page, pagination.size]
          : [pagination.cursor],
  );
  const skip = new Set<string>([...Object.keys(model.clientParams), ...(spec.clientToken ? [spec.clientToken] : [])]);
  const parameters = parametersOf(document, ref).filter((p) => p.in !== "cookie" && !skip.has(p.name) && !p.deprecated);

  const params: Json = {};
  for (const p of parameters.filter((p) => p.in === "path" || p.required)) params[p.name] = exampleOf(document, p, p.name);
  const body = requestBodyExample(document, operation);
  for (const [key, value] of Object.entries(body ?? {})) if (!skip.has(key)) params[key] = value;
  // A call that needs nothing (a list): show up to two optional filters the spec gives examples for.
  if (Object.keys(params).length === 0) {
    const filters = parameters
      .filter((p) => p.in === "query" && !pagingNames.has(p.name) && hasExample(document, p))
      .filter((p) => {
        const schema = p.schema ? deref(document, p.schema) : {};
        return schema.type !== "integer" && schema.type !== "number" && schema.type !== "boolean";
      });
    for (const p of filters.slice(0, 2)) params[p.name] = exampleOf(document, p, p.name);
  }
  const paginateParams = pagination ? Object.fromEntries(Object.entries(params).filter(([key]) => !pagingNames.has(key))) : undefined;
  return { params, paginateParams };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JSON value as a TypeScript literal: unquoted keys where possible, short objects on one line. */
export function tsLiteral(value: unknown, indent = ""): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") return value.includes('"') && !/['\\\n]/.test(value) ? `'${value}'` : JSON.stringify(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => tsLiteral(item, inner));
    const flat = `[${items.join(", ")}]`;
    return flat.length + indent.length <= 64 && !flat.includes("\n")
      ? flat
      : `[\n${items.map((item) => `${inner}${item},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Json);
  if (entries.length === 0) return "{}";
  const parts = entries.map(([key, item]) => `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${tsLiteral(item, inner)}`);
  const flat = `{ ${parts.join(", ")} }`;
  return flat.length + indent.length <= 64 && !flat.includes("\n")
    ? flat
    : `{\n${parts.map((part) => `${inner}${part},`).join("\n")}\n${indent}}`;
}

function indentLines(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => (line ? prefix + line : line))
    .join("\n");
}

function hasResponseBody(document: Json, operation: Json): boolean {
  return Object.entries<Json>(operation.responses ?? {}).some(
    ([status, response]) => /^2\d\d$/.test(status) && Object.keys(deref(document, response).content ?? {}).length > 0,
  );
}

/** The TypeScript source calling one operation through the package's client. */
export function codeSample(document: Json, model: SpecModel, api: DocApi, ref: OperationRef): string {
  const operationId: string = ref.operation.operationId;
  if (!operationId) throw new Error(`docs: ${ref.method.toUpperCase()} ${ref.path} has no operationId`);
  const options = new Set(Object.values(model.clientParams).map((param) => param.option));
  const { params, paginateParams } = sampleParams(document, model, ref);
  const client = api.clientVariable;
  const args = Object.keys(params).length ? tsLiteral(params) : "";
  const call = `${client}.${lowerCamel(operationId)}(${args})`;
  const lines = [
    `import { ${api.factory} } from "${api.importPath}";`,
    "",
    `const ${client} = ${api.factory}({`,
    indentLines(PROVIDERS[api.provider]!.config({ options }), "  "),
    "});",
    "",
    ...(hasResponseBody(document, ref.operation) ? [`const result = await ${call};`, "console.log(result);"] : [`await ${call};`]),
  ];
  if (paginateParams) {
    const pageArgs = Object.keys(paginateParams).length ? `, ${tsLiteral(paginateParams)}` : "";
    lines.push(
      "",
      "// Every item of every page:",
      `for await (const item of ${client}.paginate("${operationId}"${pageArgs})) {`,
      "  console.log(item);",
      "}",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Every operation's sample for a bundled document. */
export function samplesOf(document: Json, model: SpecModel, api: DocApi): CodeSample[] {
  return operationsOf(document).map((ref) => ({
    api: api.name,
    operationId: ref.operation.operationId,
    method: ref.method,
    path: ref.path,
    source: codeSample(document, model, api, ref),
  }));
}

/** Bundles the API and returns its samples (for the sample type check, no site build needed). */
export async function docSamples(api: DocApi): Promise<CodeSample[]> {
  return samplesOf(await bundleApi(api), await readApi(api), api);
}
