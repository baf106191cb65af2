/**
 * A request as parts. The operation client builds one per call; each attempt
 * authenticates it (a copy, when another attempt may follow) and sends it as exactly one
 * `Request` (built by the runtime's fetch itself when no fetch was configured), so
 * signing works on the very bytes and headers that leave, with no intermediate `Request` objects.
 */
export interface WireRequest {
  method: string;
  url: string;
  headers: Headers;
  /** The exact body (a string is sent as UTF-8); `undefined` for none. */
  body: string | Uint8Array | undefined;
  /**
   * A JSON body still as an object (RPC bodies that the wire form and the signature
   * change before it is serialized); when set, it is the body, and `body` is ignored.
   */
  json?: Record<string, unknown> | undefined;
}

/** What came back, with the whole body already read. */
export interface WireResponse {
  status: number;
  statusText: string;
  headers: Headers;
  bytes: Uint8Array | null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function copyWire(wire: WireRequest): WireRequest {
  return {
    method: wire.method,
    url: wire.url,
    headers: new Headers(wire.headers),
    body: wire.body,
    json: wire.json === undefined ? undefined : { ...wire.json },
  };
}

/** Serializes a pending `json` body; afterwards `body` holds exactly what will be sent. */
export function settleBody(wire: WireRequest): WireRequest {
  if (wire.json !== undefined) {
    wire.body = JSON.stringify(wire.json);
    wire.json = undefined;
  }
  return wire;
}

/** The body's bytes, for hashing. */
export function bodyBytes(wire: WireRequest): Uint8Array {
  settleBody(wire);
  if (wire.body === undefined) return new Uint8Array();
  return typeof wire.body === "string" ? encoder.encode(wire.body) : wire.body;
}

export function bodyText(wire: WireRequest): string {
  settleBody(wire);
  if (wire.body === undefined) return "";
  return typeof wire.body === "string" ? wire.body : decoder.decode(wire.body);
}

/** The body as a JSON object (the pending one, or the parsed bytes). */
export function bodyJson(wire: WireRequest): Record<string, unknown> {
  if (wire.json !== undefined) return wire.json;
  const text = bodyText(wire);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export function responseText(response: WireResponse): string {
  return response.bytes ? decoder.decode(response.bytes) : "";
}

export async function wireFromRequest(request: Request): Promise<WireRequest> {
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  return { method: request.method, url: request.url, headers: new Headers(request.headers), body };
}

/** Rebuilds `request` from (changed) parts, keeping its other settings (signal, redirect, mode...). */
export function requestFromWire(wire: WireRequest, like?: Request): Request {
  settleBody(wire);
  const body = wire.body === undefined || wire.body.length === 0 ? null : (wire.body as BodyInit);
  if (!like) return new Request(wire.url, { method: wire.method, headers: wire.headers, body });
  return new Request(wire.url, {
    method: wire.method,
    headers: wire.headers,
    body,
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
export async function signRequestWith(request: Request, apply: (wire: WireRequest) => Promise<void>): Promise<Request> {
  const wire = await wireFromRequest(request.clone());
  await apply(wire);
  return requestFromWire(wire, request);
}
