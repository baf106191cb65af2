/**
 * The transport sends one call: for each attempt it waits for a slot under the client's
 * concurrency cap, authenticates the wire request (signing is the last step, over the
 * exact bytes that leave, redone on every attempt from the same unsigned request so the
 * date and signature stay fresh), sends it as the one `Request`
 * of that attempt with the per-attempt timeout and the caller's signal, never follows a
 * redirect, reads the body up to `maxResponseBytes`, and decides whether another attempt
 * is allowed (retry policy, `Retry-After`, the call's deadline).
 */
import {
  AbortedError,
  CloudDiskError,
  DeadlineExceededError,
  NetworkError,
  RedirectError,
  ResponseTooLargeError,
  TimeoutError,
  type Provider,
} from "../common/errors.ts";
import { createLimiter } from "./limiter.ts";
import { silentLogger, type Logger } from "../common/logger.ts";
import { readBodyWithin, TOO_LARGE } from "./read-body.ts";
import type { Redactor } from "../common/redact.ts";
import { isRetryableStatus, retryDelayMs, type RetryPolicy } from "./retry.ts";
import { responseText, settleBody, sentBody, type WireRequest, type WireResponse } from "./wire.ts";

export type FetchLike = (request: Request) => Promise<Response>;
/**
 * The runtime's own fetch, called as `fetch(url, init)`. Handing it a `Request` would
 * cost a second one: fetch wraps its input in a new `Request` that follows the input's
 * signal (a weak reference, a finalizer and a listener) and re-pipes its body through a
 * TransformStream; with a URL and init it builds the attempt's one `Request` itself.
 */
export type PlatformFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Returns a new request: `wire` with this attempt's credentials (a signature, a token).
 * It never changes `wire`, which every attempt of the call authenticates afresh.
 */
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
  /** Ask `isTransient` about 2xx answers too: the provider reports failures inside them (UCloudStack `RetCode`). */
  transientIn2xx?: boolean | undefined;
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
  /** 3xx statuses the operation documents as its answer: read, never followed (its `Location` unused). */
  answers3xx?: readonly number[] | undefined;
}

const NEVER_ABORTED = new AbortController().signal;

/** Statuses whose responses must not carry a body (Fetch standard "null body status"). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** What one attempt ended with, when that is not already a final error (thrown where it arises). */
type AttemptOutcome = { response: WireResponse } | { error: unknown; timedOut: boolean };

/** One call as the attempts share it. */
interface Call extends AttemptContext {
  timeoutMs: number;
  /** Epoch milliseconds, when the call has a deadline. */
  deadlineAt: number | undefined;
  /** For errors: provider and operation. */
  details: { provider: Provider; operation: string };
  attempt: number;
}

