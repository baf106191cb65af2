/** Alibaba Cloud credentials: an AccessKey pair, or STS temporary credentials with a security token. */
import { assertCredentialFields } from "../core/client/config.ts";

export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token for temporary credentials (`x-acs-security-token` in V3, `SecurityToken` in V1). */
  securityToken?: string | undefined;
}

export interface AlibabaSignOptions {
  /** Signing time. @default new Date() */
  now?: Date | undefined;
  /** The anti-replay nonce. @default 32 random hex characters */
  nonce?: string | undefined;
}

export function assertAlibabaCredentials(credentials: AlibabaCredentials | undefined, option = "credentials"): void {
  assertCredentialFields(credentials, "alibaba", ["accessKeyId", "accessKeySecret"], ["securityToken"], option);
}

/** `2023-10-26T10:22:32Z`: ISO 8601 in UTC without milliseconds, as both signature versions want it. */
export function formatAcsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
