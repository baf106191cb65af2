/**
 * The Alibaba Cloud flow on the emulator: create a disk -> attach it to a running instance ->
 * snapshot it (ClientToken: a resend gives the same snapshot) -> wait until usable -> ResetDisk
 * refused while the instance runs -> stop it -> dry-run, then reset -> wait -> start -> delete
 * the snapshot -> NotFound -> detach and delete the disk. Our public ECS client, V3 signatures.
 */
import type { AlibabaEmulatorClientConfig, Emulator } from "../../src/emulator/index.ts";
import { createEcsClient, type DryRunPassed, isDryRunPassed } from "../../src/alibaba/index.ts";
import { describeError, failureOf, stepPrinter, waitFor } from "./print.ts";

/** A result that is not a DryRunOperation answer (the client's types allow both where DryRun exists). */
function real<T>(value: T | DryRunPassed): T {
  if (isDryRunPassed(value)) throw new Error("unexpected DryRunOperation");
  return value as T;
}

export async function alibabaFlow(emu: Emulator<AlibabaEmulatorClientConfig>): Promise<void> {
  const show = stepPrinter("Alibaba Cloud ECS: disk, snapshot, reset (V3 signatures, RPC wire form)");
  const ecs = createEcsClient(emu.clientConfig);
  const web = emu.state().instances.find((i) => i.name === "web-01")!.id;
  const disk = async (id: string) => real(await ecs.describeDisks({ DiskIds: JSON.stringify([id]) })).Disks!.Disk![0]!;
  const instanceStatus = async (id: string) =>
    (await ecs.describeInstanceStatus({ InstanceId: [id] })).InstanceStatuses!.InstanceStatus![0]!.Status;

  const created = real(
    await ecs.createDisk({ ZoneId: `${emu.clientConfig.regionId}-g`, Size: 20, DiskName: "demo-data", DiskCategory: "cloud_essd" }),
  );
  const diskId = created.DiskId!;
  show("Create a 20 GiB ESSD disk; poll DescribeDisks", [`disk ${diskId}`]);
  await waitFor(
    () => disk(diskId),
    (d) => `disk ${d.Status}`,
    (d) => d.Status === "Available",
  );

  await ecs.attachDisk({ DiskId: diskId, InstanceId: web });
  show(`Attach it to the running instance web-01 (${web})`, []);
  await waitFor(
    () => disk(diskId),
    (d) => `disk ${d.Status} ${d.Device ?? ""}`.trimEnd(),
    (d) => d.Status === "In_use",
  );

  const token = crypto.randomUUID();
  const snapshot = real(await ecs.createSnapshot({ DiskId: diskId, SnapshotName: "demo-before-upgrade", ClientToken: token }));
  const again = real(await ecs.createSnapshot({ DiskId: diskId, SnapshotName: "demo-before-upgrade", ClientToken: token }));
  const snapshotId = snapshot.SnapshotId!;
  show("Snapshot the disk; the same ClientToken sent again answers the same snapshot, no second one", [
    `snapshot ${snapshotId}; resend -> ${again.SnapshotId} (${emu.state().snapshots.filter((s) => s.volumeId === diskId).length} snapshot of the disk)`,
  ]);
  show("Poll DescribeSnapshots until the snapshot is usable (Available: true comes before accomplished)", []);
  await waitFor(
    async () => real(await ecs.describeSnapshots({ SnapshotIds: JSON.stringify([snapshotId]) })).Snapshots!.Snapshot![0]!,
    (s) => `${s.Status} ${s.Progress} Available: ${s.Available}`,
    (s) => s.Available === true,
  );

  show("ResetDisk while web-01 runs: refused", [describeError(await failureOf(ecs.resetDisk({ DiskId: diskId, SnapshotId: snapshotId })))]);

  await ecs.stopInstance({ InstanceId: web });
  show("Stop web-01; poll DescribeInstanceStatus", []);
  await waitFor(
    () => instanceStatus(web),
    (s) => `instance ${s}`,
    (s) => s === "Stopped",
  );

  const dryRun = await ecs.resetDisk({ DiskId: diskId, SnapshotId: snapshotId, DryRun: true });
  show("Dry-run the reset: the checks pass, nothing changes", [
    isDryRunPassed(dryRun) ? `DryRunOperation: ${dryRun.Message}` : "not a dry run",
  ]);

  await ecs.resetDisk({ DiskId: diskId, SnapshotId: snapshotId });
  show("Reset the disk to the snapshot; poll the disk", []);
  await waitFor(
    () => disk(diskId),
    (d) => `disk ${d.Status}`,
    (d) => d.Status === "In_use",
  );

  await ecs.startInstance({ InstanceId: web });
  show("Start web-01 again", []);
  await waitFor(
    () => instanceStatus(web),
    (s) => `instance ${s}`,
    (s) => s === "Running",
  );

  await ecs.deleteSnapshot({ SnapshotId: snapshotId });
  const listed = real(await ecs.describeSnapshots({ SnapshotIds: JSON.stringify([snapshotId]) })).Snapshots!.Snapshot!;
  show("Delete the snapshot: DescribeSnapshots no longer lists it, a second delete is NotFound", [
    `listed: ${listed.length}`,
    describeError(await failureOf(ecs.deleteSnapshot({ SnapshotId: snapshotId }))),
  ]);

  await ecs.detachDisk({ DiskId: diskId, InstanceId: web });
  show("Detach the disk and delete it", []);
  await waitFor(
    () => disk(diskId),
    (d) => `disk ${d.Status}`,
    (d) => d.Status === "Available",
  );
  await ecs.deleteDisk({ DiskId: diskId });
  console.log(`      DescribeDisks lists it: ${real(await ecs.describeDisks({ DiskIds: JSON.stringify([diskId]) })).Disks!.Disk!.length}`);
  // ECS ignores a DeleteDisk of a disk that does not exist (the DeleteDisk reference says so): no error.
  const ignored = await ecs.deleteDisk({ DiskId: diskId });
  console.log(`      a second delete is ignored, as ECS documents: request ${ignored.RequestId}`);
}
