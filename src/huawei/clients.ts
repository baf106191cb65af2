/**
 * Client factories for the Huawei services: EVS (volumes and snapshots), IMS (the
 * image list the create-volume flow needs) and VBS (the backup list). Each is the
 * shared operation client over that service's generated table, with Huawei auth and
 * Huawei error unwrapping.
 */
import { resolveCommonConfig } from "../core/config.ts";
import { createOperationClient, type OperationClient } from "../core/operation-client.ts";
import type { OperationTable } from "../core/operation-table.ts";
import type { operations as EvsOperations, paths as EvsPaths } from "../../generated/huawei/evs.ts";
import { operationTable as evsTable } from "../../generated/huawei/evs.operations.ts";
import type { operations as ImsOperations, paths as ImsPaths } from "../../generated/huawei/ims.ts";
import { operationTable as imsTable } from "../../generated/huawei/ims.operations.ts";
import type { operations as VbsOperations, paths as VbsPaths } from "../../generated/huawei/vbs.ts";
import { operationTable as vbsTable } from "../../generated/huawei/vbs.operations.ts";
import {
  HUAWEI_CONFIG_KEYS,
  huaweiAuthentication,
  resolveHuaweiBaseUrl,
  resolveProjectId,
  type HuaweiClientConfig,
  type HuaweiProjectClientConfig,
} from "./config.ts";
import { huaweiAdapter } from "./errors.ts";

export type EvsClient = OperationClient<EvsOperations, EvsPaths, typeof evsTable, "project_id">;
export type ImsClient = OperationClient<ImsOperations, ImsPaths, typeof imsTable, never>;
export type VbsClient = OperationClient<VbsOperations, VbsPaths, typeof vbsTable, "project_id">;

function createHuaweiClient<Ops, Paths extends {}, Table extends OperationTable, Fixed extends PropertyKey>(
  config: HuaweiClientConfig,
  service: string,
  operations: Table,
  fixedParams: Record<string, string>,
): OperationClient<Ops, Paths, Table, Fixed> {
  const common = resolveCommonConfig(config, "huawei", HUAWEI_CONFIG_KEYS);
  const baseUrl = resolveHuaweiBaseUrl(config, service);
  const { authenticate, redactor } = huaweiAuthentication(config);
  return createOperationClient<Ops, Paths, Table, Fixed>({
    ...common,
    adapter: huaweiAdapter,
    operations,
    baseUrl,
    fixedParams,
    authenticate,
    redactor,
  });
}

/** Elastic Volume Service: volumes, snapshots, rollback. `projectId` fills every `{project_id}`. */
export function createEvsClient(config: HuaweiProjectClientConfig): EvsClient {
  return createHuaweiClient<EvsOperations, EvsPaths, typeof evsTable, "project_id">(config, "evs", evsTable, {
    project_id: resolveProjectId(config),
  });
}

/** Image Management Service: the image list (`GET /v2/images`, no project id in the path). */
export function createImsClient(config: HuaweiClientConfig): ImsClient {
  return createHuaweiClient<ImsOperations, ImsPaths, typeof imsTable, never>(config, "ims", imsTable, {});
}

/** Volume Backup Service: the backup list. `projectId` fills every `{project_id}`. */
export function createVbsClient(config: HuaweiProjectClientConfig): VbsClient {
  return createHuaweiClient<VbsOperations, VbsPaths, typeof vbsTable, "project_id">(config, "vbs", vbsTable, {
    project_id: resolveProjectId(config),
  });
}
