/**
 * Alibaba credentials as the client's per-attempt signing step (V3 in headers or V1 in
 * the query, a fresh date and nonce every attempt) and a redactor for these secrets.
 */
import { optionalFunction, resolveClock, resolveSigningHost } from "../core/client/config.ts";
import type { Authenticate } from "../core/http/transport.ts";
import { Redactor } from "../core/common/redact.ts";
import type { EcsClientConfig, SignatureVersion } from "./config.ts";
import { assertAlibabaCredentials } from "./credentials.ts";
import { applyAlibabaV1Signature } from "./signer-v1.ts";
import { applyAlibabaV3Signature } from "./signer-v3.ts";

/** The per-attempt signing step (fresh date and nonce every attempt) and a redactor for these secrets. */
export function alibabaAuthentication(
  config: EcsClientConfig,
  version: SignatureVersion,
): { authenticate: Authenticate; redactor: Redactor } {
  assertAlibabaCredentials(config.credentials);
  const credentials = config.credentials;
  const now = resolveClock(config.now, "alibaba");
  const nonce = optionalFunction(config.nonce, "nonce", "alibaba");
  const host = resolveSigningHost(config.signingHost, "alibaba");
  const redactor = new Redactor([credentials.accessKeySecret, credentials.securityToken]);
  const authenticate: Authenticate =
    version === "v3"
      ? (wire) => applyAlibabaV3Signature(wire, credentials, { now: now(), nonce: nonce?.(), host })
      : (wire) => applyAlibabaV1Signature(wire, credentials, { now: now(), nonce: nonce?.() });
  return { authenticate, redactor };
}
