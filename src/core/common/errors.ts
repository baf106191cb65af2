/**
 * One error hierarchy for every provider.
 *
 * - `CloudDiskError` is the root: anything this library throws on purpose.
 * - `ApiError` and its subclasses: the provider answered and said no. They carry
 *   provider, operation, HTTP status, the provider's own error code, its message,
 *   the request id and the (already parsed) body.
 * - Client-side failures have their own classes: bad input, bad configuration,
 *   network, timeout, abort, and a response that could not be understood.
 *
 * Errors never hold a secret: they are built from redacted material only, and the
 * client scrubs every string that reaches them (see redact.ts). `toJSON` lists the
 * same fields `util.inspect` shows, so logging an error is always safe.
 */

export type Provider = "huawei" | "alibaba" | "ucloudstack";

/**
 * The buckets every provider's error codes are mapped onto (the specs' error-code
 * catalogs use these names; scripts/lib/error-codes.ts refuses any other).
 */
export const ERROR_CATEGORIES = [
  "bad-request",
  "authentication",
  "permission",
  "not-found",
  "invalid-state",
  "quota",
  "throttled",
  "server",
  "unknown",
] as const;

export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

interface CloudDiskErrorOptions {
  provider?: Provider | undefined;
  operation?: string | undefined;
  cause?: unknown;
}

export class CloudDiskError extends Error {
  override name = "CloudDiskError";
  readonly provider: Provider | undefined;
  readonly operation: string | undefined;

  constructor(message: string, options: CloudDiskErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.provider = options.provider;
    this.operation = options.operation;
  }

  /** Plain, secret-free fields: what `JSON.stringify(error)` shows. */
  toJSON(): Record<string, unknown> {
    const plain: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined && key !== "cause") plain[key] = value;
    }
    return plain;
  }
}

/** A caller's argument is wrong; nothing was sent. `field` names it. */
export class InvalidParameterError extends CloudDiskError {
  override name = "InvalidParameterError";
  readonly field: string;
  constructor(field: string, problem: string, options: CloudDiskErrorOptions = {}) {
    super(`${options.operation ? `${options.operation}: ` : ""}parameter '${field}' ${problem}`, options);
    this.field = field;
  }
}

/** A client factory was given an unusable configuration. `option` names it. */
export class ConfigurationError extends CloudDiskError {
  override name = "ConfigurationError";
  readonly option: string;
  constructor(option: string, problem: string, options: CloudDiskErrorOptions = {}) {
    super(`option '${option}' ${problem}`, options);
    this.option = option;
  }
}

/** The request never got an HTTP answer: DNS, refused or reset connection, body cut off. */
export class NetworkError extends CloudDiskError {
  override name = "NetworkError";
  readonly attempts: number;
  constructor(message: string, attempts: number, options: CloudDiskErrorOptions = {}) {
    super(message, options);
    this.attempts = attempts;
  }
}

/** No complete answer within `timeoutMs` (per attempt). */
export class TimeoutError extends CloudDiskError {
  override name = "TimeoutError";
  readonly timeoutMs: number;
  readonly attempts: number;
  constructor(timeoutMs: number, attempts: number, options: CloudDiskErrorOptions = {}) {
    super(`no complete response within ${timeoutMs} ms (attempt ${attempts})`, options);
    this.timeoutMs = timeoutMs;
    this.attempts = attempts;
  }
}

/** The caller's AbortSignal fired. */
export class AbortedError extends CloudDiskError {
  override name = "AbortedError";
}

/** The call's total deadline (`deadlineMs`, all attempts and retry waits together) passed. */
export class DeadlineExceededError extends CloudDiskError {
  override name = "DeadlineExceededError";
  readonly deadlineMs: number;
  readonly attempts: number;
  constructor(deadlineMs: number, attempts: number, options: CloudDiskErrorOptions = {}) {
    super(`the call did not complete within its deadline of ${deadlineMs} ms (${attempts} attempt${attempts === 1 ? "" : "s"})`, options);
    this.deadlineMs = deadlineMs;
    this.attempts = attempts;
  }
}

/**
 * The endpoint answered with a redirect (3xx with a `Location`). Redirects are never
 * followed: following one would re-send credentials or a signed body to another host,
 * or turn a write into a GET. `location` is the target as sent (redacted).
 */
export class RedirectError extends CloudDiskError {
  override name = "RedirectError";
  readonly status: number;
  readonly location: string | undefined;
  constructor(message: string, status: number, location: string | undefined, options: CloudDiskErrorOptions = {}) {
    super(message, options);
    this.status = status;
    this.location = location;
  }
}

/** A response body was larger than `maxResponseBytes` (counted while reading, after decompression); reading stopped there. */
export class ResponseTooLargeError extends CloudDiskError {
  override name = "ResponseTooLargeError";
  readonly status: number;
  readonly limitBytes: number;
  constructor(status: number, limitBytes: number, options: CloudDiskErrorOptions = {}) {
    super(`the response body (HTTP ${status}) is larger than maxResponseBytes (${limitBytes} bytes); reading stopped`, options);
    this.status = status;
    this.limitBytes = limitBytes;
  }
}

/** Why a pagination walk could not be completed honestly. */
export type PaginationFailure =
  /** The service announced a cursor it had handed out before: following it would repeat pages. Nothing repeated was yielded. */
  | "cursor-cycle"
  /** A page repeated items already yielded (offset paging: the page before; cursor paging: a page began with an earlier page's first item). Stopped before yielding it. */
  | "repeated-page"
  /** A page had no items list (or its total, or its next-page link, could not be read) though the spec promises one. */
  | "malformed-page"
  /** The total count changed while paging by offset (items were added or removed): items may be missing or repeated. */
  | "total-changed"
  /** An offset page came back empty before the announced total was reached. */
  | "short-of-total"
  /** `maxPages` pages were read and the service still announced more; `next` says where to go on. */
  | "page-limit";

