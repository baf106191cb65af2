/**
 * Server-side check of a Huawei AK/SK signature, as the API gateway would do it:
 * parse `Authorization`, rebuild the canonical request from what actually arrived
 * (the host the server saw, the headers listed in SignedHeaders, the body bytes) and
 * compare. Used by tests to prove a signature verifies, not just that it is present.
 */
import { computeHuaweiSignature } from "../../src/huawei/signer.ts";
import { sha256Hex } from "../../src/core/common/webcrypto.ts";
import type { RecordedRequest } from "./fault-server.ts";

export interface VerifyResult {
  ok: boolean;
  accessKeyId?: string;
  signedHeaders?: string[];
  reason?: string;
}

export async function verifyHuaweiSignature(request: RecordedRequest, secrets: Record<string, string>): Promise<VerifyResult> {
  const match = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
    request.headers.authorization ?? "",
  );
  if (!match) return { ok: false, reason: "no SDK-HMAC-SHA256 Authorization header" };
  const [, accessKeyId, signedHeaderList, signature] = match as unknown as [string, string, string, string];
  const secret = secrets[accessKeyId];
  if (!secret) return { ok: false, accessKeyId, reason: "unknown access key" };
  const signedHeaders = signedHeaderList.split(";");
  const sdkDate = request.headers["x-sdk-date"];
  if (!sdkDate || !signedHeaders.includes("x-sdk-date")) return { ok: false, accessKeyId, reason: "x-sdk-date missing or unsigned" };
  const headers = signedHeaders.map((name) => [name, request.headers[name] ?? ""] as const);
  const host = request.headers.host ?? "";
  const url = new URL(request.url, `http://${host}`);
  const expected = await computeHuaweiSignature(
    { method: request.method, url, headers, payloadHash: await sha256Hex(request.body), sdkDate },
    secret,
  );
  return expected.signature === signature
    ? { ok: true, accessKeyId, signedHeaders }
    : { ok: false, accessKeyId, signedHeaders, reason: "signature mismatch" };
}
