/**
 * The transport sends one call: for each attempt it authenticates the wire request
 * (signing is the last step, over the exact bytes that leave, redone on every attempt so
 * the date and signature stay fresh; an attempt that may be followed by another signs a
 * copy), sends it as the one `Request` of that attempt with the per-attempt timeout and
 * the caller's signal, reads the whole body, and decides whether another attempt is allowed.
 */
import { AbortedError, NetworkError, TimeoutError, type Provider } from "./errors.ts";
import { silentLogger, type Logger } from "./logger.ts";
import type { Redactor } from "./redact.ts";
import { isRetryableStatus, retryDelayMs, type RetryPolicy } from "./retry.ts";
import { copyWire, responseText, settleBody, type WireRequest, type WireResponse } from "./wire.ts";

export type FetchLike = (request: Request) => Promise<Response>;
/**
 * The runtime's own fetch, called as `fetch(url, init)`. Handing it a `Request` would
 * cost a second one: fetch wraps its input in a new `Request` that follows the input's
 * signal (a weak reference, a finalizer and a listener) and re-pipes its body through a
 * TransformStream; with a URL and init it builds the attempt's one `Request` itself.
 */
export type PlatformFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Adds credentials to this attempt's own wire request (it may change it in place) and returns it. */
export type Authenticate = (wire: WireRequest) => Promise<WireRequest>;

export interface TransportOptions {
  provider: Provider;
  fetch: FetchLike;
  /** Set when `fetch` is the runtime's own (the caller passed none): attempts go through it as URL + init. */
  platformFetch?: PlatformFetch | undefined;
  authenticate: Authenticate;
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
  redactor: Redactor;
  /** Injectable for tests; defaults to `Math.random`. */
  random?: () => number;
  /** A provider's own transient failures (throttling codes in a 400 body), retried like the policy's statuses. */
  isTransient?: (status: number, body: unknown) => boolean;
}

export interface AttemptContext {
  operation: string;
  retrySafe: boolean;
  timeoutMs?: number | undefined;
  /** The caller's signal. */
  signal?: AbortSignal | undefined;
}

const NEVER_ABORTED = new AbortController().signal;

