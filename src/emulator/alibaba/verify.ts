/**
 * Checks an Alibaba request's signature the way the ECS gateway does, written from Alibaba's
 * public signing documents, independently of the client's signers (src/alibaba/signer-v1.ts,
 * signer-v3.ts): a bug in one shows as a failure against the other.
 *
 *  - V3, ACS3-HMAC-SHA256 (https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature):
 *    `Authorization: ACS3-HMAC-SHA256 Credential=<AK>,SignedHeaders=<names>,Signature=<hex>`; the
 *    canonical request is METHOD, the URI (`/` for RPC), the sorted, RFC 3986-encoded query, the
 *    signed headers (`name:value\n`, lower case, sorted, trimmed), their names joined by `;`, and the
 *    payload hash (`x-acs-content-sha256`); the string to sign is `ACS3-HMAC-SHA256\n` + hex(SHA-256
 *    of it); the signature hex(HMAC-SHA256(secret, string to sign)). `host`, `x-acs-date` and
 *    `x-acs-signature-nonce` must be signed; the date within 15 minutes; a nonce used once.
 *  - V1, HMAC-SHA1 RPC signature (https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism,
 *    and the ECS "Request signatures" page, AlibabaCloudDocs/ecs "intl.en-US/API Reference/Getting
 *    started/Request signatures.md" @4c4be6ffc29fae6ac14cd761d69cbcc199040ad0): every parameter of
 *    the query and of a form body but `Signature`, sorted by name, `name=value` encoded, joined by
 *    `&`; the string to sign is `METHOD&%2F&` + the encoded canonical query; the signature
 *    base64(HMAC-SHA1(secret + "&", string to sign)). `Timestamp` within the documented window, a
 *    `SignatureNonce` used once.
 *
 * Answers (the spec's catalog, openapi/alibaba/common.yaml, and documented statuses): an unknown key
 * `InvalidAccessKeyId.NotFound`, a wrong signature `SignatureDoesNotMatch`, a missing or malformed
 * one `IncompleteSignature`, a date or Timestamp more than 15 minutes off `InvalidTimeStamp.Expired`
 * (the OpenAPI gateway's common error codes, https://help.aliyun.com/document_detail/48054.html),
 * a reused nonce `SignatureNonceUsed` (ECS "Response results", common error codes, AlibabaCloudDocs/ecs
 * @322eaab82e866a494eeaddb0de02bab1978692d1). Each with its documented message (the catalog's).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { EmulatorRequest } from "../http-server.ts";
import { percentEncode } from "../percent-encode.ts";

export interface AlibabaEmulatorCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS: requests must carry this token (`x-acs-security-token`, or `SecurityToken` in V1). */
  securityToken?: string | undefined;
}

export interface AlibabaAuthFailure {
  code: "InvalidAccessKeyId.NotFound" | "SignatureDoesNotMatch" | "IncompleteSignature" | "InvalidTimeStamp.Expired" | "SignatureNonceUsed";
  message?: string;
}

/** V3: 15 minutes (the V3 document's `x-acs-date`); V1: the RPC document's Timestamp window, also taken as 15 minutes each way. */
export const SKEW_MS = 15 * 60 * 1000;

/** Most nonces remembered at once (see NonceMemory). */
export const KEPT_NONCES = 10_000;

/**
 * Nonces seen within the skew window: older ones are forgotten (their requests are stale
 * anyway), and at most `KEPT_NONCES` are kept, the oldest dropped first, so memory stays flat
 * however fast requests come (15 minutes at thousands of calls a second would be millions of
 * nonces). A nonce reused after that many later requests is accepted: a deviation from the
 * gateway, which no client that reuses nonces by mistake (at once, or in a retry) gets to.
 */
