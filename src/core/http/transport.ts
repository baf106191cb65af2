/**
 * The transport sends one call: for each attempt it waits for a slot under the client's
 * concurrency cap, authenticates the wire request (signing is the last step, over the
 * exact bytes that leave, redone on every attempt from the same unsigned request so the
 * date and signature stay fresh), sends it through the client's exchange (exchange.ts: fetch,
 * or node:http(s) on Node) with the per-attempt timeout and the caller's signal, never follows a
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
import type { Exchange } from "./exchange.ts";
import type { Redactor } from "../common/redact.ts";
import { isRetryableStatus, retryDelayMs, type RetryPolicy } from "./retry.ts";
import { NOT_JSON, settleBody, type ResponseHeaders, type WireRequest, type WireResponse } from "./wire.ts";

/**
 * Returns a new request: `wire` with this attempt's credentials (a signature, a token).
 * It never changes `wire`, which every attempt of the call authenticates afresh.
 */
export type Authenticate = (wire: WireRequest) => Promise<WireRequest>;

export interface TransportOptions {
  provider: Provider;
  /** How an attempt goes out: the caller's fetch, the runtime's, or node:http(s) (exchange.ts). */
  exchange: Exchange;
  authenticate: Authenticate;
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
  redactor: Redactor;
  /** Injectable for tests; defaults to `Math.random`. */
  random?: () => number;
  /** A provider's own transient failures (throttling codes in a 400 body), retried like the policy's statuses. */
  isTransient?: (status: number, headers: ResponseHeaders, body: unknown) => boolean;
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

/** A 3xx other than 304 Not Modified (which we never ask for), or a browser's opaque redirect (status 0, `redirect: "manual"`). */
const isRedirectStatus = (status: number) => (status >= 300 && status < 400 && status !== 304) || status === 0;

export function createTransport(options: TransportOptions) {
  const { provider, logger, redactor, retry } = options;
  const random = options.random ?? Math.random;
  /** Debug lines are only built for a logger that can show them. */
  const verbose = logger !== silentLogger;
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
      const answer = await options.exchange(signed, attempt.signal);
      const { status, followedTo } = answer;
      // A 3xx the operation documents as its answer (not one a fetch already followed) is read like a 2xx.
      const followed = followedTo !== undefined;
      const documented = !followed && call.answers3xx?.includes(status);
      if (!documented && (followed || isRedirectStatus(status))) {
        answer.cancel();
        // A caller's fetch that followed it anyway: its answer is not used either.
        const location = followed ? followedTo : answer.headers.get("location");
        const target = location === null ? undefined : redactor.url(new URL(location, signed.url).href);
        throw new RedirectError(
          `${provider} ${call.operation}: ${followed ? "fetch followed a" : `HTTP ${status}`} redirect to ${target ?? "a hidden location"}; redirects are never followed`,
          status,
          target,
          call.details,
        );
      }
      // Read the body inside the timeout: a server that sends headers and then
      // stalls is as dead as one that never answers.
      const text = await answer.read(options.maxResponseBytes);
      if (text === undefined) throw new ResponseTooLargeError(status, options.maxResponseBytes, call.details);
      let body: unknown;
      try {
        body = text.trim() === "" ? undefined : JSON.parse(text);
      } catch {
        body = NOT_JSON;
      }
      return { response: { status, statusText: answer.statusText, headers: answer.headers, text, body } };
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
    const { body } = response;
    return body !== undefined && body !== NOT_JSON && options.isTransient(response.status, response.headers, body);
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

/** Undici wraps the useful part (ECONNRESET, ECONNREFUSED, "terminated") in `cause`; node:http gives it a `code`. */
function describeNetworkError(error: unknown): string {
  const parts = ["network error"];
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
  return parts.join(": ");
}

export type Transport = ReturnType<typeof createTransport>;
