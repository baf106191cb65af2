/**
 * Client factories for the Huawei services: EVS (volumes and snapshots), IMS (the
 * image list the create-volume flow needs) and VBS (the backup list). Each is the
 * provider client (provider.ts) over that service's generated table.
 */
import { createProviderClient, type ProviderClient } from "../core/client/provider.ts";
import type { operations as EvsOperations, paths as EvsPaths } from "../../generated/huawei/evs.ts";
import { operationTable as evsTable } from "../../generated/huawei/evs.operations.ts";
import type { operations as ImsOperations, paths as ImsPaths } from "../../generated/huawei/ims.ts";
import { operationTable as imsTable } from "../../generated/huawei/ims.operations.ts";
import type { operations as VbsOperations, paths as VbsPaths } from "../../generated/huawei/vbs.ts";
import { operationTable as vbsTable } from "../../generated/huawei/vbs.operations.ts";
import type { HuaweiClientConfig, HuaweiProjectClientConfig } from "./config.ts";
import { huawei } from "./provider.ts";

export type EvsClient = ProviderClient<typeof huawei, EvsOperations, EvsPaths, typeof evsTable>;
export type ImsClient = ProviderClient<typeof huawei, ImsOperations, ImsPaths, typeof imsTable>;
export type VbsClient = ProviderClient<typeof huawei, VbsOperations, VbsPaths, typeof vbsTable>;

/** Elastic Volume Service: volumes, snapshots, rollback. `projectId` fills every `{project_id}`. */
export function createEvsClient(config: HuaweiProjectClientConfig): EvsClient {
  return createProviderClient<typeof huawei, EvsOperations, EvsPaths, typeof evsTable>(huawei, config, "evs", evsTable);
}

/** Image Management Service: the image list (`GET /v2/images`, no project id in the path). */
export function createImsClient(config: HuaweiClientConfig): ImsClient {
  return createProviderClient<typeof huawei, ImsOperations, ImsPaths, typeof imsTable>(huawei, config, "ims", imsTable);
}

/** Volume Backup Service: the backup list. `projectId` fills every `{project_id}`. */
export function createVbsClient(config: HuaweiProjectClientConfig): VbsClient {
  return createProviderClient<typeof huawei, VbsOperations, VbsPaths, typeof vbsTable>(huawei, config, "vbs", vbsTable);
}
