/**
 * ECS clients (V3 and V1) pointed at the running mock, recording Prism's
 * `sl-violations`, and one valid call per action. A new action gets its row here.
 */
import { inject } from "vitest";
import { parseViolations, type Violation } from "./violations.ts";
export type { Violation } from "./violations.ts";
import { createEcsClient, type SignatureVersion } from "../src/alibaba/index.ts";

export const REGION = "cn-hangzhou";
export const DISK = "d-bp1a5e0b4j3mxm9w8d3q";
export const SNAPSHOT = "s-bp1c0doj0taqyzzlxyzz";
export const INSTANCE = "i-bp67acfmxazb4q1a2b3c";
export const SNAPSHOT_GROUP = "ssg-j6c9lpuyxo2uxxny4s2h";
export const POLICY = "sp-bp14yziiuvu3s6jn4f3g";
export const credentials = { accessKeyId: "LTAI5tContractTestKey", accessKeySecret: "contract-test-access-key-secret" };

export function ecsMockClient(signatureVersion: SignatureVersion) {
  const seen: Violation[][] = [];
  const sent: Request[] = [];
  const send = async (request: Request) => {
    sent.push(request.clone());
    const response = await fetch(request);
    seen.push(parseViolations(response.headers.get("sl-violations")));
    return response;
  };
  const ecs = createEcsClient({
    endpoint: inject("mocks")["alibaba-ecs"]!,
    regionId: REGION,
    credentials,
    signatureVersion,
    retry: false,
    fetch: send,
  });
  return { ecs, send, lastViolations: () => seen.at(-1) ?? [], lastRequest: () => sent.at(-1) };
}

/** A valid call of every action, as a user writes it (RegionId comes from the client). */
export const validCalls: Record<string, Record<string, unknown>> = {
  ResetDisks: {
    Disk: [
      { DiskId: DISK, SnapshotId: SNAPSHOT },
      { DiskId: "d-bp1a5e0b4j3mxm9w8d3r", SnapshotId: "s-bp1c0doj0taqyzzlxyz0" },
    ],
  },
  ResetDisk: { DiskId: DISK, SnapshotId: SNAPSHOT },
  CreateSnapshot: { DiskId: DISK, SnapshotName: "before-upgrade", Description: "nightly * copy", Tag: [{ Key: "team", Value: "storage" }] },
  DescribeSnapshots: { DiskId: DISK, MaxResults: 10, SnapshotIds: JSON.stringify([SNAPSHOT]) },
  DeleteSnapshot: { SnapshotId: SNAPSHOT, Force: false },
  DescribeDisks: { DiskIds: JSON.stringify([DISK]), MaxResults: 50 },
  StopInstance: { InstanceId: INSTANCE, ForceStop: false, StoppedMode: "KeepCharging" },
  StartInstance: { InstanceId: INSTANCE },
  DescribeInstanceStatus: { InstanceId: [INSTANCE], PageSize: 50 },
  DescribeInstances: { InstanceIds: JSON.stringify([INSTANCE]), MaxResults: 10, Tag: [{ Key: "team", Value: "storage" }] },
  AttachDisk: { InstanceId: INSTANCE, DiskId: DISK, DeleteWithInstance: false },
  DetachDisk: { InstanceId: INSTANCE, DiskId: DISK },
  CreateDisk: {
    ZoneId: "cn-hangzhou-g",
    DiskCategory: "cloud_essd",
    Size: 40,
    SnapshotId: SNAPSHOT,
    Tag: [{ Key: "team", Value: "storage" }],
  },
  DeleteDisk: { DiskId: DISK },
  ResizeDisk: { DiskId: DISK, NewSize: 100, Type: "online" },
  ModifyDiskAttribute: { DiskId: DISK, DiskName: "data-1", DeleteAutoSnapshot: false },
  ModifySnapshotAttribute: { SnapshotId: SNAPSHOT, SnapshotName: "before-upgrade", RetentionDays: 30 },
  CopySnapshot: {
    SnapshotId: SNAPSHOT,
    DestinationRegionId: "cn-shanghai",
    DestinationSnapshotName: "copy-of-before-upgrade",
    DestinationSnapshotDescription: "cross-region copy",
  },
  DescribeSnapshotsUsage: {},
  DescribeSnapshotLinks: { DiskIds: JSON.stringify([DISK]), PageSize: 10 },
  CreateSnapshotGroup: { InstanceId: INSTANCE, Name: "app-consistent", ExcludeDiskId: ["d-bp1a5e0b4j3mxm9w8d3r"] },
  DescribeSnapshotGroups: { SnapshotGroupId: [SNAPSHOT_GROUP], Status: ["accomplished"], MaxResults: 10 },
  DeleteSnapshotGroup: { SnapshotGroupId: SNAPSHOT_GROUP },
  ModifySnapshotGroup: { SnapshotGroupId: SNAPSHOT_GROUP, Name: "app-consistent-2" },
  CreateAutoSnapshotPolicy: { timePoints: '["0","12"]', repeatWeekdays: '["1","4"]', retentionDays: 7, autoSnapshotPolicyName: "nightly" },
  ModifyAutoSnapshotPolicyEx: { autoSnapshotPolicyId: POLICY, retentionDays: 14 },
  DescribeAutoSnapshotPolicyEx: { AutoSnapshotPolicyId: POLICY, PageSize: 10 },
  ApplyAutoSnapshotPolicy: { autoSnapshotPolicyId: POLICY, diskIds: JSON.stringify([DISK]) },
  CancelAutoSnapshotPolicy: { diskIds: JSON.stringify([DISK]) },
  DeleteAutoSnapshotPolicy: { autoSnapshotPolicyId: POLICY },
  TagResources: { ResourceType: "snapshot", ResourceId: [SNAPSHOT], Tag: [{ Key: "team", Value: "storage" }] },
  ListTagResources: { ResourceType: "disk", ResourceId: [DISK] },
  UntagResources: { ResourceType: "snapshot", ResourceId: [SNAPSHOT], TagKey: ["team"] },
};
