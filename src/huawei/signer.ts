/**
 * Huawei Cloud AK/SK request signing, `SDK-HMAC-SHA256` (the API gateway scheme).
 *
 * Algorithm as Huawei's signing guide describes it
 * (https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-algorithm-002.html ff.):
 *   canonical request = METHOD \n URI (segments RFC 3986, trailing "/") \n sorted query \n
 *                       "name:value\n" per signed header \n signed header names \n hex(SHA-256(body))
 *   string to sign    = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(SHA-256(canonical request))
 *   signature         = hex(HMAC-SHA256(SK, string to sign))
 * Like Huawei's Node SDK, this signs `host` plus every header already on the request,
 * so whatever a caller adds (`X-Project-Id`, `Content-Type`) is covered too, except
 * names containing `_` (see `isSignableHeader`).
 *
 * Where the official SDKs differ, the rules below follow these files (checked against
 * every case of test/fixtures/signer-agreement-huawei.json):
 * - Node: huaweicloud/huaweicloud-sdk-nodejs-v3 core/auth/AKSKSigner.ts @ 3.1.209
 *   (b081640bb): query names sorted raw, values of a repeated name sorted raw, then encoded.
 * - Python: huaweicloud/huaweicloud-sdk-python-v3 huaweicloud-sdk-core/huaweicloudsdkcore/signer/signer.py @ 5393dabce
 *   (process_canonical_uri: `unquote(resource_path).split('/')`): the path is decoded before it is split.
 * - Go: huaweicloud/huaweicloud-sdk-go-v3 core/auth/signer/signer.go @ 1cd70eb6f
 *   (extractSignedHeaders): header names containing `_` are not signed.
 */
import { parseQuery, percentDecode, percentEncode } from "../core/common/encoding.ts";
import { hmacHex, sha256Hex } from "../core/common/webcrypto.ts";
import { settleBody, signRequestWith, type WireRequest } from "../core/http/wire.ts";
import { assertHuaweiAccessKey, type HuaweiAccessKeyCredentials } from "./credentials.ts";

export const HUAWEI_SIGNING_ALGORITHM = "SDK-HMAC-SHA256";

export interface SignHuaweiOptions {
  /** Signing time; defaults to the current time. */
  now?: Date | undefined;
  /**
   * The `host` to sign for, when it differs from the URL's: the request goes through
   * a proxy that forwards it to the real host and rewrites `Host` on the way (a
   * validating proxy, a private-link address). Defaults to the URL's host.
   */
  host?: string | undefined;
}

/** `20191115T033655Z` */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

/**
 * The path decoded first, then split on `/` and each part RFC 3986-encoded, plus a
 * trailing slash. Decoding first is what the SDKs do with a path value holding `/`
 * (`a%2Fb` is signed as `a/b`): they sign the path they substitute raw values into.
 */
export function canonicalUri(pathname: string): string {
  const encoded = percentDecode(pathname).split("/").map(percentEncode).join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/**
 * Sorted by the raw (decoded) name, then by raw value for a repeated name, as the SDKs
 * sort their query maps; then `pct(name)=pct(value)` joined by `&`. Sorting the encoded
 * forms instead puts `a%60` (``a` ``) before `aZ` and `%C3%A9` before `z`.
 */
export function canonicalQueryString(pairs: ReadonlyArray<readonly [string, string]>): string {
  return [...pairs]
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&");
}

/**
 * Header names with `_` are left unsigned (they are still sent): nginx drops such
 * headers by default (`underscores_in_headers off`,
 * https://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers), so a
 * signed one that a proxy removed would fail verification with a 401.
 */
function isSignableHeader(name: string): boolean {
  return !name.includes("_");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface HuaweiSigningInput {
  method: string;
  url: URL;
  /** Lower-case name and value of every header to sign, `host` included. */
  headers: ReadonlyArray<readonly [string, string]>;
  /** hex(SHA-256(body)), or the value of `X-Sdk-Content-Sha256`. */
  payloadHash: string;
  sdkDate: string;
}

export interface HuaweiSignature {
  canonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  signature: string;
}

/** The pure core of the scheme, exposed for tests against published vectors. */
export async function computeHuaweiSignature(input: HuaweiSigningInput, secretAccessKey: string): Promise<HuaweiSignature> {
  const headers = [...input.headers].map(([name, value]) => [name.toLowerCase(), value.trim()] as const).sort(([a], [b]) => compare(a, b));
  const signedHeaders = headers.map(([name]) => name).join(";");
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalUri(input.url.pathname),
    canonicalQueryString(parseQuery(input.url.search)),
    headers.map(([name, value]) => `${name}:${value}\n`).join(""),
    signedHeaders,
    input.payloadHash,
  ].join("\n");
  const stringToSign = `${HUAWEI_SIGNING_ALGORITHM}\n${input.sdkDate}\n${await sha256Hex(canonicalRequest)}`;
  const signature = await hmacHex("SHA-256", secretAccessKey, stringToSign);
  return { canonicalRequest, stringToSign, signedHeaders, signature };
}

/**
 * Returns a new wire request signed with AK/SK: `X-Sdk-Date` (from `options.now`),
 * `X-Security-Token` for temporary credentials, and `Authorization`, over `host`, every
 * header present and the exact body bytes (a JSON object body is serialized here, once).
 * `wire` is left untouched. The client's transport calls this on every attempt;
 * `signHuaweiRequest` is the same for a `Request`.
 */
export async function applyHuaweiSignature(
  wire: WireRequest,
  credentials: HuaweiAccessKeyCredentials,
  options: SignHuaweiOptions = {},
): Promise<WireRequest> {
  assertHuaweiAccessKey(credentials);
  const settled = settleBody(wire);
  const url = new URL(settled.url);
  const sdkDate = formatSdkDate(options.now ?? new Date());
  const headers: Record<string, string> = { ...settled.headers, "x-sdk-date": sdkDate };
  delete headers.authorization;
  if (credentials.securityToken) headers["x-security-token"] = credentials.securityToken;

  const toSign: Array<[string, string]> = [["host", options.host ?? url.host]];
  for (const name in headers) if (isSignableHeader(name)) toSign.push([name, headers[name]!]);
  const payloadHash = headers["x-sdk-content-sha256"] ?? (await sha256Hex(settled.body ?? ""));

  const { signedHeaders, signature } = await computeHuaweiSignature(
    { method: settled.method, url, headers: toSign, payloadHash, sdkDate },
    credentials.secretAccessKey,
  );
  headers.authorization = `${HUAWEI_SIGNING_ALGORITHM} Access=${credentials.accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { ...settled, headers };
}

/**
 * Returns a new `Request` signed with AK/SK: `X-Sdk-Date` (from `options.now`),
 * `X-Security-Token` for temporary credentials, and `Authorization`. The body is
 * hashed byte for byte as it will be sent. The input request is left untouched.
 */
export async function signHuaweiRequest(
  request: Request,
  credentials: HuaweiAccessKeyCredentials,
  options: SignHuaweiOptions = {},
): Promise<Request> {
  assertHuaweiAccessKey(credentials);
  return signRequestWith(request, (wire) => applyHuaweiSignature(wire, credentials, options));
}
