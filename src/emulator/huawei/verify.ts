/**
 * Checks a request's Huawei credentials the way the API gateway does, written from Huawei's
 * signing guide (https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm.html,
 * "SDK-HMAC-SHA256") and its error list (https://support.huaweicloud.com/intl/en-us/apig_faq/apig-faq-0003.html),
 * independently of the client's signer (src/huawei/signer.ts): a bug in one shows as a
 * failure against the other.
 *
 * AK/SK: `Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<names>, Signature=<hex>`,
 * `X-Sdk-Date` signed and within 15 minutes of the server's (wall) clock. Token:
 * `X-Auth-Token` equal to the emulator's token. A failure is the gateway's `APIGW.0301`.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { EmulatorRequest } from "../http-server.ts";
import { percentEncode } from "../percent-encode.ts";

export type HuaweiEmulatorCredentials = { accessKeyId: string; secretAccessKey: string } | { token: string };

/** Why a request was refused: the message after the gateway's "Incorrect IAM authentication information: ". */
export type AuthFailure = string;

const SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/;

/** `undefined` when the request carries valid credentials; otherwise what is wrong. */
export function verifyHuaweiRequest(
  request: EmulatorRequest,
  credentials: HuaweiEmulatorCredentials,
  wallNow = Date.now(),
): AuthFailure | undefined {
  const token = request.headers["x-auth-token"];
  const authorization = request.headers.authorization;
  if ("token" in credentials) {
    if (token === undefined) return "x-auth-token not found";
    return safeEqual(token, credentials.token) ? undefined : "decrypt token fail";
  }
  if (authorization === undefined) return token === undefined ? "x-auth-token not found" : "decrypt token fail";
  const parts = AUTHORIZATION.exec(authorization);
  if (!parts) return "verify aksk signature fail, the Authorization header is malformed";
  const [, accessKey, signedHeaderList, signature] = parts as unknown as [string, string, string, string];
  if (accessKey !== credentials.accessKeyId) return `Get secretKey failed,ak:${accessKey},err:ak not exist`;
  const signedHeaders = signedHeaderList.split(";");
  if (!signedHeaders.includes("x-sdk-date")) return "verify aksk signature fail, x-sdk-date is not signed";
  const date = request.headers["x-sdk-date"];
  const signedAt = date === undefined ? Number.NaN : parseSdkDate(date);
  if (Number.isNaN(signedAt)) return "verify aksk signature fail, x-sdk-date is missing or malformed";
  if (Math.abs(wallNow - signedAt) > SKEW_MS)
    return "verify aksk signature fail, the request time is more than 15 minutes from the server time";
  if (signedHeaders.some((name) => request.headers[name] === undefined)) return "verify aksk signature fail, a signed header is missing";
  let toSign: string;
  try {
    toSign = stringToSign(request, signedHeaders, date!);
  } catch {
    return "verify aksk signature fail, the URL has a malformed percent-encoding";
  }
  const expected = createHmac("sha256", credentials.secretAccessKey).update(toSign).digest("hex");
  return safeEqual(signature, expected) ? undefined : "verify aksk signature fail";
}

function stringToSign(request: EmulatorRequest, signedHeaders: string[], date: string): string {
  const payloadHash = request.headers["x-sdk-content-sha256"] ?? createHash("sha256").update(request.body).digest("hex");
  const canonical = [
    request.method,
    canonicalPath(request.url.pathname),
    canonicalQuery(request.url.search),
    signedHeaders.map((name) => `${name}:${request.headers[name]!.trim()}\n`).join(""),
    signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
  return `SDK-HMAC-SHA256\n${date}\n${createHash("sha256").update(canonical).digest("hex")}`;
}

/**
 * The path decoded as a whole, then each `/`-separated part encoded, with a trailing slash:
 * the official SDKs sign the unencoded path (a `%2F` inside a value signs as a `/`), so the
 * gateway must read it so to accept them.
 */
function canonicalPath(pathname: string): string {
  const path = decodeURIComponent(pathname).split("/").map(percentEncode).join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/** Names sorted, then values sorted for a repeated name; each `name=value` encoded. */
function canonicalQuery(search: string): string {
  const pairs: Array<[string, string]> = [];
  for (const part of search.replace(/^\?/, "").split("&")) {
    if (!part) continue;
    const [name = "", value = ""] = part.split(/=(.*)/s);
    // Query values are read as a server reads a form-encoded query: `+` is a space (clients that
    // encode with URLSearchParams send one so; a plus sign arrives as %2B).
    pairs.push([decodeURIComponent(name.replace(/\+/g, " ")), decodeURIComponent(value.replace(/\+/g, " "))]);
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join("&");
}

/** `20191115T033655Z` -> epoch ms (NaN when malformed). */
function parseSdkDate(text: string): number {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!parts) return Number.NaN;
  const [, y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
