/** The provider-neutral public API every provider entry point re-exports. */
export {
  CloudDiskError,
  ApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  InvalidStateError,
  QuotaExceededError,
  ThrottledError,
  ServerError,
  InvalidParameterError,
  ConfigurationError,
  NetworkError,
  TimeoutError,
  AbortedError,
  DeadlineExceededError,
  RedirectError,
  ResponseTooLargeError,
  PaginationError,
  UnparseableResponseError,
  isCloudDiskError,
  isApiError,
  type ErrorCategory,
  type PaginationFailure,
  type Provider,
} from "./common/errors.ts";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./http/retry.ts";
export type { Logger } from "./common/logger.ts";
export type { CommonClientConfig } from "./client/config.ts";
export type { ApiResult, CallOptions, OperationParams, OperationResult } from "./operations/operation-types.ts";
export type { Page, PaginateOptions } from "./operations/paginate.ts";
export type { OperationSpec, OperationTable, PaginationSpec } from "./operations/operation-table.ts";
