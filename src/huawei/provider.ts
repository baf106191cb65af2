/**
 * Huawei Cloud as one provider definition: AK/SK signing or an IAM token, and Huawei's
 * error envelopes. The host (`https://<service>.{region}.myhuaweicloud.com`, or
 * `endpoint`) and `project_id` (from `projectId`, in every service whose paths take it:
 * EVS, VBS; not IMS) come from each service's spec.
 */
import { defineProvider } from "../core/client/provider.ts";
import { huaweiAuthentication } from "./auth.ts";
import { HUAWEI_CONFIG_KEYS, type HuaweiClientConfig } from "./config.ts";
import { huaweiAdapter } from "./errors.ts";

export const huawei = defineProvider<HuaweiClientConfig>({
  provider: "huawei",
  configKeys: HUAWEI_CONFIG_KEYS,
  adapter: huaweiAdapter,
  connect: (config) => huaweiAuthentication(config),
});
