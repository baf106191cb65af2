/** The Huawei Cloud flow: AZs -> images/backups -> volume (job) -> snapshot -> show -> list -> roll back -> extend -> delete. */
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

  // The native EVS API (Huawei's SDK names): volume calls answer with a job, polled with ShowJob.
  const created = await evs.createVolume({ volume: { name: "demo-data-disk", size: 40, availability_zone: zone, volume_type: "SSD" } });
  const volumeId = created.volume_ids?.[0] ?? "0c789a06-d00d-4cfc-861e-c23facc69a0a";
  show("Create a 40 GB SSD volume (native; answers with a job)", [`job ${created.job_id}, volume ${volumeId}`]);

  const job = await evs.showJob({ job_id: created.job_id! });
  show("Poll the job (a real workflow repeats this until SUCCESS or FAIL)", [`${job.job_type} ${job.status}`]);

  const current = await evs.showVolume({ volume_id: volumeId });
  show("Show the volume", [`status ${current.volume.status}, ${current.volume.size} GB`]);

  const snapshot = await evs.createSnapshot({
    snapshot: { volume_id: volumeId, name: "demo-before-upgrade", description: "taken by npm run demo", force: true },
  });
  const snapshotId = snapshot.snapshot.id;
  show("Snapshot the volume", [`snapshot ${snapshotId}, status ${snapshot.snapshot.status}`]);

  const shown = await evs.showSnapshot({ snapshot_id: snapshotId });
  show("Show the snapshot (a real workflow polls this until 'available')", [
    `status ${shown.snapshot.status}, source volume ${shown.snapshot.volume_id}`,
  ]);

  const listed: string[] = [];
  for await (const s of evs.paginate("ListSnapshots", { volume_id: volumeId, limit: 50 })) {
    listed.push(`${s.id} ${s.name ?? "(unnamed)"} ${s.size} GB [${s.status}]`);
  }
  show("List the volume's snapshots (every page)", listed);

  const rolled = await evs.rollbackSnapshot({ snapshot_id: snapshotId, rollback: { volume_id: volumeId } });
  show("Roll the volume back to the snapshot", [`rollback accepted for volume ${rolled.rollback.volume_id}`]);

  const resized = await evs.resizeVolume({ volume_id: volumeId, "os-extend": { new_size: 100 } });
  show("Extend the volume to 100 GB (native; answers with a job)", [`job ${resized.job_id}`]);

  await evs.deleteSnapshot({ snapshot_id: snapshotId });
  show("Delete the snapshot", ["accepted (202)"]);

  const deleted = await evs.deleteVolume({ volume_id: volumeId });
  show("Delete the volume (native; answers with a job)", [`job ${deleted.job_id}`]);

  // The Cinder-compatible API is there too, under Huawei's Cinder... names.
  const cinder = await evs.cinderShowVolume({ volume_id: volumeId });
  show("Show the volume through the Cinder-compatible API", [`status ${cinder.volume.status}, bootable ${cinder.volume.bootable}`]);

  // What a failure looks like: the mock answers with the spec's documented 404.
  try {
    await evs.showVolume({ volume_id: volumeId }, { headers: { Prefer: "code=404" } });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    show("A typed error (the mock was asked for the documented 404)", [`${error.name}: code ${error.code}, request id ${error.requestId}`]);
  }
}
