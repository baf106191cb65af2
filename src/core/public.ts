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
} from "./errors.ts";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry.ts";
export type { Logger } from "./logger.ts";
export type { CommonClientConfig } from "./config.ts";
export type { ApiResult, CallOptions, OperationParams, OperationResult } from "./operation-types.ts";
export type { Page, PaginateOptions } from "./paginate.ts";
export type { OperationSpec, OperationTable, PaginationSpec } from "./operation-table.ts";
