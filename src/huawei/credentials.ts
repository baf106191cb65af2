/**
 * What a Huawei client authenticates with: an AK/SK pair (signed, `SDK-HMAC-SHA256`) or
 * an IAM token, and the check that refuses anything else before a request is built.
 */
import { assertCredentialFields } from "../core/client/config.ts";

export interface HuaweiAccessKeyCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** With temporary AK/SK: sent (and signed) as `X-Security-Token`. */
  securityToken?: string | undefined;
}

/** An IAM token (the `X-Subject-Token` from `POST /v3/auth/tokens`), sent as `X-Auth-Token`. */
export interface HuaweiTokenCredentials {
  token: string;
}

export type HuaweiCredentials = HuaweiAccessKeyCredentials | HuaweiTokenCredentials;

export function assertHuaweiAccessKey(credentials: HuaweiAccessKeyCredentials | undefined, optionPrefix = "credentials"): void {
  assertCredentialFields(credentials, "huawei", ["accessKeyId", "secretAccessKey"], ["securityToken"], optionPrefix);
}
