/**
 * The transport sends one call: for each attempt it waits for a slot under the client's
 * concurrency cap, authenticates the wire request (signing is the last step, over the
 * exact bytes that leave, redone on every attempt so the date and signature stay fresh;
 * an attempt that may be followed by another signs a copy), sends it as the one `Request`
 * of that attempt with the per-attempt timeout and the caller's signal, never follows a
 * redirect, reads the body up to `maxResponseBytes`, and decides whether another attempt
 * is allowed (retry policy, `Retry-After`, the call's deadline).
 */
import { AbortedError, CloudDiskError, DeadlineExceededError, NetworkError, RedirectError, ResponseTooLargeError, TimeoutError, type Provider } from "./errors.ts";
import { createLimiter } from "./limiter.ts";
import { silentLogger, type Logger } from "./logger.ts";
import { readBodyWithin, TOO_LARGE } from "./read-body.ts";
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
  isTransient?: (status: number, headers: Headers, body: unknown) => boolean;
  /** Largest response body read (after decompression); see readBodyWithin. */
  maxResponseBytes: number;
  /** Attempts in flight at once for this client; more wait in line. `Infinity`: no cap. */
  maxConcurrency: number;
  /** Default total time for one call, all attempts and waits included. */
  deadlineMs?: number | undefined;
}

export interface AttemptContext {
  operation: string;
  retrySafe: boolean;
  timeoutMs?: number | undefined;
  /** Overrides the client's total deadline for this call. */
  deadlineMs?: number | undefined;
  /** The caller's signal. */
  signal?: AbortSignal | undefined;
}

const NEVER_ABORTED = new AbortController().signal;

/** Statuses whose responses must not carry a body (Fetch standard "null body status"). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

type AttemptOutcome =
  | { kind: "response"; response: WireResponse }
  | { kind: "network"; error: unknown }
  | { kind: "timeout" }
  /** The call's deadline, not the attempt's own timeout, cut the attempt short. */
  | { kind: "deadline" }
  /** A 3xx (or a caller's fetch that followed one): never followed, never retried. */
  | { kind: "redirect"; status: number; location: string | undefined; followedBy: "fetch" | undefined }
  | { kind: "too-large"; status: number };

/** A redirect is a 3xx other than 304 Not Modified (which we never ask for), or a browser's opaque one (`redirect: "manual"`). */
function isRedirect(response: Response): boolean {
  return response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400 && response.status !== 304);
}

