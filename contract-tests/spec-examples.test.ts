/**
 * Every example in every spec validates against its schema, checked by Ajv with
 * the 2020-12 dialect (independently of Redocly's lint), and every provider sample is
 * present as a named example.
 */
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { loadSpecs } from "./spec-documents.ts";

const specs = await loadSpecs();

interface ExampleCase {
  where: string;
  name: string;
  schema: unknown;
  value: unknown;
}

/** Walks requestBody and response media types (with their named examples) of every operation. */
function collectExamples(): ExampleCase[] {
  const cases: ExampleCase[] = [];
  for (const [api, spec] of Object.entries(specs)) {
    for (const item of Object.values<any>(spec.paths)) {
      for (const method of ["get", "post", "put", "delete", "patch"]) {
        const op = item[method];
        if (!op) continue;
        const media: Array<[string, any]> = [];
        if (op.requestBody) media.push([`${api} ${op.operationId} request`, op.requestBody.content["application/json"]]);
        for (const [status, response] of Object.entries<any>(op.responses)) {
          if (response.content) media.push([`${api} ${op.operationId} ${status}`, response.content["application/json"]]);
        }
        for (const [where, content] of media) {
          for (const [name, example] of Object.entries<any>(content.examples ?? {}))
            cases.push({ where, name, schema: content.schema, value: example.value });
        }
      }
    }
  }
  return cases;
}

const cases = collectExamples();
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

describe("spec examples validate against their schemas (Ajv, JSON Schema 2020-12)", () => {
  it("there are examples to check", () => {
    expect(cases.length).toBeGreaterThan(50);
  });
  it.each(cases.map((c) => [`${c.where} / ${c.name}`, c] as const))("%s", (_label, c) => {
    const validate = ajv.compile(c.schema as object);
    const ok = validate(c.value);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });
  it("a broken example is rejected (the check can fail)", () => {
    const volumeShow = cases.find((c) => c.where.endsWith("CinderShowVolume 200"))!;
    const validate = ajv.compile(volumeShow.schema as object);
    expect(validate({ volume: { id: 42 } })).toBe(false);
  });
});

