/**
 * The Node transport: one HTTP/1.1 exchange per attempt over `node:http`/`node:https` and their
 * global agents, which keep connections alive (Node 19+), so calls reuse sockets across clients and
 * whatever a program configured on the global agents applies. Loaded only by exchange.ts, with a
 * dynamic import, on Node: the build makes it its own chunk (dist/chunks/node-exchange.js), outside
 * every entry's bundle, and it reaches Node only through `nodeBuiltin`, never a `node:` import.
 *
 * What the fetch path does, this does too: the attempt's signal (timeout or the caller's abort) ends
 * the request and its body; redirects are the transport's to refuse (nothing here follows one); the
 * body is counted after decompression (gzip, deflate, br, as fetch decodes them) and reading stops at
 * the limit. `request` is looked up on the module at each call: interceptors that patch
 * `http.request` (nock, MSW) see the calls, as fetch interceptors do on the fetch path.
 */
import type { nodeBuiltin } from "../common/node-builtin.ts";
import type { Answer, Exchange } from "./exchange.ts";
import type { ResponseHeaders } from "./wire.ts";
import { textOf } from "./read-body.ts";

/** What is used of Node's streams and http modules (declared here: the runtime-neutral build has no Node types). */
interface Stream {
  on(event: string, listener: (value: never) => void): unknown;
  pipe<T extends Stream>(destination: T): T;
  destroy(): unknown;
}
interface Incoming extends Stream {
  statusCode?: number;
  statusMessage?: string;
  /** Lower-case names; repeated ones joined with ", " (`set-cookie`: a list). */
  headers: Record<string, string | string[] | undefined>;
}
interface Http {
  request(options: {
    hostname: string;
    port: string;
    path: string;
    method: string;
    headers: Readonly<Record<string, string>>;
  }): Stream & { end(body?: string | Uint8Array): unknown; destroy(error?: unknown): unknown };
}
type Decoders = Record<"createGunzip" | "createInflate" | "createBrotliDecompress", () => Stream>;

/** The codings fetch decodes, and Node's decoder for each. */
const DECODERS: Record<string, keyof Decoders> = {
  gzip: "createGunzip",
  "x-gzip": "createGunzip",
  deflate: "createInflate",
  br: "createBrotliDecompress",
};
/** What fetch asks for when the caller set nothing (a header added after signing, like fetch's own). */
const ACCEPT_ENCODING = "gzip, deflate, br";

export function createNodeExchange(builtin: typeof nodeBuiltin): Exchange {
  return (request, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const headers = { "accept-encoding": ACCEPT_ENCODING, ...request.headers };
      const url = new URL(request.url);
      const http = builtin<Http>(url.protocol === "https:" ? "https" : "http")!;
      // Options, not the URL string: Node turns a string into these itself, which cost a call about 10 µs
      // more (measured here). An IPv6 host loses its brackets, as Node's own urlToHttpOptions does.
      // Node writes Content-Length for a body given to end() (and 0 for a POST without one), as fetch does.
      const outgoing = http.request({
        hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: url.port,
        path: url.pathname + url.search,
        method: request.method,
        headers,
      });
      // The signal ends the request and its body. Not Node's own `signal` option: that watches the request
      // with end-of-stream listeners, which cost a call more than this one listener (bench/RESULTS.md).
      // The signal is the attempt's own, never aborted once the attempt is over: nothing to remove.
      signal.addEventListener("abort", () => outgoing.destroy(signal.reason), { once: true });
      // Stays attached: a socket error after the answer arrived must not become an uncaught 'error' event.
      outgoing.on("error", reject);
      outgoing.on("response", (incoming: Incoming) => {
        try {
          resolve(answer(incoming, signal, builtin));
        } catch (error) {
          incoming.destroy();
          reject(error);
        }
      });
      outgoing.end(request.body === undefined || request.body.length === 0 ? undefined : request.body);
    });
}

function answer(incoming: Incoming, signal: AbortSignal, builtin: typeof nodeBuiltin): Answer {
  const received = incoming.headers;
  // Node's own parsed record behind `get`, as fetch's `Headers` reads (no copy into a `Headers` per call).
  const headers: ResponseHeaders = {
    get: (name) => {
      const value = received[name.toLowerCase()];
      return value === undefined ? null : typeof value === "string" ? value : value.join(", ");
    },
    forEach: (callback) => {
      for (const name in received) callback(headers.get(name)!, name);
    },
  };
  return {
    status: incoming.statusCode!,
    statusText: incoming.statusMessage ?? "",
    headers,
    read: (limit) => readIncoming(incoming, headers, limit, signal, builtin),
    cancel: () => incoming.destroy(),
  };
}

function readIncoming(
  incoming: Incoming,
  headers: ResponseHeaders,
  limit: number,
  signal: AbortSignal,
  builtin: typeof nodeBuiltin,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const coding = headers.get("content-encoding")?.trim().toLowerCase();
    const declared = headers.get("content-length");
    // With a content coding, Content-Length is the compressed size: it bounds nothing.
    if (!coding && declared !== null && Number(declared) > limit) {
      incoming.destroy();
      return resolve(undefined);
    }
    const decoder = coding && DECODERS[coding] ? builtin<Decoders>("zlib")![DECODERS[coding]]() : undefined;
    const stop = () => {
      incoming.destroy();
      decoder?.destroy();
    };
    const fail = (error: unknown) => {
      stop();
      reject(signal.aborted ? signal.reason : error);
    };
    const chunks: Uint8Array[] = [];
    let total = 0;
    let arrived = false;
    incoming.on("end", () => {
      arrived = true;
    });
    const source = decoder ? incoming.pipe(decoder) : incoming;
    source.on("data", (chunk: Uint8Array) => {
      total += chunk.byteLength;
      if (total > limit) {
        stop();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    source.on("end", () => resolve(textOf(chunks, total)));
    source.on("error", fail);
    incoming.on("error", fail);
    // A connection that closes before the body arrived (a reset, an abort) settles the read too.
    incoming.on("close", () => arrived || fail(new Error("the connection closed before the response body ended")));
  });
}
