/**
 * What every Huawei client is configured with, once: where (region or endpoint),
 * which project, and how to authenticate (AK/SK signing or an IAM token).
 */
import type { CommonClientConfig } from "../core/client/config.ts";
import type { HuaweiCredentials } from "./credentials.ts";

export interface HuaweiClientConfig extends CommonClientConfig {
  /** Region id such as `cn-north-4`; builds `https://<service>.<region>.myhuaweicloud.com`. */
  region?: string;
  /** Full base URL instead of `region` (a mock, a proxy, a dedicated endpoint). */
  endpoint?: string;
  /** AK/SK (`{ accessKeyId, secretAccessKey, securityToken? }`) or `{ token }`. */
  credentials: HuaweiCredentials;
  /** Signing clock, for tests and for hosts whose clock is known to drift. @default () => new Date() */
  now?: () => Date;
  /**
   * AK/SK only: the host to sign for when requests reach the service through a proxy
   * that rewrites `Host` (e.g. `evs.cn-north-4.myhuaweicloud.com` while `endpoint`
   * is the proxy). @default the endpoint's host
   */
  signingHost?: string;
  /** The project id (from IAM) that fills every `{project_id}` path segment; required by the services whose paths take one (EVS, VBS). */
  projectId?: string;
}

/** The configuration of a service whose paths take `{project_id}` (EVS, VBS): `projectId` is required. */
export interface HuaweiProjectClientConfig extends HuaweiClientConfig {
  projectId: string;
}

/**
 * Huawei's own options. One list for the three factories, `projectId` included: one
 * configuration object may serve EVS, VBS and IMS (which has no project in its paths).
 */
export const HUAWEI_CONFIG_KEYS: readonly string[] = ["region", "endpoint", "credentials", "now", "signingHost", "projectId"];