describe("every provider sample is in a spec", () => {
  // Samples from the provider documents cited in openapi/ERRATA.md (DEVG, RB, OTC-EVS, EVS-REF,
  // RESETDISKS-ZH, UCS-SNAP), by the operation they belong to; each must exist as a `seed*` example
  // (a leading space: that exact operation id, not its `Cinder…` namesake).
  const expectedSeedExamples: Array<[string, string]> = [
    ["CinderListAvailabilityZones 200", "seed"],
    ["GlanceListImages 200", "seed"],
    ["CinderListSnapshots 200", "seed"],
    ["ListBackups 200", "seed"],
    ["CinderCreateVolume request", "seed"],
    ["CinderCreateVolume 202", "seed"],
    ["CinderListVolumes 200", "seed"],
    ["CinderResizeVolume request", "seed"],
    ["CinderCreateSnapshot request", "seed"],
    ["CinderCreateSnapshot 202", "seed"],
    ["RollbackSnapshot request", "seed"],
    ["RollbackSnapshot 202", "seed"],
    ["RollbackVendorSnapshot request", "seed"],
    ["RollbackVendorSnapshot 202", "seed"],
    ["CinderShowVolume 400", "seedError"],
    ["CinderShowVolume 400", "seedBadRequest"],
    [" CreateSnapshot request", "seed"],
    [" CreateSnapshot 202", "seed"],
    [" UpdateSnapshot request", "seed"],
    [" UpdateSnapshot 200", "seed"],
    [" ShowVolume 200", "seed"],
    [" UpdateVolume request", "seed"],
    [" UpdateVolume 200", "seed"],
    [" DeleteVolume 200", "seed"],
    [" ResizeVolume request", "seed"],
    [" ResizeVolume 202", "seed"],
    [" ShowJob 200", "seed"],
    ["ResetDisks 200", "seed"],
    ["ucloudstack CreateSnapshot 200", "seed"],
    ["ucloudstack DescribeSnapshot 200", "seed"],
    ["ucloudstack RollbackSnapshot 200", "seed"],
    ["ucloudstack DeleteSnapshot 200", "seed"],
    ["ucloudstack CreateSnapshot request", "seed"],
    // Issue 12: the samples of the Huawei native API, the other EVS groups, Huawei ECS, Alibaba's
    // new actions and UCloudStack's disks and VMs (each spec's x-source names its document).
    ["huawei-evs CinderListAvailabilityZones 400", "seedError"],
    ["huawei-evs CinderListAvailabilityZones 400", "seedBadRequest"],
    ["huawei-evs CinderListVolumes 400", "seedError"],
    ["huawei-evs CinderListVolumes 400", "seedBadRequest"],
    ["huawei-evs CinderCreateVolume 400", "seedError"],
    ["huawei-evs CinderCreateVolume 400", "seedBadRequest"],
    ["huawei-evs CinderListVolumesDetails 400", "seedError"],
    ["huawei-evs CinderListVolumesDetails 400", "seedBadRequest"],
    ["huawei-evs CinderDeleteVolume 400", "seedError"],
    ["huawei-evs CinderDeleteVolume 400", "seedBadRequest"],
    ["huawei-evs CinderResizeVolume 400", "seedError"],
    ["huawei-evs CinderResizeVolume 400", "seedBadRequest"],
    ["huawei-evs CinderListSnapshots 400", "seedError"],
    ["huawei-evs CinderListSnapshots 400", "seedBadRequest"],
    ["huawei-evs CinderCreateSnapshot 400", "seedError"],
    ["huawei-evs CinderCreateSnapshot 400", "seedBadRequest"],
    ["huawei-evs CinderListSnapshotsDetails 400", "seedError"],
    ["huawei-evs CinderListSnapshotsDetails 400", "seedBadRequest"],
    ["huawei-evs CinderShowSnapshot 400", "seedError"],
    ["huawei-evs CinderShowSnapshot 400", "seedBadRequest"],
    ["huawei-evs CinderDeleteSnapshot 400", "seedError"],
    ["huawei-evs CinderDeleteSnapshot 400", "seedBadRequest"],
    ["huawei-evs CreateSnapshot 400", "seedError"],
    ["huawei-evs CreateSnapshot 400", "seedBadRequest"],
    ["huawei-evs ListSnapshots 400", "seedError"],
    ["huawei-evs ListSnapshots 400", "seedBadRequest"],
    ["huawei-evs ShowSnapshot 400", "seedError"],
    ["huawei-evs ShowSnapshot 400", "seedBadRequest"],
    ["huawei-evs UpdateSnapshot 400", "seedError"],
    ["huawei-evs UpdateSnapshot 400", "seedBadRequest"],
    ["huawei-evs DeleteSnapshot 400", "seedError"],
    ["huawei-evs DeleteSnapshot 400", "seedBadRequest"],
    ["huawei-evs RollbackSnapshot 400", "seedError"],
    ["huawei-evs RollbackSnapshot 400", "seedBadRequest"],
    ["huawei-evs RollbackVendorSnapshot 400", "seedError"],
    ["huawei-evs RollbackVendorSnapshot 400", "seedBadRequest"],
    ["huawei-evs CreateVolume 400", "seedError"],
    ["huawei-evs CreateVolume 400", "seedBadRequest"],
    ["huawei-evs ListVolumes 400", "seedError"],
    ["huawei-evs ListVolumes 400", "seedBadRequest"],
    ["huawei-evs ShowVolume 400", "seedError"],
    ["huawei-evs ShowVolume 400", "seedBadRequest"],
    ["huawei-evs UpdateVolume 400", "seedError"],
    ["huawei-evs UpdateVolume 400", "seedBadRequest"],
    ["huawei-evs DeleteVolume 400", "seedError"],
    ["huawei-evs DeleteVolume 400", "seedBadRequest"],
    ["huawei-evs ResizeVolume 400", "seedError"],
    ["huawei-evs ResizeVolume 400", "seedBadRequest"],
    ["huawei-evs ShowJob 400", "seedError"],
    ["huawei-evs ShowJob 400", "seedBadRequest"],
    ["huawei-evs CinderListVolumeTransfers 200", "seedListVolumeTransfers"],
    ["huawei-evs CinderListVolumeTransfers 400", "seedError"],
    ["huawei-evs CinderListVolumeTransfers 400", "seedBadRequest"],
    ["huawei-evs CinderCreateVolumeTransfer request", "seedCreateVolumeTransfer"],
    ["huawei-evs CinderCreateVolumeTransfer 202", "seedCreateVolumeTransfer"],
    ["huawei-evs CinderCreateVolumeTransfer 400", "seedError"],
    ["huawei-evs CinderCreateVolumeTransfer 400", "seedBadRequest"],
    ["huawei-evs CinderShowVolumeTransfer 400", "seedError"],
    ["huawei-evs CinderShowVolumeTransfer 400", "seedBadRequest"],
    ["huawei-evs CinderDeleteVolumeTransfer 400", "seedError"],
    ["huawei-evs CinderDeleteVolumeTransfer 400", "seedBadRequest"],
    ["huawei-evs CinderAcceptVolumeTransfer request", "seedAcceptVolumeTransfer"],
    ["huawei-evs CinderAcceptVolumeTransfer 202", "seedAcceptVolumeTransfer"],
    ["huawei-evs CinderAcceptVolumeTransfer 400", "seedError"],
    ["huawei-evs CinderAcceptVolumeTransfer 400", "seedBadRequest"],
    ["huawei-evs CinderListQuotas 200", "seedListQuotas"],
    ["huawei-evs CinderListQuotas 400", "seedError"],
    ["huawei-evs CinderListQuotas 400", "seedBadRequest"],
    ["huawei-evs CinderListVolumeTypes 200", "seedListVolumeTypes"],
    ["huawei-evs CinderListVolumeTypes 400", "seedError"],
    ["huawei-evs CinderListVolumeTypes 400", "seedBadRequest"],
    ["huawei-evs ListVolumeTags 200", "seedListVolumeTags"],
    ["huawei-evs ListVolumeTags 400", "seedError"],
    ["huawei-evs ListVolumeTags 400", "seedBadRequest"],
    ["huawei-evs ShowVolumeTags 200", "seedShowVolumeTags"],
    ["huawei-evs ShowVolumeTags 400", "seedError"],
    ["huawei-evs ShowVolumeTags 400", "seedBadRequest"],
    ["huawei-evs ListVolumesByTags request", "seedListVolumesByTags"],
    ["huawei-evs ListVolumesByTags 200", "seedListVolumesByTags"],
    ["huawei-evs ListVolumesByTags 400", "seedError"],
    ["huawei-evs ListVolumesByTags 400", "seedBadRequest"],
    ["huawei-evs ListVolumesInRecycle 400", "seedError"],
    ["huawei-evs ListVolumesInRecycle 400", "seedBadRequest"],
    ["huawei-evs ShowVolumeInRecycle 400", "seedError"],
    ["huawei-evs ShowVolumeInRecycle 400", "seedBadRequest"],
    ["huawei-evs DeleteVolumeInRecycle 400", "seedError"],
    ["huawei-evs DeleteVolumeInRecycle 400", "seedBadRequest"],
    ["huawei-evs ShowRecyclePolicy 200", "seedShowRecyclePolicy"],
    ["huawei-evs ShowRecyclePolicy 400", "seedError"],
    ["huawei-evs ShowRecyclePolicy 400", "seedBadRequest"],
    ["huawei-evs UpdateRecyclePolicy 400", "seedError"],
    ["huawei-evs UpdateRecyclePolicy 400", "seedBadRequest"],
    ["huawei-evs ModifyVolumeQoS request", "seedModifyVolumeQoS"],
    ["huawei-evs ModifyVolumeQoS 202", "seedModifyVolumeQoS"],
    ["huawei-evs ModifyVolumeQoS 400", "seedError"],
    ["huawei-evs ModifyVolumeQoS 400", "seedBadRequest"],
    ["huawei-evs RetypeVolume request", "seedRetypeVolume"],
    ["huawei-evs RetypeVolume 400", "seedError"],
    ["huawei-evs RetypeVolume 400", "seedBadRequest"],
    ["huawei-evs BatchResizeVolumes 400", "seedError"],
    ["huawei-evs BatchResizeVolumes 400", "seedBadRequest"],
    ["huawei-evs ShowVersion 200", "seedShowVersion"],
    ["huawei-evs ShowVersion 400", "seedError"],
    ["huawei-evs ShowVersion 400", "seedBadRequest"],
    ["huawei-ims GlanceListImages 400", "seedError"],
    ["huawei-ims GlanceListImages 400", "seedBadRequest"],
    ["huawei-vbs ListBackups 400", "seedError"],
    ["huawei-vbs ListBackups 400", "seedBadRequest"],
    ["ucloudstack DescribeSnapshot request", "seedDescribeSnapshot"],
    ["ucloudstack DeleteSnapshot request", "seedDeleteSnapshot"],
    ["ucloudstack CreateDisk request", "seedCreateDisk"],
    ["ucloudstack CreateDisk 200", "seedCreateDisk"],
    ["ucloudstack DeleteDisk request", "seedDeleteDisk"],
    ["ucloudstack DeleteDisk 200", "seedDeleteDisk"],
    ["ucloudstack AttachDisk request", "seedAttachDisk"],
    ["ucloudstack AttachDisk 200", "seedAttachDisk"],
    ["ucloudstack DetachDisk request", "seedDetachDisk"],
    ["ucloudstack DetachDisk 200", "seedDetachDisk"],
    ["ucloudstack UpgradeDisk request", "seedUpgradeDisk"],
    ["ucloudstack UpgradeDisk 200", "seedUpgradeDisk"],
    ["ucloudstack DescribeVMInstance request", "seedDescribeVMInstance"],
    ["ucloudstack DescribeVMInstance 200", "seedDescribeVMInstance"],
    ["ucloudstack StopVMInstance request", "seedStopVMInstance"],
    ["ucloudstack StopVMInstance 200", "seedStopVMInstance"],
    ["ucloudstack StartVMInstance request", "seedStartVMInstance"],
    ["ucloudstack StartVMInstance 200", "seedStartVMInstance"],
    ["huawei-ecs ShowServer 200", "seedShowServer"],
    ["huawei-ecs ShowServer 400", "seedError"],
    ["huawei-ecs ShowServer 400", "seedBadRequest"],
    ["huawei-ecs AttachServerVolume request", "seedAttachServerVolume"],
    ["huawei-ecs AttachServerVolume request", "seedAttachServerVolumeDryRun"],
    ["huawei-ecs AttachServerVolume 200", "seedJob"],
    ["huawei-ecs AttachServerVolume 202", "seedJob"],
    ["huawei-ecs AttachServerVolume 400", "seedError"],
    ["huawei-ecs AttachServerVolume 400", "seedBadRequest"],
    ["huawei-ecs DetachServerVolume 200", "seedJob"],
    ["huawei-ecs DetachServerVolume 202", "seedJob"],
    ["huawei-ecs DetachServerVolume 400", "seedError"],
    ["huawei-ecs DetachServerVolume 400", "seedBadRequest"],
    ["huawei-ecs ShowJob 400", "seedError"],
    ["huawei-ecs ShowJob 400", "seedBadRequest"],
    // UCloudStack published samples: every request and response sample of the 13 actions in
    // UCloudDoc-Team/UCloudStack and UCloudStack_v2.x (every revision) that the schemas can accept
    // (openapi/ERRATA.md entry 142 lists the ones left out and why).
    ["ucloudstack CreateSnapshot request", "seedCreateSnapshot"],
    ["ucloudstack CreateSnapshot 200", "seedCreateSnapshot"],
    ["ucloudstack DescribeSnapshot 200", "seedDescribeSnapshot"],
    ["ucloudstack RollbackSnapshot request", "seedRollbackSnapshot"],
    ["ucloudstack RollbackSnapshot 200", "seedRollbackSnapshot"],
    ["ucloudstack DeleteSnapshot 200", "seedDeleteSnapshot"],
    ["ucloudstack DescribeVMInstance request", "seedV116DescribeVMInstance"],
    ["ucloudstack DescribeVMInstance 200", "seedV120DescribeVMInstance"],
    ["ucloudstack DescribeVMInstance 200", "seedOverviewDescribeVMInstance"],
    // Huawei body-selected operations (x-wire-path, x-body-selector)
    ["huawei-ecs BatchStartServers request", "seedBatchStartServers"],
    ["huawei-ecs BatchStartServers 200", "seedBatchJob"],
    ["huawei-ecs BatchStopServers request", "seedBatchStopServers"],
    ["huawei-ecs BatchStopServers 200", "seedBatchJob"],
    ["huawei-evs BatchCreateVolumeTags request", "seedBatchCreateVolumeTags"],
    ["huawei-evs BatchDeleteVolumeTags request", "seedBatchDeleteVolumeTags"],
    ["huawei-evs ListVersions 300", "seedListVersions"],
    // Alibaba published samples: the "Sample success responses" (JSON) of the actions' pages in
    // AlibabaCloudDocs/ecs @322eaab8 (ERRATA 108; DescribeAutoSnapshotPolicyEx's is not JSON).
    ["alibaba-ecs StopInstance 200", "seedStopInstance"],
    ["alibaba-ecs StartInstance 200", "seedStartInstance"],
    ["alibaba-ecs DescribeInstanceStatus 200", "seedDescribeInstanceStatus"],
    ["alibaba-ecs DescribeInstances 200", "seedDescribeInstances"],
    ["alibaba-ecs AttachDisk 200", "seedAttachDisk"],
    ["alibaba-ecs DetachDisk 200", "seedDetachDisk"],
    ["alibaba-ecs CreateDisk 200", "seedCreateDisk"],
    ["alibaba-ecs DeleteDisk 200", "seedDeleteDisk"],
    ["alibaba-ecs ResizeDisk 200", "seedResizeDisk"],
    ["alibaba-ecs ModifyDiskAttribute 200", "seedModifyDiskAttribute"],
    ["alibaba-ecs ModifySnapshotAttribute 200", "seedModifySnapshotAttribute"],
    ["alibaba-ecs CopySnapshot 200", "seedCopySnapshot"],
    ["alibaba-ecs DescribeSnapshotsUsage 200", "seedDescribeSnapshotsUsage"],
    ["alibaba-ecs DescribeSnapshotLinks 200", "seedDescribeSnapshotLinks"],
    ["alibaba-ecs CreateSnapshotGroup 200", "seedCreateSnapshotGroup"],
    ["alibaba-ecs DescribeSnapshotGroups 200", "seedDescribeSnapshotGroups"],
    ["alibaba-ecs DeleteSnapshotGroup 200", "seedDeleteSnapshotGroup"],
    ["alibaba-ecs ModifySnapshotGroup 200", "seedModifySnapshotGroup"],
    ["alibaba-ecs CreateAutoSnapshotPolicy 200", "seedCreateAutoSnapshotPolicy"],
    ["alibaba-ecs ModifyAutoSnapshotPolicyEx 200", "seedModifyAutoSnapshotPolicyEx"],
    ["alibaba-ecs ApplyAutoSnapshotPolicy 200", "seedApplyAutoSnapshotPolicy"],
    ["alibaba-ecs CancelAutoSnapshotPolicy 200", "seedCancelAutoSnapshotPolicy"],
    ["alibaba-ecs DeleteAutoSnapshotPolicy 200", "seedDeleteAutoSnapshotPolicy"],
    ["alibaba-ecs TagResources 200", "seedTagResources"],
    ["alibaba-ecs ListTagResources 200", "seedListTagResources"],
    ["alibaba-ecs UntagResources 200", "seedUntagResources"],
  ];
  it.each(expectedSeedExamples)("%s has a %s example", (where, prefix) => {
    const found = cases.filter((c) => c.where.endsWith(where) && c.name.startsWith(prefix));
    expect(
      found.length,
      `${where}: ${cases
        .filter((c) => c.where.endsWith(where))
        .map((c) => c.name)
        .join(", ")}`,
    ).toBeGreaterThan(0);
  });
});
