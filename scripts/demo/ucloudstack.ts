/** The UCloudStack flow: describe disks -> snapshot -> describe -> roll back -> delete. */
import { ApiError, createUCloudStackClient, snapshotStatus } from "../../src/ucloudstack/index.ts";
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
  for await (const d of ucs.paginate("DescribeDisk", { Limit: 50 })) {
    disks.push(`${d.DiskID} ${d.Name ?? ""} ${d.Size ?? "?"} GB [${d.DiskStatus ?? "?"}]`);
  }
  show("Describe the disks (every page)", disks);
  const diskId = disks[0]?.split(" ")[0] ?? "disk-demo";

  const created = await ucs.createSnapshot({ DiskID: diskId, Name: "before-upgrade", Remark: "taken by npm run demo" });
  show("Create a snapshot", [`snapshot ${created.SnapshotID}`]);

  const snapshots: string[] = [];
  for await (const s of ucs.paginate("DescribeSnapshot", { DiskID: diskId })) {
    const status = snapshotStatus(s);
    snapshots.push(`${s.SnapshotID} ${s.Name ?? ""} [raw ${status.raw} -> ${status.normalized}]`);
  }
  show("Describe the disk's snapshots (raw and normalised status)", snapshots);

  await ucs.rollbackSnapshot({ DiskID: diskId, SnapshotID: created.SnapshotID });
  show("Roll the disk back to the snapshot", ["RetCode 0"]);

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
