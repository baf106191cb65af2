/**
 * The Huawei services, one factory each: the provider definition (provider.ts) over the
 * service's generated `service` value. A new service is a spec in redocly.yaml and one line here.
 */
import { clientFactory, type ProviderClient } from "../core/client/provider.ts";
import { service as evs } from "../../generated/huawei/evs.operations.ts";
import { service as ims } from "../../generated/huawei/ims.operations.ts";
import { service as vbs } from "../../generated/huawei/vbs.operations.ts";
import { service as ecs } from "../../generated/huawei/ecs.operations.ts";
import { huawei } from "./provider.ts";

/** Elastic Volume Service: volumes, snapshots, rollback. `projectId` fills every `{project_id}`. */
export const createEvsClient = clientFactory(huawei, evs);
/** Image Management Service: the image list (`GET /v2/images`, no project id in the path). */
export const createImsClient = clientFactory(huawei, ims);
/** Volume Backup Service: the backup list. `projectId` fills every `{project_id}`. */
export const createVbsClient = clientFactory(huawei, vbs);
/** Elastic Cloud Server: show a server, attach/detach a volume, and the job they return. `projectId` fills every `{project_id}`. */
export const createEcsClient = clientFactory(huawei, ecs);

export type EvsClient = ProviderClient<typeof huawei, typeof evs>;
export type ImsClient = ProviderClient<typeof huawei, typeof ims>;
export type VbsClient = ProviderClient<typeof huawei, typeof vbs>;
export type EcsClient = ProviderClient<typeof huawei, typeof ecs>;
