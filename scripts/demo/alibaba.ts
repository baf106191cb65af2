/** The Alibaba Cloud flow: describe disks -> snapshot -> describe snapshots -> dry-run reset -> reset -> delete. */
import { ApiError, createEcsClient, failedDiskResets, isDryRunPassed } from "../../src/alibaba/index.ts";
import { stepPrinter } from "./print.ts";

export async function alibabaFlow(urls: Record<string, string>): Promise<void> {
  const show = stepPrinter("Alibaba Cloud ECS: snapshot and reset a disk (V3 signatures, RPC wire form)");
  const ecs = createEcsClient({
    regionId: "cn-hangzhou",
    endpoint: urls["alibaba-ecs"]!, // drop this line to reach https://ecs-cn-hangzhou.aliyuncs.com
    credentials: { accessKeyId: "LTAI5tDemoAccessKey", accessKeySecret: "demo-access-key-secret" },
  });

  const disks: string[] = [];
  for await (const d of ecs.paginate("DescribeDisks", { MaxResults: 50 })) {
    disks.push(`${d.DiskId} ${d.DiskName ?? ""} ${d.Size} GiB ${d.Category} [${d.Status}]`);
  }
  show("Describe the region's disks (every page)", disks);
  const diskId = disks[0]?.split(" ")[0] ?? "d-bp1a5e0b4j3mxm9w8d3q";

  const created = await ecs.createSnapshot({ DiskId: diskId, SnapshotName: "demo-before-upgrade", Description: "taken by npm run demo" });
  if (isDryRunPassed(created)) throw new Error("unexpected dry run");
  show("Create a snapshot (ClientToken generated once, reused on retries)", [
    `snapshot ${created.SnapshotId}, request ${created.RequestId}`,
  ]);

  const snapshots: string[] = [];
  for await (const s of ecs.paginate("DescribeSnapshots", { DiskId: diskId })) {
    snapshots.push(`${s.SnapshotId} ${s.SnapshotName ?? ""} [${s.Status} ${s.Progress ?? ""}]`);
  }
  show("Describe the disk's snapshots (every page)", snapshots);
  const snapshotId = created.SnapshotId ?? "s-bp1c0doj0taqyzzlxyzz";

  const dryRun = await ecs.resetDisk(
    { DiskId: diskId, SnapshotId: snapshotId, DryRun: true },
    { headers: { Prefer: "code=400, example=DryRunOperation" } },
  );
  show("Dry-run the reset (the mock answers DryRunOperation, which is a result, not an error)", [
    isDryRunPassed(dryRun) ? `dry run passed: ${dryRun.Message}` : "not a dry-run answer",
  ]);

  const reset = await ecs.resetDisk({ DiskId: diskId, SnapshotId: snapshotId });
  show("Reset the disk to the snapshot", [`accepted, request ${reset.RequestId}`]);

  const batch = await ecs.resetDisks(
    {
      Disk: [
        { DiskId: diskId, SnapshotId: snapshotId },
        { DiskId: "d-bp1a5e0b4j3mxm9w8d3r", SnapshotId: "s-bp1c0doj0taqyzzlxyz0" },
      ],
    },
    { headers: { Prefer: "example=partialFailure" } },
  );
  if (isDryRunPassed(batch)) throw new Error("unexpected dry run");
  const failed = failedDiskResets(batch);
  show(
    "ResetDisks on two disks, one of which fails inside the 200 (mock example)",
    failed.length ? failed.map((f) => `${f.diskId ?? "?"} failed: ${f.errorCode} ${f.errorMessage}`) : ["all disks reset"],
  );

  await ecs.deleteSnapshot({ SnapshotId: snapshotId });
  show("Delete the snapshot", ["accepted"]);

  try {
    await ecs.resetDisk({ DiskId: diskId, SnapshotId: snapshotId }, { headers: { Prefer: "code=403, example=IncorrectDiskStatus" } });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    show("A typed error (the mock was asked for IncorrectDiskStatus)", [`${error.name}: ${error.code}, request id ${error.requestId}`]);
  }
}