/** Statuses whose responses must not carry a body (Fetch standard "null body status"). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

type AttemptOutcome =
  | { kind: "response"; response: WireResponse }
  | { kind: "network"; error: unknown }
  | { kind: "timeout" };

export function createTransport(options: TransportOptions) {
  const { provider, logger, redactor, retry } = options;
  const random = options.random ?? Math.random;
  /** Debug lines are only built for a logger that can show them. */
  const verbose = logger !== silentLogger;
  /** A caller's fetch gets exactly one `Request` per attempt; the runtime's own builds that `Request` itself. */
  const fetchAttempt: PlatformFetch = options.platformFetch ?? ((url, init) => options.fetch(new Request(url, init)));

  async function attemptOnce(wire: WireRequest, timeoutMs: number, callerSignal: AbortSignal | undefined): Promise<AttemptOutcome> {
    // One signal for this attempt, aborted by the timer or by the caller's signal
    // (what AbortSignal.any([caller, timer]) gives, without its per-call weak references).
    const attempt = new AbortController();
    const signal = attempt.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      attempt.abort();
    }, timeoutMs);
    // Without a caller's signal there is nothing to listen to (an EventTarget listener is not free).
    const onCallerAbort = () => attempt.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onCallerAbort();
    else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      const signed = settleBody(await options.authenticate(wire));
      const body = signed.body === undefined || signed.body.length === 0 ? null : (signed.body as BodyInit);
      const response = await fetchAttempt(signed.url, { method: signed.method, headers: signed.headers, body, signal });
      // Buffer the body inside the timeout: a server that sends headers and then
      // stalls is as dead as one that never answers.
      const bytes = NULL_BODY_STATUS.has(response.status) ? null : new Uint8Array(await response.arrayBuffer());
      return { kind: "response", response: { status: response.status, statusText: response.statusText, headers: response.headers, bytes } };
    } catch (error) {
      if (callerSignal?.aborted) throw new AbortedError("the call was aborted by the caller's signal", { provider, cause: callerSignal.reason });
      if (timedOut) return { kind: "timeout" };
      return { kind: "network", error };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    }
  }

  /** Sends `request`, with retries where the operation allows them. */
  async function send(request: WireRequest, context: AttemptContext): Promise<WireResponse> {
    const callerSignal = context.signal;
    const timeoutMs = context.timeoutMs ?? options.timeoutMs;
    const maxAttempts = context.retrySafe ? retry.maxAttempts : 1;
    // The redacted method and URL as the caller built them (the last attempt signs the
    // request itself), turned into text only when a log line or an error needs it.
    const { method, url } = request;
    let whereText: string | undefined;
    const where = () => (whereText ??= `${method} ${redactor.url(url)}`);

    for (let attempt = 1; ; attempt++) {
      const started = verbose ? Date.now() : 0;
      if (verbose) logger.debug(`${provider} ${context.operation}: ${where()} (attempt ${attempt}/${maxAttempts})`);
      const last = attempt >= maxAttempts;
      // Signing changes the request: an attempt that may be followed by another signs a
      // copy, so each one starts from the request as the caller built it.
      const outcome = await attemptOnce(last ? request : copyWire(request), timeoutMs, callerSignal);

      if (outcome.kind === "response") {
        const { response } = outcome;
        if (verbose) logger.debug(`${provider} ${context.operation}: HTTP ${response.status} in ${Date.now() - started} ms`);
        if (last || !(isRetryableStatus(retry, response.status) || providerTransient(response))) return response;
        await wait(retryDelayMs(retry, attempt, response.headers.get("retry-after"), Date.now(), random), callerSignal, `HTTP ${response.status}`, context, attempt);
        continue;
      }

      if (outcome.kind === "timeout") {
        if (last || !retry.retryTimeouts) throw new TimeoutError(timeoutMs, attempt, { provider, operation: context.operation });
        await wait(retryDelayMs(retry, attempt, null, Date.now(), random), callerSignal, "timeout", context, attempt);
        continue;
      }

      const reason = describeNetworkError(outcome.error);
      if (last || !retry.retryNetworkErrors) {
        throw new NetworkError(redactor.scrub(`${provider} ${context.operation}: ${reason} (${where()}, attempt ${attempt})`), attempt, { provider, operation: context.operation, cause: redactor.scrubCause(outcome.error) });
      }
      await wait(retryDelayMs(retry, attempt, null, Date.now(), random), callerSignal, reason, context, attempt);
    }
  }

  /** Asks the provider about an error body; never for 401/403 (auth failures are final). */
  function providerTransient(response: WireResponse): boolean {
    if (!options.isTransient || (response.status >= 200 && response.status < 300) || response.status === 401 || response.status === 403) return false;
    let body: unknown;
    try {
      body = JSON.parse(responseText(response));
    } catch {
      return false;
    }
    return options.isTransient(response.status, body);
  }

  async function wait(ms: number, signal: AbortSignal | undefined, reason: string, context: AttemptContext, attempt: number): Promise<void> {
    if (verbose) logger.warn(redactor.scrub(`${provider} ${context.operation}: retrying after ${reason} in ${ms} ms (attempt ${attempt + 1})`));
    await sleep(ms, signal ?? NEVER_ABORTED).catch((cause) => {
      throw new AbortedError("the call was aborted by the caller's signal while waiting to retry", { provider, operation: context.operation, cause });
    });
  }

  return { send };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Undici wraps the useful part (ECONNRESET, ECONNREFUSED, "terminated") in `cause`. */
function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(typeof code === "string" ? `${current.message} [${code}]` : current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.length ? `network error: ${parts.join(": ")}` : "network error";
}

export type Transport = ReturnType<typeof createTransport>;
