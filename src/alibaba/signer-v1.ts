/**
 * Alibaba Cloud RPC signing, `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`
 * (https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism):
 *   canonicalized query = every parameter sent (query and form body), sorted by name,
 *                         `pct(name)=pct(value)` joined by `&`
 *   string to sign      = METHOD & pct("/") & pct(canonicalized query)
 *   Signature           = base64(HMAC-SHA1(secret + "&", string to sign)), appended to the query
 */
import { InvalidParameterError } from "../core/common/errors.ts";
import { parseQuery, percentEncode } from "../core/common/encoding.ts";
import { hmac, randomNonce, toBase64 } from "../core/common/webcrypto.ts";
import { bodyText, settleBody, signRequestWith, type WireRequest, type WireHeaders } from "../core/http/wire.ts";
import { assertAlibabaCredentials, type AlibabaCredentials } from "./credentials.ts";
import { formatAcsDate, type AlibabaSignOptions } from "./signer-v3.ts";

type Pairs = Array<[string, string]>;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function rpcCanonicalizedQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return [...pairs]
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&");
}

export function rpcStringToSign(method: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(rpcCanonicalizedQuery(pairs))}`;
}

/** The pure core of the scheme, exposed for tests against published vectors. */
export async function computeRpcSignature(
  method: string,
  pairs: ReadonlyArray<readonly [string, string]>,
  accessKeySecret: string,
): Promise<{ stringToSign: string; signature: string }> {
  const stringToSign = rpcStringToSign(method, pairs);
  return { stringToSign, signature: toBase64(await hmac("SHA-1", `${accessKeySecret}&`, stringToSign)) };
}

function isForm(headers: WireHeaders): boolean {
  return (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";
}

/**
 * Returns a new wire request signed with the RPC (V1) scheme: the common parameters
 * that are missing (`Format`, `AccessKeyId`, `SignatureMethod`, `SignatureVersion`,
 * `SignatureNonce`, `Timestamp`, `SecurityToken`) added, any already present kept, query
 * and form-body parameters signed together, and `Signature` appended to the query.
 * `Action` and `Version` must already be in the query. `wire` is left untouched (only
 * its URL changes, so the new request shares its headers and body). `signAlibabaV1` is
 * the same for a `Request`.
 */
export async function applyAlibabaV1Signature(
  wire: WireRequest,
  credentials: AlibabaCredentials,
  options: AlibabaSignOptions = {},
): Promise<WireRequest> {
  assertAlibabaCredentials(credentials);
  const settled = settleBody(wire);
  const url = new URL(settled.url);
  const query: Pairs = parseQuery(url.search).filter(([name]) => name !== "Signature");
  const form: Pairs = settled.body !== undefined && isForm(settled.headers) ? [...new URLSearchParams(bodyText(settled))] : [];
  const present = new Set([...query, ...form].map(([name]) => name));
  for (const required of ["Action", "Version"]) {
    if (!present.has(required))
      throw new InvalidParameterError(required, "is required in the query for V1 signing", { provider: "alibaba" });
  }
  const common: Pairs = [
    ["Format", "JSON"],
    ["AccessKeyId", credentials.accessKeyId],
    ["SignatureMethod", "HMAC-SHA1"],
    ["SignatureVersion", "1.0"],
    ["SignatureNonce", options.nonce ?? randomNonce()],
    ["Timestamp", formatAcsDate(options.now ?? new Date())],
  ];
  if (credentials.securityToken) common.push(["SecurityToken", credentials.securityToken]);
  for (const pair of common) if (!present.has(pair[0])) query.push(pair);

  const { signature } = await computeRpcSignature(settled.method, [...query, ...form], credentials.accessKeySecret);
  url.search = `${rpcCanonicalizedQuery(query)}&Signature=${percentEncode(signature)}`;
  return { ...settled, url: url.toString() };
}

/**
 * Returns a new `Request` signed with the RPC (V1) scheme: adds the common parameters
 * that are missing (`Format`, `AccessKeyId`, `SignatureMethod`, `SignatureVersion`,
 * `SignatureNonce`, `Timestamp`, `SecurityToken`), keeping any already present, signs
 * query and form-body parameters together, and appends `Signature` to the query.
 * `Action` and `Version` must already be in the query.
 */
export async function signAlibabaV1(request: Request, credentials: AlibabaCredentials, options: AlibabaSignOptions = {}): Promise<Request> {
  assertAlibabaCredentials(credentials);
  return signRequestWith(request, (wire) => applyAlibabaV1Signature(wire, credentials, options));
}