/** A redirect is a 3xx other than 304 Not Modified (which we never ask for), or a browser's opaque one (`redirect: "manual"`). */
function isRedirect(response: Response): boolean {
  return (
    response.type === "opaqueredirect" ||
    response.redirected ||
    (response.status >= 300 && response.status < 400 && response.status !== 304)
  );
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
  const deadlineError = (call: Call, attempts: number) => new DeadlineExceededError(call.deadlineMs!, attempts, call.details);
  const abortError = (call: Call, cause: unknown) => new AbortedError("aborted by the caller's signal", { ...call.details, cause });

  async function attemptOnce(wire: WireRequest, call: Call): Promise<AttemptOutcome> {
    const callerSignal = call.signal;
    // The attempt's own timeout, or what is left of the call's deadline if that is less.
    const remaining = call.deadlineAt === undefined ? Infinity : call.deadlineAt - Date.now();
    if (remaining <= 0) throw deadlineError(call, call.attempt);
    const limitedByDeadline = remaining < call.timeoutMs;
    // One signal for this attempt, aborted by the timer or by the caller's signal
    // (what AbortSignal.any([caller, timer]) gives, without its per-call weak references).
    const attempt = new AbortController();
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        attempt.abort();
      },
      limitedByDeadline ? remaining : call.timeoutMs,
    );
    // Without a caller's signal there is nothing to listen to (an EventTarget listener is not free).
    const onCallerAbort = () => attempt.abort(callerSignal?.reason);
    if (callerSignal?.aborted) onCallerAbort();
    else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
    try {
      const signed = settleBody(await options.authenticate(wire));
      // Never follow a redirect: it would re-send credentials (or a replayable signed body)
      // to wherever `Location` points, and a 301/302/303 would turn a write into a GET.
      const response = await fetchAttempt(signed.url, {
        method: signed.method,
        headers: signed.headers as Headers,
        body: sentBody(signed) as BodyInit | null,
        signal: attempt.signal,
        redirect: "manual",
      });
      const { status } = response;
      // A 3xx the operation documents as its answer (not one the fetch already followed) is read like a 2xx.
      const documented = !response.redirected && response.type !== "opaqueredirect" && call.answers3xx?.includes(status) === true;
      if (!documented && isRedirect(response)) {
        await response.body?.cancel().catch(() => {});
        // A caller's fetch that followed it anyway: its answer is not used either.
        const location = response.redirected ? response.url : response.headers.get("location");
        const target = location === null ? undefined : redactor.url(new URL(location, signed.url).href);
        throw new RedirectError(
          `${provider} ${call.operation}: ${response.redirected ? "fetch followed a" : `HTTP ${status}`} redirect to ${target ?? "a hidden location"}; redirects are never followed`,
          status,
          target,
          call.details,
        );
      }
      // Buffer the body inside the timeout: a server that sends headers and then
      // stalls is as dead as one that never answers.
      const bytes = NULL_BODY_STATUS.has(status) ? null : await readBodyWithin(response, options.maxResponseBytes, trustLength);
      if (bytes === TOO_LARGE) throw new ResponseTooLargeError(status, options.maxResponseBytes, call.details);
      return { response: { status, statusText: response.statusText, headers: response.headers, bytes } };
    } catch (error) {
      if (callerSignal?.aborted) throw abortError(call, callerSignal.reason);
      // Our own typed errors (a redirect, a body too large, a signer refusing a value) are final.
      if (error instanceof CloudDiskError) throw error;
      if (timedOut && limitedByDeadline) throw deadlineError(call, call.attempt);
      return { error, timedOut };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    }
  }

  /** One attempt under the concurrency cap: the slot is held for the request and its whole body, not for retry waits. */
  async function attemptInSlot(wire: WireRequest, call: Call): Promise<AttemptOutcome> {
    if (!limiter.tryAcquire()) {
      await limiter.waitForSlot({
        signal: call.signal,
        onAbort: (reason) => abortError(call, reason),
        deadlineAt: call.deadlineAt,
        onDeadline: () => deadlineError(call, call.attempt - 1),
      });
    }
    try {
      return await attemptOnce(wire, call);
    } finally {
      limiter.release();
    }
  }

  /** Sends `request`, with retries where the operation allows them. */
  async function send(request: WireRequest, context: AttemptContext): Promise<WireResponse> {
    const deadlineMs = context.deadlineMs ?? options.deadlineMs;
    const call: Call = {
      ...context,
      timeoutMs: context.timeoutMs ?? options.timeoutMs,
      deadlineMs,
      deadlineAt: deadlineMs === undefined ? undefined : Date.now() + deadlineMs,
      details: { provider, operation: context.operation },
      attempt: 0,
    };
    const maxAttempts = context.retrySafe ? retry.maxAttempts : 1;
    // The redacted method and URL as the caller built them, turned into text only when a log line or an error needs it.
    const where = () => `${request.method} ${redactor.url(request.url)}`;

    for (;;) {
      const attempt = ++call.attempt;
      const started = verbose ? Date.now() : 0;
      if (verbose) logger.debug(`${provider} ${context.operation}: ${where()} (attempt ${attempt}/${maxAttempts})`);
      const last = attempt >= maxAttempts;
      // Every attempt signs the request as the caller built it (signing returns a new one).
      const outcome = await attemptInSlot(request, call);
      let delay: number | undefined;
      let reason: string;
      if ("response" in outcome) {
        const { response } = outcome;
        reason = `HTTP ${response.status}`;
        if (verbose) logger.debug(`${provider} ${context.operation}: ${reason} in ${Date.now() - started} ms`);
        if (last || !(isRetryableStatus(retry, response.status) || providerTransient(response))) return response;
        // A server asking for a longer wait than allowed, or one the deadline leaves no room for: its answer stands.
        delay = retryDelayMs(retry, attempt, response.headers.get("retry-after"), Date.now(), random);
        if (delay === undefined || !fitsDeadline(delay, call.deadlineAt)) return response;
      } else {
        reason = outcome.timedOut ? "timeout" : describeNetworkError(outcome.error);
        if (!last && (outcome.timedOut ? retry.retryTimeouts : retry.retryNetworkErrors))
          delay = retryDelayMs(retry, attempt, null, Date.now(), random);
        if (delay === undefined || !fitsDeadline(delay, call.deadlineAt)) {
          if (outcome.timedOut) throw new TimeoutError(call.timeoutMs, attempt, call.details);
          throw new NetworkError(redactor.scrub(`${provider} ${context.operation}: ${reason} (${where()}, attempt ${attempt})`), attempt, {
            ...call.details,
            cause: redactor.scrubCause(outcome.error),
          });
        }
      }
      if (verbose)
        logger.warn(redactor.scrub(`${provider} ${context.operation}: retrying after ${reason} in ${delay} ms (attempt ${attempt + 1})`));
      await sleep(delay, context.signal ?? NEVER_ABORTED).catch((cause) => {
        throw abortError(call, cause);
      });
    }
  }

  /** Asks the provider about an error body (a 2xx only where failures come inside one); never for 401/403 (auth failures are final). */
  function providerTransient(response: WireResponse): boolean {
    const ok = response.status >= 200 && response.status < 300;
    if (!options.isTransient || (ok && !options.transientIn2xx) || response.status === 401 || response.status === 403) return false;
    let body: unknown;
    try {
      body = JSON.parse(responseText(response));
    } catch {
      return false;
    }
    return options.isTransient(response.status, response.headers, body);
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
