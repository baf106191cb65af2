/**
 * Huawei credentials as the client's per-attempt authentication step: AK/SK signing with
 * a fresh `X-Sdk-Date` every attempt, or the IAM token as `X-Auth-Token`; and a redactor
 * that knows these secrets.
 */
import { assertCredentialFields, configError, resolveClock, resolveSigningHost } from "../core/client/config.ts";
import { withHeaders } from "../core/http/wire.ts";
import type { Authenticate } from "../core/http/transport.ts";
import { Redactor } from "../core/common/redact.ts";
import type { HuaweiClientConfig } from "./config.ts";
import { assertHuaweiAccessKey, type HuaweiAccessKeyCredentials, type HuaweiTokenCredentials } from "./credentials.ts";
import { applyHuaweiSignature } from "./signer.ts";

/** The per-attempt authentication step and a redactor that knows this client's secrets. */
export function huaweiAuthentication(config: HuaweiClientConfig): { authenticate: Authenticate; redactor: Redactor } {
  const credentials = config.credentials as Partial<HuaweiAccessKeyCredentials & HuaweiTokenCredentials> | undefined;
  if (!credentials || typeof credentials !== "object") {
    throw configError("credentials", "is required: { accessKeyId, secretAccessKey } or { token }", "huawei");
  }
  if ("token" in credentials) {
    assertCredentialFields(credentials, "huawei", ["token"]);
    const token = credentials.token!;
    return {
      redactor: new Redactor([token]),
      authenticate: async (wire) => withHeaders(wire, { "x-auth-token": token }),
    };
  }
  assertHuaweiAccessKey(credentials as HuaweiAccessKeyCredentials);
  const keys = credentials as HuaweiAccessKeyCredentials;
  const now = resolveClock(config.now, "huawei");
  const host = resolveSigningHost(config.signingHost, "huawei");
  return {
    redactor: new Redactor([keys.secretAccessKey, keys.securityToken]),
    authenticate: (wire) => applyHuaweiSignature(wire, keys, { now: now(), host }),
  };
}
