/**
 * Clients pointed at the running mocks, a fetch that records Prism's
 * `sl-violations` for every response, and one valid call per operation. A new
 * operation gets its row in `validCalls`; the happy-path and error suites pick it up.
 */
import { inject } from "vitest";
import { parseViolations, type Violation } from "./violations.ts";
export type { Violation } from "./violations.ts";
import { createEcsClient, createEvsClient, createImsClient, createVbsClient } from "../src/huawei/index.ts";
import { moreValidCalls } from "./huawei-calls-more.ts";

export const PROJECT = "9c53a566cb3443ab910cf0daebca90c4";
export const VOLUME = "6b604cef-9bd8-4f5a-ae56-45839e6e1f0a";
export const SNAPSHOT = "b836dc3d-4e10-4ea4-a34c-8f6b0460a583";
export const credentials = { accessKeyId: "CONTRACTTESTAK", secretAccessKey: "contract-test-secret-key" };

export function huaweiMockClients() {
  const mocks = inject("mocks");
  const seen: Violation[][] = [];
  const sent: Request[] = [];
  const observe = async (request: Request) => {
    sent.push(request.clone());
    const response = await fetch(request);
    seen.push(parseViolations(response.headers.get("sl-violations")));
    return response;
  };
  const common = { credentials, fetch: observe, retry: false as const };
  const clients = {
    evs: createEvsClient({ ...common, projectId: PROJECT, endpoint: mocks["huawei-evs"]! }),
    ims: createImsClient({ ...common, endpoint: mocks["huawei-ims"]! }),
    vbs: createVbsClient({ ...common, projectId: PROJECT, endpoint: mocks["huawei-vbs"]! }),
    ecs: createEcsClient({ ...common, projectId: PROJECT, endpoint: mocks["huawei-ecs"]! }),
  };
  return { ...clients, send: observe, lastViolations: () => seen.at(-1) ?? [], calls: () => seen.length, lastRequest: () => sent.at(-1)! };
}

export type HuaweiService = "evs" | "ims" | "vbs" | "ecs";

/** A valid call of every operation, with the parameters a user would pass. */
export const validCalls: Record<string, { service: HuaweiService; params: Record<string, unknown> }> = {
  CinderListAvailabilityZones: { service: "evs", params: {} },
  CinderCreateVolume: {
    service: "evs",
    params: { volume: { name: "contract-vol", size: 40, availability_zone: "cn-north-4a", volume_type: "SSD", metadata: { owner: "ci" } } },
  },
  CinderListVolumes: { service: "evs", params: { limit: 10, status: "available" } },
  CinderListVolumesDetails: { service: "evs", params: { limit: 10, marker: VOLUME } },
  CinderShowVolume: { service: "evs", params: { volume_id: VOLUME } },
  CinderResizeVolume: { service: "evs", params: { volume_id: VOLUME, "os-extend": { new_size: 100 } } },
  CinderDeleteVolume: { service: "evs", params: { volume_id: VOLUME, cascade: true } },
  CinderCreateSnapshot: {
    service: "evs",
    params: { snapshot: { volume_id: VOLUME, name: "snap-001", description: "Daily backup", force: false } },
  },
  CinderListSnapshots: { service: "evs", params: { volume_id: VOLUME } },
  CinderListSnapshotsDetails: { service: "evs", params: { limit: 5 } },
  CinderShowSnapshot: { service: "evs", params: { snapshot_id: SNAPSHOT } },
  CinderDeleteSnapshot: { service: "evs", params: { snapshot_id: SNAPSHOT } },
  RollbackSnapshot: { service: "evs", params: { snapshot_id: SNAPSHOT, rollback: { volume_id: VOLUME, name: "test-001" } } },
  RollbackVendorSnapshot: { service: "evs", params: { snapshot_id: SNAPSHOT, rollback: { volume_id: VOLUME } } },
  CreateSnapshot: {
    service: "evs",
    params: {
      snapshot: {
        volume_id: VOLUME,
        name: "db-data-01-pre-upgrade",
        description: "Before PostgreSQL 16 upgrade",
        force: true,
        metadata: { ticket: "OPS-4711" },
      },
    },
  },
  ListSnapshots: { service: "evs", params: { volume_id: VOLUME, offset: 0, limit: 50, status: "available", service_type: "EVS" } },
  ShowSnapshot: { service: "evs", params: { snapshot_id: SNAPSHOT } },
  UpdateSnapshot: { service: "evs", params: { snapshot_id: SNAPSHOT, snapshot: { name: "db-data-01-known-good" } } },
  DeleteSnapshot: { service: "evs", params: { snapshot_id: SNAPSHOT } },
  CreateVolume: {
    service: "evs",
    params: { volume: { availability_zone: "cn-north-4a", name: "db-data-01", volume_type: "SSD", size: 100, tags: { env: "prod" } } },
  },
  ListVolumes: {
    service: "evs",
    params: { limit: 1, marker: VOLUME, multiattach: false, server_id: "f70915eb-8ef9-4b15-b726-518ace0663f2" },
  },
  ShowVolume: { service: "evs", params: { volume_id: VOLUME } },
  UpdateVolume: { service: "evs", params: { volume_id: VOLUME, volume: { name: "db-data-02", description: "Renamed data volume" } } },
  DeleteVolume: { service: "evs", params: { volume_id: VOLUME } },
  ResizeVolume: { service: "evs", params: { volume_id: VOLUME, "os-extend": { new_size: 200 }, bssParam: { isAutoPay: "true" } } },
  ShowJob: { service: "evs", params: { job_id: "70a599e0-31e7-49b7-b260-868f441e862b" } },
  GlanceListImages: { service: "ims", params: { limit: 25, status: "active" } },
  ListBackups: { service: "vbs", params: { limit: 10 } },
  ...moreValidCalls,
};
