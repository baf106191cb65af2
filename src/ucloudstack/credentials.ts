/** A UCloudStack API key pair: the public key is sent, the private key only signs. */
import { assertCredentialFields } from "../core/client/config.ts";

export interface UCloudStackCredentials {
  publicKey: string;
  privateKey: string;
}

export function assertUCloudStackCredentials(credentials: UCloudStackCredentials | undefined): void {
  assertCredentialFields(credentials, "ucloudstack", ["publicKey", "privateKey"]);
}
