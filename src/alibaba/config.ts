/**
 * How an ECS client is configured once: where (regionId or endpoint), which
 * credentials, which signature version, and the clock and nonce hooks for tests.
 */
import { configError, type CommonClientConfig } from "../core/client/config.ts";
import type { AlibabaCredentials } from "./credentials.ts";

export type SignatureVersion = "v3" | "v1";

export interface EcsClientConfig extends CommonClientConfig {
  /** Region id (`cn-hangzhou`): selects the endpoint by the official rules and fills `RegionId` wherever an action takes it. */
  regionId?: string;
  /** Full base URL instead of the regional endpoint (a mock, a proxy, a VPC endpoint). */
  endpoint?: string;
  credentials: AlibabaCredentials;
  /** `v3` (`ACS3-HMAC-SHA256`, headers; the official SDK's default) or `v1` (`HMAC-SHA1`, query). @default "v3" */
  signatureVersion?: SignatureVersion;
  /** Signing clock. @default () => new Date() */
  now?: () => Date;
  /** Nonce source, one per attempt. @default 32 random hex characters */
  nonce?: () => string;
  /** V3 only: the host to sign for when a proxy in between rewrites `Host`. */
  signingHost?: string;
}

/** The ECS factory's own options (any other key, beyond the common ones, is refused). */
export const ECS_CONFIG_KEYS: readonly string[] = [
  "regionId",
  "endpoint",
  "credentials",
  "signatureVersion",
  "now",
  "nonce",
  "signingHost",
];

export function resolveSignatureVersion(config: EcsClientConfig): SignatureVersion {
  const version = config.signatureVersion ?? "v3";
  if (version !== "v3" && version !== "v1") throw configError("signatureVersion", "must be 'v3' or 'v1'", "alibaba");
  return version;
}