export function createTransport(options: TransportOptions) {
  const { provider, logger, redactor, retry } = options;
  const random = options.random ?? Math.random;
  /** Debug lines are only built for a logger that can show them. */
  const verbose = logger !== silentLogger;
  /** A caller's fetch gets exactly one `Request` per attempt; the runtime's own builds that `Request` itself. */
  const fetchAttempt: PlatformFetch = options.platformFetch ?? ((url, init) => options.fetch(new Request(url, init)));
  /** Only the runtime's own fetch enforces HTTP framing, so only its Content-Length can be taken at its word. */
  const trustLength = options.platformFetch !== undefined;
  const limiter = createLimiter(options.maxConcurrency);

  async function attemptOnce(wire: WireRequest, timeoutMs: number, callerSignal: AbortSignal | undefined, deadlineAt: number | undefined): Promise<AttemptOutcome> {
    // The attempt's own timeout, or what is left of the call's deadline if that is less.
    const remaining = deadlineAt === undefined ? Infinity : deadlineAt - Date.now();
    if (remaining <= 0) return { kind: "deadline" };
    const limitedByDeadline = remaining < timeoutMs;
    // One signal for this attempt, aborted by the timer or by the caller's signal
    // (what AbortSignal.any([caller, timer]) gives, without its per-call weak references).
    const attempt = new AbortController();
    const signal = attempt.signal;
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        attempt.abort();
      },
      limitedByDeadline ? remaining : timeoutMs,
    );
    // Without a caller's signal there is nothing to listen to (an EventTarget listener is not free).
    const onCallerAbort = () => attempt.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onCallerAbort();
    else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      const signed = settleBody(await options.authenticate(wire));
      const body = signed.body === undefined || signed.body.length === 0 ? null : (signed.body as BodyInit);
      // Never follow a redirect: it would re-send credentials (or a replayable signed body)
      // to wherever `Location` points, and a 301/302/303 would turn a write into a GET.
      const response = await fetchAttempt(signed.url, { method: signed.method, headers: signed.headers, body, signal, redirect: "manual" });
      if (isRedirect(response) || response.redirected) {
        await response.body?.cancel().catch(() => {});
        const location = response.redirected ? response.url : (response.headers.get("location") ?? undefined);
        return { kind: "redirect", status: response.status, location: location === undefined ? undefined : new URL(location, signed.url).toString(), followedBy: response.redirected ? "fetch" : undefined };
      }
      // Buffer the body inside the timeout: a server that sends headers and then
      // stalls is as dead as one that never answers.
      const bytes = NULL_BODY_STATUS.has(response.status) ? null : await readBodyWithin(response, options.maxResponseBytes, trustLength);
      if (bytes === TOO_LARGE) return { kind: "too-large", status: response.status };
      return { kind: "response", response: { status: response.status, statusText: response.statusText, headers: response.headers, bytes } };
    } catch (error) {
      if (callerSignal?.aborted) throw new AbortedError("the call was aborted by the caller's signal", { provider, cause: callerSignal.reason });
      // Our own typed errors (a signer refusing a value) are final, not network trouble to retry.
      if (error instanceof CloudDiskError) throw error;
      if (timedOut) return limitedByDeadline ? { kind: "deadline" } : { kind: "timeout" };
      return { kind: "network", error };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    }
  }

  /** One attempt under the concurrency cap: the slot is held for the request and its whole body, not for retry waits. */
  async function attemptInSlot(wire: WireRequest, timeoutMs: number, context: AttemptContext, deadlineAt: number | undefined, deadlineMs: number | undefined, attempt: number): Promise<AttemptOutcome> {
    if (!limiter.tryAcquire()) {
      await limiter.waitForSlot({
        signal: context.signal,
        onAbort: (reason) => new AbortedError("the call was aborted by the caller's signal while queued (maxConcurrency)", { provider, operation: context.operation, cause: reason }),
        deadlineAt,
        onDeadline: () => new DeadlineExceededError(deadlineMs!, attempt - 1, { provider, operation: context.operation }),
      });
    }
    try {
      return await attemptOnce(wire, timeoutMs, context.signal, deadlineAt);
    } finally {
      limiter.release();
    }
  }

  /** Sends `request`, with retries where the operation allows them. */
  async function send(request: WireRequest, context: AttemptContext): Promise<WireResponse> {
    const callerSignal = context.signal;
    const timeoutMs = context.timeoutMs ?? options.timeoutMs;
    const deadlineMs = context.deadlineMs ?? options.deadlineMs;
    const deadlineAt = deadlineMs === undefined ? undefined : Date.now() + deadlineMs;
    const maxAttempts = context.retrySafe ? retry.maxAttempts : 1;
    // The redacted method and URL as the caller built them (the last attempt signs the
    // request itself), turned into text only when a log line or an error needs it.
    const { method, url } = request;
    let whereText: string | undefined;
    const where = () => (whereText ??= `${method} ${redactor.url(url)}`);
    const details = { provider, operation: context.operation };

    for (let attempt = 1; ; attempt++) {
      const started = verbose ? Date.now() : 0;
      if (verbose) logger.debug(`${provider} ${context.operation}: ${where()} (attempt ${attempt}/${maxAttempts})`);
      const last = attempt >= maxAttempts;
      // Signing changes the request: an attempt that may be followed by another signs a
      // copy, so each one starts from the request as the caller built it.
      const outcome = await attemptInSlot(last ? request : copyWire(request), timeoutMs, context, deadlineAt, deadlineMs, attempt);

      switch (outcome.kind) {
        case "deadline":
          throw new DeadlineExceededError(deadlineMs!, attempt, details);
        case "redirect": {
          const target = outcome.location === undefined ? "a location the browser hides" : redactor.url(outcome.location);
          const what = outcome.followedBy === "fetch" ? `the configured fetch followed a redirect to ${target}` : `HTTP ${outcome.status} redirect to ${target} not followed`;
          throw new RedirectError(`${provider} ${context.operation}: ${what} (redirects are never followed: they could carry credentials to another host)`, outcome.status, outcome.location === undefined ? undefined : redactor.url(outcome.location), details);
        }
        case "too-large":
          throw new ResponseTooLargeError(outcome.status, options.maxResponseBytes, details);
        case "response": {
          const { response } = outcome;
          if (verbose) logger.debug(`${provider} ${context.operation}: HTTP ${response.status} in ${Date.now() - started} ms`);
          if (last || !(isRetryableStatus(retry, response.status) || providerTransient(response))) return response;
          const delay = retryDelayMs(retry, attempt, response.headers.get("retry-after"), Date.now(), random);
          // A server asking for a longer wait than allowed, or one the deadline leaves no room for: its answer stands.
          if (delay === undefined || !fitsDeadline(delay, deadlineAt)) return response;
          await wait(delay, callerSignal, `HTTP ${response.status}`, context, attempt);
          continue;
        }
        case "timeout": {
          const delay = last || !retry.retryTimeouts ? undefined : retryDelayMs(retry, attempt, null, Date.now(), random)!;
          if (delay === undefined || !fitsDeadline(delay, deadlineAt)) throw new TimeoutError(timeoutMs, attempt, details);
          await wait(delay, callerSignal, "timeout", context, attempt);
          continue;
        }
        case "network": {
          const reason = describeNetworkError(outcome.error);
          const delay = last || !retry.retryNetworkErrors ? undefined : retryDelayMs(retry, attempt, null, Date.now(), random)!;
          if (delay === undefined || !fitsDeadline(delay, deadlineAt)) {
            throw new NetworkError(redactor.scrub(`${provider} ${context.operation}: ${reason} (${where()}, attempt ${attempt})`), attempt, { ...details, cause: redactor.scrubCause(outcome.error) });
          }
          await wait(delay, callerSignal, reason, context, attempt);
        }
      }
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
    return options.isTransient(response.status, response.headers, body);
  }

  async function wait(ms: number, signal: AbortSignal | undefined, reason: string, context: AttemptContext, attempt: number): Promise<void> {
    if (verbose) logger.warn(redactor.scrub(`${provider} ${context.operation}: retrying after ${reason} in ${ms} ms (attempt ${attempt + 1})`));
    await sleep(ms, signal ?? NEVER_ABORTED).catch((cause) => {
      throw new AbortedError("the call was aborted by the caller's signal before a retry", { provider, operation: context.operation, cause });
    });
  }

  return { send };
}

/** Whether waiting `delay` ms still leaves time before the deadline for another attempt. */
function fitsDeadline(delay: number, deadlineAt: number | undefined): boolean {
  return deadlineAt === undefined || Date.now() + delay < deadlineAt;
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
