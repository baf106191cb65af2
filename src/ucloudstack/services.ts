/**
 * The UCloudStack service's factory: the provider definition (provider.ts) over the
 * generated `service` value. A new service is a spec in redocly.yaml and one line here.
 */
import { clientFactory, type ProviderClient, type ServiceMethods } from "../core/client/provider.ts";
import { service as ucloudStackService } from "../../generated/ucloudstack/ucloudstack.operations.ts";
import { ucloudstack } from "./provider.ts";

export type { UCloudStackClientConfig } from "./config.ts";

/** UCloudStack disk snapshots: create, list, roll back, delete. */
export const createUCloudStackClient = clientFactory(ucloudstack, ucloudStackService);

export type UCloudStackClient = ProviderClient<typeof ucloudstack, typeof ucloudStackService>;
/** One method per action, resolving to the success member (`RetCode: 0`) of its answer. */
export type UCloudStackMethods = ServiceMethods<typeof ucloudstack, typeof ucloudStackService>;
