/**
 * Valid calls of the Huawei operations beyond the EVS volume, snapshot and job core: the other
 * EVS SDK groups and the ECS server operations a rollback needs. Spread into `validCalls`
 * (huawei-calls.ts); keyed by operation id, or `<service>.<operationId>` where another
 * Huawei service has an operation of the same name (ECS and EVS both have `ShowJob`).
 */
import type { HuaweiService } from "./huawei-calls.ts";

const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
const SERVER = "f70915eb-8ef9-4b15-b726-518ace0663f2";

export const moreValidCalls: Record<string, { service: HuaweiService; params: Record<string, unknown> }> = {
  ShowServer: { service: "ecs", params: { server_id: SERVER } },
  AttachServerVolume: { service: "ecs", params: { server_id: SERVER, volumeAttachment: { volumeId: VOLUME, device: "/dev/vdb" } } },
  DetachServerVolume: { service: "ecs", params: { server_id: SERVER, volume_id: VOLUME, delete_flag: "0" } },
  "ecs.ShowJob": { service: "ecs", params: { job_id: "ff80808288d41e1b018990260955686a" } },
};
