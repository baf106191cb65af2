/**
 * The UCloudStack flow on the emulator: create a disk -> attach it to a running VM -> snapshot
 * -> wait until Normal -> roll back refused while the VM runs (RetCode 2501 inside HTTP 200) ->
 * stop the VM -> roll back -> wait -> start the VM -> delete the snapshot -> gone -> detach and
 * delete the disk. Our public client, JSON body signed with SHA-1.
 */
import type { Emulator, UCloudStackEmulatorClientConfig } from "../../src/emulator/index.ts";
import { createUCloudStackClient, diskStatus, snapshotStatus, vmState } from "../../src/ucloudstack/index.ts";
import { describeError, failureOf, stepPrinter, waitFor } from "./print.ts";

export async function ucloudStackFlow(emu: Emulator<UCloudStackEmulatorClientConfig>): Promise<void> {
  const show = stepPrinter("UCloudStack: disk, snapshot, roll back (private cloud, JSON body signed with SHA-1)");
  const ucs = createUCloudStackClient(emu.clientConfig);
  const vmId = emu.state().instances.find((i) => i.status === "Running")!.id;
  const diskOf = async (id: string) => (await ucs.describeDisk({ DiskIDs: [id] })).Infos[0]!;
  const snapshotOf = async (id: string) => (await ucs.describeSnapshot({ SnapshotIDs: [id] })).Infos[0];
  const vmOf = async (id: string) => (await ucs.describeVMInstance({ VMIDs: [id] })).Infos[0]!;
  const diskLine = (d: Awaited<ReturnType<typeof diskOf>>) => `disk ${d.DiskStatus} (normalised: ${diskStatus(d).normalized})`;
  const vmLine = (vm: Awaited<ReturnType<typeof vmOf>>) => `VM ${vm.State} (normalised: ${vmState(vm).normalized})`;

  const { DiskID } = await ucs.createDisk({ Name: "demo-data", SetType: "SSD", DiskSpace: 30, ChargeType: "Dynamic" });
  show("Create a 30 GB SSD disk; poll DescribeDisk", [`disk ${DiskID}`]);
  await waitFor(
    () => diskOf(DiskID),
    diskLine,
    (d) => d.DiskStatus === "Unbound",
  );

  await ucs.attachDisk({ DiskID, ResourceID: vmId });
  show(`Attach it to the running VM ${vmId}`, []);
  await waitFor(
    () => diskOf(DiskID),
    diskLine,
    (d) => d.DiskStatus === "Bound",
  );

  const { SnapshotID } = await ucs.createSnapshot({ DiskID, Name: "demo-before-upgrade", Remark: "taken by npm run demo" });
  show("Snapshot the disk; poll DescribeSnapshot", [`snapshot ${SnapshotID}`]);
  await waitFor(
    () => snapshotOf(SnapshotID),
    (s) => `snapshot ${s?.SnapshotStatus} (normalised: ${s ? snapshotStatus(s).normalized : "-"})`,
    (s) => s?.SnapshotStatus === "Normal",
  );

  show("Roll back while the VM runs: a failure inside HTTP 200", [
    describeError(await failureOf(ucs.rollbackSnapshot({ DiskID, SnapshotID }))),
  ]);

  await ucs.stopVMInstance({ VMID: vmId });
  show("Stop the VM (a disk is rolled back with its VM stopped)", []);
  await waitFor(
    () => vmOf(vmId),
    vmLine,
    (vm) => vm.State === "Stopped",
  );

  await ucs.rollbackSnapshot({ DiskID, SnapshotID });
  show("Roll the disk back to the snapshot; poll the disk", []);
  await waitFor(
    () => diskOf(DiskID),
    diskLine,
    (d) => d.DiskStatus === "Bound",
  );

  await ucs.startVMInstance({ VMID: vmId });
  show("Start the VM again", []);
  await waitFor(
    () => vmOf(vmId),
    vmLine,
    (vm) => vm.State === "Running",
  );

  await ucs.deleteSnapshot({ SnapshotID });
  show("Delete the snapshot; poll until DescribeSnapshot no longer has it", []);
  await waitFor(
    () => snapshotOf(SnapshotID),
    (s) => (s ? `snapshot ${s.SnapshotStatus}` : "gone (TotalCount 0)"),
    (s) => s === undefined,
  );
  console.log(`      a second delete: ${describeError(await failureOf(ucs.deleteSnapshot({ SnapshotID })))}`);

  await ucs.detachDisk({ DiskID, ResourceID: vmId });
  show("Detach the disk and delete it", []);
  await waitFor(
    () => diskOf(DiskID),
    diskLine,
    (d) => d.DiskStatus === "Unbound",
  );
  await ucs.deleteDisk({ DiskID });
  await waitFor(
    async () => (await ucs.describeDisk({ DiskIDs: [DiskID] })).Infos[0],
    (d) => (d ? `disk ${d.DiskStatus}` : "gone (TotalCount 0)"),
    (d) => d === undefined,
  );
}
