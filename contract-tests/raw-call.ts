/**
 * The same valid call through `client.raw`: the flat parameters of a by-name call split
 * into openapi-fetch's `params.path/query/header` and `body` by the operation table,
 * plus the values a by-name client fills in (raw calls pass everything the spec asks
 * for), and a comparison of two requests as they left, minus what each signing changes.
 */
import type { OperationSpec } from "../src/core/operations/operation-table.ts";

export interface RawCapable {
  readonly operations: Readonly<Record<string, OperationSpec>>;
  readonly raw: {
    request(method: string, path: string, init: Record<string, unknown>): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  };
}

/** Calls `operationId` through `client.raw` with a by-name call's parameters plus the client-filled ones it takes. */
export function callRaw(client: unknown, operationId: string, params: Record<string, unknown>, filled: Record<string, unknown> = {}) {
  const { operations, raw } = client as RawCapable;
  const spec = operations[operationId];
  if (!spec) throw new Error(`no operation ${operationId}`);
  const takes = (name: string) =>
    [spec.pathParams, spec.queryParams, spec.headerParams, spec.bodyParams].some((names) => names.includes(name));
  const all: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(filled)) if (takes(name)) all[name] = value;
  Object.assign(all, params);
  const pick = (names: readonly string[]) => Object.fromEntries(Object.entries(all).filter(([name]) => names.includes(name)));
  const init: Record<string, unknown> = {
    params: { path: pick(spec.pathParams), query: pick(spec.queryParams), header: pick(spec.headerParams) },
  };
  if (spec.body !== "none") init.body = pick(spec.bodyParams);
  return raw.request(spec.method, spec.path, init);
}

/** Fields every signing or call makes anew (date, nonce, signature, a fresh idempotency token). */
const VOLATILE = new Set(["Signature", "SignatureNonce", "Timestamp", "ClientToken"]);
/** Headers that say where the action and the body go; the others carry the date and signature. */
const ROUTING_HEADERS = ["content-type", "x-acs-action", "x-acs-version"];

/** A request as it left, minus what differs between any two signings of it. */
export async function wireShape(request: Request) {
  const url = new URL(request.url);
  const text = await request.clone().text();
  let body: unknown = text;
  if (text.startsWith("{")) {
    const json = JSON.parse(text) as Record<string, unknown>;
    for (const name of VOLATILE) delete json[name];
    body = json;
  }
  return {
    method: request.method,
    path: url.pathname,
    query: [...url.searchParams].filter(([name]) => !VOLATILE.has(name)),
    headers: ROUTING_HEADERS.map((name) => [name, request.headers.get(name)?.toLowerCase() ?? null]),
    body,
  };
}
