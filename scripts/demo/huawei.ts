/**
 * The Huawei Cloud flow on the emulator: create a volume (a job) -> snapshot it -> wait until
 * available -> roll back -> wait -> delete the snapshot -> 404 -> delete the volume -> 404.
 * Every call goes through our public EVS client, signed with the emulator's AK/SK.
 */
import type { Emulator, HuaweiEmulatorClientConfig } from "../../src/emulator/index.ts";
import { createEvsClient, NotFoundError } from "../../src/huawei/index.ts";
import { describeError, failureOf, stepPrinter, waitFor } from "./print.ts";

export async function huaweiFlow(emu: Emulator<HuaweiEmulatorClientConfig>): Promise<void> {
  const show = stepPrinter("Huawei Cloud EVS: volume, snapshot, roll back, delete (AK/SK signed, native EVS paths)");
  // What a user writes for the real cloud is the same, with the real endpoint, project and keys.
  const evs = createEvsClient(emu.clientConfig);

  const listed: string[] = [];
  for await (const v of evs.paginate("ListVolumes", { limit: 2 })) listed.push(`${v.id} ${v.name ?? ""} ${v.size} GB [${v.status}]`);
  show("List the volumes of the default fixture (every page: marker/limit and volumes_links)", listed);

  const created = await evs.createVolume({ volume: { name: "demo-data", size: 40, availability_zone: "cn-north-4a", volume_type: "SSD" } });
  const volumeId = created.volume_ids![0]!;
  show("Create a 40 GB SSD volume (answers with a job); poll the job", [`job ${created.job_id}, volume ${volumeId}`]);
  await waitFor(
    () => evs.showJob({ job_id: created.job_id! }),
    (job) => `job ${job.status}`,
    (job) => job.status === "SUCCESS" || job.status === "FAIL",
  );
  await waitFor(
    () => evs.showVolume({ volume_id: volumeId }),
    (v) => `volume ${v.volume.status}`,
    (v) => v.volume.status === "available",
  );

  const { snapshot } = await evs.createSnapshot({ snapshot: { volume_id: volumeId, name: "demo-before-upgrade" } });
  show("Snapshot the volume; poll until it is available", [`snapshot ${snapshot.id}`]);
  await waitFor(
    () => evs.showSnapshot({ snapshot_id: snapshot.id }),
    (s) => `snapshot ${s.snapshot.status}`,
    (s) => s.snapshot.status === "available",
  );

  // EVS rolls a snapshot back only to its own volume, and only while that volume is available (detached).
  const rolled = await evs.rollbackSnapshot({ snapshot_id: snapshot.id, rollback: { volume_id: volumeId } });
  show("Roll the volume back to the snapshot; poll the volume", [`rollback accepted for volume ${rolled.rollback.volume_id}`]);
  await waitFor(
    () => evs.showVolume({ volume_id: volumeId }),
    (v) => `volume ${v.volume.status}`,
    (v) => v.volume.status === "available",
  );

  const blocked = await failureOf(evs.deleteVolume({ volume_id: volumeId }));
  show("Delete the volume while it has a snapshot: refused", [describeError(blocked)]);

  await evs.deleteSnapshot({ snapshot_id: snapshot.id });
  show("Delete the snapshot; poll until it is gone", []);
  const gone = await waitFor(
    () => evs.showSnapshot({ snapshot_id: snapshot.id }).catch((error: unknown) => error),
    (s) => (s instanceof Error ? describeError(s) : `snapshot ${(s as { snapshot: { status: string } }).snapshot.status}`),
    (s) => s instanceof NotFoundError,
  );
  if (!(gone instanceof NotFoundError)) throw gone;

  const deleted = await evs.deleteVolume({ volume_id: volumeId });
  show("Delete the volume (a job); poll until the volume answers 404", [`job ${deleted.job_id}`]);
  await waitFor(
    () => evs.showVolume({ volume_id: volumeId }).catch((error: unknown) => error),
    (v) => (v instanceof Error ? describeError(v) : `volume ${(v as { volume: { status: string } }).volume.status}`),
    (v) => v instanceof NotFoundError,
  );
  const state = emu.state();
  show("emu.state() afterwards", [
    `${state.volumes.length} volumes, ${state.snapshots.length} snapshots, ${state.jobs.length} jobs; demo-data present: ${state.volumes.some((v) => v.id === volumeId)}`,
  ]);
}
