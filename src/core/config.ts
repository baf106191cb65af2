/**
 * Configuration checks shared by every client factory. Each failure is a
 * ConfigurationError naming the option, thrown at construction, before any call.
 */
import { ConfigurationError, type Provider } from "./errors.ts";
import { LOG_LEVELS, silentLogger, type Logger } from "./logger.ts";
import { headersProblem, msProblem, printableName } from "./option-rules.ts";
import { resolveRetryPolicy, type RetryPolicy } from "./retry.ts";
import type { FetchLike, PlatformFetch } from "./transport.ts";

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

/** A finite number of milliseconds > 0 that a timer can hold (timeouts, deadlines). */
export function positiveMs(value: unknown, option: string, provider: Provider): number {
  const problem = msProblem(value);
  if (problem) throw new ConfigurationError(option, problem, { provider });
  return value as number;
}

/** The options of CommonClientConfig: every factory accepts these plus its provider's own. */
export const COMMON_CONFIG_KEYS: readonly string[] = ["fetch", "timeoutMs", "retry", "logger", "headers", "maxResponseBytes", "maxConcurrency", "deadlineMs"];

/** A factory's argument must be a configuration object (not null, a string, an array). */
export function assertConfigObject(config: unknown, provider: Provider): asserts config is object {
  if (config === null || typeof config !== "object" || Array.isArray(config)) throw new ConfigurationError("config", "must be a configuration object", { provider });
}

/**
 * Refuses options no factory of this provider knows: a typo (`timeOutMs`, `regionID`)
 * silently ignored would leave a default in force that the caller believes changed.
 */
function assertKnownKeys(config: Record<string, unknown>, providerKeys: readonly string[], provider: Provider): void {
  for (const key of Object.keys(config)) {
    if (COMMON_CONFIG_KEYS.includes(key) || providerKeys.includes(key)) continue;
    const known = [...COMMON_CONFIG_KEYS, ...providerKeys];
    const near = known.find((name) => name.toLowerCase() === key.toLowerCase());
    throw new ConfigurationError(printableName(key), near ? `is not an option; did you mean '${near}'?` : `is not an option (known: ${known.join(", ")})`, { provider });
  }
}

/**
 * The options every client takes, checked at construction. `providerKeys` are the
 * provider's own options (checked by its factory); any other key is refused.
 */
export function resolveCommonConfig(config: CommonClientConfig, provider: Provider, providerKeys: readonly string[]): ResolvedCommonConfig {
  assertConfigObject(config, provider);
  assertKnownKeys(config as Record<string, unknown>, providerKeys, provider);
  const timeoutMs = config.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : positiveMs(config.timeoutMs, "timeoutMs", provider);
  if (config.fetch !== undefined && typeof config.fetch !== "function") throw new ConfigurationError("fetch", "must be a function", { provider });
  // The global fetch is looked up on every call, not captured here: request interceptors
  // that replace it after the client exists (MSW, test doubles) must still see the calls.
  const hasGlobalFetch = typeof globalThis.fetch === "function";
  const platformFetch: PlatformFetch | undefined = config.fetch === undefined && hasGlobalFetch ? (url, init) => globalThis.fetch(url, init) : undefined;
  const fetchImpl: FetchLike | undefined = config.fetch ?? (hasGlobalFetch ? (request) => globalThis.fetch(request) : undefined);
  if (!fetchImpl) throw new ConfigurationError("fetch", "is required: this runtime has no global fetch", { provider });
  const headers = config.headers ?? {};
  const headerProblem = headersProblem(headers);
  if (headerProblem) throw new ConfigurationError(headerProblem.name === undefined ? "headers" : `headers.${headerProblem.name}`, headerProblem.problem, { provider });
  const logger = config.logger === undefined ? silentLogger : checkLogger(config.logger, provider);
  const maxResponseBytes = config.maxResponseBytes === undefined ? DEFAULT_MAX_RESPONSE_BYTES : positiveInteger(config.maxResponseBytes, "maxResponseBytes", provider);
  const maxConcurrency = config.maxConcurrency === undefined ? DEFAULT_MAX_CONCURRENCY : positiveInteger(config.maxConcurrency, "maxConcurrency", provider, true);
  const deadlineMs = config.deadlineMs === undefined ? undefined : positiveMs(config.deadlineMs, "deadlineMs", provider);
  return { fetch: fetchImpl, platformFetch, timeoutMs, retry: resolveRetryPolicy(config.retry, provider), logger, headers, maxResponseBytes, maxConcurrency, deadlineMs };
}

