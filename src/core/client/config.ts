/**
 * Configuration checks shared by every client factory. Each failure is a
 * ConfigurationError naming the option, thrown at construction, before any call.
 */
import { ConfigurationError, type Provider } from "../common/errors.ts";
import { LOG_LEVELS, silentLogger, type Logger } from "../common/logger.ts";
import { countProblem, functionProblem, headersProblem, msProblem, optionsProblem, type Rule } from "../common/option-rules.ts";
import { resolveRetryPolicy, retryProblem, type RetryPolicy } from "../http/retry.ts";
import { callerExchange, runtimeExchange, type Exchange, type FetchLike } from "../http/exchange.ts";

/** Options every client takes, whatever the provider. */
export interface CommonClientConfig {
  /**
   * The fetch to send with (a proxy agent, a test double); it receives one signed `Request` per attempt.
   * @default on Node, `node:http`/`node:https` with keep-alive (`request` looked up at each call); elsewhere the global `fetch`, looked up at each call
   */
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
  /** How attempts go out: the caller's fetch, else the runtime's own way (exchange.ts). */
  exchange: Exchange;
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

/** The error for a bad option, thrown before the client exists. */
export function configError(option: string, problem: string, provider: Provider): ConfigurationError {
  return new ConfigurationError(option, problem, { provider });
}

/** A logger must have all four methods: a missing one would throw a TypeError in the middle of a call. */
const loggerProblem: Rule = (logger) => {
  if (logger === null || (typeof logger !== "object" && typeof logger !== "function"))
    return `must be an object with ${LOG_LEVELS.join(", ")} methods (console fits)`;
  const missing = LOG_LEVELS.find((level) => typeof (logger as Record<string, unknown>)[level] !== "function");
  return missing && [missing, "must be a function"];
};

/** One rule per option of CommonClientConfig: every factory accepts these plus its provider's own. */
const COMMON_RULES: Record<keyof CommonClientConfig, Rule> = {
  fetch: functionProblem,
  timeoutMs: msProblem,
  retry: retryProblem,
  logger: loggerProblem,
  headers: headersProblem,
  maxResponseBytes: countProblem,
  maxConcurrency: (value) => (value === Infinity ? undefined : countProblem(value) && "must be a whole number ≥ 1 (or Infinity)"),
  deadlineMs: msProblem,
};

/** A factory's argument must be a configuration object (not null, a string, an array). */
export function assertConfigObject(config: unknown, provider: Provider): asserts config is object {
  if (config === null || typeof config !== "object" || Array.isArray(config))
    throw configError("config", "must be a configuration object", provider);
}

/**
 * The options every client takes, checked at construction. `providerKeys` are the
 * provider's own options (checked by its factory); any other key is refused.
 */
export function resolveCommonConfig(config: CommonClientConfig, provider: Provider, providerKeys: readonly string[]): ResolvedCommonConfig {
  const problem = optionsProblem(config, COMMON_RULES, providerKeys);
  if (problem) throw typeof problem === "string" ? configError("config", problem, provider) : configError(...problem, provider);
  // The global fetch is looked up on every call, not captured here: request interceptors
  // that replace it after the client exists (MSW, test doubles) must still see the calls.
  if (!config.fetch && typeof globalThis.fetch !== "function")
    throw configError("fetch", "is required: this runtime has no global fetch", provider);
  return {
    exchange: config.fetch ? callerExchange(config.fetch) : runtimeExchange,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: resolveRetryPolicy(config.retry),
    logger: config.logger ?? silentLogger,
    headers: config.headers ?? {},
    maxResponseBytes: config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxConcurrency: config.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    deadlineMs: config.deadlineMs,
  };
}

/** An optional hook (`now`, `nonce`): a function when given. */
export function optionalFunction<F>(value: F | undefined, option: string, provider: Provider): F | undefined {
  if (value !== undefined && typeof value !== "function") throw configError(option, "must be a function", provider);
  return value;
}

/** The signing clock option `now`. @default () => new Date() */
export function resolveClock(now: (() => Date) | undefined, provider: Provider): () => Date {
  return optionalFunction(now, "now", provider) ?? (() => new Date());
}

/** `signingHost`: the host[:port] to sign for when a proxy in between rewrites `Host`. */
export function resolveSigningHost(value: unknown, provider: Provider): string | undefined {
  return value === undefined ? undefined : requireString(value, "signingHost", provider, /^[A-Za-z0-9.-]+(:\d+)?$/, "host[:port]");
}

/**
 * A string option that must match `pattern`, described by `expected` in the error. By
 * default: present, not blank, no CR, LF or NUL (which no header or URL can carry).
 */
export function requireString(
  value: unknown,
  option: string,
  provider: Provider,
  pattern = /^[^\r\n\0]*\S[^\r\n\0]*$/,
  expected = "a non-empty string without CR, LF or NUL",
): string {
  if (typeof value !== "string" || !pattern.test(value)) throw configError(option, `must be ${expected}`, provider);
  return value;
}

/** A region id: lowercase words joined by hyphens (cn-north-4, cn-hangzhou, ap-southeast-1, eu-west-1-oxs); nothing that could change a host name. */
export const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/**
 * An absolute http(s) URL written the one way the URL parser leaves it alone: no
 * whitespace, controls or `\` (dropped or read as `/`), `//` after the scheme
 * (`https:host` and `https:///host` parse as https://host/), no `user:password@` (fetch
 * refuses it, an empty `@` is dropped), no query or fragment, no `.`/`..` segments, also
 * percent-encoded (resolved away): else the client would talk to another URL than the one written.
 */
const ENDPOINT = /^(?!.*\/(?:\.|%2e){1,2}(?:\/|$))https?:\/\/[^\x00-\x20\x7f\\/?#@]+(?:\/[^\x00-\x20\x7f\\?#]*)?$/i;
const ENDPOINT_EXPECTED =
  "an absolute http(s)://host[:port][/base] URL without user:password@, query, fragment, '.' or '..' segments, whitespace or backslashes";

/** An endpoint option (see ENDPOINT); returned without a trailing slash. */
export function parseEndpoint(value: unknown, option: string, provider: Provider): string {
  try {
    return new URL(requireString(value, option, provider, ENDPOINT, ENDPOINT_EXPECTED)).href.replace(/\/+$/, "");
  } catch (error) {
    // An invalid host or port passes the pattern and fails the parser.
    throw error instanceof ConfigurationError ? error : configError(option, `must be ${ENDPOINT_EXPECTED}`, provider);
  }
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
export function assertCredentialFields(
  credentials: unknown,
  provider: Provider,
  required: readonly string[],
  optional: readonly string[] = [],
  option = "credentials",
): void {
  if (!credentials || typeof credentials !== "object") throw configError(option, `is required ({ ${required.join(", ")} })`, provider);
  for (const key of [...required, ...optional]) {
    const value = (credentials as Record<string, unknown>)[key];
    if ((value === undefined || value === "") && optional.includes(key)) continue;
    if (typeof value !== "string" || !CREDENTIAL_VALUE.test(value))
      throw configError(
        `${option}.${key}`,
        "must be a non-empty string of printable ASCII without leading or trailing whitespace",
        provider,
      );
  }
}
