/** The Huawei Cloud flow: AZs -> images/backups -> volume -> snapshot -> list -> roll back -> extend -> delete. */
import { ApiError, createEvsClient, createImsClient, createVbsClient } from "../../src/huawei/index.ts";
import { stepPrinter } from "./print.ts";

export async function huaweiFlow(urls: Record<string, string>): Promise<void> {
  const show = stepPrinter("Huawei Cloud EVS: snapshot, roll back, extend");
  // The same configuration a user writes for the real cloud, with `endpoint` pointing at the mock.
  const common = {
    projectId: "9c53a566cb3443ab910cf0daebca90c4",
    credentials: { accessKeyId: "DEMOACCESSKEYID", secretAccessKey: "demo-secret-access-key" },
  };
  const evs = createEvsClient({ ...common, endpoint: urls["huawei-evs"]! });
  const ims = createImsClient({ credentials: common.credentials, endpoint: urls["huawei-ims"]! });
  const vbs = createVbsClient({ ...common, endpoint: urls["huawei-vbs"]! });

  const zones = await evs.cinderListAvailabilityZones();
  show(
    "List availability zones",
    zones.availabilityZoneInfo.map((zone) => `${zone.zoneName}: ${zone.zoneState.available ? "available" : "unavailable"}`),
  );
  const zone = zones.availabilityZoneInfo.find((z) => z.zoneState.available)?.zoneName ?? "az1.dc1";

  const images: string[] = [];
  for await (const { name, id, status } of ims.paginate("GlanceListImages", { limit: 25 })) {
    images.push(`${name ?? "(unnamed)"} ${id} [${status}]`);
  }
  show("List images (IMS, every page)", images.slice(0, 3));

  const backups = await vbs.listBackups({ limit: 10 });
  show(
    "List backups (VBS)",
    backups.backups.map((b) => `${b.id} ${b.name ?? "(unnamed)"}`),
  );

  const created = await evs.createVolume({ volume: { name: "demo-data-disk", size: 40, availability_zone: zone, volume_type: "SSD" } });
  show("Create a 40 GB SSD volume", [`id ${created.volume.id}, status ${created.volume.status}`]);
  const volumeId = created.volume.id;

  const current = await evs.showVolume({ volume_id: volumeId });
  show("Show the volume (a real workflow polls this until status is 'available')", [
    `status ${current.volume.status}, ${current.volume.size} GB`,
  ]);

  const snapshot = await evs.createSnapshot({
    snapshot: { volume_id: volumeId, name: "demo-before-upgrade", description: "taken by npm run demo" },
  });
  show("Snapshot the volume", [`snapshot ${snapshot.snapshot.id}, status ${snapshot.snapshot.status}`]);

  const listed: string[] = [];
  for await (const s of evs.paginate("ListSnapshotsDetails", { volume_id: volumeId, limit: 50 })) {
    listed.push(`${s.id} ${s.name ?? "(unnamed)"} ${s.size} GB [${s.status}]`);
  }
  show("List the volume's snapshots (every page)", listed);

  const rolled = await evs.rollbackSnapshot({ snapshot_id: snapshot.snapshot.id, rollback: { volume_id: volumeId } });
  show("Roll the volume back to the snapshot", [`rollback accepted for volume ${rolled.rollback.volume_id}`]);

  await evs.resizeVolume({ volume_id: volumeId, "os-extend": { new_size: 100 } });
  show("Extend the volume to 100 GB", ["accepted (202, empty body)"]);

  await evs.deleteSnapshot({ snapshot_id: snapshot.snapshot.id });
  show("Delete the snapshot", ["accepted (202)"]);

  await evs.deleteVolume({ volume_id: volumeId, cascade: true });
  show("Delete the volume with its snapshots (cascade=true)", ["accepted (202)"]);

  // What a failure looks like: the mock answers with the spec's documented 404.
  try {
    await evs.showVolume({ volume_id: volumeId }, { headers: { Prefer: "code=404" } });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    show("A typed error (the mock was asked for the documented 404)", [`${error.name}: code ${error.code}, request id ${error.requestId}`]);
  }
}
