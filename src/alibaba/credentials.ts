/** Alibaba Cloud credentials: an AccessKey pair, or STS temporary credentials with a security token. */
import { assertCredentialFields } from "../core/client/config.ts";

export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token for temporary credentials (`x-acs-security-token` in V3, `SecurityToken` in V1). */
  securityToken?: string | undefined;
}

export function assertAlibabaCredentials(credentials: AlibabaCredentials | undefined, option = "credentials"): void {
  assertCredentialFields(credentials, "alibaba", ["accessKeyId", "accessKeySecret"], ["securityToken"], option);
}
