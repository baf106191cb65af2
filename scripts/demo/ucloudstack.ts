/** The UCloudStack flow: describe disks -> snapshot -> describe -> stop the VM -> roll back -> start the VM -> delete. */
import { ApiError, createUCloudStackClient, diskStatus, snapshotStatus, vmState } from "../../src/ucloudstack/index.ts";
import { stepPrinter } from "./print.ts";

export async function ucloudStackFlow(urls: Record<string, string>): Promise<void> {
  const show = stepPrinter("UCloudStack: snapshot and roll back a disk (private cloud, JSON body signed with SHA-1)");
  const ucs = createUCloudStackClient({
    endpoint: urls.ucloudstack!, // your deployment's gateway, e.g. https://console.example.com/api
    region: "cn",
    zone: "zone-01", // 1.x releases; leave it out for 2.x
    credentials: { publicKey: "demo-public-key", privateKey: "demo-private-key" },
  });

  const disks: string[] = [];
  let target: { DiskID?: string; AttachResourceID?: string } | undefined;
  for await (const d of ucs.paginate("DescribeDisk", { Limit: 50 })) {
    const status = diskStatus(d);
    disks.push(
      `${d.DiskID} ${d.Name ?? ""} ${d.Size ?? "?"} GB [raw ${status.raw ?? "?"} -> ${status.normalized}] ${d.AttachResourceID ?? ""}`.trimEnd(),
    );
    if (status.normalized === "attached" && !target) target = d; // roll back a disk that a VM uses
  }
  show("Describe the disks (every page)", disks);
  const diskId = target?.DiskID ?? "disk-demo";
  const vmId = target?.AttachResourceID || "vm-demo";

  const created = await ucs.createSnapshot({ DiskID: diskId, Name: "before-upgrade", Remark: "taken by npm run demo" });
  show("Create a snapshot", [`snapshot ${created.SnapshotID}`]);

  const snapshots: string[] = [];
  for await (const s of ucs.paginate("DescribeSnapshot", { DiskID: diskId })) {
    const status = snapshotStatus(s);
    snapshots.push(`${s.SnapshotID} ${s.Name ?? ""} [raw ${status.raw} -> ${status.normalized}]`);
  }
  show("Describe the disk's snapshots (raw and normalised status)", snapshots);

  await ucs.stopVMInstance({ VMID: vmId }); // a disk is rolled back unattached or with its VM stopped
  const [vm] = (await ucs.describeVMInstance({ VMIDs: [vmId] })).Infos;
  const state = vmState(vm ?? {});
  show("Stop the VM the disk is attached to, and check it", [`${vm?.VMID} [raw ${state.raw} -> ${state.normalized}]`]);

  await ucs.rollbackSnapshot({ DiskID: diskId, SnapshotID: created.SnapshotID });
  show("Roll the disk back to the snapshot", ["RetCode 0"]);

  await ucs.startVMInstance({ VMID: vmId });
  show("Start the VM again", ["RetCode 0"]);

  await ucs.deleteSnapshot({ SnapshotID: created.SnapshotID });
  show("Delete the snapshot", ["RetCode 0"]);

  try {
    await ucs.rollbackSnapshot({ DiskID: diskId, SnapshotID: created.SnapshotID }, { headers: { Prefer: "example=vmNotStopped" } });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    show("A failure inside HTTP 200 (mock example: the VM is not stopped)", [
      `${error.name}: RetCode ${error.code}, HTTP ${error.status}`,
      error.message,
    ]);
  }
}
