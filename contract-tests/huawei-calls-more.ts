/**
 * Valid calls of the Huawei operations beyond the EVS volume, snapshot and job core: the other
 * EVS SDK groups and the ECS server operations a rollback needs. Spread into `validCalls`
 * (huawei-calls.ts); keyed by operation id, or `<service>.<operationId>` where another
 * Huawei service has an operation of the same name (ECS and EVS both have `ShowJob`).
 */
import type { HuaweiService } from "./huawei-calls.ts";

const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
const SERVER = "f70915eb-8ef9-4b15-b726-518ace0663f2";
const TRANSFER = "cac5c677-73a9-4288-bb9c-b2ebfb547377";
const PROJECT = "9c53a566cb3443ab910cf0daebca90c4";

export const moreValidCalls: Record<string, { service: HuaweiService; params: Record<string, unknown> }> = {
  ShowServer: { service: "ecs", params: { server_id: SERVER } },
  BatchStopServers: { service: "ecs", params: { "os-stop": { servers: [{ id: SERVER }], type: "SOFT" } } },
  BatchStartServers: { service: "ecs", params: { "os-start": { servers: [{ id: SERVER }] } } },
  AttachServerVolume: { service: "ecs", params: { server_id: SERVER, volumeAttachment: { volumeId: VOLUME, device: "/dev/vdb" } } },
  DetachServerVolume: { service: "ecs", params: { server_id: SERVER, volume_id: VOLUME, delete_flag: "0" } },
  "ecs.ShowJob": { service: "ecs", params: { job_id: "ff80808288d41e1b018990260955686a" } },
  CinderCreateVolumeTransfer: { service: "evs", params: { transfer: { volume_id: VOLUME, name: "db-data-01 to analytics" } } },
  CinderListVolumeTransfers: { service: "evs", params: { limit: 50, offset: 0 } },
  CinderShowVolumeTransfer: { service: "evs", params: { transfer_id: TRANSFER } },
  CinderDeleteVolumeTransfer: { service: "evs", params: { transfer_id: TRANSFER } },
  CinderAcceptVolumeTransfer: { service: "evs", params: { transfer_id: TRANSFER, accept: { auth_key: "9266c59563c84664" } } },
  CinderListQuotas: { service: "evs", params: { target_project_id: PROJECT, usage: "True" } },
  CinderListVolumeTypes: { service: "evs", params: {} },
  ListVersions: { service: "evs", params: {} },
  ShowVersion: { service: "evs", params: { version: "v2" } },
  ListVolumesInRecycle: { service: "evs", params: { limit: 100, offset: 0, availability_zone: "cn-north-4a" } },
  ShowVolumeInRecycle: { service: "evs", params: { volume_id: VOLUME } },
  DeleteVolumeInRecycle: { service: "evs", params: { volume_id: VOLUME } },
  ShowRecyclePolicy: { service: "evs", params: {} },
  UpdateRecyclePolicy: { service: "evs", params: { switch: true, threshold_time: 7, keep_time: 30 } },
  ModifyVolumeQoS: { service: "evs", params: { volume_id: VOLUME, qos_modify: { iops: 10000, throughput: 200 } } },
  RetypeVolume: { service: "evs", params: { volume_id: VOLUME, "os-retype": { new_type: "GPSSD2", iops: 5000, throughput: 250 } } },
  BatchResizeVolumes: { service: "evs", params: { volumes: [{ id: VOLUME, new_size: 200 }] } },
  UnsubscribePostpaidVolume: { service: "evs", params: { volume_ids: [VOLUME] } },
  ListVolumeTags: { service: "evs", params: {} },
  BatchCreateVolumeTags: {
    service: "evs",
    params: { volume_id: VOLUME, action: "create", tags: [{ key: "owner", value: "platform-team" }] },
  },
  BatchDeleteVolumeTags: { service: "evs", params: { volume_id: VOLUME, action: "delete", tags: [{ key: "owner" }] } },
  ShowVolumeTags: { service: "evs", params: { volume_id: VOLUME } },
  ListVolumesByTags: {
    service: "evs",
    params: {
      action: "filter",
      tags: [{ key: "owner", values: ["platform-team"] }],
      limit: 50,
      offset: 0,
      matches: [{ key: "service_type", value: "EVS" }],
    },
  },
};
