/**
 * Configuration checks shared by every client factory. Each failure is a
 * ConfigurationError naming the option, thrown at construction, before any call.
 */
import { ConfigurationError, type Provider } from "./errors.ts";
import { silentLogger, type Logger } from "./logger.ts";
import { resolveRetryPolicy, type RetryPolicy } from "./retry.ts";
import type { FetchLike, PlatformFetch } from "./transport.ts";
import { checkHeaderValues } from "./validate.ts";

/** Options every client takes, whatever the provider. */
export interface CommonClientConfig {
  /** The fetch to send with (a proxy agent, a test double); it receives one signed `Request` per attempt. @default the global `fetch`, looked up at each call */
  fetch?: FetchLike;
  /** Per-attempt timeout in milliseconds, covering the whole response body. @default 30000 */
  timeoutMs?: number;
  /** Retry policy for safe operations; a number sets `maxAttempts`; `false` disables. @default 3 attempts */
  retry?: Partial<RetryPolicy> | number | false;
  /** Receives redacted debug lines and retry warnings. @default silent */
  logger?: Logger;
  /** Headers sent on every request (signed like the others). */
  headers?: Record<string, string>;
  /**
   * Largest response body read, in bytes, counted while reading and after
   * decompression (a gzip bomb stops here); a larger one fails with `ResponseTooLargeError`. @default 16 MiB
   */
  maxResponseBytes?: number;
  /** Calls this client has on the wire at once; further calls wait in line (first come, first served). @default 64 */
  maxConcurrency?: number;
  /** Total time for one call, all attempts and retry waits included; `DeadlineExceededError` when it passes. @default none */
  deadlineMs?: number;
}

export interface ResolvedCommonConfig {
  fetch: FetchLike;
  /** The runtime's fetch when the caller passed none: the transport then sends URL + init (see PlatformFetch). */
  platformFetch: PlatformFetch | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
  headers: Record<string, string>;
  maxResponseBytes: number;
  maxConcurrency: number;
  deadlineMs: number | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Generous for these APIs: a page of 1,000 snapshot records is well under 2 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Enough to keep a batch fast, few enough not to open thousands of sockets to one host. */
export const DEFAULT_MAX_CONCURRENCY = 64;

/** A whole number ≥ 1 (`Infinity` allowed where `allowInfinity`). */
export function positiveInteger(value: unknown, option: string, provider: Provider, allowInfinity = false): number {
  const ok = typeof value === "number" && (Number.isSafeInteger(value) ? value >= 1 : allowInfinity && value === Infinity);
  if (!ok) throw new ConfigurationError(option, `must be a whole number ≥ 1${allowInfinity ? " (or Infinity)" : ""}`, { provider });
  return value;
}

/** A finite number of milliseconds > 0 (timeouts, deadlines). */
export function positiveMs(value: unknown, option: string, provider: Provider): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new ConfigurationError(option, "must be a finite number of milliseconds > 0", { provider });
  return value;
}

export function resolveCommonConfig(config: CommonClientConfig, provider: Provider): ResolvedCommonConfig {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new ConfigurationError("timeoutMs", "must be a positive number of milliseconds", { provider });
  if (config.fetch !== undefined && typeof config.fetch !== "function") throw new ConfigurationError("fetch", "must be a function", { provider });
  // The global fetch is looked up on every call, not captured here: request interceptors
  // that replace it after the client exists (MSW, test doubles) must still see the calls.
  const hasGlobalFetch = typeof globalThis.fetch === "function";
  const platformFetch: PlatformFetch | undefined = config.fetch === undefined && hasGlobalFetch ? (url, init) => globalThis.fetch(url, init) : undefined;
  const fetchImpl: FetchLike | undefined = config.fetch ?? (hasGlobalFetch ? (request) => globalThis.fetch(request) : undefined);
  if (!fetchImpl) throw new ConfigurationError("fetch", "is required: this runtime has no global fetch", { provider });
  const headers = config.headers ?? {};
  try {
    checkHeaderValues(undefined, headers, provider);
  } catch (error) {
    throw new ConfigurationError("headers", (error as Error).message.replace(/^parameter /, ""), { provider });
  }
  const maxResponseBytes = config.maxResponseBytes === undefined ? DEFAULT_MAX_RESPONSE_BYTES : positiveInteger(config.maxResponseBytes, "maxResponseBytes", provider);
  const maxConcurrency = config.maxConcurrency === undefined ? DEFAULT_MAX_CONCURRENCY : positiveInteger(config.maxConcurrency, "maxConcurrency", provider, true);
  const deadlineMs = config.deadlineMs === undefined ? undefined : positiveMs(config.deadlineMs, "deadlineMs", provider);
  return { fetch: fetchImpl, platformFetch, timeoutMs, retry: resolveRetryPolicy(config.retry), logger: config.logger ?? silentLogger, headers, maxResponseBytes, maxConcurrency, deadlineMs };
}

/** A required string option: present, non-empty, no control characters. */
export function requireString(value: unknown, option: string, provider: Provider, pattern?: RegExp, hint?: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new ConfigurationError(option, "is required and must be a non-empty string", { provider });
  if (/[\r\n\0]/.test(value)) throw new ConfigurationError(option, "must not contain CR, LF or NUL characters", { provider });
  if (pattern && !pattern.test(value)) throw new ConfigurationError(option, `is not valid${hint ? `: ${hint}` : ""}`, { provider });
  return value;
}

/** An endpoint option: an absolute http(s) URL; returned without a trailing slash. */
export function parseEndpoint(value: unknown, option: string, provider: Provider): string {
  const raw = requireString(value, option, provider);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(option, "must be an absolute URL such as https://host[:port][/base]", { provider });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ConfigurationError(option, "must use http or https", { provider });
  if (url.search || url.hash) throw new ConfigurationError(option, "must not contain a query or fragment", { provider });
  return url.toString().replace(/\/+$/, "");
}

/**
 * A credentials object: required string fields (non-empty, no control characters)
 * and optional ones (strings without control characters). Errors name the field,
 * never its value.
 */
export function assertCredentialFields(credentials: unknown, provider: Provider, required: readonly string[], optional: readonly string[] = [], option = "credentials"): void {
  if (!credentials || typeof credentials !== "object") throw new ConfigurationError(option, `is required ({ ${required.join(", ")} })`, { provider });
  const fields = credentials as Record<string, unknown>;
  for (const key of required) {
    const value = fields[key];
    if (typeof value !== "string" || value.trim() === "") throw new ConfigurationError(`${option}.${key}`, "is required and must be a non-empty string", { provider });
    if (/[\r\n\0]/.test(value)) throw new ConfigurationError(`${option}.${key}`, "must not contain CR, LF or NUL characters", { provider });
  }
  for (const key of optional) {
    const value = fields[key];
    if (value !== undefined && (typeof value !== "string" || /[\r\n\0]/.test(value))) throw new ConfigurationError(`${option}.${key}`, "must be a string without CR, LF or NUL characters", { provider });
  }
}
