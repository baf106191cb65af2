/**
 * `client.raw`: the openapi-fetch client (paths typed from the spec) on the same request
 * path as by-name calls. Each call finds its operation in the table by method and spec
 * path, then hands openapi-fetch that operation's own query and body serializers
 * (flat-indexed RPC lists, `Disk.1.DiskId`, `SnapshotIDs.0`) and a fetch that sends
 * through the shared transport with the operation's `retrySafe` (signing, timeout,
 * retries, redirects, size limit, deadline, concurrency). RPC actions are placed by a
 * first middleware, before any of the caller's, as by-name calls place them.
 *
 * What stays openapi-fetch's: the `{ data, error, response }` result (an API error is
 * the answer's body in `error`, not a thrown error), and the input is not checked
 * against the spec, so a raw call can send what a by-name call refuses.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { CloudDiskError } from "../shared/errors.ts";
import type { OperationSpec, OperationTable } from "./operation-table.ts";
import { rpcWireMiddleware, type PlaceAction } from "./rpc.ts";
import type { AttemptContext, Transport } from "../http/transport.ts";
import { randomUuid } from "../shared/webcrypto.ts";
import { responseText, wireFromRequest } from "../http/wire.ts";

/** The per-operation pieces by-name calls use, as the operation client prepares them. */
export interface RawOperationSerializers {
  querySerializer: (query: Record<string, unknown>) => string;
  /** The JSON body text as by-name calls would send it (before the action is placed and the request signed). */
  bodySerializer: (body: Record<string, unknown>) => string;
}

export interface RawClientConfig {
  operations: OperationTable;
  baseUrl: string;
  headers?: Record<string, string> | undefined;
  transport: Transport;
  /** The error a by-name call throws for a body that is not JSON. */
  notJson(operation: string, status: number, text: string): CloudDiskError;
  serializersFor(operationId: string, spec: OperationSpec): RawOperationSerializers;
  placeAction?: PlaceAction | undefined;
  middleware?: Middleware[] | undefined;
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type RawInit = {
  params?: { query?: Record<string, unknown>; [place: string]: unknown };
  body?: unknown;
  parseAs?: string;
  [option: string]: unknown;
};

export function createRawClient<Paths extends {}>(config: RawClientConfig): Client<Paths> {
  const { operations, transport } = config;
  const byRoute = new Map<string, [string, OperationSpec]>();
  for (const [id, spec] of Object.entries(operations)) byRoute.set(`${spec.method.toUpperCase()} ${spec.path}`, [id, spec]);

  /** Sends openapi-fetch's request through the transport; what comes back is a `Response` again for openapi-fetch to parse. */
  async function send(request: Request, context: AttemptContext, parseAs: string | undefined): Promise<Response> {
    const sent = await transport.send(await wireFromRequest(request), { ...context, signal: request.signal });
    const { status } = sent;
    // openapi-fetch would throw a bare SyntaxError here; by-name calls throw this typed error.
    if (status >= 200 && status < 300 && (parseAs ?? "json") === "json") {
      const text = responseText(sent);
      if (text.trim() !== "" && !isJson(text)) throw config.notJson(context.operation, status, text);
    }
    return new Response(sent.bytes as BodyInit | null, { status, statusText: sent.statusText, headers: sent.headers });
  }

  const inner = createClient<Paths>({
    baseUrl: config.baseUrl,
    ...(config.headers ? { headers: config.headers } : {}),
    // Only a path the spec does not have lands here (the typed paths all do): sent as conservatively as its method allows.
    fetch: (request) =>
      send(request, { operation: `${request.method} ${request.url}`, retrySafe: isSafeMethod(request.method) }, undefined),
  });
  if (config.placeAction) inner.use(rpcWireMiddleware(operations, config.placeAction));
  if (config.middleware?.length) inner.use(...config.middleware);

  /** The operation's serializers and the transport, for one call; a serializer the caller passes for this call still wins. */
  function onOperation(method: string, path: string, init: RawInit = {}): RawInit {
    const found = byRoute.get(`${method} ${path}`);
    if (!found) return init;
    const [operationId, spec] = found;
    const serializers = config.serializersFor(operationId, spec);
    return {
      querySerializer: serializers.querySerializer,
      bodySerializer: serializers.bodySerializer,
      ...withClientToken(spec, init),
      fetch: (request: Request) => send(request, { operation: operationId, retrySafe: spec.retrySafe }, init.parseAs),
    };
  }

  // Every method funnels into `request`, where the operation is found.
  const request = (method: string, path: string, init?: RawInit) =>
    inner.request(method as never, path as never, onOperation(method.toUpperCase(), path, init) as never);
  const raw: Record<string, unknown> = { use: inner.use, eject: inner.eject, request };
  for (const method of METHODS) raw[method] = (path: string, init?: RawInit) => request(method, path, init);
  return raw as unknown as Client<Paths>;
}

/**
 * An operation that is retried because it carries an idempotency token gets one here
 * when the caller left it out, as by-name calls do: a resent create must not make two resources.
 */
function withClientToken(spec: OperationSpec, init: RawInit): RawInit {
  const token = spec.clientToken;
  if (!token) return init;
  const query = init.params?.query;
  if (spec.queryParams.includes(token) && (query?.[token] == null || query[token] === ""))
    return { ...init, params: { ...init.params, query: { ...query, [token]: randomUuid() } } };
  const body = init.body as Record<string, unknown> | undefined;
  if (spec.bodyParams.includes(token) && (body?.[token] == null || body[token] === ""))
    return { ...init, body: { ...body, [token]: randomUuid() } };
  return init;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}
