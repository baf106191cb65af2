/**
 * A request as parts, read-only. The operation client builds one per call, with its
 * body settled once; each attempt's authentication step returns a new, signed request
 * from that same unsigned one, which is sent as exactly one `Request` (built by the
 * runtime's fetch itself when no fetch was configured), so signing works on the very
 * bytes and headers that leave, with no intermediate `Request` objects. Nothing changes
 * a request after it is made: a step that adds a header or a field makes a new one
 * (`withHeaders`, `withJsonBody`), so no step depends on which ran before it on the
 * same object, and a retry never sees the previous attempt's date or signature.
 */

/** `Headers` without its mutators: a request's headers are copied on change, never edited. */
export type ReadonlyHeaders = Omit<Headers, "append" | "delete" | "set">;

/**
 * A JSON body still as an object: RPC bodies that the wire form (the action) and the
 * signature (UCloudStack's `PublicKey`, `Signature`) complete. Each step makes a new
 * object; it is serialized once, by the step that produces the request that is sent
 * (`settleBody`, which the signers and the transport call).
 */
export type JsonBody = Readonly<Record<string, unknown>>;

export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: ReadonlyHeaders;
  /** The exact body (a string is sent as UTF-8), a JSON object not yet serialized, or `undefined` for none. */
  readonly body: string | Uint8Array | JsonBody | undefined;
}

/** A request whose body is what will be sent, byte for byte. */
export interface SettledWireRequest extends WireRequest {
  readonly body: string | Uint8Array | undefined;
}

/** What came back, with the whole body already read. */
export interface WireResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** The body as UTF-8 text; empty when there was none (a 204, a null-body status). */
  text: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isJsonBody(body: WireRequest["body"]): body is JsonBody {
  return typeof body === "object" && !(body instanceof Uint8Array);
}

/** The request with its JSON object body serialized (the same request when there is nothing to serialize). */
export function settleBody(wire: WireRequest): SettledWireRequest {
  return isJsonBody(wire.body) ? { ...wire, body: JSON.stringify(wire.body) } : (wire as SettledWireRequest);
}

/** A new request with `change` applied to a copy of the headers. */
export function withHeaders<W extends WireRequest>(wire: W, change: (headers: Headers) => void): W {
  const headers = new Headers(wire.headers as Headers);
  change(headers);
  return { ...wire, headers };
}

/** A new request whose body is `json` (a POST of `application/json`), its headers copied only if they must change. */
export function withJsonBody(wire: WireRequest, json: JsonBody): WireRequest {
  const method = "POST";
  if (wire.headers.get("content-type") === "application/json") return { ...wire, method, body: json };
  return { ...withHeaders(wire, (headers) => headers.set("content-type", "application/json")), method, body: json };
}

/** The body's bytes, for hashing. */
export function bodyBytes(wire: SettledWireRequest): Uint8Array {
  if (wire.body === undefined) return new Uint8Array();
  return typeof wire.body === "string" ? encoder.encode(wire.body) : wire.body;
}

export function bodyText(wire: SettledWireRequest): string {
  if (wire.body === undefined) return "";
  return typeof wire.body === "string" ? wire.body : decoder.decode(wire.body);
}

/** The body as a JSON object: the unserialized one as it is (callers copy before changing), or the parsed bytes. */
export function bodyJson(wire: WireRequest): JsonBody {
  if (isJsonBody(wire.body)) return wire.body;
  const text = bodyText(wire as SettledWireRequest);
  return text ? (JSON.parse(text) as JsonBody) : {};
}

/**
 * The body as fetch takes it (callers cast to `BodyInit`: DOM-only, so it stays out of
 * declarations a Node-only consumer type-checks); an empty body is none.
 */
export function sentBody(wire: SettledWireRequest): string | Uint8Array | null {
  return wire.body === undefined || wire.body.length === 0 ? null : wire.body;
}

export async function wireFromRequest(request: Request): Promise<SettledWireRequest> {
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  return { method: request.method, url: request.url, headers: new Headers(request.headers), body };
}

/** Builds a `Request` from the parts, keeping `like`'s other settings (signal, redirect, mode...). */
export function requestFromWire(wire: WireRequest, like?: Request): Request {
  const settled = settleBody(wire);
  const init = { method: settled.method, headers: settled.headers as Headers, body: sentBody(settled) as BodyInit | null };
  if (!like) return new Request(settled.url, init);
  return new Request(settled.url, {
    ...init,
    signal: like.signal,
    redirect: like.redirect,
    mode: like.mode,
    credentials: like.credentials,
    cache: like.cache,
    referrerPolicy: like.referrerPolicy,
    integrity: like.integrity,
    keepalive: like.keepalive,
  });
}

/** A public `Request` signer from a wire-level one: the input request is left untouched. */
export async function signRequestWith(request: Request, sign: (wire: WireRequest) => Promise<WireRequest>): Promise<Request> {
  return requestFromWire(await sign(await wireFromRequest(request.clone())), request);
}
