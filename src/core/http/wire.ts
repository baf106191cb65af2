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

/**
 * A request's headers: names in lower case, values as sent. A plain record, not a `Headers`: the
 * runtime's `Headers` validates and re-sorts on every copy and read, which cost a call several µs
 * of CPU on each step that adds a header (issue 15). Read-only: a change makes a new record.
 */
export type WireHeaders = Readonly<Record<string, string>>;

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
  readonly headers: WireHeaders;
  /** The exact body (a string is sent as UTF-8), a JSON object not yet serialized, or `undefined` for none. */
  readonly body: string | Uint8Array | JsonBody | undefined;
}

/** A request whose body is what will be sent, byte for byte. */
export interface SettledWireRequest extends WireRequest {
  readonly body: string | Uint8Array | undefined;
}

/**
 * An answer's headers as the pipeline reads them: a fetch `Headers`, or on Node the record
 * `node:http` already parsed behind the same `get` (making a `Headers` of it cost a call several
 * µs); `toHeaders` makes the `Headers` a result shows, when it is asked for.
 */
export interface ResponseHeaders {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

/** `headers` as a `Headers` (the same object when it is one). */
export function toHeaders(headers: ResponseHeaders): Headers {
  if (headers instanceof Headers) return headers;
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, value);
  });
  return copy;
}

/** What came back, with the whole body already read. */
export interface WireResponse {
  status: number;
  statusText: string;
  headers: ResponseHeaders;
  /** The body as UTF-8 text; empty when there was none (a 204, a null-body status). */
  text: string;
  /**
   * The body parsed as JSON, once, by the transport (its retry rule reads UCloudStack's 2xx, the operation
   * client every answer): `undefined` for an empty body, `NOT_JSON` for one that is not JSON.
   */
  body: unknown;
}

/** `WireResponse.body` of an answer whose body is not JSON. */
export const NOT_JSON = Symbol("not JSON");

/** UTF-8 text of bytes (request bodies here, response bodies in read-body.ts); typed by what is used, so the declarations need no DOM types. */
export const utf8: { decode(bytes: Uint8Array): string } = new TextDecoder();

function isJsonBody(body: WireRequest["body"]): body is JsonBody {
  return typeof body === "object" && !(body instanceof Uint8Array);
}

/** The request with its JSON object body serialized (the same request when there is nothing to serialize). */
export function settleBody(wire: WireRequest): SettledWireRequest {
  return isJsonBody(wire.body) ? { ...wire, body: JSON.stringify(wire.body) } : (wire as SettledWireRequest);
}

/** A new request with `added` (lower-case names) over a copy of the headers. */
export function withHeaders<W extends WireRequest>(wire: W, added: WireHeaders): W {
  return { ...wire, headers: { ...wire.headers, ...added } };
}

/**
 * Headers from several sources, later ones winning, names in lower case (fetch's `Headers` would
 * fold case too); values as text, `undefined` and `null` left out (the sources are checked options
 * and spec-checked header parameters).
 */
export function mergeWireHeaders(...sources: Array<Readonly<Record<string, unknown>> | undefined>): WireHeaders {
  const headers: Record<string, string> = {};
  for (const source of sources) for (const name in source) if (source[name] != null) headers[name.toLowerCase()] = String(source[name]);
  return headers;
}

/** A new request whose body is `json` (a POST of `application/json`), its headers copied only if they must change. */
export function withJsonBody(wire: WireRequest, json: JsonBody): WireRequest {
  const method = "POST";
  return { ...withHeaders(wire, { "content-type": "application/json" }), method, body: json };
}

export function bodyText(wire: SettledWireRequest): string {
  if (wire.body === undefined) return "";
  return typeof wire.body === "string" ? wire.body : utf8.decode(wire.body);
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
  return { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body };
}

/** Builds a `Request` from the parts, keeping `like`'s other settings (signal, redirect, mode...). */
export function requestFromWire(wire: WireRequest, like?: Request): Request {
  const settled = settleBody(wire);
  const init = { method: settled.method, headers: settled.headers, body: sentBody(settled) as BodyInit | null };
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
