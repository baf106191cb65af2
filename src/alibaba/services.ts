/**
 * `createEcsClient`: the provider client (provider.ts) over the generated ECS table.
 */
import { createProviderClient, type ProviderClient, type ServiceMethods } from "../core/client/provider.ts";
import type { operations as EcsOperations, paths as EcsPaths } from "../../generated/alibaba/ecs.ts";
import { operationTable } from "../../generated/alibaba/ecs.operations.ts";
import type { EcsClientConfig } from "./config.ts";
import { alibaba } from "./provider.ts";

/** One method per action; actions that take `DryRun` may also resolve to `DryRunPassed`. */
export type EcsMethods = ServiceMethods<typeof alibaba, EcsOperations>;

export type EcsClient = ProviderClient<typeof alibaba, EcsOperations, EcsPaths, typeof operationTable>;

/** Alibaba Cloud ECS (API 2014-05-26): disks, snapshots, disk reset. */
export function createEcsClient(config: EcsClientConfig): EcsClient {
  return createProviderClient<typeof alibaba, EcsOperations, EcsPaths, typeof operationTable>(alibaba, config, "ecs", operationTable);
}
