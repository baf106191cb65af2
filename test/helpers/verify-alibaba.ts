/**
 * Server-side checks of Alibaba signatures, as the gateway would do them, over what
 * actually arrived (the host the server saw, the query as received, the body bytes).
 */
import { computeRpcSignature } from "../../src/alibaba/signer-v1.ts";
import { computeAcs3Signature } from "../../src/alibaba/signer-v3.ts";
import { sha256Hex } from "../../src/core/common/webcrypto.ts";
import type { RecordedRequest } from "./fault-server.ts";

export interface AlibabaVerifyResult {
  ok: boolean;
  version?: "v1" | "v3";
  accessKeyId?: string;
  reason?: string;
}

/** The received query, decoded the way an HTTP server decodes a form-style query. */
function queryPairs(request: RecordedRequest): Array<[string, string]> {
  return [...new URL(request.url, "http://x").searchParams];
}

export async function verifyAlibabaV3(request: RecordedRequest, secrets: Record<string, string>): Promise<AlibabaVerifyResult> {
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
    request.headers.authorization ?? "",
  );
  if (!match) return { ok: false, reason: "no ACS3-HMAC-SHA256 Authorization header" };
  const [, accessKeyId, signedHeaders, signature] = match as unknown as [string, string, string, string];
  const secret = secrets[accessKeyId];
  if (!secret) return { ok: false, accessKeyId, reason: "unknown access key" };
  const bodyHash = await sha256Hex(request.body);
  if (request.headers["x-acs-content-sha256"] !== bodyHash)
    return { ok: false, accessKeyId, reason: "x-acs-content-sha256 does not match the body" };
  const headers = signedHeaders.split(";").map((name) => [name, request.headers[name] ?? ""] as const);
  const url = new URL(`http://${request.headers.host}/`);
  url.pathname = new URL(request.url, "http://x").pathname;
  url.search = new URLSearchParams(queryPairs(request)).toString();
  const expected = await computeAcs3Signature({ method: request.method, url, headers, payloadHash: bodyHash }, secret);
  return expected.signature === signature
    ? { ok: true, version: "v3", accessKeyId }
    : { ok: false, version: "v3", accessKeyId, reason: "signature mismatch" };
}

export async function verifyAlibabaV1(request: RecordedRequest, secrets: Record<string, string>): Promise<AlibabaVerifyResult> {
  const pairs = queryPairs(request);
  const signature = pairs.find(([name]) => name === "Signature")?.[1];
  const accessKeyId = pairs.find(([name]) => name === "AccessKeyId")?.[1];
  if (!signature || !accessKeyId) return { ok: false, reason: "Signature or AccessKeyId missing" };
  const secret = secrets[accessKeyId];
  if (!secret) return { ok: false, accessKeyId, reason: "unknown access key" };
  const form = (request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
    ? [...new URLSearchParams(request.body)]
    : [];
  const expected = await computeRpcSignature(request.method, [...pairs.filter(([name]) => name !== "Signature"), ...form], secret);
  return expected.signature === signature
    ? { ok: true, version: "v1", accessKeyId }
    : { ok: false, version: "v1", accessKeyId, reason: "signature mismatch" };
}
