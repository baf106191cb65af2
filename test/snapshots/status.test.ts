/**
 * The manager's statuses come from the specs' `x-status-groups` (the generated `statusGroups`), not from a table
 * in src/: every grouped spelling of every provider reads as its group's word (in any case), an ungrouped
 * documented spelling reads `unknown`, and `readyToUse` follows the provider's own notion (Alibaba `Available`).
 */
import { describe, expect, it } from "vitest";
import { statusGroups as huaweiGroups } from "../../generated/huawei/evs.waiters.ts";
import { statusGroups as alibabaGroups } from "../../generated/alibaba/ecs.waiters.ts";
import { statusGroups as ucloudstackGroups } from "../../generated/ucloudstack/ucloudstack.waiters.ts";
import { huawei } from "../../src/snapshots/huawei.ts";
import { alibaba } from "../../src/snapshots/alibaba.ts";
import { ucloudstack } from "../../src/snapshots/ucloudstack.ts";
import type { HuaweiSnapshotRecord } from "../../src/snapshots/huawei.ts";
import type { AlibabaSnapshotRecord } from "../../src/snapshots/alibaba.ts";
import type { UCloudStackSnapshotRecord } from "../../src/snapshots/ucloudstack.ts";

const spellings = (groups: Record<string, string>) =>
  Object.entries(groups).flatMap(([word, list]) => list.split(" ").map((spelling) => [spelling, word] as const));

const huaweiRecord = (status: string): HuaweiSnapshotRecord => ({
  id: "0d010816-5a55-471e-a6c2-9321b6cdbb8a",
  status,
  volume_id: "0c789a06-d00d-4cfc-861e-c23facc69a0a",
  size: 100,
  created_at: "2024-05-20T01:58:12.400127",
  "os-extended-snapshot-attributes:progress": "40%",
});
const alibabaRecord = (Status: string, Available = false): AlibabaSnapshotRecord => ({
  SnapshotId: "s-bp17441ohwka0yuh5c6d",
  Status,
  Available,
  SourceDiskId: "d-bp1s5fnvk4gn2tws0a1b",
  SourceDiskSize: "40",
  CreationTime: "2024-05-14T02:00:12Z",
  Progress: "100%",
});
const ucloudstackRecord = (SnapshotStatus: string): UCloudStackSnapshotRecord => ({
  SnapshotID: "snapshot-4tbq8zcd",
  SnapshotStatus,
  DiskID: "disk-9qk2vxmb",
  SnapshotSize: 40,
  CreateTime: 1717218450,
});

describe("statuses through the specs' groups", () => {
  it("Huawei EVS: every grouped spelling, in any case; ungrouped backing-up is unknown", () => {
    expect(spellings(huaweiGroups.SnapshotStatus).length).toBeGreaterThan(4);
    for (const [spelling, word] of spellings(huaweiGroups.SnapshotStatus)) {
      expect(huawei.normalise(huaweiRecord(spelling)).status).toBe(word);
      expect(huawei.normalise(huaweiRecord(spelling.toUpperCase())).status).toBe(word);
      expect(huawei.normalise(huaweiRecord(spelling)).readyToUse).toBe(word === "available");
    }
    expect(huawei.normalise(huaweiRecord("error_deleting")).status).toBe("failed");
    expect(huawei.normalise(huaweiRecord("backing-up")).status).toBe("unknown");
    const snapshot = huawei.normalise(huaweiRecord("creating"));
    expect(snapshot).toMatchObject({ progress: 40, sizeGiB: 100, volumeId: "0c789a06-d00d-4cfc-861e-c23facc69a0a" });
    // A zone-less EVS time is UTC.
    expect(snapshot.createdAt!.toISOString()).toBe("2024-05-20T01:58:12.400Z");
  });

  it("Alibaba: progressing/accomplished/failed; readyToUse is Available, not the status", () => {
    for (const [spelling, word] of spellings(alibabaGroups.SnapshotStatus))
      expect(alibaba.normalise(alibabaRecord(spelling)).status).toBe(word);
    expect(alibaba.normalise(alibabaRecord("progressing", true))).toMatchObject({ status: "creating", readyToUse: true });
    expect(alibaba.normalise(alibabaRecord("accomplished", false)).readyToUse).toBe(false);
    expect(alibaba.normalise(alibabaRecord("something-new")).status).toBe("unknown");
    expect(alibaba.normalise(alibabaRecord("accomplished"))).toMatchObject({ sizeGiB: 40, progress: 100 });
    expect(alibaba.normalise(alibabaRecord("accomplished")).createdAt!.toISOString()).toBe("2024-05-14T02:00:12.000Z");
  });

  it("UCloudStack: the spellings of every release (Createing, RollBacking/Rollbacking, Failure, Released); Unknown is unknown", () => {
    for (const [spelling, word] of spellings(ucloudstackGroups.SnapshotStatus))
      expect(ucloudstack.normalise(ucloudstackRecord(spelling)).status).toBe(word);
    expect(ucloudstack.normalise(ucloudstackRecord("Createing")).status).toBe("creating");
    expect(ucloudstack.normalise(ucloudstackRecord("Unknown")).status).toBe("unknown");
    const snapshot = ucloudstack.normalise(ucloudstackRecord("Normal"));
    expect(snapshot).toMatchObject({ readyToUse: true, sizeGiB: 40, progress: undefined });
    expect(snapshot.createdAt!.getTime()).toBe(1717218450 * 1000);
    expect(ucloudstack.normalise({}).createdAt).toBeUndefined();
  });
});
