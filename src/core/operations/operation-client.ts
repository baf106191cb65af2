/**
 * The operation client builder: turns a generated operation table plus a provider
 * adapter into an object with one typed method per operation (`evs.createSnapshot`),
 * a generic `invoke` and pagination. It owns the steps every provider shares:
 *
 *   validate input -> the wire request, built with openapi-fetch's serializers ->
 *   provider wire form (RPC action) -> transport (sign, timeout, retry) -> parse ->
 *   provider adapter unwraps errors -> data
 *
 * By-name calls build their wire request once with openapi-fetch's own path, query,
 * body and header helpers and go straight to the transport (no intermediate Request
 * or Response objects: the per-call cost stays close to a hand-written fetch).
 */
import { createFinalURL, createQuerySerializer, defaultPathSerializer, type QuerySerializer } from "openapi-fetch";
import {
  CloudDiskError,
  InvalidParameterError,
  UnparseableResponseError,
  codeCategoryLookup,
  type ApiError,
  type CodeCategories,
  type ErrorCategory,
  type Provider,
} from "../common/errors.ts";
import type { Logger } from "../common/logger.ts";
import type { OperationSpec, OperationTable } from "./operation-table.ts";
import type { ApiResult, ArgsWithOptions, CallOptions, MethodArgs, MethodParams, MethodResult, PageItem } from "./operation-types.ts";
import { pages, paginate, type Page, type PaginateOptions } from "./paginate.ts";
import type { Redactor } from "../common/redact.ts";
import type { Exchange } from "../http/exchange.ts";
import { createTransport, type Authenticate } from "../http/transport.ts";
import { parseRetryAfter, type RetryPolicy } from "../http/retry.ts";
import { checkParams, splitParams } from "./validate.ts";
import { brokenPromise } from "./promised-body.ts";
import { checkCallOptions } from "./call-options.ts";
import { flatBodyObject, flatQuerySerializer, type PlaceAction } from "./rpc.ts";

import { mergeWireHeaders, NOT_JSON, toHeaders, type ResponseHeaders, type WireRequest, type WireResponse } from "../http/wire.ts";
import { randomUuid } from "../common/webcrypto.ts";

/** The options `paginate` and `pages` take besides a call's own. */
const PAGINATE_OPTIONS = ["maxPages", "from"];

/** Read-only input of `mergeWireHeaders`, shared by every call with a JSON body. */
const JSON_CONTENT_TYPE: Readonly<Record<string, string>> = { "Content-Type": "application/json" };

/** What the builder needs to know about a provider's error conventions. */
export interface ProviderAdapter {
  provider: Provider;
  /** The request id of a response, from its headers or (parsed) body. */
  requestId(headers: ResponseHeaders, body: unknown): string | undefined;
  /** Turn a non-2xx answer into a typed error; `undefined` if the body is not a known error shape. */
  toError(answer: ProviderAnswer): ApiError | undefined;
  /** Some providers report failures inside a 2xx (UCloudStack `RetCode`); return the error (or why the body is not understood) if so. */
  checkSuccess?(answer: ProviderAnswer): ApiError | UnparseableResponseError | undefined;
  /** Some providers report a success as an error (Alibaba `DryRunOperation`); return the result if so. */
  resultFromError?(answer: ProviderAnswer): unknown;
  /**
   * A non-2xx answer worth retrying for a safe operation beyond the retry policy's status
   * list. Without it, an answer whose error the adapter categorises as `throttled` (Huawei
   * `APIGW.0308` in a 400, Alibaba `Throttling.*`) is retried: one rule for every provider.
   */
  isTransient?(status: number, headers: ResponseHeaders, body: unknown): boolean;
}

export interface ProviderAnswer {
  operation: string;
  status: number;
  headers: ResponseHeaders;
  body: unknown;
  requestId: string | undefined;
  /** The category the service's spec gives a provider error code (`errorCategories`); `undefined` for a code it does not document. */
  categoryOf(code: string | undefined): ErrorCategory | undefined;
  /** `Retry-After` of a non-2xx answer, in ms, when the provider sent one: for `createApiError`. */
  retryAfterMs?: number | undefined;
}

