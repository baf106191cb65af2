/**
 * Huawei Cloud as one provider definition: the endpoint from `region` or `endpoint`,
 * AK/SK signing or an IAM token, Huawei's error envelopes, and `project_id` filled from
 * `projectId` in every service whose paths take it (EVS, VBS; not IMS).
 */
import { defineProvider } from "../core/client/provider.ts";
import type { OperationTable } from "../core/operations/operation-table.ts";
import { huaweiAuthentication } from "./auth.ts";
import { HUAWEI_CONFIG_KEYS, resolveHuaweiBaseUrl, resolveProjectId, type HuaweiClientConfig } from "./config.ts";
import { huaweiAdapter } from "./errors.ts";

/** Any operation of the service has `{project_id}` in its path. */
function takesProjectId(operations: OperationTable): boolean {
  return Object.values(operations).some((operation) => operation.pathParams.includes("project_id"));
}

export const huawei = defineProvider<HuaweiClientConfig & { projectId?: string }, "project_id">({
  provider: "huawei",
  configKeys: HUAWEI_CONFIG_KEYS,
  adapter: huaweiAdapter,
  connect(config, service, operations) {
    const filled = takesProjectId(operations) ? { project_id: resolveProjectId(config) } : {};
    return { baseUrl: resolveHuaweiBaseUrl(config, service), ...huaweiAuthentication(config), filled, defaults: {} };
  },
});
