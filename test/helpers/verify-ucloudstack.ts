/** Server-side check of a UCloudStack signature over the JSON body that arrived. */
import { signUCloudStack } from "../../src/ucloudstack/signer.ts";
import type { RecordedRequest } from "./fault-server.ts";

export async function verifyUCloudStackSignature(
  request: RecordedRequest,
  privateKeys: Record<string, string>,
): Promise<{ ok: boolean; reason?: string }> {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: "body is not JSON" };
  }
  const { Signature: signature, ...rest } = body;
  const publicKey = rest.PublicKey;
  if (typeof signature !== "string" || typeof publicKey !== "string") return { ok: false, reason: "Signature or PublicKey missing" };
  const privateKey = privateKeys[publicKey];
  if (!privateKey) return { ok: false, reason: "unknown public key" };
  const expected = await signUCloudStack(rest, { publicKey, privateKey });
  return expected === signature ? { ok: true } : { ok: false, reason: "signature mismatch" };
}
