/**
 * The cross-provider flow: the same code, `createSnapshotManager` from `cloud-disk-openapi/snapshots`, over
 * each provider's client on its emulator: snapshot every volume of the default fixture in one batch
 * (`snapshotMany`, rate-limited, one result per volume), read one back, list a volume's snapshots, roll every
 * volume back to its snapshot (`revertMany` with `stopInstance`: one stop and one start per machine), delete
 * the batch's snapshots and wait until they are gone. Only the client differs per provider.
 */
import type { Emulator } from "../../src/emulator/index.ts";
import { createEcsClient as createHuaweiEcsClient, createEvsClient } from "../../src/huawei/index.ts";
import { createEcsClient } from "../../src/alibaba/index.ts";
import { createUCloudStackClient } from "../../src/ucloudstack/index.ts";
import { createSnapshotManager, type SnapshotManager, type SnapshotProvider } from "../../src/snapshots/index.ts";
import { stepPrinter } from "./print.ts";

type AnyManager = SnapshotManager<SnapshotProvider>;

/** The one line per provider that differs: its client, from the emulator's ready-to-spread config. */
function managerFor(emu: Emulator<object>): AnyManager {
  const config = emu.clientConfig as never;
  switch (emu.provider) {
    case "huawei":
      // Huawei rolls back a detached volume only: the ECS client stops, detaches, re-attaches and starts.
      return createSnapshotManager({
        provider: "huawei",
        client: createEvsClient(config),
        compute: createHuaweiEcsClient(config),
      }) as AnyManager;
    case "alibaba":
      return createSnapshotManager({ provider: "alibaba", client: createEcsClient(config) }) as AnyManager;
    default:
      return createSnapshotManager({ provider: "ucloudstack", client: createUCloudStackClient(config) }) as AnyManager;
  }
}

export async function crossProviderFlow(emulators: ReadonlyArray<Emulator<object>>): Promise<void> {
  const show = stepPrinter("The same code on the three providers: cloud-disk-openapi/snapshots");
  const maxWaitMs = 60_000;
  for (const emu of emulators) {
    const snaps = managerFor(emu);
    const volumeIds = (emu.state() as { volumes: Array<{ id: string }> }).volumes.map((volume) => volume.id);
    const started = performance.now();
    let throttled = 0;
    const results = await snaps.snapshotMany(volumeIds, {
      concurrency: 4,
      ratePerSecond: 100,
      name: (_volumeId, index) => `demo-batch-${index + 1}`,
      // Completed, not only usable: the demo deletes them next, and Alibaba refuses to delete a snapshot
      // still being created (IncorrectDiskStatus.CreatingSnapshot) even once it is usable.
      waitFor: "completed",
      maxWaitMs,
      minDelayMs: 50, // the emulator runs at a hundredth of the real durations
      maxDelayMs: 200,
      onProgress: (event) => {
        throttled = event.throttled;
      },
    });
    const made = results.flatMap((result) => (result.status === "fulfilled" ? [result.snapshot] : []));
    const failed = results.filter((result) => result.status === "rejected");
    show(
      `${emu.provider}: snapshotMany over the fixture's ${volumeIds.length} volumes (4 at a time, at most 100 calls/s), each waited for until completed`,
      [
        `${made.length} ready, ${failed.length} failed, ${throttled} throttling answers absorbed, ${Math.round(performance.now() - started)} ms`,
        ...made.map((s) => `${s.id}  of ${s.volumeId}  ${s.status}${s.readyToUse ? ", ready to use" : ""}, ${s.sizeGiB ?? "?"} GiB`),
        ...failed.map((result) => `${result.volumeId} failed: ${String((result as { error: unknown }).error)}`),
      ],
    );
    if (failed.length > 0) throw new Error(`${emu.provider}: ${failed.length} volumes were not snapshotted`);

    const first = made[0]!;
    const again = await snaps.get(first.id);
    const listed: string[] = [];
    for await (const s of snaps.list({ volumeId: first.volumeId })) listed.push(`${s.id} ${s.status}`);
    show(`${emu.provider}: get ${first.id}, and list every snapshot of its volume`, [
      `get: ${again.status}, created ${again.createdAt?.toISOString() ?? "?"}`,
      ...listed.map((line) => `listed: ${line}`),
    ]);

    const machines = (emu.state() as { instances: Array<{ id: string; status: string }> }).instances;
    const before = machines.map((m) => `${m.id} ${m.status}`).join(", ");
    const rolledBack = await snaps.revertMany(
      made.map((s) => s.id),
      { stopInstance: true, concurrency: 4, ratePerSecond: 100, minDelayMs: 50, maxDelayMs: 200 },
    );
    const back = rolledBack.filter((result) => result.status === "fulfilled").length;
    show(`${emu.provider}: revertMany over the ${made.length} snapshots, stopInstance: true (grouped by machine)`, [
      `${back} volumes rolled back, ${rolledBack.length - back} refused or failed`,
      ...rolledBack.map((result) =>
        result.status === "fulfilled"
          ? `${result.result.volume.id}: ${result.result.steps.map((step) => step.step).join(" -> ")}, now ${result.result.volume.status}`
          : `${result.snapshotId}: ${String(result.error)}`,
      ),
      `machines before: ${before}`,
      `machines after:  ${(emu.state() as { instances: Array<{ id: string; status: string }> }).instances.map((m) => `${m.id} ${m.status}`).join(", ")}`,
    ]);
    if (back !== made.length) throw new Error(`${emu.provider}: ${made.length - back} volumes were not rolled back`);

    await Promise.all(made.map((s) => snaps.delete(s.id)));
    await Promise.all(made.map((s) => snaps.waitUntilDeleted(s.id, { maxWaitMs, minDelayMs: 50, maxDelayMs: 200 })));
    show(`${emu.provider}: delete the ${made.length} snapshots and wait until every one is gone`, []);
  }
}
