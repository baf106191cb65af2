/** How a UCloudStack client is configured: the deployment's gateway, its region (and zone), the key pair. */
import type { CommonClientConfig } from "../core/client/config.ts";
import type { UCloudStackCredentials } from "./credentials.ts";

export interface UCloudStackClientConfig extends CommonClientConfig {
  /** The deployment's API gateway, e.g. `https://console.example.com/api` (private cloud: always required). */
  endpoint: string;
  /** `Region` sent with every action (e.g. `cn`). */
  region: string;
  /** `Zone` for releases that take it (1.x); omit it for releases that dropped it (2.x). */
  zone?: string;
  credentials: UCloudStackCredentials;
}

/** UCloudStack's own options (any other key, beyond the common ones, is refused). */
export const UCLOUDSTACK_CONFIG_KEYS: readonly string[] = ["endpoint", "region", "zone", "credentials"];