export class NonceMemory {
  // A ring of the remembered nonces in arrival order (the oldest at `#head`) and a set to look
  // them up: dropping the oldest is O(1). (A Map iterated from its start to find the oldest was
  // slower: V8 keeps a deleted entry's slot until the table is rebuilt, and iteration walks them.)
  readonly #kept: number;
  readonly #ring: Array<string | undefined>;
  readonly #times: Float64Array;
  readonly #seen = new Set<string>();
  #head = 0;
  #count = 0;
  constructor(kept = KEPT_NONCES) {
    this.#kept = kept;
    this.#ring = new Array<string | undefined>(kept).fill(undefined);
    this.#times = new Float64Array(kept);
  }
  /** False when the nonce was already used within the window. */
  use(nonce: string, wallNow: number): boolean {
    // Arrival order is time order: forget from the oldest while stale, or while the memory is full.
    while (this.#count > 0 && (this.#count >= this.#kept || wallNow - this.#times[this.#head]! > SKEW_MS)) {
      this.#seen.delete(this.#ring[this.#head]!);
      this.#ring[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.#kept;
      this.#count--;
    }
    if (this.#seen.has(nonce)) return false;
    const tail = (this.#head + this.#count) % this.#kept;
    this.#ring[tail] = nonce;
    this.#times[tail] = wallNow;
    this.#count++;
    this.#seen.add(nonce);
    return true;
  }
  clear(): void {
    this.#seen.clear();
    this.#ring.fill(undefined);
    this.#head = 0;
    this.#count = 0;
  }
}

const sortPairs = (pairs: Array<[string, string]>) =>
  [...pairs].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));