export interface OperationClientConfig<Table extends OperationTable> {
  adapter: ProviderAdapter;
  operations: Table;
  /** The service's generated `errorCategories` (code -> category, from the spec's documented errors). */
  errorCategories?: CodeCategories | undefined;
  baseUrl: string;
  /** Path parameters the client fills in on every call (`project_id`); callers cannot pass them. */
  fixedParams: Readonly<Partial<Record<string, string>>>;
  /** Parameters filled in where an operation has them and the caller did not pass them (`RegionId`). */
  defaultParams?: Readonly<Record<string, unknown>>;
  authenticate: Authenticate;
  /** How attempts go out (resolveCommonConfig). */
  exchange: Exchange;
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
  redactor: Redactor;
  /** Headers sent on every request. */
  headers?: Record<string, string>;
  /** RPC APIs: puts an operation's action where the provider expects it (query, header, JSON body). */
  placeAction?: PlaceAction;
  querySerializer?: QuerySerializer<unknown>;
  random?: () => number;
  maxResponseBytes: number;
  maxConcurrency: number;
  deadlineMs?: number | undefined;
}

/**
 * The generic surfaces of a client, typed from its by-name methods (`Methods`, one per
 * operation as `lowerCamel(operationId)`) and its operation table: `invoke` takes and
 * returns what the method does, `paginate` and `pages` yield the items the spec's
 * `x-pagination.items` path leads to.
 */
export interface OperationClientBase<Methods, Table extends OperationTable> {
  /** Calls an operation by its spec `operationId` and returns body, status and request id. */
  invoke<Id extends keyof Table & string>(operationId: Id, ...args: MethodArgs<Methods, Id>): Promise<ApiResult<MethodResult<Methods, Id>>>;
  /**
   * Iterates over every item of a paginated list operation, following the
   * provider's next-page links. Stop early with `break` or `options.signal`;
   * `options.from` resumes after a page of an earlier walk (its `next`).
   */
  paginate<Id extends PaginatedIds<Table>>(
    operationId: Id,
    ...args: ArgsWithOptions<MethodParams<Methods, Id>, PaginateOptions>
  ): AsyncGenerator<ItemOf<Methods, Table, Id>, void, undefined>;
  /**
   * The same walk page by page: each page's items, body, request id, total (where the
   * provider gives one) and `next`, the `from` that resumes after it.
   */
  pages<Id extends PaginatedIds<Table>>(
    operationId: Id,
    ...args: ArgsWithOptions<MethodParams<Methods, Id>, PaginateOptions>
  ): AsyncGenerator<Page<ItemOf<Methods, Table, Id>, MethodResult<Methods, Id>>, void, undefined>;
  /** The operation table this client was built from. */
  readonly operations: Table;
}

export type PaginatedIds<Table extends OperationTable> = {
  [Id in keyof Table & string]: Table[Id]["pagination"] extends object ? Id : never;
}[keyof Table & string];

/** The item type of a paginated operation: its result at the table's `pagination.items` path. */
export type ItemOf<Methods, Table extends OperationTable, Id extends keyof Table> = Table[Id]["pagination"] extends {
  readonly items: infer ItemsPath extends string;
}
  ? PageItem<MethodResult<Methods, Id & string>, ItemsPath>
  : never;

/** A client: its by-name methods (`Methods`, as the provider types them) and the generic surfaces typed from them. */
export type OperationClient<Methods, Table extends OperationTable> = OperationClientBase<Methods, Table> & Methods;

/**
 * Builds a client over an operation table. `Methods` is the by-name method map the
 * provider declares (`ProviderMethods` in provider.ts); the methods are made here from the table.
 */
