/**
 * One exchange of an attempt: the signed request out, the answer's status and headers back, its
 * body read on demand (the transport decides first whether to read it at all: a redirect's is
 * dropped). Two senders, one contract:
 *  - fetch: a caller's `fetch` option (given one `Request`, as it was promised), or the runtime's
 *    own fetch (given URL + init, which builds the attempt's one `Request` itself);
 *  - Node: `node:http`/`node:https` with keep-alive (node-exchange.ts), the default on Node when the
 *    caller passed no `fetch`. It is imported dynamically, on the first call: browser bundles keep
 *    it out of their entry, and importing the package loads no `node:` module.
 */
import { nodeBuiltin } from "../common/node-builtin.ts";
import { readBodyWithin } from "./read-body.ts";
import { sentBody, type ResponseHeaders, type SettledWireRequest } from "./wire.ts";

export type FetchLike = (request: Request) => Promise<Response>;
/**
 * The runtime's own fetch, called as `fetch(url, init)`. Handing it a `Request` would
 * cost a second one: fetch wraps its input in a new `Request` that follows the input's
 * signal (a weak reference, a finalizer and a listener) and re-pipes its body through a
 * TransformStream; with a URL and init it builds the attempt's one `Request` itself.
 */
export type PlatformFetch = (url: string, init: RequestInit) => Promise<Response>;

/** An answer whose body is not read yet. */
export interface Answer {
  status: number;
  statusText: string;
  headers: ResponseHeaders;
  /** Set when the sender followed a redirect itself (a caller's fetch that ignored `redirect: "manual"`): where it ended. */
  followedTo?: string | undefined;
  /**
   * The whole body as UTF-8 text, its bytes counted after decompression while they arrive; `undefined`
   * when they passed `limit` (reading stopped there and the stream was dropped: a gzip bomb costs at most `limit`).
   */
  read(limit: number): Promise<string | undefined>;
  /** Drops the body unread. */
  cancel(): void;
}

/** Sends one attempt; `signal` ends it (headers and body) on a timeout or the caller's abort. */
export type Exchange = (request: SettledWireRequest, signal: AbortSignal) => Promise<Answer>;

/** Over a fetch. */
export function fetchExchange(send: PlatformFetch): Exchange {
  return async (request, signal) => {
    // Never follow a redirect: it would re-send credentials (or a replayable signed body)
    // to wherever `Location` points, and a 301/302/303 would turn a write into a GET.
    const response = await send(request.url, {
      method: request.method,
      headers: request.headers,
      body: sentBody(request) as BodyInit | null,
      signal,
      redirect: "manual",
    });
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      // A browser's opaque redirect (`redirect: "manual"`) has status 0 and hides its target: the transport refuses status 0 as one.
      followedTo: response.redirected ? response.url : undefined,
      read: (limit) => readBodyWithin(response, limit),
      cancel: () => response.body?.cancel().catch(() => {}),
    };
  };
}

/** A caller's fetch: one `Request` per attempt, built from URL + init. */
export const callerExchange = (fetch: FetchLike): Exchange => fetchExchange((url, init) => fetch(new Request(url, init)));

/** The runtime's fetch, looked up at each call: interceptors installed after a client exists (MSW, test doubles) see its calls. */
const platformExchange = fetchExchange((url, init) => globalThis.fetch(url, init));

/** The exchange calls without a `fetch` option use here, once known. */
let chosen: Exchange | undefined;
let choosing: Promise<Exchange> | undefined;

/**
 * Without a `fetch` option: on Node, node:http(s) (imported on the first call, then used directly);
 * elsewhere the runtime's fetch.
 */
export const runtimeExchange: Exchange = async (request, signal) => {
  if (!chosen) {
    choosing ??= nodeBuiltin("http")
      ? import("./node-exchange.ts").then((module) => module.createNodeExchange(nodeBuiltin))
      : Promise.resolve(platformExchange);
    chosen = await choosing;
  }
  return chosen(request, signal);
};
