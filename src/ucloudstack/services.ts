/**
 * `createUCloudStackClient`: the provider client (provider.ts) over the generated
 * UCloudStack table.
 */
import { createProviderClient, type ProviderClient, type ServiceMethods } from "../core/client/provider.ts";
import type { operations as UcsOperations, paths as UcsPaths } from "../../generated/ucloudstack/ucloudstack.ts";
import { operationTable } from "../../generated/ucloudstack/ucloudstack.operations.ts";
import type { UCloudStackClientConfig } from "./config.ts";
import { ucloudstack } from "./provider.ts";

export type { UCloudStackClientConfig };

/** One method per action, resolving to the success member (`RetCode: 0`) of its answer. */
export type UCloudStackMethods = ServiceMethods<typeof ucloudstack, UcsOperations>;

export type UCloudStackClient = ProviderClient<typeof ucloudstack, UcsOperations, UcsPaths, typeof operationTable>;

export function createUCloudStackClient(config: UCloudStackClientConfig): UCloudStackClient {
  return createProviderClient<typeof ucloudstack, UcsOperations, UcsPaths, typeof operationTable>(
    ucloudstack,
    config,
    "ucloudstack",
    operationTable,
  );
}