/** A logger must have all four methods: a missing one would throw a TypeError in the middle of a call. */
function checkLogger(logger: unknown, provider: Provider): Logger {
  if (logger === null || (typeof logger !== "object" && typeof logger !== "function")) throw new ConfigurationError("logger", `must be an object with ${LOG_LEVELS.join(", ")} methods (console fits)`, { provider });
  for (const level of LOG_LEVELS) {
    if (typeof (logger as Record<string, unknown>)[level] !== "function") throw new ConfigurationError(`logger.${level}`, "must be a function", { provider });
  }
  return logger as Logger;
}

/** An optional hook (`now`, `nonce`): a function when given. */
export function optionalFunction<F>(value: F | undefined, option: string, provider: Provider): F | undefined {
  if (value !== undefined && typeof value !== "function") throw new ConfigurationError(option, "must be a function", { provider });
  return value;
}

/** A required string option: present, non-empty, no CR, LF or NUL. */
export function requireString(value: unknown, option: string, provider: Provider, pattern?: RegExp, hint?: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new ConfigurationError(option, "is required and must be a non-empty string", { provider });
  if (/[\r\n\0]/.test(value)) throw new ConfigurationError(option, "must not contain CR, LF or NUL characters", { provider });
  if (pattern && !pattern.test(value)) throw new ConfigurationError(option, `is not valid${hint ? `: ${hint}` : ""}`, { provider });
  return value;
}

/** An endpoint option: an absolute http(s) URL; returned without a trailing slash. */
export function parseEndpoint(value: unknown, option: string, provider: Provider): string {
  const raw = requireString(value, option, provider);
  const fail = (problem: string) => new ConfigurationError(option, problem, { provider });
  // What the URL parser would drop or rewrite without a word (tabs and newlines inside,
  // spaces at the ends, `\` read as `/`), so the client would talk to another URL than the one written.
  if (/[\x00-\x20\x7f\\]/.test(raw)) throw fail("must not contain whitespace, control characters or backslashes");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail("must be an absolute URL such as https://host[:port][/base]");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw fail("must use http or https");
  // `https:host` and `https:///host` parse as https://host/; say it the one way.
  if (!/^https?:\/\/[^/?#]/i.test(raw)) throw fail("must be written as http(s)://host[:port][/base]");
  // fetch refuses a URL with credentials in it (and an empty `@` would be dropped silently).
  if (/^https?:\/\/[^/?#]*@/i.test(raw)) throw fail("must not contain user:password@ (credentials go in the 'credentials' option)");
  if (raw.includes("?") || raw.includes("#")) throw fail("must not contain a query or fragment");
  // `.` and `..` segments (also percent-encoded) are resolved away by the parser.
  if (/\/(?:\.|%2e){1,2}(?:\/|$)/i.test(raw)) throw fail("must not contain '.' or '..' path segments");
  return url.toString().replace(/\/+$/, "");
}

/**
 * A credential value as it can travel (in a header, a query, a signed body) unchanged:
 * printable ASCII without leading or trailing whitespace. Every key and token these
 * providers issue is; anything else would be refused by fetch (CR, LF, NUL, characters
 * above U+00FF), trimmed by it, or sent as bytes the signature does not cover.
 */
const CREDENTIAL_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * A credentials object: required string fields and optional ones, each a sendable
 * credential value. Errors name the field, never its value.
 */
export function assertCredentialFields(credentials: unknown, provider: Provider, required: readonly string[], optional: readonly string[] = [], option = "credentials"): void {
  if (!credentials || typeof credentials !== "object") throw new ConfigurationError(option, `is required ({ ${required.join(", ")} })`, { provider });
  const fields = credentials as Record<string, unknown>;
  for (const key of required) {
    const value = fields[key];
    if (typeof value !== "string" || value.trim() === "") throw new ConfigurationError(`${option}.${key}`, "is required and must be a non-empty string", { provider });
    if (!CREDENTIAL_VALUE.test(value)) throw new ConfigurationError(`${option}.${key}`, CREDENTIAL_PROBLEM, { provider });
  }
  for (const key of optional) {
    const value = fields[key];
    if (value === undefined || value === "") continue;
    if (typeof value !== "string") throw new ConfigurationError(`${option}.${key}`, "must be a string", { provider });
    if (!CREDENTIAL_VALUE.test(value)) throw new ConfigurationError(`${option}.${key}`, CREDENTIAL_PROBLEM, { provider });
  }
}

const CREDENTIAL_PROBLEM = "must be printable ASCII without leading or trailing whitespace";
