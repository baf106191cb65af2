/**
 * The Alibaba services, one factory each: the provider definition (provider.ts) over the
 * service's generated `service` value. A new service is a spec in redocly.yaml and one line here.
 */
import { clientFactory, type ProviderClient, type ServiceMethods } from "../core/client/provider.ts";
import { service as ecs } from "../../generated/alibaba/ecs.operations.ts";
import { alibaba } from "./provider.ts";

/** Alibaba Cloud ECS (API 2014-05-26): disks, snapshots, disk reset. */
export const createEcsClient = clientFactory(alibaba, ecs);

export type EcsClient = ProviderClient<typeof alibaba, typeof ecs>;
/** One method per action; actions that take `DryRun` may also resolve to `DryRunPassed`. */
export type EcsMethods = ServiceMethods<typeof alibaba, typeof ecs>;