export function createOperationClient<Methods, Table extends OperationTable>(
  config: OperationClientConfig<Table>,
): OperationClient<Methods, Table> {
  const { adapter, operations, redactor } = config;
  const provider = adapter.provider;
  const categoryOf = codeCategoryLookup(config.errorCategories);
  // A 2xx is asked about only where the provider reports failures inside one (UCloudStack RetCode 165, "too many requests").
  const isThrottled = (status: number, headers: ResponseHeaders, body: unknown) => {
    const answer: ProviderAnswer = { operation: "", status, headers, body, requestId: undefined, categoryOf };
    const error = status < 300 ? adapter.checkSuccess?.(answer) : adapter.toError(answer);
    return (error as ApiError | undefined)?.category === "throttled";
  };
  const transport = createTransport({
    ...config,
    provider,
    isTransient: adapter.isTransient ?? isThrottled,
    transientIn2xx: adapter.checkSuccess !== undefined,
  });
  const defaultQuerySerializer = config.querySerializer ?? createQuerySerializer();
  /** `https://ecs.cn-hangzhou.aliyuncs.com` + `/`, or `https://console.example/api` as it is. */
  const rpcPathname = new URL(config.baseUrl).pathname === "/" ? "/" : "";
  /** What every call of one operation shares, worked out on its first call. */
  interface Prepared {
    /** The client's default parameters this operation takes. */
    defaults: Array<[string, unknown]>;
    querySerializer: (query: Record<string, unknown>) => string;
    /** RPC bodies stay an object until signed (the wire form and signature still add fields); others are serialized now. */
    body: (body: Record<string, unknown>) => WireRequest["body"];
  }
  const preparedByOperation = new Map<string, Prepared>();
  function prepare(operationId: string, spec: OperationSpec): Prepared {
    let prepared = preparedByOperation.get(operationId);
    if (!prepared) {
      const takes = (name: string) =>
        spec.pathParams.includes(name) ||
        spec.queryParams.includes(name) ||
        spec.headerParams.includes(name) ||
        spec.bodyParams.includes(name);
      prepared = {
        defaults: Object.entries(config.defaultParams ?? {}).filter(([name]) => takes(name)),
        querySerializer:
          spec.flatIndexed || spec.rpcAction
            ? flatQuerySerializer(spec.flatIndexed)
            : (defaultQuerySerializer as (query: Record<string, unknown>) => string),
        body: spec.flatIndexed || spec.rpcAction ? flatBodyObject(spec.flatIndexed) : (body) => JSON.stringify(body),
      };
      preparedByOperation.set(operationId, prepared);
    }
    return prepared;
  }

  async function invoke(operationId: string, params: Record<string, unknown> = {}, options: CallOptions = {}): Promise<ApiResult<unknown>> {
    const spec = operations[operationId];
    if (!spec) throw new CloudDiskError(`unknown operation '${operationId}'`, { provider });
    if (params === null || typeof params !== "object" || Array.isArray(params))
      throw new InvalidParameterError("params", "must be an object", { provider, operation: operationId });
    const prepared = prepare(operationId, spec);
    // Defaults first (so `RegionId` leads the query, as in the provider's docs), then the caller's values.
    const filled: Record<string, unknown> = {};
    for (const [name, value] of prepared.defaults) filled[name] = value;
    for (const name of Object.keys(params)) {
      const value = params[name];
      if (value !== undefined) filled[name] = value;
    }
    // One idempotency token per logical call, reused by every retry of it. `null` or "" would
    // send no token (or an empty one) and a resent create could then make two resources.
    if (spec.clientToken && (filled[spec.clientToken] == null || filled[spec.clientToken] === "")) filled[spec.clientToken] = randomUuid();
    const split = splitParams(operationId, spec, filled, config.fixedParams, provider);
    checkParams(operationId, spec, filled, provider);
    checkCallOptions(options, operationId, provider);

    // RPC actions all go to the endpoint itself; the pseudo-path only names the action.
    const pathname = spec.rpcAction ? rpcPathname : spec.path;
    // Without path parameters there is nothing to fill in (and no template to scan the URL for).
    const path = spec.pathParams.length > 0 ? split.path : undefined;
    const url = createFinalURL(pathname, {
      baseUrl: config.baseUrl,
      params: { path, query: split.query },
      querySerializer: prepared.querySerializer,
      pathSerializer: defaultPathSerializer,
    });
    const body = split.body === undefined ? undefined : prepared.body(split.body);
    const headers = mergeWireHeaders(
      split.body === undefined ? undefined : JSON_CONTENT_TYPE,
      config.headers,
      split.header,
      options.headers,
    );
    // The unsigned request every attempt signs afresh; placing the action makes a new one.
    const built: WireRequest = { method: spec.method.toUpperCase(), url, headers, body };
    const wire = spec.rpcAction && config.placeAction ? config.placeAction(built, spec.rpcAction) : built;
    const sent = await transport.send(wire, {
      operation: operationId,
      retrySafe: spec.retrySafe,
      timeoutMs: options.timeoutMs,
      deadlineMs: options.deadlineMs,
      signal: options.signal,
      answers3xx: spec.answers3xx,
    });
    return interpret(operationId, sent);
  }

  function interpret(operation: string, response: WireResponse): ApiResult<unknown> {
    const { status, headers, text, body } = response;
    const requestId = adapter.requestId(headers, body);
    const answer: ProviderAnswer = { operation, status, headers, body, requestId, categoryOf };
    // The `Headers` a result shows is made only if someone reads it (by-name methods return `data` alone).
    let shown: Headers | undefined;
    const result = (data: unknown): ApiResult<unknown> => ({
      data,
      status,
      requestId,
      get headers() {
        shown ??= toHeaders(headers);
        return shown;
      },
    });

    if (body === NOT_JSON) throw notJson(operation, status, text, requestId);
    if ((status >= 200 && status < 300) || operations[operation]?.answers3xx?.includes(status)) {
      if (adapter.checkSuccess?.(answer)) throw adapter.checkSuccess(scrubbed(answer));
      const missing = brokenPromise(operations[operation]?.returns, body);
      if (missing)
        throw new UnparseableResponseError(`${provider} ${operation}: HTTP ${status} with ${missing}`, redactor.scrub(text), {
          provider,
          operation,
          status,
          requestId,
        });
      return result(body);
    }
    const fromError = adapter.resultFromError?.(answer);
    if (fromError !== undefined) return result(fromError);
    const apiError = adapter.toError({ ...scrubbed(answer), retryAfterMs: parseRetryAfter(headers.get("retry-after"), Date.now()) });
    if (apiError) throw apiError;
    throw new UnparseableResponseError(
      `${provider} ${operation}: HTTP ${status} with an error body of unknown shape`,
      redactor.scrub(text),
      { provider, operation, status, requestId, body: redactor.scrubValue(body) },
    );
  }

  /** A body that is not JSON, as by-name and raw calls report it. */
  function notJson(operation: string, status: number, text: string, requestId?: string): UnparseableResponseError {
    const kind = /^\s*</.test(text) ? "an HTML/XML page" : "a body that is not valid JSON";
    return new UnparseableResponseError(`${provider} ${operation}: HTTP ${status} with ${kind}`, redactor.scrub(text), {
      provider,
      operation,
      status,
      requestId,
    });
  }

  /**
   * A successful body is the caller's own data and is returned as it came. Anything
   * that ends up in an error is scrubbed of this client's secrets first.
   */
  function scrubbed(answer: ProviderAnswer): ProviderAnswer {
    return { ...answer, body: redactor.scrubValue(answer.body) };
  }

  /** The arguments of the one pagination loop, for `paginate` and `pages` alike. */
  const walk = (operationId: string, params: Record<string, unknown> = {}, options: PaginateOptions = {}) =>
    [
      operationId,
      operations[operationId],
      params,
      checkCallOptions(options, operationId, provider, PAGINATE_OPTIONS)!,
      (p: Record<string, unknown>, o: CallOptions) => invoke(operationId, p, o),
      provider,
    ] as const;
  const client = {
    invoke,
    paginate: (...args: Parameters<typeof walk>) => paginate(...walk(...args)),
    pages: (...args: Parameters<typeof walk>) => pages(...walk(...args)),
    operations,
  } as Record<string, unknown>;

  for (const operationId of Object.keys(operations)) {
    const method = operationId.charAt(0).toLowerCase() + operationId.slice(1);
    // Not an async function of its own: one promise less per call.
    client[method] = (params?: Record<string, unknown>, options?: CallOptions) => invoke(operationId, params, options).then(dataOf);
  }
  // The one place the dynamic object meets its static type: the loop above made one method per table row.
  return client as OperationClient<Methods, Table>;
}

function dataOf(result: ApiResult<unknown>): unknown {
  return result.data;
}
