/**
 * The Snapshot batches section's (§7) volumes: `n` generated ids per provider, in the shapes the
 * providers use, and the emulator fixture that holds exactly those volumes/disks, detached (Huawei
 * `available`, Alibaba a data disk not attached now but attached once — a disk never attached cannot
 * be snapshotted —, UCloudStack `Unbound`), so every `CreateSnapshot` is allowed. The emulator's host
 * (emulator-host.ts) builds the fixture and the worker (workers/snapshot-many.ts) the ids from the same
 * function, so the two agree without passing 10,000 ids on a command line.
 */
import type { Provider } from "./clients.ts";

export function batchVolumeIds(provider: Provider, n: number): string[] {
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    if (provider === "huawei") ids[i] = `5aa119a8-d25b-45a7-8d1b-${String(i).padStart(12, "0")}`;
    else if (provider === "alibaba") ids[i] = `d-bp1bench${String(i).padStart(10, "0")}`;
    else ids[i] = `disk-bench${String(i).padStart(6, "0")}`;
  }
  return ids;
}

/** The emulator fixture (`startEmulator({ fixture })`) of `n` detached volumes/disks and nothing else. */
export function batchFixture(provider: Provider, n: number): Record<string, unknown> {
  const ids = batchVolumeIds(provider, n);
  if (provider === "huawei") return { volumes: ids.map((id) => ({ id, size: 10 })) };
  if (provider === "alibaba") return { disks: ids.map((id) => ({ id, size: 20, type: "data" })) };
  return { disks: ids.map((id) => ({ id, size: 20 })) };
}