interface PaginationErrorOptions extends CloudDiskErrorOptions {
  /** Where the walk would have gone next (`page-limit`): the cursor, or the offset. */
  next?: string | number | undefined;
}

/**
 * A pagination walk stopped before it could be completed without items missing or
 * repeated. Items already yielded stay yielded (none of them twice); `pages` and
 * `items` say how far it got.
 */
export class PaginationError extends CloudDiskError {
  override name = "PaginationError";
  readonly reason: PaginationFailure;
  /** Pages read so far. */
  readonly pages: number;
  /** Items yielded so far. */
  readonly items: number;
  /**
   * With `page-limit`: the cursor (or offset) the next page would have been asked
   * with. Pass it as the operation's cursor (or offset) parameter to go on from there.
   */
  readonly next: string | number | undefined;
  constructor(message: string, reason: PaginationFailure, pages: number, items: number, options: PaginationErrorOptions = {}) {
    super(message, options);
    this.reason = reason;
    this.pages = pages;
    this.items = items;
    this.next = options.next;
  }
}

interface ResponseErrorOptions extends CloudDiskErrorOptions {
  status: number;
  requestId?: string | undefined;
  body?: unknown;
}

/** An HTTP answer arrived but is not what the API defines (HTML gateway page, truncated JSON, ...). */
export class UnparseableResponseError extends CloudDiskError {
  override name = "UnparseableResponseError";
  readonly status: number;
  readonly requestId: string | undefined;
  /** The first 512 characters of the body, for diagnosis. */
  readonly bodySnippet: string;
  constructor(message: string, snippet: string, options: ResponseErrorOptions) {
    super(message, options);
    this.status = options.status;
    this.requestId = options.requestId;
    this.bodySnippet = snippet.slice(0, 512);
  }
}

export interface ApiErrorDetails {
  provider: Provider;
  operation: string;
  status: number;
  /** The provider's own error code (`EVS.5404`, `InvalidDiskId.NotFound`, `2501`). */
  code: string | undefined;
  message: string;
  requestId: string | undefined;
  category: ErrorCategory;
  /** The parsed error body as the provider sent it (scrubbed of this client's secrets). */
  body: unknown;
  /** How long the provider asked to wait (`Retry-After`), when it said. */
  retryAfterMs?: number | undefined;
}

/** The provider answered with an error. Subclasses name the category. */
export class ApiError extends CloudDiskError {
  override name = "ApiError";
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly category: ErrorCategory;
  readonly body: unknown;
  /** How long the provider asked to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails) {
    const code = details.code ? ` ${details.code}` : "";
    const id = details.requestId ? ` (request id ${details.requestId})` : "";
    super(`${details.provider} ${details.operation} failed: HTTP ${details.status}${code}: ${details.message}${id}`, details);
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.category = details.category;
    this.body = details.body;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** The resource exists but its state forbids the operation (volume in use, snapshot creating...). */
export class InvalidStateError extends ApiError {
  override name = "InvalidStateError";
}
export class QuotaExceededError extends ApiError {
  override name = "QuotaExceededError";
}
export class ThrottledError extends ApiError {
  override name = "ThrottledError";
}
export class ServerError extends ApiError {
  override name = "ServerError";
}

const classByCategory: Record<ErrorCategory, new (details: ApiErrorDetails) => ApiError> = {
  "bad-request": BadRequestError,
  authentication: AuthenticationError,
  permission: PermissionDeniedError,
  "not-found": NotFoundError,
  "invalid-state": InvalidStateError,
  quota: QuotaExceededError,
  throttled: ThrottledError,
  server: ServerError,
  unknown: ApiError,
};

/** The one factory every provider goes through (cf. openai-node's `APIError.generate`). */
export function createApiError(details: ApiErrorDetails): ApiError {
  return new classByCategory[details.category](details);
}

/**
 * A service's generated `errorCategories` (category -> space-joined provider codes, from the
 * spec's documented errors) as a lookup: the category of a code, or `undefined` for a code the
 * spec does not document (the adapter then falls back on what the answer says otherwise).
 */
export type CodeCategories = Readonly<Partial<Record<ErrorCategory, string>>>;

export function codeCategoryLookup(table: CodeCategories = {}): (code: string | undefined) => ErrorCategory | undefined {
  const byCode = new Map<string, ErrorCategory>();
  for (const [category, codes] of Object.entries(table) as Array<[ErrorCategory, string]>)
    for (const code of codes.split(" ")) byCode.set(code, category);
  return (code) => (code === undefined ? undefined : byCode.get(code));
}

/** Category from the HTTP status alone: the fallback when a provider code says nothing more. */
export function categoryFromStatus(status: number): ErrorCategory {
  if (status === 400 || status === 422) return "bad-request";
  if (status === 401) return "authentication";
  if (status === 403) return "permission";
  if (status === 404) return "not-found";
  if (status === 409) return "invalid-state";
  if (status === 413) return "quota";
  if (status === 429) return "throttled";
  if (status >= 500) return "server";
  return "unknown";
}

/** Works across realms and bundler copies, unlike a bare `instanceof` (cf. ky's type guards). */
export function isCloudDiskError(value: unknown): value is CloudDiskError {
  return (
    value instanceof CloudDiskError ||
    (value instanceof Error && typeof (value as { toJSON?: unknown }).toJSON === "function" && "provider" in value && "operation" in value)
  );
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || (isCloudDiskError(value) && "status" in value && "category" in value && "code" in value);
}
