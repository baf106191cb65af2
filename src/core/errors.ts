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

/** The buckets every provider's error codes are mapped onto. */
export type ErrorCategory =
  | "bad-request"
  | "authentication"
  | "permission"
  | "not-found"
  | "invalid-state"
  | "quota"
  | "throttled"
  | "server"
  | "unknown";

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
}

/** The provider answered with an error. Subclasses name the category. */
export class ApiError extends CloudDiskError {
  override name = "ApiError";
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly category: ErrorCategory;
  readonly body: unknown;

  constructor(details: ApiErrorDetails) {
    const code = details.code ? ` ${details.code}` : "";
    const id = details.requestId ? ` (request id ${details.requestId})` : "";
    super(`${details.provider} ${details.operation} failed: HTTP ${details.status}${code}: ${details.message}${id}`, details);
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.category = details.category;
    this.body = details.body;
  }
}

export class BadRequestError extends ApiError { override name = "BadRequestError"; }
export class AuthenticationError extends ApiError { override name = "AuthenticationError"; }
export class PermissionDeniedError extends ApiError { override name = "PermissionDeniedError"; }
export class NotFoundError extends ApiError { override name = "NotFoundError"; }
/** The resource exists but its state forbids the operation (volume in use, snapshot creating...). */
export class InvalidStateError extends ApiError { override name = "InvalidStateError"; }
export class QuotaExceededError extends ApiError { override name = "QuotaExceededError"; }
export class ThrottledError extends ApiError { override name = "ThrottledError"; }
export class ServerError extends ApiError { override name = "ServerError"; }

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
  return value instanceof CloudDiskError || (value instanceof Error && typeof (value as { toJSON?: unknown }).toJSON === "function" && "provider" in value && "operation" in value);
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError || (isCloudDiskError(value) && "status" in value && "category" in value && "code" in value);
}