/** V1: the string to sign of a method and the signed parameters (decoded). */
export function rpcStringToSign(method: string, params: Array<[string, string]>): string {
  const canonical = sortPairs(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&");
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

export function rpcSignature(secret: string, stringToSign: string): string {
  return createHmac("sha1", `${secret}&`).update(stringToSign).digest("base64");
}

/** V3: the canonical request of a received request and its signed header names. */
export function acs3CanonicalRequest(request: EmulatorRequest, signedHeaders: readonly string[], payloadHash: string): string {
  const query = sortPairs([...request.url.searchParams])
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&");
  const path =
    request.url.pathname
      .split("/")
      .map((part) => percentEncode(decodeSafe(part)))
      .join("/") || "/";
  const headers = signedHeaders.map((name) => `${name}:${(request.headers[name] ?? "").trim()}\n`).join("");
  return [request.method.toUpperCase(), path, query, headers, signedHeaders.join(";"), payloadHash].join("\n");
}

export function acs3Signature(secret: string, canonicalRequest: string): string {
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonicalRequest).digest("hex")}`;
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

/** SHA-256 of no bytes: the payload hash of every bodiless call (most RPC calls put their parameters in the query). */
const EMPTY_SHA256 = createHash("sha256").digest("hex");

const ACS3 = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([^,\s]+),Signature=([0-9a-f]{64})$/;

/**
 * `undefined` when the request is signed with the configured credentials; otherwise the refusal.
 * `params` are the request's V1 parameters as received (query, then a form body's).
 */
export function verifyAlibabaRequest(
  request: EmulatorRequest,
  params: Array<[string, string]>,
  credentials: AlibabaEmulatorCredentials,
  nonces: NonceMemory,
  wallNow = Date.now(),
): AlibabaAuthFailure | undefined {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith("ACS3-")) return verifyV3(request, authorization, credentials, nonces, wallNow);
  if (params.some(([name]) => name === "Signature")) return verifyV1(request, params, credentials, nonces, wallNow);
  return { code: "IncompleteSignature", message: "The request signature does not conform to Aliyun standards: no signature." };
}

function incomplete(why: string): AlibabaAuthFailure {
  return { code: "IncompleteSignature", message: `The request signature does not conform to Aliyun standards: ${why}.` };
}

function verifyV3(
  request: EmulatorRequest,
  authorization: string,
  credentials: AlibabaEmulatorCredentials,
  nonces: NonceMemory,
  wallNow: number,
): AlibabaAuthFailure | undefined {
  const parts = ACS3.exec(authorization);
  if (!parts) return incomplete("the Authorization header is malformed");
  const [, accessKey, list, signature] = parts as unknown as [string, string, string, string];
  if (accessKey !== credentials.accessKeyId) return { code: "InvalidAccessKeyId.NotFound" };
  const signed = list.split(";");
  for (const name of ["host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"])
    if (!signed.includes(name)) return incomplete(`${name} is not signed`);
  if (signed.some((name) => request.headers[name] === undefined)) return incomplete("a signed header is missing");
  const unsigned = Object.keys(request.headers).find((name) => name.startsWith("x-acs-") && !signed.includes(name));
  if (unsigned) return incomplete(`${unsigned} is not signed`);
  if (credentials.securityToken !== undefined && request.headers["x-acs-security-token"] !== credentials.securityToken)
    return { code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found or the security token is not valid." };
  const at = Date.parse(request.headers["x-acs-date"]!);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(request.headers["x-acs-date"]!) || Number.isNaN(at))
    return incomplete("x-acs-date is not yyyy-MM-ddTHH:mm:ssZ");
  if (Math.abs(wallNow - at) > SKEW_MS) return { code: "InvalidTimeStamp.Expired" };
  const payloadHash = request.headers["x-acs-content-sha256"]!;
  if (payloadHash !== (request.body.length === 0 ? EMPTY_SHA256 : createHash("sha256").update(request.body).digest("hex")))
    return {
      code: "SignatureDoesNotMatch",
      message: "Specified signature does not match our calculation: x-acs-content-sha256 is not the body's hash.",
    };
  const expected = acs3Signature(credentials.accessKeySecret, acs3CanonicalRequest(request, signed, payloadHash));
  if (!safeEqual(signature, expected)) return { code: "SignatureDoesNotMatch" };
  if (!nonces.use(request.headers["x-acs-signature-nonce"]!, wallNow)) return { code: "SignatureNonceUsed" };
  return undefined;
}

function verifyV1(
  request: EmulatorRequest,
  params: Array<[string, string]>,
  credentials: AlibabaEmulatorCredentials,
  nonces: NonceMemory,
  wallNow: number,
): AlibabaAuthFailure | undefined {
  const get = (name: string) => params.find(([key]) => key === name)?.[1];
  if (get("SignatureMethod") !== "HMAC-SHA1" || get("SignatureVersion") !== "1.0")
    return incomplete("SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0");
  const accessKey = get("AccessKeyId");
  const nonce = get("SignatureNonce");
  const timestamp = get("Timestamp");
  if (!accessKey || !nonce || !timestamp) return incomplete("AccessKeyId, SignatureNonce and Timestamp are required");
  if (accessKey !== credentials.accessKeyId) return { code: "InvalidAccessKeyId.NotFound" };
  if (credentials.securityToken !== undefined && get("SecurityToken") !== credentials.securityToken)
    return { code: "InvalidAccessKeyId.NotFound", message: "Specified access key is not found or the security token is not valid." };
  const at = Date.parse(timestamp);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(timestamp) || Number.isNaN(at))
    return incomplete("Timestamp is not yyyy-MM-ddTHH:mm:ssZ");
  if (Math.abs(wallNow - at) > SKEW_MS) return { code: "InvalidTimeStamp.Expired" };
  const signed = params.filter(([name]) => name !== "Signature");
  const stringToSign = rpcStringToSign(request.method, signed);
  if (!safeEqual(get("Signature")!, rpcSignature(credentials.accessKeySecret, stringToSign)))
    return {
      code: "SignatureDoesNotMatch",
      // The real gateway's wording, with its string to sign (the SDKs parse this prefix to show the difference).
      // A security token is signed too: the message then leaves the string out rather than echo it.
      message:
        get("SecurityToken") === undefined
          ? `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`
          : "Specified signature is not matched with our calculation.",
    };
  if (!nonces.use(nonce, wallNow)) return { code: "SignatureNonceUsed" };
  return undefined;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
